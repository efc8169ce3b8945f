package teamfile

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/rotation"
)

// goodRotation is a valid file with every key of the rotation section; the error cases
// below are edits of it, so their line numbers can be read off this text.
const goodRotation = `{
  "schema_version": 1,
  "team": "payments",
  "roles": [{"name": "primary"}, {"name": "secondary"}, {"name": "shadow"}],
  "responders": [
    {"id": "ann", "profile": {"zone": "Europe/London"}},
    {"id": "bo", "profile": {"zone": "America/New_York"}},
    {"id": "cy", "profile": {"zone": "UTC"}}
  ],
  "rotation": {
    "cycle_days": 7,
    "handoff": {"weekday": "Tuesday", "time": "10:00", "zone": "Europe/London"},
    "roles": [{"name": "primary", "weight": 1}, {"name": "secondary", "weight": 0.5}],
    "chain": true,
    "min_cycles_off": 1,
    "stint_period": 8,
    "weights": {"business": 1, "off": 1.25, "sleep": 2.5, "weekend": 1.5, "holiday": 2, "leave": 3},
    "members": [
      {"id": "bo", "capacity": 0.5, "roles": ["secondary"], "max_stints": 2},
      {"id": "cy", "roles": []}
    ],
    "pins": [
      {"responder": "ann", "role": "primary", "start": "2026-12-22T10:00:00Z"},
      {"responder": "bo", "role": "secondary", "start": "2026-07-07T10:00:00+01:00"}
    ],
    "seed": 18446744073709551615
  }
}
`

func editRot(t *testing.T, old, new string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(goodRotation, old), "edit target %q", old)
	return strings.Replace(goodRotation, old, new, 1)
}

func TestDecodeRotation(t *testing.T) {
	team, err := decode(t, goodRotation)
	require.NoError(t, err)
	r := team.Rotation
	require.NotNil(t, r)
	s := r.Spec
	require.Equal(t, 7, s.CycleDays)
	require.Equal(t, "Europe/London", s.Zone.String())
	require.Equal(t, &rotation.Handoff{Day: time.Tuesday, At: calendar.At(10, 0)}, s.Handoff)
	require.Equal(t, []rotation.RoleSpec{{Name: "primary", Weight: 1}, {Name: "secondary", Weight: 0.5}}, s.Roles)
	require.True(t, s.Chain)
	require.Equal(t, 1, s.MinCyclesOff)
	require.Equal(t, 8, s.StintPeriod)
	require.Equal(t, rotation.Weights{Business: 1, Off: 1.25, Sleep: 2.5, Weekend: 1.5, Holiday: 2, Leave: 3}, r.Weights)
	require.Equal(t, []Member{{ID: "bo", Capacity: 0.5, Roles: []string{"secondary"}, MaxStints: 2}, {ID: "cy", Roles: []string{}}}, r.Members)
	require.Len(t, r.Pins, 2)
	require.Equal(t, "ann", r.Pins[0].Responder)
	require.True(t, r.Pins[0].Start.Equal(time.Date(2026, 12, 22, 10, 0, 0, 0, time.UTC)))
	// 10:00 in London in July is 09:00 UTC.
	require.True(t, r.Pins[1].Start.Equal(time.Date(2026, 7, 7, 9, 0, 0, 0, time.UTC)))
	require.Equal(t, uint64(18446744073709551615), r.Seed)
}

func TestDecodeWithoutRotation(t *testing.T) {
	team, err := decode(t, good)
	require.NoError(t, err)
	require.Nil(t, team.Rotation)

	team, err = decode(t, `{"schema_version": 1, "responders": [{"id": "a", "profile": {"zone": "UTC"}}], "rotation": {}}`)
	require.NoError(t, err)
	require.Equal(t, &Rotation{}, team.Rotation, "an empty section keeps every default")
}

