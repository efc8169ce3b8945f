package fatigue

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// Params are the parameters of the Three-Process Model of alertness (Åkerstedt and Folkard,
// "The three-process model of alertness and its extension to performance, sleep latency and
// sleep length", Chronobiology International 14(2):115-123, 1997), in hours and in the
// model's alertness units (roughly 1 to 16, higher is more alert).
//
// The model sums four processes. Homeostatic S falls while awake,
//
//	S(t) = La + (S₀ - La)·exp(D·t),
//
// and recovers while asleep in two phases: while S is below the break level BL it rises
// linearly at the rate the exponential phase has at BL, G·(BL - Ha); from BL on,
//
//	S(t) = Ha - (Ha - S_BL)·exp(G·t).
//
// Circadian C = CMesor + CAmplitude·cos(2π(h - CPeak)/24) and the 12-hour U = UMesor +
// UAmplitude·cos(2π(h - CPeak - UShift)/12) depend on the local time of day h in hours.
// Sleep inertia W = WakeInertia·exp(InertiaRate·t) for t hours after waking. Predicted
// sleepiness on the Karolinska Sleepiness Scale is KSS = KSSIntercept + KSSSlope·(S+C+U+W).
//
// The values of IngreParams are those of Ingre et al., "Validating and extending the
// three-process model of alertness in airline operations", PLoS ONE 9(10):e108679, 2014, as
// listed by name and default in the documentation of the FIPS R package (TPM_make_pvec,
// TPM_simulate), which cites that paper for its defaults. The equations above were written
// from the model's description. Three details were checked against the FIPS package's
// documented functions (TPM_Sp1fun, TPM_Sp2fun, TPM_breaktimefun, TPM_Ufun, TPM_make_pvec),
// not against the papers' own text, which was not available: below BL, S rises linearly at
// G·(BL - Ha), the slope the exponential phase has at BL, until BL is reached, and
// exponentially from there; U peaks 3 hours after C (its phase is h - CPeak - 3 on a
// 12-hour period); and the KSS mapping is 10.6 - 0.6·(S+C+U+W).
type Params struct {
	La           float64 `json:"la"`            // lower asymptote of S while awake
	Ha           float64 `json:"ha"`            // upper asymptote of S while asleep
	D            float64 `json:"d"`             // rate of S while awake, per hour (negative)
	G            float64 `json:"g"`             // rate of S recovery while asleep, per hour (negative)
	BL           float64 `json:"bl"`            // break level between the two sleep phases
	CMesor       float64 `json:"c_mesor"`       // mean of C
	CAmplitude   float64 `json:"c_amplitude"`   // amplitude of C
	CPeak        float64 `json:"c_peak_hour"`   // local hour at which C peaks
	UMesor       float64 `json:"u_mesor"`       // mean of U
	UAmplitude   float64 `json:"u_amplitude"`   // amplitude of U
	UShift       float64 `json:"u_shift_hours"` // hours from C's peak to U's
	WakeInertia  float64 `json:"wc"`            // W at the instant of waking (negative)
	InertiaRate  float64 `json:"wd"`            // rate at which W fades, per hour (negative)
	S0           float64 `json:"s0"`            // S from which G was calibrated
	KSSIntercept float64 `json:"kss_intercept"`
	KSSSlope     float64 `json:"kss_slope"`
}

// IngreParams returns the published parameter set (see Params). G is defined so that eight
// hours of exponential recovery take S from S0 = 7.96 to 14: G = ln((Ha-14)/(Ha-7.96))/8.
func IngreParams() Params {
	return Params{
		La: 2.4, Ha: 14.3, D: -0.0353,
		G:      math.Log((14.3-14)/(14.3-7.96)) / 8,
		BL:     12.2,
		CMesor: 0, CAmplitude: 2.5, CPeak: 16.8,
		UMesor: -0.5, UAmplitude: 0.5, UShift: 3,
		WakeInertia: -5.72, InertiaRate: -1.51,
		S0:           7.96,
		KSSIntercept: 10.6, KSSSlope: -0.6,
	}
}

