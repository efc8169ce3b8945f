package metrics

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// Verdicts of a trend or a before/after comparison, for counts where fewer is better.
const (
	Improving     = "improving"
	Worsening     = "worsening"
	NoClearChange = "no clear change"
)

// Trend is the direction of a series observed at equal steps (weekly alert counts, weekly
// sleep interruptions).
type Trend struct {
	N int `json:"n"`
	// Baseline is the median of the series.
	Baseline Float `json:"baseline"`
	// Slope is the Theil-Sen estimate (Sen 1968): the median of the slopes between all pairs of
	// points, per step. One bad week cannot swing it the way it swings least squares.
	Slope Float `json:"slope"`
	// Intercept is median(y) - Slope * median(x), with x = 0, 1, ..., N-1 (as SciPy's
	// theilslopes).
	Intercept Float `json:"intercept"`
	// S, VarS, Z and P are the Mann-Kendall test for a monotonic trend (Kendall 1975): the
	// sum of the signs of all pairwise differences, its variance corrected for ties, the
	// continuity-corrected normal score and the two-sided p-value.
	S    int   `json:"s"`
	VarS Float `json:"var_s"`
	Z    Float `json:"z"`
	P    Float `json:"p"`
	// Verdict is Worsening for a significant upward trend, Improving for a significant
	// downward one, NoClearChange otherwise (including fewer than three points).
	Verdict string `json:"verdict"`
}

// TrendOf estimates the trend of y, observed at equal steps, at significance level alpha
// (0.05 when not in (0, 1)). NaN values are skipped; a week without pages should be 0, not
// NaN. The Theil-Sen slope uses SciPy's convention for its intercept; the Mann-Kendall test
// uses the normal approximation with continuity correction, which is close to exact from
// about ten points.
func TrendOf(y []float64, alpha float64) Trend {
	y = slices.DeleteFunc(slices.Clone(y), math.IsNaN)
	x := make([]float64, len(y))
	for i := range x {
		x[i] = float64(i)
	}
	return trendXY(x, y, Options{Alpha: alpha}.alpha())
}

func trendXY(x, y []float64, alpha float64) Trend {
	n := len(y)
	t := Trend{N: n, Baseline: NaN(), Slope: NaN(), Intercept: NaN(), VarS: NaN(), Z: NaN(), P: NaN(), Verdict: NoClearChange}
	if n == 0 {
		return t
	}
	t.Baseline = Float(Quantile(y, 0.5, Linear))
	if n < 2 {
		return t
	}
	slopes := make([]float64, 0, n*(n-1)/2)
	s := 0
	for i := range n {
		for j := i + 1; j < n; j++ {
			if x[j] != x[i] {
				slopes = append(slopes, (y[j]-y[i])/(x[j]-x[i]))
			}
			s += sign(y[j] - y[i])
		}
	}
	t.Slope = Float(Quantile(slopes, 0.5, Linear))
	t.Intercept = Float(Quantile(y, 0.5, Linear) - float64(t.Slope)*Quantile(x, 0.5, Linear))
	t.S = s
	v := mannKendallVar(y)
	t.VarS = Float(v)
	if v <= 0 {
		return t
	}
	z := 0.0
	if s != 0 {
		z = (float64(s) - float64(sign(float64(s)))) / math.Sqrt(v)
	}
	t.Z = Float(z)
	t.P = Float(2 * distuv.UnitNormal.Survival(math.Abs(z)))
	if float64(t.P) < alpha && n >= 3 {
		t.Verdict = Improving
		if s > 0 {
			t.Verdict = Worsening
		}
	}
	return t
}

func sign(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// mannKendallVar is Var(S) = [n(n-1)(2n+5) - sum over tie groups t(t-1)(2t+5)] / 18.
func mannKendallVar(y []float64) float64 {
	s := slices.Clone(y)
	slices.Sort(s)
	n := float64(len(s))
	v := n * (n - 1) * (2*n + 5)
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] == s[i] {
			j++
		}
		t := float64(j - i)
		v -= t * (t - 1) * (2*t + 5)
		i = j
	}
	return v / 18
}

// Rate is a count of events over an exposure (hours, days, weeks: any unit, the same for both
// sides of a comparison).
type Rate struct {
	Count    int   `json:"count"`
	Exposure Float `json:"exposure"`
	Rate     Float `json:"rate"`
}

// RateComparison compares the event rate after a change with the rate before it.
type RateComparison struct {
	Before Rate `json:"before"`
	After  Rate `json:"after"`
	// RateRatio is After.Rate / Before.Rate: 0.6 means 40% fewer events per unit of exposure.
	RateRatio Float    `json:"rate_ratio"`
	CI        Interval `json:"ci"`
	// P is the two-sided p-value of the conditional exact test: given the total count, the
	// after count is binomial with probability After.Exposure / total exposure when the rates
	// are equal (Przyborowski and Wilenski 1940). The interval comes from the Clopper-Pearson
	// interval of that binomial proportion, mapped to the ratio.
	P       Float  `json:"p"`
	Verdict string `json:"verdict"`
}

// CompareRates compares two rates with the conditional binomial exact test at confidence
// level conf and significance alpha (defaults 0.95 and 0.05). Exposures must be positive;
// otherwise the ratio and test are NaN.
func CompareRates(before, after Rate, conf, alpha float64) RateComparison {
	before.Rate = ratio(float64(before.Count), float64(before.Exposure))
	after.Rate = ratio(float64(after.Count), float64(after.Exposure))
	rc := RateComparison{Before: before, After: after, RateRatio: NaN(), CI: nanInterval(), P: NaN(), Verdict: NoClearChange}
	t1, t2 := float64(before.Exposure), float64(after.Exposure)
	if !(t1 > 0 && t2 > 0) || math.IsInf(t1+t2, 0) || before.Count < 0 || after.Count < 0 {
		return rc
	}
	if before.Count > 0 {
		rc.RateRatio = Float(float64(after.Rate) / float64(before.Rate))
	}
	n, k := before.Count+after.Count, after.Count
	pi := t2 / (t1 + t2)
	rc.P = Float(BinomialTest(k, n, pi))
	if n > 0 {
		lo, hi := clopperPearson(k, n, conf)
		toRR := func(q float64) Float {
			if q >= 1 {
				return NaN() // unbounded above
			}
			return Float(q / (1 - q) * t1 / t2)
		}
		rc.CI = Interval{toRR(lo), toRR(hi)}
	}
	if float64(rc.P) < (Options{Alpha: alpha}).alpha() {
		rc.Verdict = Worsening
		if float64(after.Rate) < float64(before.Rate) {
			rc.Verdict = Improving
		}
	}
	return rc
}

// clopperPearson is the exact interval for a binomial proportion from beta quantiles.
func clopperPearson(k, n int, conf float64) (lo, hi float64) {
	a := 1 - confidence(conf)
	lo, hi = 0, 1
	if k > 0 {
		lo = distuv.Beta{Alpha: float64(k), Beta: float64(n - k + 1)}.Quantile(a / 2)
	}
	if k < n {
		hi = distuv.Beta{Alpha: float64(k + 1), Beta: float64(n - k)}.Quantile(1 - a/2)
	}
	return lo, hi
}
