package rotation

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// Violation is one broken rule in a schedule.
type Violation struct {
	Rule Rule `json:"rule"`
	// Index is the shift of the schedule that breaks the rule, or -1 for a coverage gap or a
	// pin with no shift.
	Index     int       `json:"index"`
	Responder string    `json:"responder,omitempty"`
	Role      string    `json:"role,omitempty"`
	Start     time.Time `json:"start"`
	End       time.Time `json:"end"`
	Detail    string    `json:"detail"`
}

// String describes the violation in one line.
func (v Violation) String() string {
	who := v.Responder
	if who == "" {
		who = "nobody"
	}
	return fmt.Sprintf("%s: %s as %s %s to %s: %s", v.Rule, who, v.Role, v.Start.Format(time.RFC3339), v.End.Format(time.RFC3339), v.Detail)
}

// Check returns every violation of the hard rules in s over the model's horizon, sorted by
// start, then rule. Shifts naming unknown people or roles are reported as errors, as Ledger
// does. History counts for the rest rule: a first stint too soon after the last past one is
// a violation.
func (m *Model) Check(s oncall.Schedule) ([]Violation, error) {
	var out []Violation
	for i, sh := range s {
		if err := sh.Validate(); err != nil {
			return nil, &ShiftError{Index: i, Shift: sh, Err: err}
		}
		if _, ok := m.index[sh.Responder]; !ok {
			return nil, &ShiftError{Index: i, Shift: sh, Err: ErrUnknownResponder}
		}
		if _, ok := m.roleIdx[sh.Role]; !ok {
			return nil, &ShiftError{Index: i, Shift: sh, Err: ErrUnknownRole}
		}
		vs, err := m.checkShift(i, sh)
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
	}
	out = append(out, m.checkCoverage(s)...)
	out = append(out, m.checkStints(s)...)
	out = append(out, m.checkPins(s)...)
	slices.SortStableFunc(out, func(a, b Violation) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Rule, b.Rule); c != 0 {
			return c
		}
		return cmp.Compare(a.Index, b.Index)
	})
	return out, nil
}

func violation(r Rule, i int, sh oncall.Shift, detail string) Violation {
	return Violation{Rule: r, Index: i, Responder: sh.Responder, Role: sh.Role, Start: sh.Start, End: sh.End, Detail: detail}
}

// checkShift checks the rules one shift can break alone: leave and eligibility.
func (m *Model) checkShift(i int, sh oncall.Shift) ([]Violation, error) {
	var out []Violation
	p, r := m.index[sh.Responder], m.roleIdx[sh.Role]
	if !m.eligible[p][r] {
		out = append(out, violation(RuleEligibility, i, sh, "may not hold "+sh.Role))
	}
	onLeave := false
	if k, part, ok := m.gridSlot(sh); ok && part >= 0 {
		_, free := m.partPrice(p, part)
		onLeave = !free
	} else if ok {
		_, free := m.slotPrice(p, m.at(k))
		onLeave = !free
	} else {
		b, err := m.cals[p].Split(sh.Start, sh.End)
		if err != nil {
			return nil, &ShiftError{Index: i, Shift: sh, Err: err}
		}
		onLeave = b.With(calendar.FlagLeave) > 0
	}
	if onLeave {
		out = append(out, violation(RuleLeave, i, sh, "on call during leave"))
	}
	return out, nil
}

// checkCoverage reports stretches of the horizon a role leaves empty or doubly held, and
// people holding two shifts at once.
func (m *Model) checkCoverage(s oncall.Schedule) []Violation {
	var out []Violation
	if len(m.cycles) < 2 {
		return nil
	}
	from, to := m.cycles[0], m.cycles[len(m.cycles)-1]
	gaps := func(role string, from, to time.Time) {
		for _, g := range s.Gaps(role, from, to) {
			out = append(out, Violation{Rule: RuleCoverage, Index: -1, Role: role, Start: g.Start, End: g.End, Detail: "nobody on call"})
		}
	}
	for _, r := range m.spec.Roles {
		if r.Coverage == nil {
			gaps(r.Name, from, to)
		}
	}
	for _, pt := range m.parts {
		gaps(m.spec.Roles[pt.slot.role].Name, pt.start, pt.end)
	}
	for _, o := range s.Overlaps() {
		a := s[o.A]
		v := Violation{Index: o.B, Responder: s[o.B].Responder, Role: s[o.B].Role, Start: o.Start, End: o.End}
		if o.Kind == oncall.SameRole {
			v.Rule, v.Detail = RuleCoverage, fmt.Sprintf("two people hold %s (with shift %d, %s)", a.Role, o.A, a.Responder)
		} else {
			v.Rule, v.Detail = RuleOverlap, fmt.Sprintf("also on call as %s (shift %d)", a.Role, o.A)
		}
		out = append(out, v)
	}
	return out
}

// stint is one person's turn on call: one slot (all the windows of a covered role's slot),
// or with Spec.Chain a secondary slot and the primary slot that follows it without a break.
// Back-to-back slots that are not a chain pair are separate stints, so a rest rule keeps
// people from holding cycle after cycle.
type stint struct {
	first      int // index of the shift that starts it
	start, end time.Time
	slots      int
	lastRole   string
	last       slotKey
	onGrid     bool
	cycle      int // the cycle it starts in, counted from the horizon
}