// Debt is a slow sleep-debt term for chronic loss that one good night does not clear. The
// Three-Process Model's S saturates, so on its own it returns to baseline within two or
// three nights; laboratory studies found otherwise: fourteen days of six hours in bed left
// performance deficits that kept growing (Van Dongen et al., Sleep 26(2):117-126, 2003),
// three recovery nights of eight hours did not restore performance after a week of
// restriction (Belenky et al., J Sleep Res 12(1):1-12, 2003), and one ten-hour night did not
// after five nights of four hours (Banks et al., Sleep 33(8):1013-1026, 2010).
//
// Debt adds up the hours of habitual sleep lost, and repays them exponentially with
// TimeConstant while time passes; alertness is lowered by Weight per hour of debt. Those
// studies did not fit this form, so its constants are not published values: DefaultDebt
// derives a pair from them, and the zero Debt is off.
//
// With SleepTimeConstant set, the debt is repaid only while asleep, so that recovery
// follows the sleep obtained: a night cut short by pages repays less, a long night more.
// Banks et al. found recovery after restriction grew with the time in bed of the recovery
// night (0 to 10 hours), and the model class of McCauley et al. ("A new mathematical model
// for the homeostatic effects of sleep loss on neurobehavioral performance", J Theor Biol
// 256(2):227-239, 2009), written for chronic restriction, lets its slow process build up
// while awake and recover only during sleep. SleepRepaidDebt gives such a term.
type Debt struct {
	// Weight is the alertness lost per hour of debt, in the model's units. Zero turns the
	// term off.
	Weight float64
	// TimeConstant is the e-folding time of repayment as time passes.
	TimeConstant time.Duration
	// SleepTimeConstant, when positive, replaces TimeConstant: the debt is repaid only
	// while asleep, with this e-folding time counted in hours slept, and not while awake.
	SleepTimeConstant time.Duration
}

// kept returns the share of the debt left after ns nanoseconds asleep or awake.
func (d *Debt) kept(ns int64, asleep bool) float64 {
	if d.SleepTimeConstant > 0 {
		if !asleep {
			return 1
		}
		return math.Exp(-float64(ns) / float64(d.SleepTimeConstant))
	}
	return math.Exp(-float64(ns) / float64(d.TimeConstant))
}

// Defaults of DefaultDebt.
const (
	// DefaultDebtTimeConstant is fourteen days. Van Dongen et al. saw deficits still growing
	// on the fourteenth day of restriction, Belenky et al. saw none or only part of them go
	// after three recovery nights, and Banks et al. after one ten-hour night: a time constant
	// of two weeks keeps 93% of the debt after one night and 81% after three, and lets it
	// still grow at 37% of its first-day rate on day fourteen.
	DefaultDebtTimeConstant = 14 * 24 * time.Hour
	// DefaultDebtWeight is the alertness lost per hour of debt. It is set so that the debt
	// left by fourteen nights of six hours for a person who needs eight (2 h lost a night,
	// 18.34 h of debt after the fourteenth with the default time constant) weighs as much as
	// one night without sleep does on the model's S the next morning (6.53 units with
	// IngreParams and 23:00-07:00 sleep): 6.53 / 18.34 = 0.356, rounded to 0.36. That
	// follows Van Dongen et al.'s finding that the six-hour group's performance after two
	// weeks was about that of one night of total sleep deprivation. Their subjects rated
	// themselves much less sleepy than they performed, so on the KSS scale the term speaks
	// for performance more than for how sleepy the person will feel.
	DefaultDebtWeight = 0.36
)

// DefaultDebtSleepTimeConstant is the SleepTimeConstant of SleepRepaidDebt: 112 hours of
// sleep, fourteen nights of eight hours, so that for a person who sleeps eight hours a night
// undisturbed, each morning's debt is what DefaultDebtTimeConstant leaves (exp(-8/112) =
// exp(-24/336) a day). A six-hour night then keeps exp(-6/112) = 94.8% instead of 93.1%,
// and Banks et al.'s ten-hour recovery night exp(-10/112) = 91.5%. Fourteen nights of six
// hours (Van Dongen et al.) leave 20.23 h of debt rather than 18.34 h, 7.28 units at
// DefaultDebtWeight, within 12% of the 6.53 that the weight was set to.
const DefaultDebtSleepTimeConstant = 112 * time.Hour

