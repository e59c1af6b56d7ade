package ingest_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
)

var (
	separators = []rune{',', ';', '\t'}
	encodings  = []string{ingest.UTF8, ingest.UTF8BOM, ingest.UTF16LE, ingest.UTF16BE, ingest.Windows1252}
)

// FuzzDialect checks dialect detection and the reading of delimited text:
// any bytes are detected without a panic and, read as a data file, are
// loaded or refused with an error for a person (never an internal one);
// and a table written in any separator and encoding is detected as written.
func FuzzDialect(f *testing.F) {
	for name, data := range fixtures(f) {
		if strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".txt") {
			f.Add(data, uint8(0), uint8(0))
		}
	}
	f.Add([]byte("a;b\n1;2,5\n"), uint8(1), uint8(4))
	f.Add([]byte("\"a\nb\",c\n1,2\n"), uint8(2), uint8(2))
	dir := f.TempDir()
	p := MustProject(f, "", nil)
	path := filepath.Join(dir, "fuzz.csv")
	in := ingest.New(p, nil, ingest.Options{Secret: secret, DryRun: true})
	f.Fuzz(func(t *testing.T, data []byte, sepChoice, encChoice uint8) {
		// Any bytes.
		d, err := ingest.DetectDialect(data)
		if err == nil {
			if !containsRune(separators, d.Separator) || !containsString(encodings, d.Encoding) {
				t.Fatalf("detected %+v", d)
			}
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err = in.File(t.Context(), impact.Source{File: path, Kind: "participants"})
		if err != nil {
			if code := impact.ErrorCode(err); code != impact.EDATA {
				t.Fatalf("code %s for %q: %v", code, data, err)
			}
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("internal error for %q: %v", data, err)
			}
		}

		// A table made of the bytes, written in a chosen dialect.
		sep := separators[int(sepChoice)%len(separators)]
		enc := encodings[int(encChoice)%len(encodings)]
		text, columns := table(data, sep, enc == ingest.Windows1252)
		if columns < 2 {
			return
		}
		encoded := encode(t, text, enc)
		got, err := ingest.DetectDialect(encoded)
		if err != nil {
			t.Fatalf("%s table %q refused: %v", enc, text, err)
		}
		if got.Separator != sep {
			t.Fatalf("separator %q detected as %q in %q", sep, got.Separator, text)
		}
		switch {
		case got.Encoding == enc:
		case enc == ingest.Windows1252 && got.Encoding == ingest.UTF8 && utf8.Valid(encoded):
			// Windows-1252 bytes that happen to be valid UTF-8 (plain ASCII,
			// or such as "Ã¥") cannot be told from it.
		default:
			t.Fatalf("%s detected as %s: %q", enc, got.Encoding, text)
		}
	})
}

// table turns fuzz bytes into a header and rows of cells without
// separators, quotes or line breaks, and returns it with its column count.
func table(data []byte, sep rune, win1252 bool) (string, int) {
	clean := strings.Map(func(r rune) rune {
		switch {
		case r == ',' || r == ';' || r == '\t' || r == '"' || r == '\r' || r == '\n' || r == 0 || r == utf8.RuneError || r == '\ufeff':
			return -1
		case win1252:
			if _, ok := charmap.Windows1252.EncodeRune(r); !ok {
				return -1
			}
		}
		return r
	}, string(bytes.ToValidUTF8(data, nil)))
	words := strings.Fields(clean)
	if len(words) < 4 {
		return "", 0
	}
	columns := min(len(words)/2, 5)
	var b strings.Builder
	for i := 0; i+columns <= len(words) && i < 10*columns; i += columns {
		b.WriteString(strings.Join(words[i:i+columns], string(sep)))
		b.WriteString("\r\n")
	}
	return b.String(), columns
}

