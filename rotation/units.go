package rotation

import (
	"math"
	"slices"
	"time"
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
			if k := (slotKey{cycle: c, role: r}); m.spec.Roles[r].Coverage == nil || len(m.partsOf[m.at(k)]) > 0 {
				// A covered role whose windows miss the cycle entirely has nothing to hold:
				// no unit, so it counts toward no one's rest or stints, as in Check.
				add(unit{slots: []slotKey{k}})
			}
		}
	}
	return us
}

// spans calls f with each interval unit u is held over: whole cycles for round-the-clock
// roles, the windows for covered ones.
func (m *Model) spans(u *unit, f func(start, end time.Time) bool) bool {
	for _, k := range u.slots {
		if m.spec.Roles[k.role].Coverage == nil {
			if !f(m.cycles[k.cycle], m.cycles[k.cycle+1]) {
				return false
			}
			continue
		}
		for _, j := range m.partsOf[m.at(k)] {
			if !f(m.parts[j].start, m.parts[j].end) {
				return false
			}
		}
	}
	return true
}

// overlapInTime reports whether units a and b are held at some common instant. Units in the
// same cycle need not be: a weekday layer and a weekend layer, or two regions' daytimes.
func (m *Model) overlapInTime(a, b *unit) bool {
	clash := false
	m.spans(a, func(s1, e1 time.Time) bool {
		m.spans(b, func(s2, e2 time.Time) bool {
			clash = s1.Before(e2) && s2.Before(e1)
			return !clash
		})
		return !clash
	})
	return clash
}

// unitCost is the burden of unit u for person p, and whether p is free (no leave) and
// eligible for all of it; the first rule that blocks p is returned otherwise.
func (m *Model) unitCost(u *unit, p int) (float64, Rule) {
	c := 0.0
	for _, s := range u.slots {
		if !m.eligible[p][s.role] {
			return 0, RuleEligibility
		}
		sc, free := m.slotPrice(p, m.at(s))
		if !free {
			return 0, RuleLeave
		}
		c += m.spec.Roles[s.role].Weight * sc
	}
	return c, ""
}

// unitTable holds the units of the horizon, who may take each, and their price for each
// class of calendar: memory linear in units.
type unitTable struct {
	us []unit
	// set[u] indexes people: the members eligible for every role of unit u.
	set    []int32
	people [][]int32
	// cost[u*classes+k] is unit u's burden in class k's calendar (role weights applied).
	cost    []float64
	classes int
}

func (m *Model) buildUnits() {
	t := &unitTable{us: m.units(), classes: len(m.classCals)}
	t.set = make([]int32, len(t.us))
	t.cost = make([]float64, len(t.us)*t.classes)
	sets := map[string]int32{}
	for u := range t.us {
		key := make([]byte, 0, 8)
		for _, s := range t.us[u].slots {
			key = append(key, byte(s.role), byte(s.role>>8), byte(s.role>>16), byte(s.role>>24))
		}
		id, ok := sets[string(key)]
		if !ok {
			id = int32(len(t.people))
			sets[string(key)] = id
			var ps []int32
			for p := range m.team {
				if !slices.ContainsFunc(t.us[u].slots, func(s slotKey) bool { return !m.eligible[p][s.role] }) {
					ps = append(ps, int32(p))
				}
			}
			t.people = append(t.people, ps)
		}
		t.set[u] = id
		for k := 0; k < t.classes; k++ {
			c := 0.0
			for _, s := range t.us[u].slots {
				c += m.spec.Roles[s.role].Weight * m.slotCost[k][m.at(s)]
			}
			t.cost[u*t.classes+k] = c
		}
	}
	m.tab = t
}

// unitPrice is unitCost of unit u of the table, from the class prices unless p's leave
// touches it.
func (m *Model) unitPrice(u, p int) (float64, Rule) {
	t := m.tab
	for _, s := range t.us[u].slots {
		if !m.eligible[p][s.role] {
			return 0, RuleEligibility
		}
		if _, onLeave := m.slotLeave[p].find(m.at(s)); onLeave {
			return 0, RuleLeave
		}
	}
	return t.cost[u*t.classes+m.class[p]], ""
}

