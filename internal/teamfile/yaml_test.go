package teamfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/rotation"
)

// goodYAML is good (teamfile_test.go) written as YAML, value for value; the error cases below
// are edits of it, so their lines can be read off this text (line numbers in the comments).
const goodYAML = `schema_version: 1
team: payments
roles:
  - name: primary
    ack_sla: 5m
  - name: secondary
    ack_sla: 30m
    resolve_sla: ""
responders:
  - id: alice@example.com
    name: Alice
    team: payments
    profile:
      zone: Europe/London
      working_days: Mon-Fri
      working_hours: 09:00-17:30
      sleep: 23:00-07:00
      region: GB
      holidays:
        - {date: 2026-12-24, name: Company day}
      half_days:
        - {date: 2026-12-31, name: New Year's Eve, until: 13:00}
      leave:
        - {from: 2026-08-03, to: 2026-08-14}
  - id: bob@example.com
    name: Bob
    profile:
      zone: America/New_York
      working_hours: 10:00-19:00
      region: US
      leave:
        - start: 2026-03-02T13:00:00-05:00
          end: 2026-03-03T09:00:00-05:00
  - id: chen@example.com
    name: Chen
    team: platform
    profile: {zone: UTC, working_days: Mon-Thu}
`

// goodRotationYAML is goodRotation (rotation_test.go) written as YAML.
const goodRotationYAML = `# every key of the rotation section
schema_version: 1
team: payments
roles: [{name: primary}, {name: secondary}, {name: shadow}]
responders:
  - {id: ann, profile: {zone: Europe/London}}
  - {id: bo, profile: {zone: America/New_York}}
  - {id: cy, profile: {zone: UTC}}
rotation:
  cycle_days: 7
  handoff: {weekday: Tuesday, time: 10:00, zone: Europe/London}
  roles:
    - {name: primary, weight: 1}
    - {name: secondary, weight: 0.5}
  chain: true
  min_cycles_off: 1
  stint_period: 8
  weights: {business: 1, off: 1.25, sleep: 2.5, weekend: 1.5, holiday: 2, leave: 3}
  members:
    - {id: bo, capacity: 0.5, roles: [secondary], max_stints: 2}
    - {id: cy, roles: []}
  pins:
    - {responder: ann, role: primary, start: 2026-12-22T10:00:00Z}
    - {responder: bo, role: secondary, start: "2026-07-07T10:00:00+01:00"}
  seed: 18446744073709551615
`

func decodeYAML(t *testing.T, s string) (*Team, error) {
	t.Helper()
	return Decode(strings.NewReader(s), "team.yaml")
}

// The same team written in JSON and in YAML decodes to the same values.
func TestYAMLEqualsJSON(t *testing.T) {
	pairs := []struct{ name, json, yaml string }{
		{"team", good, goodYAML},
		{"rotation", goodRotation, goodRotationYAML},
	}
	for _, p := range pairs {
		t.Run(p.name, func(t *testing.T) {
			fromJSON, err := decode(t, p.json)
			require.NoError(t, err)
			fromYAML, err := decodeYAML(t, p.yaml)
			require.NoError(t, err)
			require.Equal(t, fromJSON, fromYAML)
		})
	}
}

// examples/team.yaml is the bundled sample team, examples/data/team.json, as commented YAML.
func TestExampleTeamYAML(t *testing.T) {
	fromJSON, err := Load("../../examples/data/team.json")
	require.NoError(t, err)
	fromYAML, err := Load("../../examples/team.yaml")
	require.NoError(t, err)
	require.Equal(t, fromJSON, fromYAML)

	// The rotation section the file shows in a comment decodes as it says: Tuesdays at
	// 10:00 in London.
	b, err := os.ReadFile("../../examples/team.yaml")
	require.NoError(t, err)
	text := string(b)
	i := strings.Index(text, "# rotation:")
	require.Positive(t, i)
	var section strings.Builder
	for line := range strings.SplitSeq(text[i:], "\n") {
		section.WriteString(strings.TrimPrefix(strings.TrimPrefix(line, "#"), " ") + "\n")
	}
	team, err := decodeYAML(t, text[:i]+section.String())
	require.NoError(t, err)
	require.Equal(t, &rotation.Handoff{Day: time.Tuesday, At: calendar.At(10, 0)}, team.Rotation.Spec.Handoff)
	require.Equal(t, "Europe/London", team.Rotation.Spec.Zone.String())
	require.True(t, team.Rotation.Spec.Chain)
	require.Equal(t, 1, team.Rotation.Spec.MinCyclesOff)
}

