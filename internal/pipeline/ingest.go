package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/document"
	"github.com/pressroom-dev/pressroom/internal/importer"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/segment"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/textcheck"
)

// MaxBodyBytes is the largest article body accepted.
const MaxBodyBytes = 2 << 20

// MaxRequestBytes bounds every request body the doors (API, web UI) read:
// an article body of MaxBodyBytes plus room for JSON escaping and the other
// fields.
const MaxRequestBytes = 2*MaxBodyBytes + 64<<10

// ArticleInput is what a client sends to create or correct an article.
type ArticleInput struct {
	Title      string   `json:"title,omitempty"`
	Body       string   `json:"body"`
	Format     string   `json:"format"`
	SourceLang string   `json:"source_lang,omitempty"`
	Targets    []string `json:"targets,omitempty"`
	Slug       string   `json:"slug,omitempty"`
	// AllowDuplicate creates a new article even when one with identical
	// content exists (otherwise that is a 409 naming the existing one).
	AllowDuplicate bool   `json:"allow_duplicate,omitempty"`
	PublishedAt    string `json:"published_at,omitempty"`
	CanonicalURL   string `json:"canonical_url,omitempty"`
}

// parsed is a validated ArticleInput.
type parsed struct {
	in    ArticleInput
	doc   document.Document
	title string
	// noHeadline: the source had no headline and none was given, so the
	// title is the first sentence.
	noHeadline bool
	source     string
	targets    []string
	date       string
}

// validate checks everything about an input that does not need the
// database, and imports its body.
func (p *Pipeline) validate(in ArticleInput) (parsed, error) {
	out := parsed{in: in}
	if len(in.Body) > MaxBodyBytes {
		return out, derrors.New(derrors.TooLarge, "body_too_large", "body is %d bytes; the limit is %d", len(in.Body), MaxBodyBytes)
	}
	if !utf8.ValidString(in.Body) || !utf8.ValidString(in.Title) {
		return out, derrors.New(derrors.Invalid, "invalid_utf8", "body and title must be valid UTF-8")
	}
	// The body's stray control characters become spaces in the importer
	// (feeds carry them); every other field is refused with them.
	for _, f := range []struct{ name, value string }{{"title", in.Title}, {"slug", in.Slug},
		{"source_lang", in.SourceLang}, {"published_at", in.PublishedAt}, {"canonical_url", in.CanonicalURL}} {
		if err := textcheck.Text(f.name, f.value); err != nil {
			return out, err
		}
	}
	for _, t := range in.Targets {
		if err := textcheck.Line("targets", t); err != nil {
			return out, err
		}
	}
	if n := utf8.RuneCountInString(in.Slug); n > MaxSlugRunes {
		return out, derrors.New(derrors.Unprocessable, "invalid_slug", "slug is %d characters; the limit is %d", n, MaxSlugRunes).
			WithDetail(map[string]any{"max": MaxSlugRunes})
	}
	if n := utf8.RuneCountInString(in.Title); n > MaxTitleRunes {
		return out, derrors.New(derrors.Unprocessable, "title_too_long", "title is %d characters; the limit is %d", n, MaxTitleRunes).
			WithDetail(map[string]any{"max": MaxTitleRunes})
	}
	if strings.TrimSpace(in.Body) == "" {
		return out, derrors.New(derrors.Unprocessable, "empty_body", "body is empty")
	}
	if in.Format == "" {
		in.Format = "text"
	}
	if !slices.Contains(importer.Formats, in.Format) {
		return out, derrors.New(derrors.Unprocessable, "unknown_format", "unknown format %q: want one of %s", in.Format, strings.Join(importer.Formats, ", "))
	}
	doc, err := importer.Parse(in.Format, []byte(in.Body))
	if err != nil {
		if errors.Is(err, importer.ErrInput) {
			return out, derrors.New(derrors.Unprocessable, "invalid_body", "%v", err)
		}
		return out, fmt.Errorf("import body: %w", err)
	}
	out.doc = doc
	out.source = p.cfg.SourceLang
	if in.SourceLang != "" {
		if out.source, err = canonicalLang(in.SourceLang); err != nil {
			return out, err
		}
	}
	targets := in.Targets
	if len(targets) == 0 {
		targets = p.cfg.Targets
	}
	for _, t := range targets {
		c, err := canonicalLang(t)
		if err != nil {
			return out, err
		}
		if c == out.source {
			return out, derrors.New(derrors.Unprocessable, "invalid_targets", "target %q is the source language", t)
		}
		if err := p.supported("target", c); err != nil {
			return out, err
		}
		if !slices.Contains(out.targets, c) {
			out.targets = append(out.targets, c)
		}
	}
	if in.CanonicalURL != "" {
		u, err := url.Parse(in.CanonicalURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return out, derrors.New(derrors.Unprocessable, "invalid_canonical_url", "canonical_url must be an absolute http(s) URL")
		}
	}
	out.date = doc.Date
	if in.PublishedAt != "" {
		if out.date, err = parseDate(in.PublishedAt); err != nil {
			return out, err
		}
	}
	// An explicit title wins over the headline the importer found.
	out.title = strings.Join(strings.Fields(in.Title), " ")
	if out.title == "" {
		out.title = doc.Title
	}
	if out.title != "" {
		// The headline is a level-1 heading block of its own, so that it
		// is translated and reviewed as a segment.
		if !hasHeadline(doc, out.title) {
			out.doc.Blocks = append([]document.Block{{Kind: document.Heading, Level: 1, Text: inline.Escape(out.title)}}, doc.Blocks...)
		}
	} else {
		out.title, out.noHeadline = firstSentence(out.source, doc), true
	}
	if in.Slug != "" && !slugRE.MatchString(in.Slug) {
		return out, derrors.New(derrors.Unprocessable, "invalid_slug", "slug %q must be lowercase letters, digits and single hyphens, at most 120 characters", in.Slug)
	}
	out.in = in
	return out, nil
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func canonicalLang(s string) (string, error) {
	t, err := language.Parse(s)
	if err != nil || t == language.Und {
		return "", derrors.New(derrors.Unprocessable, "invalid_language", "%q is not a language tag (e.g. es, pt-BR)", s)
	}
	return t.String(), nil
}

func parseDate(s string) (string, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC().Format(time.RFC3339), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format(time.DateOnly), nil
	}
	return "", derrors.New(derrors.Unprocessable, "invalid_published_at", "published_at %q must be a date (2026-01-29) or an RFC 3339 time", s)
}

