package metrics

import (
	"fmt"
	"testing"
)

func TestTrendMatchesSciPy(t *testing.T) {
	for name, c := range loadReference(t).Trend {
		got := TrendOf(c.Y, 0.05)
		approx(t, name+" slope", float64(got.Slope), c.Slope, 1e-12)
		approx(t, name+" intercept", float64(got.Intercept), c.Intercept, 1e-12)
		if got.S != c.S {
			t.Errorf("%s: S = %d, want %d", name, got.S, c.S)
		}
		approx(t, name+" var S", float64(got.VarS), c.VarS, 1e-12)
		approx(t, name+" z", float64(got.Z), c.Z, 1e-12)
		approxRel(t, name+" p", float64(got.P), c.P, 1e-9)
	}
}

// Hand-worked: y = 3, 1, 2. Pairs: (1-3)/1 = -2, (2-3)/2 = -0.5, (2-1)/1 = 1; median slope
// -0.5; intercept median(y) - slope*median(x) = 2 + 0.5*1 = 2.5. S = -1 -1 +1 = -1, Var S =
// 3*2*11/18 = 11/3, Z = 0 after the continuity correction, p = 1.
func TestTrendHandWorked(t *testing.T) {
	got := TrendOf([]float64{3, 1, 2}, 0.05)
	approx(t, "slope", float64(got.Slope), -0.5, 0)
	approx(t, "intercept", float64(got.Intercept), 2.5, 0)
	approx(t, "var", float64(got.VarS), 11.0/3, 1e-15)
	if got.S != -1 || got.Z != 0 || got.P != 1 || got.Verdict != NoClearChange {
		t.Errorf("got %+v", got)
	}
	if v := TrendOf(loadReference(t).Trend["falling"].Y, 0.05).Verdict; v != Improving {
		t.Errorf("falling series: verdict %q", v)
	}
	if v := TrendOf(loadReference(t).Trend["rising"].Y, 0.05).Verdict; v != Worsening {
		t.Errorf("rising series: verdict %q", v)
	}
	empty := TrendOf(nil, 0)
	if empty.N != 0 || !empty.Slope.IsNaN() || !empty.P.IsNaN() || empty.Verdict != NoClearChange {
		t.Errorf("empty: %+v", empty)
	}
	// All equal: Var S is zero, so there is no test.
	flat := TrendOf([]float64{4, 4, 4, 4}, 0.05)
	if flat.Slope != 0 || flat.VarS != 0 || !flat.P.IsNaN() || flat.Verdict != NoClearChange {
		t.Errorf("flat: %+v", flat)
	}
}

func TestCompareRatesMatchesSciPy(t *testing.T) {
	for _, c := range loadReference(t).Rates {
		name := fmt.Sprintf("%d/%v vs %d/%v", c.K1, c.T1, c.K2, c.T2)
		got := CompareRates(Rate{Count: c.K1, Exposure: Float(c.T1)}, Rate{Count: c.K2, Exposure: Float(c.T2)}, 0.95, 0.05)
		approxRel(t, name+" p", float64(got.P), c.P, 1e-9)
		if c.RateRatio == nil {
			if !got.RateRatio.IsNaN() {
				t.Errorf("%s: ratio %v, want NaN", name, got.RateRatio)
			}
		} else {
			approx(t, name+" ratio", float64(got.RateRatio), *c.RateRatio, 1e-12)
		}
		for i, w := range c.CI {
			g := [2]Float{got.CI.Lo, got.CI.Hi}[i]
			if w == nil {
				if !g.IsNaN() {
					t.Errorf("%s: CI[%d] = %v, want unbounded (NaN)", name, i, g)
				}
				continue
			}
			approx(t, fmt.Sprintf("%s CI[%d]", name, i), float64(g), *w, 1e-8)
		}
	}
}

// Hand-worked: 120 pages in 8 weeks before, 80 in 8 weeks after. Under equal rates the after
// count is Binomial(200, 0.5); the ratio is 80/120 = 2/3 and 80 is far in the lower tail, so
// the verdict is improving.
func TestCompareRatesVerdict(t *testing.T) {
	got := CompareRates(Rate{Count: 120, Exposure: 8}, Rate{Count: 80, Exposure: 8}, 0, 0)
	approx(t, "ratio", float64(got.RateRatio), 2.0/3, 1e-15)
	if got.Verdict != Improving {
		t.Errorf("verdict %q", got.Verdict)
	}
	if bad := CompareRates(Rate{Count: 1}, Rate{Count: 1, Exposure: 1}, 0, 0); !bad.P.IsNaN() || bad.Verdict != NoClearChange {
		t.Errorf("zero exposure: %+v", bad)
	}
}
