package dashboards

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// checkSVG refuses an SVG that could run script when a browser opens it:
// script or foreign elements, event-handler attributes, links that are not
// fragments or data images, and entity declarations. The plots come from
// the engine and should never hold any of these; text from the project or
// the data that reached an SVG unescaped would, so this is the last wall
// between a hostile name and a viewer's browser.
func checkSVG(svg []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = true
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("svg does not parse: %w", err)
		}
		switch tok := tok.(type) {
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(tok), []byte("ENTITY")) {
				return errors.New("svg declares entities")
			}
		case xml.ProcInst:
			if tok.Target != "xml" {
				return fmt.Errorf("svg holds the processing instruction %q", tok.Target)
			}
		case xml.StartElement:
			name := strings.ToLower(tok.Name.Local)
			switch name {
			case "script", "foreignobject", "iframe", "embed", "object", "handler", "listener":
				return fmt.Errorf("svg holds a %s element", tok.Name.Local)
			}
			for _, attr := range tok.Attr {
				key := strings.ToLower(attr.Name.Local)
				value := strings.ToLower(strings.TrimSpace(attr.Value))
				switch {
				case strings.HasPrefix(key, "on"):
					return fmt.Errorf("svg holds the event handler %s", attr.Name.Local)
				case key == "href" || key == "src":
					if !strings.HasPrefix(value, "#") && !strings.HasPrefix(value, "data:image/png") && !strings.HasPrefix(value, "data:image/jpeg") {
						return fmt.Errorf("svg links to %q", attr.Value)
					}
				case key == "attributename" && strings.Contains(value, "href"):
					return errors.New("svg animates a link")
				}
			}
		}
	}
}

// writeSVG sends a plot after checking it, under a policy that forbids any
// script should one ever slip through.
func (s *Server) writeSVG(w http.ResponseWriter, r *http.Request, svg []byte) {
	if err := checkSVG(svg); err != nil {
		s.log.errorf(r, err)
		s.fail(w, r, errUnsafeSVG)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/svg+xml")
	h.Set("Content-Security-Policy", svgCSP)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(svg)
}
