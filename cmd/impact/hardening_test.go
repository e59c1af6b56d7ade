package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/joiningforces/impact"
)

// TestServeRefusesATruncatedStore: a store cut to half its size is refused
// before the server listens, instead of a board that answers 500 on every
// page while /healthz says ok.
func TestServeRefusesATruncatedStore(t *testing.T) {
	dir := exampleWithData(t)
	path := filepath.Join(dir, ".impact", "impact.duckdb")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, info.Size()/2); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, dir, nil, "--addr", "127.0.0.1:0")
	if s.url != "" {
		t.Fatalf("impact serve started on a truncated store at %s", s.url)
	}
	err = s.stop()
	if got := impact.ExitCode(err); got != 4 || !strings.Contains(impact.ErrorMessage(err), "store") {
		t.Fatalf("serve on a truncated store: exit %d, %v; want exit 4 naming the store", got, err)
	}
	t.Logf("refused with: %s", impact.ErrorMessage(err))
}

// TestEvaluateManyIndicators: 1,500 indicators more than the example's
// evaluate (DuckDB's expression depth of 1,000 once stopped them at about
// 1,000), and each gives the figures of the example indicator it copies.
func TestEvaluateManyIndicators(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates 1,500 indicators")
	}
	models := map[string]string{
		"meetup_participants": "{kind: count, source: attendance, distinct: participant, where: {event_kind: meetup}}",
		"new_contacts_mean":   "{kind: mean, source: attendance, column: new_contacts, where: {event_kind: meetup}}",
	}
	names := []string{"meetup_participants", "new_contacts_mean"}
	copyOf := map[string]string{}
	dir := exampleWithIndicators(t, 1500, func(i int) string {
		copyOf[fmt.Sprintf("extra_%d", i)] = names[i%2]
		return models[names[i%2]]
	})
	r := run(t, dir, "evaluate", "--as-of", "2025-11-30", "--json")
	if r.code != 0 {
		t.Fatalf("evaluate: exit %d, %d bytes of error:\n%.600s", r.code, len(r.stderr), r.stderr)
	}
	var ev impact.Evaluation
	if err := json.Unmarshal([]byte(r.stdout), &ev); err != nil {
		t.Fatal(err)
	}
	byID := map[string]impact.Result{}
	for _, res := range ev.Indicators {
		byID[res.ID] = res
	}
	if len(byID) < 1500 {
		t.Fatalf("%d indicators evaluated", len(byID))
	}
	n := func(p *int) int {
		if p == nil {
			return -1
		}
		return *p
	}
	for id, model := range copyOf {
		got, want := byID[id], byID[model]
		if got.Estimate == nil || want.Estimate == nil || *got.Estimate != *want.Estimate || n(got.N) != n(want.N) {
			t.Fatalf("%s: estimate %v n %d; %s: estimate %v n %d", id, got.Estimate, n(got.N), model, want.Estimate, n(want.N))
		}
	}
}

// mustSmallDisk mounts a tmpfs of size bytes in a new folder for the test,
// or skips the test where mounting is not allowed (not root, a container
// without CAP_SYS_ADMIN).
func mustSmallDisk(t *testing.T, size int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "small")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d", size), "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	return dir
}

// TestDiskFull: a report and an export onto a disk that fills up end with
// exit 4 and "the disk is full", never "a bug" or "report it", and leave
// no partial or empty file behind.
func TestDiskFull(t *testing.T) {
	dir := exampleWithData(t)
	disk := mustSmallDisk(t, 64<<10)
	// The store's tables are small: fill the disk to its last few pages.
	filler := filepath.Join(disk, "filler")
	if err := os.WriteFile(filler, make([]byte, 56<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"report", "workshop", "--out", filepath.Join(disk, "workshop.html")},
		{"export", "--format", "parquet", "--out", filepath.Join(disk, "export")},
	} {
		r := run(t, dir, args...)
		t.Logf("impact %s: exit %d: %s", strings.Join(args[:2], " "), r.code, strings.TrimSpace(r.stderr))
		// The example project speaks Swedish.
		if r.code != 4 || !strings.Contains(r.stderr, "disken är full") || strings.Contains(r.stderr, "bug") || strings.Contains(r.stderr, "rapportera") {
			t.Errorf("impact %s on a full disk: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
		}
	}
	filepath.WalkDir(disk, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == filler {
			return err
		}
		info, _ := d.Info()
		if strings.HasSuffix(path, ".tmp") || strings.HasSuffix(path, ".partial") || info.Size() == 0 {
			t.Errorf("a partial file is left: %s (%d bytes)", path, info.Size())
		}
		return nil
	})
}

// mainEnv holds the arguments, separated by newlines, of impact when the
// test binary runs as the child of TestStopSignal.
const mainEnv = "IMPACT_TEST_MAIN_ARGS"

// TestMainSubprocess is not a test of its own: with mainEnv set it is the
// impact command, main and all, for a parent that sends it signals.
func TestMainSubprocess(t *testing.T) {
	args := os.Getenv(mainEnv)
	if args == "" {
		t.Skip("runs only as the child of TestStopSignal")
	}
	os.Args = append([]string{"impact"}, strings.Split(args, "\n")...)
	main()
}

// TestStopSignal: SIGTERM in the middle of a long evaluate stops it with
// the one line that says so, not as a bug; nothing is printed on stdout.
func TestStopSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates 1,500 indicators")
	}
	dir := exampleWithIndicators(t, 1500, func(int) string {
		return "{kind: mean, source: attendance, column: new_contacts, where: {event_kind: meetup}}"
	})
	cmd := exec.Command(os.Args[0], "-test.run=^TestMainSubprocess$", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), mainEnv+"=evaluate\n--json")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Two seconds let the process start (main catches the signals first
	// thing) and load the project; the evaluation of 1,500 indicators
	// takes 10 to 20 seconds on two cores.
	time.Sleep(2 * time.Second)
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	code := cmd.ProcessState.ExitCode()
	t.Logf("exit %d: %s", code, strings.TrimSpace(stderr.String()))
	stopped := strings.Contains(stderr.String(), "stopped by Ctrl-C or a stop signal") || strings.Contains(stderr.String(), "stoppad med Ctrl-C eller en stoppsignal") || strings.Contains(stderr.String(), "cancelled")
	if err == nil || code != 4 || !stopped || strings.Contains(stderr.String(), "report it") || strings.Contains(stderr.String(), "rapportera det") || strings.Contains(stdout.String(), "indicators") {
		t.Fatalf("evaluate after SIGTERM: exit %d (%v)\nstderr: %s\nstdout: %.200s", code, err, stderr.String(), stdout.String())
	}
}

// exampleWithIndicators is the example project with its data and n more
// indicators, extra_0 … extra_n-1, each measured as measure(i) says.
func exampleWithIndicators(t *testing.T, n int, measure func(i int) string) string {
	t.Helper()
	dir := exampleWithData(t)
	file := filepath.Join(dir, impact.ProjectFileName)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var extra strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&extra, "  - {id: extra_%d, name: Extra %d, node: o1, measure: %s, target: %d, deadline: 2025-06-30, frequency: per_event, disaggregate: [gender]}\n", i, i, measure(i), i+1)
	}
	text := strings.Replace(string(data), "indicators:\n", "indicators:\n"+extra.String(), 1)
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}
