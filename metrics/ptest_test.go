package metrics

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
	"pgregory.net/rapid"
)

func TestPoissonTestMatchesSciPy(t *testing.T) {
	for _, c := range loadReference(t).Poisson {
		approxRel(t, fmt.Sprintf("PoissonTest(%d, %v)", c.K, c.Mu), PoissonTest(c.K, c.Mu), c.P, 1e-9)
	}
}

func TestBinomialTestMatchesSciPy(t *testing.T) {
	for _, c := range loadReference(t).Binomial {
		approxRel(t, fmt.Sprintf("BinomialTest(%d, %d, %v)", c.K, c.N, c.P), BinomialTest(c.K, c.N, c.P), c.PValue, 1e-9)
	}
}

// Hand-worked: 0 events when 2.5 are expected. P(0) = e^-2.5 = 0.082085; every count from 6 on
// is less likely (P(5) = 0.066801 is also below P(0), P(4) = 0.133602 is not), so
// p = P(0) + P(X >= 5) = 0.082085 + 0.108822 = 0.190907.
func TestPoissonTestHandWorked(t *testing.T) {
	approx(t, "p", PoissonTest(0, 2.5), 0.0820850+0.1088220, 1e-6)
	approx(t, "k = mu", PoissonTest(4, 4), 1, 0)
	// With mean 1, P(0) = P(1) = e^-1 and every other count is less likely: p = 1.
	approx(t, "tie with the mode", PoissonTest(0, 1), 1, 1e-15)
	approx(t, "mu 0, k 0", PoissonTest(0, 0), 1, 0)
	approx(t, "mu 0, k 3", PoissonTest(3, 0), 0, 0)
	for _, bad := range [][2]float64{{-1, 2}, {1, -2}, {1, math.NaN()}} {
		if p := PoissonTest(int(bad[0]), bad[1]); !math.IsNaN(p) {
			t.Errorf("PoissonTest(%v) = %v, want NaN", bad, p)
		}
	}
}

func TestAdjustMatchesReference(t *testing.T) {
	a := loadReference(t).Adjust
	holm, bh := Adjust(a.P, Holm), Adjust(a.P, BenjaminiHochberg)
	for i := range a.P {
		approx(t, fmt.Sprintf("holm[%d]", i), holm[i], a.Holm[i], 1e-12)
		approx(t, fmt.Sprintf("bh[%d]", i), bh[i], a.BH[i], 1e-12)
	}
	if d := Adjust(a.P, ""); fmt.Sprint(d) != fmt.Sprint(holm) {
		t.Errorf("default correction is not Holm")
	}
}

// Hand-worked Holm with a NaN that is not a test: p = {0.01, NaN, 0.04, 0.03}, m = 3.
// Sorted 0.01, 0.03, 0.04 times 3, 2, 1: 0.03, 0.06, 0.04 -> running max 0.03, 0.06, 0.06.
// BH: 0.01*3/1 = 0.03, 0.03*3/2 = 0.045, 0.04*3/3 = 0.04 -> running min from the top:
// 0.03, 0.04, 0.04.
func TestAdjustHandWorked(t *testing.T) {
	p := []float64{0.01, math.NaN(), 0.04, 0.03}
	holm := Adjust(p, Holm)
	bh := Adjust(p, BenjaminiHochberg)
	for i, w := range []float64{0.03, math.NaN(), 0.06, 0.06} {
		approx(t, fmt.Sprintf("holm[%d]", i), holm[i], w, 1e-15)
	}
	for i, w := range []float64{0.03, math.NaN(), 0.04, 0.04} {
		approx(t, fmt.Sprintf("bh[%d]", i), bh[i], w, 1e-15)
	}
	if none := Adjust(p, NoCorrection); none[2] != 0.04 {
		t.Errorf("no correction changed p: %v", none)
	}
}

// The bisection in twoSided must agree with summing the whole support by brute force.
func TestExactTestsAgreeWithBruteForce(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		mu := rapid.Float64Range(0.01, 150).Draw(rt, "mu")
		k := rapid.IntRange(0, 400).Draw(rt, "k")
		d := distuv.Poisson{Lambda: mu}
		limit := d.Prob(float64(k)) * relErr
		var want float64
		for j := 0; j < int(mu+60*math.Sqrt(mu))+k+60; j++ {
			if p := d.Prob(float64(j)); p <= limit {
				want += p
			}
		}
		want = min(want, 1)
		if got := PoissonTest(k, mu); math.Abs(got-want) > 1e-9*want+1e-300 { // below 1e-300, floats are subnormal
			rt.Fatalf("PoissonTest(%d, %v) = %v, brute force %v", k, mu, got, want)
		}
		n := rapid.IntRange(1, 300).Draw(rt, "n")
		kb := rapid.IntRange(0, n).Draw(rt, "kb")
		pr := rapid.Float64Range(0.001, 0.999).Draw(rt, "p")
		b := distuv.Binomial{N: float64(n), P: pr}
		limit = b.Prob(float64(kb)) * relErr
		want = 0
		for j := 0; j <= n; j++ {
			if p := b.Prob(float64(j)); p <= limit {
				want += p
			}
		}
		want = min(want, 1)
		if got := BinomialTest(kb, n, pr); math.Abs(got-want) > 1e-9*want+1e-300 { // below 1e-300, floats are subnormal
			rt.Fatalf("BinomialTest(%d, %d, %v) = %v, brute force %v", kb, n, pr, got, want)
		}
	})
}

// Wilson intervals lie in [0, 1], contain the observed share, and narrow as n grows.
func TestWilsonProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(1, 10000).Draw(rt, "n")
		k := rapid.IntRange(0, n).Draw(rt, "k")
		ci := Wilson(k, n, 0.95)
		p := float64(k) / float64(n)
		if ci.Lo < 0 || ci.Hi > 1 || float64(ci.Lo) > p+1e-12 || float64(ci.Hi) < p-1e-12 {
			rt.Fatalf("Wilson(%d, %d) = %v", k, n, ci)
		}
		big := Wilson(4*k, 4*n, 0.95)
		if big.Hi-big.Lo > ci.Hi-ci.Lo+1e-12 {
			rt.Fatalf("4x the data widened the interval: %v vs %v", big, ci)
		}
	})
}
