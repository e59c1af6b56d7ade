package ingest_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
	"github.com/joiningforces/impact/store"
)

// helperEnv names the project folder the test binary ingests when it runs
// as TestIngestSubprocess's child.
const helperEnv = "IMPACT_TEST_INGEST_PROJECT"

// TestIngestSubprocess is not a test of its own: run with helperEnv set, it
// ingests every source of that project, prints the error and exits with the
// command line's exit code, so that its parent can measure its peak memory.
func TestIngestSubprocess(t *testing.T) {
	dir := os.Getenv(helperEnv)
	if dir == "" {
		t.Skip("runs only as the child of a limits test")
	}
	p, err := impact.Load(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, impact.ErrorMessage(err))
		os.Exit(impact.ExitCode(err))
	}
	db, err := store.Open(context.Background(), filepath.Join(dir, ".impact", "impact.duckdb"))
	if err != nil {
		fmt.Fprintln(os.Stderr, impact.ErrorMessage(err))
		os.Exit(impact.ExitCode(err))
	}
	for _, src := range p.Sources {
		if _, err := ingest.New(p, db, ingest.Options{Secret: secret}).File(context.Background(), src); err != nil {
			db.Close()
			fmt.Fprintln(os.Stderr, impact.ErrorMessage(err))
			os.Exit(impact.ExitCode(err))
		}
	}
	db.Close()
	os.Exit(0)
}

// ingestInChild ingests the project's sources in a child process and
// returns its exit code, its error line and its peak resident memory in MiB.
func ingestInChild(t *testing.T, dir string) (int, string, int64) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestSubprocess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss >> 10
	return code, strings.TrimSpace(stderr.String()), rss
}

// baseWorkbook is an empty workbook as excelize writes it, made once.
var (
	baseOnce     sync.Once
	baseWorkbook []byte
	baseErr      error
)

