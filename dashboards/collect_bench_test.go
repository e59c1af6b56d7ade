package dashboards_test

import (
	"fmt"
	"io"
	"testing"
)

// BenchmarkCollectAnswer sends one answer of 11 items at a time through
// the real server into a real store: the form's post, the checks, the
// pseudonym and the one transaction.
func BenchmarkCollectAnswer(b *testing.B) {
	f := newCollectFixture(b, collectOptions{formRate: 1 << 30})
	client := phone(b)
	csrf := f.openForm(b, client)
	for i := 0; b.Loop(); i++ {
		res, err := client.PostForm(f.formURL(), fullAnswer(fmt.Sprintf("BD%06d", i), fmt.Sprintf("key-bench-%010d", i), csrf))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			b.Fatalf("answer %d: %d", i, res.StatusCode)
		}
	}
}
