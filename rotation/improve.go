package rotation

import (
	"math"

	"github.com/wellrested/oncall/calendar"
)

// lexLess reports whether the pair {a, b} is smaller than {c, d} in leximax order (compare
// the larger values, then the smaller). Changing two loads improves the whole sorted load
// vector exactly when the new pair is smaller than the old one, because the largest value
// whose count differs between the two vectors lies in the pairs.
func lexLess(a, b, c, d float64) bool {
	hi, lo := max(a, b), min(a, b)
	hi0, lo0 := max(c, d), min(c, d)
	tol := eps * (1 + math.Abs(hi0))
	if hi < hi0-tol {
		return true
	}
	if hi > hi0+tol {
		return false
	}
	return lo < lo0-eps*(1+math.Abs(lo0))
}

// lexEqual reports whether the pairs are equal in leximax order within rounding.
func lexEqual(a, b, c, d float64) bool { return !lexLess(a, b, c, d) && !lexLess(c, d, a, b) }

// maxPasses bounds the local search; each pass either improves or ends it.
const maxPasses = 200

// swapPairs bounds the unit pairs one swap pass tries. Small horizons try every pair; on
// long ones each unit is paired with the units starting nearest it in time, so a pass stays
// linear in units.
const swapPairs = 4_000_000

// improve runs moves, swaps and re-deals until none improves the objective: the sorted load
// vector first, then the number of changes from the previous schedule, then how evenly each
// person's stints are spread (see spread).
//
// Spread is polished last, in at most spreadPasses passes: on a long horizon there are many
// equal-load exchanges that each shorten one gap a little, and they are worth less than the
// time they would take.
func (s *search) improve() { s.polish(s.settle()) }

// settle runs the passes that ignore spread until none helps, and returns how many it ran.
func (s *search) settle() int {
	s.spreading = false
	pass := 0
	for ; pass < maxPasses; pass++ {
		if !s.pass() {
			break
		}
	}
	return pass
}

// polish evens out stints once the loads are settled, within what is left of maxPasses
// after the given number of passes.
func (s *search) polish(pass int) {
	s.spreading = true
	for k := 0; k < spreadPasses && pass < maxPasses; k, pass = k+1, pass+1 {
		if !s.pass() {
			break
		}
	}
}

// pass runs one pass of moves, then if they did not help swaps, then re-deals; it reports
// whether any helped.
func (s *search) pass() bool { return s.movePass() || s.swapPass() || s.assignPass() }

// spreadPasses bounds the passes that even out stints once the loads are settled.
const spreadPasses = 4

// changes counts the slots of u whose previous holder is not p.
func (s *search) changes(u, p int) int {
	k := 0
	for _, q := range s.prevs[2*u : 2*u+2] {
		if q >= 0 && int(q) != p {
			k++
		}
	}
	return k
}

// spread is the sum of squared gaps, in cycles, between the starts of p's stints, counting
// from the end of their history (or just before the horizon) to the end of the horizon. The
// gaps always add up to the same length, so a smaller sum of squares means a smaller
// variance: stints evenly spaced. Unit without is left out and unit with put in (-1: none).
func (s *search) spread(p, without, with int) float64 {
	prev := -1
	if h := s.m.histEnd[p]; h != noHistory {
		prev = max(h, -s.nc)
	}
	sum := 0.0
	gap := func(f int) {
		d := float64(f - prev)
		sum += d * d
		prev = f
	}
	added := with < 0
	for _, v := range s.held[p] {
		if int(v) == without {
			continue
		}
		if !added && int(v) > with {
			gap(s.us[with].first)
			added = true
		}
		gap(s.us[v].first)
	}
	if !added {
		gap(s.us[with].first)
	}
	gap(s.nc)
	return sum
}

// tieBetter decides a change that leaves the loads as they are (within rounding): fewer
// changes from the previous schedule win, then a smaller spread.
func (s *search) tieBetter(dChanges int, dSpread func() float64) bool {
	if dChanges != 0 {
		return dChanges < 0
	}
	return s.spreading && dSpread() < -eps
}

