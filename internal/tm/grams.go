package tm

import (
	"encoding/binary"
	"hash/fnv"
	"slices"
)

// gramOf is the index key of a token key in a language pair: a 64-bit
// FNV-1a hash, so the index stores integers and each pair has its own
// postings. A collision only adds candidates, which scoring then drops.
func gramOf(from, to, key string) int64 {
	h := fnv.New64a()
	h.Write([]byte(from))
	h.Write([]byte{0})
	h.Write([]byte(to))
	h.Write([]byte{0})
	h.Write([]byte(key))
	return int64(h.Sum64())
}

// textKey is the 64-bit key of a whole text (exact lookup) or of a
// context (previous and next source sentence).
func textKey(parts ...string) int64 {
	h := fnv.New64a()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	return int64(h.Sum64())
}

// gramsOf returns the distinct index grams of a source text: gramOf of
// the keys the index knows for a sentence, its words, numbers and
// placeholders (punctuation tells sentences apart too little), and each
// pair of them in a row. Pairs make the index sharp where every word is
// common: "wages ministry" is rare though "wages" and "ministry" are not.
// The keys are hashed in place (no key strings, map or hasher allocated);
// sorting and compacting drop the grams of repeated keys.
func gramsOf(from, to string, toks []token) []int64 {
	pair := fnvString(fnvString(fnvString(fnvOffset, from), "\x00"), to)
	pair = fnvString(pair, "\x00")
	out := make([]int64, 0, 2*len(toks))
	prev := ""
	for _, t := range toks {
		if t.Kind == punct {
			continue
		}
		out = append(out, int64(fnvString(pair, t.Key)))
		if prev != "" {
			out = append(out, int64(fnvString(fnvString(fnvString(pair, prev), " "), t.Key)))
		}
		prev = t.Key
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// FNV-1a, 64 bits, as hash/fnv computes it.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvString continues an FNV-1a hash h with the bytes of s.
func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// A posting list is a run of entry ids, each stored as the zigzag varint of
// its difference from the one before (the first from 0). Ids are appended
// in the order entries were indexed, which is ascending but for concurrent
// writers; readers sort when needed.

// appendPostings appends ids to an encoded list whose last id is last and
// returns the new list and last id.
func appendPostings(buf []byte, last int64, ids ...int64) ([]byte, int64) {
	for _, id := range ids {
		buf = binary.AppendVarint(buf, id-last)
		last = id
	}
	return buf, last
}

// decodePostings appends the ids of an encoded list to into. A corrupt
// tail is ignored: the index is a hint, entries are the truth.
func decodePostings(buf []byte, into []int64) []int64 {
	var last int64
	for len(buf) > 0 {
		d, n := binary.Varint(buf)
		if n <= 0 {
			break
		}
		last += d
		into = append(into, last)
		buf = buf[n:]
	}
	return into
}

// countPostings is how many ids an encoded list holds.
func countPostings(buf []byte) int {
	n := 0
	for _, b := range buf {
		if b < 0x80 {
			n++
		}
	}
	return n
}
