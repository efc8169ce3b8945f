package metrics

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

func TestQuantileMatchesNumPy(t *testing.T) {
	ref := loadReference(t)
	samples := loadSamples(t)
	checked := 0
	for name, byType := range ref.Quantiles {
		x := samples[name]
		for typ, want := range byType {
			var m QuantileMethod
			fmt.Sscan(typ, &m)
			for i, p := range ref.PS {
				if want[i] == nil {
					t.Fatalf("%s type %s p=%v: no reference", name, typ, p)
				}
				approx(t, fmt.Sprintf("%s type %d (%v) p=%v", name, m.Type(), m, p), Quantile(x, p, m), *want[i], 1e-12)
				checked++
			}
		}
	}
	if checked < 9*10*6 {
		t.Fatalf("checked only %d reference quantiles", checked)
	}
}

// Hand-worked: 1..10. Type 7: h = (n-1)p + 1 = 5.5 at p = 0.5, so 5.5; at p = 0.9, h = 9.1,
// 9 + 0.1 = 9.1. Type 1 at p = 0.5: np = 5 is a jump, x[5] = 5. Type 2 averages x[5] and
// x[6]: 5.5. Type 6 at p = 0.9: (n+1)p = 9.9, so 9.9. Gonum's LinInterp gives 5 for the median
// (see DEPENDENCY-NOTES): the zero value here is type 7.
func TestQuantileHandWorked(t *testing.T) {
	x := []float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1} // unsorted on purpose
	cases := []struct {
		m    QuantileMethod
		p    float64
		want float64
	}{
		{Linear, 0.5, 5.5}, {Linear, 0.9, 9.1}, {Type7, 0.5, 5.5},
		{InvertedCDF, 0.5, 5}, {InvertedCDF, 0.51, 6}, {AveragedInvertedCDF, 0.5, 5.5},
		{Weibull, 0.9, 9.9}, {Hazen, 0.5, 5.5}, {InterpolatedInvertedCDF, 0.25, 2.5},
		{ClosestObservation, 0.25, 2}, // np - 0.5 = 2, a tie at an even index: x[2]
		{ClosestObservation, 0.35, 4}, // np - 0.5 = 3, a tie at an odd index: x[3+1]
		{ClosestObservation, 0.41, 4}, // np - 0.5 = 3.6, not a tie: x[3+1]
	}
	for _, c := range cases {
		approx(t, fmt.Sprintf("%v p=%v", c.m, c.p), Quantile(x, c.p, c.m), c.want, 1e-12)
	}
	if !slices.Equal(x, []float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}) {
		t.Error("Quantile modified its input")
	}
	// Every type gives the minimum at p = 0 and the maximum at p = 1 (Hyndman and Fan 1996).
	for typ := 1; typ <= 9; typ++ {
		m := QuantileMethod(typ)
		approx(t, fmt.Sprintf("%v p=0", m), Quantile(x, 0, m), 1, 0)
		approx(t, fmt.Sprintf("%v p=1", m), Quantile(x, 1, m), 10, 0)
	}
}

func TestQuantileUndefined(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		x []float64
		p float64
		m QuantileMethod
	}{
		{nil, 0.5, Linear},
		{[]float64{nan, nan}, 0.5, Linear},
		{[]float64{1, 2}, -0.1, Linear},
		{[]float64{1, 2}, 1.1, Linear},
		{[]float64{1, 2}, nan, Linear},
		{[]float64{1, 2}, 0.5, QuantileMethod(10)},
		{[]float64{1, 2}, 0.5, QuantileMethod(-1)},
	} {
		if got := Quantile(c.x, c.p, c.m); !math.IsNaN(got) {
			t.Errorf("Quantile(%v, %v, %v) = %v, want NaN", c.x, c.p, c.m, got)
		}
	}
	// NaN values are ignored, not propagated: the median of {1, NaN, 3} is that of {1, 3}.
	approx(t, "median with NaN", Quantile([]float64{1, nan, 3}, 0.5, Linear), 2, 0)
}

// Properties that hold for every type: the quantile lies within the sample, is
// non-decreasing in p, and does not depend on input order.
func TestQuantileProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := rapid.SliceOfN(rapid.Float64Range(-1e6, 1e6), 1, 50).Draw(t, "x")
		m := QuantileMethod(rapid.IntRange(0, 9).Draw(t, "m"))
		p1 := rapid.Float64Range(0, 1).Draw(t, "p1")
		p2 := rapid.Float64Range(p1, 1).Draw(t, "p2")
		q1, q2 := Quantile(x, p1, m), Quantile(x, p2, m)
		lo, hi := slices.Min(x), slices.Max(x)
		if q1 < lo || q1 > hi {
			t.Fatalf("q(%v) = %v outside [%v, %v]", p1, q1, lo, hi)
		}
		if q2 < q1-1e-9*math.Max(1, math.Abs(q1)) {
			t.Fatalf("q(%v) = %v < q(%v) = %v", p2, q2, p1, q1)
		}
		y := slices.Clone(x)
		slices.Reverse(y)
		if Quantile(y, p1, m) != q1 {
			t.Fatalf("order changed the result")
		}
	})
}

func TestDescribeMatchesPandas(t *testing.T) {
	ref := loadReference(t)
	samples := loadSamples(t)
	for name, want := range ref.Describe {
		got := Describe(samples[name], Linear)
		if got.N != want.N {
			t.Errorf("%s: N = %d, want %d", name, got.N, want.N)
		}
		for _, f := range []struct {
			n    string
			g, w float64
		}{{"mean", float64(got.Mean), want.Mean}, {"median", float64(got.Median), want.Median},
			{"p90", float64(got.P90), want.P90}, {"p95", float64(got.P95), want.P95},
			{"p99", float64(got.P99), want.P99}, {"min", float64(got.Min), want.Min}, {"max", float64(got.Max), want.Max}} {
			approx(t, name+" "+f.n, f.g, f.w, 1e-12)
		}
	}
	empty := Describe(nil, Linear)
	if empty.N != 0 || !empty.Mean.IsNaN() || !empty.P99.IsNaN() {
		t.Errorf("Describe(nil) = %+v, want N 0 and NaN statistics", empty)
	}
}
