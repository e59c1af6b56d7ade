package ingest_test

import (
	"testing"
)

// TestExampleProject ingests every file of the bundled example: each loads
// whole with no rejected row (the acceptance test of realism), and a
// second run skips each as already ingested.
func TestExampleProject(t *testing.T) {
	p := exampleProject(t)
	if len(p.Sources) < 10 {
		t.Fatalf("the example lists %d sources", len(p.Sources))
	}
	db := MustOpen(t, p)
	for _, r := range MustIngest(t, p, db) {
		if r.Read == 0 || r.Loaded != r.Read || r.Rejected != 0 || r.Skipped {
			t.Errorf("%s (%s): read %d, loaded %d, rejected %d, skipped %v", r.File, r.Format, r.Read, r.Loaded, r.Rejected, r.Skipped)
		}
	}
	if got := query(t, db, "SELECT count(*) FROM rejects"); got != "0" {
		t.Errorf("%s rejects", got)
	}
	// The same person is one pseudonym in every file: everyone who answered
	// a survey or came to the job market is in the participant register.
	if got := query(t, db, `SELECT count(*) FROM (SELECT participant FROM responses UNION SELECT participant FROM jobmarket
		UNION SELECT participant FROM followups) WHERE participant NOT IN (SELECT participant FROM participants)`); got != "0" {
		t.Errorf("%s pseudonyms outside the participant register", got)
	}
	before := MustDump(t, db)
	for _, r := range MustIngest(t, p, db) {
		if !r.Skipped {
			t.Errorf("%s was ingested again", r.File)
		}
	}
	if MustDump(t, db) != before {
		t.Error("a second run changed the store")
	}
}
