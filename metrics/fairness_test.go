package metrics

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"pgregory.net/rapid"
)

func valuesFrom(x []float64) []Value {
	vs := make([]Value, len(x))
	for i, v := range x {
		vs[i] = Value{ID: fmt.Sprintf("p%02d", i), Value: v}
	}
	return vs
}

func TestFairnessMatchesNumPy(t *testing.T) {
	ref := loadReference(t)
	for name, want := range ref.Fairness {
		got, err := FairnessOf(valuesFrom(ref.FairnessInputs[name]))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct {
			n    string
			g, w float64
		}{{"total", float64(got.Total), want.Total}, {"mean", float64(got.Mean), want.Mean},
			{"spread", float64(got.Spread), want.Spread}, {"max/mean", float64(got.MaxOverMean), want.MaxOverMean},
			{"cv", float64(got.CV), want.CV}, {"gini", float64(got.Gini), want.Gini},
			{"jain", float64(got.Jain), want.Jain}, {"theil", float64(got.Theil), want.Theil}} {
			approx(t, name+" "+f.n, f.g, f.w, 1e-12)
		}
		if len(got.Lorenz) != len(want.Lorenz) {
			t.Fatalf("%s: %d Lorenz points, want %d", name, len(got.Lorenz), len(want.Lorenz))
		}
		for i, p := range want.Lorenz {
			approx(t, fmt.Sprintf("%s lorenz[%d].x", name, i), float64(got.Lorenz[i].Population), p[0], 1e-12)
			approx(t, fmt.Sprintf("%s lorenz[%d].y", name, i), float64(got.Lorenz[i].Share), p[1], 1e-12)
		}
	}
}

// Hand-worked: one person of four carries everything. Gini = (n-1)/n = 0.75, Jain = 1/n =
// 0.25, Theil = ln 4, max/mean = 4, CV = sqrt(3) (population SD of {0,0,0,5} is 5*sqrt(3)/4,
// mean 5/4).
func TestFairnessOnePersonCarriesAll(t *testing.T) {
	f, err := FairnessOf([]Value{{"a", 0}, {"b", 5}, {"c", 0}, {"d", 0}})
	if err != nil {
		t.Fatal(err)
	}
	approx(t, "gini", float64(f.Gini), 0.75, 1e-15)
	approx(t, "jain", float64(f.Jain), 0.25, 1e-15)
	approx(t, "theil", float64(f.Theil), math.Log(4), 1e-15)
	approx(t, "max/mean", float64(f.MaxOverMean), 4, 1e-15)
	approx(t, "cv", float64(f.CV), math.Sqrt(3), 1e-15)
	if f.MaxID != "b" || f.MinID != "a" {
		t.Errorf("max %q min %q, want b and a", f.MaxID, f.MinID)
	}
}

func TestFairnessEdgeCases(t *testing.T) {
	empty, err := FairnessOf(nil)
	if err != nil || empty.N != 0 || !empty.Gini.IsNaN() || !empty.Jain.IsNaN() || empty.Lorenz != nil {
		t.Errorf("FairnessOf(nil) = %+v, %v; want NaN indices", empty, err)
	}
	zero, err := FairnessOf(valuesFrom([]float64{0, 0, 0}))
	if err != nil || zero.Gini != 0 || zero.Jain != 1 || zero.Theil != 0 || zero.CV != 0 {
		t.Errorf("all zero = %+v, %v; want perfect equality", zero, err)
	}
	if zero.Lorenz[1].Share != Float(1.0/3) {
		t.Errorf("all-zero Lorenz point = %v, want the line of equality", zero.Lorenz[1])
	}
	for _, bad := range []float64{-1, math.NaN(), math.Inf(1)} {
		_, err := FairnessOf([]Value{{"ok", 1}, {"bad", bad}})
		var ve *ValueError
		if !errors.Is(err, ErrInvalidValue) || !errors.As(err, &ve) || ve.Index != 1 || ve.ID != "bad" {
			t.Errorf("value %v: error %v, want a ValueError for index 1", bad, err)
		}
	}
}

// Invariants: Gini in [0, (n-1)/n], Jain in [1/n, 1], Theil in [0, ln n], the Lorenz curve
// rises from (0,0) to (1,1) and lies on or below the diagonal, and scaling changes nothing.
func TestFairnessProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := rapid.SliceOfN(rapid.Float64Range(0, 1000), 1, 40).Draw(t, "x")
		f, err := FairnessOf(valuesFrom(x))
		if err != nil {
			t.Fatal(err)
		}
		n := float64(len(x))
		const eps = 1e-9
		if f.Gini < -eps || float64(f.Gini) > (n-1)/n+eps {
			t.Fatalf("gini %v", f.Gini)
		}
		if float64(f.Jain) < 1/n-eps || f.Jain > 1+eps {
			t.Fatalf("jain %v", f.Jain)
		}
		if f.Theil < -eps || float64(f.Theil) > math.Log(n)+eps {
			t.Fatalf("theil %v", f.Theil)
		}
		prev := f.Lorenz[0]
		for _, p := range f.Lorenz[1:] {
			if p.Share < prev.Share-eps || p.Share > p.Population+eps {
				t.Fatalf("lorenz %v after %v", p, prev)
			}
			prev = p
		}
		if prev.Population != 1 || prev.Share != 1 {
			t.Fatalf("lorenz ends at %v", prev)
		}
		scaled := make([]float64, len(x))
		for i, v := range x {
			scaled[i] = 3 * v
		}
		g, _ := FairnessOf(valuesFrom(scaled))
		if !close(float64(g.Gini), float64(f.Gini), 1e-9) || !close(float64(g.Jain), float64(f.Jain), 1e-9) {
			t.Fatalf("scaling changed gini/jain: %v/%v vs %v/%v", g.Gini, g.Jain, f.Gini, f.Jain)
		}
	})
}
