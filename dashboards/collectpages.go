package dashboards

import (
	"bytes"
	"context"
	"embed"
	"encoding/base64"
	"html/template"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
	"github.com/joiningforces/impact/metrics"
	"github.com/joiningforces/impact/store"
)

// The form's own pages: no navigation of the dashboards, nothing a phone
// need not load.
var (
	//go:embed templates/collect/*.html
	collectFS        embed.FS
	collectTemplates = sync.OnceValue(parseCollectTemplates)
)

func parseCollectTemplates() map[string]*template.Template {
	sets := map[string]*template.Template{}
	for _, name := range []string{"form", "sent", "refused"} {
		sets[name] = template.Must(template.ParseFS(collectFS, "templates/collect/base.html", "templates/collect/"+name+".html"))
	}
	sets["poster"] = template.Must(template.ParseFS(collectFS, "templates/collect/poster.html"))
	return sets
}

// formPage is what the form's pages show.
type formPage struct {
	Lang, Title, ProjectName string
	CSRF                     string
	// Token, Action and Key are the form's: its link's token, where it
	// posts, and the idempotency key of an answer sent without script.
	Token, Action, Key string
	Event              string
	Langs              []langChoice
	Instruments        []formQuestions
	// Problem and Status are a refusal's; Back leads to the form again.
	Problem string
	Status  int
	Back    string
}

// T returns the message of key in the page's language.
func (p *formPage) T(key string, args ...any) string { return t(p.Lang, key, args...) }

// Licence is the SWEMWBS licence line.
func (p *formPage) Licence() string { return t(p.Lang, "collect.licence", metrics.SWEMWBSCopyright) }

// formQuestions is one instrument as the form asks it.
type formQuestions struct {
	ID, Name string
	SWEMWBS  bool
	Items    []formItem
}

// formItem is one question: its field, its wording and its answers.
type formItem struct {
	Field, Text string
	Choices     []formChoice
}

// formChoice is one answer: a large tap target.
type formChoice struct {
	Value, Label, ID string
}

func (s *Server) newFormPage(w http.ResponseWriter, r *http.Request, lang, title string) *formPage {
	name := s.project.Info.Name
	if name == "" {
		name = s.project.Info.ID
	}
	return &formPage{Lang: lang, Title: title, ProjectName: name, CSRF: s.csrfToken(w, r)}
}