func TestProblem(t *testing.T) {
	team, err := decode(t, goodRotation)
	require.NoError(t, err)
	from := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC)
	p := team.Problem(from, to)
	require.Equal(t, from, p.From)
	require.Equal(t, to, p.To)
	require.Equal(t, team.Rotation.Spec, p.Spec)
	require.Equal(t, team.Rotation.Weights, p.Weights)
	require.Equal(t, team.Rotation.Seed, p.Seed)
	require.Len(t, p.Team, 3)
	// ann has no override: the rotation.Member defaults.
	require.Equal(t, rotation.Member{Responder: team.Responders[0]}, p.Team[0])
	require.Equal(t, rotation.Member{Responder: team.Responders[1], Capacity: 0.5, Roles: []string{"secondary"}, MaxStints: 2}, p.Team[1])
	require.Equal(t, []string{}, p.Team[2].Roles, "an empty list takes cy out of the rotation")
	// The July pin is outside the horizon.
	require.Equal(t, team.Rotation.Pins[:1], p.Pins)

	// Package rotation accepts the problem as it is.
	m, err := rotation.Compile(p)
	require.NoError(t, err)
	require.Equal(t, team.Rotation.Spec.Roles, m.Spec().Roles)
	require.Equal(t, 0.5, m.Team()[1].Capacity)
}

// Without a rotation section the rotation's roles are the team's: primary and secondary
// weighed as rotation.DefaultRoles weighs them, other roles 1.
func TestProblemDefaults(t *testing.T) {
	team, err := decode(t, strings.Replace(good, `{"name": "secondary"`, `{"name": "shadow"`, 1))
	require.NoError(t, err)
	p := team.Problem(time.Time{}, time.Time{})
	require.Equal(t, []rotation.RoleSpec{{Name: "primary", Weight: 1}, {Name: "shadow", Weight: 1}}, p.Spec.Roles)
	require.Nil(t, p.Spec.Zone)
	require.Len(t, p.Team, 3)

	team, err = decode(t, good)
	require.NoError(t, err)
	require.Equal(t, rotation.DefaultRoles(), team.Problem(time.Time{}, time.Time{}).Spec.Roles)
}

