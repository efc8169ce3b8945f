package rotation

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// Sentinel errors, for errors.Is.
var (
	// ErrInvalidProblem reports a field of a Problem that cannot be used.
	ErrInvalidProblem = errors.New("invalid rotation problem")
	// ErrInfeasible reports that no schedule satisfies the hard rules; see *UncoverableError.
	ErrInfeasible = errors.New("no schedule satisfies the rules")
	// ErrUnknownSlot reports a shift or pin that matches no slot of the horizon.
	ErrUnknownSlot = errors.New("no such slot in the horizon")
	// ErrUnknownResponder reports a responder ID that is not a member of the team.
	ErrUnknownResponder = errors.New("not a member of the team")
)

// Member is a responder in the rotation, with what they may and should carry.
type Member struct {
	Responder oncall.Responder
	// Capacity is the person's share of a full-time load: 0.5 for half time; zero means 1.
	Capacity float64
	// Roles lists the roles the person may hold; nil means every role.
	Roles []string
	// MaxStints caps the stints the person may start in any Spec.StintPeriod consecutive
	// cycles; zero means no cap.
	MaxStints int
}

// Pin is an assignment agreed in advance: Responder holds Role in the cycle starting at Start.
type Pin struct {
	Role      string    `json:"role"`
	Start     time.Time `json:"start"`
	Responder string    `json:"responder"`
}

// Problem is everything a rotation is generated from and judged against.
type Problem struct {
	Team    []Member
	Spec    Spec
	Weights Weights
	// From and To bound the horizon: the cycles whose handoff falls in [From, To).
	From, To time.Time
	// History holds past shifts; each person's burden in it minus their fair share of it is
	// carried into the horizon.
	History oncall.Schedule
	// Carried adds balances brought forward from before History (burden units, by responder
	// ID); positive means the person has carried more than their share.
	Carried map[string]float64
	// PageLoad optionally adds the page load each hour of the week can expect, learned from
	// past pages, to the burden of the shifts that hold it; the zero value adds nothing.
	PageLoad PageLoad
	// Pins are assignments that must hold.
	Pins []Pin
	// Previous is a published schedule for the horizon. Generate keeps its shifts that start
	// before Freeze; among the schedules with the best loads it changes as few of the later
	// ones as it can (the second level of its objective, searched like the first).
	Previous oncall.Schedule
	// Freeze is the re-planning date; zero means nothing is frozen.
	Freeze time.Time
	// ExactBudget is the work budget of the branch-and-bound search run after local search,
	// in person-unit evaluations; zero means DefaultExactBudget, negative skips it. Counting
	// work rather than time keeps the result the same on every machine.
	ExactBudget int
	// Seed breaks ties between equally good choices; the same Problem and Seed give the same
	// schedule.
	Seed uint64
}

// Model is a compiled Problem: calendars built, every cycle priced for every person. It is
// immutable and safe for concurrent use.
type Model struct {
	spec     Spec
	team     []Member
	cals     []*calendar.Calendar
	index    map[string]int
	roleIdx  map[string]int
	weights  [calendar.NumClasses]float64
	cap      []float64
	eligible [][]bool // [person][role]

	cycles []time.Time // cycle boundaries: cycle c is [cycles[c], cycles[c+1])
	// class groups people whose calendars differ only by leave; slotCost[k][c*R+r] and
	// partCost[k][j] are the weighted hours (role weight 1) of each slot and coverage window
	// in class k's calendar, and slotLeave/partLeave hold each person's own prices where
	// their leave touches (those slots are not free for them). See price.go.
	class     []int
	classCals []*calendar.Calendar
	slotCost  [][]float64
	partCost  [][]float64
	slotLeave []leaveRows
	partLeave []leaveRows
	// parts lists the windows of slots whose role has Coverage; partsOf[c*R+r] indexes
	// them and partAt finds one by role and start.
	parts   []part
	partsOf [][]int
	partAt  map[partKey]int
	// tables are the units and their per-class prices, built once (see units.go).
	tab *unitTable
	// pages are the learned page rates (nil when PageLoad is off); pageSlot[c*R+r] and
	// pagePart[j] are their burden per unit of role weight, added to every price.
	pages    *pageRates
	pageSlot []float64
	pagePart []float64

	carried []float64
	pins    map[slotKey]int
	prev    map[slotKey]int
	// pinAt and prevAt give the index in Problem.Pins and Problem.Previous behind each
	// pinned and previous slot, for PinError.
	pinAt, prevAt map[slotKey]int
	freeze        time.Time
	seed          uint64
	exactBudget   int
	histEnd       []int       // last history cycle index (relative, negative) per person
	histLast      []time.Time // end of each person's last history shift
	// lowerBound caches LowerBound, which Ledger reports for every schedule.
	lowerOnce  sync.Once
	lowerBound float64
	// chainFrom is the person whose history secondary ends where the horizon starts, when
	// Spec.Chain makes them the first primary; -1 otherwise.
	chainFrom int
}