// hasHeadline reports whether doc has a level-1 heading reading title.
func hasHeadline(doc document.Document, title string) bool {
	for _, b := range doc.Blocks {
		if b.Kind == document.Heading && b.Level == 1 && plainTitle(b.Text) == title {
			return true
		}
	}
	return false
}

// firstSentence is the title of an article without a headline: its first
// sentence, whole, by the segmentation rules of its language.
func firstSentence(lang string, doc document.Document) string {
	for _, s := range segment.SplitDocument(lang, doc) {
		if t := plainTitle(s.Tagged); t != "" {
			return t
		}
	}
	return ""
}

// contentHash identifies an ingested content: its format and body.
func contentHash(format, body string) string {
	h := sha256.Sum256([]byte(format + "\x00" + body))
	return hex.EncodeToString(h[:])
}

// Ingest validates and stores a new article and enqueues its segmentation.
// Nothing is stored when the input is bad.
func (p *Pipeline) Ingest(ctx context.Context, by string, in ArticleInput) (store.Article, error) {
	v, err := p.validate(in)
	if err != nil {
		return store.Article{}, err
	}
	docJSON, err := json.Marshal(v.doc)
	if err != nil {
		return store.Article{}, err
	}
	a := store.Article{
		ID: store.NewID("art"), Title: v.title, SourceLang: v.source, Targets: v.targets,
		CanonicalURL: in.CanonicalURL, SourceDate: v.date, Revision: 1, Status: store.ArticleReceived,
		HeadlineMissing: v.noHeadline, Byline: v.doc.Byline, ContentHash: contentHash(v.in.Format, in.Body),
	}
	rev := store.Revision{ArticleID: a.ID, Revision: 1, Format: v.in.Format, Body: in.Body, Doc: string(docJSON), CreatedBy: by}
	// Articles with the same title ingested at the same moment can pick the
	// same free slug; the one that loses the race picks again (a slug the
	// caller asked for is refused instead).
	for try := 1; ; try++ {
		err = p.ingestTx(ctx, in, &a, &rev)
		if in.Slug != "" || try == maxSlugTries || !errors.Is(err, errSlugRace) {
			break
		}
	}
	if errors.Is(err, errSlugRace) {
		err = derrors.New(derrors.Conflict, "slug_taken", "slug %q is already used by another article", a.Slug)
	}
	return a, err
}

