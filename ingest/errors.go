package ingest

import (
	"errors"
	"fmt"
	"strings"

	"github.com/wellrested/oncall"
)

// Sentinel errors, for errors.Is. Several are the root package's own values, so a check
// against oncall.ErrTime also matches here.
var (
	// ErrSyntax reports input that is not well-formed CSV, JSON or NDJSON.
	ErrSyntax = errors.New("malformed input")
	// ErrType reports a JSON value of the wrong type (a number where a string belongs).
	ErrType = errors.New("wrong JSON type")
	// ErrShape reports a JSON document without the array of records the format keeps them in.
	ErrShape = errors.New("no record array where the format puts one")
	// ErrUnknownField reports a key or column the format does not have.
	ErrUnknownField = errors.New("unknown field")
	// ErrTooLong reports an NDJSON line longer than MaxLineBytes.
	ErrTooLong = errors.New("line too long")
	// ErrNoOffset reports a time without a UTC offset when Config.Zone is empty.
	ErrNoOffset = errors.New("time has no UTC offset and no zone was named")
	// ErrNoSuchLocalTime reports a local time skipped by a daylight-saving change.
	ErrNoSuchLocalTime = errors.New("local time does not exist in the zone")
	// ErrUnknownZone reports a zone name that time.LoadLocation does not know.
	ErrUnknownZone = errors.New("unknown time zone")
	// ErrNoResponder reports a record that names nobody who was paged.
	ErrNoResponder = errors.New("no responder named")
	// ErrTime reports a value that is not a time in a recognised layout.
	ErrTime = oncall.ErrTime
	// ErrMissing reports a required field that is empty.
	ErrMissing = oncall.ErrMissing
	// ErrNegative reports a negative duration or level.
	ErrNegative = oncall.ErrNegative
	// ErrHeader reports a CSV header that cannot be mapped to the page table.
	ErrHeader = oncall.ErrHeader
	// ErrNumber reports a field that is not a whole number.
	ErrNumber = oncall.ErrNumber
)

// ParseError is a problem with one input record: which file, which record, which field, what
// value, and why (Err, which wraps one of the sentinel errors).
type ParseError struct {
	// File names the input; empty when the caller gave no name.
	File string
	// Line is the 1-based line where the record starts, for line-based formats (CSV,
	// NDJSON); 0 for records inside a JSON array.
	Line int
	// Index is the 0-based position of the record in its file, counting data records only
	// (CSV rows after the header, JSON array elements across concatenated pages).
	Index int
	// ID is the vendor's identifier of the record, when it was read before the problem.
	ID string
	// Field is the vendor's field name or JSON path ("report.ackTime"); empty for the
	// record as a whole.
	Field string
	// Value is the offending text, when there is one.
	Value string
	// Err says why.
	Err error
}

// Error implements error.
func (e *ParseError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d", e.Line)
	} else {
		fmt.Fprintf(&b, "record %d", e.Index)
	}
	if e.ID != "" {
		fmt.Fprintf(&b, " (id %q)", e.ID)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ", field %s", e.Field)
		if e.Value != "" {
			fmt.Fprintf(&b, " %q", e.Value)
		}
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// Mode says what a reader does with a bad record.
type Mode int

const (
	// Strict stops at the first bad record and returns its *ParseError. It is the zero value.
	Strict Mode = iota
	// Lenient sets bad records aside in Report.Rejections and goes on.
	Lenient
)

// Report accounts for every record read: Read == Accepted + Rejected + Merged + Ignored.
type Report struct {
	// Read counts input records: table rows, JSON array elements, NDJSON lines.
	Read int
	// Accepted counts records that produced pages (or, for log entries, fed them).
	Accepted int
	// Rejected counts records set aside; each has its error in Rejections.
	Rejected int
	// Merged counts records folded into an earlier record with the same vendor ID; each
	// is listed in Duplicates.
	Merged int
	// Ignored counts well-formed records that carry nothing a page needs, such as
	// PagerDuty annotate or snooze log entries.
	Ignored int
	// Rejections holds the error of each rejected record, in input order.
	Rejections []*ParseError
	// Duplicates lists each merged record.
	Duplicates []Duplicate
}

// Duplicate is a record whose vendor ID was seen before; its fields were merged into the
// earlier one (see the package documentation for the rule).
type Duplicate struct {
	// ID is the vendor ID seen twice.
	ID string
	// File and Index locate the later record; FirstFile and FirstIndex the record it was
	// merged into.
	File       string
	Index      int
	FirstFile  string
	FirstIndex int
}

// reject records a bad record. In Strict mode it returns the error, which stops the reader.
func (r *Report) reject(mode Mode, pe *ParseError) error {
	r.Rejected++
	r.Rejections = append(r.Rejections, pe)
	if mode == Strict {
		return pe
	}
	return nil
}

// validationError turns the joined *oncall.FieldError list from Page.Validate into a
// ParseError naming the first field.
func validationError(err error, base ParseError) *ParseError {
	pe := base
	pe.Err = err
	var fe *oncall.FieldError
	if errors.As(err, &fe) {
		pe.Field, pe.Value = fe.Field, fe.Value
	}
	return &pe
}
