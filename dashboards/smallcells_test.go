package dashboards_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/dashboards"
)

// smallCellServer is a loopback server whose evaluation has its first
// indicator measured on two people (n = 2, one success), under min_cell,
// with its figures kept and marked as `impact evaluate --json` keeps them.
func smallCellServer(t *testing.T) (http.Handler, *impact.Evaluation) {
	t.Helper()
	p := MustExample(t)
	var last *impact.Evaluation
	srv, err := dashboards.New(dashboards.Config{
		Project: p, Addr: "127.0.0.1:8080", Version: "test", Log: &syncBuffer{},
		Now: func() time.Time { return fixedNow },
		Evaluate: func(ctx context.Context, asOf impact.Date) (*impact.Evaluation, error) {
			ev := fakeEvaluation(p, asOf, "Höstgruppen")
			r := &ev.Indicators[0]
			r.N, r.Successes, r.Suppressed = impact.Int(2), impact.Int(1), true
			r.Estimate, r.CILow, r.CIHigh = impact.Float(0.5), impact.Float(0.09), impact.Float(0.91)
			last = ev
			return ev, nil
		},
		DataHash: func(context.Context) (string, error) { return "fake", nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	h.ServeHTTP(httptest.NewRecorder(), loopbackRequest("/api/v1/evaluation"))
	if last == nil {
		t.Fatal("the server did not evaluate")
	}
	return h, last
}

// TestAPISmallCells: an indicator with n = 2 under min_cell = 5 is null with
// suppressed: true in /api/v1/indicators/{id} and /api/v1/evaluation, as
// the page shows "fewer than 5", while the evaluation the server holds (the
// analyst's own, as impact evaluate --json prints it) keeps its figures.
func TestAPISmallCells(t *testing.T) {
	h, ev := smallCellServer(t)
	small := ev.Indicators[0]
	get := func(path string) []byte {
		t.Helper()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, loopbackRequest(path))
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d\n%s", path, rec.Code, rec.Body)
		}
		return rec.Body.Bytes()
	}
	figures := []string{"n", "successes", "estimate", "ci_low", "ci_high", "ci_exact_low", "ci_exact_high", "p_value", "p_adjusted", "prob_target_met", "forecast"}
	check := func(t *testing.T, r map[string]any) {
		t.Helper()
		if r["suppressed"] != true {
			t.Fatalf("suppressed = %v, want true", r["suppressed"])
		}
		for _, key := range figures {
			if v, ok := r[key]; ok && v != nil {
				t.Errorf("%s = %v, want null", key, v)
			}
		}
		for _, key := range []string{"series", "pairs"} {
			if v, ok := r[key]; ok && v != nil {
				t.Errorf("%s = %v, want none", key, v)
			}
		}
		groups, _ := r["disaggregation"].([]any)
		for _, g := range groups {
			g := g.(map[string]any)
			if g["suppressed"] != true || g["n"] != nil || g["estimate"] != nil {
				t.Errorf("group %v shows figures", g)
			}
		}
		if r["id"] != small.ID || r["name"] != small.Name {
			t.Errorf("the indicator lost its id or name: %v", r)
		}
	}
	t.Run("indicator", func(t *testing.T) {
		var r map[string]any
		if err := json.Unmarshal(get("/api/v1/indicators/"+small.ID), &r); err != nil {
			t.Fatal(err)
		}
		check(t, r)
	})
	t.Run("evaluation", func(t *testing.T) {
		var doc struct {
			Indicators []map[string]any `json:"indicators"`
			Costs      struct {
				PerOutcome map[string]any `json:"per_outcome"`
			} `json:"costs"`
		}
		if err := json.Unmarshal(get("/api/v1/evaluation"), &doc); err != nil {
			t.Fatal(err)
		}
		check(t, doc.Indicators[0])
		if v, ok := doc.Costs.PerOutcome[small.ID]; !ok || v != nil {
			t.Errorf("cost per outcome of the small indicator = %v, want null", v)
		}
		if doc.Indicators[1]["n"] == nil || doc.Indicators[1]["suppressed"] == true {
			t.Errorf("an indicator above min_cell lost its figures: %v", doc.Indicators[1])
		}
	})
	t.Run("analyst's evaluation unchanged", func(t *testing.T) {
		if ev.Indicators[0].N == nil || *ev.Indicators[0].N != 2 || ev.Indicators[0].Estimate == nil || ev.Costs.PerOutcome[small.ID] == nil {
			t.Fatalf("the API changed the evaluation the server holds: %+v", ev.Indicators[0])
		}
	})
}

// loopbackRequest is a GET as a browser on this machine sends it.
func loopbackRequest(path string) *http.Request {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Host = loopbackHost
	return req
}
