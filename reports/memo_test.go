package reports_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/reports"
)

// memoMarkdown renders the example's memo in Markdown, after change has
// adjusted its input.
func memoMarkdown(t *testing.T, lang string, change func(in *reports.Input)) string {
	t.Helper()
	in := exampleInput(t, lang)
	if change != nil {
		change(&in)
	}
	md, _, err := reports.RenderMarkdown(reports.DocMemo, in)
	if err != nil {
		t.Fatal(err)
	}
	return string(md)
}

// mdSectionText returns the text of a level-2 section, up to the next one.
func mdSectionText(t *testing.T, md, heading string) string {
	t.Helper()
	i := strings.Index(md, "\n## "+heading+"\n")
	if i < 0 {
		t.Fatalf("no section %q", heading)
	}
	rest := md[i+len(heading)+5:]
	if j := strings.Index(rest, "\n## "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// statusCounts counts the evaluation's goals in the four groups the memo's
// summary states, and names those not met.
func statusCounts(ev *impact.Evaluation) (met, notMet, uncertain, noData int, notMetNames []string) {
	for _, r := range ev.Indicators {
		switch r.Status {
		case impact.StatusMet:
			met++
		case impact.StatusNotMet:
			notMet++
		case impact.StatusLikelyMet, impact.StatusLikelyNotMet:
			uncertain++
		case impact.StatusNoData, impact.StatusInsufficientData:
			noData++
		}
		if r.Status == impact.StatusNotMet || r.Status == impact.StatusLikelyNotMet {
			notMetNames = append(notMetNames, r.Name)
		}
	}
	return
}

// summaryCounts reads the four counts from the summary's sentence.
var summaryCounts = regexp.MustCompile(`Uppnådda: (\d+)\. Inte uppnådda: (\d+)\. Osäkra: (\d+)\. Utan tillräckliga data: (\d+)\.`)

// TestMemoDecision renders the memo without a decision, with
// continue_with_changes and with end, and checks the proposal, the
// summary's counts and named goals, every section, and what must not be
// there.
func TestMemoDecision(t *testing.T) {
	headings := []string{"Ärende", "Förslag till beslut", "Sammanfattning", "Bakgrund", "Ärendets beredning", "Resultat och värde",
		"Ekonomiska konsekvenser", "Konsekvenser för barn", "Jämställdhet", "Bedömning", "Beslutsunderlag", "Beslutet skickas till", "Underskrift"}
	cases := []struct {
		name     string
		decision string
		changes  []string
		want     []string
		notWant  []string
	}{
		{
			name: "no decision",
			want: []string{
				"[Handläggaren skriver: vilket förslag förvaltningen lägger.",
				"### Alternativ 1: samverkan fortsätter", "### Alternativ 2: samverkan fortsätter med förändringar", "### Alternativ 3: samverkan avslutas",
				"med dessa förändringar: \\[förändringarna\\]",
				"avslutas när den nuvarande perioden löper ut 2025-11-30",
				"[Handläggaren skriver: förvaltningens förslag",
			},
			notWant: []string{"Förslaget är att samverkan fortsätter"},
		},
		{
			name: "continue_with_changes", decision: impact.DecisionContinueWithChanges,
			changes: []string{"Jobbmarknaden flyttas till våren", "Uppföljningen görs per telefon"},
			want: []string{
				"1. Kommunstyrelsen beslutar att samverkan Samlad kraft för framtidens Boden med Nya Vägar Norr ek. för. fortsätter från och med 2026-01-01 till och med 2027-12-31, med dessa förändringar: Jobbmarknaden flyttas till våren och Uppföljningen görs per telefon.",
				"2. Kommunstyrelsen beslutar att finansiera samverkan",
				"Det som ändras: Jobbmarknaden flyttas till våren och Uppföljningen görs per telefon.",
			},
			notWant: []string{"Alternativ 1", "avslutas när", "[Handläggaren skriver: vilket förslag"},
		},
		{
			name: "end", decision: impact.DecisionEnd,
			want: []string{
				"1. Kommunstyrelsen beslutar att samverkan Samlad kraft för framtidens Boden med Nya Vägar Norr ek. för. avslutas när den nuvarande perioden löper ut 2025-11-30.",
				"2. Kommunstyrelsen ger förvaltningen i uppdrag att ta tillvara lärdomarna",
				"Förslaget är att samverkan avslutas när perioden löper ut 2025-11-30.",
			},
			notWant: []string{"Alternativ 1", "fortsätter från och med", "finansiera samverkan", "Samverkan kan finansieras på flera sätt"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			md := memoMarkdown(t, "sv", func(in *reports.Input) {
				in.Project.Memo.Decision = tc.decision
				in.Project.Memo.Changes = tc.changes
			})
			proposal := mdSectionText(t, md, "Förslag till beslut")
			for _, want := range tc.want {
				if !strings.Contains(md, want) {
					t.Errorf("the memo lacks %q", want)
				}
			}
			for _, bad := range tc.notWant {
				if strings.Contains(proposal, bad) || strings.Contains(mdSectionText(t, md, "Sammanfattning"), bad) {
					t.Errorf("the memo's proposal or summary holds %q", bad)
				}
			}
			last := -1
			for _, h := range headings {
				i := strings.Index(md, "\n## "+h+"\n")
				if i < 0 || i < last {
					t.Errorf("section %q missing or out of order", h)
				}
				last = i
			}

			summary := mdSectionText(t, md, "Sammanfattning")
			met, notMet, uncertain, noData, names := statusCounts(exampleEvaluation())
			m := summaryCounts.FindStringSubmatch(summary)
			if m == nil {
				t.Fatalf("the summary states no counts:\n%s", summary)
			}
			for i, want := range []int{met, notMet, uncertain, noData} {
				if got, _ := strconv.Atoi(m[i+1]); got != want {
					t.Errorf("summary count %d = %d, want %d", i, got, want)
				}
			}
			if len(names) == 0 {
				t.Fatal("the fixture has no goal not met; the test would check nothing")
			}
			for _, name := range names {
				if !strings.Contains(summary, name) {
					t.Errorf("the summary does not name the goal not met %q", name)
				}
			}
		})
	}
}

// TestMemoOnlyWhatIsKnown checks what the memo must not say: a budget of
// 0 kr where none was loaded, a forecast for a deadline already passed, a
// permission claimed on the user's behalf, a path as a source's name, a
// national comparison without the national series; and that each appears
// where the project does say so.
func TestMemoOnlyWhatIsKnown(t *testing.T) {
	t.Run("no budget", func(t *testing.T) {
		md := memoMarkdown(t, "sv", func(in *reports.Input) {
			c := in.Evaluation.Costs
			c.Budget = 0
			for i := range c.Lines {
				c.Lines[i].Budget = 0
			}
		})
		economy := mdSectionText(t, md, "Ekonomiska konsekvenser")
		if regexp.MustCompile(`Budget:\*\* 0\s`).MatchString(economy) {
			t.Errorf("the memo prints a budget of 0:\n%s", economy)
		}
		if !strings.Contains(economy, "**Budget:** ingen budget angiven") {
			t.Errorf("the memo does not say that no budget was given:\n%s", economy)
		}
	})
	t.Run("forecast", func(t *testing.T) {
		passed := memoMarkdown(t, "sv", nil)
		ahead := memoMarkdown(t, "sv", func(in *reports.Input) { in.Evaluation = forecastEvaluation() })
		const forecast = "Om utvecklingen håller i sig väntas"
		if strings.Contains(passed, forecast) {
			t.Error("the memo at 2025-11-30 forecasts a deadline already passed")
		}
		if !strings.Contains(ahead, forecast) {
			t.Error("the memo at 2025-05-31 lacks the forecast of the deadline 2025-06-30")
		}
	})
	t.Run("licence", func(t *testing.T) {
		md := memoMarkdown(t, "sv", nil)
		for _, claim := range []string{"med tillstånd", "Används med licens"} {
			if strings.Contains(md, claim) {
				t.Errorf("the memo claims %q on the user's behalf", claim)
			}
		}
		if !strings.Contains(md, "omfattas av en licens från University of Warwick") {
			t.Error("the memo does not state SWEMWBS's licence")
		}
		granted := memoMarkdown(t, "sv", func(in *reports.Input) {
			for i := range in.Project.Instruments {
				in.Project.Instruments[i].LicenceGranted = true
			}
		})
		if !strings.Contains(granted, "Används med licens från University of Warwick") {
			t.Error("with licence_granted the memo does not say the scale is used under licence")
		}
	})
	t.Run("sources by name", func(t *testing.T) {
		basis := mdSectionText(t, memoMarkdown(t, "sv", nil), "Beslutsunderlag")
		if strings.Contains(basis, "data/") || strings.Contains(basis, ".csv") {
			t.Errorf("the decision basis names sources by path:\n%s", basis)
		}
		if !strings.Contains(basis, "Deltagarregister, ") {
			t.Errorf("the decision basis does not name the participant register:\n%s", basis)
		}
	})
	t.Run("tense", func(t *testing.T) {
		ended := mdSectionText(t, memoMarkdown(t, "sv", nil), "Ärende")
		running := mdSectionText(t, memoMarkdown(t, "sv", func(in *reports.Input) { in.Evaluation = forecastEvaluation() }), "Ärende")
		if !strings.Contains(ended, "Samverkan pågick 2024-11-01 – 2025-11-30.") {
			t.Errorf("a period that ended on the as-of date is not in the past tense:\n%s", ended)
		}
		if !strings.Contains(running, "Samverkan pågår 2024-11-01 – 2025-11-30.") {
			t.Errorf("a period running at the as-of date is not in the present tense:\n%s", running)
		}
	})
	t.Run("kolada", func(t *testing.T) {
		background := mdSectionText(t, memoMarkdown(t, "sv", nil), "Bakgrund")
		if !strings.Contains(background, "jämfört med riket") {
			t.Fatalf("the fixture's national series is not compared:\n%s", background)
		}
		alone := mdSectionText(t, memoMarkdown(t, "sv", func(in *reports.Input) {
			var kept []impact.KPISeries
			for _, s := range in.Evaluation.KPIs {
				if s.Municipality != "0000" {
					kept = append(kept, s)
				}
			}
			in.Evaluation.KPIs = kept
		}), "Bakgrund")
		if strings.Contains(alone, "riket") {
			t.Errorf("the memo compares with the country without the national series:\n%s", alone)
		}
		titled := mdSectionText(t, memoMarkdown(t, "sv", func(in *reports.Input) {
			in.Project.KPIs = []impact.KPIInfo{{ID: "N00914", Title: "Andel unga vuxna i arbete eller studier", Unit: "procent"}}
		}), "Bakgrund")
		if !strings.Contains(titled, "Enligt Kolada var andel unga vuxna i arbete eller studier (Kolada N00914)") || !strings.Contains(titled, "\u00a0%") {
			t.Errorf("the key figure lacks its title or unit:\n%s", titled)
		}
		compared := mdSectionText(t, memoMarkdown(t, "sv", func(in *reports.Input) {
			in.Project.KPIs = []impact.KPIInfo{{ID: "N00914", Compare: []string{"2580", "0000"}}}
			in.Evaluation.KPIs = append(in.Evaluation.KPIs,
				impact.KPISeries{KPI: "N00914", Municipality: "2580", Gender: "T", Points: []impact.KPIPoint{{Period: 2024, Value: f(10.4)}}},
				impact.KPISeries{KPI: "N00914", Municipality: "2584", Gender: "T", Points: []impact.KPIPoint{{Period: 2024, Value: f(13.1)}}})
		}), "Bakgrund")
		if !strings.Contains(compared, "I jämförelsegruppen var det samma år kommun 2580 10,4.") || strings.Contains(compared, "2584") {
			t.Errorf("the comparison group is not the one kpi.compare names:\n%s", compared)
		}
	})
}

// TestMemoOfficerParagraphs checks the marked paragraphs in HTML and in
// both languages' Markdown, the child-rights share, the results by gender
// and the signature block.
func TestMemoOfficerParagraphs(t *testing.T) {
	in := exampleInput(t, "sv")
	in.Evaluation.Ages = &impact.Ages{Known: n(120), Under18: n(18)}
	page, err := reports.RenderHTML(reports.DocMemo, in)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(page), `<mark class="to-officer">`); got < 4 {
		t.Errorf("the HTML memo has %d marked paragraphs, want the assessment, children, equality, workshop or proposal", got)
	}
	md := memoMarkdown(t, "sv", func(in *reports.Input) { in.Evaluation.Ages = &impact.Ages{Known: n(120), Under18: n(18)} })
	children := mdSectionText(t, md, "Konsekvenser för barn")
	// What the officer is to write comes first, whole; the share follows it.
	if !strings.Contains(children, "[Handläggaren skriver: hur förslaget påverkar barn och unga under 18 år och hur barnets bästa har beaktats (barnkonventionen, lag sedan 2020). 15\u00a0% av deltagarna var under 18 år när projektet började (av 120 deltagare med känt födelseår).]") {
		t.Errorf("the child-rights paragraph lacks the share under 18:\n%s", children)
	}
	masked := mdSectionText(t, memoMarkdown(t, "sv", func(in *reports.Input) { in.Evaluation.Ages = &impact.Ages{Known: n(120)} }), "Konsekvenser för barn")
	if regexp.MustCompile(`\d+\s?% av deltagarna`).MatchString(masked) || !strings.Contains(masked, "färre än 5 eller ingen") {
		t.Errorf("a suppressed number under 18 is shown:\n%s", masked)
	}
	equality := mdSectionText(t, md, "Jämställdhet")
	if !strings.Contains(equality, "kvinna 61 (61 personer)") || strings.Contains(equality, "annat") {
		t.Errorf("the equality section does not show the unsuppressed gender groups only:\n%s", equality)
	}
	signature := mdSectionText(t, md, "Underskrift")
	if !strings.Contains(signature, "Alex Exempelsson\\\nVerksamhetsledare, Nya Vägar Norr") {
		t.Errorf("the signature is not name and title on a line each:\n%s", signature)
	}
	if !strings.Contains(signature, "Kim Exempeldotter\\\nArbetsmarknadschef") {
		t.Errorf("the approver's signature is not name and title on a line each:\n%s", signature)
	}
	unsigned := mdSectionText(t, memoMarkdown(t, "sv", func(in *reports.Input) { in.Project.Memo.Approver = nil }), "Underskrift")
	if !strings.Contains(unsigned, "[Handläggaren skriver: namn och titel på den som godkänner") {
		t.Errorf("the approver's missing signature is not marked:\n%s", unsigned)
	}
	if prep := mdSectionText(t, md, "Ärendets beredning"); !strings.Contains(prep, "Resultaten har diskuterats vid en lärande workshop med parterna den 2025-11-20.") {
		t.Errorf("the preparation lacks the workshop's date:\n%s", prep)
	}
	if sendTo := mdSectionText(t, md, "Beslutet skickas till"); !strings.Contains(sendTo, "- Arbetsmarknadsförvaltningen\n- Nya Vägar Norr ek. för.") {
		t.Errorf("the memo is not sent to memo.send_to:\n%s", sendTo)
	}
	en := memoMarkdown(t, "en", nil)
	if !strings.Contains(en, "[Officer writes: ") || strings.Contains(en, "Handläggaren") {
		t.Error("the English memo does not mark the officer's paragraphs in English")
	}
}

// TestColophonNotPerPage checks that the printed memo names the engine's
// version once, in the colophon at the end, not in a footer on every page.
func TestColophonNotPerPage(t *testing.T) {
	MustHaveTool(t, reports.FindChromium, "apt-get install -y chromium")
	pdftotext := MustHaveTool(t, lookPath("pdftotext"), "apt-get install -y poppler-utils")
	for _, doc := range reports.Docs {
		pdf, err := reports.RenderPDF(context.Background(), doc, exampleInput(t, "sv"))
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, pdftotext, pdf, false)
		if got := strings.Count(text, "0.1.0-test"); got != 1 {
			t.Errorf("%s: the version appears %d times in the PDF, want once in the colophon", doc, got)
		}
		if !strings.Contains(text, "Underlag framtaget med impact 0.1.0-test, data per 2025-11-30, kontrollsumma 9f2c4e1a.") {
			t.Errorf("%s: the PDF lacks the colophon", doc)
		}
	}
}

