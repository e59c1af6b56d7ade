package dashboards

import (
	"bufio"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/i18n"
)

// Environment variables and the file that hold the tokens.
const (
	ViewTokenEnv = "IMPACT_VIEW_TOKEN"
	EditTokenEnv = "IMPACT_EDIT_TOKEN"
	// TokensFile holds lines view=… and edit=…, relative to the project
	// folder, readable by its owner only.
	TokensFile = ".impact/tokens"
)

// MinTokenLength is the shortest token accepted: a token guards the
// dashboards from the network, so it must not be guessable.
const MinTokenLength = 16

// sessionLifetime is how long a login lasts.
const sessionLifetime = 12 * time.Hour

// Cookie names.
const (
	sessionCookie = "impact_session"
	csrfCookie    = "impact_csrf"
)

// Tokens are the secrets that give access to a server on a non-loopback
// address: View lets a person read every page, Edit also upload data.
type Tokens struct {
	View string
	Edit string
}

// LoadTokens reads the tokens: IMPACT_VIEW_TOKEN and IMPACT_EDIT_TOKEN
// (getenv reads the environment), each falling back to the view= and
// edit= lines of DIR/.impact/tokens. A missing file is no error (a
// loopback server needs no tokens); a file that others may read is.
func LoadTokens(dir string, getenv func(string) string) (Tokens, error) {
	var t Tokens
	if getenv != nil {
		t.View = strings.TrimSpace(getenv(ViewTokenEnv))
		t.Edit = strings.TrimSpace(getenv(EditTokenEnv))
	}
	if t.View != "" && t.Edit != "" {
		return t, nil
	}
	path := filepath.Join(dir, filepath.FromSlash(TokensFile))
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return t, nil
	}
	if err != nil {
		return t, refuse(impact.EINVALID, "refuse.tokens_unread", path, err)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Mode().Perm()&0o077 != 0 {
		return t, refuse(impact.EINVALID, "refuse.tokens_mode", path, info.Mode().Perm(), path)
	}
	scanner := bufio.NewScanner(f)
	line := 0
	for scanner.Scan() {
		line++
		text := strings.TrimSpace(scanner.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		key, value, ok := strings.Cut(text, "=")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		switch {
		case ok && key == "view":
			if t.View == "" {
				t.View = value
			}
		case ok && key == "edit":
			if t.Edit == "" {
				t.Edit = value
			}
		default:
			// The line is not repeated: it may hold a token.
			return t, refuse(impact.EINVALID, "refuse.tokens_line", path, i18n.Verbatim{Value: line})
		}
	}
	if err := scanner.Err(); err != nil {
		return t, refuse(impact.EINVALID, "refuse.tokens_unread", path, err)
	}
	return t, nil
}

// check refuses tokens that cannot protect a server on a network address.
func (t Tokens) check(addr string) error {
	how := i18n.Keep(i18n.Dashboards, "en", "refuse.tokens_how", ViewTokenEnv, EditTokenEnv, TokensFile)
	switch {
	case t.View == "" || t.Edit == "":
		return refuse(impact.EINVALID, "refuse.not_loopback", addr, how)
	case len(t.View) < MinTokenLength || len(t.Edit) < MinTokenLength:
		return refuse(impact.EINVALID, "refuse.short_token", MinTokenLength, how)
	case t.View == t.Edit:
		return refuse(impact.EINVALID, "refuse.same_tokens", how)
	}
	return nil
}

// loopbackHost reports whether a host name or IP in a request's Host
// header is this machine only. It reads the name, resolving nothing: a
// browser takes localhost and *.localhost to loopback itself (RFC 6761).
// Where the server listens is decided by LoopbackAddr, which resolves.
func loopbackHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && ip.Unmap().IsLoopback()
}

// role is what a request may do.
type role int

const (
	roleNone role = iota
	roleViewer
	roleEditor
)

type contextKey int

const (
	roleKey contextKey = iota
	sessionKey
)

// requestRole returns the role authenticate found for the request.
func requestRole(r *http.Request) role {
	rl, _ := r.Context().Value(roleKey).(role)
	return rl
}

// requestSession returns the nonce of the request's login session, or "".
func requestSession(r *http.Request) string {
	nonce, _ := r.Context().Value(sessionKey).(string)
	return nonce
}

// authenticate finds the role of each request: everyone is an editor on a
// loopback server; elsewhere the role of the bearer token or of the login
// session. A wrong bearer token is refused here, with 401.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rl, nonce := roleNone, ""
		switch {
		case !s.public:
			rl = roleEditor
		case r.Header.Get("Authorization") != "":
			scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") {
				s.fail(w, r, errBadToken)
				return
			}
			if rl = s.tokenRole(strings.TrimSpace(token)); rl == roleNone {
				s.fail(w, r, errBadToken)
				return
			}
		default:
			if c, err := r.Cookie(sessionCookie); err == nil {
				rl, nonce = s.verifySession(c.Value)
				if rl != roleNone && s.revoked.revoked(nonce) {
					rl, nonce = roleNone, ""
				}
			}
		}
		ctx := context.WithValue(r.Context(), roleKey, rl)
		ctx = context.WithValue(ctx, sessionKey, nonce)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// tokenRole returns the role a token gives, comparing in constant time.
