package dashboards

import (
	"encoding/json"
	"net/http"

	"github.com/joiningforces/impact"
)

// apiBody returns the JSON body of /api/v1/evaluation for ev, the
// evaluation as viewers may see it. An evaluation does not change once
// computed (a new state of the data is a new evaluation), so the body of a
// cached evaluation is encoded once, kept beside it in its entry and gone
// with it: under fifty clients at once the encoding was what kept them
// waiting. An evaluation no longer cached is encoded for the request alone.
func (c *evaluations) apiBody(ev *impact.Evaluation) ([]byte, error) {
	c.mu.Lock()
	var entry *evalEntry
	for _, e := range c.entries {
		select {
		case <-e.done:
			if e.ev == ev {
				entry = e
			}
		default:
		}
	}
	c.mu.Unlock()
	if entry == nil {
		return encodeForViewers(ev)
	}
	entry.bodyOnce.Do(func() { entry.body, entry.bodyErr = encodeForViewers(ev) })
	return entry.body, entry.bodyErr
}

// encodeForViewers is the body of the evaluation API: forViewers, indented,
// with a final newline.
func encodeForViewers(ev *impact.Evaluation) ([]byte, error) {
	body, err := json.MarshalIndent(forViewers(ev), "", "  ")
	if err != nil {
		return nil, err
	}
	return append(body, '\n'), nil
}

// writeJSONBody sends a body that writeJSON would have encoded.
func writeJSONBody(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body)
}