// withKPIGoal adds to the example a goal that follows a Kolada key figure
// (measure kind kpi), with its result as metrics gives it.
func withKPIGoal(in *reports.Input) {
	base := date("2023-12-31")
	in.Project.Indicators = append(in.Project.Indicators, impact.Indicator{
		ID: "neet", Name: "Unga som varken arbetar eller studerar", Node: "i1",
		Measure:  &impact.Measure{Kind: impact.KindKPI, Source: "kpi", KPI: "N00914", Municipality: "2582", Gender: "T"},
		Baseline: &impact.Baseline{Value: 12.3, Date: &base}, Target: f(11), Direction: "decrease", Deadline: datePtr("2025-11-30"),
	})
	in.Project.KPIs = []impact.KPIInfo{{ID: "N00914", Title: "Unga 16–24 år som varken arbetar eller studerar", Unit: "procent"}}
	in.Evaluation.Indicators = append(in.Evaluation.Indicators, impact.Result{
		ID: "neet", Name: "Unga som varken arbetar eller studerar", Node: "i1", Kind: impact.KindKPI,
		Estimate: f(10.8), Baseline: f(12.3), Target: f(11), Direction: "decrease", Deadline: datePtr("2025-11-30"), Due: true,
		Status: impact.StatusMet, Period: n(2024), BaselinePeriod: n(2023), Change: f(-1.5),
		Series: []impact.Point{{Date: date("2023-12-31"), Label: "2023", Value: 12.3}, {Date: date("2024-12-31"), Label: "2024", Value: 10.8}},
	})
}