func TestDecodeRotationErrors(t *testing.T) {
	cases := []struct {
		name     string
		old, new string
		path     string
		line     int
		is       error
		value    string // "-" to skip
	}{
		{"not an object", "", `{"schema_version": 1, "responders": [{"id": "a", "profile": {"zone": "UTC"}}],
  "rotation": []}`, "rotation", 2, ErrType, "-"},
		{"unknown key", `"chain": true,`, `"chain": true, "fair": "yes",`, "rotation.fair", 14, ErrUnknownKey, "yes"},
		{"repeated key", `"chain": true,`, `"chain": true, "chain": false,`, "rotation.chain", 14, ErrDuplicateKey, "false"},
		{"cycle days zero", `"cycle_days": 7`, `"cycle_days": 0`, "rotation.cycle_days", 11, ErrValue, "0"},
		{"cycle days fraction", `"cycle_days": 7`, `"cycle_days": 7.5`, "rotation.cycle_days", 11, ErrValue, "7.5"},
		{"cycle days text", `"cycle_days": 7`, `"cycle_days": "7"`, "rotation.cycle_days", 11, ErrType, "7"},
		{"negative rest", `"min_cycles_off": 1`, `"min_cycles_off": -1`, "rotation.min_cycles_off", 15, ErrValue, "-1"},
		{"stint period zero", `"stint_period": 8`, `"stint_period": 0`, "rotation.stint_period", 16, ErrValue, "0"},
		{"chain not boolean", `"chain": true`, `"chain": "yes"`, "rotation.chain", 14, ErrType, "yes"},

		{"handoff not an object", `"handoff": {"weekday": "Tuesday", "time": "10:00", "zone": "Europe/London"}`, `"handoff": "Tue 10:00"`,
			"rotation.handoff", 12, ErrType, "Tue 10:00"},
		{"handoff unknown key", `"time": "10:00",`, `"time": "10:00", "tz": "GMT",`, "rotation.handoff.tz", 12, ErrUnknownKey, "GMT"},
		{"handoff without zone", `, "zone": "Europe/London"}`, `}`, "rotation.handoff.zone", 12, ErrMissing, "-"},
		{"handoff bad zone", `"10:00", "zone": "Europe/London"`, `"10:00", "zone": "Europe/Londres"`, "rotation.handoff.zone", 12, ErrValue, "Europe/Londres"},
		{"handoff local zone", `"10:00", "zone": "Europe/London"`, `"10:00", "zone": "Local"`, "rotation.handoff.zone", 12, ErrValue, "Local"},
		{"handoff bad weekday", `"Tuesday"`, `"Tues"`, "rotation.handoff.weekday", 12, ErrValue, "Tues"},
		{"handoff weekday range", `"Tuesday"`, `"Mon-Fri"`, "rotation.handoff.weekday", 12, ErrValue, "Mon-Fri"},
		{"handoff bad time", `"time": "10:00"`, `"time": "10am"`, "rotation.handoff.time", 12, calendar.ErrInvalidClock, "10am"},
		{"handoff at 24:00", `"time": "10:00"`, `"time": "24:00"`, "rotation.handoff.time", 12, ErrValue, "24:00"},

		{"roles empty", `"roles": [{"name": "primary", "weight": 1}, {"name": "secondary", "weight": 0.5}]`, `"roles": []`,
			"rotation.roles", 13, ErrMissing, "-"},
		{"roles not a list", `"roles": [{"name": "primary", "weight": 1}, {"name": "secondary", "weight": 0.5}]`, `"roles": "primary"`,
			"rotation.roles", 13, ErrType, "primary"},
		{"role not an object", `{"name": "primary", "weight": 1}`, `"primary"`, "rotation.roles[0]", 13, ErrType, "primary"},
		{"role without name", `{"name": "primary", "weight": 1}`, `{"weight": 1}`, "rotation.roles[0].name", 13, ErrMissing, "-"},
		{"role not in team", `{"name": "primary", "weight": 1}`, `{"name": "lead", "weight": 1}`, "rotation.roles[0].name", 13, ErrUnknownRef, "lead"},
		{"role twice", `{"name": "secondary", "weight": 0.5}`, `{"name": "primary", "weight": 0.5}`, "rotation.roles[1].name", 13, ErrDuplicateID, "primary"},
		{"role weight zero", `"weight": 0.5`, `"weight": 0`, "rotation.roles[1].weight", 13, ErrValue, "0"},
		{"role weight negative", `"weight": 0.5`, `"weight": -0.5`, "rotation.roles[1].weight", 13, ErrValue, "-0.5"},
		{"role weight text", `"weight": 0.5`, `"weight": "half"`, "rotation.roles[1].weight", 13, ErrType, "half"},
		{"role unknown key", `"weight": 0.5}`, `"weight": 0.5, "hours": "24/7"}`, "rotation.roles[1].hours", 13, ErrUnknownKey, "24/7"},
		{"chain with one role", `, {"name": "secondary", "weight": 0.5}]`, `]`, "rotation.chain", 14, ErrValue, "true"},

		{"weights not an object", `"weights": {"business": 1, "off": 1.25, "sleep": 2.5, "weekend": 1.5, "holiday": 2, "leave": 3}`, `"weights": 1`,
			"rotation.weights", 17, ErrType, "1"},
		{"weight zero", `"sleep": 2.5`, `"sleep": 0`, "rotation.weights.sleep", 17, ErrValue, "0"},
		{"weight huge", `"sleep": 2.5`, `"sleep": 1e400`, "rotation.weights.sleep", 17, ErrValue, "1e400"},
		{"weight unknown band", `"sleep": 2.5,`, `"sleep": 2.5, "night": 3,`, "rotation.weights.night", 17, ErrUnknownKey, "3"},

		{"members not a list", "", `{"schema_version": 1, "responders": [{"id": "a", "profile": {"zone": "UTC"}}],
  "rotation": {
    "members": {"id": "a"}}}`, "rotation.members", 3, ErrType, "-"},
		{"member not an object", `{"id": "cy", "roles": []}`, `"cy"`, "rotation.members[1]", 20, ErrType, "cy"},
		{"member unknown", `{"id": "cy", "roles": []}`, `{"id": "zed"}`, "rotation.members[1].id", 20, ErrUnknownRef, "zed"},
		{"member without id", `{"id": "cy", "roles": []}`, `{"roles": []}`, "rotation.members[1].id", 20, ErrMissing, "-"},
		{"member twice", `{"id": "cy", "roles": []}`, `{"id": "bo"}`, "rotation.members[1].id", 20, ErrDuplicateID, "bo"},
		{"capacity zero", `"capacity": 0.5`, `"capacity": 0`, "rotation.members[0].capacity", 19, ErrValue, "0"},
		{"member role unknown", `"roles": ["secondary"]`, `"roles": ["shadow"]`, "rotation.members[0].roles[0]", 19, ErrUnknownRef, "shadow"},
		{"member role not text", `"roles": ["secondary"]`, `"roles": [2]`, "rotation.members[0].roles[0]", 19, ErrType, "2"},
		{"member roles not a list", `"roles": ["secondary"]`, `"roles": "secondary"`, "rotation.members[0].roles", 19, ErrType, "secondary"},
		{"max stints negative", `"max_stints": 2`, `"max_stints": -2`, "rotation.members[0].max_stints", 19, ErrValue, "-2"},
		{"member unknown key", `"max_stints": 2`, `"max_stints": 2, "team": "x"`, "rotation.members[0].team", 19, ErrUnknownKey, "x"},

		{"pin unknown responder", `{"responder": "ann"`, `{"responder": "al"`, "rotation.pins[0].responder", 23, ErrUnknownRef, "al"},
		{"pin without responder", `{"responder": "ann", `, `{`, "rotation.pins[0].responder", 23, ErrMissing, "-"},
		{"pin unknown role", `"role": "primary", "start": "2026-12-22`, `"role": "shadow", "start": "2026-12-22`, "rotation.pins[0].role", 23, ErrUnknownRef, "shadow"},
		{"pin without start", `, "start": "2026-12-22T10:00:00Z"`, ``, "rotation.pins[0].start", 23, ErrMissing, "-"},
		{"pin bad start", `"2026-12-22T10:00:00Z"`, `"2026-12-22 10:00"`, "rotation.pins[0].start", 23, ErrValue, "2026-12-22 10:00"},
		// 10:00 UTC is 10:00 in London in winter but 11:00 in summer.
		{"pin off the handoff time", `"2026-07-07T10:00:00+01:00"`, `"2026-07-07T10:00:00Z"`, "rotation.pins[1].start", 24, ErrValue, "2026-07-07T10:00:00Z"},
		{"pin off the handoff day", `"2026-12-22T10:00:00Z"`, `"2026-12-23T10:00:00Z"`, "rotation.pins[0].start", 23, ErrValue, "2026-12-23T10:00:00Z"},
		{"pin twice", `{"responder": "bo", "role": "secondary", "start": "2026-07-07T10:00:00+01:00"}`,
			`{"responder": "bo", "role": "primary", "start": "2026-12-22T10:00:00Z"}`, "rotation.pins[1].start", 24, ErrDuplicateID, "2026-12-22T10:00:00Z"},
		{"pin unknown key", `{"responder": "ann",`, `{"who": "x", "responder": "ann",`, "rotation.pins[0].who", 23, ErrUnknownKey, "x"},

		{"seed negative", `"seed": 18446744073709551615`, `"seed": -1`, "rotation.seed", 26, ErrValue, "-1"},
		{"seed too large", `"seed": 18446744073709551615`, `"seed": 18446744073709551616`, "rotation.seed", 26, ErrValue, "18446744073709551616"},
		{"seed text", `"seed": 18446744073709551615`, `"seed": "1"`, "rotation.seed", 26, ErrType, "1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			input := c.new
			if c.old != "" {
				input = editRot(t, c.old, c.new)
			}
			team, err := decode(t, input)
			require.Error(t, err)
			require.Nil(t, team)
			var e *Error
			require.True(t, errors.As(err, &e), "error %v is not an *Error", err)
			require.Equal(t, "team.json", e.File)
			require.Equal(t, c.line, e.Line, "line, in %v", err)
			require.Equal(t, c.path, e.Path, "path, in %v", err)
			require.ErrorIs(t, err, c.is)
			if c.value != "-" {
				require.Equal(t, c.value, e.Value)
			}
			require.Contains(t, err.Error(), c.path)
		})
	}
}

