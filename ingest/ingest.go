// Package ingest reads the data files of a project, as people make them
// (Excel's Swedish CSV in Windows-1252, UTF-8 and UTF-16 exports, XLSX
// workbooks, Kolada downloads), into the store: it detects each file's
// dialect, matches its headers to the canonical columns of its kind
// (Swedish synonyms included), parses every value in Swedish or English,
// replaces participant ids with keyed pseudonyms, refuses personal data,
// and loads the rows of one file in one transaction.
//
// A file is loaded whole or not at all: by default one invalid row refuses
// the file, with every bad row listed (file:line, column, what is wrong,
// what would be right). With SkipInvalid the valid rows are loaded and the
// others kept, with their reason, in the rejects table. The same content at
// the same path, read the same way, is a no-op; changed content, or a
// changed source entry (kind, columns:, event, wave, sheet, date_format) or
// command-line override, replaces the earlier rows.
//
//	in := ingest.New(project, db, ingest.Options{Secret: secret})
//	for _, src := range project.Sources {
//		res, err := in.File(ctx, src)
//		...
//	}
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// Options tunes an Ingester.
type Options struct {
	// Secret keys the pseudonyms (see LoadSecret). It is required.
	Secret []byte
	// SkipInvalid loads the valid rows of a file and keeps the others in
	// the rejects table, instead of refusing the whole file.
	SkipInvalid bool
	// DryRun reads and checks every row but writes nothing.
	DryRun bool
	// Now is the clock recorded as a file's ingested_at; time.Now when nil.
	Now func() time.Time
	// Progress, when set, is called now and then while a file is read with
	// how much of it is done and its total, in bytes for text files; for a
	// workbook, in rows with a total of -1 (its rows are not known ahead).
	// It is called from another goroutine than File's.
	Progress func(done, total int64)
}

// Result is what ingesting one file did.
type Result struct {
	// File is the file's path relative to the project folder, with slashes,
	// as the store records it.
	File string
	// Kind is the kind of data the file holds.
	Kind string
	// Format describes how the file was read, such as
	// "CSV: Windows-1252, separated by ';', decimal comma".
	Format string
	// Read is the number of rows read (blank rows not counted), Loaded the
	// rows loaded and Rejected the rows refused with SkipInvalid. A wide
	// survey row counts once, however many answers it holds.
	Read, Loaded, Rejected int64
	// Stored is the number of rows written to the store: a survey line is
	// one row of answers, however many items it answers.
	Stored int64
	// Skipped is set when the same content was already ingested from the
	// same path with the same settings; the counts are then those of that
	// earlier ingest.
	Skipped bool
	// Replaced is set when the rows of an earlier ingest of the same path
	// were replaced: its content or its settings changed (see Change).
	Replaced bool
	// Change says why a file ingested before was read again: its content,
	// or only its settings (how it is read). NoChange for a first ingest or
	// a skipped file.
	Change Change
	// Settings is the fingerprint of how the file is read (its source entry
	// and the command line's overrides) that the store records beside the
	// file's hash.
	Settings string
	// DryRun is set when nothing was written.
	DryRun bool
	// Notes are what ingest did with the file that a person should see:
	// summary rows not loaded, headers matched by their text, columns
	// dropped (exports.md). Format each with Note.Format(File).
	Notes []Note
}

// Ingester loads the data files of one project into its store.
type Ingester struct {
	project    *impact.Project
	db         *store.DB
	opts       Options
	pseudonyms *Pseudonymiser
	// turn orders the loads of a run of Files by source id; nil for File.
	turn *loadTurn
}

// New returns an Ingester for the project's files. db may be nil for a dry
// run that need not know what is already ingested.
func New(p *impact.Project, db *store.DB, opts Options) *Ingester {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Ingester{project: p, db: db, opts: opts, pseudonyms: NewPseudonymiser(opts.Secret)}
}

// rowSource is a file's rows, one at a time, with the line (or row) each
// starts on. Next returns io.EOF after the last.
type rowSource interface {
	Next() (line int, cells []string, err error)
}