// SleepRepaidDebt returns the debt term with DefaultDebtWeight, repaid only while asleep
// with DefaultDebtSleepTimeConstant.
func SleepRepaidDebt() Debt {
	return Debt{Weight: DefaultDebtWeight, SleepTimeConstant: DefaultDebtSleepTimeConstant}
}

// DefaultDebt returns the debt term with DefaultDebtWeight and DefaultDebtTimeConstant.
// DefaultModel leaves the term off, so that its output is the published model's; use
// Model{Params: IngreParams(), Debt: DefaultDebt()} to add it.
func DefaultDebt() Debt {
	return Debt{Weight: DefaultDebtWeight, TimeConstant: DefaultDebtTimeConstant}
}

// Model is the Three-Process Model with an optional slow debt term.
type Model struct {
	Params Params
	Debt   Debt
}

// DefaultModel returns the model with IngreParams and no debt term.
func DefaultModel() Model { return Model{Params: IngreParams()} }

// ErrModel reports model parameters that cannot be used.
var ErrModel = errors.New("invalid model parameters")

// Validate reports parameters that would make the model meaningless.
func (m Model) Validate() error {
	p := m.Params
	var errs []error
	bad := func(name string, v float64, why string) {
		errs = append(errs, fmt.Errorf("fatigue: model %s = %v: %s: %w", name, v, why, ErrModel))
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"la", p.La}, {"ha", p.Ha}, {"d", p.D}, {"g", p.G}, {"bl", p.BL}, {"c_peak_hour", p.CPeak},
		{"wd", p.InertiaRate}, {"kss_slope", p.KSSSlope}, {"debt weight", m.Debt.Weight}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			bad(f.name, f.v, "not a finite number")
		}
	}
	if p.D >= 0 {
		bad("d", p.D, "must be negative (S falls while awake)")
	}
	if p.G >= 0 {
		bad("g", p.G, "must be negative (S recovers while asleep)")
	}
	if p.Ha <= p.La {
		bad("ha", p.Ha, "must exceed la")
	}
	if p.BL >= p.Ha {
		bad("bl", p.BL, "must be below ha")
	}
	if p.InertiaRate > 0 {
		bad("wd", p.InertiaRate, "must not be positive (inertia fades)")
	}
	if m.Debt.Weight < 0 {
		bad("debt weight", m.Debt.Weight, "must not be negative")
	}
	if m.Debt.SleepTimeConstant < 0 {
		bad("debt sleep time constant", m.Debt.SleepTimeConstant.Hours(), "must not be negative")
	}
	if m.Debt.Weight > 0 && m.Debt.TimeConstant <= 0 && m.Debt.SleepTimeConstant <= 0 {
		bad("debt time constant", m.Debt.TimeConstant.Hours(), "must be positive when the debt term is on")
	}
	return errors.Join(errs...)
}

// wake returns S after h hours awake from s.
func (p *Params) wake(s, h float64) float64 { return p.La + (s-p.La)*math.Exp(p.D*h) }

// sleep returns S after h hours asleep from s.
func (p *Params) sleep(s, h float64) float64 {
	if s < p.BL {
		rate := p.G * (p.BL - p.Ha)
		toBreak := (p.BL - s) / rate
		if h <= toBreak {
			return s + rate*h
		}
		s, h = p.BL, h-toBreak
	}
	return p.Ha - (p.Ha-s)*math.Exp(p.G*h)
}

