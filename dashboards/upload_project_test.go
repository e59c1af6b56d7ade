package dashboards_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact"
)

// TestUploadRefusedWhileProjectFileBroken: an upload is read with the
// sources of impact.yaml as it is on disk. When the file no longer loads,
// the upload is refused with the project file's own problems, rather than
// read with the sources the server started with, and the store and the
// project folder stay as they were.
func TestUploadRefusedWhileProjectFileBroken(t *testing.T) {
	f := newFixture(t, options{realStore: true})
	ctx := context.Background()
	src := sourceOfKind(t, f.project, "attendance")
	content, err := os.ReadFile(filepath.Join(f.project.Dir, src.File))
	if err != nil {
		t.Fatal(err)
	}
	project, err := os.ReadFile(f.project.File)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f.project.File, append(project, "\n\tsources: [\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, loadErr := impact.Load(f.project.Dir)
	if loadErr == nil {
		t.Fatal("the broken impact.yaml loads")
	}
	before, err := f.db.DumpTables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rec := f.upload(nil, filepath.Base(src.File), content, nil)
	if rec.Code != http.StatusBadRequest {
		t.Fatalf("an upload beside a broken impact.yaml: %d, want 400\n%s", rec.Code, rec.Body)
	}
	body := rec.Body.String()
	// The page is in the project's language, Swedish.
	if !strings.Contains(body, "projektfilen går inte att läsa in nu") {
		t.Errorf("the page does not say that impact.yaml does not load:\n%s", body)
	}
	pageHasLines(t, body, impact.SayIn(loadErr, "sv"))
	after, err := f.db.DumpTables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Errorf("the store changed although the upload was refused")
	}
	if now, _ := os.ReadFile(filepath.Join(f.project.Dir, src.File)); string(now) != string(content) {
		t.Errorf("the refused upload changed %s", src.File)
	}
}

// pageHasLines fails the test for each line of err's message that the
// page body does not show as html/template writes it.
func pageHasLines(t *testing.T, body string, err error) {
	t.Helper()
	for _, line := range strings.Split(impact.ErrorMessage(err), "\n") {
		if !strings.Contains(body, escapeHTML(line)) {
			t.Errorf("the page lacks the line %q:\n%s", line, body)
		}
	}
}

// sourceOfKind returns the project's first source of a kind.
func sourceOfKind(t *testing.T, p *impact.Project, kind string) impact.Source {
	t.Helper()
	for _, src := range p.Sources {
		if src.Kind == kind {
			return src
		}
	}
	t.Fatalf("the project has no %s source", kind)
	return impact.Source{}
}
