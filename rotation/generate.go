package rotation

import (
	"iter"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/wellrested/oncall"
)

// Plan is a generated schedule with its ledger.
type Plan struct {
	// Shifts is the schedule in canonical order (see oncall.Schedule.Sort).
	Shifts oncall.Schedule `json:"shifts"`
	// Ledger accounts the schedule, history included.
	Ledger *Ledger `json:"ledger"`
	// Changed counts the slots from the re-planning date on whose holder differs from
	// Problem.Previous (slots Previous left empty do not count).
	Changed int `json:"changed"`
}

// All yields the shifts in order.
func (p *Plan) All() iter.Seq[oncall.Shift] { return p.Shifts.All() }

// eps is the smallest load difference treated as real, so rounding cannot make the search
// cycle.
const eps = 1e-9

// search is the mutable state of one generation.
type search struct {
	m      *Model
	us     []unit
	n, nc  int
	cost   []float64 // [u*n+p], NaN when p cannot take u whatever else happens
	block  []Rule    // [u*n+p]: why, when cost is NaN
	pinned []bool
	assign []int
	occ    []int32 // [p*nc+c]: unit held by p in cycle c, or -1
	starts []int32 // [p*nc+c]: 1 when a unit of p starts in cycle c
	load   []float64
	prev   []int // previous holder of each unit, or -1
	rank   []int // seeded tie-break rank of each person
	lastC  []int // last cycle each person held, for spreading stints
	budget int
	// failAt is the deepest position the construction could not fill, and failBlocks why.
	failAt     int
	failBlocks []Block
}

// Generate builds a schedule that keeps every hard rule and minimises the loads, largest
// first (leximax). It starts from a greedy least-loaded construction (with backtracking when
// a choice leads to a dead end; when re-planning, from the previous schedule), improves it by
// local search (moves, swaps, and re-dealing each few cycles' units at once as a bottleneck
// then min-cost assignment) until nothing lowers the sorted load vector, then runs a bounded
// branch and bound that is exact on small problems (see Problem.ExactBudget). Ties go to
// the previous holder, then to whoever has rested longest, then by Problem.Seed. When the
// problem has no solution it returns an *UncoverableError naming the first slot that cannot
// be covered and what blocks each person.
func (m *Model) Generate() (*Plan, error) {
	s, err := m.newSearch()
	if err != nil {
		return nil, err
	}
	if err := s.construct(); err != nil {
		return nil, err
	}
	s.improve()
	if m.exactBudget > 0 {
		s.exact(m.exactBudget)
	}
	return m.planOf(s)
}

func (m *Model) newSearch() (*search, error) {
	us := m.units()
	n, nc := len(m.team), m.numCycles()
	s := &search{m: m, us: us, n: n, nc: nc, cost: make([]float64, len(us)*n), block: make([]Rule, len(us)*n),
		pinned: make([]bool, len(us)), assign: make([]int, len(us)), occ: make([]int32, n*nc), starts: make([]int32, n*nc),
		load: make([]float64, n), prev: make([]int, len(us)), rank: make([]int, n), lastC: slices.Clone(m.histEnd), failAt: -1}
	for i := range s.occ {
		s.occ[i] = -1
	}
	share := m.horizonShare()
	f := meanRate(share, m.cap)
	for p := range s.load {
		s.load[p] = f + (m.carried[p]-share[p])/m.cap[p]
	}
	perm := rand.New(rand.NewPCG(m.seed, 0x9e3779b97f4a7c15)).Perm(n)
	for i, p := range perm {
		s.rank[p] = i
	}
	for u := range us {
		s.assign[u] = -1
		s.prev[u] = -1
		for _, sl := range us[u].slots {
			if p, ok := m.prev[sl]; ok {
				s.prev[u] = p
			}
		}
		for p := 0; p < n; p++ {
			c, r := m.unitCost(&us[u], p)
			if r != "" {
				c = math.NaN()
			}
			s.cost[u*n+p], s.block[u*n+p] = c, r
		}
	}
	s.budget = 64 * (len(us) + 1) * (n + 1)
	pins := m.unitPins(us)
	for u := range us {
		// In unit order, so loads are summed in the same order every run.
		p, ok := pins[u]
		if !ok {
			continue
		}
		if r := s.block[u*n+p]; r != "" {
			return nil, s.uncoverable(u, []Block{{Responder: m.team[p].Responder.ID, Rule: r}})
		}
		s.pinned[u] = true
		s.set(u, p)
	}
	// Pins must keep the rules among themselves and with history too.
	for u := range us {
		if p := s.assign[u]; p >= 0 {
			if r := s.blocked(u, p, -1); r != "" {
				return nil, s.uncoverable(u, []Block{{Responder: m.team[p].Responder.ID, Rule: r}})
			}
		}
	}
	return s, nil
}

// set gives unit u to p.
func (s *search) set(u, p int) {
	s.assign[u] = p
	for c := s.us[u].first; c <= s.us[u].last; c++ {
		s.occ[p*s.nc+c] = int32(u)
	}
	s.starts[p*s.nc+s.us[u].first]++
	s.load[p] += s.cost[u*s.n+p] / s.m.cap[p]
}

// unset takes unit u back from its holder.
func (s *search) unset(u int) {
	p := s.assign[u]
	for c := s.us[u].first; c <= s.us[u].last; c++ {
		s.occ[p*s.nc+c] = -1
	}
	s.starts[p*s.nc+s.us[u].first]--
	s.load[p] -= s.cost[u*s.n+p] / s.m.cap[p]
	s.assign[u] = -1
}

