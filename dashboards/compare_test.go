package dashboards_test

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/dashboards"
)

// compareServer is a loopback server whose evaluation has an attrition test
// on wellbeing_change and a comparison group on work_or_study_6m; hide
// marks work_or_study_6m as resting on fewer than min_cell people.
func compareServer(t *testing.T, design string, hide bool) http.Handler {
	t.Helper()
	p := MustExample(t)
	srv, err := dashboards.New(dashboards.Config{
		Project: p, Addr: "127.0.0.1:8080", Version: "test", Log: &syncBuffer{},
		Now: func() time.Time { return fixedNow },
		Evaluate: func(ctx context.Context, asOf impact.Date) (*impact.Evaluation, error) {
			ev := fakeEvaluation(p, asOf, "Höstgruppen")
			for i := range ev.Indicators {
				r := &ev.Indicators[i]
				switch r.ID {
				case "wellbeing_change":
					r.AttritionTest = &impact.AttritionTest{NBoth: 90, NOnly: 20, MeanBoth: 19.11, MeanOnly: 17.39, Difference: 1.72,
						DiffLow: impact.Float(0.16), DiffHigh: impact.Float(3.29), PValue: impact.Float(0.032)}
				case "work_or_study_6m":
					r.Comparison = &impact.Comparison{Cohort: "Jämförelse 2025", Design: design, N: impact.Int(28),
						Estimate: impact.Float(0.393), CILow: impact.Float(0.236), CIHigh: impact.Float(0.576),
						Difference: impact.Float(0.057), DiffLow: impact.Float(-0.163), DiffHigh: impact.Float(0.278), PValue: impact.Float(0.614)}
					r.Suppressed = hide
				}
			}
			return ev, nil
		},
		DataHash: func(context.Context) (string, error) { return "fake", nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	return srv.Handler()
}

// MustGet answers a GET through the handler, failing unless it is 200.
func MustGet(t *testing.T, h http.Handler, path string) string {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, loopbackRequest(path))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", path, rec.Code, rec.Body)
	}
	return html.UnescapeString(rec.Body.String())
}

// checkContains fails t for every text the page lacks.
func checkContains(t *testing.T, page string, texts ...string) {
	t.Helper()
	for _, want := range texts {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

func TestIndicatorPageComparison(t *testing.T) {
	h := compareServer(t, impact.DesignObservational, false)
	page := MustGet(t, h, "/indicators/work_or_study_6m?lang=en")
	checkContains(t, page,
		"Compared with people in the cohort Jämförelse 2025 who did not take part.",
		"<dd>28</dd>",
		"+6 percentage points (−16 percentage points to +28 percentage points)",
		"so the difference is no effect of the collaboration",
		"<dt>p-value of the difference</dt><dd>0.614</dd>")
	if strings.Contains(page, "estimates the effect") {
		t.Error("an observational comparison is read as an effect")
	}
	page = MustGet(t, compareServer(t, impact.DesignRandomised, false), "/indicators/work_or_study_6m?lang=en")
	if !strings.Contains(page, "estimates the effect of taking part") {
		t.Error("a randomised comparison is not read as an effect")
	}
}

func TestIndicatorPageAttrition(t *testing.T) {
	page := MustGet(t, compareServer(t, impact.DesignObservational, false), "/indicators/wellbeing_change")
	checkContains(t, page,
		"De som bara svarade före låg 1,7 poäng lägre från början; förändringen kan vara överskattad.",
		"<dd>90 / 20</dd>",
		"<dd>19,1 / 17,4</dd>",
		"<dt>p-värde för skillnaden</dt><dd>0,032</dd>")
}

// TestComparisonOfHiddenResult: the comparison of an indicator under
// min_cell would give its estimate back through the difference; neither
// the page nor the API shows it.
func TestComparisonOfHiddenResult(t *testing.T) {
	h := compareServer(t, impact.DesignObservational, true)
	if page := MustGet(t, h, "/indicators/work_or_study_6m?lang=en"); strings.Contains(page, "Comparison group") {
		t.Error("the page shows the comparison of a hidden result")
	}
	if body := MustGet(t, h, "/api/v1/indicators/work_or_study_6m"); strings.Contains(body, `"comparison"`) {
		t.Errorf("the API gives the comparison of a hidden result: %s", body)
	}
}
