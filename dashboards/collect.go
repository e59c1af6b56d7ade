package dashboards

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/ingest"
	"github.com/joiningforces/impact/store"
)

// This file is the impact-measurement day (collect.md): the form that
// phones open at /c/TOKEN, the answers they send, the printable poster
// with the QR code, and the opening and closing of collections.

// Limits of the form.
const (
	// DefaultFormRate is the answers a minute one address may send.
	DefaultFormRate = 60
	// maxAnswerBody is the largest answer accepted, in bytes.
	maxAnswerBody = 64 << 10
)

// CollectFunc runs work with the store, opened for writing for as long as
// the work runs (store.Shared.Use in impact serve).
type CollectFunc func(ctx context.Context, work func(*store.DB) error) error

// The refusals of the form, each with its status and the catalogue key of
// the page that explains it in the form's language.
var (
	errCollectNotFound = &httpError{http.StatusNotFound, "collect.err.not_found"}
	errCollectClosed   = &httpError{http.StatusGone, "collect.err.closed"}
	errCollectCSRF     = &httpError{http.StatusForbidden, "collect.err.csrf"}
	errCollectValue    = &httpError{http.StatusUnprocessableEntity, "collect.err.value"}
	errCollectNone     = &httpError{http.StatusUnprocessableEntity, "collect.err.none"}
	errCollectIDEmpty  = &httpError{http.StatusUnprocessableEntity, "collect.err.id_empty"}
	errCollectIDForm   = &httpError{http.StatusUnprocessableEntity, "collect.err.id_pattern"}
	errCollectIDPerson = &httpError{http.StatusUnprocessableEntity, "collect.err.id_personal"}
	errCollectKey      = &httpError{http.StatusBadRequest, "collect.err.key"}
	errCollectTooMany  = &httpError{http.StatusTooManyRequests, "collect.err.too_many"}
	errCollectTooLarge = &httpError{http.StatusRequestEntityTooLarge, "collect.err.too_large"}
	errCollectOff      = &httpError{http.StatusServiceUnavailable, "collect.err.off"}
	errCollectBusy     = &httpError{http.StatusServiceUnavailable, "collect.err.busy"}
)

// answerKey is the form of an idempotency key: made by the phone or the
// page, never by the person.
var answerKey = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)

// collectRoutes adds the form's routes, which need only the collection's
// token: phones on the room's network reach them without a login.
func (s *Server) collectRoutes(r chi.Router) {
	r.Group(func(r chi.Router) {
		r.Use(withTimeout(s.cfg.PageTimeout))
		r.Get("/c/{token}", s.handleCollectForm)
		r.With(s.limitForm).Post("/c/{token}", s.handleCollectAnswer)
		r.Get("/c/{token}/poster", s.handleCollectPoster)
	})
}

// collectEditorRoutes adds the editors' page of collections.
func (s *Server) collectEditorRoutes(r chi.Router) {
	r.Get("/collect", s.handleCollectPage)
	r.Post("/collect/open", s.handleCollectOpen)
	r.Post("/collect/close", s.handleCollectClose)
}

// logPath is a request's path as the log shows it: a form's token is left
// out, since it lets anyone answer.
func logPath(path string) string {
	if rest, ok := strings.CutPrefix(path, "/c/"); ok {
		if _, tail, found := strings.Cut(rest, "/"); found {
			return "/c/…/" + tail
		}
		return "/c/…"
	}
	return path
}

