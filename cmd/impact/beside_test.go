package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/joiningforces/impact/i18n"
	"github.com/joiningforces/impact/store"
)

// asMainEnv makes the test binary run the command line itself, so that
// the tests below run impact as separate processes, as people do in two
// terminals, without building the binary first.
const asMainEnv = "IMPACT_TEST_RUN_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMainEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// processResult is what one impact process gave.
type processResult struct {
	output string
	code   int
}

// runProcess runs impact with args in dir as a separate process. The
// timeout guards against a hang; it is not a timing assertion.
func runProcess(t *testing.T, dir string, args ...string) processResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = processEnv()
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("impact %s hung:\n%s", strings.Join(args, " "), out)
	}
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("impact %s: %v", strings.Join(args, " "), err)
	}
	return processResult{string(out), code}
}

func processEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "IMPACT_") {
			env = append(env, kv)
		}
	}
	return append(env, asMainEnv+"=1")
}

// serveProcess starts impact serve on a free loopback port as a separate
// process and returns its URL, and stop, which stops it as Ctrl-C does and
// fails the test unless it exits 0. The cleanup stops it too.
func serveProcess(t *testing.T, program, dir string, env []string) (url string, stop func()) {
	t.Helper()
	cmd := exec.Command(program, "serve", "--addr", "127.0.0.1:0")
	cmd.Dir, cmd.Env = dir, env
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cmd.Process.Signal(syscall.SIGINT)
			if err := cmd.Wait(); err != nil {
				t.Errorf("impact serve after Ctrl-C: %v\n%s", err, stderr.String())
			}
		})
	}
	t.Cleanup(stop)
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if m := servingLine.FindStringSubmatch(lines.Text()); m != nil {
			go io.Copy(io.Discard, stdout)
			return m[1], stop
		}
	}
	t.Fatalf("impact serve did not start:\n%s", stderr.String())
	return "", stop
}

// apiDataHash asks a running server for the data hash of its evaluation.
func apiDataHash(t *testing.T, url string) string {
	t.Helper()
	client := &http.Client{Timeout: 2 * time.Minute}
	res, err := client.Get(url + "api/v1/evaluation")
	if err != nil {
		t.Fatalf("GET /api/v1/evaluation: %v", err)
	}
	defer res.Body.Close()
	var ev struct {
		DataHash string `json:"data_hash"`
	}
	if err := json.NewDecoder(res.Body).Decode(&ev); err != nil || res.StatusCode != http.StatusOK || ev.DataHash == "" {
		t.Fatalf("GET /api/v1/evaluation: %d, %v, hash %q", res.StatusCode, err, ev.DataHash)
	}
	return ev.DataHash
}

// writeAttendance writes an attendance list of the example's first
// participants into the project's data folder.
func writeAttendance(t *testing.T, dir, name string, ids ...int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("Deltagare\n")
	for _, id := range ids {
		fmt.Fprintf(&b, "BD-%04d\n", id)
	}
	rel := filepath.Join("data", name)
	if err := os.WriteFile(filepath.Join(dir, rel), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return rel
}

func TestEveryCommandWorksBesideServe(t *testing.T) {
	dir := exampleWithData(t)
	url, _ := serveProcess(t, os.Args[0], dir, processEnv())
	before := apiDataHash(t, url)

	// Someone keeps the board open in a browser meanwhile: the server
	// opens the store again and again while the commands below run.
	stop := make(chan struct{})
	var browsing sync.WaitGroup
	browsing.Add(1)
	go func() {
		defer browsing.Done()
		client := &http.Client{Timeout: 2 * time.Minute}
		for {
			select {
			case <-stop:
				return
			default:
			}
			if res, err := client.Get(url + "api/v1/evaluation"); err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		}
	}()
	file := writeAttendance(t, dir, "narvaro-juni.csv", 4, 5, 7, 9)
	for _, args := range [][]string{
		{"ingest", file, "--kind", "attendance", "--event", "natverkstraff-4", "--event-kind", "meetup", "--date", "2025-06-12"},
		{"evaluate"},
		{"report", "workshop"},
		{"lint"},
	} {
		if r := runProcess(t, dir, args...); r.code != 0 {
			t.Errorf("impact %s beside serve: exit %d\n%s", strings.Join(args, " "), r.code, r.output)
		}
	}
	close(stop)
	browsing.Wait()

	// The issue asks that the board follow within 5 seconds; the server
	// reads the data hash again on the next request.
	deadline := time.Now().Add(5 * time.Second)
	after := apiDataHash(t, url)
	for after == before && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
		after = apiDataHash(t, url)
	}
	if after == before {
		t.Errorf("the API's data_hash is still %s five seconds after the ingest", before)
	}
}

func TestTwoIngestsAtOnce(t *testing.T) {
	dir := exampleWithData(t)
	files := []string{
		writeAttendance(t, dir, "narvaro-juni.csv", 4, 5, 7),
		writeAttendance(t, dir, "narvaro-juli.csv", 5, 9, 11),
	}
	results := make([]processResult, len(files))
	var wg sync.WaitGroup
	for i, file := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = runProcess(t, dir, "ingest", file, "--kind", "attendance", "--event", "natverkstraff-"+strconv.Itoa(4+i), "--event-kind", "meetup", "--date", "2025-06-1"+strconv.Itoa(i))
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r.code != 0 {
			t.Errorf("ingest %s at the same time as another: exit %d\n%s", files[i], r.code, r.output)
		}
	}
	db, err := store.Open(context.Background(), filepath.Join(dir, ".impact", "impact.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, file := range files {
		var n int
		if err := db.QueryRow(context.Background(), `SELECT count(*) FROM sources WHERE path = ?`, filepath.ToSlash(file)).Scan(&n); err != nil || n != 1 {
			t.Errorf("the ingest log holds %s %d times (%v), want once", file, n, err)
		}
	}
}

func TestStoreBusyPastTheWait(t *testing.T) {
	dir := exampleWithData(t)
	file := writeAttendance(t, dir, "narvaro-juni.csv", 4, 5)
	db, err := store.Open(context.Background(), filepath.Join(dir, ".impact", "impact.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	holder := fmt.Sprintf("pid %d (%s ", os.Getpid(), filepath.Base(os.Args[0]))
	path := filepath.Join(dir, ".impact", "impact.duckdb")
	// The example speaks Swedish; --lang says it in another language.
	for _, lang := range []string{"sv", "lv", "en"} {
		r := runProcess(t, dir, "--wait", "300ms", "ingest", "--lang", lang, file, "--kind", "attendance", "--event", "natverkstraff-4", "--event-kind", "meetup", "--date", "2025-06-12")
		// The sentence around the holder, whose command line is cut short.
		before, after, _ := around(i18n.CLI, lang, "store.busy_wait", gap, path, "300ms")
		if r.code != 5 || !strings.Contains(r.output, "impact: "+before+holder) || !strings.Contains(r.output, after+"\n") || !strings.Contains(r.output, "--wait") {
			t.Errorf("ingest --lang %s while another process holds the store: exit %d, want 5, %q naming %q, then %q:\n%s", lang, r.code, before, holder, after, r.output)
		}
		if lines := strings.Split(strings.TrimSpace(r.output), "\n"); len(lines) != 1 {
			t.Errorf("store busy is %d lines, want one:\n%s", len(lines), r.output)
		}
		if lang == "en" && !strings.Contains(r.output, "store busy: "+holder) {
			t.Errorf("--lang en: not the English message:\n%s", r.output)
		}
	}
}
