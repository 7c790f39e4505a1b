package queue

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
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
//
// A redis-sentinel:// URL names the sentinels and the master
// ("redis-sentinel://[:sentinel-password@]h1:26379,h2:26379?master=name");
// Asynq reads nothing else from it, so the master's own password and
// database number may be given as the query parameters password and db.
func Parse(raw string) (Conn, error) {
	opt, err := asynq.ParseRedisURI(raw)
	if err != nil {
		return Conn{}, fmt.Errorf("--redis-url %q: %w (want redis://host:6379/0, rediss://… or redis-sentinel://host:26379?master=name)", redactURL(raw), err)
	}
	if fo, ok := opt.(asynq.RedisFailoverClientOpt); ok {
		if opt, err = sentinelExtras(fo, raw); err != nil {
			return Conn{}, fmt.Errorf("--redis-url %q: %w", redactURL(raw), err)
		}
	}
	return Conn{Opt: opt, URL: raw}, nil
}

func sentinelExtras(fo asynq.RedisFailoverClientOpt, raw string) (asynq.RedisConnOpt, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	if fo.MasterName == "" {
		return nil, errors.New("a redis-sentinel:// URL needs ?master=NAME, the master's name in the sentinels' configuration")
	}
	fo.Password = q.Get("password")
	if db := q.Get("db"); db != "" {
		if fo.DB, err = strconv.Atoi(db); err != nil || fo.DB < 0 {
			return nil, fmt.Errorf("db=%q: want a database number", db)
		}
	}
	return fo, nil
}

// Client returns a go-redis client on the same connection settings.
func (c Conn) Client() redis.UniversalClient {
	return c.Opt.MakeRedisClient().(redis.UniversalClient)
}

func redactURL(u string) string {
	if i := strings.Index(u, "@"); i > 0 {
		if j := strings.Index(u, "://"); j > 0 && j < i {
			u = u[:j+3] + "…" + u[i:]
		}
	}
	if i := strings.Index(u, "password="); i > 0 {
		end := strings.IndexByte(u[i:], '&')
		if end < 0 {
			end = len(u) - i
		}
		u = u[:i] + "password=…" + u[i+end:]
	}
	return u
}
