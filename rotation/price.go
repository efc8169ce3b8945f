package rotation

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// Pricing is shared between people whose calendars differ only in their leave: a team of
// hundreds usually has a handful of distinct zone, region and working-hour profiles. Each
// such class is priced once for every slot and window; a person's own leave is priced
// separately, for the few slots it touches. Memory is then linear in slots (times classes)
// rather than in slots times people.

// leaveRows are the slots (or windows) one person's leave touches, sorted by index, with
// what they cost that person; everything else costs the class price and is free.
type leaveRows struct {
	at   []int32
	cost []float64
}

func (l *leaveRows) find(i int) (float64, bool) {
	if len(l.at) == 0 || int32(i) < l.at[0] || int32(i) > l.at[len(l.at)-1] {
		return 0, false
	}
	k, ok := slices.BinarySearch(l.at, int32(i))
	if !ok {
		return 0, false
	}
	return l.cost[k], true
}

// classify groups people whose profiles are equal once leave is set aside.
func (m *Model) classify() error {
	m.class = make([]int, len(m.team))
	var reps []calendar.Profile
	for p, mem := range m.team {
		prof := mem.Responder.Profile
		prof.Leave = nil
		k := slices.IndexFunc(reps, func(r calendar.Profile) bool { return reflect.DeepEqual(r, prof) })
		if k < 0 {
			c, err := calendar.New(prof)
			if err != nil {
				return fmt.Errorf("rotation: member %d (%s): %w", p, mem.Responder.ID, err)
			}
			k = len(reps)
			reps = append(reps, prof)
			m.classCals = append(m.classCals, c)
		}
		m.class[p] = k
	}
	return nil
}

// price computes each class's weighted hours for every slot and window, then each person's
// leave.
func (m *Model) price() error {
	nc, nr := m.numCycles(), len(m.spec.Roles)
	m.partsOf = make([][]int, nc*nr)
	m.partAt = map[partKey]int{}
	for c := 0; c < nc; c++ {
		for r, role := range m.spec.Roles {
			if role.Coverage == nil {
				continue
			}
			for _, iv := range role.Coverage.parts(m.cycles[c], m.cycles[c+1], m.spec.Zone) {
				k := slotKey{cycle: c, role: r}
				m.partAt[partKey{role: r, start: iv.Start.UnixNano()}] = len(m.parts)
				m.partsOf[m.at(k)] = append(m.partsOf[m.at(k)], len(m.parts))
				m.parts = append(m.parts, part{slot: k, start: iv.Start, end: iv.End})
			}
		}
	}
	m.pricePages()
	if err := m.classify(); err != nil {
		return err
	}
	m.slotCost, m.partCost = make([][]float64, len(m.classCals)), make([][]float64, len(m.classCals))
	for k, c := range m.classCals {
		var err error
		if m.slotCost[k], m.partCost[k], err = m.priceCalendar(c, "class "+fmt.Sprint(k)); err != nil {
			return err
		}
	}
	m.slotLeave, m.partLeave = make([]leaveRows, len(m.team)), make([]leaveRows, len(m.team))
	for p := range m.team {
		if err := m.priceLeave(p); err != nil {
			return err
		}
	}
	return nil
}

// split prices [start, end) in calendar c: weighted hours and whether none of it is leave.
func (m *Model) split(c *calendar.Calendar, who string, start, end time.Time) (float64, bool, error) {
	b, err := c.Split(start, end)
	if err != nil {
		return 0, false, fmt.Errorf("rotation: pricing %s to %s for %s: %w", start.Format(time.RFC3339), end.Format(time.RFC3339), who, err)
	}
	return weigh(b, &m.weights), b.With(calendar.FlagLeave) == 0, nil
}

// priceCalendar prices every slot and window of the horizon in c.
func (m *Model) priceCalendar(c *calendar.Calendar, who string) (slots, parts []float64, err error) {
	nc, nr := m.numCycles(), len(m.spec.Roles)
	parts = make([]float64, len(m.parts))
	for i, pt := range m.parts {
		if parts[i], _, err = m.split(c, who, pt.start, pt.end); err != nil {
			return nil, nil, err
		}
		parts[i] += m.pageOfPart(i)
	}
	slots = make([]float64, nc*nr)
	for k := 0; k < nc; k++ {
		full, priced := 0.0, false
		for r, role := range m.spec.Roles {
			i := k*nr + r
			if role.Coverage != nil {
				for _, j := range m.partsOf[i] {
					slots[i] += parts[j]
				}
				continue
			}
			if !priced {
				if full, _, err = m.split(c, who, m.cycles[k], m.cycles[k+1]); err != nil {
					return nil, nil, err
				}
				priced = true
			}
			slots[i] = full + m.pageOfSlot(i)
		}
	}
	return slots, parts, nil
}

