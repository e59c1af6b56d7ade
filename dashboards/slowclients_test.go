package dashboards_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/dashboards"
)

// serveReal runs a server with cfg on a real loopback listener until the
// test ends and returns its address.
func serveReal(t *testing.T, cfg dashboards.Config) string {
	t.Helper()
	srv, err := dashboards.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return ln.Addr().String()
}

// dialFrom opens a TCP connection to addr from the local IP from, another
// loopback address, as a client elsewhere would.
func dialFrom(from, addr string) (net.Conn, error) {
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}
	return d.Dial("tcp", addr)
}

// TestSlowClients: 2,000 connections from one address that send a POST
// /login body slowly hold at most DefaultMaxConnsPerAddr connections of the
// server; the rest are closed at once, and a client from another address
// keeps getting answers the whole time.
func TestSlowClients(t *testing.T) {
	p := MustExample(t)
	addr := serveReal(t, dashboards.Config{
		Project: p, Addr: "127.0.0.1:8080", Log: io.Discard,
		Tokens:   dashboards.Tokens{},
		Evaluate: func(context.Context, impact.Date) (*impact.Evaluation, error) { return nil, nil },
		DataHash: func(context.Context) (string, error) { return "h", nil },
	})
	const attackers = 2000
	const attacker = "127.0.0.2"
	probe := &http.Client{Timeout: 10 * time.Second}
	probeOnce := func() error {
		res, err := probe.Get("http://" + addr + "/healthz")
		if err != nil {
			return err
		}
		defer res.Body.Close()
		io.Copy(io.Discard, res.Body)
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", res.StatusCode)
		}
		return nil
	}
	if err := probeOnce(); err != nil {
		t.Fatalf("the probe before the attack: %v", err)
	}

	// The attack: each connection sends the headers of a login post and
	// the first byte of a 4,000-byte body, then waits.
	var conns []net.Conn
	t.Cleanup(func() {
		for _, c := range conns {
			c.Close()
		}
	})
	head := "POST /login HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\nt"
	for i := 0; i < attackers; i++ {
		c, err := dialFrom(attacker, addr)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		conns = append(conns, c)
		c.Write([]byte(head))
		if i%100 == 0 {
			if err := probeOnce(); err != nil {
				t.Fatalf("the probe after %d slow connections: %v", i+1, err)
			}
		}
	}
	// Which of them does the server still hold? A closed one reads EOF
	// (or a reset) at once; a held one times out here.
	var held, closed int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, c := range conns {
		wg.Add(1)
		go func(c net.Conn) {
			defer wg.Done()
			c.SetReadDeadline(time.Now().Add(2 * time.Second))
			_, err := c.Read(make([]byte, 1))
			var ne net.Error
			mu.Lock()
			defer mu.Unlock()
			if errors.As(err, &ne) && ne.Timeout() {
				held++
			} else {
				closed++
			}
		}(c)
	}
	wg.Wait()
	for i := 0; i < 20; i++ {
		if err := probeOnce(); err != nil {
			t.Fatalf("probe %d while %d slow connections are held: %v", i, held, err)
		}
	}
	fds, _ := os.ReadDir("/proc/self/fd")
	t.Logf("%d slow connections: %d held by the server, %d closed at once; %d file descriptors open in the test process (both ends)", attackers, held, closed, len(fds))
	if held > dashboards.DefaultMaxConnsPerAddr {
		t.Errorf("the server holds %d connections from one address, more than %d", held, dashboards.DefaultMaxConnsPerAddr)
	}
	if held+closed != attackers {
		t.Errorf("%d + %d connections, want %d", held, closed, attackers)
	}
}

// TestConnectionCap: beyond MaxConns connections in all the server closes
// new ones at once, whatever their address.
func TestConnectionCap(t *testing.T) {
	p := MustExample(t)
	addr := serveReal(t, dashboards.Config{
		Project: p, Addr: "127.0.0.1:8080", Log: io.Discard, MaxConns: 8, MaxConnsPerAddr: 4,
		Evaluate: func(context.Context, impact.Date) (*impact.Evaluation, error) { return nil, nil },
		DataHash: func(context.Context) (string, error) { return "h", nil },
	})
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	// Three addresses with four idle connections each: 12 over a cap of 8.
	for _, from := range []string{"127.0.0.3", "127.0.0.4", "127.0.0.5"} {
		for i := 0; i < 4; i++ {
			c, err := dialFrom(from, addr)
			if err != nil {
				t.Fatal(err)
			}
			c.Write([]byte("GET /healthz HTTP/1.1\r\nHost: " + addr + "\r\n"))
			conns = append(conns, c)
		}
	}
	held := 0
	for _, c := range conns {
		c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
		_, err := c.Read(make([]byte, 1))
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			held++
		}
	}
	if held != 8 {
		t.Errorf("the server holds %d connections, want its cap of 8", held)
	}
	// A fifth connection from one address is closed too.
	c, err := dialFrom("127.0.0.6", addr)
	if err == nil {
		c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
		_, err = c.Read(make([]byte, 1))
		c.Close()
	}
	if err == nil || strings.Contains(err.Error(), "timeout") {
		t.Errorf("a connection over the cap was held: %v", err)
	}
}

// TestLoginRateLimit: after its burst an address gets 429 at /login before
// its body is read; another address is not affected.
func TestLoginRateLimit(t *testing.T) {
	f := newFixture(t, options{public: true})
	postFrom := func(remote string) int {
		req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader("token=wrong"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Host, req.RemoteAddr = f.host, remote
		rec := httptest.NewRecorder()
		f.handler.ServeHTTP(rec, req)
		return rec.Code
	}
	codes := map[int]int{}
	for i := 0; i < 30; i++ {
		codes[postFrom("192.0.2.77:5555")]++
	}
	if codes[http.StatusTooManyRequests] != 20 {
		t.Errorf("30 login posts from one address: %v, want 20 refused with 429", codes)
	}
	if code := postFrom("192.0.2.78:5555"); code == http.StatusTooManyRequests {
		t.Errorf("another address was refused too")
	}
}
