//go:build duckdb_arrow

package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// benchWideRows is the number of wide survey rows the write benchmarks
// store: IMPACT_BENCH_ROWS, or the 1,000,000 of spec/performance.md.
func benchWideRows(b *testing.B) int {
	if s := os.Getenv("IMPACT_BENCH_ROWS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("IMPACT_BENCH_ROWS=%q is not a number of rows", s)
		}
		return n
	}
	return 1_000_000
}

// benchParticipants are n pseudonym-like participant ids.
func benchParticipants(n int) []string {
	participants := make([]string, n)
	for i := range participants {
		participants[i] = fmt.Sprintf("%016x", uint64(i)*2654435761)
	}
	return participants
}

// benchPaths are the write paths the benchmarks compare, side by side.
var benchPaths = []struct {
	name    string
	newRows newRowWriter
	overlap bool
}{
	{"appender", newAppenderWriter, false},
	{"arrow", newArrowWriter, true},
	{"arrow-serial", newArrowWriter, false},
}

// BenchmarkWriteWide stores wide survey rows (participant, event, date,
// wave, 7 SWEMWBS answers) through each write path, in one transaction, in
// a fresh store, both as the responses table holds them today (a Load of
// seven long rows per wide row) and as one row per questionnaire with the
// answers in a DOUBLE[] column; beside them DuckDB's own
// CREATE TABLE t AS SELECT * FROM read_csv(file) of the same rows as a CSV
// file, the floor of spec/performance.md. It reports wide rows per second.
//
//	go test -tags duckdb_arrow ./store -run '^$' -bench WriteWide -benchtime 1x -count 3
func BenchmarkWriteWide(b *testing.B) {
	rows := benchWideRows(b)
	participants := benchParticipants(rows)
	date := time.Date(2025, 1, 22, 0, 0, 0, 0, time.UTC)
	answer := func(i, item int) float64 { return float64((i*7919+item*31)%5 + 1) }
	items := []string{"swemwbs_1", "swemwbs_2", "swemwbs_3", "swemwbs_4", "swemwbs_5", "swemwbs_6", "swemwbs_7"}
	ctx := context.Background()

	for _, path := range benchPaths {
		b.Run("long/"+path.name, func(b *testing.B) {
			benchStore(b, path.newRows, path.overlap, func(db *DB) {
				load, err := db.BeginLoad(ctx, LoadInfo{Path: "data/wide.csv", Kind: "responses", Hash: "h", Now: date})
				if err != nil {
					b.Fatal(err)
				}
				defer load.Rollback()
				for i := range rows {
					for item, name := range items {
						if err := load.Append(i+2, participants[i], "effektmatning-1", date, "pre", name, answer(i, item)); err != nil {
							b.Fatal(err)
						}
					}
				}
				if err := load.Commit(int64(rows), int64(rows), 0); err != nil {
					b.Fatal(err)
				}
			})
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "wide-rows/s")
		})
	}
	for _, path := range benchPaths {
		b.Run("list/"+path.name, func(b *testing.B) {
			values := make([]float64, len(items))
			benchStore(b, path.newRows, path.overlap, func(db *DB) {
				// A table of its own: the store's answers (migration 0007)
				// also has a form column and keeps a participant as its
				// 64 bits.
				mustExec(b, db, `CREATE TABLE wide_answers (participant VARCHAR NOT NULL, event VARCHAR, "date" DATE, wave VARCHAR NOT NULL,
					"values" DOUBLE[] NOT NULL, source_id INTEGER NOT NULL, line INTEGER NOT NULL)`)
				err := writeTable(ctx, db, path.newRows, "wide_answers", rows, func(i int) []driver.Value {
					for item := range values {
						values[item] = answer(i, item)
					}
					return []driver.Value{participants[i], "effektmatning-1", date, "pre", values, int32(1), int32(i + 2)}
				})
				if err != nil {
					b.Fatal(err)
				}
			})
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "wide-rows/s")
		})
	}
	b.Run("floor/read_csv", func(b *testing.B) {
		file := filepath.Join(b.TempDir(), "wide.csv")
		f, err := os.Create(file)
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintln(f, "participant,event,date,wave,swemwbs_1,swemwbs_2,swemwbs_3,swemwbs_4,swemwbs_5,swemwbs_6,swemwbs_7")
		for i := range rows {
			fmt.Fprintf(f, "%s,effektmatning-1,2025-01-22,pre", participants[i])
			for item := range items {
				fmt.Fprintf(f, ",%g", answer(i, item))
			}
			fmt.Fprintln(f)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		benchStore(b, nil, false, func(db *DB) {
			if n, err := db.CopyCSV(ctx, "wide", file); err != nil || n != int64(rows) {
				b.Fatalf("CopyCSV = %d, %v", n, err)
			}
		})
		b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "wide-rows/s")
	})
}

