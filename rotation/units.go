package rotation

import (
	"math"
)

// unit is a set of slots given to one person together: one slot, or with Spec.Chain the
// secondary of one cycle and the primary of the next.
type unit struct {
	slots       []slotKey
	first, last int // cycles spanned
}

// units splits the horizon into units, in order of first cycle.
func (m *Model) units() []unit {
	nc, nr := m.numCycles(), len(m.spec.Roles)
	var us []unit
	add := func(u unit) {
		u.first, u.last = math.MaxInt, math.MinInt
		for _, s := range u.slots {
			u.first, u.last = min(u.first, s.cycle), max(u.last, s.cycle)
		}
		us = append(us, u)
	}
	if m.spec.Chain && nc > 0 {
		for k := -1; k < nc; k++ {
			var u unit
			if k+1 < nc {
				u.slots = append(u.slots, slotKey{cycle: k + 1, role: 0})
			}
			if k >= 0 {
				u.slots = append(u.slots, slotKey{cycle: k, role: 1})
			}
			add(u)
			for r := 2; r < nr && k+1 < nc; r++ {
				add(unit{slots: []slotKey{{cycle: k + 1, role: r}}})
			}
		}
		return us
	}
	for c := 0; c < nc; c++ {
		for r := 0; r < nr; r++ {
			add(unit{slots: []slotKey{{cycle: c, role: r}}})
		}
	}
	return us
}

// unitCost is the burden of unit u for person p, and whether p is free (no leave) and
// eligible for all of it; the first rule that blocks p is returned otherwise.
func (m *Model) unitCost(u *unit, p int) (float64, Rule) {
	c := 0.0
	for _, s := range u.slots {
		if !m.eligible[p][s.role] {
			return 0, RuleEligibility
		}
		if !m.avail[p][m.at(s)] {
			return 0, RuleLeave
		}
		c += m.spec.Roles[s.role].Weight * m.cost[p][m.at(s)]
	}
	return c, ""
}

// horizonShare is each person's fair share of the whole horizon, every slot covered.
func (m *Model) horizonShare() []float64 {
	share := make([]float64, len(m.team))
	for c := 0; c < m.numCycles(); c++ {
		for r, role := range m.spec.Roles {
			i := m.at(slotKey{cycle: c, role: r})
			capFree := 0.0
			for p := range m.team {
				if m.avail[p][i] && m.eligible[p][r] {
					capFree += m.cap[p]
				}
			}
			if capFree == 0 {
				continue
			}
			for p := range m.team {
				if m.avail[p][i] && m.eligible[p][r] {
					share[p] += role.Weight * m.cost[p][i] * m.cap[p] / capFree
				}
			}
		}
	}
	return share
}

// LowerBound is a value no schedule of the model can bring the largest Load below. Loads
// weighted by capacity sum to the carried balances plus the burden carried, so the largest
// load is at least that sum over the total capacity, with each unit priced for the person it
// costs least; people who can take no unpriced unit keep their load whatever happens, and the
// others share the rest. Pinned units are priced for their holder.
func (m *Model) LowerBound() float64 {
	if len(m.team) == 0 {
		return 0
	}
	share := m.horizonShare()
	f := meanRate(share, m.cap)
	us := m.units()
	pinnedTo := m.unitPins(us)
	fixed := make([]float64, len(m.team)) // burden every schedule gives p
	flexible := make([]bool, len(m.team))
	total := 0.0
	for i := range us {
		if p, ok := pinnedTo[i]; ok {
			c, _ := m.unitCost(&us[i], p)
			fixed[p] += c
			total += c
			continue
		}
		best := math.Inf(1)
		for p := range m.team {
			if c, r := m.unitCost(&us[i], p); r == "" {
				best = min(best, c)
				flexible[p] = true
			}
		}
		if !math.IsInf(best, 1) {
			total += best
		}
	}
	lb := math.Inf(-1)
	rest, restCap := total, 0.0
	for p := range m.team {
		lo := f + (m.carried[p]+fixed[p]-share[p])/m.cap[p]
		lb = max(lb, lo)
		if flexible[p] {
			restCap += m.cap[p]
			rest += m.carried[p] - share[p] + f*m.cap[p]
		} else {
			rest -= fixed[p]
		}
	}
	if restCap > 0 {
		lb = max(lb, rest/restCap)
	}
	return lb
}

// unitPins maps unit index to pinned person, from pins and frozen previous shifts.
func (m *Model) unitPins(us []unit) map[int]int {
	out := map[int]int{}
	for i := range us {
		for _, s := range us[i].slots {
			if p, ok := m.pins[s]; ok {
				out[i] = p
			} else if p, ok := m.prev[s]; ok && !m.freeze.IsZero() && m.cycles[s.cycle].Before(m.freeze) {
				if _, pinned := out[i]; !pinned {
					out[i] = p
				}
			}
		}
	}
	return out
}