// circadian returns C and U at local hour of day h.
//
// Both cosines come from one sine and cosine of C's phase θ: U's phase is 2θ - φ with
// φ = 2π·UShift/12, and cos(2θ - φ) = cos 2θ cos φ + sin 2θ sin φ.
// sinPhi and cosPhi are those of φ (see uPhase).
func (p *Params) circadian(h, sinPhi, cosPhi float64) (c, u float64) {
	sin, cos := math.Sincos(2 * math.Pi * (h - p.CPeak) / 24)
	c = p.CMesor + p.CAmplitude*cos
	u = p.UMesor + p.UAmplitude*((2*cos*cos-1)*cosPhi+2*sin*cos*sinPhi)
	return c, u
}

// uPhase returns the sine and cosine of U's phase lag φ = 2π·UShift/12 behind twice C's.
func (p *Params) uPhase() (sin, cos float64) { return math.Sincos(2 * math.Pi * p.UShift / 12) }

// KSS converts an alertness sum to the Karolinska Sleepiness Scale.
func (p *Params) KSS(alertness float64) float64 { return p.KSSIntercept + p.KSSSlope*alertness }

// alertnessAt returns the alertness sum at which KSS reaches k.
func (p *Params) alertnessAt(k float64) float64 { return (k - p.KSSIntercept) / p.KSSSlope }

// SteadyS returns S at sleep onset for someone who has slept the same hours every day for
// long enough: the fixed point of a day of wake followed by sleepHours of sleep.
func (m Model) SteadyS(sleepHours float64) float64 {
	p := &m.Params
	s := p.S0
	for range 200 {
		next := p.wake(p.sleep(s, sleepHours), 24-sleepHours)
		if math.Abs(next-s) < 1e-12 {
			return next
		}
		s = next
	}
	return s
}

// Alertness is the model's output at one instant.
type Alertness struct {
	S, C, U, W float64
	// Debt is the debt term's (non-positive) contribution.
	Debt float64
	// Total is S + C + U + W + Debt; KSS is the sleepiness it predicts.
	Total float64
	KSS   float64
	// Asleep is true inside a sleep interval (C, U and S are still given; W is zero).
	Asleep bool
}

// event is a switch between wake and sleep, with the state right after it.
type event struct {
	at   int64 // unix ns
	s    float64
	debt float64 // hours of debt
	woke int64   // when the current wake began (for W); sleeping while asleep
}

// sleeping is event.woke while asleep (a year of events is four words each, not five).
const sleeping = math.MinInt64

func (e *event) asleep() bool { return e.woke == sleeping }

// Trajectory is a simulated run of the model: the state at each sleep/wake switch, from
// which any instant follows in closed form.
type Trajectory struct {
	m   Model
	loc *time.Location
	ev  []event
	// sinPhi and cosPhi are Params.uPhase, worked out once.
	sinPhi, cosPhi float64
	// zones are the stretches of constant UTC offset around the run, in order, so that
	// reading the local time of day needs no zone lookup; empty when the zone's bounds
	// could not be read.
	zones []zoneStretch
}

// zoneStretch is a stretch [from, to) of unix ns with UTC offset off (ns).
type zoneStretch struct{ from, to, off int64 }

// zoneTable lists the stretches of constant offset of loc that cover [lo, hi).
func zoneTable(loc *time.Location, lo, hi int64) []zoneStretch {
	zc := zoneCache{loc: loc}
	var out []zoneStretch
	for t := lo; t < hi; {
		zc.load(t)
		if zc.to-zc.from <= 1 {
			return nil // ZoneBounds misread here: fall back to lookups
		}
		out = append(out, zoneStretch{from: zc.from, to: zc.to, off: zc.off})
		t = zc.to
	}
	return out
}

// ErrSleepOrder reports sleep intervals that overlap or are out of order.
var ErrSleepOrder = errors.New("sleep intervals overlap or are out of order")

