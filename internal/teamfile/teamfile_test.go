package teamfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zone answers must not depend on the host

	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// good is a valid file; the error cases below are edits of it, so their line numbers can be
// read off this text.
const good = `{
  "schema_version": 1,
  "team": "payments",
  "roles": [
    {"name": "primary", "ack_sla": "5m"},
    {"name": "secondary", "ack_sla": "30m", "resolve_sla": ""}
  ],
  "responders": [
    {"id": "alice@example.com", "name": "Alice", "team": "payments",
     "profile": {"zone": "Europe/London", "working_days": "Mon-Fri", "working_hours": "09:00-17:30",
                 "sleep": "23:00-07:00", "region": "GB",
                 "holidays": [{"date": "2026-12-24", "name": "Company day"}],
                 "half_days": [{"date": "2026-12-31", "name": "New Year's Eve", "until": "13:00"}],
                 "leave": [{"from": "2026-08-03", "to": "2026-08-14"}]}},
    {"id": "bob@example.com", "name": "Bob",
     "profile": {"zone": "America/New_York", "working_hours": "10:00-19:00", "region": "US",
                 "leave": [{"start": "2026-03-02T13:00:00-05:00", "end": "2026-03-03T09:00:00-05:00"}]}},
    {"id": "chen@example.com", "name": "Chen", "team": "platform",
     "profile": {"zone": "UTC", "working_days": "Mon-Thu"}}
  ]
}
`

func decode(t *testing.T, s string) (*Team, error) {
	t.Helper()
	return Decode(strings.NewReader(s), "team.json")
}

func TestDecodeGood(t *testing.T) {
	team, err := decode(t, good)
	require.NoError(t, err)
	require.Equal(t, "payments", team.Name)
	require.Equal(t, []oncall.Role{
		{Name: "primary", AckSLA: 5 * time.Minute},
		{Name: "secondary", AckSLA: 30 * time.Minute},
	}, team.Roles)
	require.Len(t, team.Responders, 3)

	alice := team.Responders[0]
	require.Equal(t, "alice@example.com", alice.ID)
	require.Equal(t, "Europe/London", alice.Profile.Zone.String())
	require.Equal(t, calendar.MondayToFriday, alice.Profile.WorkingDays)
	require.Equal(t, calendar.Window{From: calendar.At(23, 0), To: calendar.At(7, 0)}, alice.Profile.Sleep)
	require.Len(t, alice.Profile.Leave, 1)
	// Leave from 3 to 14 August is whole days in London, in summer time.
	require.Equal(t, time.Date(2026, 8, 2, 23, 0, 0, 0, time.UTC), alice.Profile.Leave[0].Start.UTC())
	require.Equal(t, time.Date(2026, 8, 14, 23, 0, 0, 0, time.UTC), alice.Profile.Leave[0].End.UTC())

	bob := team.Responders[1]
	require.Equal(t, "payments", bob.Team, "a responder without a team is in the file's team")
	require.Equal(t, time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC), bob.Profile.Leave[0].Start.UTC())
	require.Equal(t, "platform", team.Responders[2].Team)

	r, ok := team.Responder("chen@example.com")
	require.True(t, ok)
	require.Equal(t, "Chen", r.Name)
	_, ok = team.Responder("nobody")
	require.False(t, ok)
	role, ok := team.Role("secondary")
	require.True(t, ok)
	require.Equal(t, 30*time.Minute, role.AckSLA)

	// The profile compiles and answers questions: Christmas Eve is the company day.
	c, err := alice.Calendar()
	require.NoError(t, err)
	require.False(t, c.IsWorkday(calendar.Date{Year: 2026, Month: 12, Day: 24}))
}

func TestDecodeDefaultRoles(t *testing.T) {
	team, err := decode(t, `{"schema_version": 1, "responders": [{"id": "a", "profile": {"zone": "UTC"}}]}`)
	require.NoError(t, err)
	require.Equal(t, oncall.DefaultRoles(), team.Roles)
	require.Empty(t, team.Name)
}

