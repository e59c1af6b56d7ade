package dashboards_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"
)

// BenchmarkGoalBoard loads the goal board with 50 concurrent clients for
// 10 seconds on loopback and reports the 99th percentile of the response
// time and the number of errors (the goal: p99 under 50 ms, no errors).
// It runs only with -bench, stops by itself, and sends nothing beyond
// 127.0.0.1. The evaluation is cached, as in a meeting where everyone
// looks at the same board: this measures rendering and serving.
func BenchmarkGoalBoard(b *testing.B) {
	const (
		clients  = 50
		duration = 10 * time.Second
	)
	f := newFixture(b, options{renderer: fakeRenderer{}})
	srv := httptest.NewServer(f.handler)
	defer srv.Close()
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients},
		Timeout:   5 * time.Second,
	}
	// One request first, so that the evaluation is cached before the clock runs.
	if res, err := client.Get(srv.URL + "/"); err != nil || res.StatusCode != http.StatusOK {
		b.Fatalf("GET /: %v %v", res, err)
	} else {
		res.Body.Close()
	}

	b.ResetTimer()
	for range b.N {
		ctx, cancel := context.WithTimeout(context.Background(), duration)
		var (
			mu        sync.Mutex
			latencies []time.Duration
			errors    int
			wg        sync.WaitGroup
		)
		for range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var mine []time.Duration
				bad := 0
				for ctx.Err() == nil {
					req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/", nil)
					start := time.Now()
					res, err := client.Do(req)
					if err == nil {
						_, err = io.Copy(io.Discard, res.Body)
						res.Body.Close()
						if res.StatusCode != http.StatusOK {
							bad++
							continue
						}
					}
					if ctx.Err() != nil {
						// The request cut off by the end of the run is no error.
						break
					}
					if err != nil {
						bad++
						continue
					}
					mine = append(mine, time.Since(start))
				}
				mu.Lock()
				latencies = append(latencies, mine...)
				errors += bad
				mu.Unlock()
			}()
		}
		wg.Wait()
		cancel()
		b.StopTimer()
		slices.Sort(latencies)
		if len(latencies) == 0 {
			b.Fatal("no request succeeded")
		}
		at := func(q float64) time.Duration { return latencies[int(q*float64(len(latencies)-1))] }
		b.ReportMetric(float64(at(0.50).Microseconds())/1000, "p50_ms")
		b.ReportMetric(float64(at(0.99).Microseconds())/1000, "p99_ms")
		b.ReportMetric(float64(len(latencies))/duration.Seconds(), "req/s")
		b.ReportMetric(float64(errors), "errors")
		b.Logf("%d clients for %s: %d requests, p50 %s, p99 %s, max %s, %d errors",
			clients, duration, len(latencies), at(0.50).Round(time.Microsecond), at(0.99).Round(time.Microsecond), latencies[len(latencies)-1].Round(time.Microsecond), errors)
		b.StartTimer()
	}
}
