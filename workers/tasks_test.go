package workers

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// TestDecode: every payload the client enqueues decodes back to itself, and
// a payload that cannot be right is Invalid, so the task ends instead of
// being retried ten times.
func TestDecode(t *testing.T) {
	type result struct {
		Value any
		Code  string
	}
	run := func(f func([]byte) (any, error), raw string) result {
		v, err := f([]byte(raw))
		if err != nil {
			return result{Code: derrors.Code(err)}
		}
		return result{Value: v}
	}
	segment := func(b []byte) (any, error) { return decode[SegmentPayload](b) }
	translateP := func(b []byte) (any, error) { return decode[TranslatePayload](b) }
	batch := func(b []byte) (any, error) { return decode[BatchPayload](b) }
	publish := func(b []byte) (any, error) { return decode[PublishPayload](b) }
	deliver := func(b []byte) (any, error) { return decode[DeliverPayload](b) }
	bad := result{Code: "invalid_payload"}
	for _, tc := range []struct {
		name string
		f    func([]byte) (any, error)
		raw  string
		want result
	}{
		{"segment", segment, `{"article_id":"art_1","revision":2}`, result{Value: SegmentPayload{"art_1", 2}}},
		{"translate", translateP, `{"edition_id":"edn_1","revision":3}`, result{Value: TranslatePayload{"edn_1", 3}}},
		{"batch", batch, `{"edition_id":"edn_1","revision":1,"segment_ids":["seg_1","seg_2"]}`,
			result{Value: BatchPayload{"edn_1", 1, []string{"seg_1", "seg_2"}}}},
		{"publish", publish, `{"edition_id":"edn_1"}`, result{Value: PublishPayload{"edn_1"}}},
		{"deliver", deliver, `{"delivery_id":"dlv_1"}`, result{Value: DeliverPayload{"dlv_1"}}},
		{"a field added later is ignored", deliver, `{"delivery_id":"dlv_1","priority":3}`, result{Value: DeliverPayload{"dlv_1"}}},
		{"not JSON", segment, `art_1:2`, bad},
		{"empty", translateP, ``, bad},
		{"null", publish, `null`, bad},
		{"wrong type", segment, `{"article_id":"art_1","revision":"2"}`, bad},
		{"array", deliver, `["dlv_1"]`, bad},
		{"no id", segment, `{"revision":1}`, bad},
		{"empty id", deliver, `{"delivery_id":""}`, bad},
		{"batch of nothing", batch, `{"edition_id":"edn_1","revision":1,"segment_ids":[]}`, bad},
		{"payload of another type", publish, `{"delivery_id":"dlv_1"}`, bad},
	} {
		if d := cmp.Diff(tc.want, run(tc.f, tc.raw)); d != "" {
			t.Errorf("%s: decode(%s) (-want +got):\n%s", tc.name, tc.raw, d)
		}
	}
}

// TestPayloadsRoundTrip: what the client marshals is what the handlers read.
func TestPayloadsRoundTrip(t *testing.T) {
	for _, p := range []payload{SegmentPayload{"art_1", 1}, TranslatePayload{"edn_1", 2}, BatchPayload{"edn_1", 2, []string{"seg_1"}},
		PublishPayload{"edn_1"}, DeliverPayload{"dlv_1"}} {
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var got any
		switch p.(type) {
		case SegmentPayload:
			got, err = decode[SegmentPayload](b)
		case TranslatePayload:
			got, err = decode[TranslatePayload](b)
		case BatchPayload:
			got, err = decode[BatchPayload](b)
		case PublishPayload:
			got, err = decode[PublishPayload](b)
		case DeliverPayload:
			got, err = decode[DeliverPayload](b)
		}
		if err != nil {
			t.Errorf("%T: %v", p, err)
		}
		if d := cmp.Diff(any(p), got); d != "" {
			t.Errorf("%T round trip (-want +got):\n%s", p, d)
		}
	}
}

func TestPermanent(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{derrors.New(derrors.NotFound, "edition_not_found", "gone"), true},
		{fmt.Errorf("segment: %w", derrors.Invalid), true},
		{derrors.New(derrors.Unprocessable, "invalid_body", "x"), true},
		{fmt.Errorf("apertium: %w", translate.ErrPermanent), true},
		{derrors.New(derrors.Conflict, "edition_changed", "changed while publishing"), false},
		{derrors.Unavailable, false},
		{errors.New("connection reset"), false},
	} {
		if got := permanent(tc.err); got != tc.want {
			t.Errorf("permanent(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}
