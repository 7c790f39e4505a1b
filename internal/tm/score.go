package tm

import "math"

// Scores of the match kinds. A fuzzy score is below 100.
const (
	ScoreInContext = 101 // same source, same previous and next sentence
	ScoreExact     = 100 // same source
)

// DefaultThreshold is the lowest fuzzy score offered unless configured.
const DefaultThreshold = 70

// softPenalty is what a token costs that matches by key but not as written:
// a changed number (5 → 7), a placeholder with another id, or a change of
// case. It is one point of the score, not an edit.
const softPenalty = 1

// maxSoft caps the soft penalties, so that a sentence full of changed
// numbers still scores as the near-identical sentence it is.
const maxSoft = 9

// score rates how well a memory source b serves the current source a, the
// way CAT tools do: 100 × (1 − word-level edit distance / length of the
// longer sentence), with punctuation counting half a word, minus one point
// per token that differs only in a number, a placeholder id or case. Two
// sentences that are not identical score at most 99.
func score(a, b []token) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > maxTokens || len(b) > maxTokens {
		return 0
	}
	d := align(a, b, func(x, y token) bool { return x.Key == y.Key })
	var wa, wb float64
	for _, t := range a {
		wa += t.weight()
	}
	for _, t := range b {
		wb += t.weight()
	}
	dist := d.cost[len(a)][len(b)]
	s := int(math.Floor(100*(1-dist/max(wa, wb)) + 1e-9))
	soft, identical := 0, dist == 0
	for _, p := range d.path() {
		if p.op == opEqual && a[p.i].Text != b[p.j].Text {
			soft += softPenalty
			identical = false
		}
		if p.op == opEqual && a[p.i].Space != b[p.j].Space && p.i > 0 && p.j > 0 {
			identical = false
		}
	}
	s -= min(soft, maxSoft)
	if !identical && s > 99 {
		s = 99
	}
	return max(s, 0)
}

// Alignment operations, from b (the memory's source) to a (the current one).
const (
	opEqual  = iota // a[i] and b[j] correspond
	opSub           // a[i] replaces b[j]
	opInsert        // a[i] is only in the current source
	opDelete        // b[j] is only in the memory's source
)

type step struct {
	op   int
	i, j int
}

// alignment is the weighted edit-distance table of a against b.
type alignment struct {
	a, b []token
	eq   func(x, y token) bool
	cost [][]float64
}

// align fills the edit-distance table: cost[i][j] is the distance between
// a[:i] and b[:j]. Inserting or deleting a token costs its weight;
// substituting costs the larger weight.
func align(a, b []token, eq func(x, y token) bool) alignment {
	cost := make([][]float64, len(a)+1)
	cells := make([]float64, (len(a)+1)*(len(b)+1))
	for i := range cost {
		cost[i] = cells[i*(len(b)+1) : (i+1)*(len(b)+1)]
	}
	for i := 1; i <= len(a); i++ {
		cost[i][0] = cost[i-1][0] + a[i-1].weight()
	}
	for j := 1; j <= len(b); j++ {
		cost[0][j] = cost[0][j-1] + b[j-1].weight()
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			sub := cost[i-1][j-1]
			if !eq(a[i-1], b[j-1]) {
				sub += max(a[i-1].weight(), b[j-1].weight())
			}
			cost[i][j] = min(sub, cost[i-1][j]+a[i-1].weight(), cost[i][j-1]+b[j-1].weight())
		}
	}
	return alignment{a: a, b: b, eq: eq, cost: cost}
}

// path walks the table back from the end and returns the steps in order.
// Among equally cheap paths it prefers keeping tokens equal.
func (d alignment) path() []step {
	var out []step
	i, j := len(d.a), len(d.b)
	for i > 0 || j > 0 {
		switch {
		case i > 0 && j > 0 && d.eq(d.a[i-1], d.b[j-1]) && d.cost[i][j] == d.cost[i-1][j-1]:
			i, j = i-1, j-1
			out = append(out, step{opEqual, i, j})
		case i > 0 && j > 0 && d.cost[i][j] == d.cost[i-1][j-1]+max(d.a[i-1].weight(), d.b[j-1].weight()):
			i, j = i-1, j-1
			out = append(out, step{opSub, i, j})
		case j == 0 || (i > 0 && d.cost[i][j] == d.cost[i-1][j]+d.a[i-1].weight()):
			i--
			out = append(out, step{opInsert, i, j})
		default:
			j--
			out = append(out, step{opDelete, i, j})
		}
	}
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

// Score rates how well a memory source serves the current source (both
// tagged text), as Lookup scores fuzzy matches: 100 for the same text.
func Score(current, memory string) int {
	return score(tokenize(current), tokenize(memory))
}
