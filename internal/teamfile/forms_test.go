package teamfile

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/rotation"
)

// formsYAML uses the rotation section's coverage windows, carried balances and exact-search
// budget; the error cases below are edits of it, with lines counted from 1 at the top.
const formsYAML = `schema_version: 1
roles: [{name: primary}, {name: secondary}, {name: office}, {name: weekend}, {name: apac}]
responders:
  - {id: ann, profile: {zone: Europe/London}}
  - {id: bo, profile: {zone: America/New_York}}
  - {id: cy, profile: {zone: Asia/Tokyo}}
rotation:
  handoff: {weekday: Tue, time: 10:00, zone: Europe/London}
  roles:
    - {name: office, weight: 0.5, coverage: {days: Mon-Fri, hours: 09:00-17:00}}
    - name: weekend
      weight: 1.5
      coverage: {days: "Sat,Sun"}
    - name: apac
      coverage:
        zone: Asia/Tokyo
        hours: 08:00-16:00
  carried: {ann: 12.5, bo: -4, cy: 0}
  exact_budget: 500000
`

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func TestDecodeForms(t *testing.T) {
	team, err := decodeYAML(t, formsYAML)
	require.NoError(t, err)
	r := team.Rotation
	require.Equal(t, []rotation.RoleSpec{
		{Name: "office", Weight: 0.5, Coverage: &rotation.Coverage{Days: calendar.MondayToFriday, Hours: calendar.Window{From: calendar.At(9, 0), To: calendar.At(17, 0)}}},
		{Name: "weekend", Weight: 1.5, Coverage: &rotation.Coverage{Days: calendar.WeekdaysOf(time.Saturday, time.Sunday)}},
		{Name: "apac", Coverage: &rotation.Coverage{Zone: mustZone(t, "Asia/Tokyo"), Hours: calendar.Window{From: calendar.At(8, 0), To: calendar.At(16, 0)}}},
	}, r.Spec.Roles)
	require.Equal(t, map[string]float64{"ann": 12.5, "bo": -4, "cy": 0}, r.Carried)
	require.Equal(t, 500000, r.ExactBudget)

	p := team.Problem(time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 17, 0, 0, 0, 0, time.UTC))
	require.Equal(t, r.Carried, p.Carried)
	require.Equal(t, 500000, p.ExactBudget)
	p.Carried["ann"] = 0
	require.Equal(t, 12.5, r.Carried["ann"], "the problem has its own copy of the balances")

	// The balances reach the rotation's ledger as given: with no history and an empty
	// schedule, each account's carried balance is the file's.
	p = team.Problem(time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 17, 0, 0, 0, 0, time.UTC))
	m, err := rotation.Compile(p)
	require.NoError(t, err)
	l, err := m.Ledger(nil)
	require.NoError(t, err)
	carried := map[string]float64{}
	for _, a := range l.Accounts {
		carried[a.Responder] = a.Carried
	}
	require.Equal(t, map[string]float64{"ann": 12.5, "bo": -4, "cy": 0}, carried)

	// exact_budget 0 is "no exact search", which package rotation spells with a negative
	// budget (its zero means the default).
	team, err = decodeYAML(t, strings.Replace(formsYAML, "exact_budget: 500000", "exact_budget: 0", 1))
	require.NoError(t, err)
	require.Equal(t, -1, team.Rotation.ExactBudget)
	team, err = decodeYAML(t, strings.Replace(formsYAML, "  exact_budget: 500000\n", "", 1))
	require.NoError(t, err)
	require.Zero(t, team.Rotation.ExactBudget, "left out, rotation's default applies")
	require.Zero(t, team.Problem(time.Time{}, time.Time{}).PageLoad.Weight, "page load is off unless asked for")

	// page_weight reaches the problem's page load; 0 is allowed and means off.
	for in, want := range map[string]float64{"page_weight: 0.25": 0.25, "page_weight: 0": 0} {
		team, err = decodeYAML(t, strings.Replace(formsYAML, "exact_budget: 500000", in, 1))
		require.NoError(t, err, in)
		require.Equal(t, want, team.Rotation.PageWeight, in)
		require.Equal(t, want, team.Problem(time.Time{}, time.Time{}).PageLoad.Weight, in)
	}
}

