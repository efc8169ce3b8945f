package oncall

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ShiftColumns is the header of the shift table, in order.
func ShiftColumns() []string { return []string{"responder", "role", "start", "end"} }

// ShiftReader reads the shift table: CSV with the ShiftColumns header (any column order),
// RFC 3339 times with offset. After an error in one record, Read goes on with the next.
type ShiftReader struct {
	// File names the input in errors; optional.
	File string

	pr     PageReader // shares time parsing, interning and error shaping
	cols   [4]int
	header bool
	hdrErr error
}

// NewShiftReader returns a reader of the shift table in r.
func NewShiftReader(r io.Reader) *ShiftReader {
	return &ShiftReader{pr: *NewPageReader(r)}
}

func (sr *ShiftReader) readHeader() error {
	sr.pr.File = sr.File
	_, err := sr.pr.s.scan()
	if err == io.EOF {
		return &ParseError{File: sr.File, Line: 1, Err: fmt.Errorf("empty input: %w", ErrHeader)}
	}
	if err != nil {
		return sr.pr.csvError(err)
	}
	want := ShiftColumns()
	sr.cols = [4]int{-1, -1, -1, -1}
	for i := range sr.pr.s.fields() {
		name := strings.TrimPrefix(string(sr.pr.s.field(i)), "\ufeff")
		k := indexOf(want, name)
		switch {
		case k < 0:
			return &ParseError{File: sr.File, Line: 1, Field: name, Value: name, Err: fmt.Errorf("unknown column: %w", ErrHeader)}
		case sr.cols[k] >= 0:
			return &ParseError{File: sr.File, Line: 1, Field: name, Value: name, Err: fmt.Errorf("column appears twice: %w", ErrHeader)}
		}
		sr.cols[k] = i
	}
	for k, c := range sr.cols {
		if c < 0 {
			return &ParseError{File: sr.File, Line: 1, Field: want[k], Err: fmt.Errorf("missing column: %w", ErrHeader)}
		}
	}
	sr.header = true
	return nil
}

// Line returns the line on which the record last returned by Read (or its error) starts, or 0
// before the first record.
func (sr *ShiftReader) Line() int { return sr.pr.line }

// Read returns the next shift, checked with Shift.Validate, or io.EOF at the end. Errors are
// *ParseError. An error in the header is returned again by every later Read.
func (sr *ShiftReader) Read() (Shift, error) {
	if sr.hdrErr != nil {
		return Shift{}, sr.hdrErr
	}
	if !sr.header {
		if err := sr.readHeader(); err != nil {
			sr.hdrErr = err
			return Shift{}, err
		}
	}
	line, err := sr.pr.s.scan()
	if err != nil {
		if err == io.EOF {
			return Shift{}, io.EOF
		}
		return Shift{}, sr.pr.csvError(err)
	}
	sr.pr.line = line
	f := func(k int) string { return string(sr.pr.s.field(sr.cols[k])) }
	s := Shift{Responder: sr.pr.intern(sr.pr.s.field(sr.cols[0])), Role: sr.pr.intern(sr.pr.s.field(sr.cols[1]))}
	var perr error
	if v := f(2); v != "" {
		if s.Start, perr = sr.pr.parseTime(v); perr != nil {
			return Shift{}, &ParseError{File: sr.File, Line: line, Field: "start", Value: v, Err: perr}
		}
	}
	if v := f(3); v != "" {
		if s.End, perr = sr.pr.parseTime(v); perr != nil {
			return Shift{}, &ParseError{File: sr.File, Line: line, Field: "end", Value: v, Err: perr}
		}
	}
	if err := s.Validate(); err != nil {
		pe := &ParseError{File: sr.File, Line: line, Err: err}
		var fe *FieldError
		if errors.As(err, &fe) {
			pe.Field, pe.Value = fe.Field, fe.Value
		}
		return Shift{}, pe
	}
	return s, nil
}

// ReadShifts reads a whole shift table; it stops at the first error.
func ReadShifts(r io.Reader) (Schedule, error) {
	sr := NewShiftReader(r)
	var out Schedule
	for {
		s, err := sr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
}

// WriteShifts writes a schedule as a shift table, in the schedule's order. Times keep their
// offsets, so a table written here reads back and writes out byte for byte.
func WriteShifts(w io.Writer, s Schedule) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ShiftColumns()); err != nil {
		return err
	}
	for _, sh := range s {
		if err := cw.Write([]string{sh.Responder, sh.Role, formatTime(sh.Start), formatTime(sh.End)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
