package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/internal/teamfile"
)

// ErrUnknownResponder reports a page or shift naming someone the team file does not list.
var ErrUnknownResponder = errors.New("responder is not in the team file")

// stdinName names standard input in errors.
const stdinName = "<stdin>"

// source is where an input comes from: a path, "-" for standard input, or a file system (the
// embedded sample).
type source struct {
	path string
	fsys fs.FS
}

// inputs is everything a command reads, checked.
type inputs struct {
	team       *teamfile.Team
	cals       map[string]*calendar.Calendar
	teamFile   string
	pages      []oncall.Page
	pageLines  []int // line of each page
	pagesFile  string
	sched      oncall.Schedule
	shiftLines []int
	shiftsFile string
	haveShifts bool
}

// read reads a whole input, returning the name to use in errors.
func (e *env) read(src source) ([]byte, string, error) {
	switch {
	case src.fsys != nil:
		b, err := fs.ReadFile(src.fsys, src.path)
		return b, src.path, err
	case src.path == "-":
		if e.stdinUsed {
			return nil, stdinName, usagef("only one file can be read from standard input")
		}
		e.stdinUsed = true
		b, err := io.ReadAll(e.stdin)
		return b, stdinName, err
	}
	b, err := os.ReadFile(src.path)
	return b, src.path, err
}

// checkStdin rejects two inputs on standard input before anything is read.
func checkStdin(paths ...string) error {
	n := 0
	for _, p := range paths {
		if p == "-" {
			n++
		}
	}
	if n > 1 {
		return usagef("only one file can be read from standard input")
	}
	return nil
}

// load reads and checks the team, the pages and, when shifts is given, the schedule. Pages
// and shifts must name responders of the team.
func (e *env) load(team, pages, shifts source) (*inputs, error) {
	in := &inputs{cals: map[string]*calendar.Calendar{}}
	b, name, err := e.read(team)
	if err != nil {
		return nil, err
	}
	in.teamFile = name
	if in.team, err = teamfile.Decode(bytes.NewReader(b), name); err != nil {
		return nil, err
	}
	for _, r := range in.team.Responders {
		c, err := r.Calendar()
		if err != nil {
			return nil, &teamfile.Error{File: name, Err: err}
		}
		in.cals[r.ID] = c
	}

	if b, in.pagesFile, err = e.read(pages); err != nil {
		return nil, err
	}
	pr := oncall.NewPageReader(bytes.NewReader(b))
	pr.File = in.pagesFile
	if in.pages, err = pr.ReadAll(); err != nil {
		return nil, err
	}
	in.pageLines = recordLines(b)
	for i, p := range in.pages {
		if err := in.known(p.Responder, in.pagesFile, in.pageLines[i]); err != nil {
			return nil, err
		}
	}

	if shifts.path == "" {
		return in, nil
	}
	in.haveShifts = true
	if b, in.shiftsFile, err = e.read(shifts); err != nil {
		return nil, err
	}
	sr := oncall.NewShiftReader(bytes.NewReader(b))
	sr.File = in.shiftsFile
	for {
		s, err := sr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		in.sched = append(in.sched, s)
	}
	in.shiftLines = recordLines(b)
	for i, s := range in.sched {
		if err := in.known(s.Responder, in.shiftsFile, in.shiftLines[i]); err != nil {
			return nil, err
		}
	}
	return in, nil
}

func (in *inputs) known(id, file string, line int) error {
	if _, ok := in.cals[id]; ok {
		return nil
	}
	return &oncall.ParseError{File: file, Line: line, Field: "responder", Value: id,
		Err: fmt.Errorf("%w %s", ErrUnknownResponder, in.teamFile)}
}

// recordLines returns the line on which each data record (after the header) of a CSV table
// starts. The readers do not say which line a record came from, and a quoted field can span
// lines, so the table is scanned again with the same CSV rules.
func recordLines(b []byte) []int {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	var lines []int
	for first := true; ; first = false {
		if _, err := r.Read(); err != nil {
			return lines
		}
		if !first {
			line, _ := r.FieldPos(0)
			lines = append(lines, line)
		}
	}
}
