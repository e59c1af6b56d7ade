package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	_ "image/png" // the plots' sizes are read from their PNG headers
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/joiningforces/impact"
)

// A Word document (Office Open XML, ECMA-376 transitional) is a zip of XML
// parts. The few this package needs are written here with archive/zip and
// encoding/xml: no Go library served by the module proxy both writes a
// body into a municipality's own template (keeping its styles, page
// setup, header and footer, as pandoc's reference document does) and is
// kept up under a licence the project can use.

// The namespaces of the parts.
const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsWP  = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsA   = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
	nsRel = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsCT  = "http://schemas.openxmlformats.org/package/2006/content-types"

	relBase      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	ctMain       = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	ctTemplate   = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
	ctStyles     = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
	ctNumbering  = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
	ctCore       = "application/vnd.openxmlformats-package.core-properties+xml"
	ctRels       = "application/vnd.openxmlformats-package.relationships+xml"
	emuPerInch   = 914400
	textWidthTwp = 9638 // 17 cm: an A4 page with 2 cm margins
)

// docxStyle is a paragraph style the document uses: the name Word knows
// it by (its built-in name, the same in every language) and the
// definition added when the template has none.
type docxStyle struct {
	id, name, def string
}

// docxStyles are the paragraph styles of the body: real headings (Rubrik 1
// in a Swedish Word is "heading 1" inside), so that the navigation pane and
// a table of contents find them.
var docxStyles = []docxStyle{
	{"Title", "Title", `<w:pPr><w:spacing w:after="60"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr>`},
	{"Subtitle", "Subtitle", `<w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:color w:val="444444"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>`},
	{"Heading1", "heading 1", `<w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr>`},
	{"Heading2", "heading 2", `<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="25"/><w:szCs w:val="25"/></w:rPr>`},
	{"Heading3", "heading 3", `<w:pPr><w:keepNext/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="23"/><w:szCs w:val="23"/></w:rPr>`},
	{"Caption", "caption", `<w:pPr><w:spacing w:after="200"/></w:pPr><w:rPr><w:i/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>`},
}

// Numbering ids: a template's own lists keep theirs; ours start high.
const (
	abstractDecimal = 9001
	abstractBullet  = 9002
	numBullet       = 9001
	numFirstOrdered = 9002
)

// docxWriter builds the body of one document.
type docxWriter struct {
	body   strings.Builder
	styles map[string]string // style name → id in the package
	images []docxImage
	// ordered counts the numbered lists; each restarts at 1.
	ordered int
}

// docxImage is a PNG embedded in the document.
type docxImage struct {
	relID, name string
	png         []byte
}

