package ingest

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// checkGolden compares pages written as the normalized table with testdata/golden/name. The
// golden files were written by hand from the fixtures (derivations in each test) before the
// readers ran; -update rewrites them after a deliberate change.
func checkGolden(t *testing.T, name string, pages []oncall.Page) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteCSV(&buf, pages))
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, string(want), buf.String())
}

func dirSources(t *testing.T, dir string) []Source {
	t.Helper()
	srcs, err := DirSources(os.DirFS("testdata"), dir)
	require.NoError(t, err)
	return srcs
}

func requireBalanced(t require.TestingT, r Report) {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	require.Equal(t, r.Read, r.Accepted+r.Rejected+r.Merged+r.Ignored, "counts must add up: %+v", r)
	require.Len(t, r.Rejections, r.Rejected)
	require.Len(t, r.Duplicates, r.Merged)
}

var testUsers = map[string]string{
	"PUSER01": "alice@example.com", "PUSER02": "bob@example.com",
	"PUSER03": "carol@example.com", "Dave Example": "dave@example.com",
	"c3a1e5f7-0b2d-4e6f-8a9c-0d1e2f3a4b5c": "carol@example.com",
	"UALICE000001":                         "alice@example.com", "UBOB00000002": "bob@example.com",
}

// Hand derivation of golden/pagerduty.csv:
//   - Q1ALPHA: alice notified 06:59:31 (push; her 07:00:31 SMS is the same page) at level 1;
//     one escalate entry at 07:04:31, so bob's 07:04:32 notification is level 2. Bob
//     acknowledged at 07:06:00: his own ack, and the first ack after alice's notification.
//     Resolved 07:40:00 (the resolve entry appears twice across the two log pages: merged).
//   - Q2BRAVO: no log entries; the assignment (22:15:01) and acknowledgement (22:19:30) of
//     the open incident stand in, level unknown.
//   - Q3CHARLIE: listed twice; the first copy has the assignment to "Dave Example" (mapped by
//     name, PUSER04 is not in the map), the later, resolved copy brings resolved_at 03:30.
//   - Q4DELTA (+09:00 times kept): alice level 1, acked 02:13 by herself; manual escalation at
//     02:20, bob notified 02:20:01 at level 2; the only ack was before his notification, so
//     his page has none.
//   - Q5ECHO: only log entries; PUSER05 is not in the map and keeps the vendor ID.
//
// Counts: 5 incident records (1 merged) + 17 log entries (1 annotate ignored, 1 merged).
func TestGoldenPagerDuty(t *testing.T) {
	c := Config{Responders: testUsers}
	pages, rep, err := c.ReadPagerDuty(dirSources(t, "pagerduty/incidents"), dirSources(t, "pagerduty/log_entries"))
	require.NoError(t, err)
	checkGolden(t, "pagerduty.csv", pages)
	requireBalanced(t, rep)
	require.Equal(t, 22, rep.Read)
	require.Equal(t, 19, rep.Accepted)
	require.Equal(t, 2, rep.Merged)
	require.Equal(t, 1, rep.Ignored)
	require.Equal(t, Duplicate{ID: "Q3CHARLIE00003", File: "pagerduty/incidents/page-2.json", Index: 0,
		FirstFile: "pagerduty/incidents/page-1.json", FirstIndex: 2}, rep.Duplicates[0])
	require.Equal(t, Duplicate{ID: "RLE0000000008", File: "pagerduty/log_entries/all.json", Index: 8,
		FirstFile: "pagerduty/log_entries/all.json", FirstIndex: 7}, rep.Duplicates[1])
}

// Hand derivation of golden/opsgenie.csv: ackTime and closeTime are milliseconds after
// createdAt, so 02:17:00.250 + 95.5 s = 02:18:35.750 and + 1800 s = 02:47:00.250. The first
// alert appears on both pages; the later copy adds closeTime. The second alert has no
// acknowledger or owner: its user responder is mapped to carol; no service tag or entity,
// so the service is the integration's name. The third keeps its +05:30 offset and
// 09:00 + 600 s = 09:10.
func TestGoldenOpsgenie(t *testing.T) {
	c := Config{Responders: testUsers}
	pages, rep, err := c.ReadOpsgenie(dirSources(t, "opsgenie")...)
	require.NoError(t, err)
	checkGolden(t, "opsgenie.csv", pages)
	requireBalanced(t, rep)
	require.Equal(t, Report{Read: 4, Accepted: 3, Merged: 1, Duplicates: []Duplicate{{ID: "70413a06-38d6-4c85-92b8-5ebc900d42e2",
		File: "opsgenie/alerts.json", Index: 2, FirstFile: "opsgenie/alerts.json", FirstIndex: 0}}}, rep)
}

