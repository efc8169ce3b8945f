package main

import (
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// screen plays what a terminal shows of one line: a carriage return goes back to the start,
// other characters overwrite.
func screen(out string) string {
	var line []rune
	col := 0
	for _, r := range out {
		if r == '\r' {
			col = 0
			continue
		}
		if col < len(line) {
			line[col] = r
		} else {
			line = append(line, r)
		}
		col++
	}
	return string(line)
}

// TestProgressProperties: whatever the updates and their timing, the terminal shows exactly
// the last line drawn (nothing left over from a longer one), redraws come at most once per
// progressEvery apart from steps, and done leaves a blank line.
func TestProgressProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		term := &fakeTerminal{tty: true}
		clock := newClock(0)
		p := (&env{stderr: term, now: clock.now}).progress()
		start := clock.t
		steps := 0
		var last string
		for i, n := 0, rapid.IntRange(0, 60).Draw(t, "updates"); i < n; i++ {
			clock.t = clock.t.Add(time.Duration(rapid.IntRange(0, 300).Draw(t, "ms")) * time.Millisecond)
			before := term.Len()
			switch rapid.IntRange(0, 2).Draw(t, "kind") {
			case 0:
				p.count("fatigue", rapid.IntRange(0, 10).Draw(t, "done"), 10, "people")
			case 1:
				p.bytes("reading "+strings.Repeat("p", rapid.IntRange(0, 40).Draw(t, "name")), rapid.Int64Range(0, 1e9).Draw(t, "read"), 1e9)
			default:
				steps++
				p.step(strings.Repeat("s", rapid.IntRange(1, 70).Draw(t, "step")))
			}
			if term.Len() > before {
				last = term.String()[before+1:] // after the carriage return
				last = strings.TrimRight(last, " ")
			}
			if got := strings.TrimRight(screen(term.String()), " "); got != last {
				t.Fatalf("screen %q, want %q", got, last)
			}
		}
		if clock.t.Sub(start) < progressDelay && term.writes > steps {
			t.Fatalf("%d redraws before the delay", term.writes-steps)
		}
		if maxDraws := int(clock.t.Sub(start)/progressEvery) + 1 + steps; term.writes > maxDraws {
			t.Fatalf("%d redraws in %v with %d steps", term.writes, clock.t.Sub(start), steps)
		}
		p.done()
		if s := screen(term.String()); strings.TrimSpace(s) != "" {
			t.Fatalf("left %q on screen", s)
		}
	})
}