// benchStore runs write once per iteration in a fresh store, with the
// write path and overlap given (nil: the default), timing only write. It
// reports the CPU seconds of the process (Go and DuckDB's threads) beside
// the wall time: on a shared machine the wall time of one run says more
// about the neighbours than about the path.
func benchStore(b *testing.B, newRows newRowWriter, overlap bool, write func(db *DB)) {
	if newRows != nil {
		useWriter(b, newRows)
		before := writeOverlap
		writeOverlap = overlap
		b.Cleanup(func() { writeOverlap = before })
	}
	i := 0
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		db, err := Open(context.Background(), filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.duckdb", i)))
		if err != nil {
			b.Fatal(err)
		}
		i++
		start := cpuTime(b)
		b.StartTimer()
		write(db)
		b.StopTimer()
		cpu += cpuTime(b) - start
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime is the user and system time of the process so far.
func cpuTime(b *testing.B) time.Duration {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		b.Fatal(err)
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano())
}

// BenchmarkWriteAnswers stores wide survey lines as a load of survey
// answers does (one answers row per line, through Load.Append, the form's
// id on every row) on the Arrow path, with the columns that hold one value
// throughout a batch (event, date, wave, form, source_id) written as the
// INSERT's parameters and, beside it, handed over row by row; and with
// DuckDB on one thread during the load and, beside it, on all. The time
// and CPU include closing the store, whose checkpoint compresses the rows.
//
//	go test -tags duckdb_arrow ./store -run '^$' -bench WriteAnswers -benchtime 1x -count 3
func BenchmarkWriteAnswers(b *testing.B) {
	rows := benchWideRows(b)
	participants := benchParticipants(rows)
	date := time.Date(2025, 1, 22, 0, 0, 0, 0, time.UTC)
	items := []string{"swemwbs_1", "swemwbs_2", "swemwbs_3", "swemwbs_4", "swemwbs_5", "swemwbs_6", "swemwbs_7"}
	ctx := context.Background()
	for _, v := range []struct{ constants, oneThread bool }{{true, true}, {false, true}, {true, false}} {
		b.Run(fmt.Sprintf("constants=%t/one-thread=%t", v.constants, v.oneThread), func(b *testing.B) {
			constants, oneThread := writeConstants, loadOnOneThread
			writeConstants, loadOnOneThread = v.constants, v.oneThread
			b.Cleanup(func() { writeConstants, loadOnOneThread = constants, oneThread })
			useWriter(b, newArrowWriter)
			var cpu time.Duration
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				db, err := Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.duckdb", i)))
				if err != nil {
					b.Fatal(err)
				}
				start := cpuTime(b)
				b.StartTimer()
				load, err := db.BeginLoad(ctx, LoadInfo{Path: "data/wide.csv", Kind: "responses", Hash: "h", Now: date})
				if err != nil {
					b.Fatal(err)
				}
				form, err := load.Form(items)
				if err != nil {
					b.Fatal(err)
				}
				values := make([]any, len(items))
				for i := range rows {
					for item := range values {
						values[item] = float64((i*7919+item*31)%5 + 1)
					}
					if err := load.Append(i+2, participants[i], "effektmatning-1", date, "pre", form, values); err != nil {
						b.Fatal(err)
					}
				}
				if err := load.Commit(int64(rows), int64(rows), 0); err != nil {
					b.Fatal(err)
				}
				if err := db.Close(); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				cpu += cpuTime(b) - start
				b.StartTimer()
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}