// priceLeave prices, in p's own calendar, the slots and windows p's leave touches.
func (m *Model) priceLeave(p int) error {
	who, cal := m.team[p].Responder.ID, m.cals[p]
	nr := len(m.spec.Roles)
	slotSet := map[int]bool{}
	partSet := map[int]bool{}
	for _, l := range m.team[p].Responder.Profile.Leave {
		if !l.End.After(l.Start) {
			continue
		}
		// Cycles c with cycles[c] < l.End and cycles[c+1] > l.Start.
		lo := sort.Search(m.numCycles(), func(c int) bool { return m.cycles[c+1].After(l.Start) })
		for c := lo; c < m.numCycles() && m.cycles[c].Before(l.End); c++ {
			for r := 0; r < nr; r++ {
				i := c*nr + r
				if m.spec.Roles[r].Coverage == nil {
					slotSet[i] = true
					continue
				}
				for _, j := range m.partsOf[i] {
					if m.parts[j].start.Before(l.End) && m.parts[j].end.After(l.Start) {
						partSet[j] = true
						slotSet[i] = true
					}
				}
			}
		}
	}
	parts := sortedKeys(partSet)
	pl := leaveRows{at: make([]int32, 0, len(parts)), cost: make([]float64, 0, len(parts))}
	for _, j := range parts {
		c, free, err := m.split(cal, who, m.parts[j].start, m.parts[j].end)
		if err != nil {
			return err
		}
		c += m.pageOfPart(j)
		if !free {
			pl.at, pl.cost = append(pl.at, int32(j)), append(pl.cost, c)
		}
	}
	m.partLeave[p] = pl
	slots := sortedKeys(slotSet)
	sl := leaveRows{}
	for _, i := range slots {
		var c float64
		free := true
		if m.spec.Roles[i%nr].Coverage == nil {
			var err error
			if c, free, err = m.split(cal, who, m.cycles[i/nr], m.cycles[i/nr+1]); err != nil {
				return err
			}
			c += m.pageOfSlot(i)
		} else {
			for _, j := range m.partsOf[i] {
				pc, ok := pl.find(j)
				if !ok {
					pc = m.partCost[m.class[p]][j]
				}
				c += pc
				free = free && !ok
			}
		}
		if !free {
			sl.at, sl.cost = append(sl.at, int32(i)), append(sl.cost, c)
		}
	}
	m.slotLeave[p] = sl
	return nil
}

func sortedKeys(set map[int]bool) []int {
	out := make([]int, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// slotPrice is the weighted hours of slot i (role weight 1) for p, and whether p is free of
// leave for all of it.
func (m *Model) slotPrice(p, i int) (float64, bool) {
	if c, ok := m.slotLeave[p].find(i); ok {
		return c, false
	}
	return m.slotCost[m.class[p]][i], true
}

// partPrice is slotPrice for window j.
func (m *Model) partPrice(p, j int) (float64, bool) {
	if c, ok := m.partLeave[p].find(j); ok {
		return c, false
	}
	return m.partCost[m.class[p]][j], true
}

// pricePages prices the expected page load of every round-the-clock slot and every window,
// once: it is the same whoever holds them.
func (m *Model) pricePages() {
	if m.pages == nil {
		return
	}
	nc, nr := m.numCycles(), len(m.spec.Roles)
	m.pageSlot = make([]float64, nc*nr)
	for c := 0; c < nc; c++ {
		for r, role := range m.spec.Roles {
			if role.Coverage == nil {
				m.pageSlot[c*nr+r] = m.pageCost(r, m.cycles[c], m.cycles[c+1])
			}
		}
	}
	m.pagePart = make([]float64, len(m.parts))
	for j, pt := range m.parts {
		m.pagePart[j] = m.pageCost(pt.slot.role, pt.start, pt.end)
	}
}

func (m *Model) pageOfSlot(i int) float64 {
	if m.pageSlot == nil {
		return 0
	}
	return m.pageSlot[i]
}

func (m *Model) pageOfPart(j int) float64 {
	if m.pagePart == nil {
		return 0
	}
	return m.pagePart[j]
}
