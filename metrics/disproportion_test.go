package metrics

import (
	"errors"
	"math"
	"testing"
)

func TestDisproportionMatchesSciPy(t *testing.T) {
	ref := loadReference(t).Pages.Disproportion
	var es []Exposure
	for id, p := range ref.People {
		// Expected = rate * hours; hours come back from the reference through the rate.
		es = append(es, Exposure{ID: id, Count: p.Pages, Hours: p.Expected / ref.TeamRate})
	}
	d, err := DisproportionOf(es, Options{})
	if err != nil {
		t.Fatal(err)
	}
	approx(t, "team rate", float64(d.TeamRate), ref.TeamRate, 1e-12)
	if len(d.People) != len(ref.People) {
		t.Fatalf("%d people, want %d", len(d.People), len(ref.People))
	}
	for _, l := range d.People {
		w := ref.People[l.ID]
		approx(t, l.ID+" expected", float64(l.Expected), w.Expected, 1e-12)
		approx(t, l.ID+" ratio", float64(l.RateRatio), w.RateRatio, 1e-12)
		approxRel(t, l.ID+" p", float64(l.P), w.P, 1e-9)
		approxRel(t, l.ID+" p holm", float64(l.PAdjusted), w.PHolm, 1e-9)
		approx(t, l.ID+" ci lo", float64(l.CI.Lo), w.CI[0], 1e-9)
		approx(t, l.ID+" ci hi", float64(l.CI.Hi), w.CI[1], 1e-9)
	}
	// fay is paged at about 2.6 times her share (generated at three times the rate).
	if top := d.People[0]; top.ID != "fay" || top.Flag != "above" {
		t.Errorf("first is %+v, want fay flagged above", top)
	}
	for _, l := range d.People[1:] {
		if l.Flag != "" {
			t.Errorf("%s flagged %q", l.ID, l.Flag)
		}
	}
}

// Hand-worked: two people with 10 hours each and 0 and 20 pages. Team rate 1 per hour,
// expected 10 each. P(X = 0 | 10) = e^-10 = 4.540e-5. The first count above 10 no more likely
// is 25 (P(24) = 10^24 e^-10 / 24! = 7.317e-5, P(25) = 2.927e-5), so the two-sided p-value is
// e^-10 + P(X >= 25) = 4.540e-5 + 4.695e-5 = 9.235e-5, and both are flagged; someone with no
// hours is reported but not tested.
func TestDisproportionHandWorked(t *testing.T) {
	d, err := DisproportionOf([]Exposure{{"a", 0, 10}, {"b", 20, 10}, {"c", 3, 0}}, Options{Correction: NoCorrection})
	if err != nil {
		t.Fatal(err)
	}
	approx(t, "rate", float64(d.TeamRate), 1, 0)
	byID := map[string]Load{}
	for _, l := range d.People {
		byID[l.ID] = l
	}
	approxRel(t, "a p", float64(byID["a"].P), math.Exp(-10)+4.694938142679987e-5, 1e-9)
	if byID["a"].Flag != "below" || byID["b"].Flag != "above" {
		t.Errorf("flags %q %q", byID["a"].Flag, byID["b"].Flag)
	}
	if c := byID["c"]; !c.P.IsNaN() || c.Flag != "" || d.People[2].ID != "c" {
		t.Errorf("untested person: %+v, order %v", c, d.People)
	}
	_, err = DisproportionOf([]Exposure{{"x", 1, math.NaN()}}, Options{})
	if !errors.Is(err, ErrInvalidExposure) {
		t.Errorf("NaN hours: %v", err)
	}
}