// Simulate runs the model from the start of the first non-empty sleep interval, where S is
// s0 and the debt zero, through the given sleep intervals (sorted, not overlapping) and onwards.
// Losses are the intervals of habitual sleep that were lost (for the debt term; nil when
// it is off). Times of day are read in loc.
func (m Model) Simulate(loc *time.Location, sleeps, losses []calendar.Interval, s0 float64) (*Trajectory, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if loc == nil {
		loc = time.UTC
	}
	if len(sleeps) == 0 {
		return nil, fmt.Errorf("fatigue: simulate: no sleep interval to start from: %w", ErrSleepOrder)
	}
	for i, iv := range sleeps {
		if iv.End.Before(iv.Start) || (i > 0 && iv.Start.Before(sleeps[i-1].End)) {
			return nil, fmt.Errorf("fatigue: simulate: sleep %d (%s to %s): %w", i,
				iv.Start.Format(time.RFC3339), iv.End.Format(time.RFC3339), ErrSleepOrder)
		}
	}
	first := slices.IndexFunc(sleeps, func(iv calendar.Interval) bool { return iv.End.After(iv.Start) })
	if first < 0 {
		return nil, fmt.Errorf("fatigue: simulate: every sleep interval is empty: %w", ErrSleepOrder)
	}
	return m.run(loc, toStretches(sleeps), toStretches(losses), s0), nil
}

// checkSleeps reports what Simulate would refuse in sleep stretches: none, one reversed or
// overlapping the one before, or all empty.
func checkSleeps(loc *time.Location, sleeps []stretch) error {
	if len(sleeps) == 0 {
		return fmt.Errorf("fatigue: simulate: no sleep interval to start from: %w", ErrSleepOrder)
	}
	for i, s := range sleeps {
		if s.e < s.s || (i > 0 && s.s < sleeps[i-1].e) {
			return fmt.Errorf("fatigue: simulate: sleep %d (%s to %s): %w", i,
				time.Unix(0, s.s).In(loc).Format(time.RFC3339), time.Unix(0, s.e).In(loc).Format(time.RFC3339), ErrSleepOrder)
		}
	}
	if !slices.ContainsFunc(sleeps, func(s stretch) bool { return s.e > s.s }) {
		return fmt.Errorf("fatigue: simulate: every sleep interval is empty: %w", ErrSleepOrder)
	}
	return nil
}

// toStretches converts intervals to unix ns.
func toStretches(ivs []calendar.Interval) []stretch {
	out := make([]stretch, len(ivs))
	for i, iv := range ivs {
		out[i] = stretch{iv.Start.UnixNano(), iv.End.UnixNano()}
	}
	return out
}

// run is Simulate on checked input: sleeps sorted, not overlapping, at least one not empty.
func (m Model) run(loc *time.Location, sleeps, losses []stretch, s0 float64) *Trajectory {
	first := slices.IndexFunc(sleeps, func(s stretch) bool { return s.e > s.s })
	n := 0 // one event per edge (those at one instant share one, so this is an upper bound)
	for _, s := range sleeps[first:] {
		if s.e > s.s {
			n += 2
		}
	}
	if m.Debt.Weight > 0 {
		n += len(losses)
	}
	tr := &Trajectory{m: m, loc: loc, ev: make([]event, 0, n)}
	tr.sinPhi, tr.cosPhi = m.Params.uPhase()
	if lo, hi := sleeps[0].s, sleeps[len(sleeps)-1].e; lo > math.MinInt64+margin && hi < math.MaxInt64-margin {
		tr.zones = zoneTable(loc, lo-margin, hi+margin)
	}
	r := runner{p: &m.Params, debt: m.Debt, tr: tr, cur: event{at: sleeps[first].s, woke: sleeping, s: s0}}
	if m.Debt.Weight > 0 {
		for _, ed := range edges(sleeps[first:], losses) {
			r.apply(ed)
		}
		return tr
	}
	for _, s := range sleeps[first:] {
		if s.e > s.s {
			r.apply(edge{at: s.s, kind: sleepEdge})
			r.apply(edge{at: s.e, kind: wakeEdge})
		}
	}
	return tr
}

// runner steps the model from edge to edge, recording the state after each.
type runner struct {
	p    *Params
	debt Debt
	tr   *Trajectory
	cur  event
}