// renderCollect writes one of the form's pages.
func (s *Server) renderCollect(w http.ResponseWriter, r *http.Request, status int, name string, fp *formPage) {
	var buf bytes.Buffer
	if err := collectTemplates()[name].ExecuteTemplate(&buf, "page", fp); err != nil {
		s.log.errorf(r, err)
		http.Error(w, t(fp.Lang, "error.internal"), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// posterPage is what the printable page shows.
type posterPage struct {
	Lang, ProjectName, Event, Date, Link string
	QR                                   template.URL
}

// T returns the message of key in the poster's language.
func (p posterPage) T(key string, args ...any) string { return t(p.Lang, key, args...) }

// Poster writes the printable A4 page of a collection: the QR code of the
// link, the event's name and date, and the link written out. It is one
// self-contained HTML file.
func Poster(p *impact.Project, c store.Collection, link, lang string) ([]byte, error) {
	if !i18n.Speaks(i18n.Dashboards, lang) {
		lang = "sv"
	}
	svg, err := QRSVG(link)
	if err != nil {
		return nil, err
	}
	name := p.Info.Name
	if name == "" {
		name = p.Info.ID
	}
	pp := posterPage{Lang: lang, ProjectName: name, Event: eventName(c), Date: i18n.Date(lang, c.Date), Link: link,
		QR: template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(svg))}
	var buf bytes.Buffer
	if err := collectTemplates()["poster"].ExecuteTemplate(&buf, "poster", pp); err != nil {
		return nil, impact.Errorf(impact.EINTERNAL, "collect: cannot write the poster: %v", err)
	}
	return buf.Bytes(), nil
}

// WriteCollectFiles writes a collection's QR code as EVENT.png and
// EVENT.svg and its printable page as EVENT-poster.html into dir, and
// returns their paths.
func WriteCollectFiles(dir string, p *impact.Project, c store.Collection, link, lang string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, refuse(impact.EINVALID, "refuse.collect_mkdir", dir, err)
	}
	png, err := QRPNG(link, 12)
	if err != nil {
		return nil, err
	}
	svg, err := QRSVG(link)
	if err != nil {
		return nil, err
	}
	poster, err := Poster(p, c, link, lang)
	if err != nil {
		return nil, err
	}
	var written []string
	for name, body := range map[string][]byte{c.Event + ".png": png, c.Event + ".svg": svg, c.Event + "-poster.html": poster} {
		path := filepath.Join(dir, name)
		// The files hold the token: whoever has it may answer.
		if err := os.WriteFile(path, body, 0o600); err != nil {
			return nil, refuse(impact.EINVALID, "refuse.collect_write", path, err)
		}
		written = append(written, path)
	}
	return written, nil
}

// collectRow is one collection on the editors' page and the board.
type collectRow struct {
	Collection store.Collection
	Name       string
	Link       string
	Count      store.CollectCount
}

// Open reports whether the collection takes answers.
func (c collectRow) Open() bool { return c.Collection.Open() }

// Instruments lists the collection's instruments.
func (c collectRow) Instruments() string { return strings.Join(c.Collection.Instruments, ", ") }

// collections reads every collection with its live count and the form's
// address as this request reached the server.
func (s *Server) collections(ctx context.Context, r *http.Request) ([]collectRow, error) {
	rows, err := s.readCollections(ctx)
	return withLinks(s, r, rows), err
}

// withLinks is rows with each form's address as request r reached the
// server: a board read once from this computer and once from a phone on
// the network gives each the address it can open.
func withLinks(s *Server, r *http.Request, rows []collectRow) []collectRow {
	out := make([]collectRow, len(rows))
	for i, row := range rows {
		row.Link = s.formLink(r, row.Collection.Token)
		out[i] = row
	}
	return out
}

// readCollections reads every collection with its live count.
func (s *Server) readCollections(ctx context.Context) ([]collectRow, error) {
	if s.cfg.Collect == nil {
		return nil, nil
	}
	var rows []collectRow
	err := s.cfg.Collect(ctx, func(db *store.DB) error {
		list, err := db.Collections(ctx)
		if err != nil {
			return err
		}
		for _, c := range list {
			n, err := db.CollectCount(ctx, c)
			if err != nil {
				return err
			}
			rows = append(rows, collectRow{Collection: c, Name: eventName(c), Count: n})
		}
		return nil
	})
	return rows, err
}

// collectView is what the editors' page shows.
type collectView struct {
	Rows        []collectRow
	Instruments []string
	Events      []string
	Enabled     bool
}

// handleCollectPage lists the collections with their live counts, and
// opens and closes them.
func (s *Server) handleCollectPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.viewOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(w, r, v.Lang, "collect", t(v.Lang, "collect.page.title"))
	rows, err := s.collections(r.Context(), r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cv := collectView{Rows: rows, Enabled: s.cfg.Collect != nil && len(s.cfg.Secret) > 0}
	cv.Instruments = collectInstruments(s.project)
	for _, src := range s.project.Sources {
		if src.Event != nil && src.Event.Kind == "impact_day" {
			cv.Events = append(cv.Events, src.Event.ID)
		}
	}
	p.Data = cv
	s.render(w, r, http.StatusOK, "collect.html", p)
}

// handleCollectOpen opens a collection from the editors' page.
func (s *Server) handleCollectOpen(w http.ResponseWriter, r *http.Request) {
	if !s.collectPost(w, r) {
		return
	}
	req := OpenRequest{Event: strings.TrimSpace(r.PostForm.Get("event")), EventName: strings.TrimSpace(r.PostForm.Get("event_name")),
		Wave: strings.TrimSpace(r.PostForm.Get("wave")), Instruments: r.PostForm["instrument"], Now: s.cfg.Now()}
	if d := strings.TrimSpace(r.PostForm.Get("date")); d != "" {
		date, err := impact.ParseDate(d)
		if err != nil {
			s.fail(w, r, refuse(impact.EINVALID, "refuse.date", d))
			return
		}
		req.Date = date
	}
	err := s.cfg.Collect(r.Context(), func(db *store.DB) error {
		_, err := OpenCollection(r.Context(), db, s.project, req)
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/collect"+langQuery(r, s.langOf(r)), http.StatusSeeOther)
}

// handleCollectClose closes a collection from the editors' page.
func (s *Server) handleCollectClose(w http.ResponseWriter, r *http.Request) {
	if !s.collectPost(w, r) {
		return
	}
	event := r.PostForm.Get("event")
	err := s.cfg.Collect(r.Context(), func(db *store.DB) error {
		return db.CloseCollection(r.Context(), event, s.cfg.Now())
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/collect"+langQuery(r, s.langOf(r)), http.StatusSeeOther)
}

// collectPost reads an editor's post on the page of collections and checks
// its CSRF token; it answers the refusal itself.
func (s *Server) collectPost(w http.ResponseWriter, r *http.Request) bool {
	if s.cfg.Collect == nil {
		s.fail(w, r, errCollectOff)
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxAnswerBody)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadForm)
		return false
	}
	if err := s.checkCSRF(r, r.PostForm.Get(csrfField)); err != nil {
		s.fail(w, r, err)
		return false
	}
	return true
}

// liveCollections reads the collections for the goal board, again only
// when the data hash moved (an answer, an open or a close moves it), so
// that the board opens the store no more often than the data changes. The
// board shows without them when the store cannot be read.
func (s *Server) liveCollections(r *http.Request) []collectRow {
	hash, err := s.cfg.DataHash(r.Context())
	if err == nil {
		s.live.mu.Lock()
		rows, known := s.live.rows, s.live.hash == hash
		s.live.mu.Unlock()
		if known {
			return withLinks(s, r, rows)
		}
	}
	rows, err := s.readCollections(r.Context())
	if err != nil {
		s.log.errorf(r, err)
		return nil
	}
	if hash != "" {
		s.live.mu.Lock()
		s.live.hash, s.live.rows = hash, rows
		s.live.mu.Unlock()
	}
	return withLinks(s, r, rows)
}

// liveCache keeps the board's collections of one data hash.
type liveCache struct {
	mu   sync.Mutex
	hash string
	rows []collectRow
}
