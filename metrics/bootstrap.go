package metrics

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Bootstrap is a percentile bootstrap confidence interval (Efron 1979): the statistic is
// recomputed on Resamples samples drawn with replacement, and the interval is the central
// Confidence share of those values (type 7 quantiles of them). The same data, statistic,
// number of resamples and seed always give the same interval.
type Bootstrap struct {
	Estimate   Float    `json:"estimate"`
	CI         Interval `json:"ci"`
	Confidence Float    `json:"confidence"`
	Resamples  int      `json:"resamples"`
	Seed       uint64   `json:"seed"`
}

// BootstrapOptions configures a bootstrap. The zero value is ready to use.
type BootstrapOptions struct {
	// Resamples is the number of resamples; zero means 1,000.
	Resamples int
	// Seed seeds the PCG generator (math/rand/v2), whose output is fixed by its
	// specification, so results reproduce across platforms and Go releases.
	Seed uint64
	// Confidence is the interval's level; zero means 0.95.
	Confidence float64
}

func (o BootstrapOptions) resamples() int {
	if o.Resamples <= 0 {
		return 1000
	}
	return o.Resamples
}

// BootstrapStat bootstraps any statistic of x. NaN values of x are dropped first. stat
// receives a scratch slice it may reorder but must not keep. With no values the estimate and
// interval are NaN.
func BootstrapStat(x []float64, stat func([]float64) float64, o BootstrapOptions) Bootstrap {
	x = slices.DeleteFunc(slices.Clone(x), math.IsNaN)
	b := newBootstrap(o)
	if len(x) == 0 {
		return b
	}
	scratch := slices.Clone(x)
	b.Estimate = Float(stat(scratch))
	rng := rand.New(rand.NewPCG(o.Seed, seedStream))
	stats := make([]float64, b.Resamples)
	for r := range stats {
		for i := range scratch {
			scratch[i] = x[rng.IntN(len(x))]
		}
		stats[r] = stat(scratch)
	}
	return b.withInterval(stats)
}

// BootstrapQuantile bootstraps the p-quantile of x (by method m). It is much faster than
// BootstrapStat: x is sorted once and each resample
// is reduced to counts of the sorted positions drawn, so no resample is ever sorted.
func BootstrapQuantile(x []float64, p float64, m QuantileMethod, o BootstrapOptions) Bootstrap {
	s := sortedFinite(x)
	b := newBootstrap(o)
	if len(s) == 0 || m.Type() == 0 || !(p >= 0 && p <= 1) {
		return b
	}
	b.Estimate = Float(QuantileSorted(s, p, m))
	n := len(s)
	// Drawing sorted positions instead of original positions gives resamples of the same
	// distribution; the draws differ from BootstrapStat's, so the two agree in distribution,
	// not draw for draw.
	if n > math.MaxInt32 {
		return newBootstrap(o) // the counts are 32-bit; no realistic sample is this large
	}
	rng := rand.NewPCG(o.Seed, seedStream)
	counts := make([]int32, n)
	stats := make([]float64, b.Resamples)
	w := windowFor(n, p)
	for r := range stats {
		clear(counts)
		drawCounts(rng, counts)
		w.fill(s, counts)
		stats[r] = quantileAt(n, w.at, p, m)
	}
	return b.withInterval(stats)
}

// seedStream is the fixed second word of the PCG seed.
const seedStream = 0x6d657472696373 // "metrics"

func newBootstrap(o BootstrapOptions) Bootstrap {
	return Bootstrap{Estimate: NaN(), CI: nanInterval(), Confidence: Float(confidence(o.Confidence)),
		Resamples: o.resamples(), Seed: o.Seed}
}

func (b Bootstrap) withInterval(stats []float64) Bootstrap {
	a := 1 - float64(b.Confidence)
	q := Quantiles(stats, []float64{a / 2, 1 - a/2}, Linear)
	b.CI = Interval{Float(q[0]), Float(q[1])}
	return b
}

// window holds the order statistics lo..lo+len(vals)-1 of a resample, enough for one
// quantile (quantileAt reads only floor(np)-1 to floor(np)+2).
type window struct {
	lo   int
	vals [4]float64
}

func windowFor(n int, p float64) window {
	return window{lo: max(1, int(math.Floor(float64(n)*p))-1)}
}

// fill reads the window's order statistics from the counts of each sorted value: the k-th
// smallest of the resample is s[i] for the first i where the running count reaches k.
func (w *window) fill(s []float64, counts []int32) {
	hi := min(len(s), w.lo+len(w.vals)-1)
	k, cum := w.lo, int32(0)
	for i, c := range counts {
		cum += c
		for int(cum) >= k && k <= hi {
			w.vals[k-w.lo] = s[i]
			k++
		}
		if k > hi {
			return
		}
	}
}

func (w *window) at(k int) float64 { return w.vals[k-w.lo] }

// drawCounts adds n draws of a uniform position in [0, n) to counts, two per 64-bit output
// (Lemire's multiply-and-reject on each 32-bit half, so the draws are exactly uniform).
func drawCounts(rng *rand.PCG, counts []int32) {
	n := uint64(len(counts))
	threshold := uint32(-uint32(n) % uint32(n))
	var buf uint64
	have := 0
	for drawn := 0; drawn < len(counts); {
		if have == 0 {
			buf, have = rng.Uint64(), 2
		}
		x := uint32(buf)
		buf >>= 32
		have--
		m := uint64(x) * n
		if uint32(m) < threshold {
			continue
		}
		counts[m>>32]++
		drawn++
	}
}
