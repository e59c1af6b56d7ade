package main

import (
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