// File ingests one source. Data that cannot be loaded gives an EDATA error
// that lists every problem; an unusable source entry or option gives
// EINVALID; a missing file ENOTFOUND.
func (in *Ingester) File(ctx context.Context, src impact.Source) (Result, error) {
	abs, rel := in.paths(src.File)
	res := Result{File: rel, Kind: src.Kind, DryRun: in.opts.DryRun}
	if len(in.opts.Secret) == 0 {
		return res, impact.Errorf(impact.EINTERNAL, "ingest %s: no secret for pseudonyms was given; this is a bug in impact, report it", rel)
	}
	kind, ok := impact.LookupKind(src.Kind)
	if !ok {
		lang := in.project.Info.Language
		if near := impact.Nearest(src.Kind, impact.KindNames()); near != "" {
			return res, &impact.Error{Code: impact.EINVALID, Message: say(lang, "source.kind.near", rel, src.Kind, near, strings.Join(impact.KindNames(), ", "))}
		}
		return res, &impact.Error{Code: impact.EINVALID, Message: say(lang, "source.kind", rel, src.Kind, strings.Join(impact.KindNames(), ", "))}
	}
	if err := checkSource(rel, src, in.project.Info.Language); err != nil {
		return res, err
	}
	settings, err := settingsOf(in.project, src)
	if err != nil {
		return res, err
	}
	res.Settings = settings
	facts, err := examine(abs, rel, in.project.Info.Language)
	if err != nil {
		return res, err
	}
	if in.db != nil {
		prev, found, err := in.db.SourceByPath(ctx, rel)
		if err != nil {
			return res, err
		}
		// The same bytes read another way (a corrected columns: map, another
		// wave) are other rows: skip only when nothing of either changed.
		// No recorded settings (an older store) counts as changed, so that
		// the file is read once more and its settings recorded.
		switch {
		case !found:
		case prev.Hash != facts.hash:
			res.Change = ContentChanged
		case prev.Kind != src.Kind || (prev.Settings != "" && prev.Settings != settings):
			res.Change = SettingsChanged
		case prev.Settings == "":
			res.Change = SettingsUnknown
		default:
			res.Skipped = true
			res.Read, res.Loaded, res.Rejected = prev.RowsRead, prev.RowsLoaded, prev.RowsRejected
			return res, nil
		}
		res.Replaced = found
	}
	if strings.EqualFold(filepath.Ext(abs), ".json") && src.Kind == "kpi_meta" {
		res.Format = "Kolada JSON"
		return in.loadKoladaMeta(ctx, abs, facts, res)
	}
	if strings.EqualFold(filepath.Ext(abs), ".json") {
		if src.Kind != "kpi" {
			return res, impact.Errorf(impact.EINVALID, "%s: a JSON file is read as a Kolada answer, of kind kpi, not %s; set kind: kpi in the source entry, or give the %s data as CSV or XLSX", rel, src.Kind, src.Kind)
		}
		res.Format = "Kolada JSON"
		return in.loadKolada(ctx, abs, facts, res)
	}
	rows, closeRows, format, err := openRows(abs, rel, src, facts, in.project.Info.Language)
	if err != nil {
		return res, err
	}
	defer closeRows()
	res.Format = format.describe
	return in.loadRows(ctx, rows, kind, src, facts, format, res)
}

// paths returns a source file's absolute path and its path relative to the
// project folder, with slashes, as the store records it.
func (in *Ingester) paths(file string) (abs, rel string) {
	abs = file
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(in.project.Dir, filepath.FromSlash(file))
	}
	abs = filepath.Clean(abs)
	rel, err := filepath.Rel(in.project.Dir, abs)
	if err != nil {
		rel = abs
	}
	return abs, filepath.ToSlash(rel)
}

// checkSource checks what the command line may have given instead of the
// project file, which the project loader checks itself; lang is the
// language of its errors.
func checkSource(rel string, src impact.Source, lang string) error {
	if src.Wave != "" {
		if _, err := waves.parse(src.Wave); err != nil {
			problem, fix := err.in(lang)
			return &impact.Error{Code: impact.EINVALID, Message: say(lang, "source.wave", rel, src.Wave, problem, fix)}
		}
	}
	if e := src.Event; e != nil && e.Kind != "" {
		if _, err := eventKinds.parse(e.Kind); err != nil {
			problem, fix := err.in(lang)
			return &impact.Error{Code: impact.EINVALID, Message: say(lang, "source.event_kind", rel, e.Kind, problem, fix)}
		}
	}
	return nil
}