func TestRotationRoundTrip(t *testing.T) {
	team, err := decode(t, goodRotation)
	require.NoError(t, err)
	var first bytes.Buffer
	require.NoError(t, Encode(&first, team))
	out := first.String()
	require.Contains(t, out, `"weekday": "Tue"`)
	require.Contains(t, out, `"zone": "Europe/London"`)
	require.Contains(t, out, `"roles": []`, "an empty role list is kept: it means none, not every role")
	require.Contains(t, out, `"seed": 18446744073709551615`)

	again, err := Decode(bytes.NewReader(first.Bytes()), "encoded.json")
	require.NoError(t, err, "encoded:\n%s", out)
	a, b := team.Rotation, again.Rotation
	require.Equal(t, a.Spec.Zone.String(), b.Spec.Zone.String())
	as, bs := a.Spec, b.Spec
	as.Zone, bs.Zone = nil, nil
	require.Equal(t, as, bs)
	require.Equal(t, a.Weights, b.Weights)
	require.Equal(t, a.Members, b.Members)
	require.Equal(t, a.Seed, b.Seed)
	require.Len(t, b.Pins, len(a.Pins))
	for i := range a.Pins {
		require.True(t, a.Pins[i].Start.Equal(b.Pins[i].Start))
		require.Equal(t, a.Pins[i].Role, b.Pins[i].Role)
		require.Equal(t, a.Pins[i].Responder, b.Pins[i].Responder)
	}
	var second bytes.Buffer
	require.NoError(t, Encode(&second, again))
	require.Equal(t, out, second.String(), "encoding is stable")
}

