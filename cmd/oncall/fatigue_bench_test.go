package main

import (
	"io"
	"testing"
	"time"

	"github.com/wellrested/oncall/examples/data"
	"github.com/wellrested/oncall/fatigue"
)

// sampleInputs loads the bundled sample: seven people, a year of pages.
func sampleInputs(b *testing.B) *inputs {
	b.Helper()
	e := &env{stdout: io.Discard, stderr: io.Discard}
	fsys := data.FS()
	in, err := e.load(source{path: data.TeamFile, fsys: fsys}, source{path: data.PagesFile, fsys: fsys}, source{})
	if err != nil {
		b.Fatal(err)
	}
	return in
}

// BenchmarkFatigueSample computes every table of oncall fatigue for the sample year and
// writes the JSON document.
func BenchmarkFatigueSample(b *testing.B) {
	in := sampleInputs(b)
	from, to, err := defaultDates(in.pages, time.UTC)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		tables, err := fatigueOf(in, from, to, tuning{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := writeJSON(io.Discard, tables...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecoverySample grants the sample year's entitlements under automatic-day-off.
func BenchmarkRecoverySample(b *testing.B) {
	in := sampleInputs(b)
	ps := fatigue.Policies{Default: fatigue.AutomaticDayOff()}
	label := func(string) string { return "" }
	for b.Loop() {
		if _, _, err := entitlements(in, ps, label, recoveryScope{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