// fileFacts is what one pass over a file's bytes learns.
type fileFacts struct {
	hash      string
	size      int64
	head      []byte
	validUTF8 bool
}

// examine reads a file once: its SHA-256, its size, its first bytes and
// whether it is valid UTF-8 throughout (which decides between UTF-8 and
// Windows-1252 for the whole file, not only its beginning). lang is the
// language of its errors.
func examine(abs, rel, lang string) (fileFacts, error) {
	var facts fileFacts
	f, err := os.Open(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return facts, &impact.Error{Code: impact.ENOTFOUND, Message: say(lang, "file.missing", rel)}
	}
	if err != nil {
		return facts, &impact.Error{Code: impact.EINVALID, Message: say(lang, "file.unreadable", rel, err)}
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return facts, &impact.Error{Code: impact.EINVALID, Message: say(lang, "file.folder", rel)}
	}
	h := sha256.New()
	buf := make([]byte, 1<<20)
	facts.validUTF8 = true
	var carry []byte
	for {
		n, err := f.Read(buf)
		chunk := buf[:n]
		h.Write(chunk)
		if len(facts.head) < sniffSize {
			facts.head = append(facts.head, chunk[:min(len(chunk), sniffSize-len(facts.head))]...)
		}
		if facts.validUTF8 && n > 0 {
			carry = validUTF8Chunk(append(carry, chunk...), &facts.validUTF8)
		}
		facts.size += int64(n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return facts, impact.Errorf(impact.EINVALID, "%s: cannot read the file: %v", rel, err)
		}
	}
	if len(carry) > 0 {
		facts.validUTF8 = false
	}
	facts.hash = hex.EncodeToString(h.Sum(nil))
	return facts, nil
}

// validUTF8Chunk checks a chunk of a file for UTF-8 and returns the bytes of
// a character cut off at its end, to be checked with the next chunk.
func validUTF8Chunk(chunk []byte, valid *bool) []byte {
	end := len(chunk)
	// Step back over a character that may be cut off.
	for back := 1; back < utf8.UTFMax && back <= len(chunk); back++ {
		c := chunk[len(chunk)-back]
		if c < utf8.RuneSelf {
			break
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(chunk[len(chunk)-back:]) {
				end = len(chunk) - back
			}
			break
		}
	}
	if !utf8.Valid(chunk[:end]) {
		*valid = false
		return nil
	}
	return append([]byte(nil), chunk[end:]...)
}

// format is how a file's rows are read.
type format struct {
	describe   string
	style      numberStyle
	total      int64
	progressOf func() int64
}

// openRows opens a CSV or XLSX file as rows; lang is the language of its
// refusal.
func openRows(abs, rel string, src impact.Source, facts fileFacts, lang string) (rowSource, func(), format, error) {
	ext := strings.ToLower(filepath.Ext(abs))
	isZip := strings.HasPrefix(string(facts.head), "PK\x03\x04")
	if len(strings.TrimSpace(strings.TrimPrefix(string(facts.head), "\ufeff"))) == 0 && facts.size < sniffSize {
		return nil, nil, format{}, refusedFile(rel, errEmpty, lang)
	}
	switch ext {
	case ".xls":
		return nil, nil, format{}, refusedFile(rel, &notTextError{"is an old Excel workbook (.xls), which impact cannot read; open it in Excel and save it as .xlsx"}, lang)
	case ".xlsx", ".xlsm":
		if !isZip {
			what := &structureError{what: "is not an Excel workbook (it does not start as one)"}
			if _, err := detectDialect(facts.head, facts.size <= sniffSize, facts.validUTF8); err == nil {
				what = &structureError{what: "is named %[1]s but holds text; rename it to .csv", args: []any{ext}}
			}
			return nil, nil, format{}, refusedFile(rel, what, lang)
		}
		if err := checkWorkbook(abs); err != nil {
			return nil, nil, format{}, refusedFile(rel, err, lang)
		}
		x, err := openXLSX(abs, src.Sheet)
		if err != nil {
			return nil, nil, format{}, refusedFile(rel, err, lang)
		}
		f := format{describe: "XLSX, sheet " + x.sheet, style: decimalComma, total: -1}
		f.progressOf = func() int64 { return int64(x.row) }
		return &limitedRows{rowSource: x, maxRows: MaxXLSXRows}, func() { x.Close() }, f, nil
	}
	d, err := detectDialect(facts.head, facts.size <= sniffSize, facts.validUTF8)
	if err != nil {
		return nil, nil, format{}, refusedFile(rel, err, lang)
	}
	file, err := os.Open(abs)
	if err != nil {
		return nil, nil, format{}, impact.Errorf(impact.EINVALID, "%s: cannot open the file: %v", rel, err)
	}
	counter := &countingReader{r: file}
	style := decimalPoint
	if d.DecimalComma {
		style = decimalComma
	}
	f := format{describe: "CSV: " + d.String(), style: style, total: facts.size, progressOf: counter.count}
	return &limitedRows{rowSource: newCSVSource(counter, d), maxRows: MaxCSVRows}, func() { file.Close() }, f, nil
}

