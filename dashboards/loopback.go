package dashboards

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"time"

	"github.com/joiningforces/impact"
)

// Resolver finds the addresses of a host name. *net.Resolver is one; tests
// give a stub that maps a name where they like.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// resolveTimeout bounds the look-up of the name in --addr.
const resolveTimeout = 10 * time.Second

// IsLoopback reports whether addr (host:port) names only this machine, with
// the system's resolver: see LoopbackAddr.
func IsLoopback(addr string) (bool, error) {
	return LoopbackAddr(context.Background(), addr, nil)
}

// LoopbackAddr reports whether addr (host:port) names only this machine: an
// IP in 127.0.0.0/8 or ::1, or a name whose every address is one. A name is
// resolved (with resolver, the system's when nil), never trusted for its
// form: dash.localhost mapped to 192.0.2.2 in /etc/hosts is a network
// address, and a server there needs tokens. An empty host (every interface)
// is not loopback, nor is a name that resolves to nothing.
func LoopbackAddr(ctx context.Context, addr string, resolver Resolver) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, refuse(impact.EINVALID, "refuse.addr", addr)
	}
	host = strings.Trim(host, "[]")
	if host == "" {
		return false, nil
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.Unmap().IsLoopback(), nil
	}
	if resolver == nil {
		resolver = net.DefaultResolver
	}
	ctx, cancel := context.WithTimeout(ctx, resolveTimeout)
	defer cancel()
	ips, err := resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return false, refuse(impact.EINVALID, "refuse.addr_unresolved", impact.Clip(addr), impact.Clip(host), err)
	}
	if len(ips) == 0 {
		return false, nil
	}
	for _, ip := range ips {
		if !ip.Unmap().IsLoopback() {
			return false, nil
		}
	}
	return true, nil
}

// boundLoopback reports whether a listener is bound to a loopback IP: the
// last word, after the name in --addr was resolved once more by Listen.
func boundLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.AddrPort().Addr().Unmap().IsLoopback()
}