func (r *runner) apply(ed edge) {
	cur := &r.cur
	if ed.at < cur.at {
		return // a loss before the run starts: the run starts from s0
	}
	if h := float64(ed.at-cur.at) / float64(time.Hour); h > 0 {
		if cur.asleep() {
			cur.s = r.p.sleep(cur.s, h)
		} else {
			cur.s = r.p.wake(cur.s, h)
		}
		if r.debt.Weight > 0 {
			cur.debt *= r.debt.kept(ed.at-cur.at, cur.asleep())
		}
	}
	cur.at = ed.at
	cur.debt += ed.debt
	if ed.kind != debtEdge {
		cur.woke = ed.at
		if ed.kind == sleepEdge {
			cur.woke = sleeping
		}
	}
	ev := r.tr.ev
	if n := len(ev); n > 0 && ev[n-1].at == cur.at {
		ev[n-1] = *cur // several edges at one instant: keep the state after all of them
		return
	}
	r.tr.ev = append(ev, *cur)
}

type edgeKind uint8

const (
	sleepEdge edgeKind = iota
	wakeEdge
	debtEdge
)

// edge is a change of state: falling asleep, waking, or a lump of lost sleep added to the
// debt when the loss ends.
type edge struct {
	at   int64
	kind edgeKind
	debt float64
}

func edges(sleeps, losses []stretch) []edge {
	out := make([]edge, 0, 2*len(sleeps)+len(losses))
	for _, s := range sleeps {
		if s.e > s.s {
			out = append(out, edge{at: s.s, kind: sleepEdge}, edge{at: s.e, kind: wakeEdge})
		}
	}
	for _, l := range losses {
		if l.e > l.s {
			out = append(out, edge{at: l.e, kind: debtEdge, debt: float64(l.e-l.s) / float64(time.Hour)})
		}
	}
	// Stable: a sleep interval's own start and end stay in order when they coincide.
	slices.SortStableFunc(out, func(a, b edge) int { return cmp.Compare(a.at, b.at) })
	return out
}

// At returns the model's output at t. Before the first event it returns the state at the
// first event.
func (tr *Trajectory) At(t time.Time) Alertness {
	ns := t.UnixNano()
	i := sort.Search(len(tr.ev), func(i int) bool { return tr.ev[i].at > ns }) - 1
	if i < 0 {
		i, ns = 0, tr.ev[0].at
	}
	return tr.eval(i, ns, nil)
}

// eval evaluates the state from event i at ns (ns at or after the event); zc caches the
// zone offset between calls and may be nil.
func (tr *Trajectory) eval(i int, ns int64, zc *zoneCache) Alertness {
	p := &tr.m.Params
	e := tr.ev[i]
	h := float64(ns-e.at) / float64(time.Hour)
	var a Alertness
	a.Asleep = e.asleep()
	if a.Asleep {
		a.S = p.sleep(e.s, h)
	} else {
		a.S = p.wake(e.s, h)
		a.W = p.WakeInertia * math.Exp(p.InertiaRate*float64(ns-e.woke)/float64(time.Hour))
	}
	if tr.m.Debt.Weight > 0 {
		a.Debt = -tr.m.Debt.Weight * e.debt * tr.m.Debt.kept(ns-e.at, a.Asleep)
	}
	a.C, a.U = p.circadian(tr.hour(ns, zc), tr.sinPhi, tr.cosPhi)
	a.Total = a.S + a.C + a.U + a.W + a.Debt
	a.KSS = p.KSS(a.Total)
	return a
}

// hour returns the local time of day at ns, in hours.
func (tr *Trajectory) hour(ns int64, zc *zoneCache) float64 {
	if z := tr.zones; len(z) > 0 && ns >= z[0].from && ns < z[len(z)-1].to {
		i := 0
		for ns >= z[i].to {
			i++
		}
		tod := (ns + z[i].off) % nsPerDay
		if tod < 0 {
			tod += nsPerDay
		}
		return float64(tod) / float64(time.Hour)
	}
	if zc == nil {
		zc = &zoneCache{loc: tr.loc}
	}
	_, tod := zc.day(ns)
	return float64(tod) / float64(time.Hour)
}
