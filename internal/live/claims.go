package live

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Soft claims: an open editor takes a Redis lease (SET NX PX) that says who
// is working on the edition; the page renews it every ClaimRenew, and it
// lapses ClaimLease after the page closes or the browser goes away. A claim
// only informs ("being edited by …"); it does not lock anyone out, since
// saves are protected by segment versions.
const (
	ClaimLease = 60 * time.Second
	ClaimRenew = 20 * time.Second
)

// Holder is who holds a claim.
type Holder struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func claimKey(editionID string) string { return "pressroom:claim:" + editionID }

// TakeClaim takes the claim for me, or renews mine, and returns the holder after
// the call and whether it changed hands (so others can be told).
func (c *Hub) TakeClaim(ctx context.Context, editionID string, me Holder) (Holder, bool, error) {
	key := claimKey(editionID)
	val, err := json.Marshal(me)
	if err != nil {
		return Holder{}, false, err
	}
	for range 3 {
		ok, err := c.rdb.SetNX(ctx, key, val, ClaimLease).Result()
		if err != nil {
			return Holder{}, false, fmt.Errorf("take claim: %w", err)
		}
		if ok {
			return me, true, nil
		}
		cur, err := c.rdb.Get(ctx, key).Result()
		if errors.Is(err, redis.Nil) {
			continue // it lapsed in between; try again
		}
		if err != nil {
			return Holder{}, false, fmt.Errorf("read claim: %w", err)
		}
		var h Holder
		if json.Unmarshal([]byte(cur), &h) != nil {
			return Holder{}, false, fmt.Errorf("claim %s holds %q", key, cur)
		}
		if h.ID != me.ID {
			return h, false, nil
		}
		// Mine: renew. A lease that lapsed between GET and PEXPIRE is taken
		// again on the next loop.
		renewed, err := c.rdb.PExpire(ctx, key, ClaimLease).Result()
		if err != nil {
			return Holder{}, false, fmt.Errorf("renew claim: %w", err)
		}
		if renewed {
			return me, false, nil
		}
	}
	return Holder{}, false, fmt.Errorf("claim %s changed hands three times in a row", key)
}

// releaseScript deletes a claim only if it is still mine.
var releaseScript = redis.NewScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`)

// ReleaseClaim gives up my claim; it reports whether there was one to give up.
func (c *Hub) ReleaseClaim(ctx context.Context, editionID string, me Holder) (bool, error) {
	val, err := json.Marshal(me)
	if err != nil {
		return false, err
	}
	n, err := releaseScript.Run(ctx, c.rdb, []string{claimKey(editionID)}, string(val)).Int()
	if err != nil {
		return false, fmt.Errorf("release claim: %w", err)
	}
	return n == 1, nil
}

// ClaimHolders returns the holders of the editions' claims (absent: nobody), in
// one round trip, for the queue.
func (c *Hub) ClaimHolders(ctx context.Context, editionIDs []string) (map[string]Holder, error) {
	out := map[string]Holder{}
	if len(editionIDs) == 0 {
		return out, nil
	}
	keys := make([]string, len(editionIDs))
	for i, id := range editionIDs {
		keys[i] = claimKey(id)
	}
	vals, err := c.rdb.MGet(ctx, keys...).Result()
	if err != nil {
		return nil, fmt.Errorf("read claims: %w", err)
	}
	for i, v := range vals {
		str, ok := v.(string)
		if !ok {
			continue
		}
		var h Holder
		if json.Unmarshal([]byte(str), &h) == nil {
			out[editionIDs[i]] = h
		}
	}
	return out, nil
}
