package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/joiningforces/impact"
)

// SecretEnv is the environment variable that holds the project's secret;
// when it is empty the secret is read from SecretFile in the project folder.
const SecretEnv = "IMPACT_SECRET"

// SecretFile is where `impact init` keeps the project's secret, relative to
// the project folder, readable only by its owner.
const SecretFile = ".impact/secret"

// LoadSecret returns the key of the project's pseudonyms: IMPACT_SECRET
// when set (getenv reads the environment), else the content of
// DIR/.impact/secret, trimmed of surrounding space. Without either it
// says how to make one. The secret is never stored, logged or printed: a
// new secret would change every pseudonym, and a leaked one would let
// anyone who knows a participant's id find their rows.
func LoadSecret(dir string, getenv func(string) string) ([]byte, error) {
	if getenv != nil {
		if s := strings.TrimSpace(getenv(SecretEnv)); s != "" {
			return []byte(s), nil
		}
	}
	path := filepath.Join(dir, filepath.FromSlash(SecretFile))
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, impact.Errorf(impact.EINVALID, "the project %s has no secret for pseudonyms (no %s and no %s); run impact init %s to make one, or set %s", dir, path, SecretEnv, dir, SecretEnv)
	}
	if err != nil {
		return nil, impact.Errorf(impact.EINVALID, "cannot read the project's secret %s: %v; check its permissions, or set %s", path, err, SecretEnv)
	}
	secret := strings.TrimSpace(string(data))
	if secret == "" {
		return nil, impact.Errorf(impact.EINVALID, "the project's secret %s is empty; delete it and run impact init %s to make a new one, or set %s", path, dir, SecretEnv)
	}
	return []byte(secret), nil
}

// PseudonymLength is the number of hex characters kept of the HMAC: 64
// bits, so that two of even a million participants share a pseudonym with
// a probability of about 3·10⁻⁸.
const PseudonymLength = 16

// Pseudonymiser replaces participant ids with keyed pseudonyms. It is not
// safe for concurrent use.
type Pseudonymiser struct {
	mac  hash.Hash
	fold cases.Caser
	sum  []byte
	key  []byte // the canonical id being pseudonymised
	// last and lastOut remember the previous participant: files list a
	// person's rows together (a long-form survey has one per item), and
	// the HMAC is the costliest step of a row.
	last, lastOut string
}

// NewPseudonymiser returns a Pseudonymiser keyed with the project's secret.
func NewPseudonymiser(secret []byte) *Pseudonymiser {
	return &Pseudonymiser{mac: hmac.New(sha256.New, secret), fold: cases.Fold(), sum: make([]byte, 0, sha256.Size)}
}

// Pseudonym returns the pseudonym of a participant id: HMAC-SHA256 under
// the secret of the trimmed, case-folded (and for non-ASCII text
// NFC-normalised) id without spaces, dashes, underscores and dots, hex, its
// first PseudonymLength characters. The same person in two files, written
// " BD-0042" in one and "bd 0042" in the other, gets the same pseudonym.
func (p *Pseudonymiser) Pseudonym(id string) string {
	if id == p.last && p.lastOut != "" {
		return p.lastOut
	}
	p.key = appendCanonicalID(p.key[:0], id, p.fold)
	p.mac.Reset()
	p.mac.Write(p.key)
	p.sum = p.mac.Sum(p.sum[:0])
	var out [PseudonymLength]byte
	hex.Encode(out[:], p.sum[:PseudonymLength/2])
	p.last, p.lastOut = id, string(out[:])
	return p.lastOut
}

// appendCanonicalID appends the canonical form of an id to key: for an
// ASCII id in one pass with no allocation (the common case, one per row),
// for any other through canonicalID.
func appendCanonicalID(key []byte, id string, fold cases.Caser) []byte {
	id = strings.TrimSpace(id)
	for i := 0; i < len(id); i++ {
		if id[i] >= utf8.RuneSelf {
			return append(key, canonicalID(id, fold)...)
		}
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c == ' ' || c == '-' || c == '_' || c == '.' || c == '\t':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		key = append(key, c)
	}
	return key
}

// canonicalID is the form of an id that is pseudonymised: trimmed,
// case-folded, and without the spaces, dashes, underscores and dots people
// type inside ids, so that "es 012", "ES-012" and "Es012" are one person.
func canonicalID(id string, fold cases.Caser) string {
	id = stripIDSeparators(strings.TrimSpace(id))
	ascii := true
	for i := 0; i < len(id); i++ {
		if id[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(id)
	}
	return fold.String(norm.NFC.String(id))
}

// stripIDSeparators takes out of an id the spaces, dashes, underscores and
// dots that people type inside it.
func stripIDSeparators(id string) string {
	if !strings.ContainsAny(id, " -_.\u00a0\t\u2010\u2011\u2013") {
		return id
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '_', '.', '\u00a0', '\t', '\u2010', '\u2011', '\u2013':
			return -1
		}
		return r
	}, id)
}