// eligiblePrice is unitPrice for a person known to be eligible (one of the unit's set):
// the price, or false when p's leave touches the unit.
func (m *Model) eligiblePrice(u, p int) (float64, bool) {
	t := m.tab
	if l := &m.slotLeave[p]; len(l.at) > 0 {
		for _, s := range t.us[u].slots {
			if _, onLeave := l.find(m.at(s)); onLeave {
				return 0, false
			}
		}
	}
	return t.cost[u*t.classes+m.class[p]], true
}

// horizonShare is each person's fair share of the whole horizon, every slot covered. A
// slot's burden is owed by the eligible people free for it, in proportion to capacity; it
// is summed per class and role, then each person's leave is taken off, so the work is linear
// in slots plus people.
func (m *Model) horizonShare() []float64 {
	nc, nr := m.numCycles(), len(m.spec.Roles)
	capFree := m.freeCapacity()
	perClass := make([]float64, len(m.classCals)*nr) // [k*nr+r]
	for i := 0; i < nc*nr; i++ {
		cf, ok := capFree(i)
		if !ok {
			continue
		}
		w := m.spec.Roles[i%nr].Weight
		for k := range m.classCals {
			perClass[k*nr+i%nr] += w * m.slotCost[k][i] / cf
		}
	}
	share := make([]float64, len(m.team))
	for p := range m.team {
		k := m.class[p]
		for r := 0; r < nr; r++ {
			if m.eligible[p][r] {
				share[p] += perClass[k*nr+r]
			}
		}
		for _, i := range m.slotLeave[p].at {
			r := int(i) % nr
			if cf, ok := capFree(int(i)); ok && m.eligible[p][r] {
				share[p] -= m.spec.Roles[r].Weight * m.slotCost[k][i] / cf
			}
		}
		share[p] *= m.cap[p]
	}
	return share
}

// freeCapacity returns, for slot i (Model.at), the capacity of the people eligible for its
// role and not on leave in it, who share it by capacity; false when there is nobody.
func (m *Model) freeCapacity() func(i int) (float64, bool) {
	nc, nr := m.numCycles(), len(m.spec.Roles)
	capElig, nElig := make([]float64, nr), make([]int, nr)
	for p := range m.team {
		for r := 0; r < nr; r++ {
			if m.eligible[p][r] {
				capElig[r] += m.cap[p]
				nElig[r]++
			}
		}
	}
	// Capacity and head count on leave per slot, among the eligible.
	lessCap, lessN := make([]float64, nc*nr), make([]int32, nc*nr)
	for p := range m.team {
		for _, i := range m.slotLeave[p].at {
			if m.eligible[p][int(i)%nr] {
				lessCap[i] += m.cap[p]
				lessN[i]++
			}
		}
	}
	return func(i int) (float64, bool) {
		r := i % nr
		if nElig[r]-int(lessN[i]) <= 0 {
			return 0, false
		}
		return capElig[r] - lessCap[i], true
	}
}

// LowerBound is a value below which no schedule of the model that keeps its rules and gives
// each unit (a slot, or a chained pair) whole to one person can bring the largest Load. A
// schedule that splits a slot between people can price lower, so Ledger reports the bound
// only for whole-unit schedules. It is the aggregate bound raised by certificates, each
// proven for every such schedule (see bound.go):
//
//   - aggregate: loads weighted by capacity sum to the carried balances plus the burden
//     carried, so the largest load is at least that sum over the total capacity, each unit
//     priced for the person it costs least (people who can take no unpriced unit keep their
//     load, the others share the rest); the same over each pool of people eligible for some
//     role (see poolBound);
//   - threshold: whoever takes a unit ends at least at their load before it plus its cost;
//   - counting: below a value T each person can hold only so many units (as many of their
//     cheapest as fit under T, and no more than the rest rule and stint caps allow), and
//     only so many of the units that cost at least a given amount to everyone; if those
//     numbers fall short of the units (team-wide, or within a pool of people eligible for
//     some units), T is out of reach;
//   - room and Lagrangian: each person's room under T is cut to what their units can
//     actually fill (the largest subset sum that fits), and the burden each pool must carry
//     is compared with its members' rooms; in general, the dual of the LP relaxation of
//     WriteLP's program without its rest, overlap and stint rows, with those rooms.
//
// The largest value the certificates prove out of reach is found by bisection. The search
// is capped by a fixed amount of work (boundWork), so on very large models it may stop short
// of what the certificates could prove; what it returns is still proven. On models with more
// than boundPairs (unit, person) pairs only the aggregate and threshold bounds are used.
// Pinned and frozen units are priced for their holder. It is computed once per model.
func (m *Model) LowerBound() float64 {
	m.lowerOnce.Do(func() { m.lowerBound = m.lowerBoundOnce() })
	return m.lowerBound
}

