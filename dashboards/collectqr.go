package dashboards

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"github.com/joiningforces/impact"
	qrcode "github.com/yeqown/go-qrcode/v2"
)

// qrQuiet is the white border of a QR code, in modules (the standard's four).
const qrQuiet = 4

// qrBitmap encodes text as a QR code (github.com/yeqown/go-qrcode/v2) and
// returns its modules, row by row, true for dark.
func qrBitmap(text string) ([][]bool, error) {
	qrc, err := qrcode.NewWith(text, qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionMedium))
	if err != nil {
		return nil, impact.Errorf(impact.EINTERNAL, "collect: cannot make the QR code of the link: %v", err)
	}
	var m bitmapWriter
	if err := qrc.Save(&m); err != nil {
		return nil, impact.Errorf(impact.EINTERNAL, "collect: cannot make the QR code of the link: %v", err)
	}
	return m.bits, nil
}

// bitmapWriter is a qrcode.Writer that keeps the modules.
type bitmapWriter struct{ bits [][]bool }

func (b *bitmapWriter) Write(mat qrcode.Matrix) error {
	b.bits = mat.Bitmap()
	return nil
}

func (b *bitmapWriter) Close() error { return nil }

// QRPNG draws the QR code of text as a black-on-white PNG, scale pixels a
// module, with the quiet zone.
func QRPNG(text string, scale int) ([]byte, error) {
	bits, err := qrBitmap(text)
	if err != nil {
		return nil, err
	}
	n := len(bits) + 2*qrQuiet
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y, row := range bits {
		for x, dark := range row {
			if !dark {
				continue
			}
			for dy := range scale {
				for dx := range scale {
					img.SetGray((x+qrQuiet)*scale+dx, (y+qrQuiet)*scale+dy, color.Gray{})
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, impact.Errorf(impact.EINTERNAL, "collect: cannot write the QR code as PNG: %v", err)
	}
	return buf.Bytes(), nil
}

// QRSVG draws the QR code of text as SVG, one path of unit squares, that
// scales to any size without blur.
func QRSVG(text string) ([]byte, error) {
	bits, err := qrBitmap(text)
	if err != nil {
		return nil, err
	}
	n := len(bits) + 2*qrQuiet
	var buf bytes.Buffer
	fmt.Fprintf(&buf, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges" role="img"><rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n, n, n)
	for y, row := range bits {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&buf, "M%d %dh1v1h-1z", x+qrQuiet, y+qrQuiet)
			}
		}
	}
	buf.WriteString(`"/></svg>`)
	return buf.Bytes(), nil
}
