package dashboards

import (
	"net/http"
)

// loginPage is what the login form shows.
type loginPage struct {
	Next    string
	Problem string
}

// handleLoginForm shows the login form. A loopback server needs no login
// and sends the visitor on.
func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if !s.public || requestRole(r) != roleNone {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	lang := s.langOf(r)
	p := s.newPage(w, r, lang, "login", t(lang, "login.title"))
	p.Data = loginPage{Next: next}
	s.render(w, r, http.StatusOK, "login.html", p)
}

// handleLogin checks a token from the form and, when it is right, sets the
// session cookie (HttpOnly, SameSite=Strict, Secure over TLS) and sends
// the visitor where they were going.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	if !s.public {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadForm)
		return
	}
	if err := s.checkCSRF(r, r.PostForm.Get(csrfField)); err != nil {
		s.fail(w, r, err)
		return
	}
	next := safeNext(r.PostForm.Get("next"))
	rl := s.tokenRole(r.PostForm.Get("token"))
	if rl == roleNone {
		// Logged without the token that was tried, so that a mistyped
		// token does not end up in a log file.
		s.log.printf("serve: a login with a wrong token was refused")
		lang := s.langOf(r)
		p := s.newPage(w, r, lang, "login", t(lang, "login.title"))
		p.Data = loginPage{Next: next, Problem: t(lang, "login.wrong")}
		s.render(w, r, http.StatusUnauthorized, "login.html", p)
		return
	}
	value, err := s.newSession(rl)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.SetCookie(w, s.cookie(r, sessionCookie, value, int(sessionLifetime.Seconds())))
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// handleLogout ends the login session, on the server too: a copy of the
// cookie is refused from then on.
func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, errBadForm)
		return
	}
	if err := s.checkCSRF(r, r.PostForm.Get(csrfField)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.revoked.revoke(requestSession(r), s.cfg.Now())
	http.SetCookie(w, s.cookie(r, sessionCookie, "", -1))
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