// Both sides are hashed first so that neither the length nor the content
// of a token leaks through the time a comparison takes.
func (s *Server) tokenRole(token string) role {
	if token == "" {
		return roleNone
	}
	given := sha256.Sum256([]byte(token))
	edit := sha256.Sum256([]byte(s.cfg.Tokens.Edit))
	view := sha256.Sum256([]byte(s.cfg.Tokens.View))
	// Evaluate both comparisons every time, for the same reason.
	isEdit := subtle.ConstantTimeCompare(given[:], edit[:])
	isView := subtle.ConstantTimeCompare(given[:], view[:])
	switch {
	case isEdit == 1:
		return roleEditor
	case isView == 1:
		return roleViewer
	}
	return roleNone
}

// require lets a request through only with at least the given role: a
// page without any role is sent to the login form, an API request gets
// 401, and a viewer who asks for an editor's page 403.
func (s *Server) require(min role) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch rl := requestRole(r); {
			case rl >= min:
				next.ServeHTTP(w, r)
			case rl == roleNone && wantsPage(r):
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			case rl == roleNone:
				s.fail(w, r, errNoToken)
			default:
				s.fail(w, r, errForbidden)
			}
		})
	}
}

// wantsPage reports whether a request is for a page a person reads (and so
// may be sent to the login form) rather than for the API or a plot.
func wantsPage(r *http.Request) bool {
	return r.Method == http.MethodGet && !isMachinePath(r.URL.Path)
}

// newSession returns the value of a session cookie for a role: role,
// expiry and a random nonce, signed with the process's key.
func (s *Server) newSession(rl role) (string, error) {
	payload := make([]byte, 1+8+16)
	payload[0] = byte(rl)
	binary.BigEndian.PutUint64(payload[1:9], uint64(s.cfg.Now().Add(sessionLifetime).Unix()))
	if _, err := rand.Read(payload[9:]); err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding
	return enc.EncodeToString(payload) + "." + enc.EncodeToString(s.sign("session", payload)), nil
}

// verifySession returns the role and nonce of a valid, unexpired session
// cookie, or roleNone.
func (s *Server) verifySession(value string) (role, string) {
	enc := base64.RawURLEncoding
	p, m, ok := strings.Cut(value, ".")
	if !ok {
		return roleNone, ""
	}
	payload, err1 := enc.DecodeString(p)
	mac, err2 := enc.DecodeString(m)
	if err1 != nil || err2 != nil || len(payload) != 25 {
		return roleNone, ""
	}
	if !hmac.Equal(mac, s.sign("session", payload)) {
		return roleNone, ""
	}
	if time.Unix(int64(binary.BigEndian.Uint64(payload[1:9])), 0).Before(s.cfg.Now()) {
		return roleNone, ""
	}
	rl := role(payload[0])
	if rl != roleViewer && rl != roleEditor {
		return roleNone, ""
	}
	return rl, enc.EncodeToString(payload[9:])
}

// sign is the HMAC-SHA256 of data under the process's key, separated by
// purpose so that a session can never pass for a CSRF token.
func (s *Server) sign(purpose string, data ...[]byte) []byte {
	mac := hmac.New(sha256.New, s.key)
	mac.Write([]byte(purpose))
	for _, d := range data {
		mac.Write([]byte{0})
		mac.Write(d)
	}
	return mac.Sum(nil)
}

// cookie returns a cookie with the attributes every cookie of the server
// has: HttpOnly, SameSite=Strict, Secure over TLS, for the whole site.
func (s *Server) cookie(r *http.Request, name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name:     name,
		Value:    value,
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		SameSite: http.SameSiteStrictMode,
		Secure:   s.cfg.TLS || r.TLS != nil,
	}
}

// checkHost refuses, on a loopback server, a request whose Host is not a
// loopback name: a web page elsewhere could otherwise point its own domain
// at 127.0.0.1 (DNS rebinding) and read the dashboards, which ask for no
// login here.
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.public {
			host := r.Host
			if h, _, err := net.SplitHostPort(host); err == nil {
				host = h
			}
			if !loopbackHost(host) {
				s.fail(w, r, errHost)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// crossOrigin refuses a form post that a browser sends from another site,
// by the Sec-Fetch-Site and Origin headers: a second wall behind the CSRF
// token, and the only one for the login form's first visit.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	protect := http.NewCrossOriginProtection()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := protect.Check(r); err != nil {
			s.fail(w, r, errCrossOrigin)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// safeNext returns a path on this server to go to after the login, or "/":
// never another site (//evil.example, /\evil.example, https://…).
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n\t") {
		return "/"
	}
	return next
}

// AccessSummary says in one line, in lang, who may use the server, for
// the message `impact serve` prints when it starts.
func (s *Server) AccessSummary(lang string) string {
	if s.public {
		return t(lang, "access.public", s.cfg.Addr)
	}
	return t(lang, "access.loopback")
}
