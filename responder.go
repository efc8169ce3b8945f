package oncall

import (
	"fmt"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// Responder is a person who can be paged.
type Responder struct {
	// ID is stable across exports and renames (an email or a vendor user ID); pages and shifts
	// refer to it.
	ID string
	// Name is the display name.
	Name string
	// Team is an optional team name, for per-team summaries.
	Team string
	// Profile is the person's time: zone, working hours, sleep, holidays and leave.
	Profile calendar.Profile
}

// Calendar compiles the responder's profile (see calendar.New).
func (r Responder) Calendar() (*calendar.Calendar, error) {
	c, err := calendar.New(r.Profile)
	if err != nil {
		return nil, fmt.Errorf("responder %q: %w", r.ID, err)
	}
	return c, nil
}

// Well-known role names.
const (
	Primary   = "primary"
	Secondary = "secondary"
)

// Role is an on-call role with its response service-level agreement.
type Role struct {
	// Name is "primary", "secondary" or any custom role name.
	Name string
	// AckSLA is the time within which a page to this role should be acknowledged; zero means
	// no agreement.
	AckSLA time.Duration
	// ResolveSLA is the time within which a page should be resolved; zero means none.
	ResolveSLA time.Duration
}

// DefaultRoles returns primary (acknowledge within 5 minutes) and secondary (within 30
// minutes): the primary is at a computer, the secondary can be out for dinner.
func DefaultRoles() []Role {
	return []Role{
		{Name: Primary, AckSLA: 5 * time.Minute},
		{Name: Secondary, AckSLA: 30 * time.Minute},
	}
}
