package ingest

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
)

func readPDIncidents(c Config, s Source) ([]oncall.Page, Report, error) {
	return c.ReadPagerDuty([]Source{s}, nil)
}

func readPDLogs(c Config, s Source) ([]oncall.Page, Report, error) {
	return c.ReadPagerDuty(nil, []Source{s})
}

const pdAssigned = `"assignments":[{"at":"2026-03-08T03:00:01Z","assignee":{"id":"PU1"}}]`

func TestPagerDutyIncidentRejections(t *testing.T) {
	checkRejections(t, []rejectCase{
		{"missing id", `{"incidents":[{"created_at":"2026-03-08T03:00:00Z",` + pdAssigned + `}]}`, "id", "", ErrMissing},
		{"no created_at", `{"incidents":[{"id":"Q1",` + pdAssigned + `}]}`, "created_at", "", ErrMissing},
		{"created_at without offset", `{"incidents":[{"id":"Q1","created_at":"2026-03-08T03:00:00",` + pdAssigned + `}]}`, "created_at", "2026-03-08T03:00:00", ErrNoOffset},
		{"bad resolved_at", `{"incidents":[{"id":"Q1","created_at":"2026-03-08T03:00:00Z","resolved_at":"soon",` + pdAssigned + `}]}`, "resolved_at", "soon", ErrTime},
		{"bad assignment time", `{"incidents":[{"id":"Q1","created_at":"2026-03-08T03:00:00Z","assignments":[{"at":"3am","assignee":{"id":"PU1"}}]}]}`, "assignments[0].at", "3am", ErrTime},
		{"ack without time", `{"incidents":[{"id":"Q1","created_at":"2026-03-08T03:00:00Z",` + pdAssigned + `,"acknowledgements":[{"acknowledger":{"id":"PU1"}}]}]}`, "acknowledgements[0].at", "", ErrMissing},
		{"assignments not an array", `{"incidents":[{"id":"Q1","created_at":"2026-03-08T03:00:00Z","assignments":{}}]}`, "assignments", "object", ErrType},
		{"nobody paged", `{"incidents":[{"id":"Q1","created_at":"2026-03-08T03:00:00Z","assignments":[]}]}`, "", "", ErrNoResponder},
		{"resolved before assignment", `{"incidents":[{"id":"Q1","created_at":"2026-03-08T03:00:00Z","resolved_at":"2026-03-08T02:00:00Z",` + pdAssigned + `}]}`,
			"resolved_at", "2026-03-08T02:00:00Z", oncall.ErrResolveBeforeTrigger},
	}, readPDIncidents)
}

func TestPagerDutyLogEntryRejections(t *testing.T) {
	entry := func(fields string) string { return `{"log_entries":[{"id":"R1",` + fields + `}]}` }
	checkRejections(t, []rejectCase{
		{"missing id", `[{"type":"notify_log_entry","created_at":"2026-03-08T03:00:00Z","user":{"id":"PU1"},"incident":{"id":"Q1"}}]`, "id", "", ErrMissing},
		{"missing incident", entry(`"type":"notify_log_entry","created_at":"2026-03-08T03:00:00Z","user":{"id":"PU1"}`), "incident.id", "", ErrMissing},
		{"notify without user", entry(`"type":"notify_log_entry","created_at":"2026-03-08T03:00:00Z","incident":{"id":"Q1"}`), "user", "", ErrNoResponder},
		{"no offset", entry(`"type":"notify_log_entry","created_at":"2026-03-08 03:00:00","user":{"id":"PU1"},"incident":{"id":"Q1"}`), "created_at", "2026-03-08 03:00:00", ErrNoOffset},
		{"type not a string", entry(`"type":1`), "type", "number", ErrType},
		// Only an acknowledgement: the incident has no one to page, and the entry that
		// referred to it is rejected with that reason.
		{"orphan without notification", entry(`"type":"acknowledge_log_entry","created_at":"2026-03-08T03:00:00Z","agent":{"id":"PU1"},"incident":{"id":"Q1"}`), "incident.id", "Q1", ErrNoResponder},
	}, readPDLogs)
}

