// Package sources polls the RSS and Atom feeds of English originals that
// editors registered and ingests their new items: conditional GET (ETag,
// Last-Modified), one poll per source and slot however many schedulers run
// (the poll is claimed in the database), items deduplicated by GUID, link
// and content hash, the full text from content:encoded or else the linked
// page's main article (go-readability). Fetches go only where the webhook
// address guard allows. A failing feed is retried with exponential backoff
// and its error is kept for the dashboard.
package sources

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/go-shiori/go-readability"
	"github.com/mmcdole/gofeed"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/textcheck"
)

// Guard is the address guard webhooks use (webhook.Guard).
type Guard interface {
	CheckURL(ctx context.Context, raw string) error
	Allowed(ip netip.Addr) bool
}

// Ingester stores a new article (pipeline.Pipeline).
type Ingester interface {
	Ingest(ctx context.Context, by string, in pipeline.ArticleInput) (store.Article, error)
}

// Limits.
const (
	maxFeedBytes = 8 << 20
	maxPageBytes = 4 << 20
	maxBackoff   = 6 * time.Hour
	// MinInterval is the shortest polling interval a source may ask for.
	MinInterval = 60
	dueBatch    = 50
)

// Poller polls sources.
type Poller struct {
	st     *store.Store
	ingest Ingester
	guard  Guard
	client *http.Client
	log    *slog.Logger
	now    func() time.Time
}

// New returns a poller whose HTTP client dials only addresses the guard
// allows (checked on the address actually dialled, after DNS).
func New(st *store.Store, ing Ingester, guard Guard, timeout time.Duration, log *slog.Logger) *Poller {
	dialer := &net.Dialer{Timeout: 5 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !guard.Allowed(ap.Addr()) {
			return fmt.Errorf("source address %s is not allowed", address)
		}
		return nil
	}}
	tr := &http.Transport{Proxy: nil, DialContext: dialer.DialContext, TLSHandshakeTimeout: 5 * time.Second, ResponseHeaderTimeout: timeout}
	return &Poller{st: st, ingest: ing, guard: guard, log: log, now: time.Now,
		client: &http.Client{Transport: tr, Timeout: timeout}}
}

// Register validates and stores a new source.
func (p *Poller) Register(ctx context.Context, by, rawURL string, interval int, targets []string) (store.Source, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return store.Source{}, derrors.New(derrors.Unprocessable, "invalid_url", "url must be an absolute http(s) URL")
	}
	if err := p.guard.CheckURL(ctx, rawURL); err != nil {
		return store.Source{}, derrors.New(derrors.Unprocessable, "forbidden_url", "%v", err)
	}
	if interval == 0 {
		interval = 15 * 60
	}
	if interval < MinInterval {
		return store.Source{}, derrors.New(derrors.Unprocessable, "invalid_interval", "interval_seconds must be at least %d", MinInterval)
	}
	s := store.Source{ID: store.NewID("src"), URL: rawURL, Interval: interval, Targets: targets, CreatedBy: by}
	if err := p.st.CreateSource(ctx, &s); errors.Is(err, store.ErrConflict) {
		return s, derrors.New(derrors.Conflict, "source_exists", "%s is already a source", rawURL)
	} else if err != nil {
		return s, err
	}
	return s, nil
}

// PollDue polls every source that is due, each at most once: a poll is
// claimed in the database, so concurrent callers share the work.
func (p *Poller) PollDue(ctx context.Context) error {
	due, err := p.st.DueSources(ctx, p.now().UTC(), dueBatch)
	if err != nil {
		return err
	}
	for _, s := range due {
		// Claim the slot for the time a poll may take; the outcome sets
		// the real next time.
		won, err := p.st.ClaimSourcePoll(ctx, s.ID, s.NextPollAt, p.now().UTC().Add(5*time.Minute))
		if err != nil {
			return err
		}
		if won {
			p.poll(ctx, s)
		}
	}
	return nil
}

// Poll polls one source now (for tests and a "poll now" button).
func (p *Poller) Poll(ctx context.Context, id string) (store.Source, error) {
	s, err := p.st.GetSource(ctx, id)
	if err != nil {
		return s, err
	}
	p.poll(ctx, s)
	return p.st.GetSource(ctx, id)
}

func (p *Poller) poll(ctx context.Context, s store.Source) {
	etag, lastMod, n, err := p.fetch(ctx, s)
	next := p.now().UTC().Add(time.Duration(s.Interval) * time.Second)
	failures, msg := 0, ""
	if err != nil {
		failures, msg = s.Failures+1, err.Error()
		next = p.now().UTC().Add(backoff(s.Interval, failures))
		etag, lastMod = s.ETag, s.LastModified
		p.log.Warn("source poll failed", "source", s.ID, "url", s.URL, "failures", failures, "err", err)
	}
	if err := p.st.SourcePolled(ctx, s.ID, etag, lastMod, next, failures, msg, n); err != nil {
		p.log.Error("record source poll", "source", s.ID, "err", err)
	}
}

