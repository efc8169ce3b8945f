package rotation

import (
	"math"
	"slices"
)

// DefaultExactBudget is the work budget of the exact search when Problem.ExactBudget is zero:
// a few milliseconds of search on a current machine.
const DefaultExactBudget = 2_000_000

// exact runs a depth-first branch and bound over the free units, starting from the local
// search result as the incumbent, and keeps the best schedule it visits (leximax-smallest
// loads, then fewest changes from the previous schedule). A branch is
// cut when even giving every remaining unit to whoever it costs least cannot keep the largest
// load at or below the incumbent's. Within the budget on a small problem the search is
// complete, so the result is optimal; beyond it, the result is never worse than the
// incumbent.
func (s *search) exact(budget int) bool {
	var free []int
	for u := range s.us {
		if !s.pinned[u] {
			free = append(free, u)
		}
	}
	best := slices.Clone(s.assign)
	bestVec, bestChanges := s.sortedLoads(), s.totalChanges()
	for _, u := range free {
		s.unset(u)
	}
	work := 0
	var dfs func(i int) bool
	dfs = func(i int) bool {
		// Each node prices every remaining unit for every person (the bound) and ranks the
		// people (the candidates): count that as its work.
		if work += (len(free) - i + 1) * s.n; work > budget {
			return false
		}
		if i == len(free) {
			v := s.sortedLoads()
			if lexVecBelow(v, bestVec) || !lexVecBelow(bestVec, v) && s.totalChanges() < bestChanges {
				copy(best, s.assign)
				bestVec, bestChanges = v, s.totalChanges()
			}
			return true
		}
		if s.bound(free[i:]) > bestVec[0]+eps*(1+math.Abs(bestVec[0])) {
			return true
		}
		u := free[i]
		cands, mark := s.candidates(u)
		defer func() { s.cands = s.cands[:mark] }()
		for _, p := range cands {
			s.set(u, p)
			ok := dfs(i + 1)
			s.unset(u)
			if !ok {
				return false
			}
		}
		return true
	}
	complete := dfs(0)
	for _, u := range free {
		s.set(u, best[u])
	}
	return complete
}

// totalChanges counts the slots whose holder differs from the previous schedule.
func (s *search) totalChanges() int {
	k := 0
	for u, p := range s.assign {
		k += s.changes(u, p)
	}
	return k
}

// bound is the least the largest load can end at once the units in rest are given out.
func (s *search) bound(rest []int) float64 {
	b := slices.Max(s.load)
	for _, u := range rest {
		least := math.Inf(1)
		for _, p := range s.m.tab.people[s.m.tab.set[u]] {
			if c, ok := s.m.eligiblePrice(u, int(p)); ok {
				least = min(least, s.load[p]+c/s.m.cap[p])
			}
		}
		b = max(b, least)
	}
	return b
}

func (s *search) sortedLoads() []float64 {
	v := slices.Clone(s.load)
	slices.SortFunc(v, func(a, b float64) int {
		switch {
		case a > b:
			return -1
		case a < b:
			return 1
		}
		return 0
	})
	return v
}

// lexVecBelow reports whether sorted vector a is leximax-smaller than b beyond rounding.
func lexVecBelow(a, b []float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > eps*(1+math.Abs(b[i])) {
			return a[i] < b[i]
		}
	}
	return false
}
