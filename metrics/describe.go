package metrics

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Stats describes a sample of durations or counts: its size, mean, median and upper
// percentiles. Every field but N is NaN (null in JSON) for an empty sample.
type Stats struct {
	// N is the number of values described (NaN values excluded).
	N int `json:"n"`
	// Mean, Median, the 90th, 95th and 99th percentiles, Min and Max are in the sample's unit
	// (seconds for response times).
	Mean   Float `json:"mean"`
	Median Float `json:"median"`
	P90    Float `json:"p90"`
	P95    Float `json:"p95"`
	P99    Float `json:"p99"`
	Min    Float `json:"min"`
	Max    Float `json:"max"`
}

// Describe summarises x, ignoring NaN values, with quantiles by method m.
func Describe(x []float64, m QuantileMethod) Stats {
	s := sortedFinite(x)
	return describeSorted(s, m)
}

// describeSorted is Describe for a sample already sorted, without NaN.
func describeSorted(s []float64, m QuantileMethod) Stats {
	st := Stats{N: len(s), Mean: NaN(), Median: NaN(), P90: NaN(), P95: NaN(), P99: NaN(), Min: NaN(), Max: NaN()}
	if len(s) == 0 {
		return st
	}
	st.Mean = Float(mean(s))
	st.Median = Float(QuantileSorted(s, 0.5, m))
	st.P90 = Float(QuantileSorted(s, 0.90, m))
	st.P95 = Float(QuantileSorted(s, 0.95, m))
	st.P99 = Float(QuantileSorted(s, 0.99, m))
	st.Min, st.Max = Float(s[0]), Float(s[len(s)-1])
	return st
}

// mean is the arithmetic mean, with Neumaier compensated summation so a million durations in
// seconds lose no precision; NaN for an empty slice.
func mean(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	return kahanSum(x) / float64(len(x))
}

func kahanSum(x []float64) float64 {
	var s neumaier
	for _, v := range x {
		s.add(v)
	}
	return s.total()
}

// neumaier is a running compensated sum.
type neumaier struct{ sum, c float64 }

func (s *neumaier) add(v float64) {
	t := s.sum + v
	if math.Abs(s.sum) >= math.Abs(v) {
		s.c += (s.sum - t) + v
	} else {
		s.c += (v - t) + s.sum
	}
	s.sum = t
}

func (s neumaier) total() float64 { return s.sum + s.c }

// Proportion is a count out of a total with its share and a Wilson score interval.
type Proportion struct {
	// Count of Total; Share is Count / Total (NaN when Total is 0).
	Count int   `json:"count"`
	Total int   `json:"total"`
	Share Float `json:"share"`
	// CI is the Wilson score interval of Share.
	CI Interval `json:"ci"`
}

// NewProportion returns count/total with a Wilson score interval at confidence level conf
// (0.95 when conf is not in (0, 1)). With total zero the share and interval are NaN.
func NewProportion(count, total int, conf float64) Proportion {
	p := Proportion{Count: count, Total: total, Share: ratio(float64(count), float64(total))}
	p.CI = Wilson(count, total, conf)
	return p
}

// Wilson returns the Wilson score interval for k successes in n trials at confidence level
// conf (0.95 when conf is not in (0, 1)): E. B. Wilson, "Probable inference, the law of
// succession, and statistical inference", JASA 22 (1927). Unlike the normal approximation it
// stays inside [0, 1] and behaves at k = 0 and k = n. NaN when n is zero or k is outside
// [0, n].
func Wilson(k, n int, conf float64) Interval {
	if n <= 0 || k < 0 || k > n {
		return nanInterval()
	}
	z := zFor(conf)
	nf := float64(n)
	p := float64(k) / nf
	z2 := z * z
	denom := 1 + z2/nf
	centre := (p + z2/(2*nf)) / denom
	half := z / denom * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	lo, hi := centre-half, centre+half
	// The bounds are exactly 0 and 1 at k = 0 and k = n; rounding can miss by an ulp.
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return Interval{Float(max(lo, 0)), Float(min(hi, 1))}
}

// confidence returns conf, or 0.95 when conf is not in (0, 1).
func confidence(conf float64) float64 {
	if !(conf > 0 && conf < 1) {
		return 0.95
	}
	return conf
}

// zFor is the two-sided standard normal critical value for confidence level conf.
func zFor(conf float64) float64 {
	return distuv.UnitNormal.Quantile(1 - (1-confidence(conf))/2)
}