func (m *Model) stintsOf(s oncall.Schedule) map[int][]stint {
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return s[a].Start.Compare(s[b].Start) })
	out := map[int][]stint{}
	type held struct {
		p int
		k slotKey
	}
	open := map[held]int{} // the stint holding each person's on-grid slot
	for _, i := range idx {
		p := m.index[s[i].Responder]
		st := out[p]
		k, _, onGrid := m.gridSlot(s[i])
		if j, ok := open[held{p, k}]; ok && onGrid {
			// Another window of a slot already begun: the same stint, even when a shift of
			// another layer came in between.
			st[j].end = later(st[j].end, s[i].End)
			continue
		}
		if n := len(st); n > 0 && m.chains(st[n-1], s[i]) {
			st[n-1].end, st[n-1].slots, st[n-1].lastRole, st[n-1].last, st[n-1].onGrid = s[i].End, 2, s[i].Role, k, onGrid
			continue
		}
		c := k.cycle
		if !onGrid {
			c = floorDiv(civilDays(s[i].Start, m.spec.Zone)-civilDays(m.cycles[0], m.spec.Zone), m.spec.CycleDays)
		}
		if onGrid {
			open[held{p, k}] = len(st)
		}
		out[p] = append(st, stint{first: i, start: s[i].Start, end: s[i].End, slots: 1, lastRole: s[i].Role, last: k, onGrid: onGrid, cycle: c})
	}
	return out
}

// chains reports whether sh continues the stint as the primary after its secondary.
func (m *Model) chains(st stint, sh oncall.Shift) bool {
	return m.spec.Chain && st.slots == 1 && st.lastRole == m.spec.Roles[1].Name &&
		sh.Role == m.spec.Roles[0].Name && sh.Start.Equal(st.end)
}

// checkStints checks rest between stints and the cap on stints per period, counting whole
// days in the reference zone so clock changes do not matter.
func (m *Model) checkStints(s oncall.Schedule) []Violation {
	var out []Violation
	restDays := m.spec.MinCyclesOff * m.spec.CycleDays
	byPerson := m.stintsOf(s)
	for p := range m.team {
		st := byPerson[p]
		prevEnd, prevCycle, prevOnGrid := m.histLast[p], m.histEnd[p], true
		for k, x := range st {
			if restDays > 0 && !prevEnd.IsZero() && !(k == 0 && m.continuesChain(p, s[x.first])) {
				if x.onGrid && prevOnGrid {
					// Whole cycles, as the rule is stated: a covered window that ends early in
					// its cycle does not start the rest early.
					if off := x.cycle - prevCycle - 1; off < m.spec.MinCyclesOff {
						out = append(out, violation(RuleRest, x.first, s[x.first], fmt.Sprintf("%d whole cycles after the previous stint; %d needed", off, m.spec.MinCyclesOff)))
					}
				} else if gap := civilDays(x.start, m.spec.Zone) - civilDays(prevEnd, m.spec.Zone); gap < restDays {
					out = append(out, violation(RuleRest, x.first, s[x.first], fmt.Sprintf("%d days after the previous stint; %d needed", gap, restDays)))
				}
			}
			prevEnd, prevCycle, prevOnGrid = x.end, x.last.cycle, x.onGrid
			limit := m.team[p].MaxStints
			if limit == 0 || k < limit {
				continue
			}
			// Count by cycle, as the rule is stated: a covered role's stint can start late in
			// its cycle, so counting days would misjudge it.
			if x.cycle-st[k-limit].cycle < m.spec.StintPeriod {
				out = append(out, violation(RuleMaxStints, x.first, s[x.first], fmt.Sprintf("stint %d within %d cycles; at most %d", limit+1, m.spec.StintPeriod, limit)))
			}
		}
	}
	return out
}

// checkPins reports pins the schedule does not honour.
func (m *Model) checkPins(s oncall.Schedule) []Violation {
	keys := make([]slotKey, 0, len(m.pins))
	for k := range m.pins {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b slotKey) int {
		if c := cmp.Compare(a.cycle, b.cycle); c != 0 {
			return c
		}
		return cmp.Compare(a.role, b.role)
	})
	var out []Violation
	for _, k := range keys {
		sl := m.slotOf(k)
		want := m.team[m.pins[k]].Responder.ID
		held := func(start, end time.Time) bool {
			return slices.ContainsFunc(s, func(sh oncall.Shift) bool {
				return sh.Role == sl.Role && sh.Responder == want && sh.Start.Equal(start) && sh.End.Equal(end)
			})
		}
		ok := true
		for _, sh := range m.shiftsOf(k, m.pins[k]) {
			ok = ok && held(sh.Start, sh.End)
		}
		if !ok {
			out = append(out, Violation{Rule: RulePinned, Index: -1, Responder: want, Role: sl.Role, Start: sl.Start, End: sl.End, Detail: "pinned shift missing"})
		}
	}
	return out
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// continuesChain reports whether sh, p's first shift of the horizon, is the primary that
// follows p's history secondary under Spec.Chain: one stint, so no rest is due before it.
func (m *Model) continuesChain(p int, sh oncall.Shift) bool {
	return m.chainFrom == p && sh.Role == m.spec.Roles[0].Name && sh.Start.Equal(m.cycles[0])
}
