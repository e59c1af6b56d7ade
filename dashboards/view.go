package dashboards

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// The templates and the stylesheet are embedded: the binary is the whole
// application, and no page asks any other address for anything.
var (
	//go:embed templates/*.html
	templateFS embed.FS
	//go:embed static
	staticFS embed.FS
)

// templates holds one template set per page: the layout, the shared
// pieces, and the page's own "content"; parsed on the first page, not at
// the start of every command (4.8 ms).
var templates = sync.OnceValue(parseTemplates)

func parseTemplates() map[string]*template.Template {
	funcs := template.FuncMap{
		"pathEscape": url.PathEscape,
	}
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	sets := make(map[string]*template.Template)
	for _, name := range names {
		name = path.Base(name)
		if name == "layout.html" {
			continue
		}
		set := template.Must(template.Must(base.Clone()).ParseFS(templateFS, "templates/"+name))
		sets[name] = set
	}
	return sets
}

// view is what the query string of a request chooses: the language and
// the as-of date.
type view struct {
	Lang string
	AsOf impact.Date
	// query keeps the lang and as_of the request gave, to carry them on
	// every link of the page.
	query url.Values
}

// viewOf reads ?lang= and ?as_of=: the language defaults to the project's,
// the as-of date to today.
func (s *Server) viewOf(r *http.Request) (view, error) {
	v := view{Lang: s.defaultLang(), AsOf: s.today(), query: url.Values{}}
	q := r.URL.Query()
	if lang := q.Get("lang"); lang != "" {
		if !i18n.Speaks(i18n.Dashboards, lang) {
			return v, errBadLang
		}
		v.Lang = lang
		v.query.Set("lang", lang)
	}
	if asOf := q.Get("as_of"); asOf != "" {
		d, err := impact.ParseDate(asOf)
		if err != nil {
			return v, errBadAsOf
		}
		v.AsOf = d
		v.query.Set("as_of", d.String())
	}
	return v, nil
}

// evaluated reads the request's view and returns the evaluation at its
// as-of date, computed or found in the cache.
func (s *Server) evaluated(r *http.Request) (view, *impact.Evaluation, error) {
	v, err := s.viewOf(r)
	if err != nil {
		return v, nil, err
	}
	ev, err := s.evaluation(r.Context(), v.AsOf)
	return v, ev, err
}

// defaultLang is the project's language when the catalogue has it.
func (s *Server) defaultLang() string {
	if i18n.Speaks(i18n.Dashboards, s.project.Info.Language) {
		return s.project.Info.Language
	}
	return "sv"
}

// langOf is the language of a request, for error pages: ?lang= when it is
// one the catalogue has, else the project's.
func (s *Server) langOf(r *http.Request) string {
	if lang := r.URL.Query().Get("lang"); lang != "" {
		if i18n.Speaks(i18n.Dashboards, lang) {
			return lang
		}
	}
	return s.defaultLang()
}

// page is what the layout and every page template read. Text from the
// project and the data is passed as plain strings, which html/template
// escapes; nothing here is template.HTML.
type page struct {
	Lang    string
	Title   string
	Nav     string
	Project *impact.Project
	Eval    *impact.Evaluation
	// Editor is set when the user may upload; LoggedIn when there is a
	// login session to end.
	Editor   bool
	LoggedIn bool
	CSRF     string
	Version  string
	// Plots is set when the server can draw plots.
	Plots bool
	Data  any
	// Collect are the collections of an impact-measurement day with their
	// live counts, on the goal board.
	Collect []collectRow

	query url.Values
	path  string
	// cacheable is set for a page that is the same for everyone with the
	// same evaluation, language, query and role.
	cacheable bool
}

// newPage starts the page data of a request.
func (s *Server) newPage(w http.ResponseWriter, r *http.Request, lang, nav, title string) *page {
	query := url.Values{}
	if q := r.URL.Query().Get("lang"); q == lang {
		query.Set("lang", lang)
	}
	if asOf := r.URL.Query().Get("as_of"); asOf != "" {
		if d, err := impact.ParseDate(asOf); err == nil {
			query.Set("as_of", d.String())
		}
	}
	return &page{
		Lang:     lang,
		Title:    title,
		Nav:      nav,
		Project:  s.project,
		Editor:   requestRole(r) >= roleEditor,
		LoggedIn: requestSession(r) != "",
		// A mark that render replaces with the request's token, so that a
		// page can be cached whole and the CSRF cookie is set only when a
		// page has a form.
		CSRF:    s.csrfMark,
		Version: s.cfg.Version,
		Plots:   s.cfg.Renderer != nil,
		query:   query,
		path:    r.URL.Path,
	}
}

