package teamfile_test

import (
	"fmt"
	"strings"

	"github.com/wellrested/oncall/internal/teamfile"
)

// A team file's recovery section: the automatic-day-off preset for everyone, and for Bo the
// EU rest rule combined with time off in lieu.
func ExampleTeam_Policies() {
	team, err := teamfile.Decode(strings.NewReader(`{
  "schema_version": 1,
  "responders": [{"id": "ana", "profile": {"zone": "Europe/London"}},
                 {"id": "bo", "profile": {"zone": "Europe/London"}}],
  "recovery": {"policy": "automatic-day-off",
               "overrides": [{"id": "bo", "policy": ["eu-rest", "time-in-lieu"]}]}
}`), "team.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	ps, _ := team.Policies()
	for _, id := range []string{"ana", "bo"} {
		var rules []string
		for _, r := range ps.For(id).Rules {
			rules = append(rules, r.Name())
		}
		fmt.Println(id, rules, "expiry days:", ps.For(id).ExpiryDays)
	}
	// Output:
	// ana [woken-in-sleep-hours weekend-or-holiday-work] expiry days: 0
	// bo [daily-rest time-in-lieu] expiry days: 90
}

// A policy file of its own: problems name the line and key path.
func ExampleDecodePolicy() {
	_, err := teamfile.DecodePolicy(strings.NewReader(`{"rules": [
  {"rule": "time-in-lieu", "multiplier": 1.5},
  {"rule": "daily-rest", "min_rest": 39600}]}`), "policy.json")
	fmt.Println(err)
	// Output:
	// policy.json:3: rules[1].min_rest: invalid policy file: json: unknown field "min_rest"
}
