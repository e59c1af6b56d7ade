package dashboards

import (
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
)

// The column-matching step of the upload (exports.md): a file whose
// columns do not all match is kept, the page shows each column with what
// it is read as or a choice, and the choices are saved as the source's
// columns: in impact.yaml before the file is loaded.

// uploadToken is the name of a kept upload's folder under .impact/uploads.
var uploadToken = regexp.MustCompile(`^upload-[0-9]+$`)

// unmatched reports whether any column matches nothing.
func unmatched(matches []ingest.ColumnMatch) bool {
	return slices.ContainsFunc(matches, func(m ingest.ColumnMatch) bool { return m.To == "" })
}

// handleIngestColumns saves the columns a person matched and loads the
// kept upload with them.
func (s *Server) handleIngestColumns(w http.ResponseWriter, r *http.Request) {
	v, ok := s.uploadView(w, r)
	if !ok {
		return
	}
	if err := s.checkCSRFCookie(r); err != nil {
		s.fail(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadForm)
		return
	}
	if err := s.checkCSRF(r, r.PostFormValue(csrfField)); err != nil {
		s.fail(w, r, err)
		return
	}
	form := uploadForm{Kind: r.PostFormValue("kind"), Event: r.PostFormValue("event"), EventKind: r.PostFormValue("event_kind"),
		Date: r.PostFormValue("date"), Wave: r.PostFormValue("wave"), SkipInvalid: r.PostFormValue("skip_invalid") != "", DryRun: r.PostFormValue("dry_run") != ""}
	token := r.PostFormValue("token")
	name, nerr := uploadName(r.PostFormValue("name"))
	if !uploadToken.MatchString(token) || nerr != nil {
		s.fail(w, r, errBadForm)
		return
	}
	form.Name = name
	up := upload{form: form, tmpDir: filepath.Join(s.project.Dir, ".impact", "uploads", token)}
	up.tmpFile = filepath.Join(up.tmpDir, name)
	if _, err := os.Stat(up.tmpFile); err != nil {
		s.fail(w, r, impact.Errorf(impact.EINVALID, "%s", t(v.Lang, "ingest.columns_gone")))
		return
	}
	p := s.newPage(w, r, v.Lang, "ingest", t(v.Lang, "ingest.title"))
	data := s.ingestPage(v.Lang)
	data.Form = form
	src, err := s.uploadSource(up)
	var matches []ingest.ColumnMatch
	var choices []string
	if err == nil {
		matches, choices, err = ingest.MatchColumns(s.project, src, up.tmpFile)
	}
	if err == nil {
		err = s.saveColumns(r, &src, matches, choices)
	}
	status, ok := s.finishUpload(w, r, v.AsOf, up.tmpFile, src, form, err, &data)
	if !ok {
		return
	}
	if data.Result != nil {
		os.RemoveAll(up.tmpDir)
	} else if _, serr := os.Stat(up.tmpFile); serr == nil && matches != nil {
		// The file is still there: the person may choose again.
		data.Columns, data.Choices, data.Token = matches, choices, token
	}
	p.Data = data
	s.render(w, r, status, "ingest.html", p)
}

// saveColumns takes the posted choice of each column that matched nothing,
// writes them, with the source's earlier columns:, into impact.yaml, and
// sets them on src.
func (s *Server) saveColumns(r *http.Request, src *impact.Source, matches []ingest.ColumnMatch, choices []string) error {
	headers, tos := r.PostForm["header"], r.PostForm["to"]
	if len(headers) != len(tos) {
		return errBadForm
	}
	chosen := map[string]string{}
	for i, h := range headers {
		if !slices.Contains(choices, tos[i]) || !slices.ContainsFunc(matches, func(m ingest.ColumnMatch) bool { return m.Header == h && m.To == "" }) {
			return errBadForm
		}
		chosen[h] = tos[i]
	}
	var list []impact.ColumnChoice
	columns := map[string]string{}
	for h, to := range src.Columns {
		columns[h] = to
	}
	for _, m := range matches {
		if to, ok := chosen[m.Header]; ok {
			columns[m.Header] = to
		}
	}
	for _, m := range matches {
		if to, ok := columns[m.Header]; ok {
			list = append(list, impact.ColumnChoice{Header: m.Header, To: to})
		}
	}
	// The entry's other columns follow in a fixed order, so that saving
	// twice writes the same impact.yaml.
	for _, h := range slices.Sorted(maps.Keys(src.Columns)) {
		if !slices.ContainsFunc(list, func(c impact.ColumnChoice) bool { return c.Header == h }) {
			list = append(list, impact.ColumnChoice{Header: h, To: src.Columns[h]})
		}
	}
	s.projectFile.Lock()
	defer s.projectFile.Unlock()
	if err := impact.SaveSourceColumns(s.project.File, *src, list); err != nil {
		// Said in the page's language, as the rest of the page is.
		return impact.SayIn(err, s.langOf(r))
	}
	src.Columns = columns
	return nil
}
