package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// fakeTerminal is a standard error that says whether it is a terminal and counts writes.
type fakeTerminal struct {
	bytes.Buffer
	tty    bool
	writes int
}

func (f *fakeTerminal) ShowsProgress() bool { return f.tty }

func (f *fakeTerminal) Write(b []byte) (int, error) {
	f.writes++
	return f.Buffer.Write(b)
}

// fakeClock advances by step at every reading.
type fakeClock struct {
	t    time.Time
	step time.Duration
}

func (c *fakeClock) now() time.Time {
	c.t = c.t.Add(c.step)
	return c.t
}

func newClock(step time.Duration) *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), step: step}
}

func TestProgressSilentUnlessTerminal(t *testing.T) {
	for name, e := range map[string]*env{
		"not a terminal": {stderr: &fakeTerminal{tty: false}},
		"plain writer":   {stderr: &bytes.Buffer{}},
		"quiet":          {stderr: &fakeTerminal{tty: true}, quiet: true},
	} {
		e.now = newClock(time.Second).now
		p := e.progress()
		require.False(t, p.active(), name)
		p.bytes("reading x.csv", 10, 100)
		p.count("fatigue", 1, 4, "people")
		p.step("computing metrics")
		p.done()
		switch w := e.stderr.(type) {
		case *fakeTerminal:
			require.Zero(t, w.Len(), name)
		case *bytes.Buffer:
			require.Zero(t, w.Len(), name)
		}
	}
}

func TestProgressDrawsAfterDelayAndErases(t *testing.T) {
	term := &fakeTerminal{tty: true}
	clock := newClock(0)
	e := &env{stderr: term, now: clock.now}
	p := e.progress()
	require.True(t, p.active())

	clock.t = clock.t.Add(400 * time.Millisecond) // before progressDelay (500 ms): nothing
	p.count("fatigue", 1, 4, "people")
	require.Zero(t, term.Len())

	clock.t = clock.t.Add(200 * time.Millisecond)
	p.count("fatigue", 1, 4, "people")
	// 1/4 = 25%: 5 of the bar's 20 cells filled.
	line := "fatigue [#####...............]  25% 1/4 people"
	require.Equal(t, "\r"+line, term.String())

	clock.t = clock.t.Add(time.Second)
	p.bytes("reading pages.csv", 52_750_000, 105_500_000)
	line2 := "reading pages.csv [##########..........]  50% 52.8 MB of 105.5 MB"
	require.Equal(t, "\r"+line+"\r"+line2, term.String())

	// A shorter line pads over the longer one it replaces.
	clock.t = clock.t.Add(time.Second)
	p.step("computing metrics")
	pad := strings.Repeat(" ", len(line2)-len("computing metrics"))
	require.True(t, strings.HasSuffix(term.String(), "\rcomputing metrics"+pad), "%q", term.String())

	// done blanks what is left on screen (the padding is blank already) and ends drawing.
	before := term.Len()
	p.done()
	require.Equal(t, "\r"+strings.Repeat(" ", len("computing metrics"))+"\r", term.String()[before:])
	p.step("more")
	p.done()
	require.Equal(t, before+len("computing metrics")+2, term.Len())
}

func TestProgressThrottles(t *testing.T) {
	term := &fakeTerminal{tty: true}
	clock := newClock(0)
	e := &env{stderr: term, now: clock.now}
	p := e.progress()
	// 200 updates 10 ms apart, over 2 s: the first is drawn at 500 ms (k = 50), then one every
	// 100 ms: k = 50, 60, ..., 200, which is 16 draws.
	for k := 1; k <= 200; k++ {
		clock.t = clock.t.Add(10 * time.Millisecond)
		p.count("reading", k, 0, "pages")
	}
	require.Equal(t, 16, term.writes)
	require.True(t, strings.HasSuffix(term.String(), "\rreading 200 pages"), "%q", term.String())
}

func TestProgressNoDrawForUnknownEnd(t *testing.T) {
	require.Equal(t, "reading <stdin> 1.5 MB", func() string {
		term := &fakeTerminal{tty: true}
		clock := newClock(time.Second)
		p := (&env{stderr: term, now: clock.now}).progress()
		p.bytes("reading <stdin>", 1_500_000, 0)
		return strings.TrimPrefix(term.String(), "\r")
	}())
}

func TestShort(t *testing.T) {
	require.Equal(t, "reading pages.csv", short("reading pages.csv"))
	long := "reading /a/very/long/path/to/the/pages.csv"
	got := short(long)
	require.Len(t, []rune(got), maxLabel)
	require.Equal(t, "..."+long[len(long)-maxLabel+3:], got)
}

// runTerm runs the command with standard error on a fake terminal and a clock that moves a
// second at every reading, so that every update is drawn.
func runTerm(t *testing.T, tty bool, stdin string, args ...string) (result, *fakeTerminal) {
	t.Helper()
	term := &fakeTerminal{tty: tty}
	var out bytes.Buffer
	code := runEnv(&env{stdin: strings.NewReader(stdin), stdout: &out, stderr: term, now: newClock(time.Second).now}, args)
	return result{code, out.String(), term.String()}, term
}

