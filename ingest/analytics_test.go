package ingest

import (
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
)

func readAnalytics(c Config, s Source) ([]oncall.Page, Report, error) {
	c.Zone = "UTC"
	return c.ReadPagerDutyAnalytics(s)
}

func readPDCSV(c Config, s Source) ([]oncall.Page, Report, error) {
	c.Zone = "UTC"
	return c.ReadPagerDutyCSV(s)
}

func TestAnalyticsRejections(t *testing.T) {
	row := func(fields string) string {
		return `{"data":[{"id":"Q1","created_at":"2026-03-08T03:00:00","assigned_user_ids":["PU1"]` + fields + `}],"time_zone":"UTC"}`
	}
	checkRejections(t, []rejectCase{
		{"missing id", `[{"created_at":"2026-03-08T03:00:00","assigned_user_ids":["PU1"]}]`, "id", "", ErrMissing},
		{"no created_at", `[{"id":"Q1","assigned_user_ids":["PU1"]}]`, "created_at", "", ErrMissing},
		{"bad created_at", `[{"id":"Q1","created_at":"08/03/2026 03:00","assigned_user_ids":["PU1"]}]`, "created_at", "08/03/2026 03:00", ErrTime},
		{"negative ack", row(`,"seconds_to_first_ack":-1`), "seconds_to_first_ack", "-1", ErrNegative},
		{"fractional resolve", row(`,"seconds_to_resolve":1.5`), "seconds_to_resolve", "number 1.5", ErrType},
		{"user ids not strings", `[{"id":"Q1","created_at":"2026-03-08T03:00:00","assigned_user_ids":[1]}]`, "assigned_user_ids", "number", ErrType},
		{"nobody", `[{"id":"Q1","created_at":"2026-03-08T03:00:00","assigned_user_ids":[]}]`, "assigned_user_ids", "", ErrNoResponder},
		{"resolved before created", row(`,"resolved_at":"2026-03-08T02:00:00"`), "resolved_at", "2026-03-08T02:00:00Z", oncall.ErrResolveBeforeTrigger},
	}, readAnalytics)
}

const pdCSVHeader = "id,service_name,urgency,created_at,resolved_at,seconds_to_first_ack,assigned_user_names\n"

func TestPagerDutyCSVRejections(t *testing.T) {
	checkRejections(t, []rejectCase{
		{"missing id", pdCSVHeader + ",s,high,2026-03-08 03:00:00,,,alice\n", "id", "", ErrMissing},
		{"bad seconds", pdCSVHeader + "Q1,s,high,2026-03-08 03:00:00,,5m,alice\n", "seconds_to_first_ack", "5m", ErrNumber},
		{"bad time", pdCSVHeader + "Q1,s,high,yesterday,,,alice\n", "created_at", "yesterday", ErrTime},
		{"nobody", pdCSVHeader + "Q1,s,high,2026-03-08 03:00:00,,,\n", "assigned_user_ids", "", ErrNoResponder},
		{"field count", pdCSVHeader + "Q1,s,high\n", "", "", ErrSyntax},
		{"bare quote", pdCSVHeader + "Q1,s\"x,high,2026-03-08 03:00:00,,,alice\n", "", "", ErrSyntax},
	}, readPDCSV)
}

func TestPagerDutyCSVHeaders(t *testing.T) {
	cases := []struct {
		name, in string
		headers  map[string]string
		field    string
	}{
		{"empty", "", nil, ""},
		{"no id", "created_at,assigned_to\n", nil, "id"},
		{"no users", "id,created_at,urgency\n", nil, "assigned_user_names"},
		{"two created columns", "id,Created At,created_on,assigned_to\n", nil, "created_on"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, rep, err := Config{Mode: Lenient, Headers: tc.headers}.ReadPagerDutyCSV(src("h.csv", tc.in))
			require.ErrorIs(t, err, ErrHeader)
			pe := err.(*ParseError)
			require.Equal(t, tc.field, pe.Field)
			require.Equal(t, 1, pe.Line)
			require.Equal(t, 0, rep.Read)
		})
	}
	_, _, err := Config{Headers: map[string]string{"Who": "responder"}}.ReadPagerDutyCSV(src("h.csv", pdCSVHeader))
	require.ErrorIs(t, err, ErrUnknownField)
}

// acknowledged_at, when there, wins over seconds_to_first_ack; users may be IDs.
func TestPagerDutyCSVAcknowledgedAt(t *testing.T) {
	in := "id,created_at,acknowledged_at,seconds_to_first_ack,assigned_user_ids\nQ1,2026-03-08T03:00:00Z,2026-03-08T03:07:00Z,60,PU1\n"
	pages, _, err := Config{}.ReadPagerDutyCSV(src("a.csv", in))
	require.NoError(t, err)
	require.Equal(t, "2026-03-08T03:07:00Z", pages[0].Acknowledged.Format("2006-01-02T15:04:05Z07:00"))
	require.Equal(t, "PU1", pages[0].Responder)
}