// TestKPIGoal renders a goal that follows a Kolada key figure in every
// report and format: its figure in its unit and year, the change since the
// baseline's year, no interval and no n.
func TestKPIGoal(t *testing.T) {
	md := memoMarkdown(t, "sv", withKPIGoal)
	if want := "Enligt Kolada var unga 16–24 år som varken arbetar eller studerar (Kolada N00914) 10,8\u00a0% år 2024, −1,5 sedan 2023; målet var högst 11,0."; !strings.Contains(md, want) {
		t.Errorf("the memo lacks %q", want)
	}
	for _, doc := range reports.Docs {
		in := exampleInput(t, "en")
		withKPIGoal(&in)
		page, err := reports.RenderHTML(doc, in)
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		found := false
		for _, r := range goalBoardRows(t, page) {
			if r.key != "neet" {
				continue
			}
			found = true
			if r.fields["interval"] != "–" || r.fields["n"] != "–" || r.fields["estimate"] != "10.8" {
				t.Errorf("%s: the key figure's row reads %v, want 10.8 with no interval and no n", doc, r.fields)
			}
		}
		if !found && doc != reports.DocQuality {
			t.Errorf("%s: the goal board has no row for the key figure's goal", doc)
		}
		if _, err := reports.RenderDOCX(doc, in); err != nil {
			t.Errorf("%s as Word: %v", doc, err)
		}
	}
}

// goalBoardRows reads the rows of the goal boards of a page.
func goalBoardRows(t *testing.T, page []byte) []tableRow {
	var rows []tableRow
	for _, r := range tableRows(t, page) {
		if _, ok := r.fields["status"]; ok {
			rows = append(rows, r)
		}
	}
	return rows
}
