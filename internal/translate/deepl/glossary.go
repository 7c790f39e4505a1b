package deepl

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/pressroom-dev/pressroom/internal/translate"
	"github.com/pressroom-dev/pressroom/internal/translate/httpmt"
)

// DeepL glossaries (API v2: POST/GET/DELETE /v2/glossaries). With
// Config.Glossaries on, the preferred translations of a request's glossary
// become a DeepL glossary used by the translate call, and DeepL inflects
// them itself ("DeepL flexes entries for case, gender and number"), which
// forcing the words cannot. A glossary is immutable and named by a hash of
// its pair and entries, so the same terms reuse it — across processes too,
// found by name — and a process keeps at most Config.MaxGlossaries, deleting
// the least recently used one beyond that (an account may hold 1,000).

// glossaryNamePrefix starts the names of the glossaries pressroom makes.
const glossaryNamePrefix = "pressroom-"

// glossaries is a process's cache of glossary ids by name, least recently
// used first.
type glossaries struct {
	mu    sync.Mutex
	names []string
	ids   map[string]string
}

type glossaryInfo struct {
	GlossaryID string `json:"glossary_id"`
	Name       string `json:"name"`
	Ready      bool   `json:"ready"`
	SourceLang string `json:"source_lang"`
	TargetLang string `json:"target_lang"`
}

// AppliesGlossary implements translate.GlossaryApplier: with Glossaries
// on, preferred translations are sent as a DeepL glossary.
func (b *Backend) AppliesGlossary() bool { return b.cfg.Glossaries && b.cfg.GlossaryID == "" }

// glossaryEntries is the TSV of a request's preferred translations, sorted
// (so the same terms give the same glossary), one per source term; terms
// DeepL cannot take (tabs, line breaks) are left out.
func glossaryEntries(terms []translate.Term) string {
	seen := map[string]bool{}
	var lines []string
	for _, t := range terms {
		if t.DoNotTranslate || t.Source == "" || t.Target == "" || seen[t.Source] ||
			strings.ContainsAny(t.Source+t.Target, "\t\r\n") {
			continue
		}
		seen[t.Source] = true
		lines = append(lines, t.Source+"\t"+t.Target)
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// glossaryFor returns the id of a ready glossary with the request's
// preferred translations, creating it if need be; "" when there are none or
// the new glossary is not ready yet (the next batch will use it).
func (b *Backend) glossaryFor(ctx context.Context, from, to string, terms []translate.Term) (string, error) {
	entries := glossaryEntries(terms)
	if entries == "" {
		return "", nil
	}
	src, tgt := strings.ToLower(baseLang(from)), strings.ToLower(baseLang(to))
	sum := sha256.Sum256([]byte(src + ">" + tgt + "\n" + entries))
	name := glossaryNamePrefix + hex.EncodeToString(sum[:10])
	if id := b.gl.get(name); id != "" {
		return id, nil
	}
	info, err := b.findGlossary(ctx, name, src, tgt)
	if err != nil {
		return "", err
	}
	if info.GlossaryID == "" {
		if info, err = b.createGlossary(ctx, name, src, tgt, entries); err != nil {
			return "", err
		}
	}
	if !info.Ready {
		return "", nil
	}
	if old := b.gl.put(name, info.GlossaryID, b.cfg.MaxGlossaries); old != "" {
		_ = b.deleteGlossary(ctx, old) // best effort: it only costs a slot
	}
	return info.GlossaryID, nil
}

func (g *glossaries) get(name string) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	id := g.ids[name]
	if id != "" {
		i := slices.Index(g.names, name)
		g.names = append(append(g.names[:i:i], g.names[i+1:]...), name)
	}
	return id
}

// forget drops a glossary id from the cache.
func (g *glossaries) forget(id string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for name, gid := range g.ids {
		if gid == id {
			delete(g.ids, name)
			g.names = slices.DeleteFunc(g.names, func(n string) bool { return n == name })
		}
	}
}

// put records a glossary and returns the id of one to delete, if the cache
// is over max.
func (g *glossaries) put(name, id string, max int) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ids == nil {
		g.ids = map[string]string{}
	}
	if _, ok := g.ids[name]; !ok {
		g.names = append(g.names, name)
	}
	g.ids[name] = id
	if len(g.names) <= max {
		return ""
	}
	old := g.names[0]
	g.names = g.names[1:]
	oldID := g.ids[old]
	delete(g.ids, old)
	return oldID
}

func (b *Backend) glossaryRequest(ctx context.Context, method, path string, body any) ([]byte, error) {
	var rd *bytes.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(raw)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, err := http.NewRequestWithContext(ctx, method, b.base+path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "DeepL-Auth-Key "+b.cfg.Key)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return httpmt.Do(ctx, b.cfg.Client, req, b.cfg.Now)
}

// findGlossary looks for a glossary of this name and pair made earlier
// (by this or another process).
func (b *Backend) findGlossary(ctx context.Context, name, src, tgt string) (glossaryInfo, error) {
	raw, err := b.glossaryRequest(ctx, http.MethodGet, "/v2/glossaries", nil)
	if err != nil {
		return glossaryInfo{}, fmt.Errorf("deepl: list glossaries: %w", err)
	}
	var list struct {
		Glossaries []glossaryInfo `json:"glossaries"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return glossaryInfo{}, fmt.Errorf("deepl: list glossaries: malformed response: %w", err)
	}
	for _, g := range list.Glossaries {
		if g.Name == name && strings.EqualFold(g.SourceLang, src) && strings.EqualFold(g.TargetLang, tgt) {
			return g, nil
		}
	}
	return glossaryInfo{}, nil
}

func (b *Backend) createGlossary(ctx context.Context, name, src, tgt, entries string) (glossaryInfo, error) {
	raw, err := b.glossaryRequest(ctx, http.MethodPost, "/v2/glossaries", map[string]string{
		"name": name, "source_lang": src, "target_lang": tgt, "entries": entries, "entries_format": "tsv"})
	if err != nil {
		return glossaryInfo{}, fmt.Errorf("deepl: create glossary: %w", err)
	}
	var info glossaryInfo
	if err := json.Unmarshal(raw, &info); err != nil || info.GlossaryID == "" {
		return glossaryInfo{}, fmt.Errorf("deepl: create glossary: malformed response %.200q", raw)
	}
	return info, nil
}

func (b *Backend) deleteGlossary(ctx context.Context, id string) error {
	_, err := b.glossaryRequest(ctx, http.MethodDelete, "/v2/glossaries/"+id, nil)
	return err
}
