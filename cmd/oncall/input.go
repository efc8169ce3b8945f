package main

import (
	"bufio"
	"bytes"
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

// name is how the source is named in errors.
func (s source) name() string {
	if s.path == "-" && s.fsys == nil {
		return stdinName
	}
	return s.path
}

// open opens an input for streaming, with its size when known (0 otherwise).
func (e *env) open(src source) (io.ReadCloser, int64, error) {
	switch {
	case src.fsys != nil:
		f, err := src.fsys.Open(src.path)
		if err != nil {
			return nil, 0, err
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, 0, err
		}
		return f, st.Size(), nil
	case src.path == "-":
		if e.stdinUsed {
			return nil, 0, usagef("only one file can be read from standard input")
		}
		e.stdinUsed = true
		return io.NopCloser(e.stdin), 0, nil
	}
	f, err := os.Open(src.path)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, st.Size(), nil
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
	in, err := e.loadTeam(team)
	if err != nil {
		return nil, err
	}
	if pages.path != "" {
		if err := e.loadPages(in, pages); err != nil {
			return nil, err
		}
	}
	return in, e.loadShifts(in, shifts)
}

// loadPages reads and checks the page table; pages must name responders of the team.
func (e *env) loadPages(in *inputs, pages source) error {
	r, size, err := e.open(pages)
	if err != nil {
		return err
	}
	defer r.Close()
	in.pagesFile = pages.name()
	// Stream the table rather than hold it whole, and size the lists once from the file, so
	// that a million pages are not copied over and over as the slices grow. The garbage
	// collector keeps its defaults: other settings measured no faster on a million pages
	// (testdata/bench/README.md).
	cr := &countingReader{r: r}
	br := bufio.NewReaderSize(cr, 1<<20)
	n := estimateRows(br, size)
	in.pages, in.pageLines = make([]oncall.Page, 0, n), make([]int, 0, n)
	pr := oncall.NewPageReader(br)
	pr.File = in.pagesFile
	bar := e.progress()
	show := bar.active()
	for {
		p, err := pr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := in.known(p.Responder, in.pagesFile, pr.Line()); err != nil {
			return err
		}
		in.pages = append(in.pages, p)
		in.pageLines = append(in.pageLines, pr.Line())
		if show && len(in.pages)%progressRecords == 0 {
			showRead(bar, in.pagesFile, cr.n, size, len(in.pages))
		}
	}
}

// estimateRows guesses the rows of a table of size bytes from the lines in its first
// megabyte (the reader's buffer), with 5% to spare. A guess from the size alone would have
// to assume a row length, and rows run from 80 to 200 bytes: too low, and the slices are
// copied as they grow; too high, and the Go heap zeroes (so touches) memory never used.
func estimateRows(br *bufio.Reader, size int64) int {
	if size <= 0 {
		return 1024 // standard input: let the slices grow
	}
	head, _ := br.Peek(int(min(size, int64(br.Size())))) // short only at the end of the input
	lines := bytes.Count(head, []byte{'\n'})
	switch {
	case int64(len(head)) >= size:
		return lines + 1
	case lines == 0:
		return int(size/100) + 16
	}
	return int(float64(size)/float64(len(head))*float64(lines)*1.05) + 16
}

// progressRecords is how often (in records) reading updates the progress line: often
// enough to move smoothly, rarely enough to cost nothing.
const progressRecords = 4096

// showRead shows the bytes read of a regular file's size, or else the records read.
func showRead(bar *progress, name string, read, size int64, records int) {
	if size > 0 {
		bar.bytes("reading "+short(name), read, size)
		return
	}
	bar.count("reading "+short(name), records, 0, "pages")
}

// loadTeam reads and checks the team file and builds each responder's calendar.
func (e *env) loadTeam(team source) (*inputs, error) {
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
	return in, nil
}

// loadShifts reads the schedule, when shifts names one, into in.
func (e *env) loadShifts(in *inputs, shifts source) error {
	if shifts.path == "" {
		return nil
	}
	in.haveShifts = true
	var err error
	in.sched, in.shiftLines, in.shiftsFile, err = e.readSchedule(in, shifts)
	return err
}

// readSchedule reads a shift table whose shifts must name responders of the team, with the
// line of each shift.
func (e *env) readSchedule(in *inputs, src source) (oncall.Schedule, []int, string, error) {
	b, name, err := e.read(src)
	if err != nil {
		return nil, nil, name, err
	}
	sr := oncall.NewShiftReader(bytes.NewReader(b))
	sr.File = name
	var sched oncall.Schedule
	var lines []int
	for {
		s, err := sr.Read()
		if err == io.EOF {
			return sched, lines, name, nil
		}
		if err != nil {
			return nil, nil, name, err
		}
		if err := in.known(s.Responder, name, sr.Line()); err != nil {
			return nil, nil, name, err
		}
		sched = append(sched, s)
		lines = append(lines, sr.Line())
	}
}

func (in *inputs) known(id, file string, line int) error {
	if _, ok := in.cals[id]; ok {
		return nil
	}
	return &oncall.ParseError{File: file, Line: line, Field: "responder", Value: id,
		Err: fmt.Errorf("%w %s", ErrUnknownResponder, in.teamFile)}
}
