package metrics

import (
	"fmt"
	"math"
	"slices"
	"strconv"
)

// QuantileMethod selects one of the nine sample quantile definitions of Hyndman and Fan,
// "Sample quantiles in statistical packages", The American Statistician 50(4), 1996. The zero
// value is type 7, the default of NumPy, pandas, R and Excel's PERCENTILE.INC, so results match
// what a notebook shows.
type QuantileMethod int

// The quantile methods, named as in numpy.quantile's method argument. Types 1 to 3 are
// discontinuous (they return a sample value); 4 to 9 interpolate linearly between order
// statistics.
const (
	Linear                  QuantileMethod = 0 // type 7: the zero value
	InvertedCDF             QuantileMethod = 1 // type 1
	AveragedInvertedCDF     QuantileMethod = 2 // type 2
	ClosestObservation      QuantileMethod = 3 // type 3
	InterpolatedInvertedCDF QuantileMethod = 4 // type 4
	Hazen                   QuantileMethod = 5 // type 5
	Weibull                 QuantileMethod = 6 // type 6
	Type7                   QuantileMethod = 7 // type 7, the same as Linear
	MedianUnbiased          QuantileMethod = 8 // type 8
	NormalUnbiased          QuantileMethod = 9 // type 9
)

// Type returns the Hyndman-Fan type number, 1 to 9 (7 for the zero value), or 0 when m is not
// a known method.
func (m QuantileMethod) Type() int {
	switch {
	case m == Linear:
		return 7
	case m >= 1 && m <= 9:
		return int(m)
	}
	return 0
}

// String returns numpy's name for the method.
func (m QuantileMethod) String() string {
	names := [...]string{"", "inverted_cdf", "averaged_inverted_cdf", "closest_observation",
		"interpolated_inverted_cdf", "hazen", "weibull", "linear", "median_unbiased", "normal_unbiased"}
	if t := m.Type(); t != 0 {
		return names[t]
	}
	return fmt.Sprintf("QuantileMethod(%d)", int(m))
}

// Quantile returns the p-quantile of x (in any order) by method m. It ignores NaN values and
// returns NaN when no values remain, when p is outside [0, 1] or NaN, or when m is unknown. x is
// not modified.
func Quantile(x []float64, p float64, m QuantileMethod) float64 {
	s := sortedFinite(x)
	return QuantileSorted(s, p, m)
}

// Quantiles returns the quantiles of x at each of ps, sorting x only once.
func Quantiles(x []float64, ps []float64, m QuantileMethod) []float64 {
	s := sortedFinite(x)
	out := make([]float64, len(ps))
	for i, p := range ps {
		out[i] = QuantileSorted(s, p, m)
	}
	return out
}

// sortedFinite returns a sorted copy of x without NaN values (infinities are kept: they sort).
func sortedFinite(x []float64) []float64 {
	s := make([]float64, 0, len(x))
	for _, v := range x {
		if !math.IsNaN(v) {
			s = append(s, v)
		}
	}
	slices.Sort(s)
	return s
}

// QuantileSorted is Quantile for x already sorted ascending without NaN values; it does not
// check the order.
func QuantileSorted(x []float64, p float64, m QuantileMethod) float64 {
	return quantileAt(len(x), func(k int) float64 { return x[k-1] }, p, m)
}

// quantileAt computes the quantile of a sorted sample of n values whose k-th order statistic
// (1-based, 1 <= k <= n) is at(k). It reads only order statistics floor(np)-1 to floor(np)+2.
func quantileAt(n int, order func(k int) float64, p float64, m QuantileMethod) float64 {
	t := m.Type()
	if n == 0 || t == 0 || math.IsNaN(p) || p < 0 || p > 1 {
		return math.NaN()
	}
	// at clamps k to the sample, as Hyndman and Fan's x[0] = x[1] and x[n+1] = x[n].
	at := func(k int) float64 { return order(min(max(k, 1), n)) }
	np := float64(n) * p
	if t <= 3 {
		return discreteQuantile(at, np, t)
	}
	// Types 4-9: Q(p) = (1-g) x[j] + g x[j+1] with j = floor(np + m), g = np + m - j
	// (Hyndman and Fan, equation 5 and table of m).
	var off float64
	switch t {
	case 4:
		off = 0
	case 5:
		off = 0.5
	case 6:
		off = p
	case 7:
		off = 1 - p
	case 8:
		off = (p + 1) / 3
	case 9:
		off = p/4 + 3.0/8
	}
	h := np + off
	j := math.Floor(h)
	g := h - j
	if g < 1e-12*math.Max(1, h) {
		// Rounding of np + m can leave a hair above an integer; snap, as R does with its fuzz.
		g = 0
	}
	lo, hi := at(int(j)), at(int(j)+1)
	if g == 0 || lo == hi {
		return lo
	}
	return lo + g*(hi-lo)
}

// discreteQuantile implements types 1-3, which return an order statistic (or, for type 2, the
// mean of two at a jump).
func discreteQuantile(at func(int) float64, np float64, t int) float64 {
	const eps = 1e-12
	if t == 3 {
		// Nearest order statistic, ties to the even one (SAS definition 2).
		h := np - 0.5
		j := math.Floor(h)
		if math.Abs(h-j) < eps*math.Max(1, h) && int(j)%2 == 0 {
			return at(int(j))
		}
		return at(int(j) + 1)
	}
	j := math.Floor(np)
	atJump := math.Abs(np-j) < eps*math.Max(1, np)
	if !atJump && math.Abs(np-(j+1)) < eps*math.Max(1, np) {
		j, atJump = j+1, true
	}
	switch {
	case !atJump:
		return at(int(j) + 1)
	case t == 1:
		return at(int(j))
	default:
		return (at(int(j)) + at(int(j)+1)) / 2
	}
}

// MarshalText writes numpy's name of the method ("linear" for the zero value).
func (m QuantileMethod) MarshalText() ([]byte, error) {
	if m.Type() == 0 {
		return nil, fmt.Errorf("metrics: quantile method %d: %w", int(m), ErrInvalidOption)
	}
	return []byte(m.String()), nil
}

// UnmarshalText reads numpy's name of a method ("linear", "hazen", ...) or a Hyndman-Fan type
// number "1" to "9".
func (m *QuantileMethod) UnmarshalText(b []byte) error {
	s := string(b)
	for t := 1; t <= 9; t++ {
		if s == QuantileMethod(t).String() || s == strconv.Itoa(t) {
			*m = QuantileMethod(t)
			if t == 7 {
				*m = Linear
			}
			return nil
		}
	}
	return fmt.Errorf("metrics: quantile method %q: want a numpy method name or a type 1 to 9: %w", s, ErrInvalidOption)
}