// T returns the message of key in the page's language.
func (p *page) T(key string, args ...any) string { return t(p.Lang, key, args...) }

// Link returns a path on this server that keeps the page's language and
// as-of date.
func (p *page) Link(target string) string {
	if len(p.query) == 0 {
		return target
	}
	return target + "?" + p.query.Encode()
}

// IndicatorLink returns the link to an indicator's page.
func (p *page) IndicatorLink(id string) string {
	return p.Link("/indicators/" + url.PathEscape(id))
}

// LangLink returns this page in another language.
func (p *page) LangLink(lang string) string {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	q.Set("lang", lang)
	return p.path + "?" + q.Encode()
}

// OtherLangs lists the languages the page can be switched to.
func (p *page) OtherLangs() []langChoice {
	var out []langChoice
	for _, lang := range languages {
		if lang != p.Lang {
			out = append(out, langChoice{Code: lang, Name: t(lang, "lang.name"), Link: p.LangLink(lang)})
		}
	}
	return out
}

// langChoice is one entry of the language switch.
type langChoice struct {
	Code, Name, Link string
}

// ProjectName is the project's name, or its id when it has none.
func (p *page) ProjectName() string {
	if p.Project.Info.Name != "" {
		return p.Project.Info.Name
	}
	return p.Project.Info.ID
}

// ShortHash is the first characters of the data hash, enough to tell two
// states of the data apart in a footer.
func (p *page) ShortHash() string {
	if p.Eval == nil || len(p.Eval.DataHash) < 12 {
		return ""
	}
	return p.Eval.DataHash[:12]
}

// render executes a page template into a buffer first, so that a template
// error is a clean 500 rather than half a page.
//
// A page that only shows the evaluation is kept, by evaluation, path,
// query, language and role: in a meeting everyone looks at the same board,
// and it need not be rendered for each of them.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	set, ok := templates()[name]
	if !ok {
		s.log.errorf(r, errorString("no template "+name))
		http.Error(w, t(p.Lang, "error.internal"), http.StatusInternalServerError)
		return
	}
	key := pageKey{name: name, path: p.path, query: p.query.Encode(), lang: p.Lang, ev: p.Eval, editor: p.Editor, loggedIn: p.LoggedIn}
	cacheable := p.cacheable && status == http.StatusOK && p.Eval != nil
	body, found := []byte(nil), false
	if cacheable {
		body, found = s.pages.get(key)
	}
	if !found {
		var buf bytes.Buffer
		if err := set.ExecuteTemplate(&buf, "layout", p); err != nil {
			s.log.errorf(r, err)
			if name != "error.html" {
				s.fail(w, r, errInternal)
				return
			}
			http.Error(w, t(p.Lang, "error.internal"), http.StatusInternalServerError)
			return
		}
		body = buf.Bytes()
		if cacheable {
			s.pages.put(key, body)
		}
	}
	if mark := []byte(s.csrfMark); bytes.Contains(body, mark) {
		body = bytes.ReplaceAll(body, mark, []byte(s.csrfToken(w, r)))
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Pages show the data of the moment, behind a login on a network:
	// neither the browser nor a proxy should keep them.
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(body)
}

// pageKey names a rendered page in the cache.
type pageKey struct {
	name, path, query, lang string
	ev                      *impact.Evaluation
	editor, loggedIn        bool
}

// maxPages bounds the cache of rendered pages; when it is full it starts
// anew, which also drops the pages of evaluations no longer current.
const maxPages = 256

// pageCache keeps rendered pages.
type pageCache struct {
	mu    sync.RWMutex
	pages map[pageKey][]byte
}

func (c *pageCache) get(k pageKey) ([]byte, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	b, ok := c.pages[k]
	return b, ok
}

func (c *pageCache) put(k pageKey, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil || len(c.pages) >= maxPages {
		c.pages = make(map[pageKey][]byte)
	}
	c.pages[k] = b
}

// errorString is an error with a fixed text.
type errorString string

// Error returns the text.
func (e errorString) Error() string { return string(e) }

// pageFor prepares a page that shows the evaluation: it reads the view,
// computes (or finds) the evaluation, and fills the page's common data.
func (s *Server) pageFor(w http.ResponseWriter, r *http.Request, nav, titleKey string) (*page, error) {
	v, ev, err := s.evaluated(r)
	if err != nil {
		return nil, err
	}
	p := s.newPage(w, r, v.Lang, nav, t(v.Lang, titleKey))
	p.Eval = ev
	p.cacheable = true
	return p, nil
}

// trimLines splits a multi-line message into its lines for a list.
func trimLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}