func TestChooseSyntax(t *testing.T) {
	cases := []struct {
		name, data string
		yaml       bool
	}{
		{"team.yaml", `{"a": 1}`, true},
		{"team.YML", `{"a": 1}`, true},
		{"dir.json/team.yml", "a: 1", true},
		{"team.json", "a: 1", false},
		{"Team.JSON", "a: 1", false},
		{"-", "{\n}", false},
		{"-", "\ufeff  \n\t{}", false},
		{"-", "a: 1", true},
		{"-", "# a comment\n{}", true},
		{"-", "", true},
		{"team.txt", `  {"a": 1}`, false},
		{"team", "- a", true},
	}
	for _, c := range cases {
		require.Equal(t, c.yaml, isYAML(c.name, []byte(c.data)), "%s %q", c.name, c.data)
	}

	// Standard input is read by content, in either syntax.
	for _, s := range []string{good, goodYAML} {
		team, err := Decode(strings.NewReader(s), "-")
		require.NoError(t, err)
		require.Len(t, team.Responders, 3)
	}
	// The extension wins over the content: YAML in a .json file is a JSON syntax error.
	_, err := Decode(strings.NewReader(goodYAML), "team.json")
	require.ErrorIs(t, err, ErrSyntax)

	// Load, DecodeRotation and DecodePolicy read YAML too.
	dir := t.TempDir()
	path := filepath.Join(dir, "team.yml")
	require.NoError(t, os.WriteFile(path, []byte(goodYAML), 0o600))
	team, err := Load(path)
	require.NoError(t, err)
	require.Equal(t, "payments", team.Name)

	team, err = decode(t, goodRotation)
	require.NoError(t, err)
	r, err := DecodeRotation(strings.NewReader("schema_version: 1\nrotation:\n  members: [{id: cy, capacity: 0.5}]\n"), "rot.yaml", team)
	require.NoError(t, err)
	require.Equal(t, []Member{{ID: "cy", Capacity: 0.5}}, r.Members)

	p, err := DecodePolicy(strings.NewReader("rules:\n  - rule: time-in-lieu\n    multiplier: 1.5\nexpiry_days: 30\n"), "policy.yaml")
	require.NoError(t, err)
	fromJSON, err := DecodePolicy(strings.NewReader(`{"rules": [{"rule": "time-in-lieu", "multiplier": 1.5}], "expiry_days": 30}`), "policy.json")
	require.NoError(t, err)
	require.Equal(t, fromJSON, p)
	_, err = DecodePolicy(strings.NewReader("rules:\n  - rule: time-in-lieu\n    multiplier: 0x2\n"), "policy.yaml")
	var e *Error
	require.True(t, errors.As(err, &e), "%v", err)
	require.Equal(t, "rules[0].multiplier", e.Path)
	require.Equal(t, 3, e.Line)
	require.ErrorIs(t, err, ErrYAMLFeature)
}