// edit returns good with old replaced by new, failing if old is not there exactly once.
func edit(t *testing.T, old, new string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(good, old), "edit target %q", old)
	return strings.Replace(good, old, new, 1)
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name  string
		input func(t *testing.T) string
		path  string
		line  int
		is    error  // a sentinel the error wraps; nil to skip
		value string // Error.Value; "-" to skip
	}{
		// Syntax.
		{"syntax", func(t *testing.T) string { return edit(t, `"name": "Bob",`, `"name": "Bob"`) },
			"", 16, ErrSyntax, "-"},
		{"truncated", func(t *testing.T) string { return good[:strings.Index(good, `"roles"`)] },
			"", 4, ErrSyntax, "-"},
		{"empty", func(t *testing.T) string { return "" }, "", 1, ErrSyntax, "-"},
		{"trailing data", func(t *testing.T) string { return good + "\n{}\n" }, "", 23, ErrSyntax, "-"},
		{"too deep", func(t *testing.T) string { return strings.Repeat("[", 100) + strings.Repeat("]", 100) },
			"", 1, ErrSyntax, "-"},
		{"not an object", func(t *testing.T) string { return "\n[1, 2]" }, "", 2, ErrType, "-"},

		// Top level.
		{"no schema version", func(t *testing.T) string { return edit(t, `"schema_version": 1,`, ``) },
			"schema_version", 1, ErrMissing, "-"},
		{"schema version 2", func(t *testing.T) string { return edit(t, `"schema_version": 1,`, `"schema_version": 2,`) },
			"schema_version", 2, ErrSchemaVersion, "2"},
		{"schema version as text", func(t *testing.T) string { return edit(t, `"schema_version": 1,`, `"schema_version": "1",`) },
			"schema_version", 2, ErrType, "1"},
		{"unknown key", func(t *testing.T) string {
			return edit(t, `"team": "payments",
  "roles"`, `"team": "payments", "colour": "red",
  "roles"`)
		},
			"colour", 3, ErrUnknownKey, "red"},
		{"odd unknown key", func(t *testing.T) string {
			return edit(t, `"team": "payments",
  "roles"`, `"team": "payments", "a b": 1,
  "roles"`)
		},
			`["a b"]`, 3, ErrUnknownKey, "1"},
		{"repeated key", func(t *testing.T) string {
			return edit(t, "\"team\": \"payments\",\n  \"roles\"", "\"team\": \"payments\",\n  \"team\": \"billing\",\n  \"roles\"")
		}, "team", 4, ErrDuplicateKey, "billing"},
		{"team not text", func(t *testing.T) string {
			return edit(t, `"team": "payments",
  "roles"`, `"team": 7,
  "roles"`)
		},
			"team", 3, ErrType, "7"},

		// Roles.
		{"roles not a list", func(t *testing.T) string {
			return edit(t, "[\n    {\"name\": \"primary\", \"ack_sla\": \"5m\"},\n    {\"name\": \"secondary\", \"ack_sla\": \"30m\", \"resolve_sla\": \"\"}\n  ]", `"primary"`)
		}, "roles", 4, ErrType, "primary"},
		{"roles empty", func(t *testing.T) string {
			return edit(t, "{\"name\": \"primary\", \"ack_sla\": \"5m\"},\n    {\"name\": \"secondary\", \"ack_sla\": \"30m\", \"resolve_sla\": \"\"}", "")
		}, "roles", 4, ErrMissing, "-"},
		{"role not an object", func(t *testing.T) string {
			return edit(t, `{"name": "primary", "ack_sla": "5m"}`, `"primary"`)
		}, "roles[0]", 5, ErrType, "primary"},
		{"role without name", func(t *testing.T) string {
			return edit(t, `{"name": "primary", "ack_sla": "5m"}`, `{"ack_sla": "5m"}`)
		}, "roles[0].name", 5, ErrMissing, "-"},
		{"role named twice", func(t *testing.T) string { return edit(t, `{"name": "secondary"`, `{"name": "primary"`) },
			"roles[1].name", 6, ErrDuplicateID, "primary"},
		{"bad ack sla", func(t *testing.T) string { return edit(t, `"ack_sla": "5m"`, `"ack_sla": "5 minutes"`) },
			"roles[0].ack_sla", 5, ErrDuration, "5 minutes"},
		{"negative resolve sla", func(t *testing.T) string { return edit(t, `"resolve_sla": ""`, `"resolve_sla": "-1h"`) },
			"roles[1].resolve_sla", 6, ErrDuration, "-1h"},
		{"sla as number", func(t *testing.T) string { return edit(t, `"ack_sla": "30m"`, `"ack_sla": 30`) },
			"roles[1].ack_sla", 6, ErrType, "30"},
		{"unknown role key", func(t *testing.T) string { return edit(t, `"ack_sla": "30m",`, `"ack_sla": "30m", "sla": "1h",`) },
			"roles[1].sla", 6, ErrUnknownKey, "1h"},

		// Responders.
		{"no responders", func(t *testing.T) string {
			i := strings.Index(good, `,
  "responders"`)
			return good[:i] + "\n}\n"
		}, "responders", 1, ErrMissing, "-"},
		{"responders not a list", func(t *testing.T) string {
			return `{"schema_version": 1,
"responders": {"id": "a"}}`
		}, "responders", 2, ErrType, "-"},
		{"responders empty", func(t *testing.T) string {
			return `{"schema_version": 1,
"responders": []}`
		}, "responders", 2, ErrMissing, "-"},
		{"responder not an object", func(t *testing.T) string {
			return `{"schema_version": 1, "responders": [
  {"id": "a", "profile": {"zone": "UTC"}},
  "b"]}`
		}, "responders[1]", 3, ErrType, "b"},
		{"empty id", func(t *testing.T) string { return edit(t, `"id": "bob@example.com"`, `"id": ""`) },
			"responders[1].id", 15, ErrMissing, ""},
		{"blank id", func(t *testing.T) string { return edit(t, `"id": "bob@example.com"`, `"id": "  "`) },
			"responders[1].id", 15, ErrMissing, "  "},
		{"missing id", func(t *testing.T) string { return edit(t, `"id": "bob@example.com", `, ``) },
			"responders[1].id", 15, ErrMissing, "-"},
		{"id not text", func(t *testing.T) string { return edit(t, `"id": "bob@example.com"`, `"id": 42`) },
			"responders[1].id", 15, ErrType, "42"},
		{"duplicate id", func(t *testing.T) string { return edit(t, `"id": "chen@example.com"`, `"id": "alice@example.com"`) },
			"responders[2].id", 18, ErrDuplicateID, "alice@example.com"},
		{"unknown responder key", func(t *testing.T) string { return edit(t, `"name": "Chen",`, `"name": "Chen", "email": "c@x",`) },
			"responders[2].email", 18, ErrUnknownKey, "c@x"},

		// Profiles.
		{"no profile", func(t *testing.T) string {
			return edit(t, `"team": "platform",
     "profile": {"zone": "UTC", "working_days": "Mon-Thu"}}`, `"team": "platform"}`)
		}, "responders[2].profile", 18, ErrMissing, "-"},
		{"profile not an object", func(t *testing.T) string {
			return edit(t, `"profile": {"zone": "UTC", "working_days": "Mon-Thu"}`, `"profile": "UTC"`)
		}, "responders[2].profile", 19, ErrType, "UTC"},
		{"no zone", func(t *testing.T) string { return edit(t, `{"zone": "UTC", "working_days"`, `{"working_days"`) },
			"responders[2].profile.zone", 19, ErrMissing, "-"},
		{"unknown zone", func(t *testing.T) string { return edit(t, `"Europe/London"`, `"Europe/Londres"`) },
			"responders[0].profile.zone", 10, calendar.ErrInvalidProfile, "Europe/Londres"},
		{"bad sleep", func(t *testing.T) string { return edit(t, `"sleep": "23:00-07:00"`, `"sleep": "25:00-07:00"`) },
			"responders[0].profile.sleep", 11, calendar.ErrInvalidClock, "25:00-07:00"},
		{"bad working days", func(t *testing.T) string { return edit(t, `"Mon-Thu"`, `"Mon-Fry"`) },
			"responders[2].profile.working_days", 19, calendar.ErrInvalidProfile, "Mon-Fry"},
		{"unknown region", func(t *testing.T) string { return edit(t, `"region": "US"`, `"region": "XX"`) },
			"responders[1].profile.region", 16, calendar.ErrUnknownRegion, "XX"},
		{"unknown profile key", func(t *testing.T) string { return edit(t, `"region": "US",`, `"region": "US", "timezone": "EST",`) },
			"responders[1].profile.timezone", 16, nil, "EST"},
		{"repeated profile key", func(t *testing.T) string {
			return edit(t, `"sleep": "23:00-07:00",`, `"sleep": "23:00-07:00", "sleep": "22:00-06:00",`)
		}, "responders[0].profile.sleep", 11, ErrDuplicateKey, "22:00-06:00"},
		{"bad holiday date", func(t *testing.T) string { return edit(t, `"2026-12-24"`, `"2026-12-32"`) },
			"responders[0].profile.holidays[0]", 12, calendar.ErrInvalidDate, "-"},
		{"bad half day clock", func(t *testing.T) string { return edit(t, `"until": "13:00"`, `"until": "1pm"`) },
			"responders[0].profile.half_days[0].until", 13, calendar.ErrInvalidClock, "1pm"},
		{"leave without end", func(t *testing.T) string { return edit(t, `, "to": "2026-08-14"`, ``) },
			"responders[0].profile.leave[0]", 14, calendar.ErrInvalidProfile, "-"},
		{"leave backwards", func(t *testing.T) string {
			return edit(t, `"end": "2026-03-03T09:00:00-05:00"`, `"end": "2026-03-01T09:00:00-05:00"`)
		},
			"responders[1].profile.leave[0]", 17, calendar.ErrInvalidProfile, "-"},
		{"two profile problems", func(t *testing.T) string {
			return edit(t, `"working_hours": "10:00-19:00", "region": "US"`, `"working_hours": "10:00-29:00", "region": "XX"`)
		}, "responders[1].profile", 16, nil, "-"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			input := c.input(t)
			team, err := decode(t, input)
			require.Error(t, err)
			require.Nil(t, team)
			var e *Error
			require.True(t, errors.As(err, &e), "error %v is not an *Error", err)
			require.Equal(t, "team.json", e.File)
			if c.line > 0 {
				require.Equal(t, c.line, e.Line, "line, in %v", err)
			}
			if c.is != ErrSyntax || c.path != "" {
				require.Equal(t, c.path, e.Path, "path, in %v", err)
			}
			if c.is != nil {
				require.ErrorIs(t, err, c.is)
			}
			if c.value != "-" {
				require.Equal(t, c.value, e.Value)
			}
			require.Contains(t, err.Error(), "team.json:")
			if c.path != "" {
				require.Contains(t, err.Error(), c.path)
			}
		})
	}
}