// Hand derivation of golden/grafana.csv: the first group was acknowledged by UALICE000001
// (alice), the second only resolved, by UBOB00000002 (bob); the third names nobody and is
// rejected; the first appears again on page 2 and is merged.
func TestGoldenGrafanaOnCall(t *testing.T) {
	c := Config{Mode: Lenient, Responders: testUsers}
	pages, rep, err := c.ReadGrafanaOnCall(dirSources(t, "grafana")...)
	require.NoError(t, err)
	checkGolden(t, "grafana.csv", pages)
	requireBalanced(t, rep)
	require.Equal(t, 4, rep.Read)
	require.Equal(t, 2, rep.Accepted)
	require.Equal(t, 1, rep.Merged)
	require.Equal(t, 1, rep.Rejected)
	pe := rep.Rejections[0]
	require.ErrorIs(t, pe, ErrNoResponder)
	require.Equal(t, "grafana/page-2.json", pe.File)
	require.Equal(t, 0, pe.Index)
	require.Equal(t, "INOBODY000003", pe.ID)

	// Strict mode stops at the same record.
	_, _, err = Config{Responders: testUsers}.ReadGrafanaOnCall(dirSources(t, "grafana")...)
	var spe *ParseError
	require.True(t, errors.As(err, &spe))
	require.Equal(t, "INOBODY000003", spe.ID)
}

// Hand derivation of golden/pagerduty-analytics.csv, zone Europe/Berlin as the response's
// time_zone says: 2026-03-08 is winter time (+01:00); the first acknowledgement came 390 s
// after 07:59:30, at 08:06:00, and resolved_at is given. Both assigned users get a page.
// The second incident was created at 02:30 on 2026-10-25, a wall clock that happens twice
// (CEST then CET): the earlier, +02:00 (00:30Z), is taken; resolved_at is null, so
// seconds_to_resolve gives 00:30Z + 5400 s = 02:00Z = 03:00+01:00. Nobody was assigned or
// acknowledged, so the resolver (PUSER03, carol) is the responder; the service name is empty,
// so the service ID stands in.
func TestGoldenPagerDutyAnalytics(t *testing.T) {
	c := Config{Zone: "Europe/Berlin", Responders: testUsers}
	pages, rep, err := c.ReadPagerDutyAnalytics(dirSources(t, "pagerduty-analytics")...)
	require.NoError(t, err)
	checkGolden(t, "pagerduty-analytics.csv", pages)
	requireBalanced(t, rep)
	require.Equal(t, Report{Read: 2, Accepted: 2}, rep)

	// Without a zone the offsetless times are rejected, never taken as UTC.
	_, rep, err = Config{Mode: Lenient}.ReadPagerDutyAnalytics(dirSources(t, "pagerduty-analytics")...)
	require.NoError(t, err)
	require.Equal(t, 2, rep.Rejected)
	require.ErrorIs(t, rep.Rejections[0], ErrNoOffset)
	require.Equal(t, "created_at", rep.Rejections[0].Field)
}

// Hand derivation of golden/pagerduty-csv.csv, zone America/New_York, where clocks went from
// 02:00 EST to 03:00 EDT on 2026-03-08: 01:50 EST is 06:50Z, plus 300 s is 06:55Z = 01:55
// EST, and 03:10 EDT is 07:10Z (20 real minutes later). The same row appears twice and is
// merged. 02:30 does not exist that night: that row is rejected. The last row carries
// offsets, lists two users in one cell, and is acknowledged 120 s after 10:00Z. Columns come
// by alias ("Created On", "Time To First Ack Seconds", "Resolved By"), by the caller's
// mapping ("On-call (names)") or not at all ("Description").
func TestGoldenPagerDutyCSV(t *testing.T) {
	c := Config{Mode: Lenient, Zone: "America/New_York",
		Responders: map[string]string{"Alice Example": "alice@example.com", "Bob Example": "bob@example.com"},
		Headers:    map[string]string{"On-call (names)": "assigned_user_names"}}
	pages, rep, err := c.ReadPagerDutyCSV(dirSources(t, "pagerduty-csv")...)
	require.NoError(t, err)
	checkGolden(t, "pagerduty-csv.csv", pages)
	requireBalanced(t, rep)
	require.Equal(t, 4, rep.Read)
	require.Equal(t, 2, rep.Accepted)
	require.Equal(t, 1, rep.Merged)
	require.Equal(t, 1, rep.Rejected)
	pe := rep.Rejections[0]
	require.ErrorIs(t, pe, ErrNoSuchLocalTime)
	require.Equal(t, 4, pe.Line)
	require.Equal(t, 2, pe.Index)
	require.Equal(t, "created_at", pe.Field)
	require.Equal(t, "2026-03-08 02:30:00", pe.Value)
}
