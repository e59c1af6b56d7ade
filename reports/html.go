package reports

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html"
	"regexp"
	"strings"
	"sync"

	"gonum.org/v1/plot/font"
)

//go:embed report.css
var reportCSS string

// contentSecurityPolicy forbids every request the page could make: no
// script, no network; styles, images and fonts only from the file itself.
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"

var (
	fontFaceOnce sync.Once
	fontFaceCSS  string
)

// FontCSS returns the @font-face rules that embed Liberation Sans (regular
// and bold) as data URLs: the font every plot is measured and drawn with.
// The HTML reports include it once; a dashboard page that inlines the plots'
// SVG includes it too, so the text sits where the plot placed it.
func FontCSS() string {
	fontFaceOnce.Do(func() {
		var b strings.Builder
		for _, weight := range []struct {
			css  string
			font font.Font
		}{
			{"normal", plotFont(false)},
			{"bold", plotFont(true)},
		} {
			face := font.DefaultCache.Lookup(weight.font, 10)
			var raw bytes.Buffer
			if _, err := face.Face.WriteSourceTo(nil, &raw); err != nil {
				// The fonts are compiled into the binary; failing to
				// read them back is a broken build, not bad input.
				panic(fmt.Sprintf("reports: cannot read the embedded Liberation Sans: %v", err))
			}
			fmt.Fprintf(&b, "@font-face{font-family:'Liberation Sans';font-style:normal;font-weight:%s;src:url(data:font/ttf;base64,%s) format('truetype')}\n",
				weight.css, base64.StdEncoding.EncodeToString(raw.Bytes()))
		}
		fontFaceCSS = b.String()
	})
	return fontFaceCSS
}

// renderHTML writes the document as one HTML file.
func renderHTML(d *document) ([]byte, error) {
	var b bytes.Buffer
	esc := html.EscapeString
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", esc(d.Lang))
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(&b, "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n", esc(contentSecurityPolicy))
	fmt.Fprintf(&b, "<title>%s</title>\n", esc(d.Title+" – "+d.Subtitle))
	b.WriteString("<style>\n")
	b.WriteString(FontCSS())
	b.WriteString(reportCSS)
	b.WriteString("</style>\n</head>\n")
	fmt.Fprintf(&b, "<body class=\"doc-%s\">\n<header class=\"cover\">\n", esc(d.Name))
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p class=\"subtitle\">%s</p>\n", esc(d.Title), esc(d.Subtitle))
	for _, blk := range d.Cover {
		if err := htmlBlock(&b, blk); err != nil {
			return nil, err
		}
	}
	b.WriteString("</header>\n<main>\n")
	for _, s := range d.Sections {
		if err := htmlSection(&b, s, 2); err != nil {
			return nil, err
		}
	}
	b.WriteString("</main>\n<footer class=\"colophon\">\n")
	for _, n := range d.Notices {
		fmt.Fprintf(&b, "<p class=\"notice\">%s</p>\n", esc(n))
	}
	for _, line := range d.Footer {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(line))
	}
	b.WriteString("</footer>\n</body>\n</html>\n")
	return b.Bytes(), nil
}

// htmlSection writes a section and its subsections with headings of the
// given level.
func htmlSection(b *bytes.Buffer, s *section, level int) error {
	class := ""
	if s.NewPage {
		class = ` class="newpage"`
	}
	fmt.Fprintf(b, "<section id=\"%s\"%s>\n<h%d>%s</h%d>\n", html.EscapeString(s.ID), class, level, html.EscapeString(s.Title), level)
	for _, blk := range s.Blocks {
		if err := htmlBlock(b, blk); err != nil {
			return err
		}
	}
	for _, sub := range s.Sub {
		if err := htmlSection(b, sub, min(level+1, 6)); err != nil {
			return err
		}
	}
	b.WriteString("</section>\n")
	return nil
}