// errEmpty is a file without a header row.
var errEmpty = &notTextError{"is empty; export it again with its header row and data"}

// refusedFile is the EDATA error of a file that cannot be read at all, in
// lang.
func refusedFile(rel string, err error, lang string) error {
	return refusedAt(rel, 0, err, lang)
}

// refusedAt is the EDATA error of a file refused at line (0 for none, or
// the line a structure problem names), in lang.
func refusedAt(rel string, line int, err error, lang string) error {
	english, what := err.Error(), sayIn(lang, err)
	var s *structureError
	var n *notTextError
	var p phrase
	switch {
	case errors.As(err, &s):
		english = s.what
		if s.line > 0 {
			line = s.line
		}
	case errors.As(err, &n):
		english, what = n.what, say(lang, n.what)
	case errors.As(err, &p):
		english = p.Key
	}
	// What starts "is …" or "has …" says it of the file.
	key := "refused.file"
	if strings.HasPrefix(english, "is ") || strings.HasPrefix(english, "has ") {
		key = "refused.file.the_file"
	}
	if line > 0 {
		return &impact.Error{Code: impact.EDATA, Message: say(lang, key+".line", rel, strconv.Itoa(line), what)}
	}
	return &impact.Error{Code: impact.EDATA, Message: say(lang, key, rel, what)}
}

// countingReader counts the bytes read through it, for progress.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (c *countingReader) count() int64 { return c.n.Load() }