// limitForm refuses an answer over its address's rate with 429, before
// its body is read.
func (s *Server) limitForm(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.forms.allow(requestHost(r), s.cfg.Now()) {
			w.Header().Set("Retry-After", "60")
			s.collectFail(w, r, errCollectTooMany)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// collection finds the collection of the request's token.
func (s *Server) collection(r *http.Request) (store.Collection, error) {
	var c store.Collection
	if s.cfg.Collect == nil {
		return c, errCollectOff
	}
	err := s.cfg.Collect(r.Context(), func(db *store.DB) (err error) {
		c, err = collectionIn(r.Context(), db, chi.URLParam(r, "token"))
		return err
	})
	return c, err
}

// collectionIn finds the collection of token in db.
func collectionIn(ctx context.Context, db *store.DB, token string) (store.Collection, error) {
	if len(token) < 16 || len(token) > 64 {
		return store.Collection{}, errCollectNotFound
	}
	c, found, err := db.CollectionByToken(ctx, token)
	if err != nil {
		return c, err
	}
	if !found {
		return c, errCollectNotFound
	}
	return c, nil
}

// formLang is the form's language: ?lang= when the catalogue has it, else
// the project's.
func (s *Server) formLang(r *http.Request) string { return s.langOf(r) }

// wantsJSON reports whether the form's script sent the answer: it reads
// the result as JSON rather than as a page.
func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

// collectFail answers a refusal of the form: a page in the form's
// language, or JSON for the form's script.
func (s *Server) collectFail(w http.ResponseWriter, r *http.Request, err error, args ...any) {
	var he *httpError
	var me *http.MaxBytesError
	switch {
	case errors.As(err, &me):
		he = errCollectTooLarge
	case errors.As(err, &he):
	case impact.ErrorCode(err) == impact.ECONFLICT:
		// The store is busy with another command: the phone keeps the
		// answer and sends it again. Who holds the store (its path, pid
		// and command line) is for the server's log, not a participant.
		s.log.printf("collect: %v", err)
		he = errCollectBusy
		w.Header().Set("Retry-After", "10")
	default:
		s.fail(w, r, err)
		return
	}
	lang := s.formLang(r)
	message := t(lang, he.key, args...)
	w.Header().Set("Cache-Control", "no-store")
	if wantsJSON(r) {
		var body errorBody
		body.Error.Status, body.Error.Code, body.Error.Message = he.status, he.key, message
		writeJSON(w, he.status, body)
		return
	}
	fp := s.newFormPage(w, r, lang, t(lang, "collect.refused"))
	fp.Problem = message
	fp.Status = he.status
	if token := chi.URLParam(r, "token"); he != errCollectNotFound && token != "" {
		fp.Back = "/c/" + token + langQuery(r, lang)
	}
	s.renderCollect(w, r, he.status, "refused", fp)
}

// langQuery is ?lang=L when the request chose its language, else "".
func langQuery(r *http.Request, lang string) string {
	if r.URL.Query().Get("lang") == lang {
		return "?lang=" + lang
	}
	return ""
}

// handleCollectForm shows the form.
func (s *Server) handleCollectForm(w http.ResponseWriter, r *http.Request) {
	c, err := s.collection(r)
	if err != nil {
		s.collectFail(w, r, err)
		return
	}
	if !c.Open() {
		s.collectFail(w, r, errCollectClosed)
		return
	}
	lang := s.formLang(r)
	fp := s.newFormPage(w, r, lang, t(lang, "collect.title", eventName(c)))
	if err := s.fillForm(fp, c, r); err != nil {
		s.collectFail(w, r, err)
		return
	}
	s.renderCollect(w, r, http.StatusOK, "form", fp)
}

// fillForm puts the collection's questions into a form page.
func (s *Server) fillForm(fp *formPage, c store.Collection, r *http.Request) error {
	fp.Token = chi.URLParam(r, "token")
	fp.Action = "/c/" + fp.Token + langQuery(r, fp.Lang)
	fp.Event = eventName(c)
	key := make([]byte, 16)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	fp.Key = hex.EncodeToString(key)
	for _, lang := range languages {
		if lang != fp.Lang {
			fp.Langs = append(fp.Langs, langChoice{Code: lang, Name: t(lang, "lang.name"), Link: "/c/" + fp.Token + "?lang=" + lang})
		}
	}
	for _, id := range c.Instruments {
		in, ok := formInstrument(s.project, id)
		if !ok {
			return refuse(impact.EINVALID, "refuse.form_instrument", c.Event, id)
		}
		fp.Instruments = append(fp.Instruments, questionsOf(in, fp.Lang))
	}
	return nil
}

// eventName is the name of a collection's event, or its id.
func eventName(c store.Collection) string {
	if c.EventName != "" {
		return c.EventName
	}
	return c.Event
}

// collectInstruments lists the instruments a collection can ask: the
// project's, and the built-in SWEMWBS once, declared or not.
func collectInstruments(p *impact.Project) []string {
	var ids []string
	for _, in := range p.Instruments {
		ids = append(ids, in.ID)
	}
	if _, ok := p.Instrument("swemwbs"); !ok {
		ids = append(ids, "swemwbs")
	}
	return ids
}

// formInstrument returns an instrument of the project with everything the
// form asks: the built-in SWEMWBS's items, wording and labels.
func formInstrument(p *impact.Project, id string) (impact.Instrument, bool) {
	in, ok := p.Instrument(id)
	switch {
	case ok && in.Builtin == "swemwbs", !ok && id == "swemwbs":
		b := impact.BuiltinSwemwbs()
		b.ID = id
		return b, true
	case !ok:
		return impact.Instrument{}, false
	}
	return *in, true
}

// answerValues returns an instrument's answer values in order: its
// labels' values, or each whole number of its scale.
func answerValues(in impact.Instrument) []float64 {
	var values []float64
	for v := range in.Labels {
		values = append(values, v)
	}
	if len(values) == 0 && in.Scale.Max > in.Scale.Min && in.Scale.Max-in.Scale.Min <= 20 {
		for v := math.Ceil(in.Scale.Min); v <= in.Scale.Max; v++ {
			values = append(values, v)
		}
	}
	slices.Sort(values)
	return values
}

// labelOf is the word of an answer value in lang: Swedish first in the
// project file, then English; the number when there is none.
func labelOf(in impact.Instrument, v float64, lang string) string {
	words := in.Labels[v]
	number := strconv.FormatFloat(v, 'f', -1, 64)
	i := slices.Index(languages, lang)
	switch {
	case i >= 0 && i < len(words) && words[i] != "":
		return words[i]
	case len(words) > 0:
		return words[0]
	}
	return number
}

// itemText is an item's wording in lang, or in another language, or its id.
func itemText(in impact.Instrument, item, lang string) string {
	texts := in.Texts[item]
	if s := texts[lang]; s != "" {
		return s
	}
	for _, l := range languages {
		if s := texts[l]; s != "" {
			return s
		}
	}
	return item
}

// questionsOf lays out an instrument as the form asks it.
func questionsOf(in impact.Instrument, lang string) formQuestions {
	q := formQuestions{ID: in.ID, Name: in.Name, SWEMWBS: in.Builtin == "swemwbs"}
	values := answerValues(in)
	for _, item := range in.Items {
		fi := formItem{Field: itemField(in.ID, item), Text: itemText(in, item, lang)}
		for _, v := range values {
			value := strconv.FormatFloat(v, 'f', -1, 64)
			fi.Choices = append(fi.Choices, formChoice{Value: value, Label: labelOf(in, v, lang), ID: fi.Field + "-" + value})
		}
		q.Items = append(q.Items, fi)
	}
	return q
}

// itemField names an item's field in the form.
func itemField(instrument, item string) string { return "q." + instrument + "." + item }

// handleCollectAnswer stores one answer.
func (s *Server) handleCollectAnswer(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxAnswerBody)
	if err := r.ParseForm(); err != nil {
		var me *http.MaxBytesError
		if errors.As(err, &me) {
			s.collectFail(w, r, errCollectTooLarge)
			return
		}
		s.collectFail(w, r, errBadForm)
		return
	}
	if s.cfg.Collect == nil {
		s.collectFail(w, r, errCollectOff)
		return
	}
	// The collection is found and the answer stored in one use of the
	// store: a phone's answer opens it once.
	var saved store.Saved
	s.collectMu.Lock()
	err := s.cfg.Collect(r.Context(), func(db *store.DB) error {
		c, err := collectionIn(r.Context(), db, chi.URLParam(r, "token"))
		if err != nil {
			return err
		}
		if !c.Open() {
			return errCollectClosed
		}
		if s.checkCSRF(r, r.PostForm.Get(csrfField)) != nil {
			return errCollectCSRF
		}
		a, err := s.readAnswer(r, c)
		if err != nil {
			return err
		}
		saved, err = db.SaveAnswer(r.Context(), a)
		return err
	})
	s.collectMu.Unlock()
	var he *httpError
	switch {
	case errors.Is(err, store.ErrCollectionClosed):
		s.collectFail(w, r, errCollectClosed)
		return
	case errors.As(err, &he) && he == errCollectValue:
		s.collectFail(w, r, err, valueProblem(err))
		return
	case err != nil:
		s.collectFail(w, r, err)
		return
	}
	if wantsJSON(r) {
		writeJSON(w, http.StatusOK, map[string]bool{"stored": true, "duplicate": saved.Duplicate})
		return
	}
	lang := s.formLang(r)
	fp := s.newFormPage(w, r, lang, t(lang, "collect.sent.title"))
	fp.Back = "/c/" + chi.URLParam(r, "token") + langQuery(r, lang)
	s.renderCollect(w, r, http.StatusOK, "sent", fp)
}

// valueError is a value outside an item's labels; it names the item.
type valueError struct{ item string }

func (e *valueError) Error() string { return "a value outside the labels of " + e.item }

func (e *valueError) Unwrap() error { return errCollectValue }

func valueProblem(err error) string {
	var ve *valueError
	if errors.As(err, &ve) {
		return ve.item
	}
	return ""
}

// readAnswer checks a posted answer and makes it ready to store: the id
// pseudonymised at once, every value one of its item's labels.
func (s *Server) readAnswer(r *http.Request, c store.Collection) (store.Answer, error) {
	form := r.PostForm
	a := store.Answer{Key: form.Get("key"), Event: c.Event, At: s.cfg.Now()}
	if !answerKey.MatchString(a.Key) {
		return a, errCollectKey
	}
	id := form.Get("participant")
	switch err := ingest.CheckParticipantID(s.project, id); {
	case errors.Is(err, ingest.ErrIDEmpty):
		return a, errCollectIDEmpty
	case errors.Is(err, ingest.ErrIDPattern):
		return a, errCollectIDForm
	case errors.Is(err, ingest.ErrIDPersonal):
		return a, errCollectIDPerson
	}
	answered := 0
	lang := s.formLang(r)
	for _, instrument := range c.Instruments {
		in, ok := formInstrument(s.project, instrument)
		if !ok {
			return a, errCollectNotFound
		}
		values := answerValues(in)
		for _, item := range in.Items {
			raw := strings.TrimSpace(form.Get(itemField(in.ID, item)))
			value := math.NaN()
			if raw != "" {
				v, err := strconv.ParseFloat(raw, 64)
				if err != nil || !slices.Contains(values, v) {
					return a, &valueError{item: itemText(in, item, lang)}
				}
				value = v
				answered++
			}
			a.Items = append(a.Items, item)
			a.Values = append(a.Values, value)
		}
	}
	if answered == 0 {
		return a, errCollectNone
	}
	if len(s.cfg.Secret) == 0 {
		return a, errCollectOff
	}
	a.Participant = ingest.NewPseudonymiser(s.cfg.Secret).Pseudonym(id)
	projectLang := s.defaultLang()
	a.ReplacedNote = func(n int) string { return t(projectLang, "collect.replaced", n) }
	return a, nil
}

// formLink is the form's address as the request reached this server.
func (s *Server) formLink(r *http.Request, token string) string {
	scheme := "http"
	if s.cfg.TLS {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/c/" + token
}

// handleCollectPoster shows the printable A4 page.
func (s *Server) handleCollectPoster(w http.ResponseWriter, r *http.Request) {
	c, err := s.collection(r)
	if err != nil {
		s.collectFail(w, r, err)
		return
	}
	body, err := Poster(s.project, c, s.formLink(r, c.Token), s.formLang(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// One self-contained page: its styles inline, the QR code as data.
	h.Set("Content-Security-Policy", reportCSP)
	h.Set("Cache-Control", "no-store")
	w.Write(body)
}

// OpenRequest is what opening a collection needs (impact collect open, or
// the editors' page).
type OpenRequest struct {
	Event, EventName, EventKind string
	// Date is the event's date; today when zero.
	Date        impact.Date
	Wave        string
	Instruments []string
	Now         time.Time
}

// eventID is the form of an event id: what a URL and a file name take.
var eventID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// OpenCollection checks a request against the project and opens the
// collection with a new random token (128 bits). An event of impact.yaml
// lends its name, kind and date to what the request leaves out; another
// event is made as an ingest source's event is, of kind impact_day on
// today's date unless told otherwise.
func OpenCollection(ctx context.Context, db *store.DB, p *impact.Project, req OpenRequest) (store.Collection, error) {
	if !eventID.MatchString(req.Event) {
		return store.Collection{}, refuse(impact.EINVALID, "refuse.event_id", req.Event)
	}
	if strings.TrimSpace(req.Wave) == "" {
		return store.Collection{}, refuse(impact.EINVALID, "refuse.no_wave")
	}
	if len(req.Instruments) == 0 {
		return store.Collection{}, refuse(impact.EINVALID, "refuse.no_instrument")
	}
	for _, id := range req.Instruments {
		if _, ok := formInstrument(p, id); !ok {
			return store.Collection{}, refuse(impact.EINVALID, "refuse.instrument", id, strings.Join(collectInstruments(p), ", "))
		}
	}
	for _, src := range p.Sources {
		if ev := src.Event; ev != nil && ev.ID == req.Event {
			if req.EventName == "" {
				req.EventName = ev.Name
			}
			if req.EventKind == "" {
				req.EventKind = ev.Kind
			}
			if req.Date.IsZero() && ev.Date != nil {
				req.Date = *ev.Date
			}
		}
	}
	if req.EventKind == "" {
		req.EventKind = "impact_day"
	}
	if !slices.Contains(impact.EventKinds, req.EventKind) {
		return store.Collection{}, refuse(impact.EINVALID, "refuse.event_kind", req.EventKind, strings.Join(impact.EventKinds, ", "))
	}
	if req.Now.IsZero() {
		req.Now = time.Now()
	}
	date := req.Date.Time
	if req.Date.IsZero() {
		y, m, d := req.Now.Date()
		date = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	token := make([]byte, 16)
	if _, err := rand.Read(token); err != nil {
		return store.Collection{}, impact.Errorf(impact.EINTERNAL, "collect open: no randomness for the token: %v", err)
	}
	return db.OpenCollection(ctx, store.Collection{
		Event: req.Event, Token: base64.RawURLEncoding.EncodeToString(token), Wave: req.Wave,
		Instruments: req.Instruments, EventName: req.EventName, EventKind: req.EventKind,
		Date: date, OpenedAt: req.Now,
	})
}

// CollectLink is the form's address on a server at addr.
func CollectLink(addr, token string) string {
	return fmt.Sprintf("http://%s/c/%s", addr, token)
}