type slotKey struct {
	cycle, role int
}

type part struct {
	slot       slotKey
	start, end time.Time
}

type partKey struct {
	role  int
	start int64
}

// at indexes per-slot tables.
func (m *Model) at(k slotKey) int { return k.cycle*len(m.spec.Roles) + k.role }

// Compile checks a Problem and prices it. It reports every problem found (see
// Problem.Validate), joined, each wrapping ErrInvalidProblem, ErrUnknownSlot or
// ErrUnknownResponder (or a calendar error for a bad profile).
func Compile(p Problem) (*Model, error) {
	m, errs := scaffold(p)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if err := m.price(); err != nil {
		return nil, err
	}
	m.buildUnits()
	var err error
	if m.carried, m.histEnd, err = m.carry(p.History, p.Carried); err != nil {
		return nil, err
	}
	m.chainFrom = m.chainedFrom(p.History)
	return m, nil
}

// Validate reports every field of the problem that Compile would reject, joined, without
// pricing anything: the spec, each member (id, capacity, stint cap, roles, calendar
// profile), the weights, the page load, the horizon, carried balances, the basic shape of
// each history shift, and each pin and previous shift (as *PinError). Each error wraps
// ErrInvalidProblem, ErrUnknownSlot or ErrUnknownResponder, or is a calendar error naming
// the member. It returns nil for a problem Compile accepts.
func (p Problem) Validate() error {
	_, errs := scaffold(p)
	return errors.Join(errs...)
}

// Validate reports every field of the spec that cannot be used, joined; each wraps
// ErrInvalidProblem. It returns nil for a usable spec (the zero Spec is one).
func (s Spec) Validate() error { return errors.Join(s.check()...) }

// scaffold checks p and builds the model up to its cycles and pins, before any pricing.
func scaffold(p Problem) (*Model, []error) {
	errs := p.Spec.check()
	specOK := len(errs) == 0
	spec := p.Spec.withDefaults()
	m := &Model{spec: spec, team: slices.Clone(p.Team), index: map[string]int{}, roleIdx: map[string]int{},
		weights: p.Weights.withDefaults().table(), freeze: p.Freeze, seed: p.Seed, exactBudget: p.ExactBudget}
	if m.exactBudget == 0 {
		m.exactBudget = DefaultExactBudget
	}
	for i, r := range spec.Roles {
		m.roleIdx[r.Name] = i
	}
	errs = append(errs, m.compileTeam()...)
	errs = append(errs, checkWeights(p.Weights)...)
	var pageErrs []error
	m.pages, pageErrs = m.learnPages(p.PageLoad)
	errs = append(errs, pageErrs...)
	errs = append(errs, m.checkCarried(p.Carried)...)
	errs = append(errs, m.checkHistory(p.History)...)
	if p.From.IsZero() || p.To.IsZero() || !p.To.After(p.From) {
		return m, append(errs, fmt.Errorf("rotation: horizon %s to %s: needs From before To: %w", p.From.Format(time.RFC3339), p.To.Format(time.RFC3339), ErrInvalidProblem))
	}
	if !specOK {
		return m, errs
	}
	for start, end := range spec.Cycles(p.From, p.To) {
		if len(m.cycles) == 0 {
			m.cycles = append(m.cycles, start)
		}
		m.cycles = append(m.cycles, end)
	}
	if len(m.cycles) == 0 {
		return m, append(errs, fmt.Errorf("rotation: horizon %s to %s holds no %s %s handoff: %w", p.From.Format(time.RFC3339), p.To.Format(time.RFC3339), spec.Handoff.Day, spec.Handoff.At, ErrInvalidProblem))
	}
	m.pinAt, m.prevAt = map[slotKey]int{}, map[slotKey]int{}
	var pinErrs, prevErrs []error
	m.pins, pinErrs = m.keySlots(p.Pins, false, m.pinAt)
	m.prev, prevErrs = m.keySlots(pinsOf(p.Previous), true, m.prevAt)
	return m, append(append(errs, pinErrs...), prevErrs...)
}