// YAML 1.1 read yes/no/on/off as booleans, 08:00 as the number 480 (base 60) and 010 as
// octal 8. yaml.v3 reads as YAML 1.2 does; these tests pin down that a team file means
// what its writer meant, or says why it cannot tell.
func TestYAMLMeansWhatAPersonMeans(t *testing.T) {
	const file = `schema_version: 1
team: off
roles: [{name: primary}, {name: secondary}]
responders:
  - id: yes
    name: No
    profile:
      zone: Europe/Oslo
      region: NO
      working_hours: 08:00-16:00
      half_days: [{date: 2026-12-24, name: Julaften, until: 12:00}]
  - id: "0123"
    profile: {zone: Europe/London, region: GB}
rotation:
  handoff: {weekday: Mon, time: 08:00, zone: Europe/Oslo}
  chain: True
`
	team, err := decodeYAML(t, file)
	require.NoError(t, err)
	require.Equal(t, "off", team.Name)
	no := team.Responders[0]
	require.Equal(t, "yes", no.ID)
	require.Equal(t, "No", no.Name)
	require.Equal(t, "NO", no.Profile.Region)
	require.Equal(t, calendar.Window{From: calendar.At(8, 0), To: calendar.At(16, 0)}, no.Profile.WorkingHours)
	require.Equal(t, calendar.At(12, 0), no.Profile.HalfDays[0].Until)
	require.Equal(t, "0123", team.Responders[1].ID, "a quoted id keeps its leading zero")
	require.Equal(t, calendar.At(8, 0), team.Rotation.Spec.Handoff.At)
	require.True(t, team.Rotation.Spec.Chain, "True is a YAML 1.2 core boolean")

	// NO is Norway: 1 May 2026, a Friday, is Labour Day there (a public holiday) and an
	// ordinary working day in Great Britain, whose May bank holiday falls on Monday 4 May.
	may1 := calendar.Date{Year: 2026, Month: 5, Day: 1}
	oslo, err := no.Calendar()
	require.NoError(t, err)
	require.False(t, oslo.IsWorkday(may1))
	london, err := team.Responders[1].Calendar()
	require.NoError(t, err)
	require.True(t, london.IsWorkday(may1))

	// What YAML 1.1 and 1.2 read differently, or a person would mean otherwise, is refused
	// with the reason.
	refused := []struct {
		name, old, new, path string
		is                   error
		says                 string
	}{
		{"yes as a boolean", "chain: True", "chain: yes", "rotation.chain", ErrType, "write true or false"},
		{"on as a boolean", "chain: True", "chain: on", "rotation.chain", ErrType, "write true or false"},
		{"octal", "  chain: True", "  cycle_days: 010", "rotation.cycle_days", ErrYAMLFeature, "decimal"},
		{"base 60 clock", "time: 08:00", "time: 8:00", "rotation.handoff.time", calendar.ErrInvalidClock, "HH:MM"},
		{"digits as an id", `id: "0123"`, `id: 123`, "responders[1].id", ErrType, "quote it"},
		{"leading zero id", `id: "0123"`, `id: 0123`, "responders[1].id", ErrYAMLFeature, "quote it"},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, 1, strings.Count(file, c.old))
			_, err := decodeYAML(t, strings.Replace(file, c.old, c.new, 1))
			var e *Error
			require.True(t, errors.As(err, &e), "%v", err)
			require.Equal(t, c.path, e.Path, "%v", err)
			require.Equal(t, lineOf([]byte(file), c.old), e.Line, "%v", err)
			require.ErrorIs(t, err, c.is)
			require.Contains(t, err.Error(), c.says)
		})
	}
}

// editYAML returns goodYAML with old replaced by new, failing if old is not there once.
func editYAML(t *testing.T, old, new string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(goodYAML, old), "edit target %q", old)
	return strings.Replace(goodYAML, old, new, 1)
}

