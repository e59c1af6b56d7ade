package ingest_test

import (
	"testing"

	"github.com/joiningforces/impact/ingest"
)

func TestSmoke(t *testing.T) {
	p := MustProject(t, `  - {file: data/a.csv, kind: participants}
`, map[string][]byte{"data/a.csv": []byte("Deltagar-ID;Kön;Födelseår\nBD-1;Kvinna;1999\nBD-2;M;2001\n")})
	db := MustOpen(t, p)
	res, err := ingestFile(t, p, db, p.Sources[0], ingest.Options{})
	t.Logf("%+v %v", res, err)
	t.Log(query(t, db, "SELECT * FROM participants"))
}
