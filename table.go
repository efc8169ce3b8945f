package oncall

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// PageColumns is the header of the normalized page table, in order.
func PageColumns() []string {
	return []string{"incident_id", "service", "urgency", "responder", "role", "escalation_level", "triggered_at", "acknowledged_at", "resolved_at"}
}

const numPageColumns = 9

// Errors of the page table reader, for errors.Is.
var (
	// ErrHeader reports a header that is not the page table's.
	ErrHeader = errors.New("header is not the page table's")
	// ErrTime reports a time that is not RFC 3339 with an offset.
	ErrTime = errors.New("not an RFC 3339 time with offset")
	// ErrNumber reports a field that is not a whole number.
	ErrNumber = errors.New("not a whole number")
	// ErrSyntax reports a record that is not well-formed CSV (a stray quote, a wrong number
	// of fields); the *csv.ParseError it came from is wrapped too.
	ErrSyntax = errors.New("malformed CSV")
)

// ParseError is a problem with one record of a page table. Line is the 1-based line where
// the record starts; Field the column name (empty for the record as a whole).
type ParseError struct {
	File  string
	Line  int
	Field string
	Value string
	Err   error
}

// Error implements error.
func (e *ParseError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(":")
	}
	fmt.Fprintf(&b, "line %d", e.Line)
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

// PageReader reads the normalized page table (CSV with the PageColumns header, RFC 3339 times
// with offset, empty for unknown). Columns may come in any order; each must appear once.
// After an error in one record, Read goes on with the next.
type PageReader struct {
	// File names the input in errors; optional.
	File string

	s      *recordScanner
	cols   [numPageColumns]int
	header bool
	hdrErr error // a bad header stops the table for good
	zones  map[int]*time.Location
	strs   map[string]string
	line   int
}

// Line returns the line on which the record last returned by Read (or its error) starts, or 0
// before the first record.
func (pr *PageReader) Line() int { return pr.line }

// NewPageReader returns a reader of the page table in r.
func NewPageReader(r io.Reader) *PageReader {
	return &PageReader{s: newRecordScanner(r), zones: map[int]*time.Location{}, strs: map[string]string{}}
}

func (pr *PageReader) readHeader() error {
	_, err := pr.s.scan()
	if err == io.EOF {
		return &ParseError{File: pr.File, Line: 1, Err: fmt.Errorf("empty input: %w", ErrHeader)}
	}
	if err != nil {
		return pr.csvError(err)
	}
	for i := range pr.cols {
		pr.cols[i] = -1
	}
	want := PageColumns()
	for i := range pr.s.fields() {
		name := strings.TrimPrefix(string(pr.s.field(i)), "\ufeff")
		k := indexOf(want, name)
		if k < 0 {
			return &ParseError{File: pr.File, Line: 1, Field: name, Value: name, Err: fmt.Errorf("unknown column: %w", ErrHeader)}
		}
		if pr.cols[k] >= 0 {
			return &ParseError{File: pr.File, Line: 1, Field: name, Value: name, Err: fmt.Errorf("column appears twice: %w", ErrHeader)}
		}
		pr.cols[k] = i
	}
	for k, c := range pr.cols {
		if c < 0 {
			return &ParseError{File: pr.File, Line: 1, Field: want[k], Err: fmt.Errorf("missing column: %w", ErrHeader)}
		}
	}
	pr.header = true
	return nil
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}

func (pr *PageReader) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		pr.line = pe.StartLine
		return &ParseError{File: pr.File, Line: pe.StartLine, Err: fmt.Errorf("%w: %w", ErrSyntax, pe.Err)}
	}
	return err
}

// intern keeps one copy of repeated strings (services, responders, roles).
func (pr *PageReader) intern(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if v, ok := pr.strs[string(b)]; ok {
		return v
	}
	if len(pr.strs) > 1<<16 {
		clear(pr.strs)
	}
	s := string(b)
	pr.strs[s] = s
	return s
}