func TestDecodeYAMLErrors(t *testing.T) {
	cases := []struct {
		name  string
		input func(t *testing.T) string
		path  string
		line  int
		is    error
		says  string // a part of the message
	}{
		// Repeated keys name both lines.
		{"repeated key", func(t *testing.T) string {
			return editYAML(t, "team: payments\nroles:", "team: payments\nteam: billing\nroles:")
		},
			"team", 3, ErrDuplicateKey, "first at line 2"},
		{"repeated profile key", func(t *testing.T) string { return editYAML(t, "region: GB\n", "region: GB\n      region: IE\n") },
			"responders[0].profile.region", 19, ErrDuplicateKey, "first at line 18"},
		{"repeated key in flow", func(t *testing.T) string { return editYAML(t, "{zone: UTC,", "{zone: UTC, zone: UTC,") },
			"responders[2].profile.zone", 37, ErrDuplicateKey, "first at line 37"},

		// Anchors, aliases and merge keys.
		{"anchor", func(t *testing.T) string { return editYAML(t, "zone: Europe/London", "zone: &home Europe/London") },
			"responders[0].profile.zone", 14, ErrYAMLFeature, "anchor &home"},
		{"anchor on a mapping", func(t *testing.T) string {
			return editYAML(t, "    profile:\n      zone: America", "    profile: &p\n      zone: America")
		}, "responders[1].profile", 27, ErrYAMLFeature, "anchor &p"},
		{"alias of nothing", func(t *testing.T) string { return editYAML(t, "zone: UTC", "zone: *utc") },
			"", 37, ErrSyntax, "unknown anchor"},
		{"merge key", func(t *testing.T) string { return editYAML(t, "    name: Bob\n", "    name: Bob\n    <<: {team: x}\n") },
			`responders[1]["<<"]`, 27, ErrYAMLFeature, "merge key"},

		// Keys are names.
		{"number key", func(t *testing.T) string { return editYAML(t, "\nteam: payments\n", "\nteam: payments\n1: one\n") },
			"1", 3, ErrYAMLFeature, "reads as a number"},
		{"null key", func(t *testing.T) string { return editYAML(t, "\nteam: payments\n", "\nteam: payments\n~: one\n") },
			`["~"]`, 3, ErrYAMLFeature, "reads as null"},
		{"boolean key", func(t *testing.T) string { return editYAML(t, "    name: Chen\n", "    name: Chen\n    true: 1\n") },
			"responders[2].true", 36, ErrYAMLFeature, "reads as true or false"},
		{"list key", func(t *testing.T) string {
			return editYAML(t, "\nteam: payments\n", "\nteam: payments\n? [a, b]\n: one\n")
		},
			"", 3, ErrYAMLFeature, "a list as a key"},

		// One document, core tags, JSON's numbers.
		{"second document", func(t *testing.T) string { return goodYAML + "---\nteam: other\n" }, "", 38, ErrYAMLFeature, "second document"},
		{"binary tag", func(t *testing.T) string { return editYAML(t, "\nteam: payments", "\nteam: !!binary cGF5bWVudHM=") },
			"team", 2, ErrYAMLFeature, "tag !!binary"},
		{"local tag", func(t *testing.T) string { return editYAML(t, "\nteam: payments", "\nteam: !vault payments") },
			"team", 2, ErrYAMLFeature, "tag !vault"},
		{"set", func(t *testing.T) string {
			return editYAML(t, "    profile: {zone: UTC", "    profile: !!set {zone: UTC")
		},
			"responders[2].profile", 37, ErrYAMLFeature, "tag !!set"},
		{"explicit timestamp", func(t *testing.T) string { return editYAML(t, "{from: 2026-08-03", "{from: !!timestamp 2026-08-03") },
			"responders[0].profile.leave[0].from", 24, ErrYAMLFeature, "!!timestamp"},
		{"tagged boolean", func(t *testing.T) string { return editYAML(t, "\nteam: payments", "\nteam: !!bool yes") },
			"team", 2, ErrYAMLFeature, "not true or false"},
		{"tagged null", func(t *testing.T) string { return editYAML(t, "\nteam: payments", "\nteam: !!null payments") },
			"team", 2, ErrYAMLFeature, "not null"},
		{"hex", func(t *testing.T) string { return editYAML(t, "schema_version: 1", "schema_version: 0x1") },
			"schema_version", 1, ErrYAMLFeature, "decimal"},
		{"underscores", func(t *testing.T) string { return editYAML(t, "schema_version: 1", "schema_version: 1_0") },
			"schema_version", 1, ErrYAMLFeature, "decimal"},
		{"infinity", func(t *testing.T) string { return editYAML(t, "schema_version: 1", "schema_version: .inf") },
			"schema_version", 1, ErrYAMLFeature, "decimal"},

		// Syntax: the line where the parser lost its way.
		{"bad indentation", func(t *testing.T) string { return editYAML(t, "    name: Bob\n", "    name: Bob\n   team: x\n") },
			"", 27, ErrSyntax, "did not find expected '-' indicator"},
		{"unclosed flow", func(t *testing.T) string { return editYAML(t, "working_days: Mon-Thu}", "working_days: Mon-Thu") },
			"", 37, ErrSyntax, "did not find expected ',' or '}'"},
		{"unclosed quote", func(t *testing.T) string { return editYAML(t, `resolve_sla: ""`, `resolve_sla: "`) },
			"", 8, ErrSyntax, "end of stream"},
		{"tab indentation", func(t *testing.T) string { return editYAML(t, "    name: Alice", "\tname: Alice") },
			"", 11, ErrSyntax, "tab character"},
		{"colon in a value", func(t *testing.T) string { return editYAML(t, "name: Chen", "name: Chen: Wei") },
			"", 35, ErrSyntax, "mapping values are not allowed"},
		{"too deep", func(t *testing.T) string {
			return editYAML(t, "\nteam: payments", "\nteam: "+strings.Repeat("[", 100)+strings.Repeat("]", 100))
		}, "team" + strings.Repeat("[0]", 63), 2, ErrSyntax, "nested more than 64"},
		{"empty", func(t *testing.T) string { return "" }, "", 1, ErrSyntax, "empty"},
		{"only comments", func(t *testing.T) string { return "# nothing yet\n" }, "", 1, ErrSyntax, "empty"},
		{"empty document", func(t *testing.T) string { return "\n---\n" }, "", 3, ErrType, "want an object, got null"},

		// The schema layer's errors carry YAML lines and paths.
		{"unknown key", func(t *testing.T) string { return editYAML(t, "\nteam: payments", "\nteam: payments\ncolour: red") },
			"colour", 3, ErrUnknownKey, "colour"},
		{"bad profile value", func(t *testing.T) string { return editYAML(t, "sleep: 23:00-07:00", "sleep: 11pm-7am") },
			"responders[0].profile.sleep", 17, calendar.ErrInvalidClock, `clock "11pm"`},
		{"nothing after the key", func(t *testing.T) string { return editYAML(t, "name: Bob", "name:") },
			"responders[1].name", 26, ErrType, "nothing is written after the key"},
		{"bad leave date", func(t *testing.T) string { return editYAML(t, "to: 2026-08-14", "to: 2026-08-32") },
			"responders[0].profile.leave[0]", 24, calendar.ErrInvalidDate, `date "2026-08-32"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			team, err := decodeYAML(t, c.input(t))
			require.Error(t, err)
			require.Nil(t, team)
			var e *Error
			require.True(t, errors.As(err, &e), "error %v is not an *Error", err)
			require.Equal(t, "team.yaml", e.File)
			require.Equal(t, c.line, e.Line, "line, in %v", err)
			require.Equal(t, c.path, e.Path, "path, in %v", err)
			require.ErrorIs(t, err, c.is)
			require.Contains(t, err.Error(), c.says)
		})
	}
}

// An alias bomb (each level aliasing the one before ten times, a billion values in all) is
// refused at its first anchor without being expanded; the test would run out of memory
// otherwise.
func TestYAMLAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("schema_version: 1\nx0: &x0 [lol]\n")
	for i := 1; i <= 9; i++ {
		b.WriteString("x" + string(rune('0'+i)) + ": &x" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*x" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	_, err := decodeYAML(t, b.String())
	var e *Error
	require.True(t, errors.As(err, &e), "%v", err)
	require.ErrorIs(t, err, ErrYAMLFeature)
	require.Equal(t, 2, e.Line)
	require.Equal(t, "x0", e.Path)

	// Nesting past the parser's own limit is its syntax error, not a crash.
	deep := "a: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	_, err = decodeYAML(t, deep)
	require.ErrorIs(t, err, ErrSyntax)
}

func TestIsJSONNumber(t *testing.T) {
	// The grammar of RFC 8259, section 6.
	for _, s := range []string{"0", "-0", "7", "-12", "0.5", "10.25", "1e3", "1E+3", "2.5e-7", "18446744073709551616"} {
		require.True(t, isJSONNumber(s), s)
	}
	for _, s := range []string{"", "-", "+1", "01", "-01", ".5", "1.", "1e", "1e+", "0x1F", "0o17", "1_000", ".inf", "NaN", "1.5.2", "1 ", "--1"} {
		require.False(t, isJSONNumber(s), s)
	}
}

// Every YAML value converts to the node a JSON file with the same value gives, line apart.
func TestYAMLTreeMatchesJSON(t *testing.T) {
	y, perr := parseYAML([]byte(goodRotationYAML))
	require.Nil(t, perr)
	j, perr := parseJSON([]byte(goodRotation))
	require.Nil(t, perr)
	require.Equal(t, string(j.appendJSON(nil)), string(y.appendJSON(nil)))
	var buf bytes.Buffer
	buf.Write(y.appendJSON(nil))
	team, err := Decode(&buf, "from-yaml.json")
	require.NoError(t, err)
	want, err := decode(t, goodRotation)
	require.NoError(t, err)
	require.Equal(t, want, team)
}

// The sample team in each syntax, for comparing the front-ends' cost.
func BenchmarkDecodeSample(b *testing.B) {
	for _, path := range []string{"../../examples/data/team.json", "../../examples/team.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Ext(path)[1:], func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Decode(bytes.NewReader(data), path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestYAMLHint(t *testing.T) {
	cases := []struct {
		n    node
		want string
		hint string
	}{
		{node{kind: kindNumber, text: "123", plain: true}, "a string", `quote it`},
		{node{kind: kindBool, text: "true", plain: true}, "a preset name", `quote it`},
		{node{kind: kindNumber, text: "1", plain: true}, "true or false", ``},
		{node{kind: kindString, text: "Yes", plain: true}, "true or false", `YAML reads Yes as text`},
		{node{kind: kindString, text: "maybe", plain: true}, "true or false", ``},
		{node{kind: kindNull, text: "null", plain: true}, "a string", `nothing is written after the key`},
		{node{kind: kindNumber, text: "123", plain: true}, "a number", ``},
		// JSON values are never plain YAML scalars.
		{node{kind: kindNumber, text: "123"}, "a string", ``},
		{node{kind: kindString, text: "yes"}, "true or false", ``},
	}
	for _, c := range cases {
		h := yamlHint(&c.n, c.want)
		if c.hint == "" {
			require.Empty(t, h, "%+v %s", c.n, c.want)
		} else {
			require.Contains(t, h, c.hint, "%+v %s", c.n, c.want)
		}
	}
}
