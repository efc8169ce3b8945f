package main

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

// TestRun runs the program as CI does. The expected figures are worked out by hand from the
// export in testdata and the sample team (examples/data/team.json), with the package's
// documented defaults: pages within 60 s merge, 20 minutes to fall asleep again.
//
// Amara (London, GMT in early March; sleeps 23:00-07:00, works Mon-Fri 09:00-17:30):
// incident 201 notifies her Tue 2026-03-03 02:10 and is resolved 03:05; incident 202 comes
// 40 s later (within the 60 s gap), so one episode 02:10-03:30. It wakes her and costs
// 80 + 20 = 100 minutes of sleep in the night of 2 March, whose longest stretch is then
// 23:00-02:10 = 3 h 10 min (03:50-07:00 is as long). The next working start is the same
// Tuesday 09:00: that day off. Incident 204 (Thu 14:00-14:20) is in business hours.
//
// Elena (New York; sleeps 23:00-07:00): incident 203, Wed 19:00 EST, acknowledged 19:05 and
// never resolved, so it ends 15 minutes after the acknowledgement, at 19:20, in off hours.
// Incident 205 notifies her at 07:30 UTC on Sunday 8 March, 03:30 EDT, the night the clocks
// went forward (her window that night is 23:00 EST to 07:00 EDT, 7 h); resolved 04:10: 40 +
// 20 minutes lost, longest sleep 23:00-03:30 EDT = 3 h 30 min (the hour 02:00-03:00 did not
// exist). A weekend awakening: Monday 9 March, 09:00-17:30, off.
func TestRun(t *testing.T) {
	var a, b bytes.Buffer
	require.NoError(t, run(&a, export))
	require.NoError(t, run(&b, export))
	require.Equal(t, a.String(), b.String(), "output differs between runs")
	out := a.String()
	for _, want := range []string{
		"5 pages from PagerDuty, 2026-03-02 to 2026-03-09\n",
		"3 pages in 2 episodes; 1 awakenings; 1 of 8 nights disturbed; sleep lost 1h40m0s; shortest longest sleep 3h10m0s\n",
		"episode Tue 2026-03-03 02:10 to 03:30 GMT  sleep          woke=true  sleep lost 1h40m0s  QDB000000001+QDB000000002\n",
		"episode Thu 2026-03-05 14:00 to 14:20 GMT  business       woke=false sleep lost 0s  QAPI00000004\n",
		"owed: day off on Tue 2026-03-03 (8h30m0s) (woken-in-sleep-hours)\n",
		"2 pages in 2 episodes; 1 awakenings; 1 of 8 nights disturbed; sleep lost 1h0m0s; shortest longest sleep 3h30m0s\n",
		"episode Wed 2026-03-04 19:00 to 19:20 EST  off            woke=false sleep lost 0s  QAPI00000003\n",
		"episode Sun 2026-03-08 03:30 to 04:10 EDT  sleep+weekend  woke=true  sleep lost 1h0m0s  QAPI00000005\n",
		"owed: day off on Mon 2026-03-09 (8h30m0s) (woken-in-sleep-hours)\n",
	} {
		require.Contains(t, out, want)
	}
	// A day's score is at least the sleep lost in the night before it: 100 min = 1.67 h for
	// Amara's Tuesday, 60 min = 1.00 h for Elena's Sunday.
	require.Contains(t, out, "worst day 2026-03-03, 1.67 h")
	require.Contains(t, out, "worst day 2026-03-08, 1.00 h")
	// Nobody else was paged.
	require.Equal(t, 2, strings.Count(out, "fatigue score"))
}

// A broken export stops the program with an error naming the file.
func TestRunBadExport(t *testing.T) {
	fsys := fstest.MapFS{
		"testdata/users.csv":              {Data: []byte("vendor_user,responder\n")},
		"testdata/incidents/page-1.json":  {Data: []byte(`{"incidents": [`)},
		"testdata/log_entries/empty.json": {Data: []byte(`{"log_entries": []}`)},
	}
	err := run(&bytes.Buffer{}, fsys)
	require.Error(t, err)
	require.Contains(t, err.Error(), "page-1.json")

	fsys["testdata/incidents/page-1.json"] = &fstest.MapFile{Data: []byte(`{"incidents": []}`)}
	require.ErrorContains(t, run(&bytes.Buffer{}, fsys), "no pages")
}