// renderDOCX writes d as a Word document. template, when not nil, is a
// .docx or .dotx whose styles, page setup, header and footer the document
// takes and whose body it drops.
func renderDOCX(d *document, template []byte) ([]byte, error) {
	var parts map[string][]byte
	var order []string
	if template != nil {
		var err error
		if parts, order, err = readZip(template); err != nil {
			return nil, err
		}
		if _, ok := parts["word/document.xml"]; !ok {
			return nil, refuse(impact.EINVALID, nil, "refuse.template_body")
		}
	}
	w := &docxWriter{styles: map[string]string{}}
	styles, err := w.prepareStyles(parts["word/styles.xml"], d.Lang)
	if err != nil {
		return nil, err
	}
	if err := w.document(d); err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for name, data := range parts {
		out[name] = data
	}
	out["word/styles.xml"] = styles
	out["word/numbering.xml"] = w.numbering(parts["word/numbering.xml"])
	out["word/document.xml"] = w.documentPart(parts["word/document.xml"])
	for _, img := range w.images {
		out["word/media/"+img.name] = img.png
	}
	out["word/_rels/document.xml.rels"] = w.relationships(parts["word/_rels/document.xml.rels"])
	out["[Content_Types].xml"] = contentTypes(parts["[Content_Types].xml"])
	if template == nil {
		out["_rels/.rels"] = []byte(xml.Header + `<Relationships xmlns="` + nsRel + `"><Relationship Id="rId1" Type="` + relBase + `officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`)
		out["docProps/core.xml"] = []byte(xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>` + esc(d.Title+" – "+d.Subtitle) + `</dc:title><dc:language>` + esc(wordLang(d.Lang)) + `</dc:language></cp:coreProperties>`)
	}
	return writeZip(out, order)
}

// esc escapes text for XML.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// wordLang is the language tag of the document's text.
func wordLang(lang string) string {
	switch lang {
	case "sv":
		return "sv-SE"
	case "en":
		return "en-GB"
	case "lv":
		return "lv-LV"
	}
	return lang
}

// readZip reads every part of a package, in its order.
func readZip(data []byte) (map[string][]byte, []string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, refuse(impact.EINVALID, err, "refuse.template_zip", err)
	}
	parts := map[string][]byte{}
	var order []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, nil, refuse(impact.EINVALID, err, "refuse.template_part", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, nil, refuse(impact.EINVALID, err, "refuse.template_part", f.Name, err)
		}
		parts[f.Name] = data
		order = append(order, f.Name)
	}
	return parts, order, nil
}

// writeZip writes the package: [Content_Types].xml first, then the
// template's parts in their order, then the new ones sorted, each with a
// fixed time so that the same input gives the same bytes.
func writeZip(parts map[string][]byte, order []string) ([]byte, error) {
	names := []string{"[Content_Types].xml"}
	for _, name := range order {
		if _, ok := parts[name]; ok && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	var rest []string
	for name := range parts {
		if !slices.Contains(names, name) {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	names = append(names, rest...)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return nil, fmt.Errorf("reports: write %s into the Word file: %w", name, err)
		}
		if _, err := fw.Write(parts[name]); err != nil {
			return nil, fmt.Errorf("reports: write %s into the Word file: %w", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("reports: close the Word file: %w", err)
	}
	return buf.Bytes(), nil
}

// templateStyles is what the writer reads of a styles part: each style's
// id and name.
type templateStyles struct {
	Styles []struct {
		Type string `xml:"type,attr"`
		ID   string `xml:"styleId,attr"`
		Name struct {
			Val string `xml:"val,attr"`
		} `xml:"name"`
	} `xml:"style"`
}

// prepareStyles returns the styles part: the template's, with the styles
// the body needs and the template lacks added; or our own. It records
// the id of each style by its name.
func (w *docxWriter) prepareStyles(template []byte, lang string) ([]byte, error) {
	var added strings.Builder
	if template != nil {
		var ts templateStyles
		if err := xml.Unmarshal(template, &ts); err != nil {
			return nil, refuse(impact.EINVALID, err, "refuse.template_styles", err)
		}
		for _, s := range ts.Styles {
			if s.Type == "paragraph" {
				w.styles[strings.ToLower(s.Name.Val)] = s.ID
			}
		}
	}
	for _, s := range docxStyles {
		if _, ok := w.styles[strings.ToLower(s.name)]; ok {
			continue
		}
		w.styles[strings.ToLower(s.name)] = s.id
		fmt.Fprintf(&added, `<w:style w:type="paragraph" w:styleId="%s"><w:name w:val="%s"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>%s</w:style>`, s.id, s.name, s.def)
	}
	if template != nil {
		return insertBefore(template, "</w:styles>", added.String())
	}
	return []byte(xml.Header + `<w:styles xmlns:w="` + nsW + `"><w:docDefaults><w:rPrDefault><w:rPr>` +
		`<w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans" w:eastAsia="Liberation Sans" w:cs="Liberation Sans"/>` +
		`<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="` + esc(wordLang(lang)) + `"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		added.String() + `</w:styles>`), nil
}

// insertBefore inserts s before the last occurrence of closing in part.
func insertBefore(part []byte, closing, s string) ([]byte, error) {
	i := bytes.LastIndex(part, []byte(closing))
	if i < 0 {
		return nil, refuse(impact.EINVALID, nil, "refuse.template_lacks", closing)
	}
	out := append([]byte{}, part[:i]...)
	out = append(out, s...)
	return append(out, part[i:]...), nil
}

// style returns the id of a style by its built-in name.
func (w *docxWriter) style(name string) string { return w.styles[strings.ToLower(name)] }

// document writes the body: the cover, the sections, the notices and the
// colophon.
func (w *docxWriter) document(d *document) error {
	w.paragraph(w.style("Title"), "", run{text: d.Title})
	w.paragraph(w.style("Subtitle"), "", run{text: d.Subtitle})
	for _, blk := range d.Cover {
		if err := w.block(blk); err != nil {
			return err
		}
	}
	for _, s := range d.Sections {
		if err := w.section(s, 1); err != nil {
			return err
		}
	}
	for _, n := range d.Notices {
		w.paragraph("", "", run{text: n, size: 18, italic: true})
	}
	for _, line := range d.Footer {
		w.paragraph("", "", run{text: line, size: 18, colour: "555555"})
	}
	return nil
}

// section writes a heading of the given level and the section's blocks.
func (w *docxWriter) section(s *section, level int) error {
	pPr := ""
	if s.NewPage {
		pPr = `<w:pageBreakBefore/>`
	}
	w.paragraph(w.style(fmt.Sprintf("heading %d", min(level, 3))), pPr, run{text: s.Title})
	for _, blk := range s.Blocks {
		if err := w.block(blk); err != nil {
			return err
		}
	}
	for _, sub := range s.Sub {
		if err := w.section(sub, level+1); err != nil {
			return err
		}
	}
	return nil
}

// run is a piece of text with its look.
type run struct {
	text         string
	bold, italic bool
	size         int    // half-points; 0 keeps the style's
	colour       string // hex RGB
	highlight    bool   // yellow, for what the officer writes
	breakBefore  bool
}

// paragraph writes one paragraph of runs with a style id and extra
// paragraph properties (in schema order after the style).
func (w *docxWriter) paragraph(styleID, pPr string, runs ...run) {
	b := &w.body
	b.WriteString("<w:p>")
	if styleID != "" || pPr != "" {
		b.WriteString("<w:pPr>")
		if styleID != "" {
			fmt.Fprintf(b, `<w:pStyle w:val="%s"/>`, esc(styleID))
		}
		b.WriteString(pPr)
		b.WriteString("</w:pPr>")
	}
	for _, r := range runs {
		b.WriteString("<w:r>")
		var rPr strings.Builder
		if r.bold {
			rPr.WriteString("<w:b/>")
		}
		if r.italic {
			rPr.WriteString("<w:i/>")
		}
		if r.colour != "" {
			fmt.Fprintf(&rPr, `<w:color w:val="%s"/>`, r.colour)
		}
		if r.size > 0 {
			fmt.Fprintf(&rPr, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, r.size, r.size)
		}
		if r.highlight {
			rPr.WriteString(`<w:highlight w:val="yellow"/>`)
		}
		if rPr.Len() > 0 {
			b.WriteString("<w:rPr>" + rPr.String() + "</w:rPr>")
		}
		if r.breakBefore {
			b.WriteString("<w:br/>")
		}
		fmt.Fprintf(b, `<w:t xml:space="preserve">%s</w:t></w:r>`, esc(r.text))
	}
	b.WriteString("</w:p>")
}

// block writes one block.
func (w *docxWriter) block(blk block) error {
	switch v := blk.(type) {
	case para:
		if v.Class == "note" {
			w.paragraph("", "", run{text: v.Text, size: 18, colour: "555555"})
		} else {
			w.paragraph("", "", run{text: v.Text})
		}
	case officer:
		w.paragraph("", "", run{text: v.Label + ": ", bold: true, highlight: true}, run{text: v.Text, highlight: true})
	case lines:
		var runs []run
		for i, line := range v.Lines {
			runs = append(runs, run{text: line, breakBefore: i > 0})
		}
		w.paragraph("", `<w:spacing w:before="360"/>`, runs...)
	case list:
		numID := numBullet
		if v.Ordered {
			numID = numFirstOrdered + w.ordered
			w.ordered++
		}
		for _, item := range v.Items {
			w.paragraph("", fmt.Sprintf(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr><w:spacing w:after="60"/><w:ind w:left="567" w:hanging="340"/>`, numID), run{text: item})
		}
	case facts:
		for _, f := range v.Items {
			w.paragraph("", `<w:spacing w:after="40"/>`, run{text: f.Label + ": ", bold: true}, run{text: f.Value})
		}
	case table:
		w.table(v)
	case figure:
		return w.figure(v)
	default:
		return fmt.Errorf("reports: a block of type %T cannot be written to Word", blk)
	}
	return nil
}

