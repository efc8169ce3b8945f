package rotation

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// Account is one person's line in a Ledger. Burden, Share, Carried and Balance are in burden
// units: weighted hours (see Weights) times role weight.
type Account struct {
	Responder string  `json:"responder"`
	Capacity  float64 `json:"capacity"`
	Shifts    int     `json:"shifts"`
	// Hours is the time on call by class, in the person's own calendar.
	Hours calendar.Breakdown `json:"seconds_by_class"`
	// Burden is the weighted time the person carried in the schedule, plus the expected page
	// load of its hours when Problem.PageLoad is on.
	Burden float64 `json:"burden"`
	// Share is what the person owed: for each shift, its burden (priced in this person's
	// calendar) times their capacity over the total capacity of everyone able to take it. It
	// is the burden they would expect if each shift went by lottery, weighted by capacity,
	// among the people free and eligible for it.
	Share float64 `json:"share"`
	// Carried is the balance brought in from history.
	Carried float64 `json:"carried"`
	// Balance is Carried + Burden - Share: positive means the person has done more than their
	// share.
	Balance float64 `json:"balance"`
	// Load is the capacity-normalised load the generator minimises: the team's mean share per
	// unit of capacity plus Balance / Capacity. With no history and no leave it is burden per
	// unit of capacity.
	Load float64 `json:"load"`
}

// Indices summarise how evenly Load is spread. Gini, Jain and CV need positive loads and are
// NaN otherwise (written as null in JSON).
type Indices struct {
	Max    float64 `json:"max"`
	Min    float64 `json:"min"`
	Mean   float64 `json:"mean"`
	Spread float64 `json:"spread"` // Max - Min
	// MaxOverMean is Max / Mean; 1 is perfectly even.
	MaxOverMean float64 `json:"max_over_mean"`
	// Gini is the mean absolute difference over twice the mean: 0 even, towards 1 uneven.
	Gini float64 `json:"gini"`
	// Jain is (sum x)^2 / (n sum x^2): 1 even, 1/n when one person carries everything.
	Jain float64 `json:"jain"`
	// CV is the population standard deviation over the mean.
	CV float64 `json:"cv"`
}

// Ledger is the burden account of a schedule.
type Ledger struct {
	Accounts []Account `json:"accounts"`
	Indices  Indices   `json:"indices"`
	// LowerBound is Model.LowerBound: no schedule that keeps the model's rules and gives each
	// of its units whole to one person can bring the largest Load below it. It is NaN (null
	// in JSON) when the schedule judged is not of that kind (a shift off the model's cycles
	// or windows, a slot or a chained pair shared between people), because such a schedule
	// can price below any bound for whole units: a week split into each person's daytime
	// halves costs less than either whole week. A schedule that breaks a rule (Check) may
	// also come out below it.
	LowerBound float64 `json:"lower_bound"`
}

// MarshalJSON writes the ledger with a NaN bound as null.
func (l Ledger) MarshalJSON() ([]byte, error) {
	type out struct {
		Accounts   []Account `json:"accounts"`
		Indices    Indices   `json:"indices"`
		LowerBound jsonFloat `json:"lower_bound"`
	}
	return marshal(out{l.Accounts, l.Indices, jsonFloat(l.LowerBound)})
}

// ShiftError reports a shift of a schedule that cannot be accounted.
type ShiftError struct {
	Index int
	Shift oncall.Shift
	Err   error
}

// Error implements error.
func (e *ShiftError) Error() string {
	return fmt.Sprintf("rotation: shift %d (%s as %s at %s): %v", e.Index, e.Shift.Responder, e.Shift.Role, e.Shift.Start.Format(time.RFC3339), e.Err)
}

// Unwrap returns the underlying error.
func (e *ShiftError) Unwrap() error { return e.Err }

// ErrUnknownRole reports a shift whose role is not one of the rotation's.
var ErrUnknownRole = fmt.Errorf("role not in the rotation: %w", ErrInvalidProblem)

// tally accumulates burden and share over shifts.
type tally struct {
	burden, share []float64
	hours         []calendar.Breakdown
	shifts        []int
	last          []time.Time
	// costs and free are scratch rows reused for every shift.
	costs []float64
	free  []bool
	// holder is who holds each slot (by Model.at) the schedule gives whole; split is set
	// when some shift is not one of the model's slots or windows, or a slot has two holders.
	holder map[int]int
	split  bool
}

func newTally(n int) *tally {
	return &tally{burden: make([]float64, n), share: make([]float64, n), hours: make([]calendar.Breakdown, n), shifts: make([]int, n), last: make([]time.Time, n),
		costs: make([]float64, n), free: make([]bool, n)}
}

