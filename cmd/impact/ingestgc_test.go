package main

import (
	"runtime/debug"
	"testing"
)

// TestIngestGC: while ingesting, the collector lets the heap grow under a
// soft limit, and the settings come back after; GOGC or GOMEMLIMIT in the
// environment keep the collector as the user set it.
func TestIngestGC(t *testing.T) {
	m := NewMain()
	m.Getenv = func(string) string { return "" }
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restore := m.ingestGC()
	if got := debug.SetGCPercent(ingestGCPercent); got != ingestGCPercent {
		t.Errorf("GC percent while ingesting = %d, want %d", got, ingestGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != ingestHeapLimit {
		t.Errorf("memory limit while ingesting = %d, want %d", got, ingestHeapLimit)
	}
	restore()
	if got := debug.SetGCPercent(-1); got != 100 {
		t.Errorf("GC percent after ingesting = %d, want 100 as before", got)
	}
	debug.SetGCPercent(100)
	m.Getenv = func(name string) string {
		if name == "GOGC" {
			return "50"
		}
		return ""
	}
	restore = m.ingestGC()
	got := debug.SetGCPercent(100)
	restore()
	if got != 100 {
		t.Errorf("with GOGC set, GC percent while ingesting = %d, want it left at 100", got)
	}
}
