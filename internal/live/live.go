// Package live tells the people who have an edition open what others do to
// it while they work, and who else is working on it:
//
//   - Live updates: a change is PUBLISHed on the edition's Redis channel;
//     every process subscribes (once, through its Hub) to the channels of
//     the editions its browsers have open and fans each message out to their
//     event streams. Redis carries the messages between processes, so a save
//     on one server reaches an editor connected to another.
//   - Soft claims (claims.go): a Redis lease per edition naming who has it
//     open.
//
// The app builds one Hub and hands it to the workflow (which publishes
// after each change it commits) and to the web UI (which streams events to
// browsers and shows claims). live must not import the workflow or the web
// UI.
package live

import (
	"time"

	"github.com/pressroom-dev/pressroom/internal/store"
)

// Event types, as the editor's script tells them apart.
const (
	EventSegment = "segment" // a segment was edited or approved
	EventClaim   = "claim"   // the edition's claim changed hands or was released
	EventComment = "comment" // a comment was added to a segment
)

// Event is one message on an edition's channel.
type Event struct {
	Type      string   `json:"type"`
	Segment   *Segment `json:"segment,omitempty"`
	Holder    string   `json:"holder,omitempty"`     // claim: display name, "" when released
	HolderID  string   `json:"holder_id,omitempty"`  // claim: user id
	SegmentID string   `json:"segment_id,omitempty"` // comment
	Comments  int      `json:"comments,omitempty"`   // comment: how many the segment now has
}

// Segment is a segment as the editor's script sees it (in live updates, in
// the resync after a reconnect, in answers to saves and in conflicts).
type Segment struct {
	ID        string    `json:"id"`
	Target    string    `json:"target"`
	Status    string    `json:"status"`
	Origin    string    `json:"origin"`
	Engine    string    `json:"engine,omitempty"`
	Version   int       `json:"version"`
	UpdatedBy string    `json:"updated_by,omitempty"`
	ByName    string    `json:"by_name,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
}

// SegmentOf is s as the script sees it; byName is the display name of
// s.UpdatedBy.
func SegmentOf(s store.Segment, byName string) Segment {
	return Segment{ID: s.ID, Target: s.Target, Status: s.Status, Origin: s.Origin, Engine: s.Engine, Version: s.Version,
		UpdatedBy: s.UpdatedBy, ByName: byName, UpdatedAt: s.UpdatedAt}
}

func editionChannel(editionID string) string { return "pressroom:edition:" + editionID }
