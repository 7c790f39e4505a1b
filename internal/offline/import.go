package offline

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/pipeline"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/xliff"
)

// Summary is what an import did, unit by unit.
type Summary struct {
	EditionID string `json:"edition_id"`
	// Format is "xliff-2.1", "xliff-1.2" or "omegat" (a 1.2 file from the
	// OmegaT package, whose states carry no meaning).
	Format    string     `json:"format"`
	Units     int        `json:"units"`
	Counts    Counts     `json:"counts"`
	Updated   []Updated  `json:"updated"`
	Conflicts []Conflict `json:"conflicts"`
	Refused   []Refusal  `json:"refused"`
}

// Counts adds the summary up. A unit is counted once: updated (some of
// them also approved), unchanged, in conflict, or refused.
type Counts struct {
	Updated   int `json:"updated"`
	Approved  int `json:"approved"`
	Unchanged int `json:"unchanged"`
	Conflicts int `json:"conflicts"`
	Refused   int `json:"refused"`
}

// Updated is a segment the import changed.
type Updated struct {
	ID      string `json:"id"`
	Number  int    `json:"number"` // 1-based position in the edition
	Target  string `json:"target"`
	Status  string `json:"status"`
	Version int    `json:"version"`
	// ApprovalRefused says why a unit the file marks final was saved but
	// not approved (e.g. QA errors).
	ApprovalRefused *Reason `json:"approval_refused,omitempty"`
}

// Reason is a stable code and a message.
type Reason struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Conflict is a segment changed both in the file and in pressroom since
// the export; nothing was overwritten.
type Conflict struct {
	ID     string `json:"id"`
	Number int    `json:"number"`
	Source string `json:"source"`
	// Mine is the file's text.
	Mine string `json:"mine"`
	// Theirs is the segment as it now is in pressroom.
	Theirs ConflictSide `json:"theirs"`
	// Exported is the version the file was exported at.
	Exported int `json:"exported_version"`
}

// ConflictSide is pressroom's current segment in a conflict.
type ConflictSide struct {
	Target    string    `json:"target"`
	Status    string    `json:"status"`
	Version   int       `json:"version"`
	UpdatedBy string    `json:"updated_by,omitempty"`
	ByName    string    `json:"by_name,omitempty"` // the name of the user who changed it, when a user did
	UpdatedAt time.Time `json:"updated_at"`
}

// Refusal is a unit whose change was not taken, and why.
type Refusal struct {
	ID     string `json:"id"`
	Number int    `json:"number,omitempty"`
	Reason
	Mine string `json:"mine,omitempty"`
}

// Import reads an XLIFF file brought back for an edition and applies it
// through the review operations, as who. Problems with the file as a whole
// are errors and change nothing; problems with a unit are in the summary.
func (s *Service) Import(ctx context.Context, who auth.Principal, editionID string, r io.Reader) (Summary, error) {
	f, err := xliff.Read(r)
	if err != nil {
		return Summary{}, fileError(err)
	}
	ed, err := s.load(ctx, who, editionID)
	if err != nil {
		return Summary{}, err
	}
	if err := matches(f, ed); err != nil {
		return Summary{}, err
	}
	sum := Summary{EditionID: ed.e.ID, Format: "xliff-" + string(f.Version), Units: len(f.Units),
		Updated: []Updated{}, Conflicts: []Conflict{}, Refused: []Refusal{}}
	if f.OmegaT {
		sum.Format = "omegat"
	}
	byID := make(map[string]int, len(ed.segs))
	for i, sg := range ed.segs {
		byID[sg.ID] = i
	}
	for _, fu := range f.Units {
		i, ok := byID[fu.ID]
		if !ok {
			sum.refuse(Refusal{ID: fu.ID, Reason: Reason{"unknown_segment", "the edition has no segment " + fu.ID + " in its current revision"}, Mine: fu.Target})
			continue
		}
		if err := s.apply(ctx, who, f, fu, ed.segs[i], i+1, &sum); err != nil {
			return sum, err
		}
	}
	return sum, s.names(ctx, sum.Conflicts)
}