// maxSlugTries bounds how often Ingest picks a slug again after losing a
// race for one: each round one contender wins, so it is the number of
// same-title articles ingested at the same instant that always succeed.
const maxSlugTries = 50

// errSlugRace: the slug was free when picked and taken at insertion.
var errSlugRace = errors.New("slug taken by a concurrent ingest")

// ingestTx stores a new article in one transaction.
func (p *Pipeline) ingestTx(ctx context.Context, in ArticleInput, a *store.Article, rev *store.Revision) error {
	return p.inTx(ctx, func(q *store.Queries, af *after) error {
		if !in.AllowDuplicate {
			dup, err := q.ArticleByContent(ctx, a.ContentHash)
			if err == nil {
				return derrors.New(derrors.Conflict, "duplicate_article",
					"article %s has identical content; send allow_duplicate to create another", dup.ID).
					WithDetail(map[string]any{"article_id": dup.ID, "slug": dup.Slug})
			} else if !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		var err error
		if a.Slug, err = p.pickSlug(ctx, q, in.Slug, a.Title); err != nil {
			return err
		}
		if err := q.CreateArticle(ctx, a, rev); err != nil {
			if errors.Is(err, store.ErrConflict) {
				return fmt.Errorf("slug %q: %w", a.Slug, errSlugRace)
			}
			return err
		}
		af.segment = append(af.segment, articleRev{a.ID, 1})
		return af.event(ctx, q, store.EventArticleReceived, a.ID, "", articleEvent(*a))
	})
}

// Correct stores a new source revision of an article; editions are
// re-segmented, keeping translations of unchanged sentences.
func (p *Pipeline) Correct(ctx context.Context, by, id string, in ArticleInput) (store.Article, error) {
	a, err := p.store.GetArticle(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return a, derrors.New(derrors.NotFound, "article_not_found", "no article %q", id)
	} else if err != nil {
		return a, err
	}
	if in.SourceLang == "" {
		in.SourceLang = a.SourceLang
	}
	if len(in.Targets) == 0 {
		in.Targets = a.Targets
	}
	v, err := p.validate(in)
	if err != nil {
		return a, err
	}
	if in.Slug != "" && in.Slug != a.Slug {
		return a, derrors.New(derrors.Unprocessable, "slug_immutable", "an article's slug cannot change (it is %q)", a.Slug)
	}
	docJSON, err := json.Marshal(v.doc)
	if err != nil {
		return a, err
	}
	err = p.inTx(ctx, func(q *store.Queries, af *after) error {
		cur, err := q.GetArticle(ctx, id)
		if err != nil {
			return err
		}
		rev := store.Revision{ArticleID: id, Revision: cur.Revision + 1, Format: v.in.Format, Body: in.Body, Doc: string(docJSON), CreatedBy: by}
		if err := q.AddRevision(ctx, &rev, v.title, v.noHeadline, v.doc.Byline, contentHash(v.in.Format, in.Body)); err != nil {
			return derrors.New(derrors.Conflict, "revision_conflict", "the article changed while this correction was stored; retry")
		}
		if a, err = q.GetArticle(ctx, id); err != nil {
			return err
		}
		af.segment = append(af.segment, articleRev{id, rev.Revision})
		return af.event(ctx, q, store.EventArticleReceived, id, "", articleEvent(a))
	})
	return a, err
}

// pickSlug returns the requested slug, or one made from the title that no
// article uses yet.
func (p *Pipeline) pickSlug(ctx context.Context, q *store.Queries, want, title string) (string, error) {
	if want != "" {
		return want, nil
	}
	base := Slugify(title)
	for i := 1; ; i++ {
		s := base
		if i > 1 {
			s = fmt.Sprintf("%s-%d", base, i)
		}
		taken, err := q.SlugTaken(ctx, s)
		if err != nil || !taken {
			return s, err
		}
	}
}

func articleEvent(a store.Article) map[string]any {
	return map[string]any{"article_id": a.ID, "slug": a.Slug, "revision": a.Revision, "title": a.Title,
		"source_lang": a.SourceLang, "targets": a.Targets}
}
