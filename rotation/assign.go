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
// total load (a min-cost assignment), and keeps it when the objective improves (the sorted
// load vector, then changes from the previous schedule, then spread). Moves and swaps
// change two people at a time; this finds cyclic exchanges among many.
func (s *search) assignPass() bool {
	improved := false
	lo := 0
	for c := 0; c < s.nc; c++ {
		for lo < len(s.us) && s.us[lo].first < c {
			lo++
		}
		set := s.rx.set[:0]
		for u := lo; u < len(s.us) && s.us[u].first < c+assignWindow; u++ {
			if !s.pinned[u] {
				set = append(set, u)
			}
		}
		s.rx.set = set
		if len(set) >= 2 && len(set) <= s.n && s.redeal(set) {
			improved = true
		}
	}
	return improved
}

// redealScratch holds redeal's buffers, sized once and reused.
type redealScratch struct {
	set        []int
	old, to    []int
	rowP       []int32   // [i*k+j]: j-th cheapest candidate of row i
	rowV       []float64 // their loads after taking the row's unit
	rowN       []int
	colOf      []int32 // person -> column, or -1
	cols       []int
	values     []float64
	cost       [][]float64
	owner      []int
	seen       []bool
	before     []float64
	beforeLoad []float64
	touched    []int
}

// redeal re-deals set. Each row keeps only its len(set) cheapest candidates: in any optimal
// assignment a row using a dearer person can switch to one of those that no other row uses,
// without raising the largest or the total load, so nothing is lost and the work per window
// no longer grows with the team.
func (s *search) redeal(set []int) bool {
	x := &s.rx
	k := len(set)
	if x.colOf == nil {
		x.colOf = make([]int32, s.n)
		for i := range x.colOf {
			x.colOf[i] = -1
		}
		x.beforeLoad = make([]float64, s.n)
	}
	x.old = grow(x.old, k)
	x.touched = x.touched[:0]
	for i, u := range set {
		p := s.assign[u]
		x.old[i] = p
		// Each person once: redealBetter compares the touched people's loads as multisets.
		if !slices.Contains(x.touched, p) {
			x.beforeLoad[p] = s.load[p]
			x.touched = append(x.touched, p)
		}
	}
	for _, u := range set {
		s.unset(u)
	}
	restore := func() {
		for _, u := range set {
			if s.assign[u] >= 0 {
				s.unset(u)
			}
		}
		for i, u := range set {
			s.set(u, x.old[i])
		}
	}
	floor := slices.Max(s.load)
	x.rowP, x.rowV, x.rowN = grow(x.rowP, k*k), grow(x.rowV, k*k), grow(x.rowN, k)
	x.cols, x.values = x.cols[:0], x.values[:0]
	for i, u := range set {
		x.rowN[i] = 0
		for _, p32 := range s.m.tab.people[s.m.tab.set[u]] {
			p := int(p32)
			if s.blocked(u, p, -1) != "" {
				continue
			}
			x.keep(i, k, p32, s.load[p]+s.cost(u, p)/s.m.cap[p])
		}
		if x.rowN[i] == 0 {
			restore()
			return false
		}
		for j := 0; j < x.rowN[i]; j++ {
			p := x.rowP[i*k+j]
			if x.colOf[p] < 0 {
				x.colOf[p] = int32(len(x.cols))
				x.cols = append(x.cols, int(p))
			}
			x.values = append(x.values, max(x.rowV[i*k+j], floor))
		}
	}
	defer func() {
		for _, p := range x.cols {
			x.colOf[p] = -1
		}
	}()
	slices.Sort(x.values)
	x.values = slices.Compact(x.values)
	at, _ := slices.BinarySearchFunc(x.values, 0, func(v float64, _ int) int {
		if x.matchAll(k, v) {
			return 1
		}
		return -1
	})
	if at == len(x.values) {
		restore()
		return false
	}
	limit := x.values[at]
	if cap(x.cost) < k {
		x.cost = make([][]float64, k)
	}
	x.cost = x.cost[:k]
	for i := range x.cost {
		x.cost[i] = grow(x.cost[i], len(x.cols))
		for j := range x.cost[i] {
			x.cost[i][j] = math.Inf(1)
		}
		for j := 0; j < x.rowN[i]; j++ {
			if v := x.rowV[i*k+j]; v <= limit {
				x.cost[i][x.colOf[x.rowP[i*k+j]]] = v
			}
		}
	}
	to := minCostAssignment(x.cost)
	for i, u := range set {
		p := x.cols[to[i]]
		if !slices.Contains(x.touched, p) {
			x.beforeLoad[p] = s.load[p]
			x.touched = append(x.touched, p)
		}
		s.set(u, p)
	}
	if s.redealBetter(set) {
		return true
	}
	restore()
	return false
}

