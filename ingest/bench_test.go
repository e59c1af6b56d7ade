package ingest_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
	"github.com/joiningforces/impact/store"
)

// benchSizes are the survey files the benchmarks load: the same shape at
// two sizes, to show that memory does not grow with the file.
var benchSizes = []int{100_000, 1_000_000}

var (
	surveyOnce  sync.Map // rows -> *surveyFile
	surveyTemps []string
	surveyMu    sync.Mutex
)

type surveyFile struct {
	once sync.Once
	path string
	err  error
}

// surveyCSV returns a long-form survey file of the given number of rows,
// written once per test binary: participant, event, date, wave, item,
// value, seven SWEMWBS answers per respondent.
func surveyCSV(tb testing.TB, rows int) string {
	tb.Helper()
	v, _ := surveyOnce.LoadOrStore(rows, &surveyFile{})
	sf := v.(*surveyFile)
	sf.once.Do(func() {
		dir, err := os.MkdirTemp("", "impact-bench-")
		if err != nil {
			sf.err = err
			return
		}
		surveyMu.Lock()
		surveyTemps = append(surveyTemps, dir)
		surveyMu.Unlock()
		sf.path = filepath.Join(dir, "survey.csv")
		sf.err = writeSurvey(sf.path, rows)
	})
	if sf.err != nil {
		tb.Fatal(sf.err)
	}
	return sf.path
}

// writeSurvey writes rows survey answers as a plain UTF-8 CSV.
func writeSurvey(path string, rows int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	w.WriteString("participant,event,date,wave,item,value\n")
	line := make([]byte, 0, 64)
	for i := range rows {
		line = append(line[:0], "BD-"...)
		line = strconv.AppendInt(line, int64(i/7+1), 10)
		line = append(line, ",effektmatning-1,2025-01-22,pre,swemwbs_"...)
		line = strconv.AppendInt(line, int64(i%7+1), 10)
		line = append(line, ',')
		line = strconv.AppendInt(line, int64((i*7919)%5+1), 10)
		line = append(line, '\n')
		w.Write(line)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func TestMain(m *testing.M) {
	if dir := os.Getenv(childEnv); dir != "" {
		os.Exit(ingestChild(dir))
	}
	code := m.Run()
	for _, dir := range surveyTemps {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// peakMemory measures the peak memory of what f does: the kernel's
// high-water mark of resident memory (VmHWM, which covers DuckDB's C++
// allocations as well as Go's) after resetting it, and the peak of Go's
// live heap, sampled every few milliseconds. Where /proc is missing the
// first is 0.
func peakMemory(f func()) (rssMiB, heapMiB float64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	done := make(chan struct{})
	var peakHeap uint64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peakHeap = max(peakHeap, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	// Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+).
	reset := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	f()
	close(done)
	wg.Wait()
	heapMiB = float64(peakHeap) / (1 << 20)
	if !reset {
		return 0, heapMiB
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, heapMiB
	}
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, "VmHWM:"), "kB")), 64)
			return kb / 1024, heapMiB
		}
	}
	return 0, heapMiB
}

// benchProject is a project whose one source is the survey file.
func benchProject(b *testing.B, path string) *impact.Project {
	b.Helper()
	dir := b.TempDir()
	yaml := projectHead + "sources:\n  - {file: " + path + ", kind: responses}\n"
	if err := os.WriteFile(filepath.Join(dir, "impact.yaml"), []byte(yaml), 0o644); err != nil {
		b.Fatal(err)
	}
	p, err := impact.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// freshStore opens a new, empty store, so that every iteration loads the
// file rather than skipping it as already ingested.
func freshStore(b *testing.B, i int) *store.DB {
	b.Helper()
	db, err := store.Open(context.Background(), filepath.Join(b.TempDir(), fmt.Sprintf("impact-%d.duckdb", i)))
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkIngestSurvey ingests a long-form survey CSV of 100,000 and of
// 1,000,000 rows: detection, parsing, checks, pseudonyms and the
// Appender, in one transaction. It reports rows per second and the peak
// resident memory of the ingest.
func BenchmarkIngestSurvey(b *testing.B) {
	for _, rows := range benchSizes {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			path := surveyCSV(b, rows)
			p := benchProject(b, path)
			var peak, heap float64
			i := 0
			for b.Loop() {
				b.StopTimer()
				db := freshStore(b, i)
				i++
				b.StartTimer()
				rss, goHeap := peakMemory(func() {
					res, err := ingest.New(p, db, ingest.Options{Secret: secret, Now: time.Now}).File(context.Background(), p.Sources[0])
					if err != nil {
						b.Fatal(err)
					}
					if res.Loaded != int64(rows) {
						b.Fatalf("loaded %d rows, want %d", res.Loaded, rows)
					}
				})
				peak, heap = max(peak, rss), max(heap, goHeap)
				b.StopTimer()
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(peak, "peak-rss-MiB")
			b.ReportMetric(heap, "peak-go-heap-MiB")
		})
	}
}

// BenchmarkDuckDBReadCSV loads the same files through DuckDB's own
// read_csv into the same table: the floor for BenchmarkIngestSurvey.
func BenchmarkDuckDBReadCSV(b *testing.B) {
	for _, rows := range benchSizes {
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			path := surveyCSV(b, rows)
			var peak, heap float64
			i := 0
			for b.Loop() {
				b.StopTimer()
				db := freshStore(b, i)
				i++
				b.StartTimer()
				rss, goHeap := peakMemory(func() {
					n, err := db.ReadCSV(context.Background(), "responses", path, 1)
					if err != nil {
						b.Fatal(err)
					}
					if n != int64(rows) {
						b.Fatalf("loaded %d rows, want %d", n, rows)
					}
				})
				peak, heap = max(peak, rss), max(heap, goHeap)
				b.StopTimer()
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(peak, "peak-rss-MiB")
			b.ReportMetric(heap, "peak-go-heap-MiB")
		})
	}
}