func TestEncodeRotation(t *testing.T) {
	ann := oncall.Responder{ID: "ann"}
	base := func(r *Rotation) *Team { return &Team{Responders: []oncall.Responder{ann}, Rotation: r} }

	// A zone without a handoff writes the default handoff, which reads back as set.
	var b bytes.Buffer
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	require.NoError(t, Encode(&b, base(&Rotation{Spec: rotation.Spec{Zone: london}})))
	team, err := Decode(&b, "x")
	require.NoError(t, err)
	require.Equal(t, &rotation.Handoff{Day: time.Tuesday, At: calendar.At(10, 0)}, team.Rotation.Spec.Handoff)

	refused := map[string]*Rotation{
		"member not in the team": {Members: []Member{{ID: "zed"}}},
		"pin off the handoff":    {Pins: []rotation.Pin{{Responder: "ann", Role: "primary", Start: time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC)}}},
		"fixed zone":             {Spec: rotation.Spec{Zone: time.FixedZone("X", 3600)}},
		"empty roles":            {Spec: rotation.Spec{Roles: []rotation.RoleSpec{}}},
		"coverage":               {Spec: rotation.Spec{Roles: []rotation.RoleSpec{{Name: "primary", Coverage: &rotation.Coverage{}}}}},
		"negative weight":        {Weights: rotation.Weights{Sleep: -1}},
	}
	for name, r := range refused {
		t.Run(name, func(t *testing.T) {
			require.Error(t, Encode(&bytes.Buffer{}, base(r)))
		})
	}
}

func TestDecodeRotationFile(t *testing.T) {
	team, err := decode(t, goodRotation)
	require.NoError(t, err)
	r, err := DecodeRotation(strings.NewReader(`{"schema_version": 1, "rotation": {"members": [{"id": "cy", "capacity": 0.5}]}}`), "rot.json", team)
	require.NoError(t, err)
	require.Equal(t, []Member{{ID: "cy", Capacity: 0.5}}, r.Members)

	cases := []struct {
		name, file, path string
		line             int
		is               error
	}{
		{"unknown member", `{"schema_version": 1,
"rotation": {"members": [{"id": "zed"}]}}`, "rotation.members[0].id", 2, ErrUnknownRef},
		{"no section", `{"schema_version": 1}`, "rotation", 1, ErrMissing},
		{"other keys", `{"schema_version": 1, "rotation": {},
 "responders": []}`, "responders", 2, ErrUnknownKey},
		{"no version", `{"rotation": {}}`, "schema_version", 1, ErrMissing},
		{"syntax", `{"schema_version": 1,`, "", 1, ErrSyntax},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := DecodeRotation(strings.NewReader(c.file), "rot.json", team)
			var e *Error
			require.True(t, errors.As(err, &e), "%v", err)
			require.Equal(t, "rot.json", e.File)
			require.Equal(t, c.path, e.Path)
			require.Equal(t, c.line, e.Line)
			require.ErrorIs(t, err, c.is)
		})
	}
}
