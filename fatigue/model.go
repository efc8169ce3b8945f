package fatigue

import (
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
// listed by name and default in the documentation of the FIPS R package (TPM_simulate,
// TPM_Sfun, TPM_Sp1fun, TPM_Sp2fun, TPM_breaktimefun, TPM_Cfun, TPM_Ufun, TPM_Wfun), which
// cites that paper for its defaults. The equations above were written from the model's
// description. Three details could not be checked against the paper's own text and are
// stated here so that they can be: the linear rate below BL is taken as the slope of the
// exponential phase at BL (the documentation gives that phase only Ha, G, BL, S at sleep
// onset and the time asleep as inputs, so no further constant is involved); U's peak is
// taken 3 hours after C's (UShift); and the KSS coefficients 10.6 and -0.6 are the commonly
// quoted mapping (the documentation names them KSS_intercept and KSS_beta without values).
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
// deficits like one to two nights without sleep (Van Dongen et al., Sleep 26(2):117-126,
// 2003), three recovery nights of eight hours did not restore performance after a week of
// restriction (Belenky et al., J Sleep Res 12(1):1-12, 2003), and one ten-hour night did not
// after five nights of four hours (Banks et al., Sleep 33(8):1013-1026, 2010).
//
// Debt adds up the hours of habitual sleep lost, and repays them exponentially with
// TimeConstant while time passes; alertness is lowered by Weight per hour of debt. Those
// studies did not fit this form, so there are no published values for its two constants:
// the zero Debt is off, and a caller who enables it chooses them.
type Debt struct {
	// Weight is the alertness lost per hour of debt, in the model's units. Zero turns the
	// term off.
	Weight float64
	// TimeConstant is the e-folding time of repayment.
	TimeConstant time.Duration
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
	if m.Debt.Weight > 0 && m.Debt.TimeConstant <= 0 {
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
func (p *Params) circadian(h float64) (c, u float64) {
	c = p.CMesor + p.CAmplitude*math.Cos(2*math.Pi*(h-p.CPeak)/24)
	u = p.UMesor + p.UAmplitude*math.Cos(2*math.Pi*(h-p.CPeak-p.UShift)/12)
	return c, u
}

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
	at     int64 // unix ns
	asleep bool
	s      float64
	debt   float64 // hours of debt
	woke   int64   // when the current wake began (for W); 0 while asleep
}

// Trajectory is a simulated run of the model: the state at each sleep/wake switch, from
// which any instant follows in closed form.
type Trajectory struct {
	m   Model
	loc *time.Location
	ev  []event
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
	tr := &Trajectory{m: m, loc: loc, ev: make([]event, 0, 2*len(sleeps))}
	p := &m.Params
	cur := event{at: sleeps[first].Start.UnixNano(), asleep: true, s: s0}
	for _, ed := range edges(sleeps[first:], losses, m.Debt.Weight > 0) {
		if ed.at < cur.at {
			continue // a loss before the run starts: the run starts from s0
		}
		if h := float64(ed.at-cur.at) / float64(time.Hour); h > 0 {
			if cur.asleep {
				cur.s = p.sleep(cur.s, h)
			} else {
				cur.s = p.wake(cur.s, h)
			}
			if m.Debt.Weight > 0 {
				cur.debt *= math.Exp(-float64(ed.at-cur.at) / float64(m.Debt.TimeConstant))
			}
		}
		cur.at = ed.at
		cur.debt += ed.debt
		if ed.kind != debtEdge {
			cur.asleep = ed.kind == sleepEdge
			cur.woke = 0
			if !cur.asleep {
				cur.woke = ed.at
			}
		}
		if n := len(tr.ev); n > 0 && tr.ev[n-1].at == cur.at {
			tr.ev[n-1] = cur // several edges at one instant: keep the state after all of them
			continue
		}
		tr.ev = append(tr.ev, cur)
	}
	return tr, nil
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

func edges(sleeps, losses []calendar.Interval, withDebt bool) []edge {
	out := make([]edge, 0, 2*len(sleeps)+len(losses))
	for _, iv := range sleeps {
		if iv.End.After(iv.Start) {
			out = append(out, edge{at: iv.Start.UnixNano(), kind: sleepEdge}, edge{at: iv.End.UnixNano(), kind: wakeEdge})
		}
	}
	if withDebt {
		for _, l := range losses {
			if l.End.After(l.Start) {
				out = append(out, edge{at: l.End.UnixNano(), kind: debtEdge, debt: l.Duration().Hours()})
			}
		}
		// Stable: a sleep interval's own start and end stay in order when they coincide.
		slices.SortStableFunc(out, func(a, b edge) int {
			switch {
			case a.at < b.at:
				return -1
			case a.at > b.at:
				return 1
			}
			return 0
		})
	}
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
	a.Asleep = e.asleep
	if e.asleep {
		a.S = p.sleep(e.s, h)
	} else {
		a.S = p.wake(e.s, h)
		a.W = p.WakeInertia * math.Exp(p.InertiaRate*float64(ns-e.woke)/float64(time.Hour))
	}
	if tr.m.Debt.Weight > 0 {
		a.Debt = -tr.m.Debt.Weight * e.debt * math.Exp(-float64(ns-e.at)/float64(tr.m.Debt.TimeConstant))
	}
	a.C, a.U = p.circadian(tr.hour(ns, zc))
	a.Total = a.S + a.C + a.U + a.W + a.Debt
	a.KSS = p.KSS(a.Total)
	return a
}

// zoneCache remembers one stretch of constant UTC offset, so that reading the local time of
// day costs an addition instead of a zone lookup.
type zoneCache struct {
	from, to int64 // [from, to) in unix ns
	off      int64 // ns
}

const nsPerDay = int64(24 * time.Hour)

// hour returns the local time of day at ns, in hours.
func (tr *Trajectory) hour(ns int64, zc *zoneCache) float64 {
	if zc == nil {
		zc = &zoneCache{}
	}
	if ns < zc.from || ns >= zc.to || zc.to == 0 {
		t := time.Unix(0, ns).In(tr.loc)
		_, off := t.Zone()
		start, end := t.ZoneBounds()
		zc.off = int64(off) * int64(time.Second)
		zc.from, zc.to = math.MinInt64, math.MaxInt64
		if !start.IsZero() {
			zc.from = start.UnixNano()
		}
		if !end.IsZero() {
			zc.to = end.UnixNano()
		}
	}
	tod := (ns + zc.off) % nsPerDay
	if tod < 0 {
		tod += nsPerDay
	}
	return float64(tod) / float64(time.Hour)
}