// Read returns the next page, checked with Page.Validate. At the end of input it returns
// io.EOF. Errors are *ParseError. An error in the header is returned again by every later
// Read: without a header, no record can be read.
func (pr *PageReader) Read() (Page, error) {
	if pr.hdrErr != nil {
		return Page{}, pr.hdrErr
	}
	if !pr.header {
		if err := pr.readHeader(); err != nil {
			pr.hdrErr = err
			return Page{}, err
		}
	}
	line, err := pr.s.scan()
	if err != nil {
		if err == io.EOF {
			return Page{}, io.EOF
		}
		return Page{}, pr.csvError(err)
	}
	pr.line = line
	f := func(k int) []byte { return pr.s.field(pr.cols[k]) }
	fail := func(k int, err error) (Page, error) {
		return Page{}, &ParseError{File: pr.File, Line: line, Field: PageColumns()[k], Value: string(f(k)), Err: err}
	}
	p := Page{
		IncidentID: string(f(0)),
		Service:    pr.intern(f(1)),
		Urgency:    pr.intern(f(2)),
		Responder:  pr.intern(f(3)),
		Role:       pr.intern(f(4)),
	}
	if s := f(5); len(s) > 0 {
		n, err := strconv.Atoi(string(s))
		if err != nil {
			return fail(5, ErrNumber)
		}
		p.EscalationLevel = n
	}
	for k, dst := range []*time.Time{&p.Triggered, &p.Acknowledged, &p.Resolved} {
		if s := f(6 + k); len(s) > 0 {
			t, err := pr.parseTime(string(s))
			if err != nil {
				return fail(6+k, err)
			}
			*dst = t
		}
	}
	if err := p.Validate(); err != nil {
		var fe *FieldError
		if errors.As(err, &fe) {
			return Page{}, &ParseError{File: pr.File, Line: line, Field: fe.Field, Value: fe.Value, Err: err}
		}
		return Page{}, &ParseError{File: pr.File, Line: line, Err: err}
	}
	return p, nil
}

// ReadAll reads every page; it stops at the first error.
func (pr *PageReader) ReadAll() ([]Page, error) {
	var out []Page
	for {
		p, err := pr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, p)
	}
}

// parseTime reads RFC 3339 with a mandatory offset ("Z" or ±hh:mm) and optional fraction:
// YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm). Locations are shared per offset so a million
// pages do not carry a million zones, and the common case does not allocate.
func (pr *PageReader) parseTime(s string) (time.Time, error) {
	n := len(s)
	if n < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, ErrTime
	}
	num := func(a, b int) int {
		v := 0
		for k := a; k < b; k++ {
			c := s[k]
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	year, month, day := num(0, 4), num(5, 7), num(8, 10)
	hour, minute, sec := num(11, 13), num(14, 16), num(17, 19)
	if year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return time.Time{}, ErrTime
	}
	if day > daysInMonth(year, time.Month(month)) {
		return time.Time{}, ErrTime
	}
	k := 19
	nsec := 0
	if s[k] == '.' {
		k++
		start := k
		for k < n && s[k] >= '0' && s[k] <= '9' {
			if k-start < 9 {
				nsec = nsec*10 + int(s[k]-'0')
			}
			k++
		}
		digits := k - start
		if digits == 0 {
			return time.Time{}, ErrTime
		}
		for d := digits; d < 9; d++ {
			nsec *= 10
		}
	}
	var loc *time.Location
	switch {
	case k == n-1 && s[k] == 'Z':
		loc = time.UTC
	case k == n-6 && (s[k] == '+' || s[k] == '-') && s[k+3] == ':':
		oh, om := num(k+1, k+3), num(k+4, k+6)
		if oh < 0 || om < 0 || oh > 23 || om > 59 {
			return time.Time{}, ErrTime
		}
		off := oh*3600 + om*60
		if s[k] == '-' {
			off = -off
		}
		var ok bool
		if loc, ok = pr.zones[off]; !ok {
			loc = time.FixedZone("", off)
			pr.zones[off] = loc
		}
	default:
		return time.Time{}, ErrTime
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, nsec, loc), nil
}

func daysInMonth(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// PageWriter writes the normalized page table. Times are written as RFC 3339 with the offset
// they carry (UTC as "Z") and as many fraction digits as needed, so any table written here
// reads back and writes out again byte for byte.
type PageWriter struct {
	w      *csv.Writer
	header bool
	rec    [numPageColumns]string
}

// NewPageWriter returns a writer of the page table to w. The header is written before the
// first page (or by Flush if there are none).
func NewPageWriter(w io.Writer) *PageWriter { return &PageWriter{w: csv.NewWriter(w)} }

func (pw *PageWriter) writeHeader() error {
	pw.header = true
	return pw.w.Write(PageColumns())
}

// Write writes one page. It does not validate it.
func (pw *PageWriter) Write(p Page) error {
	if !pw.header {
		if err := pw.writeHeader(); err != nil {
			return err
		}
	}
	pw.rec = [numPageColumns]string{p.IncidentID, p.Service, p.Urgency, p.Responder, p.Role, "",
		formatTime(p.Triggered), formatTime(p.Acknowledged), formatTime(p.Resolved)}
	if p.EscalationLevel != 0 {
		pw.rec[5] = strconv.Itoa(p.EscalationLevel)
	}
	return pw.w.Write(pw.rec[:])
}

// Flush writes any buffered data (and the header, if nothing was written) and reports any
// write error.
func (pw *PageWriter) Flush() error {
	if !pw.header {
		if err := pw.writeHeader(); err != nil {
			return err
		}
	}
	pw.w.Flush()
	return pw.w.Error()
}

// WritePages writes a whole table.
func WritePages(w io.Writer, pages []Page) error {
	pw := NewPageWriter(w)
	for _, p := range pages {
		if err := pw.Write(p); err != nil {
			return err
		}
	}
	return pw.Flush()
}
