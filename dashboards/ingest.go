package dashboards

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
	"github.com/joiningforces/impact/ingest"
)

// UploadDir is where an uploaded file that is not a source of impact.yaml
// is kept, relative to the project folder; the store records that path.
const UploadDir = "data/uploads"

// uploadExtensions are the kinds of file ingest reads.
var uploadExtensions = []string{".csv", ".tsv", ".txt", ".xlsx", ".json"}

// maxFieldSize bounds a form field other than the file.
const maxFieldSize = 1 << 10

// ingestPage is what the upload page shows: the form's choices, and after
// a post its result or the refusal.
type ingestPage struct {
	Kinds      []string
	EventKinds []string
	Waves      []string
	Sources    []string
	MaxUpload  string
	Form       uploadForm
	Result     *ingest.Result
	// Problem is ingest's refusal, one line per problem, as
	// `impact ingest` prints it.
	Problem []string
	// Columns, when not nil, is the column-matching step: the file's
	// columns, what each is read as, and Choices for those that match
	// nothing. Token names the upload kept for the step.
	Columns []ingest.ColumnMatch
	Choices []string
	Token   string
}

// uploadForm is the upload form's fields, kept to fill the form again.
type uploadForm struct {
	Name, Kind, Event, EventKind, Date, Wave string
	SkipInvalid, DryRun                      bool
}

// handleIngestForm shows the upload form.
func (s *Server) handleIngestForm(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(w, r, v.Lang, "ingest", t(v.Lang, "ingest.title"))
	p.Data = s.ingestPage(v.Lang)
	s.render(w, r, http.StatusOK, "ingest.html", p)
}

func (s *Server) ingestPage(lang string) ingestPage {
	data := ingestPage{
		Kinds:      impact.KindNames(),
		EventKinds: impact.EventKinds,
		Waves:      impact.Waves,
		MaxUpload:  formatBytes(s.cfg.MaxUpload, lang),
	}
	for _, src := range s.project.Sources {
		data.Sources = append(data.Sources, path.Base(filepath.ToSlash(src.File)))
	}
	return data
}

