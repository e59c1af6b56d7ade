package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
)

// TestServeRefusesATruncatedStore: a store cut to half its size is refused
// before the server listens, instead of a board that answers 500 on every
// page while /healthz says ok.
func TestServeRefusesATruncatedStore(t *testing.T) {
	dir := exampleWithData(t)
	path := filepath.Join(dir, ".impact", "impact.duckdb")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, info.Size()/2); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, dir, nil, "--addr", "127.0.0.1:0")
	if s.url != "" {
		t.Fatalf("impact serve started on a truncated store at %s", s.url)
	}
	err = s.stop()
	if got := impact.ExitCode(err); got != 4 || !strings.Contains(impact.ErrorMessage(err), "store") {
		t.Fatalf("serve on a truncated store: exit %d, %v; want exit 4 naming the store", got, err)
	}
	t.Logf("refused with: %s", impact.ErrorMessage(err))
}

// TestEvaluateManyIndicators: 1,500 indicators more than the example's
// evaluate (DuckDB's expression depth of 1,000 once stopped them at about
// 1,000), and each gives the figures of the example indicator it copies.
func TestEvaluateManyIndicators(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates 1,500 indicators")
	}
	dir := exampleWithData(t)
	file := filepath.Join(dir, impact.ProjectFileName)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	models := map[string]string{
		"meetup_participants": "{kind: count, source: attendance, distinct: participant, where: {event_kind: meetup}}",
		"new_contacts_mean":   "{kind: mean, source: attendance, column: new_contacts, where: {event_kind: meetup}}",
	}
	names := []string{"meetup_participants", "new_contacts_mean"}
	var extra strings.Builder
	copyOf := map[string]string{}
	for i := 0; i < 1500; i++ {
		model := names[i%2]
		id := fmt.Sprintf("extra_%d", i)
		copyOf[id] = model
		fmt.Fprintf(&extra, "  - id: %s\n    name: Extra %d\n    node: o1\n    measure: %s\n    target: %d\n    deadline: 2025-06-30\n    frequency: per_event\n    disaggregate: [gender]\n\n", id, i, models[model], i+1)
	}
	text := strings.Replace(string(data), "indicators:\n", "indicators:\n"+extra.String(), 1)
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, "evaluate", "--as-of", "2025-11-30", "--json")
	if r.code != 0 {
		t.Fatalf("evaluate: exit %d, %d bytes of error:\n%.600s", r.code, len(r.stderr), r.stderr)
	}
	var ev impact.Evaluation
	if err := json.Unmarshal([]byte(r.stdout), &ev); err != nil {
		t.Fatal(err)
	}
	byID := map[string]impact.Result{}
	for _, res := range ev.Indicators {
		byID[res.ID] = res
	}
	if len(byID) < 1500 {
		t.Fatalf("%d indicators evaluated", len(byID))
	}
	n := func(p *int) int {
		if p == nil {
			return -1
		}
		return *p
	}
	for id, model := range copyOf {
		got, want := byID[id], byID[model]
		if got.Estimate == nil || want.Estimate == nil || *got.Estimate != *want.Estimate || n(got.N) != n(want.N) {
			t.Fatalf("%s: estimate %v n %d; %s: estimate %v n %d", id, got.Estimate, n(got.N), model, want.Estimate, n(want.N))
		}
	}
}