// An incident that cannot be built rejects its log entries too, so that nothing counted as
// accepted is missing from the pages.
func TestPagerDutyRejectedIncidentTakesItsLogEntries(t *testing.T) {
	inc := `{"incidents":[{"id":"Q1","created_at":"2026-03-08T03:00:00Z","resolved_at":"2026-03-08T03:10:00Z"}]}`
	logs := `{"log_entries":[
		{"id":"R1","type":"notify_log_entry","created_at":"2026-03-08T03:00:01Z","user":{"id":"PU1"},"incident":{"id":"Q1"}},
		{"id":"R2","type":"resolve_log_entry","created_at":"2026-03-08T02:00:00Z","incident":{"id":"Q1"}}]}`
	pages, rep, err := Config{Mode: Lenient}.ReadPagerDuty([]Source{src("i.json", inc)}, []Source{src("l.json", logs)})
	require.NoError(t, err)
	require.Empty(t, pages)
	requireBalanced(t, rep)
	require.Equal(t, 3, rep.Rejected)
	for _, pe := range rep.Rejections {
		require.ErrorIs(t, pe, oncall.ErrResolveBeforeTrigger)
	}
	require.Equal(t, []string{"Q1", "R2", "R1"}, []string{rep.Rejections[0].ID, rep.Rejections[1].ID, rep.Rejections[2].ID},
		"incident first, then its entries in replay (time) order")
}

// Escalation levels beyond the map get no role; a custom map replaces the default.
func TestPagerDutyLevelsAndRoles(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"log_entries":[`)
	at := time.Date(2026, 3, 8, 3, 0, 0, 0, time.UTC)
	for i, user := range []string{"PU1", "PU2", "PU3"} {
		if i > 0 {
			b.WriteString(`,{"id":"E` + user + `","type":"escalate_log_entry","created_at":"` + at.Format(time.RFC3339) + `","incident":{"id":"Q1"}},`)
		}
		at = at.Add(time.Minute)
		b.WriteString(`{"id":"N` + user + `","type":"notify_log_entry","created_at":"` + at.Format(time.RFC3339) + `","user":{"id":"` + user + `"},"incident":{"id":"Q1"}}`)
		at = at.Add(5 * time.Minute)
	}
	b.WriteString(`]}`)
	pages, rep, err := Config{}.ReadPagerDuty(nil, []Source{src("l.json", b.String())})
	require.NoError(t, err)
	requireBalanced(t, rep)
	require.Equal(t, 5, rep.Accepted)
	got := []string{}
	for _, p := range pages {
		got = append(got, p.Responder+"/"+p.Role+"/"+string(rune('0'+p.EscalationLevel)))
	}
	require.Equal(t, []string{"PU1/primary/1", "PU2/secondary/2", "PU3//3"}, got)

	pages, _, err = Config{Roles: map[int]string{3: "manager"}}.ReadPagerDuty(nil, []Source{src("l.json", b.String())})
	require.NoError(t, err)
	require.Equal(t, []string{"", "", "manager"}, []string{pages[0].Role, pages[1].Role, pages[2].Role})
}

func TestPagerDutyBareArraysAndNullArray(t *testing.T) {
	inc := `[{"id":"Q1","created_at":"2026-03-08T03:00:00Z",` + pdAssigned + `}] {"incidents":null,"more":false}`
	pages, rep, err := Config{}.ReadPagerDuty([]Source{src("i.json", inc)}, nil)
	require.NoError(t, err)
	require.Equal(t, 1, rep.Read)
	require.Equal(t, []oncall.Page{{IncidentID: "Q1", Responder: "PU1", Triggered: time.Date(2026, 3, 8, 3, 0, 1, 0, time.UTC)}}, pages)
}
