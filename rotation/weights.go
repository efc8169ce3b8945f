package rotation

import (
	"github.com/wellrested/oncall/calendar"
)

// Weights price an hour on call by what kind of time it is for the person holding it. An
// hour's weight is its band weight times the largest factor among its flags (a holiday that
// falls on a weekend counts as a holiday, not both). Zero fields take their defaults.
type Weights struct {
	// Business is the weight of a working hour; default 1.
	Business float64
	// Off is the weight of an evening or weekend waking hour; default 1.5.
	Off float64
	// Sleep is the weight of an hour in the person's sleep window; default 2.
	Sleep float64
	// Weekend multiplies hours on the person's days off; default 1.5.
	Weekend float64
	// Holiday multiplies hours on the person's public or company holidays; default 2.
	Holiday float64
	// Leave multiplies hours during the person's leave; default 3. A valid schedule has
	// none, but an imported one may.
	Leave float64
}

// DefaultWeights returns the defaults listed on Weights.
func DefaultWeights() Weights {
	return Weights{Business: 1, Off: 1.5, Sleep: 2, Weekend: 1.5, Holiday: 2, Leave: 3}
}

func (w Weights) withDefaults() Weights {
	d := DefaultWeights()
	for _, f := range []struct{ v, def *float64 }{
		{&w.Business, &d.Business}, {&w.Off, &d.Off}, {&w.Sleep, &d.Sleep},
		{&w.Weekend, &d.Weekend}, {&w.Holiday, &d.Holiday}, {&w.Leave, &d.Leave},
	} {
		if *f.v == 0 {
			*f.v = *f.def
		}
	}
	return w
}

// Of returns the weight of one hour of class c, with defaults filled in.
func (w Weights) Of(c calendar.Class) float64 {
	w = w.withDefaults()
	return w.table()[c]
}

func (w Weights) table() [calendar.NumClasses]float64 {
	var t [calendar.NumClasses]float64
	for i := range t {
		c := calendar.Class(i)
		band := [...]float64{calendar.Business: w.Business, calendar.Off: w.Off, calendar.Sleep: w.Sleep}[c.Band()]
		f := 1.0
		if c.Has(calendar.FlagWeekend) {
			f = max(f, w.Weekend)
		}
		if c.Has(calendar.FlagHoliday) {
			f = max(f, w.Holiday)
		}
		if c.Has(calendar.FlagLeave) {
			f = max(f, w.Leave)
		}
		t[i] = band * f
	}
	return t
}

// weigh returns the weighted hours of a breakdown under table t.
func weigh(b calendar.Breakdown, t *[calendar.NumClasses]float64) float64 {
	s := 0.0
	for c, d := range b.All() {
		s += d.Hours() * t[c]
	}
	return s
}
