// Command impact-synth writes the synthetic example project: impact.yaml and
// its data files, the same bytes for the same flags. The bundled example in
// testdata/example is its default output; large sizes serve benchmarks.
//
//	impact-synth -out DIR [-participants N] [-seed S]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/joiningforces/impact/synth"
)

func main() {
	out := flag.String("out", "", "the project folder to write (required)")
	participants := flag.Int("participants", synth.DefaultParticipants, "the number of participants")
	seed := flag.Uint64("seed", synth.DefaultSeed, "the seed of the random draws")
	xlsxLimit := flag.Int("xlsx-rows", synth.DefaultXLSXRowLimit, "above this many participants the Forms export is CSV, not XLSX")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: impact-synth -out DIR [-participants N] [-seed S]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	opts := synth.Options{Participants: *participants, Seed: *seed, XLSXRowLimit: *xlsxLimit}
	if err := synth.Generate(*out, opts); err != nil {
		fmt.Fprintln(os.Stderr, "impact-synth:", err)
		os.Exit(1)
	}
}
