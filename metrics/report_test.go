package metrics

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"reflect"
	"testing"

	"github.com/wellrested/oncall"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

// The full report on the reference data is compared with a golden file (refresh with
// go test -run Golden -update). Its parts are checked against pandas and SciPy in the tests
// of each summary; this test pins the JSON shape (null for NaN, *_seconds fields) and
// byte-identical output across runs.
func TestSummarizeGolden(t *testing.T) {
	in := referenceInput(t)
	r, err := Summarize(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(r, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Summarize(in, Options{})
	if b, _ := json.MarshalIndent(again, "", " "); !bytes.Equal(b, got) {
		t.Fatal("two runs gave different JSON")
	}
	const golden = "testdata/report.golden.json"
	if *update {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(append(got, '\n'), want) {
		t.Errorf("report differs from %s; run with -update after checking the change", golden)
	}
}

// Summarize shares one pass between the summaries; each part must equal the stand-alone
// function's result.
func TestSummarizeEqualsParts(t *testing.T) {
	in := referenceInput(t)
	opt := Options{Period: Day, Quantile: Hazen, Correction: BenjaminiHochberg}
	r, err := Summarize(in, opt)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := VolumeOf(in, opt)
	o, _ := OutOfHoursOf(in, opt)
	resp, _ := ResponseOf(in, opt)
	h, _ := HotspotsOf(in)
	for name, pair := range map[string][2]any{"volume": {r.Volume, v}, "out of hours": {r.OutOfHours, o},
		"response": {r.Response, resp}, "hotspots": {r.Hotspots, h}} {
		a, _ := json.Marshal(pair[0])
		b, _ := json.Marshal(pair[1])
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between Summarize and its function", name)
		}
	}
	if r.Disproportion == nil || r.Disproportion.Correction != BenjaminiHochberg || r.Fairness.N != 6 {
		t.Errorf("disproportion %+v, fairness n %d", r.Disproportion, r.Fairness.N)
	}
	if r.Volume.Period != Day || len(r.Volume.ByPeriod) < 60 {
		t.Errorf("period %q with %d days", r.Volume.Period, len(r.Volume.ByPeriod))
	}
	if !reflect.DeepEqual(r.PageTrend.N, len(r.Volume.ByPeriod)) {
		t.Errorf("trend over %d points, %d days", r.PageTrend.N, len(r.Volume.ByPeriod))
	}
}

func TestOptionsCheck(t *testing.T) {
	for _, o := range []Options{
		{Confidence: 1}, {Confidence: -0.5}, {Alpha: 2}, {Quantile: 12}, {Period: "fortnight"},
		{Correction: "bonferroni"}, {Roles: []oncall.Role{{Name: ""}}}, {Bootstrap: BootstrapOptions{Resamples: -1}},
		{Bootstrap: BootstrapOptions{Confidence: 1.5}},
	} {
		if err := o.Check(); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("%+v: %v", o, err)
		}
		if _, err := Summarize(Input{}, o); !errors.Is(err, ErrInvalidOption) {
			t.Errorf("Summarize with %+v: %v", o, err)
		}
	}
	if err := (Options{}).Check(); err != nil {
		t.Errorf("zero options: %v", err)
	}
}
