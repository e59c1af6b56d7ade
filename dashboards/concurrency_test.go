package dashboards_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/dashboards"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
)

// countingEvaluate is an evaluation that reads the store twice, a little
// apart, as the real one reads it many times: the number of attendance
// rows goes into Participation.Participants and again into
// Costs.Participants. Were it to run across the commit of an ingest, the
// two would differ.
func countingEvaluate(db *store.DB, p *impact.Project) dashboards.EvaluateFunc {
	return func(ctx context.Context, asOf impact.Date) (*impact.Evaluation, error) {
		count := func() (int, error) {
			var n int
			err := db.QueryRow(ctx, `SELECT count(*) FROM attendance`).Scan(&n)
			return n, err
		}
		first, err := count()
		if err != nil {
			return nil, err
		}
		time.Sleep(3 * time.Millisecond)
		second, err := count()
		if err != nil {
			return nil, err
		}
		ev := fakeEvaluation(p, asOf, "")
		ev.Participation.Participants = impact.Int(first)
		ev.Costs.Participants = impact.Int(second)
		return ev, nil
	}
}

// largeAttendance is an attendance list of n rows.
func largeAttendance(n int) []byte {
	var b bytes.Buffer
	b.WriteString("participant,event,event_kind,date,new_contacts\n")
	for i := range n {
		fmt.Fprintf(&b, "BD-%06d,stor-%d,meetup,2025-%02d-%02d,%d\n", i%5000, i%40, 1+i%9, 1+i%28, i%6)
	}
	return b.Bytes()
}

func TestReadersNeverSeeAHalfLoadedStore(t *testing.T) {
	f := newFixture(t, options{realStore: true, evaluate: countingEvaluate})
	ctx := context.Background()
	// Some data before: the three meetups of the example.
	for _, src := range f.project.Sources {
		if src.Kind == "attendance" {
			if _, err := realIngest(f.project, f.db)(ctx, src, dashboards.IngestOptions{}); err != nil {
				t.Fatal(err)
			}
		}
	}
	var before int
	f.db.QueryRow(ctx, `SELECT count(*) FROM attendance`).Scan(&before)
	const rows = 150_000
	file := largeAttendance(rows)
	after := before + rows

	read := func(asOf string) (int, int, error) {
		rec := f.get("/api/v1/evaluation?as_of="+asOf, "")
		if rec.Code != http.StatusOK {
			return 0, 0, fmt.Errorf("GET /api/v1/evaluation: %d %s", rec.Code, rec.Body)
		}
		var ev impact.Evaluation
		if err := json.Unmarshal(rec.Body.Bytes(), &ev); err != nil {
			return 0, 0, err
		}
		return *ev.Participation.Participants, *ev.Costs.Participants, nil
	}
	if a, b, err := read("2025-11-30"); err != nil || a != before || b != before {
		t.Fatalf("before the upload: %d and %d (%v), want %d", a, b, err, before)
	}

	var ingesting atomic.Bool
	ingesting.Store(true)
	done := make(chan struct{})
	var uploadCode int
	go func() {
		defer close(done)
		defer ingesting.Store(false)
		rec := f.upload(nil, "stor-narvaro.csv", file, map[string]string{"kind": "attendance"})
		uploadCode = rec.Code
		if rec.Code != http.StatusOK {
			t.Errorf("the upload: %d\n%s", rec.Code, rec.Body)
		}
	}()

	var (
		wg                     sync.WaitGroup
		mu                     sync.Mutex
		seen                   = map[int]int{}
		duringIngest, failures int
	)
	start := time.Now()
	for reader := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				if time.Since(start) > 2*time.Minute {
					return
				}
				// Most reads hit the cache; one in three asks for a new
				// date and so makes the server compute while the ingest runs.
				asOf := "2025-11-30"
				if i%3 == 0 {
					asOf = impact.Date{Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, reader*500+i)}.String()
				}
				during := ingesting.Load()
				a, b, err := read(asOf)
				mu.Lock()
				switch {
				case err != nil:
					failures++
					t.Errorf("read during the upload: %v", err)
				case a != b:
					failures++
					t.Errorf("a half-loaded store: the evaluation counted %d rows, then %d", a, b)
				case a != before && a != after:
					failures++
					t.Errorf("a read saw %d rows: neither %d before nor %d after the upload", a, before, after)
				default:
					seen[a]++
					if during {
						duringIngest++
					}
				}
				mu.Unlock()
			}
		}()
	}
	<-done
	wg.Wait()
	if uploadCode != http.StatusOK {
		return
	}
	if a, b, err := read("2025-11-30"); err != nil || a != after || b != after {
		t.Errorf("after the upload: %d and %d (%v), want %d", a, b, err, after)
	}
	t.Logf("upload of %d rows took %s; %d reads during it, counts seen: %v", rows, time.Since(start).Round(time.Millisecond), duringIngest, seen)
	if duringIngest == 0 {
		t.Errorf("no read ran while the file was ingested; the test proved nothing")
	}
	if seen[before] == 0 {
		t.Errorf("no read during the upload saw the state before it: readers were blocked instead of served the last complete state")
	}
}

