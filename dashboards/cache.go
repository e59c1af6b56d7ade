package dashboards

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/joiningforces/impact"
)

// maxEvaluations bounds the evaluations kept for one state of the data:
// one per as-of date asked for.
const maxEvaluations = 16

// evaluations caches the evaluation by data hash and as-of date, and
// keeps readers from ever seeing a half-loaded store.
//
// The store loads each file in one transaction, but an evaluation runs
// many queries; one that straddled a commit would mix the data before and
// after it. So computing takes the read side of store and an upload the
// write side, for the whole ingest. Readers of a cached evaluation take no
// lock at all: during an upload they keep reading the last complete
// state, and the key moves to the new data hash only after the commit.
type evaluations struct {
	// store orders evaluations (read) against ingests (write).
	store sync.RWMutex

	mu      sync.Mutex
	hash    string
	entries map[evalKey]*evalEntry
	// order is the insertion order of entries, oldest first, to evict.
	order []evalKey
}

type evalKey struct {
	hash string
	asOf string
}

// evalEntry is one evaluation, computed once: done closes when ev or err
// is set, so that concurrent requests for it wait for one computation.
type evalEntry struct {
	done chan struct{}
	ev   *impact.Evaluation
	err  error
	// body is ev's API body, encoded at most once (apiBody).
	bodyOnce sync.Once
	body     []byte
	bodyErr  error
}

func newEvaluations() *evaluations {
	return &evaluations{entries: make(map[evalKey]*evalEntry)}
}

// refreshHash reads the data hash of the store and, when it changed,
// forgets the evaluations of the old data. The caller holds store (either
// side) or is alone with the store.
func (c *evaluations) refreshHash(ctx context.Context, dataHash func(context.Context) (string, error)) error {
	hash, err := dataHash(ctx)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if hash != c.hash {
		c.hash = hash
		c.entries = make(map[evalKey]*evalEntry)
		c.order = nil
	}
	return nil
}

// forget drops every cached evaluation, for when the data hash cannot be
// read after an ingest: better to compute again than to serve old data.
func (c *evaluations) forget(generation int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hash = fmt.Sprintf("unknown-%d", generation)
	c.entries = make(map[evalKey]*evalEntry)
	c.order = nil
}

// currentHash returns the data hash of the last complete state.
func (c *evaluations) currentHash() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hash
}

// evaluation returns the evaluation at asOf on the last complete state of
// the data, computing it at most once however many requests ask at the
// same time.
func (s *Server) evaluation(ctx context.Context, asOf impact.Date) (*impact.Evaluation, error) {
	if err := s.follow(ctx); err != nil {
		return nil, err
	}
	c := s.evals
	for {
		c.mu.Lock()
		key := evalKey{hash: c.hash, asOf: asOf.String()}
		e, found := c.entries[key]
		if !found {
			e = &evalEntry{done: make(chan struct{})}
			c.entries[key] = e
			c.order = append(c.order, key)
			c.evict()
		}
		c.mu.Unlock()
		if !found {
			s.compute(ctx, key, e, asOf)
		}
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		// The request that computed the entry may have been cancelled or
		// timed out; its failure is not ours, so try again.
		if e.err != nil && (errors.Is(e.err, context.Canceled) || errors.Is(e.err, context.DeadlineExceeded)) && ctx.Err() == nil {
			continue
		}
		return e.ev, e.err
	}
}

// compute fills an entry under the read lock of the store. A failed
// entry is removed, so that the next request tries again.
func (s *Server) compute(ctx context.Context, key evalKey, e *evalEntry, asOf impact.Date) {
	c := s.evals
	defer close(e.done)
	c.store.RLock()
	defer c.store.RUnlock()
	e.ev, e.err = s.cfg.Evaluate(ctx, asOf)
	if e.err == nil && e.ev == nil {
		e.err = errors.New("dashboards: the evaluation is empty")
	}
	if e.err != nil {
		c.mu.Lock()
		if c.entries[key] == e {
			delete(c.entries, key)
		}
		c.mu.Unlock()
	}
}

// follow reads the data hash again before a page is made, so that data
// loaded by another process (impact ingest in another terminal while serve
// runs) shows on the next page. Config.DataHash is cheap when nothing
// changed. While an upload of this server runs, the page shows the last
// complete state without waiting for it; the upload moves the hash when it
// commits. A hash that cannot be read keeps the last state, when there is
// one.
func (s *Server) follow(ctx context.Context) error {
	c := s.evals
	if !c.store.TryRLock() {
		return nil
	}
	defer c.store.RUnlock()
	err := c.refreshHash(ctx, s.cfg.DataHash)
	if err != nil && c.currentHash() != "" {
		return nil
	}
	return err
}

// evict drops the oldest entries beyond maxEvaluations. The caller holds mu.
func (c *evaluations) evict() {
	for len(c.order) > maxEvaluations {
		oldest := c.order[0]
		c.order = c.order[1:]
		delete(c.entries, oldest)
	}
}

// reportCache keeps rendered documents, which take seconds (a PDF needs
// Chromium), by everything that decides their content.
type reportCache struct {
	mu      sync.Mutex
	max     int
	entries map[reportKey][]byte
	order   []reportKey
}

// reportKey names a document. The evaluation it was made from stands for
// the data hash and as-of date: an evaluation is computed once per state
// of the data and date, so the pointer is the same exactly when they are.
type reportKey struct {
	ev                *impact.Evaluation
	lang, doc, format string
}

func newReportCache(max int) *reportCache {
	return &reportCache{max: max, entries: make(map[reportKey][]byte)}
}

func (c *reportCache) get(k reportKey) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.entries[k]
	return b, ok
}

func (c *reportCache) put(k reportKey, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[k]; ok {
		return
	}
	c.entries[k] = b
	c.order = append(c.order, k)
	for len(c.order) > c.max {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
}