// account adds one shift to t. Shifts that are whole cycles of the horizon reuse the prices
// computed at Compile.
func (m *Model) account(t *tally, i int, sh oncall.Shift) error {
	if err := sh.Validate(); err != nil {
		return &ShiftError{Index: i, Shift: sh, Err: err}
	}
	holder, ok := m.index[sh.Responder]
	if !ok {
		return &ShiftError{Index: i, Shift: sh, Err: ErrUnknownResponder}
	}
	r, ok := m.roleIdx[sh.Role]
	if !ok {
		return &ShiftError{Index: i, Shift: sh, Err: ErrUnknownRole}
	}
	w := m.spec.Roles[r].Weight
	k, part, onGrid := m.gridSlot(sh)
	t.hold(m, k, onGrid, holder)
	costs, free := t.costs, t.free
	page := 0.0
	if !onGrid {
		page = m.pageCost(r, sh.Start, sh.End)
	}
	for p, c := range m.cals {
		if onGrid {
			// Availability is the whole slot's, as the generator sees it, so the shares of a
			// slot's windows add up to the slot's share.
			costs[p], free[p] = m.slotPrice(p, m.at(k))
			if part >= 0 {
				costs[p], _ = m.partPrice(p, part)
			}
			if p == holder {
				if err := c.SplitInto(&t.hours[p], sh.Start, sh.End); err != nil {
					return &ShiftError{Index: i, Shift: sh, Err: err}
				}
			}
			continue
		}
		b, err := c.Split(sh.Start, sh.End)
		if err != nil {
			return &ShiftError{Index: i, Shift: sh, Err: err}
		}
		costs[p], free[p] = weigh(b, &m.weights)+page, b.With(calendar.FlagLeave) == 0
		if p == holder {
			t.hours[p].Merge(b)
		}
	}
	capFree := 0.0
	for p := range m.team {
		if free[p] && m.eligible[p][r] {
			capFree += m.cap[p]
		}
	}
	for p := range m.team {
		if free[p] && m.eligible[p][r] && capFree > 0 {
			t.share[p] += w * costs[p] * m.cap[p] / capFree
		}
	}
	t.burden[holder] += w * costs[holder]
	t.shifts[holder]++
	if sh.End.After(t.last[holder]) {
		t.last[holder] = sh.End
	}
	return nil
}

// hold records that p holds slot k, or that the schedule is not made of whole slots.
func (t *tally) hold(m *Model, k slotKey, onGrid bool, p int) {
	if !onGrid {
		t.split = true
		return
	}
	if t.holder == nil {
		t.holder = map[int]int{}
	}
	if h, ok := t.holder[m.at(k)]; ok && h != p {
		t.split = true
		return
	}
	t.holder[m.at(k)] = p
}

// wholeUnits reports whether the schedule accounted in t gives each unit of the model to
// one person: no shift off the slots, no slot shared and, with Spec.Chain, each cycle's
// secondary the next cycle's primary.
func (m *Model) wholeUnits(t *tally) bool {
	if t.split {
		return false
	}
	if !m.spec.Chain {
		return true
	}
	for c := 0; c+1 < m.numCycles(); c++ {
		second, ok1 := t.holder[m.at(slotKey{cycle: c, role: 1})]
		first, ok2 := t.holder[m.at(slotKey{cycle: c + 1, role: 0})]
		if ok1 && ok2 && second != first {
			return false
		}
	}
	return true
}

// carry computes the balance each person brings from history, and the cycle (relative to the
// horizon, negative) in which their last past stint ended.
func (m *Model) carry(history oncall.Schedule, extra map[string]float64) ([]float64, []int, error) {
	t := newTally(len(m.team))
	for i, sh := range history {
		if err := m.account(t, i, sh); err != nil {
			return nil, nil, fmt.Errorf("rotation: history: %w", err)
		}
	}
	carried := make([]float64, len(m.team))
	for p := range carried {
		carried[p] = t.burden[p] - t.share[p]
	}
	ids := make([]string, 0, len(extra))
	for id := range extra {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		p, ok := m.index[id]
		if !ok {
			return nil, nil, fmt.Errorf("rotation: carried balance for %q: %w", id, ErrUnknownResponder)
		}
		v := extra[id]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, nil, fmt.Errorf("rotation: carried balance for %q %v: must be finite: %w", id, v, ErrInvalidProblem)
		}
		carried[p] += v
	}
	m.histLast = t.last
	ends := make([]int, len(m.team))
	for p := range ends {
		ends[p] = noHistory
		if !t.last[p].IsZero() && len(m.cycles) > 0 {
			ends[p] = m.relativeCycle(t.last[p])
		}
	}
	return carried, ends, nil
}

const noHistory = math.MinInt32

