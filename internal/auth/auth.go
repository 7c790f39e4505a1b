// Package auth holds pressroom's roles, API tokens and password hashing.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/text/language"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// Roles.
const (
	Admin      = "admin"      // everything, including users and webhooks
	Editor     = "editor"     // ingest, publish, webhooks, and review in every language
	Translator = "translator" // review in their own languages
)

// ValidRole reports whether r is a role.
func ValidRole(r string) bool { return r == Admin || r == Editor || r == Translator }

// Principal is who is making a request.
type Principal struct {
	ID    string // token or user id
	Name  string
	Role  string
	Langs []string
}

// Is reports whether the principal has one of the roles.
func (p Principal) Is(roles ...string) bool {
	for _, r := range roles {
		if p.Role == r {
			return true
		}
	}
	return false
}

// CanReview reports whether the principal may edit and approve segments of
// an edition in lang. A translator's "pt" covers pt-BR and pt-PT; "pt-BR"
// covers only pt-BR.
func (p Principal) CanReview(lang string) bool {
	if p.Role == Admin || p.Role == Editor {
		return true
	}
	if p.Role != Translator {
		return false
	}
	for _, l := range p.Langs {
		if CoversLang(l, lang) {
			return true
		}
	}
	return false
}

// CoversLang reports whether a translator's language have covers want.
func CoversLang(have, want string) bool {
	if strings.EqualFold(have, want) {
		return true
	}
	h, err1 := language.Parse(have)
	w, err2 := language.Parse(want)
	if err1 != nil || err2 != nil {
		return false
	}
	hb, hs, hr := h.Raw()
	wb, _, _ := w.Raw()
	return hb == wb && hs.String() == "Zzzz" && hr.String() == "ZZ"
}

// CanonicalLangs validates and canonicalises language tags ("pt-br" →
// "pt-BR").
func CanonicalLangs(langs []string) ([]string, error) {
	var out []string
	for _, l := range langs {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		t, err := language.Parse(l)
		if err != nil {
			return nil, fmt.Errorf("%q is not a language tag", l)
		}
		out = append(out, t.String())
	}
	return out, nil
}

// tokenPrefix marks pressroom tokens so secret scanners can find leaked ones.
const tokenPrefix = "prt_"

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// HashToken is how a token is stored: SHA-256 suffices, as tokens carry 160
// random bits and cannot be guessed.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// CreateToken makes and stores a token and returns its secret, which is
// shown once and never stored.
func CreateToken(ctx context.Context, q *store.Queries, name, role string, langs []string, userID string) (string, store.Token, error) {
	if !ValidRole(role) {
		return "", store.Token{}, fmt.Errorf("role %q: want admin, editor or translator", role)
	}
	langs, err := CanonicalLangs(langs)
	if err != nil {
		return "", store.Token{}, err
	}
	if role == Translator && len(langs) == 0 {
		return "", store.Token{}, errors.New("a translator token needs --lang (the languages it may review)")
	}
	raw := make([]byte, 20)
	if _, err := rand.Read(raw); err != nil {
		return "", store.Token{}, err
	}
	secret := tokenPrefix + strings.ToLower(b32.EncodeToString(raw))
	t := store.Token{ID: store.NewID("tok"), Name: name, Role: role, Langs: langs, UserID: userID}
	if err := q.CreateToken(ctx, &t, HashToken(secret)); err != nil {
		return "", t, fmt.Errorf("store token: %w", err)
	}
	return secret, t, nil
}

// ErrBadCredentials is returned for an unknown token or a wrong password.
var ErrBadCredentials = errors.New("invalid credentials")

// Authenticate resolves a bearer token.
func Authenticate(ctx context.Context, q *store.Queries, token string) (Principal, error) {
	if !strings.HasPrefix(token, tokenPrefix) {
		return Principal{}, ErrBadCredentials
	}
	t, err := q.TokenByHash(ctx, HashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return Principal{}, ErrBadCredentials
	}
	if err != nil {
		return Principal{}, err
	}
	return Principal{ID: t.ID, Name: t.Name, Role: t.Role, Langs: t.Langs}, nil
}

// HashPassword hashes a password with bcrypt.
func HashPassword(pw string) (string, error) {
	if len(pw) < 8 {
		return "", errors.New("password must have at least 8 characters")
	}
	if len(pw) > 72 {
		return "", errors.New("password must have at most 72 bytes")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	return string(h), err
}

// CheckPassword compares a password with its hash in constant time.
func CheckPassword(hash, pw string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}
