package rotation

import (
	"fmt"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// team returns n members in zone loc with default profiles, named p0, p1, ...
func team(n int, loc *time.Location) []Member {
	out := make([]Member, n)
	for i := range out {
		out[i] = Member{Responder: oncall.Responder{ID: fmt.Sprintf("p%d", i), Profile: calendar.Profile{Zone: loc}}}
	}
	return out
}

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// tue is a Tuesday at 10:00 UTC.
var tue = time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC)

func weeks(n int) time.Time { return tue.AddDate(0, 0, 7*n) }
