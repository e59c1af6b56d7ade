package store_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// helperEnv names the action a re-executed test binary performs; see
// TestHelperProcess.
const helperEnv = "IMPACT_STORE_HELPER"

// TestHelperProcess is not a test: it is the second process of the tests
// below, run as the test binary itself with helperEnv set.
//
//	open:  open the store and print the error's code and message.
//	hold:  open the store and hold it until stdin closes.
//	migrate-and-die: open (and so migrate) the store, then die without Close.
//	crash: begin a load that replaces data/people.csv, append rows and die
//	       without Commit or Close.
func TestHelperProcess(t *testing.T) {
	action := os.Getenv(helperEnv)
	if action == "" {
		t.Skip("run by the tests that need a second process")
	}
	path := os.Getenv("IMPACT_STORE_PATH")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	switch action {
	case "open":
		if err == nil {
			fmt.Println("opened")
			db.Close()
			os.Exit(0)
		}
		fmt.Printf("%s\n%s\n", impact.ErrorCode(err), impact.ErrorMessage(err))
		os.Exit(0)
	case "hold":
		// Hold the store until the test closes stdin.
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		fmt.Println("holding")
		io.Copy(io.Discard, os.Stdin)
		db.Close()
		os.Exit(0)
	case "migrate-and-die":
		// Opening migrates the store; the process then dies without
		// Close, as one killed right after an upgrade would.
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		fmt.Println("migrated")
		os.Exit(3)
	case "crash":
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		load, err := db.BeginLoad(ctx, store.LoadInfo{Path: "data/people.csv", Kind: "responses", Hash: "h-crash", Now: day})
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		appendResponses(t, load, autoFlushRows)
		fmt.Println("appended")
		os.Exit(3)
	}
	os.Exit(2)
}

// runHelper runs TestHelperProcess with action on path and returns its
// output. The timeout guards against a hang, which is the failure this
// tests for; it is not a timing assertion.
func runHelper(t *testing.T, action, path string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+action, "IMPACT_STORE_PATH="+path)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("helper %s hung: %s", action, out)
	}
	return string(out), err
}

func TestLockedStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "impact.duckdb")
	db := MustOpen(t, path)

	out, err := runHelper(t, "open", path)
	if err != nil {
		t.Fatalf("helper: %v: %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if got, want := lines[0], impact.ECONFLICT; got != want {
		t.Fatalf("second process: code %q, want %q; output:\n%s", got, want, out)
	}
	want := fmt.Sprintf("store busy: pid %s (%s ", strconv.Itoa(os.Getpid()), filepath.Base(os.Args[0]))
	if got := lines[1]; !strings.HasPrefix(got, want) || !strings.Contains(got, path) {
		t.Fatalf("second process: message\n %q\nwant it to begin\n %q\nand name %s", got, want, path)
	}

	db.Close()
	out, err = runHelper(t, "open", path)
	if err != nil || strings.TrimSpace(out) != "opened" {
		t.Fatalf("after Close the second process got: %v: %s", err, out)
	}
}

func TestKilledLoadLeavesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "impact.duckdb")
	db := MustOpen(t, path)
	mustLoadParticipants(t, db, "data/people.csv", "h1", 5)
	before := MustDump(t, db)
	db.Close()

	out, err := runHelper(t, "crash", path)
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 3 || !strings.Contains(out, "appended") {
		t.Fatalf("helper did not die mid-load as planned: %v: %s", err, out)
	}

	db = MustOpen(t, path)
	if after := MustDump(t, db); after != before {
		t.Fatalf("a killed load changed the store:\nbefore\n%s\nafter\n%s", before, after)
	}
	mustLoadParticipants(t, db, "data/people.csv", "h2", 2)
	if got, want := MustCounts(t, db)["participants"], int64(2); got != want {
		t.Fatalf("participants after a reload = %d, want %d", got, want)
	}
}

func TestOpenWaitsForTheHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "impact.duckdb")
	MustOpen(t, path).Close()
	// The helper holds the store until its stdin closes.
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"=hold", "IMPACT_STORE_PATH="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "holding\n" {
		stdin.Close()
		t.Fatalf("helper: %q, %v", line, err)
	}
	ctx := context.Background()
	if _, err := store.OpenWith(ctx, path, store.Options{}); impact.ErrorCode(err) != impact.ECONFLICT || impact.ExitCode(err) != 5 {
		t.Fatalf("open without a wait while another process holds the store: %v (exit %d), want store busy, exit 5", err, impact.ExitCode(err))
	}
	// Let go of the store while the open below is waiting for it.
	go func() {
		time.Sleep(300 * time.Millisecond)
		stdin.Close()
	}()
	db, err := store.OpenWith(ctx, path, store.Options{Wait: 2 * time.Minute})
	if err != nil {
		t.Fatalf("open with a wait: %v", err)
	}
	db.Close()
}