// relativeCycle returns the index of the cycle, counted back from the horizon, in which an
// end time before the horizon falls: -1 when it ends in the cycle just before the horizon.
// Whole days in the reference zone are counted, so clock changes do not shift the answer.
func (m *Model) relativeCycle(end time.Time) int {
	days := civilDays(m.cycles[0], m.spec.Zone) - civilDays(end, m.spec.Zone)
	if days < 0 {
		return 0
	}
	return -1 - days/m.spec.CycleDays
}

// civilDays is the day number of t's date in loc.
func civilDays(t time.Time, loc *time.Location) int {
	y, mo, d := t.In(loc).Date()
	return int(time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Ledger accounts any schedule against the model: each person's hours by class, burden, fair
// share, carried balance and normalised load, with fairness indices over the loads. Shifts
// need not follow the model's cycles; shifts that do are priced from the compiled tables.
// Every shift must name a member and a role of the rotation.
func (m *Model) Ledger(s oncall.Schedule) (*Ledger, error) {
	t := newTally(len(m.team))
	for i, sh := range s {
		if err := m.account(t, i, sh); err != nil {
			return nil, err
		}
	}
	return m.ledgerOf(t), nil
}

func (m *Model) ledgerOf(t *tally) *Ledger {
	f := meanRate(t.share, m.cap)
	l := &Ledger{Accounts: make([]Account, len(m.team)), LowerBound: math.NaN()}
	if m.wholeUnits(t) {
		l.LowerBound = m.LowerBound()
	}
	loads := make([]float64, len(m.team))
	for p, mem := range m.team {
		bal := m.carried[p] + t.burden[p] - t.share[p]
		loads[p] = f + bal/m.cap[p]
		l.Accounts[p] = Account{Responder: mem.Responder.ID, Capacity: m.cap[p], Shifts: t.shifts[p], Hours: t.hours[p],
			Burden: t.burden[p], Share: t.share[p], Carried: m.carried[p], Balance: bal, Load: loads[p]}
	}
	l.Indices = Fairness(loads)
	return l
}

// meanRate is the total share per unit of capacity.
func meanRate(share, capacity []float64) float64 {
	s, c := 0.0, 0.0
	for p := range share {
		s += share[p]
		c += capacity[p]
	}
	if c == 0 {
		return 0
	}
	return s / c
}

// Fairness computes the indices of x. Empty input gives NaN throughout.
func Fairness(x []float64) Indices {
	nan := math.NaN()
	ix := Indices{Max: nan, Min: nan, Mean: nan, Spread: nan, MaxOverMean: nan, Gini: nan, Jain: nan, CV: nan}
	n := float64(len(x))
	if len(x) == 0 {
		return ix
	}
	ix.Max, ix.Min = slices.Max(x), slices.Min(x)
	sum, sq := 0.0, 0.0
	for _, v := range x {
		sum += v
		sq += v * v
	}
	ix.Mean = sum / n
	ix.Spread = ix.Max - ix.Min
	if ix.Min <= 0 {
		if ix.Mean > 0 {
			ix.MaxOverMean = ix.Max / ix.Mean
		}
		return ix
	}
	ix.MaxOverMean = ix.Max / ix.Mean
	ix.Jain = sum * sum / (n * sq)
	v := 0.0
	for _, a := range x {
		v += (a - ix.Mean) * (a - ix.Mean)
	}
	ix.CV = math.Sqrt(v/n) / ix.Mean
	ix.Gini = gini(x, ix.Mean)
	return ix
}

// gini uses the sorted form sum_i (2i - n - 1) x_(i) / (n^2 mean), equal to the mean
// absolute difference over twice the mean, in O(n log n).
func gini(x []float64, mean float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	n := float64(len(s))
	acc := 0.0
	for i, v := range s {
		acc += (2*float64(i+1) - n - 1) * v
	}
	return acc / (n * n * mean)
}

// jsonFloat writes NaN and infinities as null.
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// MarshalJSON writes the indices with NaN as null.
func (ix Indices) MarshalJSON() ([]byte, error) {
	type out struct {
		Max         jsonFloat `json:"max"`
		Min         jsonFloat `json:"min"`
		Mean        jsonFloat `json:"mean"`
		Spread      jsonFloat `json:"spread"`
		MaxOverMean jsonFloat `json:"max_over_mean"`
		Gini        jsonFloat `json:"gini"`
		Jain        jsonFloat `json:"jain"`
		CV          jsonFloat `json:"cv"`
	}
	return marshal(out{jsonFloat(ix.Max), jsonFloat(ix.Min), jsonFloat(ix.Mean), jsonFloat(ix.Spread), jsonFloat(ix.MaxOverMean), jsonFloat(ix.Gini), jsonFloat(ix.Jain), jsonFloat(ix.CV)})
}