func TestReadersDuringAnIngestWithTheRealEvaluation(t *testing.T) {
	realEvaluate := func(db *store.DB, p *impact.Project) dashboards.EvaluateFunc {
		return func(ctx context.Context, asOf impact.Date) (*impact.Evaluation, error) {
			return metrics.Evaluate(ctx, db, p, metrics.Options{AsOf: asOf, Now: func() time.Time { return fixedNow }, Version: "test"})
		}
	}
	f := newFixture(t, options{realStore: true, evaluate: realEvaluate})
	ctx := context.Background()
	for _, src := range f.project.Sources {
		if _, err := realIngest(f.project, f.db)(ctx, src, dashboards.IngestOptions{}); err != nil {
			t.Fatalf("ingest %s: %v", src.File, err)
		}
	}
	// A state of the data: its hash and the number of people who came to
	// a meetup (the first indicator of the example).
	type state struct {
		hash    string
		meetups float64
	}
	id := f.project.Indicators[0].ID
	read := func(asOf string) (state, error) {
		rec := f.get("/api/v1/evaluation?as_of="+asOf, "")
		if rec.Code != http.StatusOK {
			return state{}, fmt.Errorf("GET /api/v1/evaluation: %d %s", rec.Code, rec.Body)
		}
		var ev impact.Evaluation
		if err := json.Unmarshal(rec.Body.Bytes(), &ev); err != nil {
			return state{}, err
		}
		r, ok := ev.Result(id)
		if !ok || r.Estimate == nil {
			return state{}, fmt.Errorf("no estimate of %s", id)
		}
		return state{ev.DataHash, *r.Estimate}, nil
	}
	before, err := read("2026-01-01")
	if err != nil {
		t.Fatal(err)
	}
	// New people at a new meetup, so that the count moves.
	var file bytes.Buffer
	file.WriteString("participant,event,event_kind,date\n")
	for i := range 60_000 {
		fmt.Fprintf(&file, "NY-%05d,stor-%d,meetup,2025-10-%02d\n", i%20_000, i%3, 1+i%28)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if rec := f.upload(nil, "stor-traff.csv", file.Bytes(), map[string]string{"kind": "attendance"}); rec.Code != http.StatusOK {
			t.Errorf("the upload: %d\n%s", rec.Code, rec.Body)
		}
	}()
	// One reader asks for the date already computed, which the cache
	// answers at once with the last complete state; another asks for new
	// dates, each computed afresh, and so waits for the ingest to commit.
	var (
		mu   sync.Mutex
		seen []state
		wg   sync.WaitGroup
	)
	for reader := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				asOf := "2026-01-01"
				if reader == 1 {
					asOf = impact.Date{Time: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)}.String()
				}
				s, err := read(asOf)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				seen = append(seen, s)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	after, err := read("2027-01-01")
	if err != nil {
		t.Fatal(err)
	}
	if after.hash == before.hash || after.meetups <= before.meetups {
		t.Fatalf("the upload changed nothing: %+v then %+v", before, after)
	}
	for _, s := range seen {
		if s != before && s != after {
			t.Errorf("a read during the upload saw %+v: neither the state before (%+v) nor after (%+v)", s, before, after)
		}
	}
	counts := map[bool]int{}
	for _, s := range seen {
		counts[s == before]++
	}
	t.Logf("%d reads during the upload, %d of the state before and %d after; before %+v, after %+v", len(seen), counts[true], counts[false], before, after)
	if counts[true] == 0 {
		t.Errorf("no read during the upload was served the last complete state")
	}
}