// blocked returns the first rule that stops p taking u now, or "" when p can. Units held by
// p that are in skip are ignored (they are about to move).
func (s *search) blocked(u, p int, skip int) Rule {
	if r := s.block[u*s.n+p]; r != "" {
		return r
	}
	un := &s.us[u]
	for c := un.first; c <= un.last; c++ {
		if o := s.occ[p*s.nc+c]; o >= 0 && int(o) != u && int(o) != skip {
			return RuleOverlap
		}
	}
	off := s.m.spec.MinCyclesOff
	if off > 0 {
		if un.first-s.m.histEnd[p]-1 < off {
			return RuleRest
		}
		for c := max(un.first-off, 0); c <= min(un.last+off, s.nc-1); c++ {
			if o := s.occ[p*s.nc+c]; o >= 0 && int(o) != u && int(o) != skip {
				return RuleRest
			}
		}
	}
	if limit := s.m.team[p].MaxStints; limit > 0 && s.tooManyStints(u, p, skip, limit) {
		return RuleMaxStints
	}
	return ""
}

// tooManyStints reports whether giving u to p would start more than limit units in some
// window of StintPeriod cycles.
func (s *search) tooManyStints(u, p, skip, limit int) bool {
	period, first := s.m.spec.StintPeriod, s.us[u].first
	row := s.starts[p*s.nc : (p+1)*s.nc]
	count := func(c int) int {
		if c < 0 || c >= s.nc {
			return 0
		}
		k := int(row[c])
		if (skip >= 0 && s.us[skip].first == c && s.assign[skip] == p) || (s.assign[u] == p && c == first) {
			k--
		}
		return k
	}
	in := 0
	for c := first - period + 1; c <= first; c++ {
		in += count(c)
	}
	for w := first - period + 1; w <= first; w++ {
		if in+1 > limit {
			return true
		}
		in += count(w+period) - count(w)
	}
	return false
}

// better reports whether the person with the smaller resulting load should be preferred:
// lower load after taking u, then the previous holder, then the longest rested, then rank.
func (s *search) better(u, p, q int) bool {
	lp := s.load[p] + s.cost[u*s.n+p]/s.m.cap[p]
	lq := s.load[q] + s.cost[u*s.n+q]/s.m.cap[q]
	if math.Abs(lp-lq) > eps*(1+math.Abs(lp)) {
		return lp < lq
	}
	if (s.prev[u] == p) != (s.prev[u] == q) {
		return s.prev[u] == p
	}
	if s.lastC[p] != s.lastC[q] {
		return s.lastC[p] < s.lastC[q]
	}
	return s.rank[p] < s.rank[q]
}

// candidates lists who can take u now, best first.
func (s *search) candidates(u int) []int {
	var out []int
	for p := 0; p < s.n; p++ {
		if s.blocked(u, p, -1) == "" {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(p, q int) int {
		switch {
		case s.better(u, p, q):
			return -1
		case s.better(u, q, p):
			return 1
		}
		return 0
	})
	return out
}

// construct fills every free unit in time order, least loaded first, backtracking out of
// dead ends within a budget.
func (s *search) construct() error {
	for u := range s.us {
		if s.assign[u] >= 0 {
			continue
		}
		if slices.IndexFunc(s.block[u*s.n:(u+1)*s.n], func(r Rule) bool { return r == "" }) < 0 {
			return s.uncoverable(u, s.blocks(u))
		}
	}
	var free []int
	for u := range s.us {
		if !s.pinned[u] {
			free = append(free, u)
		}
	}
	if s.keepPrevious(free) {
		return nil
	}
	if !s.fill(free, 0) {
		if s.failAt < 0 {
			return s.uncoverable(free[0], s.blocks(free[0]))
		}
		return s.uncoverable(free[s.failAt], s.failBlocks)
	}
	return nil
}

func (s *search) fill(free []int, i int) bool {
	if i == len(free) {
		return true
	}
	u := free[i]
	for _, p := range s.candidates(u) {
		if s.budget--; s.budget < 0 {
			return false
		}
		last := s.lastC[p]
		s.set(u, p)
		s.lastC[p] = max(last, s.us[u].last)
		if s.fill(free, i+1) {
			return true
		}
		s.unset(u)
		s.lastC[p] = last
	}
	if i > s.failAt {
		// Record the blocks while the state that caused them is in place.
		s.failAt, s.failBlocks = i, s.blocks(u)
	}
	return false
}

// keepPrevious starts a re-plan from the published schedule: every unit whose previous
// holder may still take it keeps them, and the construction fills the rest. Local search then
// moves a unit only when that lowers the loads, so unchanged shifts stay unchanged. When the
// kept units leave no way to fill the others it undoes them and reports false.
func (s *search) keepPrevious(free []int) bool {
	var kept, rest []int
	for _, u := range free {
		if p := s.prev[u]; p >= 0 && s.blocked(u, p, -1) == "" {
			s.set(u, p)
			kept = append(kept, u)
		} else {
			rest = append(rest, u)
		}
	}
	if len(kept) == 0 {
		return false
	}
	budget := s.budget
	if s.fill(rest, 0) {
		return true
	}
	for _, u := range kept {
		s.unset(u)
	}
	s.budget, s.failAt, s.failBlocks = budget, -1, nil
	return false
}
