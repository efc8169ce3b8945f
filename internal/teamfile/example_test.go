package teamfile_test

import (
	"errors"
	"fmt"
	"strings"

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