// checkCarried reports carried balances for people not in the team, or not finite, in
// responder order.
func (m *Model) checkCarried(carried map[string]float64) []error {
	var errs []error
	for _, id := range slices.Sorted(maps.Keys(carried)) {
		if _, ok := m.index[id]; !ok {
			errs = append(errs, fmt.Errorf("rotation: carried balance for %q: %w", id, ErrUnknownResponder))
		} else if v := carried[id]; math.IsNaN(v) || math.IsInf(v, 0) {
			errs = append(errs, fmt.Errorf("rotation: carried balance for %q %v: must be finite: %w", id, v, ErrInvalidProblem))
		}
	}
	return errs
}

// checkHistory reports history shifts that are malformed or name no member or role.
func (m *Model) checkHistory(history oncall.Schedule) []error {
	var errs []error
	for i, sh := range history {
		var err error
		if err = sh.Validate(); err == nil {
			if _, ok := m.index[sh.Responder]; !ok {
				err = ErrUnknownResponder
			} else if _, ok := m.roleIdx[sh.Role]; !ok {
				err = ErrUnknownRole
			}
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("rotation: history: %w", &ShiftError{Index: i, Shift: sh, Err: err}))
		}
	}
	return errs
}

func checkWeights(w Weights) []error {
	var errs []error
	for name, v := range map[string]float64{"business": w.Business, "off": w.Off, "sleep": w.Sleep, "weekend": w.Weekend, "holiday": w.Holiday, "leave": w.Leave} {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			errs = append(errs, fmt.Errorf("rotation: weight %s %v: must be a finite number, not negative: %w", name, v, ErrInvalidProblem))
		}
	}
	slices.SortFunc(errs, func(a, b error) int { return cmpString(a.Error(), b.Error()) })
	return errs
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (m *Model) compileTeam() []error {
	var errs []error
	for i, mem := range m.team {
		id := mem.Responder.ID
		bad := func(field string, v any, why string) {
			errs = append(errs, fmt.Errorf("rotation: member %d (%s) %s %v: %s: %w", i, id, field, v, why, ErrInvalidProblem))
		}
		if id == "" {
			bad("id", `""`, "required")
		} else if _, dup := m.index[id]; dup {
			bad("id", id, "duplicate")
		}
		m.index[id] = i
		capacity := mem.Capacity
		if capacity == 0 {
			capacity = 1
		}
		if capacity < 0 || math.IsNaN(capacity) || math.IsInf(capacity, 0) {
			bad("capacity", mem.Capacity, "must be a positive number")
		}
		if mem.MaxStints < 0 {
			bad("max stints", mem.MaxStints, "must not be negative")
		}
		el := make([]bool, len(m.spec.Roles))
		for j := range el {
			el[j] = mem.Roles == nil
		}
		for _, r := range mem.Roles {
			j, ok := m.roleIdx[r]
			if !ok {
				bad("role", r, "not a role of the rotation")
				continue
			}
			el[j] = true
		}
		c, err := calendar.New(mem.Responder.Profile)
		if err != nil {
			errs = append(errs, fmt.Errorf("rotation: member %d (%s): %w", i, id, err))
		}
		m.cals = append(m.cals, c)
		m.cap = append(m.cap, capacity)
		m.eligible = append(m.eligible, el)
	}
	return errs
}

func pinsOf(s oncall.Schedule) []Pin {
	out := make([]Pin, 0, len(s))
	for _, sh := range s {
		out = append(out, Pin{Role: sh.Role, Start: sh.Start, Responder: sh.Responder})
	}
	return out
}

// PinError reports a pin that cannot hold: one of Problem.Pins, or a shift of
// Problem.Previous that is kept because it starts before Problem.Freeze. Find it with
// errors.As; errors.Is sees the reason through it.
type PinError struct {
	// Index is the pin's index in Problem.Pins, or the shift's in Problem.Previous when
	// Previous is true.
	Index    int
	Previous bool
	Pin      Pin
	// Rule is the hard rule the pin breaks (leave, eligibility, rest...); empty when the
	// pin names no slot or no member, or contradicts another pin.
	Rule Rule
	// Err is the reason: ErrUnknownSlot, ErrUnknownResponder, ErrInvalidProblem (it
	// contradicts an earlier pin), or with Rule an *UncoverableError (ErrInfeasible).
	Err error
}

// Error implements error.
func (e *PinError) Error() string {
	what := "pin"
	if e.Previous {
		what = "previous shift"
	}
	return fmt.Sprintf("rotation: %s %d (%s as %s at %s): %v", what, e.Index, e.Pin.Responder, e.Pin.Role, e.Pin.Start.Format(time.RFC3339), e.Err)
}

// Unwrap returns the reason.
func (e *PinError) Unwrap() error { return e.Err }