func TestDecodeReportsEveryProblem(t *testing.T) {
	s := edit(t, `"ack_sla": "5m"`, `"ack_sla": "soon"`)
	s = strings.Replace(s, `"id": "chen@example.com"`, `"id": ""`, 1)
	s = strings.Replace(s, `"team": "payments",
  "roles"`, `"team": "payments", "extra": true,
  "roles"`, 1)
	_, err := decode(t, s)
	require.Error(t, err)
	multi, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "several problems are joined")
	var lines []int
	var paths []string
	for _, e := range multi.Unwrap() {
		te := e.(*Error)
		lines = append(lines, te.Line)
		paths = append(paths, te.Path)
	}
	require.Equal(t, []int{3, 5, 18}, lines, "ordered by line")
	require.Equal(t, []string{"extra", "roles[0].ack_sla", "responders[2].id"}, paths)
}

func TestErrorMessage(t *testing.T) {
	e := &Error{File: "team.json", Line: 11, Path: "responders[0].profile.sleep", Err: errors.New("bad")}
	require.Equal(t, "team.json:11: responders[0].profile.sleep: bad", e.Error())
	require.Equal(t, "bad", (&Error{Err: errors.New("bad")}).Error())
	require.Equal(t, "x.json: bad", (&Error{File: "x.json", Err: errors.New("bad")}).Error())
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "team.json")
	require.NoError(t, os.WriteFile(path, []byte(good), 0o644))
	team, err := Load(path)
	require.NoError(t, err)
	require.Len(t, team.Responders, 3)

	_, err = Load(filepath.Join(dir, "missing.json"))
	var e *Error
	require.True(t, errors.As(err, &e))
	require.Equal(t, filepath.Join(dir, "missing.json"), e.File)
	require.ErrorIs(t, err, os.ErrNotExist)
}

