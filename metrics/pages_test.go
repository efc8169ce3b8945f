package metrics

import (
	"encoding/json"
	"errors"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// referenceInput reads testdata/pages.csv and people.json: one shift per person of their
// on-call hours, everyone in UTC with the default bands.
func referenceInput(t testing.TB) Input {
	t.Helper()
	f, err := os.Open("testdata/pages.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pages, err := oncall.NewPageReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("testdata/people.json")
	if err != nil {
		t.Fatal(err)
	}
	var people map[string]struct {
		Team        string
		OnCallHours float64 `json:"on_call_hours"`
	}
	if err := json.Unmarshal(b, &people); err != nil {
		t.Fatal(err)
	}
	in := Input{Pages: pages, Teams: map[string]string{}, Calendars: map[string]*calendar.Calendar{}}
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for id, p := range people {
		in.Teams[id] = p.Team
		in.Shifts = append(in.Shifts, oncall.Shift{Responder: id, Role: oncall.Primary, Start: start,
			End: start.Add(time.Duration(p.OnCallHours * float64(time.Hour)))})
		c, err := calendar.New(calendar.Profile{})
		if err != nil {
			t.Fatal(err)
		}
		in.Calendars[id] = c
	}
	in.Shifts.Sort()
	return in
}

func TestVolumeMatchesPandas(t *testing.T) {
	ref := loadReference(t).Pages
	in := referenceInput(t)
	v, err := VolumeOf(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v.Pages != ref.Pages || v.Incidents != ref.Incidents {
		t.Errorf("pages %d incidents %d, want %d %d", v.Pages, v.Incidents, ref.Pages, ref.Incidents)
	}
	check := func(what string, got []Count, want map[string]refCount) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %d groups, want %d", what, len(got), len(want))
		}
		for i, c := range got {
			if w := want[c.Key]; c.Pages != w.Pages || c.Incidents != w.Incidents {
				t.Errorf("%s %q: %d pages %d incidents, want %d %d", what, c.Key, c.Pages, c.Incidents, w.Pages, w.Incidents)
			}
			if i > 0 && got[i-1].Pages < c.Pages {
				t.Errorf("%s not sorted by pages", what)
			}
		}
	}
	check("responder", v.ByResponder, ref.ByResponder)
	check("service", v.ByService, ref.ByService)
	check("team", v.ByTeam, ref.ByTeam)
	if v.Period != Week {
		t.Errorf("period %q", v.Period)
	}
	weeks := map[string]int{}
	for i, pc := range v.ByPeriod {
		weeks[pc.Label] = pc.Pages
		if i > 0 && !pc.Start.Equal(v.ByPeriod[i-1].End) {
			t.Errorf("gap before %s", pc.Label)
		}
		if pc.Start.Weekday() != time.Monday || pc.End.Sub(pc.Start) != 7*24*time.Hour {
			t.Errorf("week %s: %v to %v", pc.Label, pc.Start, pc.End)
		}
	}
	for label, n := range ref.ByWeek {
		if weeks[label] != n {
			t.Errorf("week %s: %d pages, want %d", label, weeks[label], n)
		}
	}
	// Rates: fay has 140 on-call hours.
	for _, c := range v.ByResponder {
		if c.Key == "fay" {
			approx(t, "fay hours", float64(c.OnCallHours), 140, 0)
			approx(t, "fay rate", float64(c.PagesPerOnCallHour), float64(ref.ByResponder["fay"].Pages)/140, 1e-15)
		}
	}
	for _, c := range v.ByService {
		if !c.OnCallHours.IsNaN() || !c.PagesPerOnCallHour.IsNaN() {
			t.Errorf("service %s has exposure %v", c.Key, c.OnCallHours)
		}
	}
}

func TestResponseMatchesPandas(t *testing.T) {
	ref := loadReference(t).Pages
	r, err := ResponseOf(referenceInput(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	stats := func(what string, got Stats, want refStats) {
		t.Helper()
		if got.N != want.N {
			t.Errorf("%s: n %d, want %d", what, got.N, want.N)
		}
		for _, f := range [][3]any{{"mean", got.Mean, want.Mean}, {"median", got.Median, want.Median},
			{"p90", got.P90, want.P90}, {"p95", got.P95, want.P95}, {"p99", got.P99, want.P99}} {
			approx(t, what+" "+f[0].(string), float64(f[1].(Float)), f[2].(float64), 1e-12)
		}
	}
	for _, g := range r.ByRole {
		stats("ack "+g.Key, g.Ack, ref.AckByRole[g.Key])
		if g.Ack.N+g.NotAcknowledged != g.Pages {
			t.Errorf("role %s: %d acknowledged + %d not != %d pages", g.Key, g.Ack.N, g.NotAcknowledged, g.Pages)
		}
	}
	for _, g := range r.ByService {
		stats("resolve "+g.Key, g.Resolve, ref.ResolveBySvc[g.Key])
	}
	if len(r.ByTeam) != len(ref.AckByTeam) {
		t.Fatalf("%d teams, want %d", len(r.ByTeam), len(ref.AckByTeam))
	}
	for _, g := range r.ByTeam {
		stats("ack team "+g.Key, g.Ack, ref.AckByTeam[g.Key])
		stats("resolve team "+g.Key, g.Resolve, ref.ResolveByTeam[g.Key])
	}
	if len(r.SLA) != 2 {
		t.Fatalf("SLA rows %d", len(r.SLA))
	}
	for _, s := range r.SLA {
		w := ref.SLA[s.Role]
		if s.Ack.Count != w.Met || s.Ack.Total != w.Total {
			t.Errorf("%s: met %d of %d, want %d of %d", s.Role, s.Ack.Count, s.Ack.Total, w.Met, w.Total)
		}
		approx(t, s.Role+" ci lo", float64(s.Ack.CI.Lo), w.CI[0], 1e-9)
		approx(t, s.Role+" ci hi", float64(s.Ack.CI.Hi), w.CI[1], 1e-9)
		if s.Resolve != nil {
			t.Errorf("%s has a resolve SLA", s.Role)
		}
	}
}

func mustCal(t testing.TB, p calendar.Profile) *calendar.Calendar {
	t.Helper()
	c, err := calendar.New(p)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// Hand-worked SLA: primary pages acknowledged after 4m59s (met), exactly 5m (met: "within"),
// 5m01s (missed) and never (missed): 2 of 4. A custom role with only a resolve agreement of
// 1h: one page resolved in 30m (met), one unresolved (missed).
func TestResponseSLAHandWorked(t *testing.T) {
	t0 := at("2026-02-02T10:00:00Z")
	p := func(role string, ack, res time.Duration) oncall.Page {
		pg := oncall.Page{IncidentID: "i", Responder: "r", Role: role, Triggered: t0}
		if ack > 0 {
			pg.Acknowledged = t0.Add(ack)
		}
		if res > 0 {
			pg.Resolved = t0.Add(res)
		}
		return pg
	}
	in := Input{Pages: []oncall.Page{
		p("primary", 4*time.Minute+59*time.Second, 0), p("primary", 5*time.Minute, time.Hour),
		p("primary", 5*time.Minute+time.Second, 0), p("primary", 0, 0),
		p("db-expert", 0, 30*time.Minute), p("db-expert", time.Minute, 0),
	}}
	roles := append(oncall.DefaultRoles(), oncall.Role{Name: "db-expert", ResolveSLA: time.Hour})
	r, err := ResponseOf(in, Options{Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.SLA) != 3 || r.SLA[0].Role != "primary" || r.SLA[2].Role != "db-expert" {
		t.Fatalf("SLA %+v", r.SLA)
	}
	if a := r.SLA[0].Ack; a.Count != 2 || a.Total != 4 || a.Share != 0.5 {
		t.Errorf("primary: %+v", a)
	}
	if s := r.SLA[1]; s.Ack.Total != 0 || !s.Ack.Share.IsNaN() {
		t.Errorf("secondary without pages: %+v", s.Ack)
	}
	if s := r.SLA[2]; s.Ack != nil || s.Resolve.Count != 1 || s.Resolve.Total != 2 {
		t.Errorf("db-expert: %+v", s)
	}
	if r.All.NotAcknowledged != 2 || r.All.Unresolved != 4 || r.All.Ack.N != 4 {
		t.Errorf("all: %+v", r.All)
	}
	// The acknowledged pages took 299, 300, 301 and 60 s: sorted 60, 299, 300, 301, whose type
	// 7 median is (299 + 300) / 2.
	approx(t, "ack median", float64(r.All.Ack.Median), 299.5, 0)
}

func TestBadPageNamed(t *testing.T) {
	in := Input{Pages: []oncall.Page{
		{IncidentID: "ok", Responder: "a", Triggered: at("2026-01-01T00:00:00Z")},
		{IncidentID: "bad", Responder: "a", Triggered: at("2026-01-01T00:00:00Z"), Acknowledged: at("2025-12-31T23:00:00Z")},
	}}
	_, err := VolumeOf(in, Options{})
	var re *RecordError
	if !errors.As(err, &re) || re.Index != 1 || re.ID != "bad" || re.Kind != "page" {
		t.Fatalf("error %v", err)
	}
	if !errors.Is(err, oncall.ErrAckBeforeTrigger) {
		t.Errorf("error %v does not wrap ErrAckBeforeTrigger", err)
	}
	_, err = OutOfHoursOf(Input{Pages: in.Pages[:1]}, Options{})
	if !errors.Is(err, ErrNoCalendar) {
		t.Errorf("missing calendar: %v", err)
	}
	_, err = VolumeOf(Input{Shifts: oncall.Schedule{{Responder: "a", Role: "primary", Start: at("2026-01-02T00:00:00Z"), End: at("2026-01-01T00:00:00Z")}}}, Options{})
	if !errors.As(err, &re) || re.Kind != "shift" || !errors.Is(err, oncall.ErrEndBeforeStart) {
		t.Errorf("bad shift: %v", err)
	}
	empty, err := VolumeOf(Input{}, Options{})
	if err != nil || empty.Pages != 0 || empty.ByPeriod == nil || !slices.Equal(empty.ByPeriod, []PeriodCount{}) {
		t.Errorf("empty input: %+v, %v", empty, err)
	}
}

// With Options.Bootstrap set, each group carries intervals for its medians: the estimate is
// pandas' median, the interval is BootstrapQuantile's on the group's own sample, and it is
// absent by default.
func TestResponseMedianIntervals(t *testing.T) {
	ref := loadReference(t).Pages
	in := referenceInput(t)
	bo := BootstrapOptions{Resamples: 400, Seed: 9}
	r, err := ResponseOf(in, Options{Bootstrap: bo})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range r.ByRole {
		ci := g.AckMedianCI
		if ci == nil {
			t.Fatalf("%s: no interval", g.Key)
		}
		approx(t, g.Key+" median", float64(ci.Estimate), ref.AckByRole[g.Key].Median, 1e-12)
		var sample []float64
		for _, p := range in.Pages {
			if d, ok := p.TimeToAck(); ok && p.Role == g.Key {
				sample = append(sample, d.Seconds())
			}
		}
		if want := BootstrapQuantile(sample, 0.5, Linear, bo); *ci != want {
			t.Errorf("%s: %+v, want %+v", g.Key, *ci, want)
		}
		if ci.CI.Lo > ci.Estimate || ci.CI.Hi < ci.Estimate {
			t.Errorf("%s: interval %v misses the median %v", g.Key, ci.CI, ci.Estimate)
		}
	}
	if r.All.ResolveMedianCI == nil || r.ByService[0].ResolveMedianCI == nil {
		t.Error("missing resolve intervals")
	}
	plain, _ := ResponseOf(in, Options{})
	if plain.All.AckMedianCI != nil || plain.ByRole[0].AckMedianCI != nil {
		t.Error("intervals without asking")
	}
}