// htmlBlock writes one block.
func htmlBlock(b *bytes.Buffer, blk block) error {
	esc := html.EscapeString
	switch v := blk.(type) {
	case para:
		if v.Class != "" {
			fmt.Fprintf(b, "<p class=\"%s\">%s</p>\n", esc(v.Class), htmlText(v.Text))
		} else {
			fmt.Fprintf(b, "<p>%s</p>\n", htmlText(v.Text))
		}
	case officer:
		fmt.Fprintf(b, "<p class=\"officer\"><mark class=\"to-officer\"><strong>%s:</strong> %s</mark></p>\n", esc(v.Label), htmlText(v.Text))
	case lines:
		fmt.Fprintf(b, "<p class=\"%s\">", esc(v.Class))
		for i, line := range v.Lines {
			if i > 0 {
				b.WriteString("<br>")
			}
			b.WriteString(htmlText(line))
		}
		b.WriteString("</p>\n")
	case list:
		tag := "ul"
		if v.Ordered {
			tag = "ol"
		}
		if v.Class != "" {
			fmt.Fprintf(b, "<%s class=\"%s\">\n", tag, esc(v.Class))
		} else {
			fmt.Fprintf(b, "<%s>\n", tag)
		}
		for _, item := range v.Items {
			fmt.Fprintf(b, "<li>%s</li>\n", htmlText(item))
		}
		fmt.Fprintf(b, "</%s>\n", tag)
	case facts:
		b.WriteString("<dl class=\"facts\">\n")
		for _, f := range v.Items {
			fmt.Fprintf(b, "<dt>%s</dt><dd>%s</dd>\n", esc(f.Label), esc(f.Value))
		}
		b.WriteString("</dl>\n")
	case table:
		htmlTable(b, v)
	case figure:
		svg, err := v.Render("svg")
		if err != nil {
			return err
		}
		fmt.Fprintf(b, "<figure id=\"fig-%s\">\n<div class=\"plot\" role=\"img\" aria-label=\"%s\">\n", esc(v.Name), esc(v.Alt))
		b.Write(svg)
		fmt.Fprintf(b, "</div>\n<figcaption>%s</figcaption>\n</figure>\n", esc(v.Caption))
	default:
		return fmt.Errorf("reports: a block of type %T cannot be written as HTML", blk)
	}
	return nil
}

// htmlTable writes a table with a repeated header when printed.
func htmlTable(b *bytes.Buffer, t table) {
	esc := html.EscapeString
	class := ""
	if len(t.Head) <= 3 {
		// A table of two or three columns reads better narrow than
		// stretched across the page.
		class = ` class="narrow"`
	}
	if t.ID != "" {
		fmt.Fprintf(b, "<div class=\"table\"><table id=\"%s\"%s>\n", esc(t.ID), class)
	} else {
		fmt.Fprintf(b, "<div class=\"table\"><table%s>\n", class)
	}
	if t.Caption != "" {
		fmt.Fprintf(b, "<caption>%s</caption>\n", esc(t.Caption))
	}
	b.WriteString("<thead><tr>")
	for i, h := range t.Head {
		fmt.Fprintf(b, "<th scope=\"col\"%s>%s</th>", alignClass(t.Align, i), esc(h))
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range t.Rows {
		b.WriteString("<tr")
		if r.Key != "" {
			fmt.Fprintf(b, " data-key=\"%s\"", esc(r.Key))
		}
		if r.Class != "" {
			fmt.Fprintf(b, " class=\"%s\"", esc(r.Class))
		}
		b.WriteString(">")
		for i, c := range r.Cells {
			tag := "td"
			if i == 0 && r.Key != "" {
				// The first cell names the row for screen readers.
				tag = "th"
			}
			b.WriteString("<" + tag)
			if tag == "th" {
				b.WriteString(` scope="row"`)
			}
			if c.Field != "" {
				fmt.Fprintf(b, " data-field=\"%s\"", esc(c.Field))
			}
			fmt.Fprintf(b, "%s>%s</%s>", alignClass(t.Align, i), htmlText(c.Text), tag)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table></div>\n")
}

// statusSymbol matches a status symbol as Printer.Status writes it: the
// sign, then a no-break space before the word.
var statusSymbol = regexp.MustCompile("([✔◔◑✘…∅?])\u00a0")

// htmlText escapes text and sets every status symbol in a font that draws
// it well (the report font's circles are tiny), hidden from screen readers,
// which read the word beside it.
func htmlText(s string) string {
	return statusSymbol.ReplaceAllString(html.EscapeString(s), `<span class="sym" aria-hidden="true">$1</span>`+"\u00a0")
}

// alignClass returns the class attribute that aligns column i.
func alignClass(align string, i int) string {
	if i >= len(align) {
		return ""
	}
	switch align[i] {
	case 'r':
		return ` class="num"`
	case 'c':
		return ` class="mid"`
	}
	return ""
}