// names says who changed the segments in conflict.
func (s *Service) names(ctx context.Context, cs []Conflict) error {
	var ids []string
	for _, c := range cs {
		if c.Theirs.UpdatedBy != "" {
			ids = append(ids, c.Theirs.UpdatedBy)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	names, err := s.st.UserNames(ctx, ids)
	if err != nil {
		return err
	}
	for i := range cs {
		cs[i].Theirs.ByName = names[cs[i].Theirs.UpdatedBy]
	}
	return nil
}

// matches refuses a file for another edition, language or revision.
func matches(f *xliff.File, ed *edition) error {
	if f.EditionID != ed.e.ID || (f.ArticleID != "" && f.ArticleID != ed.a.ID) {
		return derrors.New(derrors.Unprocessable, "wrong_edition", "the file is for edition %s, not %s", f.EditionID, ed.e.ID)
	}
	if !strings.EqualFold(f.TargetLang, ed.e.Lang) || !strings.EqualFold(f.SourceLang, ed.a.SourceLang) {
		return derrors.New(derrors.Unprocessable, "wrong_language", "the file translates %s into %q; this edition is %s into %s",
			f.SourceLang, f.TargetLang, ed.a.SourceLang, ed.e.Lang)
	}
	if f.Revision != ed.e.Revision {
		return derrors.New(derrors.Conflict, "wrong_revision", "the file was exported from revision %d of the article, which is now at revision %d; export the edition again (translations of unchanged sentences are kept)",
			f.Revision, ed.e.Revision)
	}
	return nil
}

// apply decides what one unit means and does it.
func (s *Service) apply(ctx context.Context, who auth.Principal, f *xliff.File, fu xliff.FileUnit, cur store.Segment, number int, sum *Summary) error {
	if fu.Err != nil {
		sum.refuse(Refusal{ID: fu.ID, Number: number, Reason: Reason{fu.Err.Code, fu.Err.Message}, Mine: fu.Target})
		return nil
	}
	if !fu.HasTarget {
		sum.Counts.Unchanged++
		return nil
	}
	mine := fu.Target
	theirs := xliff.Canonical(cur.Target, f.Version)
	// changed: the translator changed the text the file was exported with.
	// Without the export's checksum, any difference from pressroom is.
	changed := mine != theirs
	if fu.Checksum != "" {
		changed = xliff.Checksum(mine) != fu.Checksum
	}
	// The file's state says approved. OmegaT never changes states, so its
	// files say nothing; a text changed under a state that was already
	// final when exported is a new text, not an approval.
	approve := !f.OmegaT && fu.Status == xliff.Approved && (fu.Exported != xliff.Approved || !changed)

	switch {
	case cur.Status == store.SegmentPending && !changed:
		sum.Counts.Unchanged++
		return nil
	case mine == theirs && cur.Status != store.SegmentPending:
		if approve && cur.Status != store.SegmentApproved {
			return s.approve(ctx, who, cur, number, sum, false)
		}
		sum.Counts.Unchanged++
		return nil
	case !changed:
		// The translator left the text alone and pressroom's changed
		// since: pressroom's stands, unless the translator approved the
		// text that has since been replaced.
		if approve && fu.Exported != xliff.Approved && fu.Version != cur.Version {
			sum.conflict(cur, fu, number)
			return nil
		}
		sum.Counts.Unchanged++
		return nil
	case fu.Version != cur.Version:
		sum.conflict(cur, fu, number)
		return nil
	}
	seg, err := s.rev.EditSegment(ctx, who, cur.EditionID, cur.ID, pipeline.SegmentEdit{Target: mine, Version: fu.Version})
	if err != nil {
		de := derrors.As(err)
		if de == nil || derrors.KindOf(err) == nil {
			return err
		}
		if de.Code == "version_conflict" {
			if now, ok := de.Detail.(store.Segment); ok {
				cur = now
			}
			sum.conflict(cur, fu, number)
			return nil
		}
		sum.refuse(Refusal{ID: cur.ID, Number: number, Reason: Reason{de.Code, de.Message}, Mine: mine})
		return nil
	}
	if approve {
		return s.approve(ctx, who, seg, number, sum, true)
	}
	sum.Counts.Updated++
	sum.Updated = append(sum.Updated, Updated{ID: seg.ID, Number: number, Target: seg.Target, Status: seg.Status, Version: seg.Version})
	return nil
}

// approve approves a segment at its current version. saved says the
// import has just saved its text, so a refused approval still counts as
// an update.
func (s *Service) approve(ctx context.Context, who auth.Principal, cur store.Segment, number int, sum *Summary, saved bool) error {
	seg, err := s.rev.ApproveSegment(ctx, who, cur.EditionID, cur.ID, pipeline.SegmentApproval{Version: cur.Version})
	if err == nil {
		sum.Counts.Updated++
		sum.Counts.Approved++
		sum.Updated = append(sum.Updated, Updated{ID: seg.ID, Number: number, Target: seg.Target, Status: seg.Status, Version: seg.Version})
		return nil
	}
	de := derrors.As(err)
	if de == nil || derrors.KindOf(err) == nil {
		return err
	}
	code, msg := de.Code, de.Message
	if !saved {
		sum.refuse(Refusal{ID: cur.ID, Number: number, Reason: Reason{code, "not approved: " + msg}, Mine: cur.Target})
		return nil
	}
	sum.Counts.Updated++
	sum.Updated = append(sum.Updated, Updated{ID: cur.ID, Number: number, Target: cur.Target, Status: cur.Status, Version: cur.Version,
		ApprovalRefused: &Reason{code, msg}})
	return nil
}

func (sum *Summary) refuse(r Refusal) {
	sum.Counts.Refused++
	sum.Refused = append(sum.Refused, r)
}

func (sum *Summary) conflict(cur store.Segment, fu xliff.FileUnit, number int) {
	sum.Counts.Conflicts++
	sum.Conflicts = append(sum.Conflicts, Conflict{ID: cur.ID, Number: number, Source: cur.Source, Mine: fu.Target, Exported: fu.Version,
		Theirs: ConflictSide{Target: cur.Target, Status: cur.Status, Version: cur.Version, UpdatedBy: cur.UpdatedBy, UpdatedAt: cur.UpdatedAt}})
}
