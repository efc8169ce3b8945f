package metrics

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// ErrInvalidExposure reports a count or an exposure that is negative, NaN or infinite.
var ErrInvalidExposure = errors.New("count and exposure must be finite and not negative")

// Exposure is one person's number of events (pages, sleep interruptions) and the time they
// were exposed to them (on-call hours).
type Exposure struct {
	// ID names the person.
	ID string `json:"id"`
	// Count is their number of events; Hours their exposure.
	Count int     `json:"count"`
	Hours float64 `json:"hours"`
}

// Load is one person's result in a disproportion test.
type Load struct {
	ID    string `json:"id"`
	Count int    `json:"count"`
	Hours Float  `json:"hours"`
	// Expected is the count at the team rate: TeamRate * Hours.
	Expected Float `json:"expected"`
	// RateRatio is the effect size, Count / Expected: 2.3 means 2.3 times their share. NaN
	// without exposure.
	RateRatio Float `json:"rate_ratio"`
	// CI is the exact (Garwood) interval of RateRatio at the requested confidence.
	CI Interval `json:"ci"`
	// P is the exact two-sided Poisson p-value; PAdjusted the p-value after the correction.
	// Both NaN for someone never on call, who cannot be tested.
	P         Float `json:"p"`
	PAdjusted Float `json:"p_adjusted"`
	// Flag is "above" or "below" when PAdjusted is under alpha, "" otherwise.
	Flag string `json:"flag"`
}

// Disproportion says whether anyone's load is out of line with their time on call.
type Disproportion struct {
	// TeamRate is the total count over the total hours of everyone with exposure.
	TeamRate   Float      `json:"team_rate"`
	Correction Correction `json:"correction"`
	Alpha      Float      `json:"alpha"`
	// People are sorted by adjusted p-value, then by ID.
	People []Load `json:"people"`
}

// DisproportionOf tests each person's count against the team rate: under the hypothesis that
// everyone is paged at the same rate per hour on call, a person's count is Poisson with mean
// TeamRate * Hours, and the exact two-sided test (PoissonTest) says how surprising their count
// is. The team rate is estimated from the same data and treated as known, which is accurate
// when no single person holds a large part of the team's hours. P-values are corrected by
// opt.Correction (Holm by default); people with zero hours are reported but not tested. It
// returns a *ValueError wrapping ErrInvalidExposure for a bad entry.
func DisproportionOf(es []Exposure, opt Options) (Disproportion, error) {
	if err := opt.Check(); err != nil {
		return Disproportion{}, err
	}
	var count, hours float64
	for i, e := range es {
		if e.Count < 0 || e.Hours < 0 || math.IsNaN(e.Hours) || math.IsInf(e.Hours, 0) {
			return Disproportion{}, &ValueError{Index: i, ID: e.ID, Value: e.Hours,
				Err: fmt.Errorf("count %d, hours %v: %w", e.Count, e.Hours, ErrInvalidExposure)}
		}
		if e.Hours > 0 {
			count += float64(e.Count)
			hours += e.Hours
		}
	}
	rate := ratio(count, hours)
	d := Disproportion{TeamRate: rate, Correction: opt.Correction.orDefault(), Alpha: Float(opt.alpha())}
	ps := make([]float64, len(es))
	d.People = make([]Load, len(es))
	for i, e := range es {
		d.People[i] = testLoad(e, float64(rate), opt.Confidence)
		ps[i] = float64(d.People[i].P)
	}
	for i, p := range Adjust(ps, d.Correction) {
		l := &d.People[i]
		l.PAdjusted = Float(p)
		if p < float64(d.Alpha) {
			l.Flag = "below"
			if l.RateRatio > 1 {
				l.Flag = "above"
			}
		}
	}
	slices.SortStableFunc(d.People, func(a, b Load) int {
		pa, pb := float64(a.PAdjusted), float64(b.PAdjusted)
		if c := cmp.Compare(pa, pb); c != 0 { // cmp.Compare sorts NaN first: put it last
			if math.IsNaN(pa) != math.IsNaN(pb) {
				return cmp.Compare(b2f(math.IsNaN(pa)), b2f(math.IsNaN(pb)))
			}
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return d, nil
}

func testLoad(e Exposure, rate, conf float64) Load {
	l := Load{ID: e.ID, Count: e.Count, Hours: Float(e.Hours), Expected: NaN(), RateRatio: NaN(),
		CI: nanInterval(), P: NaN()}
	mu := rate * e.Hours
	if e.Hours == 0 || math.IsNaN(mu) {
		return l
	}
	l.Expected = Float(mu)
	l.P = Float(PoissonTest(e.Count, mu))
	if mu > 0 {
		l.RateRatio = Float(float64(e.Count) / mu)
		lo, hi := poissonCI(e.Count, conf)
		l.CI = Interval{Float(lo / mu), Float(hi / mu)}
	}
	return l
}

// poissonCI is the exact (Garwood 1936) interval for a Poisson mean after observing k:
// chi-square quantiles with 2k and 2k+2 degrees of freedom, halved.
func poissonCI(k int, conf float64) (lo, hi float64) {
	a := 1 - confidence(conf)
	if k > 0 {
		lo = distuv.ChiSquared{K: float64(2 * k)}.Quantile(a/2) / 2
	}
	hi = distuv.ChiSquared{K: float64(2*k + 2)}.Quantile(1-a/2) / 2
	return lo, hi
}