func TestDecodeTooLarge(t *testing.T) {
	_, err := Decode(strings.NewReader(strings.Repeat(" ", MaxSize+1)), "big.json")
	require.ErrorIs(t, err, ErrTooLarge)
}

func TestRoundTrip(t *testing.T) {
	team, err := decode(t, good)
	require.NoError(t, err)
	var first bytes.Buffer
	require.NoError(t, Encode(&first, team))

	// Whole days of leave stay dates; instants stay instants; SLAs stay short.
	out := first.String()
	require.Contains(t, out, `"from": "2026-08-03"`)
	require.Contains(t, out, `"to": "2026-08-14"`)
	require.Contains(t, out, `"start": "2026-03-02T13:00:00-05:00"`)
	require.Contains(t, out, `"ack_sla": "5m"`)
	require.Contains(t, out, `"working_days": "Mon-Fri"`)
	require.Contains(t, out, `"working_days": "Mon-Thu"`)

	again, err := Decode(bytes.NewReader(first.Bytes()), "encoded.json")
	require.NoError(t, err, "encoded:\n%s", out)
	require.Equal(t, team.Name, again.Name)
	require.Equal(t, team.Roles, again.Roles)
	require.Len(t, again.Responders, len(team.Responders))
	for i, r := range team.Responders {
		a := again.Responders[i]
		require.Equal(t, r.ID, a.ID)
		require.Equal(t, r.Name, a.Name)
		require.Equal(t, r.Team, a.Team)
		require.Equal(t, r.Profile.Zone.String(), a.Profile.Zone.String())
		require.Equal(t, r.Profile.WorkingDays, a.Profile.WorkingDays)
		require.Equal(t, r.Profile.WorkingHours, a.Profile.WorkingHours)
		require.Equal(t, r.Profile.Sleep, a.Profile.Sleep)
		require.Equal(t, r.Profile.Region, a.Profile.Region)
		require.Equal(t, r.Profile.Holidays, a.Profile.Holidays)
		require.Equal(t, r.Profile.HalfDays, a.Profile.HalfDays)
		require.Len(t, a.Profile.Leave, len(r.Profile.Leave))
		for j, l := range r.Profile.Leave {
			require.True(t, l.Start.Equal(a.Profile.Leave[j].Start))
			require.True(t, l.End.Equal(a.Profile.Leave[j].End))
		}
	}
	var second bytes.Buffer
	require.NoError(t, Encode(&second, again))
	require.Equal(t, first.String(), second.String(), "encoding is stable")
}

