package calendar

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// HolidayFileError is a problem with one line of a holiday file.
type HolidayFileError struct {
	Line  int
	Field string
	Value string
	Err   error
}

// Error implements error.
func (e *HolidayFileError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("calendar: holiday file line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("calendar: holiday file line %d, field %s %q: %v", e.Line, e.Field, e.Value, e.Err)
}

// Unwrap returns the underlying error.
func (e *HolidayFileError) Unwrap() error { return e.Err }

// ReadHolidays reads a simple holiday file, for countries rickar/cal lacks (India, Singapore,
// Mexico...) and for company days off. It is CSV with the header "date,name" or
// "date,name,until": one holiday per line, dates as YYYY-MM-DD; a non-empty until (HH:MM)
// makes the line a half-day that ends work at that time. Blank lines and lines starting with
// "#" are skipped. Errors are *HolidayFileError naming the line and field; reading stops at
// the first.
//
//	date,name,until
//	2026-01-26,Republic Day,
//	2026-12-24,Christmas Eve,12:00
func ReadHolidays(r io.Reader) ([]Holiday, []HalfDay, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, &HolidayFileError{Line: 1, Err: errors.New("empty file: want a date,name[,until] header")}
	}
	if err != nil {
		return nil, nil, csvHolidayError(err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	h := strings.Join(header, ",")
	if h != "date,name" && h != "date,name,until" {
		return nil, nil, &HolidayFileError{Line: 1, Value: h, Err: errors.New("header must be date,name or date,name,until")}
	}
	var hols []Holiday
	var halves []HalfDay
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return hols, halves, nil
		}
		if err != nil {
			return nil, nil, csvHolidayError(err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			return nil, nil, &HolidayFileError{Line: line, Err: fmt.Errorf("want %d fields, got %d", len(header), len(rec))}
		}
		d, err := ParseDate(rec[0])
		if err != nil {
			return nil, nil, &HolidayFileError{Line: line, Field: "date", Value: rec[0], Err: err}
		}
		if strings.TrimSpace(rec[1]) == "" {
			return nil, nil, &HolidayFileError{Line: line, Field: "name", Err: errors.New("a holiday needs a name")}
		}
		if len(rec) == 3 && rec[2] != "" {
			until, err := ParseClock(rec[2])
			if err != nil {
				return nil, nil, &HolidayFileError{Line: line, Field: "until", Value: rec[2], Err: err}
			}
			halves = append(halves, HalfDay{Date: d, Name: rec[1], Until: until})
			continue
		}
		hols = append(hols, Holiday{Date: d, Name: rec[1]})
	}
}

func csvHolidayError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &HolidayFileError{Line: pe.StartLine, Err: pe.Err}
	}
	return err
}