// table writes a Word table: a header row repeated on each page, numbers
// right-aligned, thin rules.
func (w *docxWriter) table(t table) {
	if t.Caption != "" {
		w.paragraph(w.style("caption"), `<w:keepNext/>`, run{text: t.Caption})
	}
	b := &w.body
	cols := len(t.Head)
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>`)
	for _, edge := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/>`, edge)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	widths := columnWidths(cols)
	for _, width := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, width)
	}
	b.WriteString(`</w:tblGrid>`)
	w.tableRow(t.Head, t.Align, widths, true)
	for _, r := range t.Rows {
		texts := make([]string, len(r.Cells))
		for i, c := range r.Cells {
			texts[i] = c.Text
		}
		w.tableRow(texts, t.Align, widths, false)
	}
	b.WriteString(`</w:tbl>`)
	// Word needs a paragraph between two tables; it also spaces the next
	// block.
	w.paragraph("", `<w:spacing w:after="60"/>`)
}

// columnWidths shares the text width between a table's columns in twips:
// the first, which names the row (a goal, a group), gets 28 % where there
// are more than two, so that a date still fits the others.
func columnWidths(cols int) []int {
	widths := make([]int, cols)
	if cols == 0 {
		return widths
	}
	first := textWidthTwp / cols
	if cols > 2 {
		first = textWidthTwp * 28 / 100
	}
	widths[0] = first
	for i := 1; i < cols; i++ {
		widths[i] = (textWidthTwp - first) / (cols - 1)
	}
	return widths
}