// backoff is the wait after the n-th consecutive failure: the interval
// doubled per failure, at most maxBackoff.
func backoff(interval, n int) time.Duration {
	d := time.Duration(interval) * time.Second
	for i := 1; i < n && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

// fetch does one conditional GET of the feed and ingests its new items,
// returning the validators to keep and how many items it ingested.
func (p *Poller) fetch(ctx context.Context, s store.Source) (etag, lastMod string, n int, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL, nil)
	if err != nil {
		return "", "", 0, err
	}
	if s.ETag != "" {
		req.Header.Set("If-None-Match", s.ETag)
	}
	if s.LastModified != "" {
		req.Header.Set("If-Modified-Since", s.LastModified)
	}
	req.Header.Set("Accept", "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5")
	resp, err := p.client.Do(req)
	if err != nil {
		return "", "", 0, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return s.ETag, s.LastModified, 0, nil
	case resp.StatusCode != http.StatusOK:
		return "", "", 0, fmt.Errorf("feed answered %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxFeedBytes+1))
	if err != nil {
		return "", "", 0, err
	}
	if len(body) > maxFeedBytes {
		return "", "", 0, fmt.Errorf("feed is over %d bytes", maxFeedBytes)
	}
	feed, err := gofeed.NewParser().ParseString(string(body))
	if err != nil {
		return "", "", 0, fmt.Errorf("feed does not parse: %w", err)
	}
	items := slices.Clone(feed.Items)
	slices.Reverse(items) // feeds list newest first; ingest oldest first
	for _, it := range items {
		ok, err := p.item(ctx, s, it)
		if err != nil {
			return "", "", n, err
		}
		if ok {
			n++
		}
	}
	return resp.Header.Get("ETag"), resp.Header.Get("Last-Modified"), n, nil
}

// item ingests one feed item unless the source delivered it before.
func (p *Poller) item(ctx context.Context, s store.Source, it *gofeed.Item) (bool, error) {
	content, err := p.content(ctx, it)
	if err != nil {
		return false, fmt.Errorf("item %q: %w", it.Link, err)
	}
	keys := itemKeys(it, content)
	seen, err := p.st.SourceItemSeen(ctx, s.ID, keys)
	if err != nil || seen {
		return false, err
	}
	in := pipeline.ArticleInput{Title: strings.TrimSpace(textcheck.Clean(it.Title)), Body: content, Format: "html", Targets: s.Targets}
	if u, err := url.Parse(it.Link); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		in.CanonicalURL = it.Link
	}
	if it.PublishedParsed != nil {
		in.PublishedAt = it.PublishedParsed.UTC().Format(time.RFC3339)
	}
	a, err := p.ingest.Ingest(ctx, "source:"+s.ID, in)
	if derrors.Code(err) == "duplicate_article" {
		err = nil // the same text came another way: remember the item, ingest nothing
	} else if err != nil && derrors.As(err) != nil {
		p.log.Warn("source item refused", "source", s.ID, "link", it.Link, "err", err)
		err = nil // bad content is the item's problem; do not block the feed
	}
	if err != nil {
		return false, err
	}
	return a.ID != "", p.st.AddSourceItem(ctx, s.ID, a.ID, keys)
}

// content is an item's full text: content:encoded (or Atom content) when
// the feed carries it, else the main article of the linked page.
func (p *Poller) content(ctx context.Context, it *gofeed.Item) (string, error) {
	if strings.TrimSpace(it.Content) != "" {
		return it.Content, nil
	}
	u, err := url.Parse(it.Link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		if it.Description != "" {
			return it.Description, nil
		}
		return "", fmt.Errorf("no content and no link to fetch it from")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, it.Link, nil)
	if err != nil {
		return "", err
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("article page answered %s", resp.Status)
	}
	art, err := readability.FromReader(io.LimitReader(resp.Body, maxPageBytes), u)
	if err != nil {
		return "", fmt.Errorf("extract the article: %w", err)
	}
	body := art.Content
	if strings.TrimSpace(body) == "" {
		return "", fmt.Errorf("no article found at %s", it.Link)
	}
	if art.Title != "" && strings.TrimSpace(it.Title) == "" {
		body = "<h1>" + htmlEscape(art.Title) + "</h1>" + body
	}
	return body, nil
}

// itemKeys are the identities of an item: its GUID, its link and the hash
// of its content.
func itemKeys(it *gofeed.Item, content string) []string {
	var keys []string
	if it.GUID != "" {
		keys = append(keys, "guid:"+it.GUID)
	}
	if it.Link != "" {
		keys = append(keys, "link:"+it.Link)
	}
	h := sha256.Sum256([]byte(strings.Join(strings.Fields(content), " ")))
	return append(keys, "hash:"+hex.EncodeToString(h[:]))
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func htmlEscape(s string) string { return htmlEscaper.Replace(s) }
