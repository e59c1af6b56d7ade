package main

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tourLines returns the command lines of the README's tour, without their
// comments, in order.
func tourLines(t *testing.T) []string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## A short tour\n")
	if !ok {
		t.Fatal("the README has no section ## A short tour")
	}
	_, block, ok := strings.Cut(section, "```sh\n")
	if !ok {
		t.Fatal("the README's tour has no ```sh block")
	}
	block, _, _ = strings.Cut(block, "```")
	var lines []string
	for _, line := range strings.Split(block, "\n") {
		if i := strings.Index(line, "  #"); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// TestReadmeTour runs every command line of the README's tour, in order,
// in a fresh folder, with impact on the PATH as `make install` leaves it.
// impact serve runs on a free port instead of 8080, is asked for the
// board, and is stopped as Ctrl-C stops it.
func TestReadmeTour(t *testing.T) {
	lines := tourLines(t)
	if len(lines) < 2 || lines[0] != "make install" {
		t.Fatalf("the tour begins with %q, want make install", lines)
	}
	// make install is the one command that needs the source tree: check
	// that the target exists without building.
	if out, err := exec.Command("make", "-C", filepath.Join("..", ".."), "-n", "install").CombinedOutput(); err != nil {
		t.Fatalf("make -n install: %v\n%s", err, out)
	}

	bin := t.TempDir()
	if err := os.Symlink(os.Args[0], filepath.Join(bin, "impact")); err != nil {
		t.Fatal(err)
	}
	env := append(processEnv(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	dir := t.TempDir()
	for _, line := range lines[1:] {
		if target, ok := strings.CutPrefix(line, "cd "); ok {
			dir = filepath.Join(dir, target)
			continue
		}
		if line == "impact serve" {
			tourServe(t, dir, env)
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		cmd := exec.CommandContext(ctx, "sh", "-c", line)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("the tour's %q in %s: %v\n%s", line, dir, err, out)
		}
	}
}

// tourServe runs the tour's impact serve until the board answers, then
// stops it as Ctrl-C does.
func tourServe(t *testing.T, dir string, env []string) {
	t.Helper()
	url, stop := serveProcess(t, lookPath(t, env), dir, env)
	client := &http.Client{Timeout: 2 * time.Minute}
	res, err := client.Get(url)
	if err != nil {
		t.Fatalf("the tour's impact serve: GET /: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("the tour's impact serve: GET /: %s", res.Status)
	}
	stop()
}

// lookPath finds impact on the PATH of env.
func lookPath(t *testing.T, env []string) string {
	t.Helper()
	for i := len(env) - 1; i >= 0; i-- {
		if path, ok := strings.CutPrefix(env[i], "PATH="); ok {
			for _, dir := range filepath.SplitList(path) {
				if _, err := os.Stat(filepath.Join(dir, "impact")); err == nil {
					return filepath.Join(dir, "impact")
				}
			}
		}
	}
	t.Fatal("impact is not on the tour's PATH")
	return ""
}
