package queue

import (
	"fmt"
	"strings"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// Conn is a parsed Redis connection for Asynq and for pressroom's own use
// (claims, pub/sub, shared rate limits).
type Conn struct {
	Opt asynq.RedisConnOpt
	URL string
}

// Parse parses a redis://, rediss:// or redis-sentinel:// URL.
func Parse(url string) (Conn, error) {
	opt, err := asynq.ParseRedisURI(url)
	if err != nil {
		return Conn{}, fmt.Errorf("--redis-url %q: %w (want redis://host:6379/0, rediss://… or redis-sentinel://host:26379?master=name)", redactURL(url), err)
	}
	return Conn{Opt: opt, URL: url}, nil
}

// Client returns a go-redis client on the same connection settings.
func (c Conn) Client() redis.UniversalClient {
	return c.Opt.MakeRedisClient().(redis.UniversalClient)
}

func redactURL(u string) string {
	if i := strings.Index(u, "@"); i > 0 {
		if j := strings.Index(u, "://"); j > 0 && j < i {
			return u[:j+3] + "…" + u[i:]
		}
	}
	return u
}