// hoursOf returns the length of each window in hours.
func hoursOf(parts []calendar.Interval) []float64 {
	var out []float64
	for _, p := range parts {
		out = append(out, p.End.Sub(p.Start).Hours())
	}
	return out
}

// The three shapes coverage windows are for, written in a team file, give package rotation
// the slots worked out by hand below.
func TestCoverageForms(t *testing.T) {
	slotsOf := func(t *testing.T, file string, from time.Time, weeks int) []rotation.Slot {
		t.Helper()
		team, err := decodeYAML(t, file)
		require.NoError(t, err)
		m, err := rotation.Compile(team.Problem(from, from.AddDate(0, 0, 7*weeks)))
		require.NoError(t, err)
		plan, err := m.Generate()
		require.NoError(t, err)
		vs, err := m.Check(plan.Shifts)
		require.NoError(t, err)
		require.Empty(t, vs)
		return m.Slots()
	}
	people := `responders:
  - {id: ann, profile: {zone: Europe/London}}
  - {id: bo, profile: {zone: America/New_York}}
  - {id: cy, profile: {zone: Asia/Tokyo}}
  - {id: dee, profile: {zone: Europe/London}}
`

	t.Run("business hours", func(t *testing.T) {
		// Weekly from Tuesday 10:00 London, 09:00-17:00 on weekdays: Tuesday 10-17 (7 h),
		// Wednesday, Thursday, Friday and Monday 9-17 (8 h each), and the next Tuesday 9-10
		// (1 h) before the handoff. 3 March 2026 is a Tuesday, before the clocks change.
		file := `schema_version: 1
roles: [{name: office}]
` + people + `rotation:
  handoff: {weekday: Tue, time: 10:00, zone: Europe/London}
  roles:
    - name: office
      coverage: {days: Mon-Fri, hours: 09:00-17:00}
`
		slots := slotsOf(t, file, time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC), 2)
		require.Len(t, slots, 2)
		require.Equal(t, []float64{7, 8, 8, 8, 8, 1}, hoursOf(slots[0].Parts))
		require.Equal(t, time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC), slots[0].Parts[0].Start.UTC())
	})

	t.Run("weekday and weekend layers", func(t *testing.T) {
		// Weekly from Tuesday 10:00 UTC: the weekday layer holds Tuesday 10:00 to Saturday
		// 00:00 (14 + 3 x 24 = 86 h) and Monday 00:00 to Tuesday 10:00 (34 h); the weekend
		// layer Saturday and Sunday (48 h).
		file := `schema_version: 1
roles: [{name: weekday}, {name: weekend}]
` + people + `rotation:
  min_cycles_off: 1
  roles:
    - {name: weekday, coverage: {days: Mon-Fri}}
    - {name: weekend, weight: 1.5, coverage: {days: "Sat,Sun"}}
`
		slots := slotsOf(t, file, time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC), 4)
		require.Equal(t, []float64{86, 34}, hoursOf(slots[0].Parts))
		require.Equal(t, []float64{48}, hoursOf(slots[1].Parts))
		require.Equal(t, time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC), slots[1].Parts[0].Start)
	})

	t.Run("follow the sun", func(t *testing.T) {
		// Each region holds 08:00-16:00 of its own zone. London changes to summer time on
		// 29 March 2026, so its window opens at 08:00 GMT (08:00Z) on Friday 27 March and at
		// 08:00 BST (07:00Z) on Monday 30 March; New York has been on EDT since 8 March
		// (08:00 = 12:00Z); Tokyo keeps 08:00 JST (23:00Z the day before), so the first Tokyo
		// window after the 10:00Z handoff of Tuesday 17 March opens at 23:00Z that day.
		file := `schema_version: 1
roles: [{name: emea}, {name: amer}, {name: apac}]
` + people + `  - {id: eli, profile: {zone: America/New_York}}
  - {id: fay, profile: {zone: Asia/Tokyo}}
rotation:
  min_cycles_off: 1
  roles:
    - {name: emea, coverage: {zone: Europe/London, hours: 08:00-16:00}}
    - {name: amer, coverage: {zone: America/New_York, hours: 08:00-16:00}}
    - {name: apac, coverage: {zone: Asia/Tokyo, hours: 08:00-16:00}}
  members:
    - {id: ann, roles: [emea]}
    - {id: dee, roles: [emea]}
    - {id: bo, roles: [amer]}
    - {id: eli, roles: [amer]}
    - {id: cy, roles: [apac]}
    - {id: fay, roles: [apac]}
`
		slots := slotsOf(t, file, time.Date(2026, 3, 17, 10, 0, 0, 0, time.UTC), 3)
		require.Len(t, slots, 9)
		// The cycles run from Tuesday 10:00Z (no handoff given: UTC). London's first cycle:
		// Tuesday 10-16Z (6 h, cut by the handoff), six whole days, Tuesday 08-10Z (2 h). The
		// second crosses the change: Tuesday 10-16Z, six days of 8 h, then Tuesday 07-10Z
		// (3 h); the third starts 10-15Z (5 h). New York and Tokyo windows fall wholly
		// inside each cycle: seven of 8 h.
		want := map[string][][]float64{
			"emea": {{6, 8, 8, 8, 8, 8, 8, 2}, {6, 8, 8, 8, 8, 8, 8, 3}, {5, 8, 8, 8, 8, 8, 8, 3}},
			"amer": {{8, 8, 8, 8, 8, 8, 8}, {8, 8, 8, 8, 8, 8, 8}, {8, 8, 8, 8, 8, 8, 8}},
			"apac": {{8, 8, 8, 8, 8, 8, 8}, {8, 8, 8, 8, 8, 8, 8}, {8, 8, 8, 8, 8, 8, 8}},
		}
		starts := map[string]map[time.Time]bool{}
		for _, s := range slots {
			require.Equal(t, want[s.Role][s.Cycle], hoursOf(s.Parts), "%s cycle %d", s.Role, s.Cycle)
			if starts[s.Role] == nil {
				starts[s.Role] = map[time.Time]bool{}
			}
			for _, p := range s.Parts {
				starts[s.Role][p.Start.UTC()] = true
			}
		}
		require.True(t, starts["emea"][time.Date(2026, 3, 27, 8, 0, 0, 0, time.UTC)], "08:00 GMT")
		require.True(t, starts["emea"][time.Date(2026, 3, 30, 7, 0, 0, 0, time.UTC)], "08:00 BST")
		require.True(t, starts["amer"][time.Date(2026, 3, 18, 12, 0, 0, 0, time.UTC)], "08:00 EDT")
		require.True(t, starts["apac"][time.Date(2026, 3, 17, 23, 0, 0, 0, time.UTC)], "08:00 JST")
	})
}