// writeWorkbook writes a workbook at path whose first sheet's XML is what
// sheet writes: the rest (workbook, styles, relations) comes from excelize.
func writeWorkbook(t *testing.T, path string, sheet func(w io.Writer) error) {
	t.Helper()
	baseOnce.Do(func() {
		var buf bytes.Buffer
		baseErr = excelize.NewFile().Write(&buf)
		baseWorkbook = buf.Bytes()
	})
	if baseErr != nil {
		t.Fatal(baseErr)
	}
	zr, err := zip.NewReader(bytes.NewReader(baseWorkbook), int64(len(baseWorkbook)))
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, zf := range zr.File {
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == "xl/worksheets/sheet1.xml" {
			bw := bufio.NewWriterSize(w, 1<<20)
			if err := sheet(bw); err != nil {
				t.Fatal(err)
			}
			if err := bw.Flush(); err != nil {
				t.Fatal(err)
			}
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
	`<row r="1"><c r="A1" t="inlineStr"><is><t>deltagare</t></is></c><c r="B1" t="inlineStr"><is><t>datum</t></is></c></row>`

const sheetTail = `</sheetData></worksheet>`

// oneCell is a sheet with one cell of n letters under its header.
func oneCell(n int64) func(w io.Writer) error {
	return func(w io.Writer) error {
		io.WriteString(w, sheetHead+`<row r="2"><c r="A2" t="inlineStr"><is><t>`)
		chunk := bytes.Repeat([]byte("A"), 1<<20)
		for left := n; left > 0; left -= int64(len(chunk)) {
			if left < int64(len(chunk)) {
				chunk = chunk[:left]
			}
			if _, err := w.Write(chunk); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, `</t></is></c></row>`+sheetTail)
		return err
	}
}

// manyRows is a sheet of n rows under its header, each with one number.
func manyRows(n int) func(w io.Writer) error {
	return func(w io.Writer) error {
		io.WriteString(w, sheetHead)
		for i := 0; i < n; i++ {
			if _, err := io.WriteString(w, `<row><c><v>1</v></c></row>`); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, sheetTail)
		return err
	}
}

// TestHostileWorkbooks: a zip bomb (one cell that unpacks to 1.2 GB), a
// cell of 200 MB and a workbook of 20,000,000 rows are refused with exit 3
// and a message that says which limit (in the project's language,
// Swedish), in a child process whose peak memory stays bounded; the store
// stays empty.
func TestHostileWorkbooks(t *testing.T) {
	if testing.Short() {
		t.Skip("writes workbooks that unpack to a gigabyte")
	}
	for _, tc := range []struct {
		name  string
		sheet func(io.Writer) error
		want  string
	}{
		{"zip bomb", oneCell(1200 << 20), "packas upp till mer än 1 GiB"},
		{"cell of 200 MB", oneCell(200 << 20), "en cell längre än Excels 32\u00a0767 tecken"},
		{"20,000,000 rows", manyRows(20_000_000), "fler än Excels 1\u00a0048\u00a0576 rader"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := MustProject(t, "  - {file: data/bomb.xlsx, kind: attendance, event: {id: meetup-1, kind: meetup, date: 2025-01-01}}\n", nil)
			os.MkdirAll(filepath.Join(p.Dir, "data"), 0o755)
			file := filepath.Join(p.Dir, "data", "bomb.xlsx")
			writeWorkbook(t, file, tc.sheet)
			info, _ := os.Stat(file)
			code, msg, rss := ingestInChild(t, p.Dir)
			t.Logf("%s: a %.1f MB workbook: exit %d, peak RSS %d MiB: %s", tc.name, float64(info.Size())/1e6, code, rss, msg)
			if code != 3 || !strings.Contains(msg, tc.want) || !strings.Contains(msg, "data/bomb.xlsx") {
				t.Fatalf("exit %d, %q; want exit 3 and a message that names the file and says %q", code, msg, tc.want)
			}
			if rss > 400 {
				t.Errorf("peak RSS %d MiB, want under 400 MiB", rss)
			}
			db := MustOpen(t, p)
			if got := query(t, db, "SELECT count(*) FROM attendance"); strings.TrimSpace(got) != "0" {
				t.Errorf("the refused workbook left %s rows", got)
			}
		})
	}
}

// TestLongLine: a CSV line of 10 MB is refused with a short message, not
// echoed.
func TestLongLine(t *testing.T) {
	long := "deltagare;datum\nBD-1;" + strings.Repeat("x", 10<<20) + "\n"
	p := MustProject(t, "  - {file: data/lang.csv, kind: attendance, event: {id: meetup-1, kind: meetup, date: 2025-01-01}}\n", map[string][]byte{"data/lang.csv": []byte(long)})
	p.Info.Language = "en" // the message checked below is the English one
	db := MustOpen(t, p)
	_, err := ingestFile(t, p, db, source(t, p, "data/lang.csv"), ingest.Options{})
	msg := impact.ErrorMessage(err)
	if impact.ExitCode(err) != 3 || !strings.Contains(msg, "line 2 is longer than 1 MiB") || len(msg) > 400 {
		t.Fatalf("exit %d, %d bytes: %.300s", impact.ExitCode(err), len(msg), msg)
	}
}

// TestTooManyColumns: a row of more columns than Excel has is refused.
func TestTooManyColumns(t *testing.T) {
	wide := "deltagare;datum" + strings.Repeat(";", ingest.MaxColumns) + "\nBD-1;2025-01-01\n"
	p := MustProject(t, "  - {file: data/bred.csv, kind: attendance, event: {id: meetup-1, kind: meetup, date: 2025-01-01}}\n", map[string][]byte{"data/bred.csv": []byte(wide)})
	p.Info.Language = "en" // the message checked below is the English one
	db := MustOpen(t, p)
	_, err := ingestFile(t, p, db, source(t, p, "data/bred.csv"), ingest.Options{})
	if msg := impact.ErrorMessage(err); impact.ExitCode(err) != 3 || !strings.Contains(msg, "more than 16,384") {
		t.Fatalf("exit %d: %.300s", impact.ExitCode(err), msg)
	}
}

// TestEventIDWithMarkup: an event id in a data file that is not an id
// refuses the file, and the store stays as it was.
func TestEventIDWithMarkup(t *testing.T) {
	csv := "deltagare;händelse;event_kind;datum\nBD-1;<script>alert(1)</script>;meetup;2025-01-01\nBD-2;natverkstraff-1;meetup;2025-01-01\n"
	p := MustProject(t, "  - {file: data/lista.csv, kind: attendance}\n", map[string][]byte{"data/lista.csv": []byte(csv)})
	p.Info.Language = "en" // the message checked below is the English one
	db := MustOpen(t, p)
	_, err := ingestFile(t, p, db, source(t, p, "data/lista.csv"), ingest.Options{})
	msg := impact.ErrorMessage(err)
	if impact.ExitCode(err) != 3 || !strings.Contains(msg, "lista.csv:2") || !strings.Contains(msg, "is not an event id") {
		t.Fatalf("exit %d: %s", impact.ExitCode(err), msg)
	}
	if got := query(t, db, "SELECT count(*) FROM attendance"); strings.TrimSpace(got) != "0" {
		t.Errorf("the refused file left %s rows", got)
	}
}

// TestLongHeader: a header of 900,000 characters (under the line limit) is
// refused in lines of at most 1,000 characters, not echoed whole.
func TestLongHeader(t *testing.T) {
	long := "deltagare;" + strings.Repeat("y", 900_000) + "\nBD-1;1\n"
	p := MustProject(t, "  - {file: data/lang.csv, kind: attendance, event: {id: meetup-1, kind: meetup, date: 2025-01-01}}\n", map[string][]byte{"data/lang.csv": []byte(long)})
	p.Info.Language = "en" // the message checked below is the English one
	db := MustOpen(t, p)
	_, err := ingestFile(t, p, db, source(t, p, "data/lang.csv"), ingest.Options{})
	msg := impact.ErrorMessage(err)
	if impact.ExitCode(err) != 3 {
		t.Fatalf("exit %d: %.300s", impact.ExitCode(err), msg)
	}
	for _, line := range strings.Split(msg, "\n") {
		if n := len([]rune(line)); n > 1000 {
			t.Fatalf("a line of %d characters: %.200s", n, line)
		}
	}
}
