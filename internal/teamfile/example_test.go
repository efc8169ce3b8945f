package teamfile_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wellrested/oncall/internal/teamfile"
	"github.com/wellrested/oncall/rotation"
)

func ExampleDecode() {
	const file = `{
  "schema_version": 1,
  "team": "payments",
  "responders": [
    {"id": "alice@example.com", "name": "Alice",
     "profile": {"zone": "Europe/London", "sleep": "23:00-07:00", "region": "GB"}}
  ]
}`
	team, err := teamfile.Decode(strings.NewReader(file), "team.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range team.Roles {
		fmt.Printf("role %s: acknowledge within %v\n", r.Name, r.AckSLA)
	}
	for _, r := range team.Responders {
		fmt.Printf("%s (%s) in %s, team %s, sleeps %v\n", r.Name, r.ID, r.Profile.Zone, r.Team, r.Profile.Sleep)
	}
	// Output:
	// role primary: acknowledge within 5m0s
	// role secondary: acknowledge within 30m0s
	// Alice (alice@example.com) in Europe/London, team payments, sleeps 23:00-07:00
}

func ExampleDecode_error() {
	const file = `{
  "schema_version": 1,
  "responders": [
    {"id": "alice@example.com", "profile": {"zone": "Europe/London"}},
    {"id": "bob@example.com",
     "profile": {"zone": "America/New_York", "sleep": "11pm-7am"}}
  ]
}`
	_, err := teamfile.Decode(strings.NewReader(file), "team.json")
	var e *teamfile.Error
	if errors.As(err, &e) {
		fmt.Printf("file %s, line %d, key %s, value %q\n", e.File, e.Line, e.Path, e.Value)
	}
	// Output:
	// file team.json, line 6, key responders[1].profile.sleep, value "11pm-7am"
}

// A team file with a rotation section becomes a rotation.Problem for a horizon: here two
// people, fortnightly primary-only cycles handing over on Mondays at 09:00 in Berlin, with
// bea working half time. ana has no override: her capacity stays zero, which package rotation
// reads as full time.
func ExampleTeam_Problem() {
	const file = `{
  "schema_version": 1,
  "roles": [{"name": "primary"}],
  "responders": [
    {"id": "ana", "profile": {"zone": "Europe/Berlin"}},
    {"id": "bea", "profile": {"zone": "Europe/Berlin"}}
  ],
  "rotation": {
    "cycle_days": 14,
    "handoff": {"weekday": "Mon", "time": "09:00", "zone": "Europe/Berlin"},
    "members": [{"id": "bea", "capacity": 0.5}]
  }
}`
	team, err := teamfile.Decode(strings.NewReader(file), "team.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	p := team.Problem(time.Date(2026, 3, 1, 0, 0, 0, 0, berlin), time.Date(2026, 5, 1, 0, 0, 0, 0, berlin))
	for _, m := range p.Team {
		fmt.Printf("%s capacity %g\n", m.Responder.ID, m.Capacity)
	}
	for start := range p.Spec.Cycles(p.From, p.To) {
		fmt.Println(start.Format("Mon 2 Jan 15:04 MST"))
	}
	// Output:
	// ana capacity 0
	// bea capacity 0.5
	// Mon 2 Mar 09:00 CET
	// Mon 16 Mar 09:00 CET
	// Mon 30 Mar 09:00 CEST
	// Mon 13 Apr 09:00 CEST
	// Mon 27 Apr 09:00 CEST
}

// A team file may be YAML: the name's extension says so (or, for standard input, a first
// character other than '{'). YAML 1.2 reads NO as text, so Ola's region is Norway, and 08:00
// as a time of day. Errors name the key path and the line, as for JSON.
func ExampleDecode_yaml() {
	const file = `schema_version: 1
team: payments
responders:
  - id: ola@example.com
    name: Ola
    profile: {zone: Europe/Oslo, region: NO, working_hours: 08:00-16:00}
rotation:
  handoff: {weekday: Mon, time: 08:00, zone: Europe/Oslo}
`
	team, err := teamfile.Decode(strings.NewReader(file), "team.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	ola := team.Responders[0]
	fmt.Println(ola.Name, ola.Profile.Region, ola.Profile.WorkingHours)
	fmt.Println("handoff", team.Rotation.Spec.Handoff.Day, team.Rotation.Spec.Handoff.At)

	_, err = teamfile.Decode(strings.NewReader(strings.Replace(file, "time: 08:00", "time: 8 am", 1)), "team.yaml")
	fmt.Println(err)
	// Output:
	// Ola NO 08:00-16:00
	// handoff Monday 08:00
	// team.yaml:8: rotation.handoff.time: calendar: clock "8 am": want HH:MM or HH:MM:SS: invalid time of day
}

// Coverage windows, carried balances and the exact-search budget in a rotation section:
// weekday and weekend layers, ann bringing 6.5 units of extra burden forward.
func ExampleTeam_Problem_coverage() {
	const file = `schema_version: 1
roles: [{name: weekday}, {name: weekend}]
responders:
  - {id: ann, profile: {zone: UTC}}
  - {id: bo, profile: {zone: UTC}}
rotation:
  roles:
    - {name: weekday, coverage: {days: Mon-Fri}}
    - {name: weekend, weight: 1.5, coverage: {days: "Sat,Sun"}}
  carried: {ann: 6.5}
  exact_budget: 0
`
	team, err := teamfile.Decode(strings.NewReader(file), "team.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	tue := time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)
	p := team.Problem(tue, tue.AddDate(0, 0, 7))
	fmt.Println("carried", p.Carried, "exact budget", p.ExactBudget)
	m, err := rotation.Compile(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range m.Slots() {
		for _, part := range s.Parts {
			fmt.Println(s.Role, part.Start.Format("Mon 15:04"), "to", part.End.Format("Mon 15:04"))
		}
	}
	// Output:
	// carried map[ann:6.5] exact budget -1
	// weekday Tue 10:00 to Sat 00:00
	// weekday Mon 00:00 to Tue 10:00
	// weekend Sat 00:00 to Mon 00:00
}