// redealBetter compares the state after a re-deal of set with the one before (x.old). Only
// the touched people's loads changed, so comparing their sorted loads decides the whole
// sorted vector; equal loads fall back to changes, then spread.
func (s *search) redealBetter(set []int) bool {
	x := &s.rx
	x.before = x.before[:0]
	after := make([]float64, 0, len(x.touched))
	for _, p := range x.touched {
		x.before = append(x.before, x.beforeLoad[p])
		after = append(after, s.load[p])
	}
	desc := func(a, b float64) int { return cmpDesc(a, b) }
	slices.SortFunc(x.before, desc)
	slices.SortFunc(after, desc)
	if lexVecBelow(after, x.before) {
		return true
	}
	if lexVecBelow(x.before, after) {
		return false
	}
	dc := 0
	x.to = grow(x.to, len(set))
	for i, u := range set {
		x.to[i] = s.assign[u]
		dc += s.changes(u, x.to[i]) - s.changes(u, x.old[i])
	}
	return s.tieBetter(dc, func() float64 {
		total := func() float64 {
			t := 0.0
			for _, p := range x.touched {
				t += s.spread(p, -1, -1)
			}
			return t
		}
		newSpread := total()
		for _, u := range set {
			s.unset(u)
		}
		for i, u := range set {
			s.set(u, x.old[i])
		}
		oldSpread := total()
		for _, u := range set {
			s.unset(u)
		}
		for i, u := range set {
			s.set(u, x.to[i])
		}
		return newSpread - oldSpread
	})
}

func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// keep inserts candidate p with load v into row i's list of the k lowest, ties by person.
func (x *redealScratch) keep(i, k int, p int32, v float64) {
	n := x.rowN[i]
	ps, vs := x.rowP[i*k:i*k+k], x.rowV[i*k:i*k+k]
	j := n
	for j > 0 && (vs[j-1] > v || vs[j-1] == v && ps[j-1] > p) {
		j--
	}
	if j >= k {
		return
	}
	if n < k {
		n++
	}
	copy(ps[j+1:n], ps[j:n-1])
	copy(vs[j+1:n], vs[j:n-1])
	ps[j], vs[j] = p, v
	x.rowN[i] = n
}

// matchAll reports whether every row can be matched to a distinct column with value at most
// limit (Kuhn's augmenting paths over the kept candidates; rows are few).
func (x *redealScratch) matchAll(k int, limit float64) bool { return x.matchRows(k, k, limit) }

// matchRows matches the first rows rows, each holding up to k kept candidates.
func (x *redealScratch) matchRows(rows, k int, limit float64) bool {
	x.owner = grow(x.owner, len(x.cols))
	for j := range x.owner {
		x.owner[j] = -1
	}
	x.seen = grow(x.seen, len(x.cols))
	var try func(i int) bool
	try = func(i int) bool {
		for j := 0; j < x.rowN[i]; j++ {
			if x.rowV[i*k+j] > limit {
				break
			}
			c := x.colOf[x.rowP[i*k+j]]
			if x.seen[c] {
				continue
			}
			x.seen[c] = true
			if x.owner[c] < 0 || try(x.owner[c]) {
				x.owner[c] = i
				return true
			}
		}
		return false
	}
	for i := 0; i < rows; i++ {
		clear(x.seen)
		if !try(i) {
			return false
		}
	}
	return true
}

func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
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