func (m *Model) lowerBoundOnce() float64 {
	if len(m.team) == 0 {
		return 0
	}
	lb, base, pinnedTo := m.aggregateBound()
	return m.tightBound(lb, base, pinnedTo)
}

// aggregateBound is the aggregate bound, with each person's load before the free units are
// given out (base) and the pinned units.
func (m *Model) aggregateBound() (lb float64, base []float64, pinnedTo map[int]int) {
	share := m.horizonShare()
	f := meanRate(share, m.cap)
	us := m.tab.us
	pinnedTo = m.unitPins(us)
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
		for _, p := range m.tab.people[m.tab.set[i]] {
			if c, r := m.unitPrice(i, int(p)); r == "" {
				best = min(best, c)
				flexible[p] = true
			}
		}
		if !math.IsInf(best, 1) {
			total += best
		}
	}
	lb = math.Inf(-1)
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
	lb = max(lb, m.poolBound(pinnedTo, fixed, share, f))
	base = make([]float64, len(m.team))
	for p := range base {
		base[p] = f + (m.carried[p]+fixed[p]-share[p])/m.cap[p]
	}
	return lb, base, pinnedTo
}

// poolBound applies the same averaging to each pool of people eligible for some unit: the
// units only that pool can take (at their cheapest within it) must be carried by its members
// alone, on top of their own balances. Fair shares already follow eligibility, so a pool
// only binds when its members bring carried balances or pins that the rest of the team
// does not share; then it can be much tighter than the team-wide average.
func (m *Model) poolBound(pinnedTo map[int]int, fixed, share []float64, f float64) float64 {
	t := m.tab
	lb := math.Inf(-1)
	in := make([]bool, len(m.team))
	for _, pool := range t.people {
		if len(pool) == 0 {
			continue
		}
		for _, p := range pool {
			in[p] = true
		}
		inside := make([]bool, len(t.people))
		for other, ps := range t.people {
			inside[other] = !slices.ContainsFunc(ps, func(p int32) bool { return !in[p] })
		}
		sum, capacity := 0.0, 0.0
		for _, p := range pool {
			sum += f*m.cap[p] + m.carried[p] + fixed[p] - share[p]
			capacity += m.cap[p]
		}
		for u := range t.us {
			if _, pinned := pinnedTo[u]; pinned || !inside[t.set[u]] {
				continue
			}
			best := math.Inf(1)
			for _, p := range t.people[t.set[u]] {
				if c, ok := m.eligiblePrice(u, int(p)); ok {
					best = min(best, c)
				}
			}
			if !math.IsInf(best, 1) {
				sum += best
			}
		}
		lb = max(lb, sum/capacity)
		for _, p := range pool {
			in[p] = false
		}
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
	if _, pinned := out[0]; !pinned && m.chainFrom >= 0 && len(us) > 0 {
		out[0] = m.chainFrom
	}
	return out
}

// chainsFromHistory reports whether unit u is the horizon's first primary and p held the
// secondary that ends where the horizon starts: with Spec.Chain that person leads next, and
// it is one stint, not a new one after no rest.
func (m *Model) chainsFromHistory(u, p int) bool {
	return m.chainFrom >= 0 && p == m.chainFrom && u == 0
}
