package xliff_test

import (
	"bytes"
	"testing"

	"github.com/pressroom-dev/pressroom/internal/xliff"
)

func BenchmarkParse(b *testing.B) {
	var buf bytes.Buffer
	if err := xliff.Write(&buf, sample(), xliff.V21); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if _, err := xliff.Parse(buf.Bytes()); err != nil {
			b.Fatal(err)
		}
	}
}
