package rotation

import (
	"math"
	"slices"
)

// assignWindow is how many consecutive cycles the assignment step re-deals at once.
const assignWindow = 4

// assignPass re-deals the units of each window of cycles at once: it takes them all back,
// finds the smallest largest load at which they can go to distinct people (a bottleneck
// assignment, by bisection over matchings), then among those deals the one with the least
// total load (a min-cost assignment), and keeps it when the whole sorted load vector is
// lower. Moves and swaps change two people at a time; this finds cyclic exchanges among many.
func (s *search) assignPass() bool {
	improved := false
	for c := 0; c < s.nc; c++ {
		var set []int
		for u := range s.us {
			if f := s.us[u].first; f >= c && f < c+assignWindow && !s.pinned[u] {
				set = append(set, u)
			}
		}
		if len(set) >= 2 && len(set) <= s.n && s.redeal(set) {
			improved = true
		}
	}
	return improved
}

func (s *search) redeal(set []int) bool {
	before := s.sortedLoads()
	old := make([]int, len(set))
	for i, u := range set {
		old[i] = s.assign[u]
		s.unset(u)
	}
	restore := func() {
		for i, u := range set {
			if s.assign[u] >= 0 {
				s.unset(u)
			}
			s.set(u, old[i])
		}
	}
	// load[i][p] is p's load after taking set[i], or +Inf when p may not.
	load := make([][]float64, len(set))
	var values []float64
	floor := slices.Max(s.load)
	for i, u := range set {
		load[i] = make([]float64, s.n)
		for p := range load[i] {
			load[i][p] = math.Inf(1)
			if s.blocked(u, p, -1) == "" {
				v := s.load[p] + s.cost[u*s.n+p]/s.m.cap[p]
				load[i][p] = v
				values = append(values, max(v, floor))
			}
		}
	}
	slices.Sort(values)
	values = slices.Compact(values)
	k, _ := slices.BinarySearchFunc(values, 0, func(v float64, _ int) int {
		if matchAll(load, v) {
			return 1
		}
		return -1
	})
	if k == len(values) {
		restore()
		return false
	}
	limit := values[k]
	cost := make([][]float64, len(set))
	for i := range set {
		cost[i] = make([]float64, s.n)
		for p, v := range load[i] {
			cost[i][p] = v
			if v > limit {
				cost[i][p] = math.Inf(1)
			}
		}
	}
	to := minCostAssignment(cost)
	for i, u := range set {
		s.set(u, to[i])
	}
	if lexVecBelow(s.sortedLoads(), before) {
		return true
	}
	for _, u := range set {
		s.unset(u)
	}
	for i, u := range set {
		s.set(u, old[i])
	}
	return false
}

// matchAll reports whether every row can be matched to a distinct column with value at most
// limit (Kuhn's augmenting paths; rows are few).
func matchAll(v [][]float64, limit float64) bool {
	if len(v) == 0 {
		return true
	}
	owner := make([]int, len(v[0]))
	for j := range owner {
		owner[j] = -1
	}
	var try func(i int, seen []bool) bool
	try = func(i int, seen []bool) bool {
		for j, x := range v[i] {
			if x > limit || seen[j] {
				continue
			}
			seen[j] = true
			if owner[j] < 0 || try(owner[j], seen) {
				owner[j] = i
				return true
			}
		}
		return false
	}
	for i := range v {
		if !try(i, make([]bool, len(owner))) {
			return false
		}
	}
	return true
}

// minCostAssignment gives each row a distinct column minimising the total cost, for at most
// as many rows as columns (the Hungarian method with row and column potentials, O(rows^2
// cols)). Infinite costs are forbidden; the caller guarantees a finite assignment exists.
func minCostAssignment(cost [][]float64) []int {
	n := len(cost)
	if n == 0 {
		return nil
	}
	m := len(cost[0])
	big := 0.0
	for _, row := range cost {
		for _, c := range row {
			if !math.IsInf(c, 1) {
				big = max(big, math.Abs(c))
			}
		}
	}
	// Forbidden pairs get a cost no finite assignment can prefer.
	forbid := (big + 1) * float64(n+1) * 4
	at := func(i, j int) float64 {
		if c := cost[i][j]; !math.IsInf(c, 1) {
			return c
		}
		return forbid
	}
	u, v := make([]float64, n+1), make([]float64, m+1)
	p, way := make([]int, m+1), make([]int, m+1) // p[j]: row (1-based) matched to column j
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		minv := make([]float64, m+1)
		used := make([]bool, m+1)
		for j := range minv {
			minv[j] = math.Inf(1)
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], math.Inf(1), 0
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				if cur := at(i0-1, j-1) - u[i0] - v[j]; cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	out := make([]int, n)
	for j := 1; j <= m; j++ {
		if p[j] > 0 {
			out[p[j]-1] = j - 1
		}
	}
	return out
}
