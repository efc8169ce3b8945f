package oncall

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Page is one notification of one responder about one incident. One incident that notifies
// two people is two pages. Its JSON form uses the page table's column names.
type Page struct {
	IncidentID string `json:"incident_id"`
	Service    string `json:"service"`
	// Urgency is the vendor's urgency or priority ("high", "low", "P1"...); may be empty.
	Urgency string `json:"urgency"`
	// Responder is the ID of the person notified.
	Responder string `json:"responder"`
	// Role is the role they were paged in ("primary", "secondary", a custom role); may be
	// empty when unknown.
	Role string `json:"role"`
	// EscalationLevel is 1 for the first level; 0 when unknown.
	EscalationLevel int `json:"escalation_level,omitempty"`
	// Triggered is when the responder was notified.
	Triggered time.Time `json:"triggered_at"`
	// Acknowledged is when the page was acknowledged; zero when never or unknown.
	Acknowledged time.Time `json:"acknowledged_at,omitzero"`
	// Resolved is when the incident was resolved; zero when still open or unknown.
	Resolved time.Time `json:"resolved_at,omitzero"`
}

// Sentinel errors for page and shift checks, for errors.Is.
var (
	// ErrMissing reports a required field that is empty.
	ErrMissing = errors.New("required field is empty")
	// ErrAckBeforeTrigger reports an acknowledgement earlier than the notification.
	ErrAckBeforeTrigger = errors.New("acknowledged before triggered")
	// ErrResolveBeforeTrigger reports a resolution earlier than the notification.
	ErrResolveBeforeTrigger = errors.New("resolved before triggered")
	// ErrResolveBeforeAck reports a resolution earlier than the acknowledgement.
	ErrResolveBeforeAck = errors.New("resolved before acknowledged")
	// ErrNegative reports a negative number where only zero or more make sense.
	ErrNegative = errors.New("negative value")
	// ErrEndBeforeStart reports a shift or interval that ends before (or when) it starts.
	ErrEndBeforeStart = errors.New("ends before it starts")
)

// FieldError names the field and value that failed a check, and why.
type FieldError struct {
	Field string // column name in the page table: "acknowledged_at"
	Value string
	Err   error
}

// Error implements error.
func (e *FieldError) Error() string {
	return fmt.Sprintf("%s %q: %v", e.Field, e.Value, e.Err)
}

// Unwrap returns the underlying error.
func (e *FieldError) Unwrap() error { return e.Err }

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// Validate reports everything wrong with the page, joined: each problem is a *FieldError
// wrapping one of the sentinel errors.
func (p Page) Validate() error {
	var errs []error
	bad := func(field, value string, err error) {
		errs = append(errs, &FieldError{Field: field, Value: value, Err: err})
	}
	if p.IncidentID == "" {
		bad("incident_id", "", ErrMissing)
	}
	if p.Responder == "" {
		bad("responder", "", ErrMissing)
	}
	if p.EscalationLevel < 0 {
		bad("escalation_level", strconv.Itoa(p.EscalationLevel), ErrNegative)
	}
	if p.Triggered.IsZero() {
		bad("triggered_at", "", ErrMissing)
	} else {
		if !p.Acknowledged.IsZero() && p.Acknowledged.Before(p.Triggered) {
			bad("acknowledged_at", formatTime(p.Acknowledged), fmt.Errorf("%w %s", ErrAckBeforeTrigger, formatTime(p.Triggered)))
		}
		if !p.Resolved.IsZero() && p.Resolved.Before(p.Triggered) {
			bad("resolved_at", formatTime(p.Resolved), fmt.Errorf("%w %s", ErrResolveBeforeTrigger, formatTime(p.Triggered)))
		}
	}
	if !p.Acknowledged.IsZero() && !p.Resolved.IsZero() && p.Resolved.Before(p.Acknowledged) {
		bad("resolved_at", formatTime(p.Resolved), fmt.Errorf("%w %s", ErrResolveBeforeAck, formatTime(p.Acknowledged)))
	}
	return errors.Join(errs...)
}

// TimeToAck is Acknowledged - Triggered, and false when the page was never acknowledged.
func (p Page) TimeToAck() (time.Duration, bool) {
	if p.Acknowledged.IsZero() || p.Triggered.IsZero() {
		return 0, false
	}
	return p.Acknowledged.Sub(p.Triggered), true
}

// TimeToResolve is Resolved - Triggered, and false when the resolution is unknown.
func (p Page) TimeToResolve() (time.Duration, bool) {
	if p.Resolved.IsZero() || p.Triggered.IsZero() {
		return 0, false
	}
	return p.Resolved.Sub(p.Triggered), true
}
