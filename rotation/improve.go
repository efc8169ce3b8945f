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

// maxPasses bounds the local search; each pass either improves or ends it.
const maxPasses = 200

// improve runs moves and swaps until none lowers the sorted load vector.
func (s *search) improve() {
	for pass := 0; pass < maxPasses; pass++ {
		if !s.movePass() && !s.swapPass() && !s.assignPass() {
			return
		}
	}
}

// movePass gives units to other people where that helps.
func (s *search) movePass() bool {
	improved := false
	for u := range s.us {
		if s.pinned[u] {
			continue
		}
		p := s.assign[u]
		for q := 0; q < s.n; q++ {
			cq := s.cost[u*s.n+q]
			if q == p || math.IsNaN(cq) {
				continue
			}
			lp := s.load[p] - s.cost[u*s.n+p]/s.m.cap[p]
			lq := s.load[q] + cq/s.m.cap[q]
			if !lexLess(lp, lq, s.load[p], s.load[q]) || s.blocked(u, q, -1) != "" {
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
	for u := range s.us {
		if s.pinned[u] {
			continue
		}
		for v := u + 1; v < len(s.us); v++ {
			if !s.pinned[v] && s.tryswap(u, v) {
				improved = true
			}
		}
	}
	return improved
}

func (s *search) tryswap(u, v int) bool {
	p, q := s.assign[u], s.assign[v]
	if p == q {
		return false
	}
	cup, cvp, cuq, cvq := s.cost[u*s.n+p], s.cost[v*s.n+p], s.cost[u*s.n+q], s.cost[v*s.n+q]
	if math.IsNaN(cvp) || math.IsNaN(cuq) {
		return false
	}
	lp := s.load[p] + (cvp-cup)/s.m.cap[p]
	lq := s.load[q] + (cuq-cvq)/s.m.cap[q]
	if !lexLess(lp, lq, s.load[p], s.load[q]) {
		return false
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