// handleIngest takes an uploaded data file and loads it as `impact ingest`
// would: a file that matches a source of impact.yaml by name replaces that
// source (a corrected export); any other file goes to data/uploads with
// the kind chosen in the form. A refused file leaves the store and the
// project folder as they were.
func (s *Server) handleIngest(w http.ResponseWriter, r *http.Request) {
	v, ok := s.uploadView(w, r)
	if !ok {
		return
	}
	// Refuse a body that says it is too large before reading a byte of it;
	// MaxBytesReader stops one that lies about its size.
	limit := s.cfg.MaxUpload + 64<<10
	if r.ContentLength > limit {
		s.fail(w, r, errTooLarge)
		return
	}
	// A post without the CSRF cookie cannot carry a valid token: refuse it
	// before reading the body.
	if err := s.checkCSRFCookie(r); err != nil {
		s.fail(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	upload, err := s.readUpload(r)
	keep := false
	if upload.tmpDir != "" {
		// The upload stays for the column-matching step, else it goes.
		defer func() {
			if !keep {
				os.RemoveAll(upload.tmpDir)
			}
		}()
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.checkCSRF(r, upload.csrf); err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(w, r, v.Lang, "ingest", t(v.Lang, "ingest.title"))
	data := s.ingestPage(v.Lang)
	data.Form = upload.form
	src, err := s.uploadSource(upload)
	if err == nil {
		// Columns that match nothing are matched by the person first.
		if matches, choices, merr := ingest.MatchColumns(s.project, src, upload.tmpFile); merr == nil && unmatched(matches) {
			keep = true
			data.Columns, data.Choices, data.Token = matches, choices, filepath.Base(upload.tmpDir)
			p.Data = data
			s.render(w, r, http.StatusOK, "ingest.html", p)
			return
		}
	}
	status, ok := s.finishUpload(w, r, v.AsOf, upload.tmpFile, src, upload.form, err, &data)
	if !ok {
		return
	}
	p.Data = data
	s.render(w, r, status, "ingest.html", p)
}

// finishUpload loads an upload unless an earlier step failed (prior), and
// puts the result or the refusal on the page. It returns the page's
// status, or false when it answered with an error page itself.
func (s *Server) finishUpload(w http.ResponseWriter, r *http.Request, asOf impact.Date, tmpFile string, src impact.Source, form uploadForm, prior error, data *ingestPage) (int, bool) {
	err := prior
	if err == nil {
		var res ingest.Result
		res, err = s.ingestUpload(r.Context(), tmpFile, src, IngestOptions{SkipInvalid: form.SkipInvalid, DryRun: form.DryRun, Lang: s.langOf(r)})
		if err == nil {
			data.Result = &res
			// The next page should not wait for the new evaluation.
			if _, werr := s.evaluation(r.Context(), asOf); werr != nil {
				s.log.errorf(r, werr)
			}
			return http.StatusOK, true
		}
	}
	if impact.ErrorCode(err) == impact.EINTERNAL {
		s.fail(w, r, err)
		return 0, false
	}
	status := http.StatusUnprocessableEntity
	if impact.ErrorCode(err) == impact.EINVALID || impact.ErrorCode(err) == impact.ENOTFOUND {
		status = http.StatusBadRequest
	}
	data.Problem = trimLines(impact.ErrorMessageIn(err, s.langOf(r)))
	return status, true
}

// uploadView is the view of a post that loads data, or false when this
// server cannot load data and has answered so.
func (s *Server) uploadView(w http.ResponseWriter, r *http.Request) (view, bool) {
	v, err := s.viewOf(r)
	if err == nil && s.cfg.Ingest == nil {
		err = errNoIngest
	}
	if err != nil {
		s.fail(w, r, err)
		return v, false
	}
	return v, true
}

// upload is a parsed upload form with its file in a temporary folder.
type upload struct {
	form    uploadForm
	csrf    string
	tmpDir  string
	tmpFile string
}

// readUpload streams the multipart form: the file to a temporary folder
// inside the project (so that moving it into place is a rename), every
// other field bounded in size.
func (s *Server) readUpload(r *http.Request) (upload, error) {
	var up upload
	mr, err := r.MultipartReader()
	if err != nil {
		return up, errBadForm
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return up, uploadReadError(err)
		}
		if part.FormName() == "file" && part.FileName() != "" {
			if err := s.saveUploadPart(&up, part); err != nil {
				return up, err
			}
			continue
		}
		value, err := io.ReadAll(io.LimitReader(part, maxFieldSize))
		if err != nil {
			return up, uploadReadError(err)
		}
		text := strings.TrimSpace(string(value))
		switch part.FormName() {
		case csrfField:
			up.csrf = text
		case "kind":
			up.form.Kind = text
		case "event":
			up.form.Event = text
		case "event_kind":
			up.form.EventKind = text
		case "date":
			up.form.Date = text
		case "wave":
			up.form.Wave = text
		case "skip_invalid":
			up.form.SkipInvalid = text != ""
		case "dry_run":
			up.form.DryRun = text != ""
		}
	}
	if up.tmpFile == "" {
		return up, refuse(impact.EINVALID, "refuse.no_file")
	}
	return up, nil
}

// uploadReadError tells an upload over the limit from a broken one.
func uploadReadError(err error) error {
	var me *http.MaxBytesError
	if errors.As(err, &me) {
		return errTooLarge
	}
	return errBadForm
}

// saveUploadPart writes the file of the form to a temporary folder under
// .impact, checking its name and its size as it goes.
func (s *Server) saveUploadPart(up *upload, part *multipart.Part) error {
	if up.tmpFile != "" {
		return refuse(impact.EINVALID, "refuse.many_files")
	}
	name, err := uploadName(part.FileName())
	if err != nil {
		return err
	}
	up.form.Name = name
	base := filepath.Join(s.project.Dir, ".impact", "uploads")
	if err := os.MkdirAll(base, 0o700); err != nil {
		return impact.Errorf(impact.EINTERNAL, "cannot make the upload folder %s: %w", base, err)
	}
	up.tmpDir, err = os.MkdirTemp(base, "upload-")
	if err != nil {
		return impact.Errorf(impact.EINTERNAL, "cannot make an upload folder in %s: %w", base, err)
	}
	up.tmpFile = filepath.Join(up.tmpDir, name)
	f, err := os.OpenFile(up.tmpFile, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return impact.Errorf(impact.EINTERNAL, "cannot save the upload: %w", err)
	}
	n, err := io.Copy(f, io.LimitReader(part, s.cfg.MaxUpload+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return uploadReadError(err)
	}
	if n > s.cfg.MaxUpload {
		return errTooLarge
	}
	return nil
}

// uploadName returns the file name of an upload without any folder, or an
// error when it is not a name ingest reads. Browsers send a bare name, but
// a hand-made request may send ../../etc/passwd or C:\data\x.csv.
func uploadName(name string) (string, error) {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	ext := strings.ToLower(path.Ext(name))
	valid := name != "" && name != "." && name != ".." && !strings.HasPrefix(name, ".") && len(name) <= 200
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" ._-()+,", r) {
			valid = false
		}
	}
	if !valid {
		return "", refuse(impact.EINVALID, "refuse.file_name", name)
	}
	if !slices.Contains(uploadExtensions, ext) {
		return "", refuse(impact.EINVALID, "refuse.file_format", name, strings.Join(uploadExtensions, ", "))
	}
	return name, nil
}

// uploadSource makes the source entry of an upload: the entry of
// impact.yaml with the same file name, or a new one under data/uploads
// with the kind and event of the form, as `impact ingest FILE --kind K
// --event ID --event-kind K --date D --wave W` would.
func (s *Server) uploadSource(up upload) (impact.Source, error) {
	// impact.yaml as it is now: the column-matching step may have saved a
	// source's columns: since the server started. A project file that no
	// longer loads refuses the upload: the server's older sources would
	// read the file another way than the one on disk, and load it again.
	fresh, err := impact.Load(s.project.Dir)
	if err != nil {
		return impact.Source{}, impact.Said(impact.ErrorCode(err), err, i18n.Keep(i18n.Dashboards, "en", "refuse.project_broken", impact.ErrorValue{Err: err}))
	}
	for _, src := range fresh.Sources {
		if path.Base(filepath.ToSlash(src.File)) == up.form.Name {
			if up.form.Kind != "" && up.form.Kind != src.Kind {
				return src, refuse(impact.EINVALID, "refuse.kind_mismatch", src.File, src.Kind, up.form.Kind)
			}
			return src, nil
		}
	}
	if up.form.Kind == "" {
		return impact.Source{}, refuse(impact.EINVALID, "refuse.no_kind", up.form.Name)
	}
	src := impact.Source{File: UploadDir + "/" + up.form.Name, Kind: up.form.Kind, Wave: up.form.Wave}
	if up.form.Event != "" || up.form.EventKind != "" || up.form.Date != "" {
		event := &impact.Event{ID: up.form.Event, Kind: up.form.EventKind}
		if up.form.Date != "" {
			d, err := impact.ParseDate(up.form.Date)
			if err != nil {
				return src, refuse(impact.EINVALID, "refuse.date", up.form.Date)
			}
			event.Date = &d
		}
		src.Event = event
	}
	return src, nil
}

// ingestUpload moves the uploaded file to the source's path and ingests it,
// holding the store's write lock so that no evaluation reads the store
// mid-load, and then moves the cache on to the new data. On a refusal or a
// dry run the project folder is put back as it was.
func (s *Server) ingestUpload(ctx context.Context, tmpFile string, src impact.Source, opts IngestOptions) (ingest.Result, error) {
	dest := filepath.Join(s.project.Dir, filepath.FromSlash(src.File))
	s.evals.store.Lock()
	defer s.evals.store.Unlock()
	restore, err := placeFile(tmpFile, dest)
	if err != nil {
		return ingest.Result{}, err
	}
	res, err := s.cfg.Ingest(ctx, src, opts)
	if err != nil || opts.DryRun {
		if rerr := restore(true); rerr != nil {
			s.log.printf("serve: cannot put %s back after a refused upload: %v", src.File, rerr)
		}
	} else if rerr := restore(false); rerr != nil {
		s.log.printf("serve: cannot remove the backup of %s: %v", src.File, rerr)
	}
	// Whatever happened, the cache must now follow the store. The request
	// may have been cancelled after the commit, so the hash is read anyway.
	if herr := s.evals.refreshHash(context.WithoutCancel(ctx), s.cfg.DataHash); herr != nil {
		s.evals.forget(int(s.uploads.Add(1)))
	}
	return res, err
}

// placeFile moves tmp to dest, keeping any file already at dest aside.
// The returned function puts the old file back (undo) or drops it.
func placeFile(tmp, dest string) (func(undo bool) error, error) {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return nil, impact.Errorf(impact.EINTERNAL, "cannot make the folder of %s: %w", dest, err)
	}
	backup := ""
	if _, err := os.Lstat(dest); err == nil {
		suffix := make([]byte, 6)
		rand.Read(suffix)
		backup = filepath.Join(filepath.Dir(dest), ".impact-backup-"+hex.EncodeToString(suffix)+"-"+filepath.Base(dest))
		if err := os.Rename(dest, backup); err != nil {
			return nil, impact.Errorf(impact.EINTERNAL, "cannot set %s aside: %w", dest, err)
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		if backup != "" {
			os.Rename(backup, dest)
		}
		return nil, impact.Errorf(impact.EINTERNAL, "cannot move the upload to %s: %w", dest, err)
	}
	return func(undo bool) error {
		switch {
		case undo && backup != "":
			return os.Rename(backup, dest)
		case undo:
			return os.Remove(dest)
		case backup != "":
			return os.Remove(backup)
		}
		return nil
	}, nil
}
