package store_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// mustLoadParticipants loads n participant rows from path and commits.
func mustLoadParticipants(t testing.TB, db *store.DB, path, hash string, n int) {
	t.Helper()
	load, err := db.BeginLoad(context.Background(), store.LoadInfo{Path: path, Kind: "participants", Hash: hash, Now: day})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()
	for i := range n {
		if err := load.Append(i+2, pseudonym(fmt.Sprintf("p%04d", i)), "youth", "female", 2001, "spring", day); err != nil {
			t.Fatal(err)
		}
	}
	if err := load.Commit(int64(n), int64(n), 0); err != nil {
		t.Fatal(err)
	}
}

// appendResponses appends n long-form response rows to load.
func appendResponses(t testing.TB, load *store.Load, n int) {
	t.Helper()
	for i := range n {
		if err := load.Append(i+2, pseudonym(fmt.Sprintf("p%06d", i/7)), "meetup-1", day, "pre", fmt.Sprintf("swemwbs_%d", i%7+1), float64(i%5+1)); err != nil {
			t.Fatal(err)
		}
	}
}

func count(t testing.TB, db *store.DB, table string) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(context.Background(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLoadCommit(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/jobs.csv", Kind: "jobmarket", Hash: "h1", Settings: "s1", Now: day.Add(9 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()
	if err := load.Append(2, "a1b2c3d4e5f60718", "fair-1", day, "Boden kommun", true, true, false); err != nil {
		t.Fatal(err)
	}
	if err := load.Append(3, "ffff000011112222", "fair-1", day, nil, false, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := load.Reject(4, "date", "31/02/2025 is not a date; write 2025-02-28"); err != nil {
		t.Fatal(err)
	}
	if err := load.Reject(0, "", "the file has no header row"); err != nil {
		t.Fatal(err)
	}
	if got, want := load.Appended(), int64(2); got != want {
		t.Fatalf("Appended() = %d, want %d", got, want)
	}
	if err := load.Commit(3, 2, 1); err != nil {
		t.Fatal(err)
	}
	if err := load.Rollback(); err != nil {
		t.Fatalf("Rollback after Commit: %v", err)
	}
	if err := load.Append(5, "x", "y", day, nil, nil, nil, nil); err == nil {
		t.Fatal("Append after Commit succeeded")
	}

	source, ok, err := db.SourceByPath(ctx, "data/jobs.csv")
	if err != nil || !ok {
		t.Fatalf("SourceByPath = %v, %v", ok, err)
	}
	want := store.Source{ID: load.SourceID(), Path: "data/jobs.csv", Kind: "jobmarket", Hash: "h1", Settings: "s1",
		IngestedAt: day.Add(9 * time.Hour), RowsRead: 3, RowsLoaded: 2, RowsRejected: 1}
	if !source.IngestedAt.Equal(want.IngestedAt) {
		t.Fatalf("IngestedAt = %v, want %v", source.IngestedAt, want.IngestedAt)
	}
	source.IngestedAt = want.IngestedAt
	if source != want {
		t.Fatalf("SourceByPath = %+v, want %+v", source, want)
	}
	if _, ok, err := db.SourceByPath(ctx, "data/other.csv"); ok || err != nil {
		t.Fatalf("SourceByPath(missing) = %v, %v", ok, err)
	}

	if got, want := MustDump(t, db), `== sources
id	path	kind	hash	ingested_at	rows_read	rows_loaded	rows_rejected	settings
1	"data/jobs.csv"	"jobmarket"	"h1"	2025-03-12T09:00:00Z	3	2	1	"s1"
== participants
participant	target_group	gender	birth_year	cohort	start_date	source_id	line
== attendance
participant	event	event_kind	date	role	new_contacts	source_id	line
== responses
participant	event	date	wave	item	value	source_id	line
== jobmarket
participant	event	date	employer	interview	offer	hired	source_id	line
"a1b2c3d4e5f60718"	"fair-1"	2025-03-12T00:00:00Z	"Boden kommun"	true	true	false	1	2
"ffff000011112222"	"fair-1"	2025-03-12T00:00:00Z	NULL	false	NULL	NULL	1	3
== followups
participant	date	months_after	status	source_id	line
== costs
date	activity	partner	category	hours	rate	amount	kind	source_id	line
== kpi
kpi	municipality	period	gender	value	source_id	line
== kpi_meta
kpi	title	unit	source_id	line
== rejects
source_id	line	column	reason
1	4	"date"	"31/02/2025 is not a date; write 2025-02-28"
1	NULL	NULL	"the file has no header row"
`; got != want {
		t.Fatalf("DumpTables =\n%s\nwant\n%s", got, want)
	}

	var summary struct {
		path, settings string
		kept           int64
	}
	if err := db.QueryRow(ctx, `SELECT path, settings, rejects_kept FROM source_summary`).Scan(&summary.path, &summary.settings, &summary.kept); err != nil {
		t.Fatal(err)
	}
	if summary.path != "data/jobs.csv" || summary.settings != "s1" || summary.kept != 2 {
		t.Fatalf("source_summary = %+v", summary)
	}
	var where string
	if err := db.QueryRow(ctx, `SELECT path || ':' || line || ':' || "column" FROM rejected_rows WHERE line IS NOT NULL`).Scan(&where); err != nil {
		t.Fatal(err)
	}
	if got, want := where, "data/jobs.csv:4:date"; got != want {
		t.Fatalf("rejected_rows = %q, want %q", got, want)
	}
}

// autoFlushRows is more than the DuckDB Appender buffers before it flushes
// to the table by itself (100 vectors of 2048 rows), so the tests see rows
// that were flushed before Commit as well as rows flushed by it.
const autoFlushRows = 250_000

// TestLoadAppenderJoinsTransaction verifies the design of Load: an Appender
// made on the load's connection after BEGIN TRANSACTION writes into that
// transaction, so its rows, even those it flushed on its own, stay invisible
// to other connections until Commit and vanish on Rollback.
func TestLoadAppenderJoinsTransaction(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))

	t.Run("rollback", func(t *testing.T) {
		load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/survey.csv", Kind: "responses", Hash: "h1", Now: day})
		if err != nil {
			t.Fatal(err)
		}
		appendResponses(t, load, autoFlushRows)
		if got := count(t, db, "responses"); got != 0 {
			t.Fatalf("other connection sees %d responses before Commit", got)
		}
		if got := count(t, db, "sources"); got != 0 {
			t.Fatalf("other connection sees %d sources before Commit", got)
		}
		if err := load.Rollback(); err != nil {
			t.Fatal(err)
		}
		if got := count(t, db, "responses"); got != 0 {
			t.Fatalf("%d responses after Rollback, want 0", got)
		}
	})
	t.Run("commit", func(t *testing.T) {
		load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/survey.csv", Kind: "responses", Hash: "h1", Now: day})
		if err != nil {
			t.Fatal(err)
		}
		defer load.Rollback()
		appendResponses(t, load, autoFlushRows)
		if got := count(t, db, "responses"); got != 0 {
			t.Fatalf("other connection sees %d responses before Commit", got)
		}
		if err := load.Commit(autoFlushRows, autoFlushRows, 0); err != nil {
			t.Fatal(err)
		}
		if got, want := count(t, db, "responses"), int64(autoFlushRows); got != want {
			t.Fatalf("responses after Commit = %d, want %d", got, want)
		}
	})
}

func TestLoadRollbackLeavesStoreUnchanged(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	mustLoadParticipants(t, db, "data/people.csv", "h1", 5)
	mustLoadParticipants(t, db, "data/more.csv", "h2", 2)
	before := MustDump(t, db)

	// A changed file at the same path, loaded as another kind: the earlier
	// rows are deleted and the source updated inside the transaction, and
	// the Rollback must undo all of it.
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/people.csv", Kind: "responses", Hash: "h3", Now: day.AddDate(0, 1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	appendResponses(t, load, autoFlushRows)
	if err := load.Reject(9, "wave", "wave must be pre, post, followup or single"); err != nil {
		t.Fatal(err)
	}
	if err := load.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := load.Rollback(); err != nil {
		t.Fatalf("second Rollback: %v", err)
	}
	if err := load.Commit(1, 1, 0); err == nil {
		t.Fatal("Commit after Rollback succeeded")
	}
	if after := MustDump(t, db); after != before {
		t.Fatalf("DumpTables changed by a rolled-back load:\nbefore\n%s\nafter\n%s", before, after)
	}
	// The connection went back to the pool outside any transaction.
	mustLoadParticipants(t, db, "data/third.csv", "h4", 1)
	if got, want := count(t, db, "participants"), int64(8); got != want {
		t.Fatalf("participants = %d, want %d", got, want)
	}
}

func TestLoadCancelledContext(t *testing.T) {
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	mustLoadParticipants(t, db, "data/people.csv", "h1", 3)
	before := MustDump(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/people.csv", Kind: "participants", Hash: "h2", Now: day})
	if err != nil {
		t.Fatal(err)
	}
	if err := load.Append(2, pseudonym("p"), nil, nil, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := load.Commit(1, 1, 0); err == nil {
		t.Fatal("Commit with a cancelled context succeeded")
	}
	if after := MustDump(t, db); after != before {
		t.Fatalf("DumpTables changed by a cancelled load:\nbefore\n%s\nafter\n%s", before, after)
	}
}

// TestLoadCancelledMidLoad cancels a load whose batches are already being
// written to the table: the load fails as cancelled, by Append or by
// Commit, and the store is as it was.
func TestLoadCancelledMidLoad(t *testing.T) {
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	mustLoadParticipants(t, db, "data/people.csv", "h1", 3)
	before := MustDump(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/survey.csv", Kind: "responses", Hash: "h2", Now: day})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()
	appendResponses(t, load, autoFlushRows)
	cancel()
	for i := range autoFlushRows {
		if err = load.Append(i+2, pseudonym("p"), "e", day, "pre", "swemwbs_1", 1.0); err != nil {
			break
		}
	}
	if err == nil {
		err = load.Commit(2*autoFlushRows, 2*autoFlushRows, 0)
	}
	checkError(t, err, impact.EINTERNAL, "store: the load of data/survey.csv was cancelled; nothing of it was written")
	if after := MustDump(t, db); after != before {
		t.Fatal("DumpTables changed by a cancelled load")
	}
}

func TestReloadReplacesRows(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	mustLoadParticipants(t, db, "data/other.csv", "h0", 4)

	first, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/costs.csv", Kind: "costs", Hash: "h1", Now: day})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Rollback()
	for line := 2; line <= 4; line++ {
		if err := first.Append(line, day, "meetup", "Boden kommun", "staff", 2.5, 650.0, nil, "actual"); err != nil {
			t.Fatal(err)
		}
	}
	if err := first.Reject(5, "kind", "kind must be budget or actual"); err != nil {
		t.Fatal(err)
	}
	if err := first.Commit(4, 3, 1); err != nil {
		t.Fatal(err)
	}

	second, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/costs.csv", Kind: "costs", Hash: "h2", Now: day.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Rollback()
	if got, want := second.SourceID(), first.SourceID(); got != want {
		t.Fatalf("reload SourceID = %d, want the same %d", got, want)
	}
	for line := 2; line <= 3; line++ {
		if err := second.Append(line, day, "meetup", "Boden kommun", "staff", 3.0, 650.0, 1950.0, "actual"); err != nil {
			t.Fatal(err)
		}
	}
	if err := second.Commit(2, 2, 0); err != nil {
		t.Fatal(err)
	}

	counts := MustCounts(t, db)
	for table, want := range map[string]int64{"sources": 2, "costs": 2, "rejects": 0, "participants": 4} {
		if got := counts[table]; got != want {
			t.Errorf("%s = %d rows, want %d", table, got, want)
		}
	}
	var hours float64
	if err := db.QueryRow(ctx, `SELECT sum(hours) FROM costs`).Scan(&hours); err != nil {
		t.Fatal(err)
	}
	if got, want := hours, 6.0; got != want {
		t.Fatalf("sum(hours) = %v, want %v (rows of the first load left behind?)", got, want)
	}
	source, _, err := db.SourceByPath(ctx, "data/costs.csv")
	if err != nil {
		t.Fatal(err)
	}
	if source.Hash != "h2" || source.RowsRead != 2 || source.RowsRejected != 0 || !source.IngestedAt.Equal(day.AddDate(0, 0, 1)) {
		t.Fatalf("source after reload = %+v", source)
	}
	sources, err := db.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sources) != 2 || sources[0].Path != "data/costs.csv" || sources[1].Path != "data/other.csv" {
		t.Fatalf("Sources() = %+v, want costs then other", sources)
	}
}

type wave string

func TestAppendValues(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/s.csv", Kind: "responses", Hash: "h", Now: day})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()

	t.Run("pointers, named types and Valuers", func(t *testing.T) {
		event := "meetup-1"
		var noDate *time.Time
		if err := load.Append(2, pseudonym("p1"), &event, noDate, wave("post"), "swemwbs_1", sql.NullFloat64{Float64: 4, Valid: true}); err != nil {
			t.Fatal(err)
		}
		if err := load.Append(3, pseudonym("p1"), sql.NullString{}, &day, wave("post"), "swemwbs_2", (*float64)(nil)); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("wrong number of values", func(t *testing.T) {
		err := load.Append(4, pseudonym("p1"), "e", day, "pre")
		checkError(t, err, impact.EINTERNAL, "store: append to responses from data/s.csv line 4: got 4 values, want 6 (participant, event, date, wave, item, value); this is a bug in impact, report it")
	})
	t.Run("wrong type fails the load", func(t *testing.T) {
		err := load.Append(5, pseudonym("p1"), nil, "2025-03-12", "pre", "swemwbs_3", 1.0)
		if got, want := impact.ErrorCode(err), impact.EINTERNAL; got != want {
			t.Fatalf("code = %q, want %q (%v)", got, want, err)
		}
		if err := load.Commit(3, 2, 0); err == nil {
			t.Fatal("Commit after a failed Append succeeded")
		}
	})
	if got := count(t, db, "responses"); got != 0 {
		t.Fatalf("responses = %d after a failed load, want 0", got)
	}

	load, err = db.BeginLoad(ctx, store.LoadInfo{Path: "data/s.csv", Kind: "responses", Hash: "h", Now: day})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()
	if err := load.Append(2, pseudonym("p1"), nil, &day, wave("post"), "swemwbs_1", 4); err != nil {
		t.Fatal(err)
	}
	if err := load.Commit(1, 1, 0); err != nil {
		t.Fatal(err)
	}
	var w string
	var value float64
	if err := db.QueryRow(ctx, `SELECT wave, value FROM responses`).Scan(&w, &value); err != nil {
		t.Fatal(err)
	}
	if w != "post" || value != 4 {
		t.Fatalf("row = %q, %v", w, value)
	}
}

func TestBeginLoadUnknownKind(t *testing.T) {
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	_, err := db.BeginLoad(context.Background(), store.LoadInfo{Path: "data/x.csv", Kind: "survey", Hash: "h"})
	checkError(t, err, impact.EINVALID, `store: cannot load data/x.csv: kind "survey" is not known; use one of participants, attendance, responses, jobmarket, followups, costs, kpi, kpi_meta`)
	if !errors.Is(err, err) || count(t, db, "sources") != 0 {
		t.Fatal("a refused load wrote a source")
	}
}

func TestDataHash(t *testing.T) {
	ctx := context.Background()
	empty := sha256.Sum256(nil)
	hashOf := func(order ...string) string {
		db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
		for _, path := range order {
			mustLoadParticipants(t, db, path, "hash-of-"+path, 1)
		}
		sum, err := db.DataHash(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	if got, want := hashOf(), hex.EncodeToString(empty[:]); got != want {
		t.Fatalf("DataHash(empty) = %s, want %s", got, want)
	}
	ab, ba := hashOf("data/a.csv", "data/b.csv"), hashOf("data/b.csv", "data/a.csv")
	if ab != ba {
		t.Fatalf("DataHash depends on load order: %s != %s", ab, ba)
	}
	want := sha256.Sum256([]byte("data/a.csv\x00hash-of-data/a.csv\ndata/b.csv\x00hash-of-data/b.csv\n"))
	if got := ab; got != hex.EncodeToString(want[:]) {
		t.Fatalf("DataHash = %s, want %s", got, hex.EncodeToString(want[:]))
	}
	if ab == hashOf("data/a.csv") {
		t.Fatal("DataHash did not change with a new source")
	}

	// Settings are hashed after the content's hash, so that the same file
	// read another way moves the hash (and the dashboards' cache with it).
	withSettings := func(settings ...string) string {
		db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
		for i, s := range settings {
			loadSettings(t, db, fmt.Sprintf("data/%c.csv", 'a'+i), "h", s)
		}
		sum, err := db.DataHash(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	want = sha256.Sum256([]byte("data/a.csv\x00h\x00s1\ndata/b.csv\x00h\n"))
	if got := withSettings("s1", ""); got != hex.EncodeToString(want[:]) {
		t.Fatalf("DataHash with settings = %s, want %s", got, hex.EncodeToString(want[:]))
	}
	if withSettings("s1", "") == withSettings("s2", "") {
		t.Fatal("DataHash did not change with the settings")
	}
}

// loadSettings loads one participant row from path with the given settings.
func loadSettings(t *testing.T, db *store.DB, path, hash, settings string) {
	t.Helper()
	load, err := db.BeginLoad(context.Background(), store.LoadInfo{Path: path, Kind: "participants", Hash: hash, Settings: settings, Now: day})
	if err != nil {
		t.Fatal(err)
	}
	defer load.Rollback()
	if err := load.Append(2, pseudonym("p0001"), "youth", "female", 2001, "spring", day); err != nil {
		t.Fatal(err)
	}
	if err := load.Commit(1, 1, 0); err != nil {
		t.Fatal(err)
	}
}

func TestLoadRecordsSettings(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, filepath.Join(t.TempDir(), "impact.duckdb"))
	settingsOf := func(path string) (string, bool) {
		t.Helper()
		s, ok, err := db.SourceByPath(ctx, path)
		if err != nil || !ok {
			t.Fatalf("SourceByPath(%s) = %v, %v", path, ok, err)
		}
		var isNull bool
		if err := db.QueryRow(ctx, `SELECT settings IS NULL FROM sources WHERE path = ?`, path).Scan(&isNull); err != nil {
			t.Fatal(err)
		}
		return s.Settings, isNull
	}
	t.Run("recorded", func(t *testing.T) {
		loadSettings(t, db, "data/a.csv", "h1", "s1")
		if got, isNull := settingsOf("data/a.csv"); got != "s1" || isNull {
			t.Fatalf("settings = %q (NULL %v), want s1", got, isNull)
		}
	})
	t.Run("replaced by a reload with the same content", func(t *testing.T) {
		loadSettings(t, db, "data/a.csv", "h1", "s2")
		if got, _ := settingsOf("data/a.csv"); got != "s2" {
			t.Fatalf("settings = %q, want s2", got)
		}
		if got, want := count(t, db, "participants"), int64(1); got != want {
			t.Fatalf("participants = %d, want %d: the reload left the earlier rows", got, want)
		}
	})
	t.Run("none is NULL", func(t *testing.T) {
		loadSettings(t, db, "data/a.csv", "h1", "")
		if got, isNull := settingsOf("data/a.csv"); got != "" || !isNull {
			t.Fatalf("settings = %q (NULL %v), want NULL", got, isNull)
		}
	})
	t.Run("Sources reads them", func(t *testing.T) {
		loadSettings(t, db, "data/b.csv", "h2", "s3")
		sources, err := db.Sources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(sources) != 2 || sources[0].Settings != "" || sources[1].Settings != "s3" {
			t.Fatalf("Sources() = %+v, want a.csv without settings and b.csv with s3", sources)
		}
	})
	t.Run("a newline is refused", func(t *testing.T) {
		_, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/c.csv", Kind: "participants", Hash: "h", Settings: "a\nb"})
		checkError(t, err, impact.EINTERNAL, "store: BeginLoad of data/c.csv got settings with a NUL or a newline; settings must be a fingerprint such as a hex hash; this is a bug in impact, report it")
	})
}
