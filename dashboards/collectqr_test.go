package dashboards_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joiningforces/impact/dashboards"
)

// TestQRCodeReadsBack: the QR code of a form's link, read by zbar as a
// phone's camera reads it, is the link. (The poster's SVG is read back from
// Chromium's screenshot in TestBrowserCollectWithoutScript.)
func TestQRCodeReadsBack(t *testing.T) {
	for _, link := range []string{"http://192.168.1.20:8080/c/RkZ8hA9IZlx805eSWmyhpA", "https://impact.boden.example/c/a-_b0123456789ABCDEFGHi"} {
		png, err := dashboards.QRPNG(link, 8)
		if err != nil {
			t.Fatal(err)
		}
		if got := readQR(t, png); got != link {
			t.Errorf("the QR code of %s reads %q", link, got)
		}
		svg, err := dashboards.QRSVG(link)
		if err != nil || !strings.HasPrefix(string(svg), "<svg") || strings.Contains(string(svg), "<script") {
			t.Errorf("the SVG of %s: %v\n%.200s", link, err, svg)
		}
	}
}

// zbarPath finds zbar's zbarimg. Without it the test is skipped on a
// developer's machine and fails in CI, which installs it.
func zbarPath(t *testing.T) string {
	t.Helper()
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no zbarimg on PATH; CI must install it (apt-get install -y zbar-tools)")
		}
		t.Skip("no zbarimg on PATH; apt-get install -y zbar-tools to read the QR codes back")
	}
	return zbar
}

// readQR reads the QR code in a PNG with zbar.
func readQR(t *testing.T, png []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "qr.png")
	if err := os.WriteFile(path, png, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(zbarPath(t), "--raw", "-q", path).Output()
	if err != nil {
		t.Errorf("zbarimg: %v", err)
	}
	return strings.TrimSpace(string(out))
}