func editForms(t *testing.T, old, new string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(formsYAML, old), "edit target %q", old)
	return strings.Replace(formsYAML, old, new, 1)
}

func TestDecodeFormsErrors(t *testing.T) {
	office := "{days: Mon-Fri, hours: 09:00-17:00}"
	cases := []struct {
		name, old, new string
		path           string
		line           int
		is             error
		value          string // "-" to skip
	}{
		{"coverage not a mapping", `coverage: {days: "Sat,Sun"}`, `coverage: weekends`, "rotation.roles[1].coverage", 13, ErrType, "weekends"},
		{"coverage unknown key", office, "{days: Mon-Fri, hours: 09:00-17:00, tz: UTC}", "rotation.roles[0].coverage.tz", 10, ErrUnknownKey, "UTC"},
		{"coverage bad zone", "        zone: Asia/Tokyo", "        zone: Asia/Tokio", "rotation.roles[2].coverage.zone", 16, ErrValue, "Asia/Tokio"},
		{"coverage local zone", "        zone: Asia/Tokyo", "        zone: Local", "rotation.roles[2].coverage.zone", 16, ErrValue, "Local"},
		{"coverage zone not text", "        zone: Asia/Tokyo", "        zone: 9", "rotation.roles[2].coverage.zone", 16, ErrType, "9"},
		{"days unknown", office, "{days: weekdays, hours: 09:00-17:00}", "rotation.roles[0].coverage.days", 10, ErrValue, "weekdays"},
		{"days empty", office, `{days: "", hours: 09:00-17:00}`, "rotation.roles[0].coverage.days", 10, ErrValue, ""},
		{"days not text", office, "{days: 5, hours: 09:00-17:00}", "rotation.roles[0].coverage.days", 10, ErrType, "5"},
		{"hours not a window", office, "{days: Mon-Fri, hours: 9-5}", "rotation.roles[0].coverage.hours", 10, ErrValue, "9-5"},
		{"hours past midnight", office, "{days: Mon-Fri, hours: 09:00-25:00}", "rotation.roles[0].coverage.hours", 10, ErrValue, "09:00-25:00"},
		{"hours from 24:00", office, "{days: Mon-Fri, hours: 24:00-08:00}", "rotation.roles[0].coverage.hours", 10, ErrValue, "24:00-08:00"},
		{"coverage empty", `coverage: {days: "Sat,Sun"}`, `coverage: {}`, "rotation.roles[1].coverage", 13, ErrValue, "-"},
		{"coverage every day", `coverage: {days: "Sat,Sun"}`, `coverage: {days: Mon-Sun}`, "rotation.roles[1].coverage", 13, ErrValue, "-"},
		{"coverage all day", `coverage: {days: "Sat,Sun"}`, `coverage: {hours: 00:00-24:00}`, "rotation.roles[1].coverage", 13, ErrValue, "-"},
		// Equal ends mean 24 hours from the first: every day, that is around the clock.
		{"coverage day to day", `coverage: {days: "Sat,Sun"}`, `coverage: {hours: 09:00-09:00}`, "rotation.roles[1].coverage", 13, ErrValue, "-"},
		{"chain over covered roles", "  roles:\n    - {name: office", "  chain: true\n  roles:\n    - {name: office", "rotation.chain", 9, ErrValue, "true"},

		{"carried not a mapping", "carried: {ann: 12.5, bo: -4, cy: 0}", "carried: 12.5", "rotation.carried", 18, ErrType, "12.5"},
		{"carried for a stranger", "carried: {ann: 12.5, bo: -4, cy: 0}", "carried: {ann: 12.5, zed: 1}", "rotation.carried.zed", 18, ErrUnknownRef, "1"},
		{"carried twice", "carried: {ann: 12.5, bo: -4, cy: 0}", "carried: {ann: 12.5, ann: 2}", "rotation.carried.ann", 18, ErrDuplicateKey, "2"},
		{"carried not a number", "carried: {ann: 12.5, bo: -4, cy: 0}", "carried: {ann: lots}", "rotation.carried.ann", 18, ErrType, "lots"},
		{"carried quoted number", "carried: {ann: 12.5, bo: -4, cy: 0}", `carried: {ann: "12.5"}`, "rotation.carried.ann", 18, ErrType, "12.5"},
		// YAML reads a float out of range as text; JSON as a number (below).
		{"carried out of range", "carried: {ann: 12.5, bo: -4, cy: 0}", "carried: {ann: 1e400}", "rotation.carried.ann", 18, ErrType, "1e400"},
		{"carried nan", "carried: {ann: 12.5, bo: -4, cy: 0}", "carried: {ann: .nan}", "rotation.carried.ann", 18, ErrYAMLFeature, ".nan"},

		{"budget negative", "exact_budget: 500000", "exact_budget: -1", "rotation.exact_budget", 19, ErrValue, "-1"},
		{"budget fraction", "exact_budget: 500000", "exact_budget: 1.5", "rotation.exact_budget", 19, ErrValue, "1.5"},
		{"budget too large", "exact_budget: 500000", "exact_budget: 9223372036854775808", "rotation.exact_budget", 19, ErrValue, "9223372036854775808"},
		{"budget text", "exact_budget: 500000", "exact_budget: lots", "rotation.exact_budget", 19, ErrType, "lots"},
		{"budget boolean", "exact_budget: 500000", "exact_budget: false", "rotation.exact_budget", 19, ErrType, "false"},

		{"page weight negative", "exact_budget: 500000", "page_weight: -0.5", "rotation.page_weight", 19, ErrValue, "-0.5"},
		{"page weight text", "exact_budget: 500000", "page_weight: high", "rotation.page_weight", 19, ErrType, "high"},
		{"page weight out of range", "exact_budget: 500000", "page_weight: 1e400", "rotation.page_weight", 19, ErrType, "1e400"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			team, err := decodeYAML(t, editForms(t, c.old, c.new))
			require.Error(t, err)
			require.Nil(t, team)
			var e *Error
			require.True(t, errors.As(err, &e), "error %v is not an *Error", err)
			require.Equal(t, c.line, e.Line, "line, in %v", err)
			require.Equal(t, c.path, e.Path, "path, in %v", err)
			require.ErrorIs(t, err, c.is)
			if c.value != "-" {
				require.Equal(t, c.value, e.Value)
			}
			require.Contains(t, err.Error(), c.path)
		})
	}

	// In JSON, an id that is not a plain name is quoted in the path.
	input := edit(t, "\n  ]\n}", "\n  ],\n  \"rotation\": {\"carried\": {\"alice@example.com\": 1e400}}\n}")
	_, err := decode(t, input)
	var e *Error
	require.True(t, errors.As(err, &e), "%v", err)
	require.Equal(t, `rotation.carried["alice@example.com"]`, e.Path)
	require.Equal(t, lineOf([]byte(input), `"rotation"`), e.Line)
	require.ErrorIs(t, err, ErrValue)
}