func TestEncodeRefuses(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	ok := oncall.Responder{ID: "a", Profile: calendar.Profile{Zone: london}}
	cases := []struct {
		name string
		team Team
	}{
		{"empty id", Team{Responders: []oncall.Responder{{ID: ""}}}},
		{"repeated id", Team{Responders: []oncall.Responder{ok, ok}}},
		{"role without name", Team{Roles: []oncall.Role{{AckSLA: time.Minute}}, Responders: []oncall.Responder{ok}}},
		{"fixed zone", Team{Responders: []oncall.Responder{{ID: "b", Profile: calendar.Profile{Zone: time.FixedZone("X", 3600)}}}}},
		{"bad profile", Team{Responders: []oncall.Responder{{ID: "b", Profile: calendar.Profile{Region: "XX"}}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.Error(t, Encode(&bytes.Buffer{}, &c.team))
		})
	}
}

func TestEncodeDefaults(t *testing.T) {
	// A nil zone is UTC, and empty roles are left out, which reads back as the defaults.
	var b bytes.Buffer
	require.NoError(t, Encode(&b, &Team{Responders: []oncall.Responder{{ID: "a"}}}))
	team, err := Decode(&b, "x")
	require.NoError(t, err)
	require.Equal(t, "UTC", team.Responders[0].Profile.Zone.String())
	require.Equal(t, oncall.DefaultRoles(), team.Roles)
}

func TestFormatWeekdays(t *testing.T) {
	cases := map[calendar.Weekdays]string{
		calendar.MondayToFriday: "Mon-Fri",
		calendar.WeekdaysOf(time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday): "Sun-Thu",
		calendar.WeekdaysOf(time.Saturday, time.Sunday, time.Monday):                               "Sat-Mon",
		calendar.WeekdaysOf(time.Monday, time.Wednesday, time.Friday):                              "Mon,Wed,Fri",
		calendar.WeekdaysOf(time.Monday, time.Tuesday):                                             "Mon,Tue",
		calendar.WeekdaysOf(0, 1, 2, 3, 4, 5, 6):                                                   "Mon-Sun",
	}
	for w, want := range cases {
		require.Equal(t, want, formatWeekdays(w))
		back, err := calendar.ParseWeekdays(want)
		require.NoError(t, err)
		require.Equal(t, w, back, want)
	}
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		5 * time.Minute: "5m", 90 * time.Minute: "1h30m", time.Hour: "1h", 90 * time.Second: "1m30s", 0: "",
	} {
		require.Equal(t, want, formatDuration(d))
	}
}
