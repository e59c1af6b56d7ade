package dashboards

import (
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"
)

// Limits of the server against slow and greedy clients. A request's body
// and headers must arrive within readTimeout (an upload gets LongTimeout);
// its answer must be taken within PageTimeout plus writeGrace (a report or
// an upload LongTimeout plus writeGrace); a kept-alive connection idles at
// most idleTimeout. A client address holds at most DefaultMaxConnsPerAddr
// connections at once and all clients together DefaultMaxConns: beyond
// them a new connection is closed at once, so 20,000 slow clients cannot
// take the process's file descriptors, and one address cannot take every
// slot. /login takes loginBurst attempts from an address, then one per
// loginEvery.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeGrace        = 30 * time.Second
	idleTimeout       = 60 * time.Second
	maxHeaderBytes    = 64 << 10

	// DefaultMaxConns is the most connections the server holds at once.
	DefaultMaxConns = 1024
	// DefaultMaxConnsPerAddr is the most connections one client address
	// holds at once: a whole office behind one NAT address and its browsers'
	// six connections each fit.
	DefaultMaxConnsPerAddr = 128

	loginBurst = 10
	loginEvery = 6 * time.Second
)

// errTooMany refuses a login attempt over the rate.
var errTooMany = &httpError{http.StatusTooManyRequests, "error.too_many"}

// connLimiter is a listener that holds at most total connections at once,
// and at most perAddr from one client IP. A connection over a limit is
// closed as soon as it is accepted, before a byte is read.
type connLimiter struct {
	net.Listener
	total, perAddr int

	mu     sync.Mutex
	open   int
	byAddr map[string]int
}

// limitConns wraps ln with the limits (DefaultMaxConns and
// DefaultMaxConnsPerAddr where 0).
func limitConns(ln net.Listener, total, perAddr int) *connLimiter {
	if total <= 0 {
		total = DefaultMaxConns
	}
	if perAddr <= 0 {
		perAddr = DefaultMaxConnsPerAddr
	}
	return &connLimiter{Listener: ln, total: total, perAddr: perAddr, byAddr: map[string]int{}}
}

// Accept returns the next connection within the limits, closing those over
// them.
func (l *connLimiter) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		addr := clientIP(c.RemoteAddr())
		l.mu.Lock()
		ok := l.open < l.total && l.byAddr[addr] < l.perAddr
		if ok {
			l.open++
			l.byAddr[addr]++
		}
		l.mu.Unlock()
		if !ok {
			c.Close()
			continue
		}
		return &limitedConn{Conn: c, release: func() { l.release(addr) }}, nil
	}
}

// release gives back a connection's slot.
func (l *connLimiter) release(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.open--
	if l.byAddr[addr]--; l.byAddr[addr] <= 0 {
		delete(l.byAddr, addr)
	}
}

// limitedConn gives back its slot when it is closed, once.
type limitedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// clientIP is the IP of a remote address, without its port.
func clientIP(a net.Addr) string {
	if tcp, ok := a.(*net.TCPAddr); ok {
		return tcp.AddrPort().Addr().Unmap().String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// requestHost is the client address of a request, as clientIP gives a
// connection's: the limiters of logins and of forms count a client under
// one key.
func requestHost(r *http.Request) string {
	if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		return ap.Addr().Unmap().String()
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// longDeadlines gives a request that may take long (an upload over a slow
// line, a PDF report) LongTimeout to send its body and to read its answer,
// beyond the server's short read and write timeouts.
func longDeadlines(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rc := http.NewResponseController(w)
			// An error means a writer without deadlines (a test's
			// recorder): the server's own timeouts stay.
			_ = rc.SetReadDeadline(time.Now().Add(d))
			_ = rc.SetWriteDeadline(time.Now().Add(d + writeGrace))
			next.ServeHTTP(w, r)
		})
	}
}

// loginLimiter allows each client address loginBurst login attempts, then
// one more per loginEvery: a token of 16 characters or more cannot be
// guessed at that rate, and a flood of posts to /login costs the server
// nothing.
type loginLimiter struct {
	mu    sync.Mutex
	addrs map[string]*bucket
	// burst and every replace loginBurst and loginEvery when set (the
	// form of an impact-measurement day, collect.go).
	burst float64
	every time.Duration
}

// bucket is one address's allowance: tokens left at the time last.
type bucket struct {
	tokens float64
	last   time.Time
}

// allow takes one attempt from addr's allowance at now, or reports that
// there is none left.
func (l *loginLimiter) allow(addr string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.addrs == nil {
		l.addrs = map[string]*bucket{}
	}
	burst, every := float64(loginBurst), time.Duration(loginEvery)
	if l.burst > 0 {
		burst, every = l.burst, l.every
	}
	// Forget the addresses whose allowance is full again, so that the
	// map stays as small as the recent attackers.
	if len(l.addrs) > 4096 {
		for a, b := range l.addrs {
			if now.Sub(b.last) > time.Duration(burst)*every {
				delete(l.addrs, a)
			}
		}
	}
	b, ok := l.addrs[addr]
	if !ok {
		b = &bucket{tokens: burst, last: now}
		l.addrs[addr] = b
	}
	b.tokens = min(burst, b.tokens+now.Sub(b.last).Seconds()/every.Seconds())
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// limitLogin refuses a login post over its address's rate with 429, before
// its body is read.
func (s *Server) limitLogin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && !s.logins.allow(requestHost(r), s.cfg.Now()) {
			w.Header().Set("Retry-After", "60")
			s.fail(w, r, errTooMany)
			return
		}
		next.ServeHTTP(w, r)
	})
}