func TestFormsRoundTrip(t *testing.T) {
	team, err := decodeYAML(t, formsYAML)
	require.NoError(t, err)
	var first bytes.Buffer
	require.NoError(t, Encode(&first, team))
	out := first.String()
	require.Contains(t, out, `"hours": "09:00-17:00"`)
	require.Contains(t, out, `"days": "Sun,Sat"`)
	require.Contains(t, out, `"zone": "Asia/Tokyo"`)
	require.Contains(t, out, `"exact_budget": 500000`)
	require.Contains(t, out, `"ann": 12.5`)
	again, err := Decode(&first, "encoded.json")
	require.NoError(t, err)
	require.Equal(t, team, again)

	// No exact search is written as 0 and read back as rotation's negative budget.
	team.Rotation.ExactBudget = -7
	var b bytes.Buffer
	require.NoError(t, Encode(&b, team))
	require.Contains(t, b.String(), `"exact_budget": 0`)
	again, err = Decode(&b, "encoded.json")
	require.NoError(t, err)
	require.Equal(t, -1, again.Rotation.ExactBudget)

	team.Rotation.PageWeight = 0.75
	b.Reset()
	require.NoError(t, Encode(&b, team))
	require.Contains(t, b.String(), `"page_weight": 0.75`)
	again, err = Decode(&b, "encoded.json")
	require.NoError(t, err)
	require.Equal(t, 0.75, again.Rotation.PageWeight)
}

