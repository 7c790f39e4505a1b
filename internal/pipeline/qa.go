package pipeline

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/pressroom-dev/pressroom/internal/auth"
	"github.com/pressroom-dev/pressroom/internal/derrors"
	"github.com/pressroom-dev/pressroom/internal/inline"
	"github.com/pressroom-dev/pressroom/internal/qa"
	"github.com/pressroom-dev/pressroom/internal/repair"
	"github.com/pressroom-dev/pressroom/internal/store"
	"github.com/pressroom-dev/pressroom/internal/textcheck"
	"github.com/pressroom-dev/pressroom/internal/translate"
)

// Quality checks run on every draft and every human save; their findings
// are stored with the segment. Errors stop an approval unless the
// translator gives a reason (kept in the segment's history), and stop the
// publication of an edition unless an editor gives one (kept in
// qa_overrides and shown on the dashboard).

// QAChecker runs the quality checks; *qa.Checker is one.
type QAChecker interface {
	Check(ctx context.Context, seg qa.Segment) []qa.Finding
}

// MaxReasonRunes bounds an override reason.
const MaxReasonRunes = 1000

// findings checks seg's target against its source and returns what to store.
func (p *Pipeline) findings(ctx context.Context, seg qa.Segment) []store.QAIssue {
	if p.qa == nil {
		return nil
	}
	fs := p.qa.Check(ctx, seg)
	out := make([]store.QAIssue, len(fs))
	for i, f := range fs {
		out[i] = store.QAIssue{Code: f.Code, Severity: string(f.Severity), Args: f.Args, Message: f.Message}
	}
	return out
}

// hasErrors reports whether any finding is an error.
func hasErrors(fs []store.QAIssue) int {
	n := 0
	for _, f := range fs {
		if f.Severity == string(qa.Error) {
			n++
		}
	}
	return n
}

// repaired repairs a machine draft before anyone sees it (package
// repair); drafts from translation memory and copies are a person's text
// or the source, and are left as they are.
func repaired(from, to, source string, d translate.Draft) translate.Draft {
	if d.Backend == translate.TM || d.Backend == "copy" || d.Backend == "" {
		return d
	}
	text, notes := repair.Draft(from, to, source, d.Text)
	d.Text = text
	d.Notes = append(d.Notes, notes...)
	return d
}

// CheckSegment runs the checks on a text a translator is writing, without
// storing anything: the editor calls it as they type.
func (p *Pipeline) CheckSegment(ctx context.Context, who auth.Principal, editionID, segmentID, target string) ([]store.QAIssue, error) {
	target, err := cleanTarget(target)
	if err != nil {
		return nil, err
	}
	e, err := p.Edition(ctx, who, editionID)
	if err != nil {
		return nil, err
	}
	seg, err := p.store.GetSegment(ctx, e.ID, segmentID)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, derrors.New(derrors.NotFound, "segment_not_found", "no segment %q in edition %q", segmentID, editionID)
		}
		return nil, err
	}
	out, err := p.check(ctx, p.store.Queries, e, seg, target)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []store.QAIssue{}
	}
	return out, nil
}

// check runs the checks on target as cur's translation, inside a
// transaction: the quality checks and the edit checkers (the glossary).
func (p *Pipeline) check(ctx context.Context, q *store.Queries, e store.Edition, cur store.Segment, target string) ([]store.QAIssue, error) {
	if p.qa == nil && len(p.checkers) == 0 {
		return nil, nil
	}
	a, err := q.GetArticle(ctx, e.ArticleID)
	if err != nil {
		return nil, err
	}
	more, err := p.runCheckers(ctx, q, a.SourceLang, e.Lang, cur.Source, target)
	if err != nil {
		return nil, err
	}
	var tags []inline.Tag
	if strings.Contains(cur.Source, "<") {
		blocks, err := q.GetBlocks(ctx, a.ID, e.Revision)
		if err != nil {
			return nil, err
		}
		tags = tagsOf(blocks, cur)
	}
	seg := qa.Segment{From: a.SourceLang, To: e.Lang, Source: cur.Source, Target: target, Tags: tags}
	return errorsFirst(append(p.findings(ctx, seg), more...)), nil
}

// errorsFirst orders findings errors first, keeping the order otherwise.
func errorsFirst(fs []store.QAIssue) []store.QAIssue {
	slices.SortStableFunc(fs, func(a, b store.QAIssue) int {
		switch {
		case a.Severity == b.Severity:
			return 0
		case a.Severity == string(qa.Error):
			return -1
		case b.Severity == string(qa.Error):
			return 1
		}
		return 0
	})
	return fs
}

// cleanReason checks an override reason.
func cleanReason(reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	switch {
	case !utf8.ValidString(reason):
		return "", derrors.New(derrors.Invalid, "invalid_utf8", "the reason is not valid UTF-8")
	case textcheck.Text("override_reason", reason) != nil:
		return "", textcheck.Text("override_reason", reason)
	case utf8.RuneCountInString(reason) > MaxReasonRunes:
		return "", derrors.New(derrors.Invalid, "reason_too_long", "a reason may have at most %d characters", MaxReasonRunes).
			WithDetail(map[string]any{"max": MaxReasonRunes})
	}
	return reason, nil
}

// qaFailed is the answer to an approval or publication refused because of
// errors: the findings (or their number) are the detail.
func qaFailed(format string, detail any, args ...any) error {
	return derrors.New(derrors.Unprocessable, "qa_failed", format, args...).WithDetail(detail)
}
