package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"
)

// terminal is a standard error that can tell whether a person is watching it. Only then is
// a progress line drawn: logs of CI jobs and notebook cells stay free of it.
type terminal interface {
	io.Writer
	// ShowsProgress reports whether a progress line may be drawn here.
	ShowsProgress() bool
}

// stderrTerminal is the process's standard error.
type stderrTerminal struct {
	*os.File
	getenv func(string) string
}

// ShowsProgress is true for a character device (a terminal) unless TERM is "dumb". The line
// is plain text redrawn with carriage returns, without colour or escape sequences, so
// NO_COLOR needs nothing more.
func (s stderrTerminal) ShowsProgress() bool {
	if s.getenv("TERM") == "dumb" {
		return false
	}
	st, err := s.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Progress timing: counts and byte totals are not drawn for runs shorter than
// progressDelay (a named step is drawn at once, see step), and the line is redrawn at most
// once per progressEvery.
const (
	progressDelay = 500 * time.Millisecond
	progressEvery = 100 * time.Millisecond
	barWidth      = 20
	maxLabel      = 28
)

// progress draws one line on a terminal and erases it when done. The zero value and a nil
// *progress draw nothing.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time
	last  time.Time
	shown int // characters on screen
}

// quietFlag adds --quiet, which turns the progress line off.
func (e *env) quietFlag(fs *flag.FlagSet) {
	fs.BoolVar(&e.quiet, "quiet", false, "no progress line on standard error")
}

// progress is the command's progress line, started on first use: silent unless standard
// error is a terminal and --quiet was not given.
func (e *env) progress() *progress {
	if e.bar != nil {
		return e.bar
	}
	e.bar = &progress{}
	t, ok := e.stderr.(terminal)
	if e.quiet || !ok || !t.ShowsProgress() {
		return e.bar
	}
	now := e.now
	if now == nil {
		now = time.Now
	}
	e.bar.w, e.bar.now, e.bar.start = t, now, now()
	return e.bar
}

// endProgress erases the progress line for good, before anything else is written to the
// terminal: output, the import summary, an error.
func (e *env) endProgress() {
	if e.bar != nil {
		e.bar.done()
	}
}

// afterProgress is standard output: the first write erases the progress line, for when
// both go to the same terminal.
type afterProgress struct {
	w io.Writer
	e *env
}

func (a afterProgress) Write(b []byte) (int, error) {
	a.e.endProgress()
	return a.w.Write(b)
}

// active reports whether anything may be drawn, so that callers skip the counting otherwise.
func (p *progress) active() bool { return p != nil && p.w != nil }

// bytes shows how much of a file of total bytes has been read.
func (p *progress) bytes(label string, done, total int64) {
	if !p.due() {
		return
	}
	if total <= 0 {
		p.put(fmt.Sprintf("%s %s", label, megabytes(done)))
		return
	}
	p.put(fmt.Sprintf("%s %s %s of %s", label, bar(float64(done)/float64(total)), megabytes(done), megabytes(total)))
}

// count shows done of total things (total 0: unknown).
func (p *progress) count(label string, done, total int, unit string) {
	if !p.due() {
		return
	}
	if total <= 0 {
		p.put(fmt.Sprintf("%s %d %s", label, done, unit))
		return
	}
	p.put(fmt.Sprintf("%s %s %d/%d %s", label, bar(float64(done)/float64(total)), done, total, unit))
}

// step shows what is being done when there is nothing to count. It is drawn at once: a
// step is rare and its length unknown, and nothing will redraw the line until it ends.
func (p *progress) step(label string) {
	if p.active() {
		p.last = p.now()
		p.put(label)
	}
}

// due reports whether the line may be redrawn now, and if so takes the turn: nothing shows
// before progressDelay, then at most one redraw per progressEvery.
func (p *progress) due() bool {
	if !p.active() {
		return false
	}
	t := p.now()
	if t.Sub(p.start) < progressDelay || (!p.last.IsZero() && t.Sub(p.last) < progressEvery) {
		return false
	}
	p.last = t
	return true
}

// put writes line over the one on screen.
func (p *progress) put(line string) {
	n := utf8.RuneCountInString(line)
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", max(0, p.shown-n)))
	p.shown = n
}

// done erases the line, leaving the cursor where it was before the first draw, and stops
// all further drawing.
func (p *progress) done() {
	if !p.active() {
		return
	}
	if p.shown > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.shown))
	}
	p.w, p.shown = nil, 0
}

// short keeps a file name to a width that fits a terminal line, keeping its end.
func short(s string) string {
	if r := []rune(s); len(r) > maxLabel {
		return "..." + string(r[len(r)-maxLabel+3:])
	}
	return s
}

func bar(frac float64) string {
	frac = min(max(frac, 0), 1)
	n := int(frac * barWidth)
	return fmt.Sprintf("[%s%s] %3d%%", strings.Repeat("#", n), strings.Repeat(".", barWidth-n), int(frac*100))
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	return n, err
}

// countingReadCloser counts the bytes read from a file and shows them.
type countingReadCloser struct {
	io.ReadCloser
	read func(n int)
}

func (c countingReadCloser) Read(b []byte) (int, error) {
	n, err := c.ReadCloser.Read(b)
	c.read(n)
	return n, err
}
