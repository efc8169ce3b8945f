package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/internal/teamfile"
)

var names = []string{"team.json", "shifts.csv", "pages.csv"}

// TestDeterministic runs the generator twice and compares the bytes with each other and
// with the committed files. When it fails after an intended change, run
// `go run ./examples/data/gen` and commit the new files.
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	_, err := generate(a)
	require.NoError(t, err)
	_, err = generate(b)
	require.NoError(t, err)
	for _, name := range names {
		x, err := os.ReadFile(filepath.Join(a, name))
		require.NoError(t, err)
		y, err := os.ReadFile(filepath.Join(b, name))
		require.NoError(t, err)
		require.True(t, bytes.Equal(x, y), "%s differs between two runs", name)
		committed, err := os.ReadFile(filepath.Join("..", name))
		require.NoError(t, err)
		require.True(t, bytes.Equal(x, committed), "%s differs from the committed file; regenerate with go run ./examples/data/gen", name)
	}
}

// TestSample checks the committed sample is what the README promises.
func TestSample(t *testing.T) {
	team, err := teamfile.Load(filepath.Join("..", "team.json"))
	require.NoError(t, err)
	require.Len(t, team.Responders, 7)
	zones := map[string]int{}
	for _, r := range team.Responders {
		zones[r.Profile.Zone.String()]++
	}
	require.Equal(t, map[string]int{"Europe/London": 4, "America/New_York": 3}, zones)

	f, err := os.Open(filepath.Join("..", "shifts.csv"))
	require.NoError(t, err)
	defer f.Close()
	sched, err := oncall.ReadShifts(f)
	require.NoError(t, err)
	require.Len(t, sched, 104)
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	for i, s := range sched {
		l := s.Start.In(london)
		require.Equal(t, time.Tuesday, l.Weekday(), "shift %d", i)
		require.Equal(t, 10, l.Hour(), "shift %d starts at 10:00 London time", i)
		_, ok := team.Responder(s.Responder)
		require.True(t, ok, s.Responder)
		// Nobody is on call while on leave.
		c, err := team.Responders[indexOf(team, s.Responder)].Calendar()
		require.NoError(t, err)
		for at := s.Start; at.Before(s.End); at = at.Add(time.Hour) {
			require.False(t, c.OnLeave(at), "%s on call on leave at %s", s.Responder, at)
		}
	}
	// Last week's secondary is this week's primary unless on leave.
	handovers := 0
	for i := 2; i < len(sched); i += 2 {
		if sched[i].Responder == sched[i-1].Responder {
			handovers++
		}
	}
	require.Greater(t, handovers, 45)

	pf, err := os.Open(filepath.Join("..", "pages.csv"))
	require.NoError(t, err)
	defer pf.Close()
	pages, err := oncall.NewPageReader(pf).ReadAll()
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(pages), 1500)
	require.LessOrEqual(t, len(pages), 3000)
	var escalated, unacked, open int
	newYork, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	days := map[string]bool{}
	for _, p := range pages {
		if p.EscalationLevel == 2 {
			escalated++
			require.Equal(t, oncall.Secondary, p.Role)
		}
		if p.Acknowledged.IsZero() {
			unacked++
		}
		if p.Resolved.IsZero() {
			open++
		}
		days["London "+p.Triggered.In(london).Format(time.DateOnly)] = true
		days["New York "+p.Triggered.In(newYork).Format(time.DateOnly)] = true
		on := sched.OnCall(p.Role, p.Triggered)
		require.Len(t, on, 1)
		require.Equal(t, on[0].Responder, p.Responder, "%s paged someone not on call", p.IncidentID)
	}
	require.Greater(t, escalated, 50)
	require.Greater(t, unacked, 5)
	require.GreaterOrEqual(t, open, 2)
	for _, d := range []string{"London 2025-12-25", "New York 2025-12-25", "New York 2026-07-03", "New York 2026-07-04",
		"New York 2026-07-05", "London 2026-04-03", "London 2026-04-05", "London 2026-04-06"} {
		require.True(t, days[d], "no page on %s", d)
	}
}

func indexOf(team *teamfile.Team, id string) int {
	for i, r := range team.Responders {
		if r.ID == id {
			return i
		}
	}
	return -1
}
