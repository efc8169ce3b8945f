package rotation

import "math/rand/v2"

// kickWork and maxKicks bound the kicks: kickWork / size² of them, at most maxKicks, where
// size is units × people, the work of one pass of moves. A kick costs a few passes, so the
// kicks cost about kickWork / size in all: six people over half a year (27 units) get 190,
// a dozen over a year a dozen, fifty over two years none. Small problems are where a few
// units decide the largest load and the local search strands most often; on large ones it
// already takes the time there is.
const (
	kickWork = 5_000_000
	maxKicks = 200
)

// kickCycles is the most consecutive cycles one kick re-deals.
const kickCycles = 5

// kicks runs an iterated local search from the current, locally optimal schedule: each
// kick re-deals the units of a few consecutive cycles at random (among the people who may
// take them), lets the local search settle the result, and keeps it when its loads are
// leximax-smaller than the incumbent's, or equal with fewer changes from the previous
// schedule; otherwise it restores the incumbent. A kick moves the search to where moves,
// swaps and re-deals of nearby units can reach schedules they could not reach from the
// incumbent. The kicks are drawn from a generator seeded by Problem.Seed, so the result is
// the same every run. It reports how many kicks were kept.
func (s *search) kicks() int {
	size := len(s.us) * s.n
	if size == 0 || s.n < 2 {
		return 0
	}
	n := min(maxKicks, kickWork/size/size)
	var free []int
	for u := range s.us {
		if !s.pinned[u] {
			free = append(free, u)
		}
	}
	if len(free) < 2 || n == 0 {
		return 0
	}
	rng := rand.New(rand.NewPCG(s.m.seed, 0x243f6a8885a308d3))
	best := make([]int, len(s.assign))
	copy(best, s.assign)
	bestVec, bestChanges := s.sortedLoads(), s.totalChanges()
	kept := 0
	var set []int
	for range n {
		set = s.kickSet(rng, free, set[:0])
		if len(set) == 0 || !s.kick(rng, set) {
			s.restore(best)
			continue
		}
		s.settle()
		v := s.sortedLoads()
		if lexVecBelow(v, bestVec) || !lexVecBelow(bestVec, v) && s.totalChanges() < bestChanges {
			copy(best, s.assign)
			bestVec, bestChanges = v, s.totalChanges()
			kept++
			continue
		}
		s.restore(best)
	}
	if kept > 0 {
		// The incumbent was settled without looking at spread; even it out as improve does.
		s.polish(0)
	}
	s.spreading = true
	return kept
}

// kickSet appends to set the free units starting in a random run of 2 to kickCycles
// consecutive cycles.
func (s *search) kickSet(rng *rand.Rand, free, set []int) []int {
	w := 2 + rng.IntN(kickCycles-1)
	c := rng.IntN(s.nc)
	for _, u := range free {
		if f := s.us[u].first; f >= c && f < c+w {
			set = append(set, u)
		}
	}
	return set
}

// kick takes the units of set back and gives each, in time order, to a person drawn at
// random among those who may take it then, backtracking out of dead ends within a small
// budget. It reports false, leaving some of set unassigned, when it finds no way.
func (s *search) kick(rng *rand.Rand, set []int) bool {
	for _, u := range set {
		s.unset(u)
	}
	tries := 64 * len(set)
	var fill func(i int) bool
	fill = func(i int) bool {
		if i == len(set) {
			return true
		}
		u := set[i]
		// The list lives in s.cands above mark; deeper levels append above it and truncate
		// back to its end, so it stays intact until this level is done.
		mark := len(s.cands)
		for _, p := range s.m.tab.people[s.m.tab.set[u]] {
			if s.blocked(u, int(p), -1) == "" {
				s.cands = append(s.cands, int(p))
			}
		}
		defer func() { s.cands = s.cands[:mark] }()
		n := len(s.cands) - mark
		rng.Shuffle(n, func(a, b int) { s.cands[mark+a], s.cands[mark+b] = s.cands[mark+b], s.cands[mark+a] })
		for j := 0; j < n; j++ {
			if tries--; tries < 0 {
				return false
			}
			p := s.cands[mark+j]
			s.set(u, p)
			if fill(i + 1) {
				return true
			}
			s.unset(u)
		}
		return false
	}
	return fill(0)
}

// restore gives every free unit back to its holder in a, leaving units that already have
// that holder alone.
func (s *search) restore(a []int) {
	for u := range s.us {
		if p := s.assign[u]; p >= 0 && p != a[u] {
			s.unset(u)
		}
	}
	for u := range s.us {
		if s.assign[u] < 0 {
			s.set(u, a[u])
		}
	}
}
