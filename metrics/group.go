package metrics

import (
	"slices"

	"github.com/wellrested/oncall"
)

// interner numbers distinct strings in order of first appearance.
type interner struct {
	idx  map[string]int32
	keys []string
}

func newInterner() *interner { return &interner{idx: map[string]int32{}} }

func (t *interner) id(s string) int32 {
	if i, ok := t.idx[s]; ok {
		return i
	}
	i := int32(len(t.keys))
	t.idx[s] = i
	t.keys = append(t.keys, s)
	return i
}

// grouping assigns each page a group number.
type grouping struct {
	keys  []string
	group []int32 // per page
}

// incidents lists the pages of each incident: pages[start[k]:start[k+1]] are incident k's.
// The same shape serves any bucketing of pages.
type incidents struct {
	start []int32
	pages []int32
}

// bucket groups page indexes by of[i] in [0, k) with a counting sort, in page order within
// each bucket.
func bucket(of []int32, k int) incidents {
	start := make([]int32, k+1)
	for _, x := range of {
		start[x+1]++
	}
	for j := range k {
		start[j+1] += start[j]
	}
	next := slices.Clone(start[:k])
	pages := make([]int32, len(of))
	for i, x := range of {
		pages[next[x]] = int32(i)
		next[x]++
	}
	return incidents{start: start, pages: pages}
}

// count returns, per group, the number of pages and of distinct incidents.
func (inc incidents) count(g grouping) (pages, incs []int) {
	pages = make([]int, len(g.keys))
	incs = make([]int, len(g.keys))
	for _, x := range g.group {
		pages[x]++
	}
	var seen []int32
	for k := 0; k+1 < len(inc.start); k++ {
		lo, hi := inc.start[k], inc.start[k+1]
		if hi-lo == 1 { // most incidents page one person
			incs[g.group[inc.pages[lo]]]++
			continue
		}
		seen = seen[:0]
		for _, p := range inc.pages[lo:hi] {
			x := g.group[p]
			if !slices.Contains(seen, x) {
				seen = append(seen, x)
				incs[x]++
			}
		}
	}
	return pages, incs
}

// numIncidents is the number of distinct incidents.
func (inc incidents) num() int { return len(inc.start) - 1 }

// groupIncidents buckets pages by incident ID, given the pages sorted by a hash of their ID.
// A map from a million IDs to numbers is slow (every lookup a cache miss); runs of equal
// hashes are split by the IDs themselves, which keeps the result exact.
func groupIncidents(ps []oncall.Page, byHash []keyed) incidents {
	inc := incidents{start: make([]int32, 0, len(ps)+1), pages: make([]int32, 0, len(ps))}
	for lo := 0; lo < len(byHash); {
		hi := lo + 1
		for hi < len(byHash) && byHash[hi].key == byHash[lo].key {
			hi++
		}
		inc.addRun(ps, byHash[lo:hi])
		lo = hi
	}
	inc.start = append(inc.start, int32(len(inc.pages)))
	return inc
}

// addRun adds the pages of one hash run, one incident per distinct ID (nearly always one).
func (inc *incidents) addRun(ps []oncall.Page, run []keyed) {
	if len(run) == 1 {
		inc.start = append(inc.start, int32(len(inc.pages)))
		inc.pages = append(inc.pages, run[0].page)
		return
	}
	for len(run) > 0 {
		id := ps[run[0].page].IncidentID
		inc.start = append(inc.start, int32(len(inc.pages)))
		rest := run[:0:0]
		for _, k := range run {
			if ps[k.page].IncidentID == id {
				inc.pages = append(inc.pages, k.page)
			} else {
				rest = append(rest, k)
			}
		}
		run = rest
	}
}
