package metrics

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// ErrInvalidValue reports a per-person quantity that is negative, NaN or infinite, where
// fairness indices need finite amounts of zero or more.
var ErrInvalidValue = errors.New("value must be finite and not negative")

// Value is one person's amount of something: pages, sleep interruptions, burden, fatigue.
type Value struct {
	// ID names the person; Value is their amount (zero or more).
	ID    string  `json:"id"`
	Value float64 `json:"value"`
}

// ValueError names the entry of a []Value that failed a check.
type ValueError struct {
	// Index is the position in the slice; ID and Value the entry; Err the reason.
	Index int
	ID    string
	Value float64
	Err   error
}

// Error implements error.
func (e *ValueError) Error() string {
	return fmt.Sprintf("metrics: value %d (%q) = %v: %v", e.Index, e.ID, e.Value, e.Err)
}

// Unwrap returns the underlying error.
func (e *ValueError) Unwrap() error { return e.Err }

// ValuesOf turns a map of ID to amount into a slice sorted by ID, so results do not depend on
// map order.
func ValuesOf(m map[string]float64) []Value {
	out := make([]Value, 0, len(m))
	for id, v := range m {
		out = append(out, Value{ID: id, Value: v})
	}
	slices.SortFunc(out, func(a, b Value) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// LorenzPoint is one point of a Lorenz curve: the poorest Population share of people carry
// Share of the total.
type LorenzPoint struct {
	// Population and Share are fractions in [0, 1].
	Population Float `json:"population"`
	Share      Float `json:"share"`
}

// Fairness holds inequality indices of a per-person quantity. Perfect equality is Spread 0,
// MaxOverMean 1, CV 0, Gini 0, Jain 1 and Theil 0. When everyone's amount is zero the split is
// equal (nobody carries more than anyone else) and the indices take those values. With no
// people every index is NaN.
type Fairness struct {
	N     int   `json:"n"`
	Total Float `json:"total"`
	Mean  Float `json:"mean"`
	Min   Float `json:"min"`
	Max   Float `json:"max"`
	// MinID and MaxID name who carries the least and the most (the first by ID on ties).
	MinID string `json:"min_id"`
	MaxID string `json:"max_id"`
	// Spread is Max - Min.
	Spread Float `json:"spread"`
	// MaxOverMean is how many times the average the busiest person carries.
	MaxOverMean Float `json:"max_over_mean"`
	// CV is the coefficient of variation: population standard deviation over the mean (the
	// team is the whole population, not a sample of one).
	CV Float `json:"cv"`
	// Gini is the mean absolute difference over twice the mean: 0 equal, (n-1)/n when one
	// person carries everything.
	Gini Float `json:"gini"`
	// Jain is Jain's fairness index (sum x)^2 / (n sum x^2): 1 equal, 1/n when one person
	// carries everything (Jain, Chiu and Hawe, DEC-TR-301, 1984).
	Jain Float `json:"jain"`
	// Theil is Theil's T index, the mean of (x/mean) ln(x/mean) with 0 ln 0 = 0: 0 equal,
	// ln n when one person carries everything.
	Theil Float `json:"theil"`
	// Lorenz is the Lorenz curve: n+1 points from (0, 0) to (1, 1), people sorted ascending.
	Lorenz []LorenzPoint `json:"lorenz"`
}

// FairnessOf computes the fairness indices of vs. It returns a *ValueError wrapping
// ErrInvalidValue for a negative, NaN or infinite value.
func FairnessOf(vs []Value) (Fairness, error) {
	for i, v := range vs {
		if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) || v.Value < 0 {
			return Fairness{}, &ValueError{Index: i, ID: v.ID, Value: v.Value, Err: ErrInvalidValue}
		}
	}
	f := Fairness{N: len(vs)}
	if len(vs) == 0 {
		nan := NaN()
		f.Total, f.Mean, f.Min, f.Max, f.Spread, f.MaxOverMean = nan, nan, nan, nan, nan, nan
		f.CV, f.Gini, f.Jain, f.Theil = nan, nan, nan, nan
		return f, nil
	}
	s := slices.Clone(vs)
	slices.SortStableFunc(s, func(a, b Value) int {
		if c := cmp.Compare(a.Value, b.Value); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	x := make([]float64, len(s))
	for i, v := range s {
		x[i] = v.Value
	}
	n := float64(len(x))
	total := kahanSum(x)
	mu := total / n
	f.Total, f.Mean = Float(total), Float(mu)
	f.Min, f.Max = Float(x[0]), Float(x[len(x)-1])
	f.MinID, f.MaxID = s[0].ID, maxID(s)
	f.Spread = f.Max - f.Min
	f.Lorenz = lorenz(x, total)
	if total == 0 {
		f.MaxOverMean, f.CV, f.Gini, f.Jain, f.Theil = 1, 0, 0, 1, 0
		return f, nil
	}
	f.MaxOverMean = Float(x[len(x)-1] / mu)
	var ss, sq, theil float64
	for _, v := range x {
		d := v - mu
		ss += d * d
		sq += v * v
		if v > 0 {
			theil += v / mu * math.Log(v/mu)
		}
	}
	f.CV = Float(math.Sqrt(ss/n) / mu)
	f.Jain = Float(total * total / (n * sq))
	f.Theil = Float(theil / n)
	f.Gini = Float(giniSorted(x, total))
	return f, nil
}

// maxID is the ID of the largest value, the first by ID among ties.
func maxID(s []Value) string {
	top := s[len(s)-1].Value
	i := len(s) - 1
	for i > 0 && s[i-1].Value == top {
		i--
	}
	return s[i].ID
}

// giniSorted uses the closed form for ascending x: G = sum (2i - n - 1) x_i / (n sum x),
// i = 1..n, equal to the mean absolute difference over twice the mean.
func giniSorted(x []float64, total float64) float64 {
	n := float64(len(x))
	var s float64
	for i, v := range x {
		s += (2*float64(i+1) - n - 1) * v
	}
	return s / (n * total)
}

func lorenz(x []float64, total float64) []LorenzPoint {
	n := float64(len(x))
	pts := make([]LorenzPoint, 0, len(x)+1)
	pts = append(pts, LorenzPoint{0, 0})
	var cum float64
	for i, v := range x {
		cum += v
		share := float64(i+1) / n // equal split when nobody carries anything
		if total > 0 {
			share = cum / total
		}
		pts = append(pts, LorenzPoint{Float(float64(i+1) / n), Float(share)})
	}
	pts[len(pts)-1].Share = 1
	return pts
}