// keySlots maps pins to slots, reporting pins that name no slot, no member or disagree as
// *PinError; where records the index of the pin behind each slot.
func (m *Model) keySlots(pins []Pin, previous bool, where map[slotKey]int) (map[slotKey]int, []error) {
	out := map[slotKey]int{}
	var errs []error
	for i, pin := range pins {
		fail := func(err error) { errs = append(errs, &PinError{Index: i, Previous: previous, Pin: pin, Err: err}) }
		k, ok := m.slotAt(pin.Role, pin.Start)
		if !ok {
			fail(ErrUnknownSlot)
			continue
		}
		p, ok := m.index[pin.Responder]
		if !ok {
			fail(fmt.Errorf("responder %q: %w", pin.Responder, ErrUnknownResponder))
			continue
		}
		if q, dup := out[k]; dup && q != p {
			fail(fmt.Errorf("contradicts an earlier pin for %s: %w", m.team[q].Responder.ID, ErrInvalidProblem))
			continue
		}
		out[k] = p
		if where != nil {
			where[k] = i
		}
	}
	return out, errs
}

// slotAt finds the slot of role starting at t.
func (m *Model) slotAt(role string, t time.Time) (slotKey, bool) {
	r, ok := m.roleIdx[role]
	if !ok || len(m.cycles) < 2 {
		return slotKey{}, false
	}
	c, found := slices.BinarySearchFunc(m.cycles[:len(m.cycles)-1], t, func(a, b time.Time) int { return a.Compare(b) })
	if !found {
		return slotKey{}, false
	}
	return slotKey{cycle: c, role: r}, true
}

// Slots returns the slots of the horizon, cycle by cycle; slots of roles with Coverage list
// their windows in Parts.
func (m *Model) Slots() []Slot {
	out := make([]Slot, 0, m.numCycles()*len(m.spec.Roles))
	for c := 0; c < m.numCycles(); c++ {
		for r := range m.spec.Roles {
			out = append(out, m.slotOf(slotKey{cycle: c, role: r}))
		}
	}
	return out
}

// shiftsOf returns the shifts that hold slot k for person p: the whole cycle, or one per
// coverage window.
func (m *Model) shiftsOf(k slotKey, p int) []oncall.Shift {
	id, role := m.team[p].Responder.ID, m.spec.Roles[k.role]
	if role.Coverage == nil {
		return []oncall.Shift{{Responder: id, Role: role.Name, Start: m.cycles[k.cycle], End: m.cycles[k.cycle+1]}}
	}
	var out []oncall.Shift
	for _, j := range m.partsOf[m.at(k)] {
		out = append(out, oncall.Shift{Responder: id, Role: role.Name, Start: m.parts[j].start, End: m.parts[j].end})
	}
	return out
}

// gridSlot finds the slot a shift holds exactly: a whole cycle of a round-the-clock role, or
// one window of a covered role (part is then its index, else -1).
func (m *Model) gridSlot(sh oncall.Shift) (k slotKey, part int, ok bool) {
	r, known := m.roleIdx[sh.Role]
	if !known {
		return slotKey{}, -1, false
	}
	if m.spec.Roles[r].Coverage != nil {
		j, found := m.partAt[partKey{role: r, start: sh.Start.UnixNano()}]
		if !found || !m.parts[j].end.Equal(sh.End) {
			return slotKey{}, -1, false
		}
		return m.parts[j].slot, j, true
	}
	k, found := m.slotAt(sh.Role, sh.Start)
	if !found || !m.cycles[k.cycle+1].Equal(sh.End) {
		return slotKey{}, -1, false
	}
	return k, -1, true
}

func (m *Model) numCycles() int { return max(len(m.cycles)-1, 0) }

// Team returns the members, in Problem order.
func (m *Model) Team() []Member { return slices.Clone(m.team) }

// Spec returns the rotation spec with defaults filled in.
func (m *Model) Spec() Spec { return m.spec }

// chainedFrom finds, with Spec.Chain, the member who held the last secondary of history: the
// one whose secondary shift ends exactly at the horizon's first handoff. It returns -1 when
// there is none, or when that person cannot lead the first cycle anyway (not eligible, or on
// leave), so the chain gives way rather than making the problem infeasible.
func (m *Model) chainedFrom(history oncall.Schedule) int {
	if !m.spec.Chain || m.numCycles() == 0 {
		return -1
	}
	who := -1
	for _, sh := range history {
		if sh.Role == m.spec.Roles[1].Name && sh.End.Equal(m.cycles[0]) {
			who = m.index[sh.Responder]
		}
	}
	if who < 0 || !m.eligible[who][0] {
		return -1
	}
	if _, free := m.slotPrice(who, 0); !free {
		return -1
	}
	return who
}
