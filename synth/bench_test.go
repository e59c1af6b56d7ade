package synth_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/joiningforces/impact/synth"
)

// BenchmarkGenerateMillion writes a project with a million participants, the
// size the ingest and evaluation benchmarks use, and reports the bytes
// written (the Forms export is CSV at this size, see DefaultXLSXRowLimit).
// Run it with `go test ./synth -run '^$' -bench Million -benchtime 1x`.
func BenchmarkGenerateMillion(b *testing.B) {
	opts := synth.Options{Participants: 1_000_000}
	var dir string
	for b.Loop() {
		dir = b.TempDir()
		if err := synth.Generate(dir, opts); err != nil {
			b.Fatal(err)
		}
	}
	var total int64
	for _, name := range files(b, dir) {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%-40s %12d bytes", name, info.Size())
		total += info.Size()
	}
	b.ReportMetric(float64(total)/1e6, "MB/project")
}
