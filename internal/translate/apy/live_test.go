package apy

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/segment"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// liveURL is a running APy (apt-get install apertium-apy apertium-eng-spa
// apertium-es-pt; apertium-apy -p 2737 /usr/share/apertium/modes), named by
// PRESSROOM_TEST_APY_URL. Without it the live tests skip.
func liveURL(tb testing.TB) string {
	u := os.Getenv("PRESSROOM_TEST_APY_URL")
	if u == "" {
		tb.Skip("PRESSROOM_TEST_APY_URL not set (e.g. http://127.0.0.1:2737)")
	}
	return u
}

// article returns the longest seed article (or the fixture) as segments.
func article(tb testing.TB) []translate.Segment {
	files, _ := filepath.Glob("/work/shared/seeds/*.txt")
	own, _ := filepath.Glob("../../../testdata/translate/*.txt")
	var best string
	for _, f := range append(files, own...) {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if len(b) > len(best) {
			best = string(b)
		}
	}
	var segs []translate.Segment
	for _, para := range strings.Split(best, "\n\n") {
		for _, p := range segment.Split("en", inline.Escape(strings.Join(strings.Fields(para), " "))) {
			segs = append(segs, translate.Segment{ID: fmt.Sprint(len(segs)), Text: p.Text})
		}
	}
	return segs
}

// TestLiveAPy: against a real APy the joined batch splits back, tags come
// back in place, and the pivot to Brazilian Portuguese works.
func TestLiveAPy(t *testing.T) {
	b, err := New(Config{BaseURL: liveURL(t)})
	if err != nil {
		t.Fatal(err)
	}
	segs := []translate.Segment{
		{ID: "1", Text: "The <1>red</1> house is big."},
		{ID: "2", Text: "Introduction"},
		{ID: "3", Text: "Read the report<2/> &amp; weep."},
	}
	for _, to := range []string{"es", "pt-BR"} {
		got, err := b.Translate(context.Background(), translate.Request{From: "en", To: to, Segments: segs})
		if err != nil {
			t.Fatal(err)
		}
		for i, d := range got {
			if d.Err != nil {
				t.Errorf("%s segment %d: %v", to, i, d.Err)
				continue
			}
			if err := inline.Check(segs[i].Text, d.Text); err != nil {
				t.Errorf("%s segment %d %q: %v", to, i, d.Text, err)
			}
			t.Logf("%s: %s → %s", to, segs[i].Text, d.Text)
		}
	}
	_, err = b.Translate(context.Background(), translate.Request{From: "en", To: "fr", Segments: segs})
	if !translate.IsPermanent(err) {
		t.Errorf("en→fr: err = %v, want unsupported pair", err)
	}
}

// BenchmarkLiveAPy translates the longest seed article en→es through a real
// APy, joined into batches versus one request per segment:
//
//	PRESSROOM_TEST_APY_URL=http://127.0.0.1:2737 go test -run '^$' -bench LiveAPy -benchtime 5x ./internal/translate/apy/
func BenchmarkLiveAPy(b *testing.B) {
	u := liveURL(b)
	segs := article(b)
	words := 0
	for _, s := range segs {
		words += len(strings.Fields(inline.Plain(s.Text)))
	}
	be, err := New(Config{BaseURL: u})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.Run("joined", func(b *testing.B) {
		for b.Loop() {
			ds, err := be.Translate(ctx, translate.Request{From: "en", To: "es", Segments: segs})
			if err != nil {
				b.Fatal(err)
			}
			for _, d := range ds {
				if d.Err != nil {
					b.Fatal(d.Err)
				}
			}
		}
		b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	})
	b.Run("one-by-one", func(b *testing.B) {
		for b.Loop() {
			for _, d := range be.oneByOne(ctx, be.Hops("en", "es"), segs, nil) {
				if d.Err != nil {
					b.Fatal(d.Err)
				}
			}
		}
		b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	})
}