// TestProgressOutputUnchanged runs the long commands with and without a terminal: standard
// output is byte for byte the same, a terminal sees progress, the others nothing, and the
// line is erased at the end.
func TestProgressOutputUnchanged(t *testing.T) {
	dir := t.TempDir()
	writeYear(t, dir, 3*progressRecords, 10) // enough pages for the reading line to update
	bigTeam, bigPages := filepath.Join(dir, "team.json"), filepath.Join(dir, "pages.csv")
	st, err := os.Stat(bigPages)
	require.NoError(t, err)
	for _, c := range []struct {
		name string
		args []string
		want []string // on the terminal
	}{
		{"metrics", []string{"metrics", "--team", bigTeam, "--pages", bigPages},
			[]string{"reading " + short(bigPages), "of " + megabytes(st.Size()), "computing metrics"}},
		{"fatigue", []string{"fatigue", "--team", fTeam, "--pages", fPages},
			[]string{"fatigue [....................]   0% 0/"}},
		{"recovery", []string{"recovery", "--team", fTeam, "--pages", fPages, "--preset", "automatic-day-off"},
			[]string{"recovery [....................]   0% 0/"}},
		{"import", []string{"import", "--from", "csv", pages}, []string{"importing"}},
		{"hours", []string{"hours", "--team", team, "--pages", pages}, nil},
	} {
		plain, _ := runTerm(t, false, "", c.args...)
		require.Equal(t, exitOK, plain.code, "%s: %s", c.name, plain.stderr)
		tty, term := runTerm(t, true, "", c.args...)
		require.Equal(t, exitOK, tty.code, c.name)
		require.Equal(t, plain.stdout, tty.stdout, "%s: stdout must not change", c.name)
		quietArgs := append([]string{c.args[0], "--quiet"}, c.args[1:]...) // import: flags before files
		quiet, _ := runTerm(t, true, "", quietArgs...)
		require.Equal(t, plain.stdout, quiet.stdout, c.name)
		require.Equal(t, plain.stderr, quiet.stderr, "%s: --quiet draws nothing", c.name)
		progress := strings.TrimPrefix(tty.stderr, plain.stderr) // import's summary comes last
		if c.name == "import" {
			progress = strings.TrimSuffix(tty.stderr, plain.stderr)
		}
		for _, w := range c.want {
			require.Contains(t, progress, w, c.name)
		}
		if len(c.want) > 0 {
			// The last thing drawn is the erasing: carriage return, blanks, carriage return.
			require.Regexp(t, `\r +\r$`, progress, c.name)
			require.Greater(t, term.writes, 1, c.name)
		}
	}
}

// TestProgressStdinCountsRecords: without a size to compare with, the line counts pages.
func TestProgressStdinCountsRecords(t *testing.T) {
	dir := t.TempDir()
	writeYear(t, dir, progressRecords+10, 10)
	b, err := os.ReadFile(filepath.Join(dir, "pages.csv"))
	require.NoError(t, err)
	r, _ := runTerm(t, true, string(b), "metrics", "--team", filepath.Join(dir, "team.json"), "--pages", "-")
	require.Equal(t, exitOK, r.code, r.stderr)
	require.Contains(t, r.stderr, "\rreading <stdin> 4096 pages")
}

// TestProgressErasedBeforeError: a data error's JSON object starts on a clean line.
func TestProgressErasedBeforeError(t *testing.T) {
	r, _ := runTerm(t, true, "", "metrics", "--team", mTeam, "--pages", "testdata/metrics-pages-far.csv")
	require.Equal(t, exitData, r.code)
	i := strings.LastIndex(r.stderr, "\r")
	require.Positive(t, i, "a step was drawn and erased: %q", r.stderr)
	require.True(t, strings.HasPrefix(r.stderr[i+1:], `{"error":`), "%q", r.stderr)
}

func TestStderrTerminal(t *testing.T) {
	env := func(term string) func(string) string {
		return func(k string) string {
			if k == "TERM" {
				return term
			}
			return ""
		}
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	require.NoError(t, err)
	defer f.Close()
	require.False(t, stderrTerminal{f, env("xterm")}.ShowsProgress(), "a regular file is no terminal")
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer null.Close()
	// /dev/null is a character device, as a terminal is: the mode bit is what is checked.
	require.True(t, stderrTerminal{null, env("xterm")}.ShowsProgress())
	require.False(t, stderrTerminal{null, env("dumb")}.ShowsProgress(), "TERM=dumb")
}

func TestEstimateRows(t *testing.T) {
	row := strings.Repeat("x", 99) + "\n" // 100 bytes
	est := func(content string, size int64) int {
		return estimateRows(bufio.NewReaderSize(strings.NewReader(content), 1<<20), size)
	}
	// A small file is read whole: its lines, plus one for a last line without a newline.
	require.Equal(t, 31, est(strings.Repeat(row, 30), int64(30*len(row))))
	// 20,000 rows of 100 bytes: the first MiB holds 10,485 newlines, so the guess is
	// 2,000,000 / 1,048,576 * 10,485 * 1.05 + 16 = 21,014: enough, and 5% to spare.
	big := strings.Repeat(row, 20_000)
	require.Equal(t, 21014, est(big, int64(len(big))))
	require.Equal(t, 1024, est(big, 0), "unknown size")
}
