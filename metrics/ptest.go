package metrics

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// relErr is the relative tolerance with which two outcomes count as equally likely in the
// two-sided exact tests; the value R's poisson.test and binom.test and SciPy's binomtest use.
const relErr = 1 + 1e-7

// PoissonTest returns the exact two-sided p-value of observing k events when mu are
// expected: the total probability of every count no more likely than k (the "minimum
// likelihood" rule of R's poisson.test). NaN when mu is negative or NaN or k is negative.
func PoissonTest(k int, mu float64) float64 {
	switch {
	case k < 0 || math.IsNaN(mu) || mu < 0:
		return math.NaN()
	case mu == 0:
		if k == 0 {
			return 1
		}
		return 0
	}
	d := distuv.Poisson{Lambda: mu}
	pmf := func(j int) float64 { return d.Prob(float64(j)) }
	cdf := func(j int) float64 { return d.CDF(float64(j)) }
	// P(X >= j) is the regularized lower incomplete gamma P(j, mu): exact in the far tail,
	// where 1 - CDF would cancel to zero.
	sf := func(j int) float64 {
		if j <= 0 {
			return 1
		}
		return mathext.GammaIncReg(float64(j), mu)
	}
	return twoSided(k, int(math.Floor(mu)), math.MaxInt32, pmf, cdf, sf, mu)
}

// BinomialTest returns the exact two-sided p-value of k successes in n trials with success
// probability p, by the same minimum-likelihood rule (SciPy's binomtest). NaN for impossible
// arguments.
func BinomialTest(k, n int, p float64) float64 {
	switch {
	case n < 0 || k < 0 || k > n || math.IsNaN(p) || p < 0 || p > 1:
		return math.NaN()
	case n == 0:
		return 1
	case p == 0:
		return b2f(k == 0)
	case p == 1:
		return b2f(k == n)
	}
	d := distuv.Binomial{N: float64(n), P: p}
	pmf := func(j int) float64 { return d.Prob(float64(j)) }
	cdf := func(j int) float64 { return d.CDF(float64(j)) }
	// P(X >= j) = I_p(j, n-j+1), the regularized incomplete beta: exact in the far tail.
	sf := func(j int) float64 {
		if j <= 0 {
			return 1
		}
		return mathext.RegIncBeta(float64(j), float64(n-j+1), p)
	}
	return twoSided(k, int(math.Floor(float64(n)*p)), n, pmf, cdf, sf, float64(n)*p)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// twoSided adds to the tail beyond k the opposite tail of outcomes no more likely than k, found
// by bisection on the monotone side of the unimodal distribution (mode is floor(mean)).
func twoSided(k, mode, top int, pmf, cdf, sf func(int) float64, mean float64) float64 {
	dk := pmf(k) * relErr
	if float64(k) == mean {
		return 1
	}
	var p float64
	if float64(k) < mean {
		// Smallest j >= ceil(mean) with pmf(j) <= dk: the upper tail from j. The pmf does not
		// increase from ceil(mean) on; for an integer Poisson mean, pmf(mean) = pmf(mean-1)
		// and so that count belongs to the search.
		start := int(math.Ceil(mean))
		lo, hi := start, start
		for hi < top && pmf(hi) > dk {
			lo = hi
			hi = min(top, start+2*(hi-start)+1)
		}
		for lo < hi {
			m := lo + (hi-lo)/2
			if pmf(m) <= dk {
				hi = m
			} else {
				lo = m + 1
			}
		}
		p = cdf(k)
		if pmf(lo) <= dk {
			p += sf(lo)
		}
	} else {
		// Largest j < k, j <= mode, with pmf(j) <= dk: the lower tail up to j.
		lo, hi := 0, min(mode, k-1)
		if hi < 0 || pmf(0) > dk {
			return min(1, sf(k))
		}
		for lo < hi {
			m := lo + (hi-lo+1)/2
			if pmf(m) <= dk {
				lo = m
			} else {
				hi = m - 1
			}
		}
		p = sf(k) + cdf(lo)
	}
	return min(1, p)
}

// Correction is a multiple-comparison correction of p-values.
type Correction string

// The corrections.
const (
	// Holm controls the family-wise error rate (Holm 1979): "is anyone out of line?" with no
	// false alarm more often than alpha. The default.
	Holm Correction = "holm"
	// BenjaminiHochberg controls the false discovery rate (Benjamini and Hochberg 1995):
	// more power with many people, at the cost of some false flags.
	BenjaminiHochberg Correction = "bh"
	// NoCorrection leaves the p-values as they are.
	NoCorrection Correction = "none"
)

func (c Correction) orDefault() Correction {
	if c == "" {
		return Holm
	}
	return c
}

// Adjust returns the p-values corrected by c ("" means Holm), in the input order. NaN
// p-values stay NaN and do not count as tests. An unknown correction gives all NaN.
func Adjust(ps []float64, c Correction) []float64 {
	out := make([]float64, len(ps))
	var idx []int
	for i, p := range ps {
		out[i] = p
		if !math.IsNaN(p) {
			idx = append(idx, i)
		}
	}
	m := float64(len(idx))
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(ps[a], ps[b]) })
	switch c.orDefault() {
	case Holm:
		run := 0.0
		for r, i := range idx {
			run = max(run, min(1, (m-float64(r))*ps[i]))
			out[i] = run
		}
	case BenjaminiHochberg:
		run := 1.0
		for r := len(idx) - 1; r >= 0; r-- {
			i := idx[r]
			run = min(run, m*ps[i]/float64(r+1))
			out[i] = run
		}
	case NoCorrection:
	default:
		for i := range out {
			out[i] = math.NaN()
		}
	}
	return out
}
