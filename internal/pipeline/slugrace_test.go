package pipeline_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/pipeline"
)

// TestConcurrentIngestSameTitle ingests articles with the same title at
// once: each picks a free slug when it starts, and the ones that lose the
// race for it must pick again, not answer slug_taken (the chaos test met
// 409s from four clients ingesting copies of the seeds).
func TestConcurrentIngestSameTitle(t *testing.T) {
	for name, open := range stores() {
		t.Run(name, func(t *testing.T) {
			p := newPipeline(open(t), &counter{}, pipeline.Config{})
			const n = 12
			slugs := make([]string, n)
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					a, err := p.Ingest(context.Background(), reviewer.ID, pipeline.ArticleInput{Format: "markdown",
						Body: fmt.Sprintf("# Port strike\n\nDock workers voted, dispatch %d.\n", i)})
					slugs[i], errs[i] = a.Slug, err
				}()
			}
			wg.Wait()
			seen := map[string]bool{}
			for i, err := range errs {
				if err != nil {
					t.Errorf("ingest %d: %v", i, err)
					continue
				}
				if seen[slugs[i]] {
					t.Errorf("slug %q given twice", slugs[i])
				}
				seen[slugs[i]] = true
			}
		})
	}
}
