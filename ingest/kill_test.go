package ingest_test

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
	"github.com/joiningforces/impact/store"
)

// childEnv names the project folder that the test binary, run again as a
// child process, ingests (see TestMain).
const childEnv = "IMPACT_TEST_INGEST_CHILD"

// ingestChild is the child process of TestKilledMidIngest: it ingests every
// source of the project in dir and prints "progress" once rows flow.
func ingestChild(dir string) int {
	p, err := impact.Load(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	db, err := store.Open(context.Background(), filepath.Join(dir, ".impact", "impact.duckdb"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer db.Close()
	var once sync.Once
	in := ingest.New(p, db, ingest.Options{Secret: secret, Progress: func(done, total int64) {
		if done > total/10 {
			once.Do(func() { fmt.Println("progress") })
		}
	}})
	for _, src := range p.Sources {
		if _, err := in.File(context.Background(), src); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 3
		}
	}
	fmt.Println("done")
	return 0
}

// TestKilledMidIngest kills a real ingest process with SIGKILL while it
// appends a large file, then checks that the store holds exactly what it
// held before, and that the next run loads the file whole.
func TestKilledMidIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and loads a file of 1.5 million rows")
	}
	const rows = 1_500_000
	p := MustProject(t, "  - {file: data/fore.csv, kind: participants}\n  - {file: data/survey.csv, kind: responses}\n",
		map[string][]byte{"data/fore.csv": []byte("participant,gender\nBD-1,K\nBD-2,M\n")})
	if err := writeSurvey(filepath.Join(p.Dir, "data", "survey.csv"), rows); err != nil {
		t.Fatal(err)
	}
	// The state before: the small file ingested, the large one not.
	db := MustOpen(t, p)
	if _, err := ingestFile(t, p, db, p.Sources[0], ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	before := MustDump(t, db)
	db.Close()

	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), childEnv+"="+p.Dir)
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	child.Stderr = &stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	started := false
	for lines.Scan() {
		if lines.Text() == "progress" {
			started = true
			break
		}
	}
	if !started {
		child.Wait()
		t.Fatalf("the child never reported progress: %s", stderr.String())
	}
	time.Sleep(200 * time.Millisecond)
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = child.Wait()
	if status, ok := child.ProcessState.Sys().(syscall.WaitStatus); !ok || !status.Signaled() {
		t.Fatalf("the child was not killed mid-ingest (it ended with %v); make the file larger", err)
	}

	db = MustOpen(t, p)
	if got := MustDump(t, db); got != before {
		t.Fatalf("the store changed after a killed ingest:\nbefore\n%.2000s\nafter\n%.2000s", before, got)
	}
	res, err := ingestFile(t, p, db, p.Sources[1], ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped || res.Loaded != rows {
		t.Fatalf("the next run: %+v, want all %d rows loaded", res, rows)
	}
	if got, want := query(t, db, "SELECT count(*) FROM responses"), fmt.Sprint(rows); got != want {
		t.Fatalf("responses: %s rows, want %s", got, want)
	}
}

// TestNoRawIDsInStore ingests files and greps the DuckDB file's bytes for
// every raw participant id of them: none may be there, only pseudonyms.
func TestNoRawIDsInStore(t *testing.T) {
	p := MustProject(t, fixtureSources, fixtureFiles(t))
	path := filepath.Join(p.Dir, ".impact", "impact.duckdb")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	MustIngest(t, p, db)
	if _, err := db.Exec(context.Background(), "CHECKPOINT"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	var content []byte
	for _, name := range []string{path, path + ".wal"} {
		data, err := os.ReadFile(name)
		if err == nil {
			content = append(content, data...)
		}
	}
	pseudonyms := ingest.NewPseudonymiser(secret)
	// The store holds a pseudonym as its 64 bits, little-endian.
	number, err := store.ParticipantNumber(pseudonyms.Pseudonym("BD-0004"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(content), string(binary.LittleEndian.AppendUint64(nil, number))) {
		t.Fatal("the pseudonyms are not in the file either: the grep proves nothing")
	}
	lower := strings.ToLower(string(content))
	for _, id := range []string{"BD-0001", "BD-0002", "BD-0003", "BD-0004", "BD-0005"} {
		if strings.Contains(lower, strings.ToLower(id)) {
			t.Errorf("the store holds the raw participant id %s", id)
		}
	}
	if strings.Contains(string(content), string(secret)) {
		t.Error("the store holds the secret")
	}
}
