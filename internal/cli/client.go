package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// apiClient calls a running pressroom's HTTP API with a bearer token.
type apiClient struct {
	server, token string
	http          *http.Client
}

func newAPIClient(server, token string) *apiClient {
	return &apiClient{server: strings.TrimRight(server, "/"), token: token, http: &http.Client{Timeout: 60 * time.Second}}
}

// do sends a request with an optional JSON body and decodes a JSON answer
// into out when the status is want. An answer of 4xx is a usage error (the
// request, its token or the id it names was refused), anything else that
// fails is a failure.
func (c *apiClient) do(ctx context.Context, method, path string, body any, want int, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	r, err := http.NewRequestWithContext(ctx, method, c.server+path, rd)
	if err != nil {
		return usagef("--server %q: %w", c.server, err)
	}
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	r.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(r)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		err := fmt.Errorf("server answered %s", resp.Status)
		if json.Unmarshal(raw, &e) == nil && e.Error.Code != "" {
			err = fmt.Errorf("%s (%s, HTTP %d)", e.Error.Message, e.Error.Code, resp.StatusCode)
		}
		if resp.StatusCode >= 400 && resp.StatusCode < 500 {
			return usageError{err}
		}
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%s %s: reading the answer: %w", method, path, err)
	}
	return nil
}