func TestEncodeFormsRefuses(t *testing.T) {
	ann := oncall.Responder{ID: "ann"}
	base := func(r *Rotation) *Team { return &Team{Responders: []oncall.Responder{ann}, Rotation: r} }
	covered := func(c rotation.Coverage) *Rotation {
		return &Rotation{Spec: rotation.Spec{Roles: []rotation.RoleSpec{{Name: "primary", Coverage: &c}}}}
	}
	refused := map[string]*Rotation{
		"around the clock":     covered(rotation.Coverage{}),
		"fixed zone":           covered(rotation.Coverage{Zone: time.FixedZone("X", 3600), Days: calendar.MondayToFriday}),
		"not weekdays":         covered(rotation.Coverage{Days: 1 << 7}),
		"infinite balance":     {Carried: map[string]float64{"ann": math.Inf(1)}},
		"nan balance":          {Carried: map[string]float64{"ann": math.NaN()}},
		"stranger balance":     {Carried: map[string]float64{"zed": 1}},
		"negative page weight": {PageWeight: -1},
		"nan page weight":      {PageWeight: math.NaN()},
		"chain over layers":    {Spec: rotation.Spec{Chain: true, Roles: []rotation.RoleSpec{{Name: "primary", Coverage: &rotation.Coverage{Days: calendar.MondayToFriday}}, {Name: "secondary"}}}},
	}
	for name, r := range refused {
		t.Run(name, func(t *testing.T) {
			require.Error(t, Encode(&bytes.Buffer{}, base(r)))
		})
	}
}
