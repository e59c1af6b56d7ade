package metrics_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
)

// TestAnsweredItemsFromMasks checks the set of answered items that
// quality and participation read of every answers line, against the set
// its form and values give, one bit per distinct item of the store's
// forms: for forms whose items sit at other places than in the first
// form, repeat an item, or have one item, read from the lines' masks; and
// for a store with a form of more than 64 items (65 places, 5 distinct
// items), whose lines have no mask, read from the values. Quality's count
// of missing values, read the same way, is that of responses.
func TestAnsweredItemsFromMasks(t *testing.T) {
	forms := [][]string{
		{"a", "b", "c"},
		{"c", "a"},
		{"b", "b", "d"},
		{"d"},
		{"e", "a", "f", "b"},
	}
	long := make([]string, 65)
	for i := range long {
		long[i] = string(rune('a' + i%5))
	}
	for name, forms := range map[string][][]string{"masks": forms, "a form of 65 items": append(forms, long)} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db := MustOpenReportStore(t)
			load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/lines.csv", Kind: "responses", Hash: "h", Now: time.Date(2025, 11, 28, 9, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			defer load.Rollback()
			line := 2
			for _, items := range forms {
				form, err := load.Form(items)
				if err != nil {
					t.Fatal(err)
				}
				// Every pattern of blanks over the first five places, the
				// rest answered every other place.
				for pattern := range 1 << min(len(items), 5) {
					values := make([]any, len(items))
					for k := range values {
						if (k < 5 && pattern&(1<<k) != 0) || (k >= 5 && k%2 == 0) {
							values[k] = float64(k%5 + 1)
						}
					}
					if err := load.Append(line, pseudonym(fmt.Sprint(line)), "dag-1", nil, "pre", form, values); err != nil {
						t.Fatal(err)
					}
					line++
				}
			}
			if err := load.Commit(int64(line-2), int64(line-2), 0); err != nil {
				t.Fatal(err)
			}

			expr, bits, ok, err := metrics.AnsweredItems(ctx, db)
			if err != nil || !ok {
				t.Fatalf("AnsweredItems: ok %v, %v", ok, err)
			}
			masks := !slices.ContainsFunc(forms, func(f []string) bool { return len(f) > 64 })
			if got := strings.Contains(expr, "a.answered"); got != masks {
				t.Fatalf("AnsweredItems reads the masks: %v, want %v:\n%s", got, masks, expr)
			}
			var distinct []string
			for _, items := range forms {
				for _, item := range items {
					if !slices.Contains(distinct, item) {
						distinct = append(distinct, item)
					}
				}
			}
			if bits != len(distinct) {
				t.Fatalf("AnsweredItems: %d bits, want one per distinct item, %d", bits, len(distinct))
			}
			rows, err := db.Query(ctx, `SELECT a.line, f.items, a."values", `+expr+` FROM answers a JOIN forms f ON f.id = a.form ORDER BY a.line`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			checked := 0
			for rows.Next() {
				var n int
				var items, values, got any
				if err := rows.Scan(&n, &items, &values, &got); err != nil {
					t.Fatal(err)
				}
				var want uint64
				for k, v := range values.([]any) {
					if v != nil {
						want |= uint64(1) << slices.Index(distinct, items.([]any)[k].(string))
					}
				}
				if got != want {
					t.Errorf("line %d, items %v, values %v: answered items %v, want %d", n, items, values, got, want)
				}
				checked++
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if checked != line-2 {
				t.Fatalf("checked %d lines, want %d", checked, line-2)
			}

			// The missing values that quality counts from the masks (and
			// the values of a line without one) are those of responses.
			q, err := metrics.Quality(ctx, db, &impact.Project{}, 1)
			if err != nil {
				t.Fatal(err)
			}
			var missing, all int64
			if err := db.QueryRow(ctx, `SELECT count(*) - count(value), count(*) FROM responses`).Scan(&missing, &all); err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(q.Missing, func(m impact.MissingCount) bool { return m.Table == "responses" && m.Column == "value" })
			if i < 0 || q.Missing[i].Missing != missing || q.Missing[i].Rows != all {
				t.Fatalf("missing values of responses: %+v, want %d of %d", q.Missing, missing, all)
			}
		})
	}
}
