package metrics

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// ErrInvalidOption reports an Options field outside its documented values.
var ErrInvalidOption = errors.New("invalid option")

// ErrNoCalendar reports a page for a responder who has no calendar, so the kind of hour it
// fell in cannot be known.
var ErrNoCalendar = errors.New("no calendar for responder")

// Input is what the page-based summaries read. Pages are required; the rest enrich them.
type Input struct {
	// Pages are the notifications to analyse, in any order. Each is checked with
	// oncall.Page.Validate.
	Pages []oncall.Page
	// Shifts give each responder's and role's time on call (the exposure behind per-hour
	// rates and the disproportion test). They are counted as given: pass the shifts of the
	// same period as the pages.
	Shifts oncall.Schedule
	// Calendars maps a responder ID to their calendar, for out-of-hours shares and sleep
	// interruptions in each person's own zone. Summaries that need it fail with ErrNoCalendar
	// for a page whose responder is missing.
	Calendars map[string]*calendar.Calendar
	// Teams maps a responder ID to a team name; responders not listed count under "".
	Teams map[string]string
}

// Options configures the summaries. The zero Options is ready to use.
type Options struct {
	// Confidence is the level of every confidence interval; zero means 0.95.
	Confidence float64
	// Alpha is the significance level for verdicts and flags; zero means 0.05.
	Alpha float64
	// Quantile is the quantile definition; the zero value is type 7 (NumPy's default).
	Quantile QuantileMethod
	// Roles are the roles with their SLAs; nil means oncall.DefaultRoles.
	Roles []oncall.Role
	// Zone is where days, weeks and months begin for per-period counts; nil means UTC.
	Zone *time.Location
	// Period is the length of the per-period counts; "" means Week.
	Period Period
	// Correction is the multiple-comparison correction of the disproportion test; "" means
	// Holm.
	Correction Correction
	// InterruptionWindow merges repeat notifications: a page to a responder within this long
	// after the last page that counted as an interruption of theirs does not count again, as
	// PagerDuty counts interruptions. It applies to sleep interruptions (hotspots, the sleep
	// trend). Zero means 60 seconds; a negative value counts every page.
	InterruptionWindow time.Duration
	// Bootstrap, when its Resamples is above zero, adds percentile bootstrap intervals for
	// the median times to acknowledge and resolve of every response group (no closed form
	// fits a median of skewed times). Zero leaves them out, as the fast path.
	Bootstrap BootstrapOptions
}

// Check reports the first field of o outside its documented values, wrapping
// ErrInvalidOption. The summaries call it; a zero Options passes.
func (o Options) Check() error {
	bad := func(field string, v any) error {
		return fmt.Errorf("metrics: option %s = %v: %w", field, v, ErrInvalidOption)
	}
	switch {
	case o.Confidence != 0 && !(o.Confidence > 0 && o.Confidence < 1):
		return bad("Confidence", o.Confidence)
	case o.Alpha != 0 && !(o.Alpha > 0 && o.Alpha < 1):
		return bad("Alpha", o.Alpha)
	case o.Quantile.Type() == 0:
		return bad("Quantile", int(o.Quantile))
	case !slices.Contains([]Period{"", Day, Week, Month}, o.Period):
		return bad("Period", o.Period)
	case !slices.Contains([]Correction{"", Holm, BenjaminiHochberg, NoCorrection}, o.Correction):
		return bad("Correction", o.Correction)
	case o.Bootstrap.Resamples < 0:
		return bad("Bootstrap.Resamples", o.Bootstrap.Resamples)
	case o.Bootstrap.Confidence != 0 && !(o.Bootstrap.Confidence > 0 && o.Bootstrap.Confidence < 1):
		return bad("Bootstrap.Confidence", o.Bootstrap.Confidence)
	}
	for i, r := range o.Roles {
		if r.Name == "" || r.AckSLA < 0 || r.ResolveSLA < 0 {
			return bad(fmt.Sprintf("Roles[%d]", i), fmt.Sprintf("%+v", r))
		}
	}
	return nil
}

func (o Options) alpha() float64 {
	if !(o.Alpha > 0 && o.Alpha < 1) {
		return 0.05
	}
	return o.Alpha
}

func (o Options) roles() []oncall.Role {
	if o.Roles == nil {
		return oncall.DefaultRoles()
	}
	return o.Roles
}

// DefaultInterruptionWindow is the zero Options.InterruptionWindow: PagerDuty's 60 seconds.
const DefaultInterruptionWindow = 60 * time.Second

func (o Options) interruptionWindow() time.Duration {
	if o.InterruptionWindow == 0 {
		return DefaultInterruptionWindow
	}
	return max(o.InterruptionWindow, 0)
}

func (o Options) zone() *time.Location {
	if o.Zone == nil {
		return time.UTC
	}
	return o.Zone
}

// RecordError names the page or shift (by index in the input) that failed a check.
type RecordError struct {
	// Kind is "page" or "shift".
	Kind string
	// Index is the record's position in its input slice.
	Index int
	// ID is the page's incident ID or the shift's responder.
	ID  string
	Err error
}

// Error implements error.
func (e *RecordError) Error() string {
	return fmt.Sprintf("metrics: %s %d (%s): %v", e.Kind, e.Index, e.ID, e.Err)
}

// Unwrap returns the underlying error.
func (e *RecordError) Unwrap() error { return e.Err }

// checkPage validates page i: its fields, and times the calendar can represent.
func checkPage(i int, p *oncall.Page) error {
	if err := p.Validate(); err != nil {
		return &RecordError{Kind: "page", Index: i, ID: p.IncidentID, Err: err}
	}
	for _, t := range [...]time.Time{p.Triggered, p.Acknowledged, p.Resolved} {
		if !t.IsZero() && !inNanoRange(t) {
			return &RecordError{Kind: "page", Index: i, ID: p.IncidentID,
				Err: fmt.Errorf("time %s: %w", t.Format(time.RFC3339), calendar.ErrOutOfRange)}
		}
	}
	return nil
}

func checkShifts(s oncall.Schedule) error {
	for i, sh := range s {
		if err := sh.Validate(); err != nil {
			return &RecordError{Kind: "shift", Index: i, ID: sh.Responder, Err: err}
		}
	}
	return nil
}

// exposure is time on call in hours, by responder, role and team.
type exposure struct {
	total       float64
	byResponder map[string]float64
	byRole      map[string]float64
	byTeam      map[string]float64
}

func exposureOf(in Input) exposure {
	e := exposure{byResponder: map[string]float64{}, byRole: map[string]float64{}, byTeam: map[string]float64{}}
	for _, sh := range in.Shifts {
		h := sh.Duration().Hours()
		e.total += h
		e.byResponder[sh.Responder] += h
		e.byRole[sh.Role] += h
		e.byTeam[in.Teams[sh.Responder]] += h
	}
	return e
}

// hoursOf looks up exposure in m, NaN when there are no shifts at all (unknown, not zero).
func (e exposure) hoursOf(m map[string]float64, key string, haveShifts bool) Float {
	if !haveShifts {
		return NaN()
	}
	return Float(m[key])
}
