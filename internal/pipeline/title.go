package pipeline

import (
	"strings"

	"github.com/pressroom-dev/pressroom/internal/inline"
)

func plainTitle(tagged string) string {
	return strings.Join(strings.Fields(inline.Plain(tagged)), " ")
}
