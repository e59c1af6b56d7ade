package dashboards

import (
	"sync"
	"time"
)

// revokedSessions are the login sessions ended by a logout before their
// expiry. A session is a signed cookie that the server does not store, so a
// copy of the cookie would outlive the logout without this list. A nonce is
// kept until the latest time its session could expire, so the list holds at
// most the sessions logged out within one sessionLifetime.
type revokedSessions struct {
	mu     sync.Mutex
	nonces map[string]time.Time
}

// revoke ends the session with nonce; now is the server's clock.
func (r *revokedSessions) revoke(nonce string, now time.Time) {
	if nonce == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.nonces == nil {
		r.nonces = map[string]time.Time{}
	}
	for n, until := range r.nonces {
		if until.Before(now) {
			delete(r.nonces, n)
		}
	}
	r.nonces[nonce] = now.Add(sessionLifetime)
}

// revoked reports whether the session with nonce was logged out.
func (r *revokedSessions) revoked(nonce string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.nonces[nonce]
	return ok
}
