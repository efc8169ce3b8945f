package teamfile_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wellrested/oncall/internal/teamfile"
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