// movePass gives units to other people where that helps.
func (s *search) movePass() bool {
	improved := false
	for u := range s.us {
		if s.pinned[u] {
			continue
		}
		p := s.assign[u]
		for _, q32 := range s.m.tab.people[s.m.tab.set[u]] {
			q := int(q32)
			if q == p {
				continue
			}
			cq, ok := s.m.eligiblePrice(u, q)
			if !ok {
				continue
			}
			lp := s.load[p] - s.held1[u]/s.m.cap[p]
			lq := s.load[q] + cq/s.m.cap[q]
			if !lexLess(lp, lq, s.load[p], s.load[q]) {
				if !lexEqual(lp, lq, s.load[p], s.load[q]) || !s.tieBetter(s.changes(u, q)-s.changes(u, p), func() float64 {
					return s.spread(p, u, -1) + s.spread(q, -1, u) - s.spread(p, -1, -1) - s.spread(q, -1, -1)
				}) {
					continue
				}
			}
			if s.blocked(u, q, -1) != "" {
				continue
			}
			s.unset(u)
			s.set(u, q)
			p, improved = q, true
		}
	}
	return improved
}

// swapPass exchanges pairs of units between two people where that helps.
func (s *search) swapPass() bool {
	improved := false
	reach := len(s.us)
	if len(s.us)*len(s.us) > 2*swapPairs {
		reach = max(swapPairs/len(s.us), 1)
	}
	for u := range s.us {
		if s.pinned[u] {
			continue
		}
		for v := u + 1; v < len(s.us) && v <= u+reach; v++ {
			if !s.pinned[v] && s.tryswap(u, v) {
				improved = true
			}
		}
	}
	return improved
}

func (s *search) tryswap(u, v int) bool {
	p, q := s.assign[u], s.assign[v]
	if p == q || !s.m.eligible[q][s.us[u].slots[0].role] || !s.m.eligible[p][s.us[v].slots[0].role] {
		return false
	}
	cvp, r1 := s.m.unitPrice(v, p)
	cuq, r2 := s.m.unitPrice(u, q)
	if r1 != "" || r2 != "" {
		return false
	}
	cup, cvq := s.held1[u], s.held1[v]
	lp := s.load[p] + (cvp-cup)/s.m.cap[p]
	lq := s.load[q] + (cuq-cvq)/s.m.cap[q]
	if !lexLess(lp, lq, s.load[p], s.load[q]) {
		if !lexEqual(lp, lq, s.load[p], s.load[q]) || !s.tieBetter(s.changes(u, q)+s.changes(v, p)-s.changes(u, p)-s.changes(v, q), func() float64 {
			return s.spread(p, u, v) + s.spread(q, v, u) - s.spread(p, -1, -1) - s.spread(q, -1, -1)
		}) {
			return false
		}
	}
	if s.blocked(v, p, u) != "" || s.blocked(u, q, v) != "" {
		return false
	}
	s.unset(u)
	s.unset(v)
	s.set(u, q)
	s.set(v, p)
	return true
}

// blocks lists, for each member, the first rule that stops them taking u now.
func (s *search) blocks(u int) []Block {
	var out []Block
	for p := 0; p < s.n; p++ {
		if r := s.blocked(u, p, -1); r != "" {
			out = append(out, Block{Responder: s.m.team[p].Responder.ID, Rule: r})
		}
	}
	return out
}

// uncoverable names the first slot of u.
func (s *search) uncoverable(u int, blocks []Block) error {
	k := s.us[u].slots[0]
	for _, sl := range s.us[u].slots {
		if sl.cycle < k.cycle {
			k = sl
		}
	}
	return &UncoverableError{Slot: s.m.slotOf(k), Blocks: blocks}
}

func (m *Model) slotOf(k slotKey) Slot {
	sl := Slot{Cycle: k.cycle, Role: m.spec.Roles[k.role].Name, Start: m.cycles[k.cycle], End: m.cycles[k.cycle+1]}
	for _, j := range m.partsOf[m.at(k)] {
		sl.Parts = append(sl.Parts, calendar.Interval{Start: m.parts[j].start, End: m.parts[j].end})
	}
	return sl
}

// planOf turns the search state into shifts and their ledger.
func (m *Model) planOf(s *search) (*Plan, error) {
	plan := &Plan{}
	for u, un := range s.us {
		p := s.assign[u]
		for _, k := range un.slots {
			plan.Shifts = append(plan.Shifts, m.shiftsOf(k, p)...)
			if q, ok := m.prev[k]; ok && q != p && (m.freeze.IsZero() || !m.cycles[k.cycle].Before(m.freeze)) {
				plan.Changed++
			}
		}
	}
	plan.Shifts.Sort()
	l, err := m.Ledger(plan.Shifts)
	if err != nil {
		return nil, err
	}
	plan.Ledger = l
	return plan, nil
}