func encode(t *testing.T, text, enc string) []byte {
	t.Helper()
	var out []byte
	var err error
	switch enc {
	case ingest.UTF8:
		return []byte(text)
	case ingest.UTF8BOM:
		return append([]byte("\ufeff"), text...)
	case ingest.UTF16LE:
		out, err = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	case ingest.UTF16BE:
		out, err = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	case ingest.Windows1252:
		out, err = charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func containsRune(list []rune, r rune) bool {
	for _, x := range list {
		if x == r {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// FuzzKolada checks the reading of Kolada answers: any bytes are read or
// refused without a panic; every figure read is complete (a KPI, a
// municipality, a year, T/K/M, a finite value or null); and the figures
// written back as one v3 page read back the same.
func FuzzKolada(f *testing.F) {
	for name, data := range fixtures(f) {
		if strings.HasSuffix(name, ".json") {
			f.Add(data)
		}
	}
	f.Add([]byte(`[{"values":[]},{"values":[{"kpi":"N1","municipality":2582,"period":"2020","values":[{"gender":"t","value":"1,5"}]}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		figures, err := ingest.ParseKolada(bytes.NewReader(data))
		var kerr *ingest.KoladaError
		if err != nil && !errors.As(err, &kerr) {
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		for _, fig := range figures {
			if fig.KPI == "" || fig.Municipality == "" || fig.Period < 1900 || fig.Period > 2200 || fig.Row < 1 ||
				!strings.Contains(",,T,K,M,", ","+fig.Gender+",") || (fig.Value != nil && (math.IsNaN(*fig.Value) || math.IsInf(*fig.Value, 0))) {
				t.Fatalf("incomplete figure %+v from %q", fig, data)
			}
		}
		if kerr != nil {
			for _, p := range kerr.Problems {
				if p.Row < 1 || p.What == "" {
					t.Fatalf("problem %+v", p)
				}
			}
		}
		// Write the figures back as one page, a row per figure.
		type value struct {
			Gender string   `json:"gender,omitempty"`
			Value  *float64 `json:"value"`
		}
		type row struct {
			KPI          string  `json:"kpi"`
			Municipality string  `json:"municipality"`
			Period       int     `json:"period"`
			Values       []value `json:"values"`
		}
		page := struct {
			Values  []row   `json:"values"`
			NextURL *string `json:"next_url"`
		}{Values: []row{}}
		for _, fig := range figures {
			page.Values = append(page.Values, row{fig.KPI, fig.Municipality, fig.Period, []value{{fig.Gender, fig.Value}}})
		}
		again, err := json.Marshal(page)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ingest.ParseKolada(bytes.NewReader(again))
		if err != nil {
			t.Fatalf("figures written back do not read: %v\n%s", err, again)
		}
		if len(back) != len(figures) {
			t.Fatalf("%d figures read back as %d", len(figures), len(back))
		}
		for i := range back {
			a, b := figures[i], back[i]
			if a.KPI != b.KPI || a.Municipality != b.Municipality || a.Period != b.Period || a.Gender != b.Gender ||
				(a.Value == nil) != (b.Value == nil) || (a.Value != nil && *a.Value != *b.Value) {
				t.Fatalf("figure %d: %+v read back as %+v", i, a, b)
			}
		}
	})
}

// TestFuzzCorpusCommitted keeps the committed seed corpora, and with -update
// writes them from the fixtures.
func TestFuzzCorpusCommitted(t *testing.T) {
	corpus := map[string]string{}
	for name, data := range fixtures(t) {
		switch {
		case strings.HasSuffix(name, ".json"):
			corpus["FuzzKolada/"+name] = fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
		case strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".txt"):
			for i := range 3 {
				corpus[fmt.Sprintf("FuzzDialect/%s-%d", name, i)] = fmt.Sprintf("go test fuzz v1\n[]byte(%q)\nbyte(%q)\nbyte(%q)\n", data, rune(i), rune(i+2))
			}
		}
	}
	corpus["FuzzDialect/unterminated-quote"] = fmt.Sprintf("go test fuzz v1\n[]byte(%q)\nbyte('\\x01')\nbyte('\\x00')\n", "participant,cohort\nBD-1,\"vår\n")
	corpus["FuzzDialect/nul-bytes"] = fmt.Sprintf("go test fuzz v1\n[]byte(%q)\nbyte('\\x02')\nbyte('\\x03')\n", "p\x00a\x00\n")
	corpus["FuzzKolada/truncated"] = fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", `{"values":[{"kpi":"N00914","municipality":"2582","period":2023,"values":[{"gender":"T","val`)
	for name, content := range corpus {
		path := filepath.Join("testdata", "fuzz", filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if _, err := os.Stat(path); err != nil {
			t.Errorf("seed %s is missing (run go test -run TestFuzzCorpusCommitted -update): %v", name, err)
		}
	}
}
