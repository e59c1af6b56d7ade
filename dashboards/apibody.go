package dashboards

import (
	"encoding/json"
	"net/http"
	"sync"

	"github.com/joiningforces/impact"
)

// maxAPIBodies is how many evaluations' JSON bodies apiBodies keeps: one
// per as-of date asked for lately, as the evaluation cache does.
const maxAPIBodies = 8

// apiBodies keeps the JSON body of /api/v1/evaluation for the evaluations
// answered last. An evaluation does not change once computed (a new state
// of the data is a new evaluation), so its body is encoded once, not on
// every request: under fifty clients at once the encoding was what kept
// them waiting.
type apiBodies struct {
	mu   sync.Mutex
	list []apiBody // the most recently used last
}

type apiBody struct {
	ev   *impact.Evaluation
	body []byte
}

// get returns the body of an evaluation as viewers may see it, encoding
// it the first time.
func (c *apiBodies) get(ev *impact.Evaluation) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, b := range c.list {
		if b.ev == ev {
			c.list = append(append(c.list[:i:i], c.list[i+1:]...), b)
			return b.body, nil
		}
	}
	body, err := json.MarshalIndent(forViewers(ev), "", "  ")
	if err != nil {
		return nil, err
	}
	body = append(body, '\n')
	if len(c.list) == maxAPIBodies {
		c.list = c.list[1:]
	}
	c.list = append(c.list, apiBody{ev: ev, body: body})
	return body, nil
}

// writeJSONBody sends a body that writeJSON would have encoded.
func writeJSONBody(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body)
}