// loadRows reads a CSV or XLSX file's header, then its rows.
func (in *Ingester) loadRows(ctx context.Context, rows rowSource, kind impact.DataKind, src impact.Source, facts fileFacts, f format, res Result) (Result, error) {
	rel := res.File
	headerLine, header, err := rows.Next()
	if errors.Is(err, io.EOF) {
		return res, refusedFile(rel, errEmpty, in.project.Info.Language)
	}
	if err != nil {
		return res, refusedFile(rel, err, in.project.Info.Language)
	}
	header = append([]string(nil), header...)
	rules := headerRulesOf(in.project, kind)
	l, err := mapHeader(header, kind, src, rules)
	if err != nil {
		return res, refusedAt(rel, headerLine, err, in.project.Info.Language)
	}
	dateLayout := ""
	if src.DateFormat != "" {
		if dateLayout, err = DateLayout(src.DateFormat); err != nil {
			return res, impact.Errorf(impact.EINVALID, "%s: %v", rel, err)
		}
	}
	conv, err := newConverter(l, src, in.project, f.style, dateLayout, in.pseudonyms)
	if err != nil {
		return res, refusedAt(rel, headerLine, err, in.project.Info.Language)
	}
	notes := l.notes
	produce := func(emit func(line, stored int, values []any), report func(problem), endLine func() bool) error {
		// The file is split into lines on a goroutine of its own (readLines)
		// while this one converts them, in the file's order.
		chunks := make(chan *lineChunk, 4)
		stop := make(chan struct{})
		var readErr error
		go func() {
			defer close(chunks)
			readErr = readLines(ctx, rows, f.style, chunks, stop, func(line int, word string) {
				notes = append(notes, noteOf(in.project.Info.Language, line, "note.summary", word))
			})
		}()
		defer func() {
			close(stop)
			for range chunks {
				// Wait for the reading goroutine to end.
			}
		}()
		var out []any
		for chunk := range chunks {
			for i, line := range chunk.lines {
				var n int
				out, n = conv.convert(line, chunk.cells[chunk.ends[i]:chunk.ends[i+1]], out[:0], report)
				emit(line, n, out)
				if !endLine() {
					return errStopped
				}
			}
		}
		return readErr
	}
	if len(conv.attributes) > 0 && in.db != nil {
		// What the file says of people's attributes is staged in the
		// store as it is read, and compared with the register there.
		stage, err := in.db.StageRegister(ctx)
		if err != nil {
			return res, err
		}
		defer stage.Close()
		conv.stage = stage
	}
	var writes []pendingRegister
	afterRead := func(load *store.Load) ([]Note, error) {
		if conv.stageErr != nil {
			return nil, conv.stageErr
		}
		if conv.stage != nil {
			known, err := conv.stage.Diff()
			if err != nil {
				return nil, err
			}
			var more []Note
			if writes, more, err = registerWrites(known, in.project.Info.Language); err != nil {
				return nil, err
			}
			notes = append(notes, more...)
			if load != nil {
				if err := writeRegister(load, writes); err != nil {
					return nil, err
				}
			}
		}
		return notes, nil
	}
	res, err = in.run(ctx, conv.width, facts, f, produce, res, afterRead)
	res.Notes = notes
	if err != nil && len(conv.personalCols) > 0 {
		return res, personalColumnsError(rel, headerLine, conv.personalCols, in.project.Info.Language)
	}
	return res, err
}

// lineChunk is lines of a file on their way from readLines to conversion:
// the cells of line i are cells[ends[i]:ends[i+1]].
type lineChunk struct {
	lines []int
	ends  []int
	cells []string
}

// chunkLines is the number of lines readLines hands on at a time.
const chunkLines = 1024

