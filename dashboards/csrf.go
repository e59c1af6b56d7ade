package dashboards

import (
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"net/http"
)

// csrfField is the name of the hidden form field that carries the token.
const csrfField = "csrf"

// csrfToken returns the CSRF token for the forms of a page, setting the
// CSRF cookie when the browser has none yet. The token is the HMAC of the
// cookie's random value and the login session under the process's key: a
// page on another site can neither read the cookie nor compute the token,
// and a token from one session is worthless in another.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	value := ""
	if c, err := r.Cookie(csrfCookie); err == nil && validCSRFCookie(c.Value) {
		value = c.Value
	}
	if value == "" {
		random := make([]byte, 32)
		if _, err := rand.Read(random); err != nil {
			// Without randomness no form can be protected; the form then
			// carries no token and its post is refused, which is safe.
			return ""
		}
		value = base64.RawURLEncoding.EncodeToString(random)
		http.SetCookie(w, s.cookie(r, csrfCookie, value, 0))
	}
	return base64.RawURLEncoding.EncodeToString(s.sign("csrf", []byte(value), []byte(requestSession(r))))
}

// validCSRFCookie reports whether a cookie value has the form the server
// gives it (32 random bytes), so that a planted short value is replaced.
func validCSRFCookie(value string) bool {
	b, err := base64.RawURLEncoding.DecodeString(value)
	return err == nil && len(b) == 32
}

// checkCSRF refuses a form post whose token does not match its cookie and
// session. A request with a bearer token needs none: a browser never adds
// that header to a request another site makes.
func (s *Server) checkCSRF(r *http.Request, token string) error {
	if s.public && r.Header.Get("Authorization") != "" {
		return nil
	}
	c, err := r.Cookie(csrfCookie)
	if err != nil || !validCSRFCookie(c.Value) || token == "" {
		return errCSRF
	}
	got, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || !hmac.Equal(got, s.sign("csrf", []byte(c.Value), []byte(requestSession(r)))) {
		return errCSRF
	}
	return nil
}

// checkCSRFCookie refuses early a post that has no CSRF cookie (and no
// bearer token), before its body is read.
func (s *Server) checkCSRFCookie(r *http.Request) error {
	if s.public && r.Header.Get("Authorization") != "" {
		return nil
	}
	if c, err := r.Cookie(csrfCookie); err != nil || !validCSRFCookie(c.Value) {
		return errCSRF
	}
	return nil
}
