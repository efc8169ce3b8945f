package metrics

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func median(x []float64) float64 { return Quantile(x, 0.5, Linear) }

// SciPy's bootstrap (20,000 percentile resamples of the median, its own generator) and ours
// draw different resamples, so the intervals agree only up to Monte Carlo error: with 20,000
// resamples the endpoints of this sample move by about 1% between seeds.
func TestBootstrapAgreesWithSciPy(t *testing.T) {
	ref := loadReference(t).BootstrapMedian
	x := loadSamples(t)["bootstrap"]
	for _, b := range []Bootstrap{
		BootstrapQuantile(x, 0.5, Linear, BootstrapOptions{Resamples: 20000, Seed: 1}),
		BootstrapStat(x, median, BootstrapOptions{Resamples: 20000, Seed: 1}),
	} {
		approx(t, "estimate", float64(b.Estimate), ref.Median, 1e-12)
		if rel := math.Abs(float64(b.CI.Lo)-ref.CI[0]) / ref.CI[0]; rel > 0.03 {
			t.Errorf("lo %v vs SciPy %v", b.CI.Lo, ref.CI[0])
		}
		if rel := math.Abs(float64(b.CI.Hi)-ref.CI[1]) / ref.CI[1]; rel > 0.03 {
			t.Errorf("hi %v vs SciPy %v", b.CI.Hi, ref.CI[1])
		}
	}
}

func TestBootstrapReproducible(t *testing.T) {
	x := loadSamples(t)["ack_seconds"]
	o := BootstrapOptions{Resamples: 500, Seed: 42}
	a, b := BootstrapQuantile(x, 0.9, Linear, o), BootstrapQuantile(x, 0.9, Linear, o)
	if a != b {
		t.Errorf("same seed, different results: %+v %+v", a, b)
	}
	c := BootstrapQuantile(x, 0.9, Linear, BootstrapOptions{Resamples: 500, Seed: 43})
	if c.CI == a.CI {
		t.Errorf("different seeds gave identical intervals %+v", c.CI)
	}
	if s1, s2 := BootstrapStat(x, median, o), BootstrapStat(x, median, o); s1 != s2 {
		t.Errorf("BootstrapStat not reproducible")
	}
}

// The window of order statistics must give what sorting the resample and taking the quantile, for every
// method and a spread of p, including samples with ties.
func TestQuantileFromCountsEqualsSorting(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := 1 + rng.IntN(30)
		s := make([]float64, n)
		for i := range s {
			s[i] = float64(rng.IntN(10))
		}
		slices.Sort(s)
		counts := make([]int32, n)
		var resample []float64
		for range n {
			i := rng.IntN(n)
			counts[i]++
			resample = append(resample, s[i])
		}
		slices.Sort(resample)
		for typ := 1; typ <= 9; typ++ {
			for _, p := range []float64{0, 0.01, 0.25, 0.5, 0.62, 0.9, 0.99, 1} {
				m := QuantileMethod(typ)
				w := windowFor(n, p)
				w.fill(s, counts)
				got := quantileAt(n, w.at, p, m)
				if want := QuantileSorted(resample, p, m); got != want {
					t.Fatalf("trial %d n=%d type %d p=%v: %v, want %v", trial, n, typ, p, got, want)
				}
			}
		}
	}
}

// Hand-worked: a constant sample has a degenerate interval; an empty one is undefined.
func TestBootstrapEdgeCases(t *testing.T) {
	b := BootstrapQuantile([]float64{7, 7, 7}, 0.5, Linear, BootstrapOptions{})
	if b.Estimate != 7 || b.CI != (Interval{7, 7}) || b.Resamples != 1000 || b.Confidence != 0.95 {
		t.Errorf("constant: %+v", b)
	}
	e := BootstrapStat([]float64{math.NaN()}, median, BootstrapOptions{})
	if !e.Estimate.IsNaN() || !e.CI.Lo.IsNaN() {
		t.Errorf("empty: %+v", e)
	}
	if q := BootstrapQuantile([]float64{1, 2}, 2, Linear, BootstrapOptions{}); !q.Estimate.IsNaN() {
		t.Errorf("p = 2: %+v", q)
	}
}

func BenchmarkBootstrapMedian100k(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	x := make([]float64, 100_000)
	for i := range x {
		x[i] = rng.ExpFloat64() * 300
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		BootstrapQuantile(x, 0.5, Linear, BootstrapOptions{Resamples: 1000, Seed: 1})
	}
	reportCPU(b, cpu0)
}