// tableRow writes one row; the header row is bold, shaded and repeated.
func (w *docxWriter) tableRow(texts []string, align string, widths []int, head bool) {
	b := &w.body
	b.WriteString("<w:tr>")
	if head {
		b.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
	}
	for i, text := range texts {
		fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, widths[min(i, len(widths)-1)])
		if head {
			b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="EDEDED"/>`)
		}
		b.WriteString(`</w:tcPr>`)
		jc := ""
		if i < len(align) && align[i] == 'r' {
			jc = `<w:jc w:val="right"/>`
		}
		w.paragraph("", `<w:spacing w:before="20" w:after="20"/>`+jc, run{text: text, bold: head, size: 17})
		b.WriteString("</w:tc>")
	}
	b.WriteString("</w:tr>")
}

// figure embeds a plot as a PNG at print resolution, its width that of the
// text, with its description for screen readers and its caption under it.
func (w *docxWriter) figure(f figure) error {
	png, err := f.Render(pngPrint)
	if err != nil {
		return err
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(png))
	if err != nil {
		return fmt.Errorf("reports: read the size of the plot %s: %w", f.Name, err)
	}
	n := len(w.images) + 1
	img := docxImage{relID: fmt.Sprintf("rIdImpactImage%d", n), name: fmt.Sprintf("impact-%d-%s.png", n, f.Name), png: png}
	w.images = append(w.images, img)
	cx := int64(cfg.Width) * emuPerInch / printDPI
	cy := int64(cfg.Height) * emuPerInch / printDPI
	fmt.Fprintf(&w.body, `<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%[1]d" cy="%[2]d"/><wp:docPr id="%[3]d" name="%[4]s" descr="%[5]s"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="%[6]s"><pic:pic><pic:nvPicPr><pic:cNvPr id="%[3]d" name="%[4]s" descr="%[5]s"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="%[7]s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%[1]d" cy="%[2]d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`,
		cx, cy, 1000+n, esc(img.name), esc(f.Alt), nsPic, img.relID)
	w.paragraph(w.style("caption"), "", run{text: f.Caption})
	return nil
}

// The template's page setup: the last section properties of its body.
var (
	sectPrPattern  = regexp.MustCompile(`(?s)<w:sectPr[ >].*</w:sectPr>`)
	rootPattern    = regexp.MustCompile(`(?s)<w:document\b[^>]*>`)
	defaultSectPr  = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`
	ourNamespaces  = [][2]string{{"w", nsW}, {"r", nsR}, {"wp", nsWP}, {"a", nsA}, {"pic", nsPic}}
	numStartTag    = regexp.MustCompile(`<w:num\b[ >]`)
	relIDAttribute = regexp.MustCompile(`Id="([^"]+)"`)
)

// documentPart is the main part: the template's root element (its
// namespaces) with ours added, our body, and the template's page setup
// (size, margins, header and footer references), or A4 with 2 cm margins.
func (w *docxWriter) documentPart(template []byte) []byte {
	root := `<w:document>`
	sectPr := defaultSectPr
	if template != nil {
		if m := rootPattern.Find(template); m != nil {
			root = string(m)
		}
		if body := bytes.LastIndex(template, []byte("</w:body>")); body >= 0 {
			if m := sectPrPattern.FindAll(template[:body], -1); len(m) > 0 {
				last := m[len(m)-1]
				// The body's own sectPr closes it; an earlier one (in a
				// paragraph) ends a section of the template's body text.
				if i := bytes.LastIndex(last, []byte("<w:sectPr")); i > 0 {
					last = last[i:]
				}
				sectPr = string(last)
			}
		}
	}
	for _, ns := range ourNamespaces {
		if !strings.Contains(root, `xmlns:`+ns[0]+`=`) {
			root = strings.TrimSuffix(root, ">") + ` xmlns:` + ns[0] + `="` + ns[1] + `">`
		}
	}
	return []byte(xml.Header + root + `<w:body>` + w.body.String() + sectPr + `</w:body></w:document>`)
}

// numbering is the numbering part: the template's with our two lists
// added (a decimal list that each numbered list restarts, and bullets),
// or ours alone.
func (w *docxWriter) numbering(template []byte) []byte {
	abstract := fmt.Sprintf(`<w:abstractNum w:abstractNumId="%d"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="340"/></w:pPr></w:lvl></w:abstractNum>`, abstractDecimal) +
		fmt.Sprintf(`<w:abstractNum w:abstractNumId="%d"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="340"/></w:pPr></w:lvl></w:abstractNum>`, abstractBullet)
	nums := fmt.Sprintf(`<w:num w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>`, numBullet, abstractBullet)
	for i := range w.ordered {
		nums += fmt.Sprintf(`<w:num w:numId="%d"><w:abstractNumId w:val="%d"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`, numFirstOrdered+i, abstractDecimal)
	}
	if template == nil || !bytes.Contains(template, []byte("</w:numbering>")) {
		return []byte(xml.Header + `<w:numbering xmlns:w="` + nsW + `">` + abstract + nums + `</w:numbering>`)
	}
	// Every abstractNum comes before the first num.
	out := template
	if loc := numStartTag.FindIndex(out); loc != nil {
		out = append(append(append([]byte{}, out[:loc[0]]...), abstract...), out[loc[0]:]...)
	} else {
		out, _ = insertBefore(out, "</w:numbering>", abstract)
	}
	out, _ = insertBefore(out, "</w:numbering>", nums)
	return out
}

// relationships is the main part's relationships: the template's
// (styles, header, footer, theme …) with styles, numbering and our images
// added where missing.
func (w *docxWriter) relationships(template []byte) []byte {
	var add strings.Builder
	has := func(kind string) bool {
		return template != nil && bytes.Contains(template, []byte(relBase+kind+`"`))
	}
	ids := map[string]bool{}
	for _, m := range relIDAttribute.FindAllSubmatch(template, -1) {
		ids[string(m[1])] = true
	}
	newID := func(base string) string {
		id := base
		for i := 2; ids[id]; i++ {
			id = fmt.Sprintf("%s%d", base, i)
		}
		ids[id] = true
		return id
	}
	if !has("styles") {
		fmt.Fprintf(&add, `<Relationship Id="%s" Type="%sstyles" Target="styles.xml"/>`, newID("rIdImpactStyles"), relBase)
	}
	if !has("numbering") {
		fmt.Fprintf(&add, `<Relationship Id="%s" Type="%snumbering" Target="numbering.xml"/>`, newID("rIdImpactNumbering"), relBase)
	}
	for _, img := range w.images {
		fmt.Fprintf(&add, `<Relationship Id="%s" Type="%simage" Target="media/%s"/>`, img.relID, relBase, img.name)
	}
	if template == nil {
		return []byte(xml.Header + `<Relationships xmlns="` + nsRel + `">` + add.String() + `</Relationships>`)
	}
	out, err := insertBefore(template, "</Relationships>", add.String())
	if err != nil {
		return template
	}
	return out
}

// contentTypes is the package's content types: the template's, with the
// main part a document (not a template), PNG images and our parts added.
func contentTypes(template []byte) []byte {
	if template == nil {
		return []byte(xml.Header + `<Types xmlns="` + nsCT + `"><Default Extension="rels" ContentType="` + ctRels + `"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>` +
			`<Override PartName="/word/document.xml" ContentType="` + ctMain + `"/><Override PartName="/word/styles.xml" ContentType="` + ctStyles + `"/>` +
			`<Override PartName="/word/numbering.xml" ContentType="` + ctNumbering + `"/><Override PartName="/docProps/core.xml" ContentType="` + ctCore + `"/></Types>`)
	}
	out := bytes.ReplaceAll(template, []byte(ctTemplate), []byte(ctMain))
	var add strings.Builder
	if !regexp.MustCompile(`(?i)Extension="png"`).Match(out) {
		add.WriteString(`<Default Extension="png" ContentType="image/png"/>`)
	}
	for _, part := range [][2]string{{"/word/styles.xml", ctStyles}, {"/word/numbering.xml", ctNumbering}} {
		if !bytes.Contains(out, []byte(`PartName="`+part[0]+`"`)) {
			fmt.Fprintf(&add, `<Override PartName="%s" ContentType="%s"/>`, part[0], part[1])
		}
	}
	if res, err := insertBefore(out, "</Types>", add.String()); err == nil {
		return res
	}
	return out
}
