package rotation

import (
	"iter"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

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

// search is the mutable state of one generation. Its memory is linear in units and people:
// prices come from the model's per-class tables (Model.unitPrice), and each person's units
// are kept as a short sorted list, so rest, overlap and stint checks look only at that
// person's neighbouring stints.
type search struct {
	m      *Model
	us     []unit
	n, nc  int
	pinned []bool
	assign []int
	held   [][]int32 // units held by each person, ascending (so by first cycle)
	load   []float64
	held1  []float64 // burden of each unit for its holder
	prev   []int     // previous holder of each unit (of its last slot), or -1
	prevs  []int32   // [u*2+i]: previous holder of slot i of unit u, or -1, counted as changes
	rank   []int     // seeded tie-break rank of each person
	lastC  []int     // last cycle each person held, for spreading stints
	budget int
	// failAt is the deepest position the construction could not fill, and failBlocks why.
	failAt     int
	failBlocks []Block
	// cands is the backing store of candidate lists, reused down the construction.
	cands []int
	// Scratch for redeal, reused window after window.
	rx redealScratch
	// after holds each candidate's load after taking the unit being ranked.
	after []float64
	// spreading turns on the last level of the objective, once loads and changes settle.
	spreading bool
}

// Generate builds a schedule that keeps every hard rule and optimises, in this order: the
// loads, largest first (leximax); the number of slots changed from Problem.Previous; the
// spacing of each person's stints (the sum over people of the squared gaps between their
// stints, which for a fixed number of stints is their variance). It starts from a greedy
// least-loaded construction (with backtracking when a choice leads to a dead end; when
// re-planning, from the previous schedule), improves it by local search (moves, swaps, and
// re-dealing each few cycles' units at once as a bottleneck then min-cost assignment) until
// nothing improves the objective, then kicks it out of that local optimum: it re-deals the
// units of a few consecutive cycles, drawn at random from Problem.Seed, to whoever may take
// them, runs the local search again, and keeps the result only when its loads, then its
// changes, are better. The number of kicks falls with the square of the problem's size
// (units × people): a small team gets up to two hundred, a large problem none. Last it runs
// a bounded branch and bound over loads and changes that is exact on small problems (see
// Problem.ExactBudget). Spacing is polished by a few passes of the local search only. Ties
// go to the previous holder, then to whoever has rested longest, then by Problem.Seed. When
// the problem has no solution it returns an *UncoverableError naming the first slot that
// cannot be covered and what blocks each person.
func (m *Model) Generate() (*Plan, error) {
	s, err := m.newSearch()
	if err != nil {
		return nil, err
	}
	if err := s.construct(); err != nil {
		return nil, err
	}
	s.improve()
	s.kicks()
	if m.exactBudget > 0 {
		s.exact(m.exactBudget)
	}
	return m.planOf(s)
}

func (m *Model) newSearch() (*search, error) {
	us := m.tab.us
	n, nc := len(m.team), m.numCycles()
	s := &search{m: m, us: us, n: n, nc: nc, pinned: make([]bool, len(us)), assign: make([]int, len(us)),
		held: make([][]int32, n), load: make([]float64, n), held1: make([]float64, len(us)), prev: make([]int, len(us)), prevs: make([]int32, 2*len(us)),
		rank: make([]int, n), lastC: slices.Clone(m.histEnd), failAt: -1}
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
		s.prevs[2*u], s.prevs[2*u+1] = -1, -1
		for i, sl := range us[u].slots {
			if p, ok := m.prev[sl]; ok {
				s.prev[u] = p
				if i < 2 && (m.freeze.IsZero() || !m.cycles[sl.cycle].Before(m.freeze)) {
					s.prevs[2*u+i] = int32(p)
				}
			}
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
		if _, r := m.unitPrice(u, p); r != "" {
			return nil, s.pinBroken(u, p, r)
		}
		s.pinned[u] = true
		s.set(u, p)
	}
	// Pins must keep the rules among themselves and with history too.
	for u := range us {
		if p := s.assign[u]; p >= 0 {
			if r := s.blocked(u, p, -1); r != "" {
				return nil, s.pinBroken(u, p, r)
			}
		}
	}
	return s, nil
}

// cost is p's burden for u; the caller knows p may take it.
func (s *search) cost(u, p int) float64 {
	c, _ := s.m.unitPrice(u, p)
	return c
}

// set gives unit u to p.
func (s *search) set(u, p int) {
	s.assign[u] = p
	h := s.held[p]
	i, _ := slices.BinarySearch(h, int32(u))
	s.held[p] = slices.Insert(h, i, int32(u))
	s.held1[u] = s.cost(u, p)
	s.load[p] += s.held1[u] / s.m.cap[p]
}

// unset takes unit u back from its holder.
func (s *search) unset(u int) {
	p := s.assign[u]
	h := s.held[p]
	if i, ok := slices.BinarySearch(h, int32(u)); ok {
		s.held[p] = slices.Delete(h, i, i+1)
	}
	s.load[p] -= s.held1[u] / s.m.cap[p]
	s.assign[u] = -1
}

// blocked returns the first rule that stops p taking u now, or "" when p can. Units held by
// p that are in skip are ignored (they are about to move).
func (s *search) blocked(u, p int, skip int) Rule {
	if _, r := s.m.unitPrice(u, p); r != "" {
		return r
	}
	un := &s.us[u]
	off := s.m.spec.MinCyclesOff
	if off > 0 && un.first-s.m.histEnd[p]-1 < off && !s.m.chainsFromHistory(u, p) {
		return RuleRest
	}
	// Held units start in ascending cycles and span at most two, so the neighbours that can
	// clash start from un.first-off-1 on.
	h := s.held[p]
	i := sort.Search(len(h), func(i int) bool { return s.us[h[i]].first >= un.first-off-1 })
	rest := false
	for ; i < len(h) && s.us[h[i]].first <= un.last+off; i++ {
		v := int(h[i])
		if v == u || v == skip || s.us[v].last < un.first-off {
			continue
		}
		if s.us[v].first <= un.last && s.us[v].last >= un.first {
			if off == 0 && !s.m.overlapInTime(un, &s.us[v]) {
				// Same cycle, disjoint hours, and no rest asked for: allowed, as Check
				// allows it.
				continue
			}
			return RuleOverlap
		}
		rest = true
	}
	if rest {
		return RuleRest
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
	h := s.held[p]
	i := sort.Search(len(h), func(i int) bool { return s.us[h[i]].first > first-period })
	// Starts of p's other units within period-1 cycles of first, ascending.
	var near [16]int
	starts := near[:0]
	for ; i < len(h) && s.us[h[i]].first < first+period; i++ {
		if v := int(h[i]); v != u && v != skip {
			starts = append(starts, s.us[v].first)
		}
	}
	if len(starts) < limit {
		return false
	}
	// Slide a window [w, w+period) over the starts; every window holding first counts.
	lo, hi := 0, 0
	for w := first - period + 1; w <= first; w++ {
		for hi < len(starts) && starts[hi] < w+period {
			hi++
		}
		for lo < hi && starts[lo] < w {
			lo++
		}
		if hi-lo+1 > limit {
			return true
		}
	}
	return false
}

// better reports whether the person with the smaller resulting load should be preferred:
// lower load after taking u, then the previous holder, then the longest rested, then rank.
func (s *search) better(u, p, q int) bool {
	lp := s.load[p] + s.cost(u, p)/s.m.cap[p]
	lq := s.load[q] + s.cost(u, q)/s.m.cap[q]
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

// candidates lists who can take u now, best first. The list lives in s.cands above mark;
// the caller truncates s.cands back to mark when done with it.
func (s *search) candidates(u int) (list []int, mark int) {
	mark = len(s.cands)
	for _, p := range s.m.tab.people[s.m.tab.set[u]] {
		if s.blocked(u, int(p), -1) == "" {
			s.cands = append(s.cands, int(p))
		}
	}
	list = s.cands[mark:]
	if len(s.after) < s.n {
		s.after = make([]float64, s.n)
	}
	for _, p := range list {
		c, _ := s.m.eligiblePrice(u, p)
		s.after[p] = s.load[p] + c/s.m.cap[p]
	}
	slices.SortFunc(list, func(p, q int) int {
		switch {
		case s.betterAfter(u, p, q):
			return -1
		case s.betterAfter(u, q, p):
			return 1
		}
		return 0
	})
	return list, mark
}

// betterAfter is better with the loads after taking u already in s.after.
func (s *search) betterAfter(u, p, q int) bool {
	lp, lq := s.after[p], s.after[q]
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

// construct fills every free unit in time order, least loaded first, backtracking out of
// dead ends within a budget.
func (s *search) construct() error {
	for u := range s.us {
		if s.assign[u] >= 0 {
			continue
		}
		if !slices.ContainsFunc(s.m.tab.people[s.m.tab.set[u]], func(p int32) bool { _, r := s.m.unitPrice(u, int(p)); return r == "" }) {
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
	// The candidates are ranked again after each failed try rather than kept: the deeper
	// levels undo everything they did, so the ranking is the same, and the construction
	// holds one list at a time instead of one per unit.
	for j := 0; ; j++ {
		cands, mark := s.candidates(u)
		if j >= len(cands) {
			s.cands = s.cands[:mark]
			break
		}
		p := cands[j]
		s.cands = s.cands[:mark]
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

// pinBroken reports that the pin holding unit u for p breaks rule r: a *PinError naming the
// pin (or the kept previous shift) around the *UncoverableError, or the latter alone when
// the unit is held by the chain from history rather than a pin.
func (s *search) pinBroken(u, p int, r Rule) error {
	m := s.m
	err := s.uncoverable(u, []Block{{Responder: m.team[p].Responder.ID, Rule: r}})
	for _, k := range s.us[u].slots {
		pin := Pin{Role: m.spec.Roles[k.role].Name, Start: m.cycles[k.cycle], Responder: m.team[p].Responder.ID}
		if q, ok := m.pins[k]; ok && q == p {
			return &PinError{Index: m.pinAt[k], Pin: pin, Rule: r, Err: err}
		}
		if q, ok := m.prev[k]; ok && q == p && !m.freeze.IsZero() && m.cycles[k.cycle].Before(m.freeze) {
			return &PinError{Index: m.prevAt[k], Previous: true, Pin: pin, Rule: r, Err: err}
		}
	}
	return err
}
