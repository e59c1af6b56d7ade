// Package synth writes the bundled example project: a synthetic, Swedish,
// Boden-like collaboration ("Samlad kraft för framtidens Boden") with its
// impact.yaml and every kind of data file the engine reads, made the way
// people make them (Excel's Swedish CSV in Windows-1252, a Microsoft Forms
// XLSX export, hand-typed attendance lists, a Kolada download).
//
// Everything is derived from Options through math/rand/v2's PCG, so the same
// options give byte-identical files. The default output is committed as
// testdata/example and is what `impact init --example` copies. With many
// participants (a million, for benchmarks) the same shape scales: rows are
// streamed to disk in one pass over the participants, in constant memory.
package synth

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// DefaultParticipants is the size of the bundled example: large enough for
// intervals that can decide most goals, small enough to read by eye.
const DefaultParticipants = 200

// DefaultSeed is the seed of the bundled example. It was chosen, among a few
// tried, because its draws tell the designed story (see the package tests):
// some goals met, some not, one with too little data.
const DefaultSeed uint64 = 2582

// DefaultXLSXRowLimit is the largest project, in participants, whose first
// impact day (the Microsoft Forms export) is written as XLSX. Above it the
// same export is written as a UTF-8 CSV (effektmatning-1-januari.csv instead
// of .xlsx), because an XLSX is assembled in memory when it is saved and
// Excel stops at 1,048,576 rows.
const DefaultXLSXRowLimit = 100_000

// Options says what to generate. The zero value gives the bundled example.
type Options struct {
	// Participants is the number of people in the participant register.
	// Zero means DefaultParticipants. Every event, answer, follow-up and
	// cost line scales with it; the goals' targets scale too, so the
	// designed story holds at any size.
	Participants int
	// Seed selects the random draws. Zero means DefaultSeed.
	Seed uint64
	// XLSXRowLimit is the number of participants above which the first
	// impact-measurement day is written as CSV instead of XLSX. Zero means
	// DefaultXLSXRowLimit.
	XLSXRowLimit int
}

// withDefaults fills the zero fields, so the rest of the package reads plain values.
func (o Options) withDefaults() (Options, error) {
	if o.Participants < 0 {
		return o, fmt.Errorf("synth: participants must be positive, got %d", o.Participants)
	}
	if o.Participants == 0 {
		o.Participants = DefaultParticipants
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.XLSXRowLimit <= 0 {
		o.XLSXRowLimit = DefaultXLSXRowLimit
	}
	return o, nil
}

// formsAsXLSX reports whether the first impact day is written as XLSX. The
// number of respondents is not known before the pass, so the decision is made
// on the participant count, which bounds it.
func (o Options) formsAsXLSX() bool {
	return o.Participants <= o.XLSXRowLimit
}

// Generate writes a complete project folder into dir: impact.yaml and its
// data/ folder. It creates dir when missing and overwrites the files it
// writes, leaving other files alone. The same Options always give the same
// bytes.
func Generate(dir string, opts Options) error {
	opts, err := opts.withDefaults()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	g := newGenerator(dir, opts)
	if err := g.writeParticipantFiles(); err != nil {
		return err
	}
	return errors.Join(
		writeCosts(filepath.Join(dir, costsFile), g.scale),
		writeKolada(filepath.Join(dir, koladaFile)),
		writeKoladaMeta(filepath.Join(dir, koladaMetaFile)),
		writeProject(filepath.Join(dir, "impact.yaml"), opts, g.scale),
	)
}