// readLines reads rows until the file ends, an error or stop, and sends
// its lines in chunks, skipping blank lines and giving summary rows
// ("Summa") to summary instead. The cells are copied out of the reader's
// record; the strings themselves are never changed by the reader. It
// returns the reader's error (nil at the end of the file) or the context's.
func readLines(ctx context.Context, rows rowSource, style numberStyle, chunks chan<- *lineChunk, stop <-chan struct{}, summary func(line int, word string)) error {
	chunk := &lineChunk{ends: []int{0}}
	send := func() bool {
		if len(chunk.lines) == 0 {
			return true
		}
		select {
		case chunks <- chunk:
		case <-stop:
			return false
		}
		chunk = &lineChunk{lines: make([]int, 0, chunkLines), ends: append(make([]int, 0, chunkLines+1), 0), cells: make([]string, 0, cap(chunk.cells))}
		return true
	}
	for {
		if err := ctx.Err(); err != nil {
			send()
			return err
		}
		line, cells, err := rows.Next()
		if err != nil {
			if !send() {
				return errStopped
			}
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if blank(cells) {
			continue
		}
		if word, ok := summaryRow(cells, style); ok {
			summary(line, word)
			continue
		}
		chunk.lines = append(chunk.lines, line)
		chunk.cells = append(chunk.cells, cells...)
		chunk.ends = append(chunk.ends, len(chunk.cells))
		if len(chunk.lines) == chunkLines && !send() {
			return errStopped
		}
	}
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// loadKolada reads a Kolada answer. It is small, so it is decoded whole.
func (in *Ingester) loadKolada(ctx context.Context, abs string, facts fileFacts, res Result) (Result, error) {
	rel := res.File
	file, err := os.Open(abs)
	if err != nil {
		return res, impact.Errorf(impact.EINVALID, "%s: cannot open the file: %v", rel, err)
	}
	defer file.Close()
	if err := notText(facts.head); err != nil || strings.IndexByte(string(facts.head), 0) >= 0 {
		return res, impact.Errorf(impact.EDATA, "%s: refused, nothing was loaded: the file is not a Kolada answer (it is not JSON text); download it again from the Kolada API", rel)
	}
	figures, err := ParseKolada(file)
	var kerr *KoladaError
	if err != nil && !errors.As(err, &kerr) {
		return res, refusedFile(rel, err, in.project.Info.Language)
	}
	// Rows with problems and rows with figures, in file order: a row is
	// either loaded with all its figures or refused.
	problemsOf := map[int][]KoladaProblem{}
	if kerr != nil {
		for _, p := range kerr.Problems {
			problemsOf[p.Row] = append(problemsOf[p.Row], p)
		}
	}
	figuresOf := map[int][]KoladaFigure{}
	var order []int
	for _, fig := range figures {
		if _, seen := figuresOf[fig.Row]; !seen {
			order = append(order, fig.Row)
		}
		figuresOf[fig.Row] = append(figuresOf[fig.Row], fig)
	}
	for row := range problemsOf {
		if _, seen := figuresOf[row]; !seen {
			order = append(order, row)
		}
	}
	slices.Sort(order)
	produce := func(emit func(line, stored int, values []any), report func(problem), endLine func() bool) error {
		var out []any
		for _, row := range order {
			for _, p := range problemsOf[row] {
				report(problem{line: row, err: p.valueError(in.project.Info.Language, "correct the row, or download the answer again")})
			}
			out = out[:0]
			for _, fig := range figuresOf[row] {
				var value, gender any
				if fig.Value != nil {
					value = *fig.Value
				}
				if fig.Gender != "" {
					gender = fig.Gender
				}
				out = append(out, fig.KPI, fig.Municipality, int64(fig.Period), gender, value)
			}
			emit(row, len(figuresOf[row]), out)
			if !endLine() {
				return errStopped
			}
		}
		return nil
	}
	return in.run(ctx, len(store.Tables["kpi"]), facts, format{total: -1}, produce, res, nil)
}

// errStopped stops the reading goroutine when the store failed.
var errStopped = errors.New("ingest: stopped")

// batchRows is the number of stored rows handed from the reading goroutine
// to the loading one at a time.
const batchRows = 2048

// batch is rows on their way from the reader to the store.
type batch struct {
	lines   []int
	values  []any
	rejects []rejected
}

// rejected is a line refused with SkipInvalid.
type rejected struct {
	line           int
	column, reason string
}

// producer reads a file and hands each line's stored rows to emit (stored
// is 0 for a line with problems, which it gives report first), calling
// endLine after each line and stopping when that returns false.
type producer func(emit func(line, stored int, values []any), report func(problem), endLine func() bool) error

// run reads the file on one goroutine (parsing, checking, pseudonymising)
// while this one appends the rows to the store, so that the two cores do
// the two halves of the work; then it commits, or rolls back a refused
// file so that nothing of it is written.
//
// afterRead, when not nil, runs once the file is read and its rows are
// valid: it writes what depends on the whole file (register rows) and
// returns the file's notes, recorded with the rows. load is nil in a dry run.
func (in *Ingester) run(ctx context.Context, width int, facts fileFacts, f format, produce producer, res Result, afterRead func(*store.Load) ([]Note, error)) (Result, error) {
	rel := res.File
	var load *store.Load
	if !in.opts.DryRun {
		var err error
		load, err = in.beginLoad(ctx, store.LoadInfo{Path: rel, Kind: res.Kind, Hash: facts.hash, Settings: res.Settings, Now: in.opts.Now()})
		if err != nil {
			return res, err
		}
		defer load.Rollback()
	}
	batches := make(chan *batch, 4)
	free := make(chan *batch, 6)
	stop := make(chan struct{})
	var ps problems
	var read, loaded, rejectedLines, stored int64
	var produceErr error
	go func() {
		defer close(batches)
		current := &batch{}
		var lineProblems []problem
		strictFailed := false
		send := func() bool {
			select {
			case batches <- current:
			case <-stop:
				return false
			}
			select {
			case current = <-free:
				current.lines, current.values, current.rejects = current.lines[:0], current.values[:0], current.rejects[:0]
			default:
				current = &batch{}
			}
			if in.opts.Progress != nil && f.progressOf != nil {
				in.opts.Progress(f.progressOf(), f.total)
			}
			return true
		}
		report := func(p problem) { lineProblems = append(lineProblems, p) }
		// emit comes after the line's problems were reported.
		emit := func(line, n int, values []any) {
			read++
			if len(lineProblems) > 0 {
				rejectedLines++
				for _, p := range lineProblems {
					ps.add(p)
				}
				if !in.opts.SkipInvalid {
					strictFailed = true
				} else if !in.opts.DryRun {
					current.rejects = append(current.rejects, lineReject(lineProblems))
				}
				lineProblems = lineProblems[:0]
				return
			}
			loaded++
			stored += int64(n)
			if strictFailed || in.opts.DryRun {
				// A refused file is rolled back: what follows the first bad
				// row is only read for its problems.
				return
			}
			for i := 0; i < n; i++ {
				current.lines = append(current.lines, line)
			}
			current.values = append(current.values, values[:n*width]...)
		}
		endLine := func() bool {
			if len(current.lines) >= batchRows || len(current.rejects) >= batchRows {
				return send()
			}
			return true
		}
		produceErr = produce(emit, report, endLine)
		if produceErr == nil && (len(current.lines) > 0 || len(current.rejects) > 0) {
			send()
		}
	}()
	var appendErr error
	for b := range batches {
		if appendErr == nil && load != nil {
			appendErr = appendBatch(load, b, width, res.Kind == "responses")
			if appendErr != nil {
				close(stop)
			}
		}
		select {
		case free <- b:
		default:
		}
	}
	// The reading goroutine has finished: batches is closed.
	if appendErr != nil {
		return res, appendErr
	}
	if produceErr != nil {
		if ctx.Err() != nil {
			return res, impact.Errorf(impact.EINTERNAL, "%s: ingest was interrupted; nothing of the file was written", rel)
		}
		return res, refusedFile(rel, produceErr, in.project.Info.Language)
	}
	res.Read, res.Loaded, res.Rejected, res.Stored = read, loaded, rejectedLines, stored
	if ps.count > 0 && (!in.opts.SkipInvalid || ps.personal > 0) {
		res.Loaded, res.Stored = 0, 0
		return res, ps.refusal(rel, in.opts.SkipInvalid, in.project.Info.Language)
	}
	if afterRead != nil {
		notes, err := afterRead(load)
		if err != nil {
			return res, err
		}
		for _, n := range notes {
			if load == nil {
				break
			}
			if err := n.record(load); err != nil {
				return res, err
			}
		}
	}
	if load != nil {
		if err := load.Commit(read, loaded, rejectedLines); err != nil {
			return res, err
		}
	}
	return res, nil
}

// appendBatch writes one batch of rows and rejects into the load. The
// rows of survey answers carry their *form, which it turns into the
// store's id of the form.
func appendBatch(load *store.Load, b *batch, width int, answers bool) error {
	for i, line := range b.lines {
		row := b.values[i*width : (i+1)*width]
		if answers {
			if err := resolveForm(load, row); err != nil {
				return err
			}
		}
		if err := load.Append(line, row...); err != nil {
			return err
		}
	}
	for _, r := range b.rejects {
		if err := load.Reject(r.line, r.column, r.reason); err != nil {
			return err
		}
	}
	return nil
}

// resolveForm replaces the *form of an answers row by its id in the
// store, looking the form up (or adding it) in the load's transaction the
// first time.
func resolveForm(load *store.Load, row []any) error {
	f, ok := row[formAt].(*form)
	if !ok {
		return nil
	}
	if f.id == 0 {
		id, err := load.Form(f.items)
		if err != nil {
			return err
		}
		f.id = id
	}
	row[formAt] = f.id
	return nil
}

// lineReject is one rejects row for a line: the column when only one is
// at fault, and every reason.
func lineReject(ps []problem) rejected {
	r := rejected{line: ps[0].line}
	if len(ps) == 1 {
		r.column = ps[0].header
		r.reason = ps[0].reason()
		return r
	}
	reasons := make([]string, len(ps))
	for i, p := range ps {
		if p.header != "" {
			reasons[i] = fmt.Sprintf("column %q: %s", p.header, p.reason())
		} else {
			reasons[i] = p.reason()
		}
	}
	r.reason = strings.Join(reasons, "; ")
	return r
}
