package auth

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/textcheck"
)

// MaxUsernameRunes bounds a username (after normalising).
const MaxUsernameRunes = 64

// CodeInvalidUsername is the code of a refused username.
const CodeInvalidUsername = "invalid_username"

// usernamePunct is the punctuation a username may hold besides letters,
// marks and digits.
const usernamePunct = "._-@"

// Username returns the one form a username is stored and looked up in:
// NFKC, case-folded (so "ANA", "Ana" and "ａｎａ" are "ana"). It refuses
// (derrors.Invalid, invalid_username) an empty or over-long name, anything
// but letters, combining marks, digits and . _ - @ (so no spaces, controls,
// invisible or bidi-control characters: ZWSP, ZWJ, soft hyphen, U+202A–E,
// U+2066–9…), and letters of more than one script (Latin + Cyrillic…, so a
// Cyrillic "а" cannot make "аna" pose as "ana"; Han with kana or Hangul is
// one writing system).
func Username(raw string) (string, error) {
	if err := textcheck.Line("username", raw); err != nil {
		return "", err
	}
	s := norm.NFKC.String(cases.Fold().String(norm.NFKC.String(raw)))
	if s == "" {
		return "", usernameError("a username is needed")
	}
	if n := utf8.RuneCountInString(s); n > MaxUsernameRunes {
		return "", usernameError("a username may have at most %d characters; this one has %d", MaxUsernameRunes, n)
	}
	var scripts []string
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if sc := scriptOf(r); sc != "" && !slices.Contains(scripts, sc) {
				scripts = append(scripts, sc)
			}
		case unicode.IsMark(r), unicode.IsDigit(r), strings.ContainsRune(usernamePunct, r):
		default:
			return "", usernameError("a username may hold only letters, digits and . _ - @, not %U", r)
		}
	}
	if !oneWritingSystem(scripts) {
		return "", usernameError("a username may not mix scripts (%s)", strings.Join(scripts, ", "))
	}
	return s, nil
}

func usernameError(format string, args ...any) error {
	return derrors.New(derrors.Invalid, CodeInvalidUsername, format, args...)
}

// scriptOf names r's script; letters of no particular script ("Common")
// give "".
func scriptOf(r rune) string {
	for _, name := range scriptNames {
		if unicode.Is(unicode.Scripts[name], r) {
			return name
		}
	}
	for name, t := range unicode.Scripts {
		if name != "Common" && name != "Inherited" && unicode.Is(t, r) {
			return name
		}
	}
	return ""
}

// scriptNames are the scripts tried first, the usual ones.
var scriptNames = []string{"Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Han", "Hiragana", "Katakana", "Hangul"}

// oneWritingSystem reports whether scripts are at most one, or Japanese
// (Han, Hiragana, Katakana) or Korean (Han, Hangul) together.
func oneWritingSystem(scripts []string) bool {
	if len(scripts) <= 1 {
		return true
	}
	isIn := func(set ...string) bool {
		for _, s := range scripts {
			if !slices.Contains(set, s) {
				return false
			}
		}
		return true
	}
	return isIn("Han", "Hiragana", "Katakana") || isIn("Han", "Hangul")
}

// LoginName is the username a login form's text is looked up by: its
// Username form, or the text as typed when that is refused (it then
// matches nobody, like any wrong name).
func LoginName(raw string) string {
	if s, err := Username(raw); err == nil {
		return s
	}
	return raw
}

// UserByLogin finds the user a login form names: by the normalised name,
// then, for accounts stored before usernames were normalised, as typed.
func UserByLogin(ctx context.Context, q *store.Queries, raw string) (store.User, error) {
	if textcheck.Line("username", raw) != nil {
		return store.User{}, store.ErrNotFound
	}
	name := LoginName(raw)
	u, err := q.UserByName(ctx, name)
	if errors.Is(err, store.ErrNotFound) && name != raw {
		return q.UserByName(ctx, raw)
	}
	return u, err
}

// CodeUsernameTaken is the code of a username that is, or looks like, one
// already stored.
const CodeUsernameTaken = "username_taken"

// CheckUsernameFree refuses (derrors.Conflict, username_taken) a
// normalised name that an existing user's name is, once normalised (users
// stored before names were normalised: "Ana" takes "ana"), or that looks
// the same letter for letter (a whole-Cyrillic "сага" poses as "caga").
func CheckUsernameFree(ctx context.Context, q *store.Queries, name string) error {
	users, err := q.ListUsers(ctx)
	if err != nil {
		return err
	}
	sk := skeleton(name)
	for _, u := range users {
		other := LoginName(u.Username)
		if other == name || skeleton(other) == sk {
			return derrors.New(derrors.Conflict, CodeUsernameTaken, "the username %q is taken or looks like %q, which is", name, u.Username)
		}
	}
	return nil
}

// skeleton maps letters that look like Latin ones (after case folding) to
// them, after Unicode's confusables for the Cyrillic and Greek letters most
// used to pose.
func skeleton(s string) string {
	return strings.Map(func(r rune) rune {
		if l, ok := lookalikes[r]; ok {
			return l
		}
		return r
	}, s)
}

var lookalikes = map[rune]rune{
	// Cyrillic
	'а': 'a', 'е': 'e', 'ё': 'ë', 'һ': 'h', 'і': 'i', 'ї': 'ï', 'ј': 'j', 'ӏ': 'l', 'о': 'o', 'р': 'p', 'ԛ': 'q',
	'ѕ': 's', 'с': 'c', 'у': 'y', 'ѵ': 'v', 'ԝ': 'w', 'х': 'x', 'ԁ': 'd',
	// Greek
	'α': 'a', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'υ': 'u', 'χ': 'x',
	// Latin
	'ı': 'i',
}
