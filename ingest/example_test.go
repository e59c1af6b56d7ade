package ingest_test

import (
	"testing"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/synth"
)

func TestExampleScratch(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Generate(dir, synth.Options{}); err != nil {
		t.Fatal(err)
	}
	p, err := impact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	db := MustOpen(t, p)
	for _, src := range p.Sources {
		res, err := ingestFile(t, p, db, src, ingestOptions())
		t.Logf("%s: %+v\n%v", src.File, res, err)
	}
}

func TestExampleValues(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Generate(dir, synth.Options{}); err != nil {
		t.Fatal(err)
	}
	p, _ := impact.Load(dir)
	db := MustOpen(t, p)
	MustIngest(t, p, db)
	for _, q := range []string{
		"SELECT * FROM responses WHERE line IN (2,3) ORDER BY source_id, line, item LIMIT 30",
		"SELECT * FROM costs LIMIT 20",
		"SELECT * FROM kpi LIMIT 8",
		"SELECT * FROM participants LIMIT 5",
		"SELECT * FROM followups LIMIT 5",
		"SELECT * FROM jobmarket LIMIT 5",
		"SELECT * FROM attendance LIMIT 5",
		"SELECT gender, count(*) FROM participants GROUP BY ALL",
		"SELECT status, count(*) FROM followups GROUP BY ALL",
	} {
		t.Logf("%s\n%s", q, query(t, db, q))
	}
}
