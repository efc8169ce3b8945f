package teamfile

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/wellrested/oncall/fatigue"
)

// goodRecovery is a valid file using every form of the recovery section; the error cases
// below are edits of it, so their line numbers can be read off this text.
const goodRecovery = `{
  "schema_version": 1,
  "responders": [
    {"id": "ann", "profile": {"zone": "Europe/London"}},
    {"id": "bo", "profile": {"zone": "America/New_York"}},
    {"id": "cy", "profile": {"zone": "UTC"}}
  ],
  "recovery": {
    "policy": "automatic-day-off",
    "overrides": [
      {"id": "bo", "policy": ["eu-rest", "time-in-lieu"]},
      {"id": "cy", "policy": {
        "rules": [{"rule": "time-in-lieu", "multiplier": 1.5, "max_per_episode_seconds": 14400},
                  {"rule": "weekend-or-holiday-work", "threshold_seconds": 1800}],
        "expiry_days": 30,
        "caps": [{"rule": "time-in-lieu", "period": "month", "max_seconds": 57600}]}}
    ]
  }
}
`

func editRec(t *testing.T, old, new string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(goodRecovery, old), "edit target %q", old)
	return strings.Replace(goodRecovery, old, new, 1)
}

func TestDecodeRecovery(t *testing.T) {
	team, err := decode(t, goodRecovery)
	require.NoError(t, err)
	r := team.Recovery
	require.NotNil(t, r)
	require.Equal(t, []string{PresetAutomaticDayOff}, r.Policy.Presets)
	require.Len(t, r.Overrides, 2)
	require.Equal(t, "bo", r.Overrides[0].ID)
	require.Equal(t, []string{PresetEURest, PresetTimeInLieu}, r.Overrides[0].Policy.Presets)
	cy := r.Overrides[1].Policy
	require.Empty(t, cy.Presets)
	require.Equal(t, []fatigue.Rule{
		fatigue.TimeInLieu{Multiplier: 1.5, MaxPerEpisode: 4 * time.Hour},
		fatigue.WeekendWork{Threshold: 30 * time.Minute},
	}, cy.Policy.Rules)
	require.Equal(t, 30, cy.Policy.ExpiryDays)
	require.Equal(t, []fatigue.Cap{{Rule: fatigue.RuleTimeInLieu, Period: fatigue.Month, Max: 16 * time.Hour}}, cy.Policy.Caps)

	ps, ok := team.Policies()
	require.True(t, ok)
	// ann has no override: the default, the automatic-day-off preset's two rules.
	require.Equal(t, fatigue.AutomaticDayOff(), ps.For("ann"))
	// bo's presets combine: the rest rule, then time in lieu with its 90-day expiry.
	require.Equal(t, fatigue.Combine(fatigue.EURestRule(), fatigue.TimeInLieuPolicy()), ps.For("bo"))
	require.Equal(t, cy.Policy, ps.For("cy"))
	require.NoError(t, ps.Validate())
}

func TestDecodeWithoutRecovery(t *testing.T) {
	team, err := decode(t, good)
	require.NoError(t, err)
	require.Nil(t, team.Recovery)
	ps, ok := team.Policies()
	require.False(t, ok)
	require.Empty(t, ps.Default.Rules)
}

func TestPreset(t *testing.T) {
	for _, name := range PresetNames() {
		p, ok := Preset(name)
		require.True(t, ok, name)
		require.NotEmpty(t, p.Rules, name)
	}
	_, ok := Preset("four-day-week")
	require.False(t, ok)
}

func TestDecodeRecoveryErrors(t *testing.T) {
	cases := []struct {
		name     string
		old, new string
		path     string
		line     int
		is       error
		value    string // "-" to skip
	}{
		{"not an object", "", `{"schema_version": 1, "responders": [{"id": "a", "profile": {"zone": "UTC"}}],
  "recovery": []}`, "recovery", 2, ErrType, "-"},
		{"unknown key", `"policy": "automatic-day-off",`, `"policy": "automatic-day-off", "bonus": 1,`, "recovery.bonus", 9, ErrUnknownKey, "1"},
		{"no policy", `"policy": "automatic-day-off",`, ``, "recovery.policy", 8, ErrMissing, "-"},
		{"unknown preset", `"automatic-day-off"`, `"four-day-week"`, "recovery.policy", 9, ErrValue, "four-day-week"},
		{"policy a number", `"policy": "automatic-day-off"`, `"policy": 3`, "recovery.policy", 9, ErrType, "3"},
		{"empty preset list", `"policy": "automatic-day-off"`, `"policy": []`, "recovery.policy", 9, ErrMissing, "-"},
		{"preset list with a number", `["eu-rest", "time-in-lieu"]`, `["eu-rest", 2]`, "recovery.overrides[0].policy[1]", 11, ErrType, "2"},
		{"preset twice", `["eu-rest", "time-in-lieu"]`, `["eu-rest", "eu-rest"]`, "recovery.overrides[0].policy[1]", 11, ErrDuplicateID, "eu-rest"},
		{"unknown preset in list", `["eu-rest", "time-in-lieu"]`, `["eu-rest", "toil"]`, "recovery.overrides[0].policy[1]", 11, ErrValue, "toil"},
		{"overrides not a list", "", `{"schema_version": 1, "responders": [{"id": "a", "profile": {"zone": "UTC"}}],
  "recovery": {"policy": "eu-rest",
    "overrides": {"a": "time-in-lieu"}}}`, "recovery.overrides", 3, ErrType, "-"},
		{"override not an object", `{"id": "bo", "policy": ["eu-rest", "time-in-lieu"]},`, `"bo",`, "recovery.overrides[0]", 11, ErrType, "bo"},
		{"override unknown key", `{"id": "bo", "policy"`, `{"id": "bo", "who": 1, "policy"`, "recovery.overrides[0].who", 11, ErrUnknownKey, "1"},
		{"override unknown responder", `{"id": "bo", "policy": [`, `{"id": "dee", "policy": [`, "recovery.overrides[0].id", 11, ErrUnknownRef, "dee"},
		{"override without id", `{"id": "bo", "policy"`, `{"policy"`, "recovery.overrides[0].id", 11, ErrMissing, "-"},
		{"override twice", `{"id": "cy", "policy": {`, `{"id": "bo", "policy": {`, "recovery.overrides[1].id", 12, ErrDuplicateID, "bo"},
		{"override without policy", `{"id": "bo", "policy": ["eu-rest", "time-in-lieu"]}`, `{"id": "bo"}`, "recovery.overrides[0].policy", 11, ErrMissing, "-"},

		// Problems inside a policy object are found by fatigue.ReadPolicy and placed here.
		{"unknown rule", `{"rule": "weekend-or-holiday-work", "threshold_seconds": 1800}`, `{"rule": "nap-room"}`,
			"recovery.overrides[1].policy.rules[1].rule", 14, fatigue.ErrConfig, "nap-room"},
		{"rule without a name", `{"rule": "weekend-or-holiday-work", "threshold_seconds": 1800}`, `{"threshold_seconds": 1800}`,
			"recovery.overrides[1].policy.rules[1].rule", 14, fatigue.ErrConfig, "-"},
		{"misspelt rule key", `"multiplier": 1.5`, `"multipler": 1.5`,
			"recovery.overrides[1].policy.rules[0].multipler", 13, fatigue.ErrConfig, "1.5"},
		{"unknown policy key", `"expiry_days": 30,`, `"expiry_days": 30, "carry_over": true,`,
			"recovery.overrides[1].policy.carry_over", 15, fatigue.ErrConfig, "true"},
		{"unknown cap key", `"max_seconds": 57600}`, `"max_seconds": 57600, "per": "x"}`,
			"recovery.overrides[1].policy.caps[0].per", 16, fatigue.ErrConfig, "x"},
		{"negative multiplier", `"multiplier": 1.5`, `"multiplier": -1`,
			"recovery.overrides[1].policy.rules[0].multiplier", 13, fatigue.ErrConfig, "-1"},
		{"multiplier text", `"multiplier": 1.5`, `"multiplier": "1.5"`,
			"recovery.overrides[1].policy.rules[0].multiplier", 13, fatigue.ErrConfig, "1.5"},
		{"expiry text", `"expiry_days": 30`, `"expiry_days": "30"`,
			"recovery.overrides[1].policy.expiry_days", 15, fatigue.ErrConfig, "30"},
		{"negative expiry", `"expiry_days": 30`, `"expiry_days": -1`,
			"recovery.overrides[1].policy.expiry_days", 15, fatigue.ErrConfig, "-1"},
		{"cap max text", `"max_seconds": 57600`, `"max_seconds": "16h"`,
			"recovery.overrides[1].policy.caps[0].max_seconds", 16, fatigue.ErrConfig, "16h"},
		{"cap bad period", `"period": "month"`, `"period": "fortnight"`,
			"recovery.overrides[1].policy.caps[0].period", 16, fatigue.ErrConfig, "fortnight"},
		{"cap without max", `, "max_seconds": 57600`, ``,
			"recovery.overrides[1].policy.caps[0].max_seconds", 16, fatigue.ErrConfig, "-"},
		{"repeated policy key", `"expiry_days": 30,`, `"expiry_days": 30, "expiry_days": 60,`,
			"recovery.overrides[1].policy.expiry_days", 15, ErrDuplicateKey, "60"},
		{"fraction of a second", `"threshold_seconds": 1800`, `"threshold_seconds": 1800.5`,
			"recovery.overrides[1].policy.rules[1].threshold_seconds", 14, ErrValue, "1800.5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			input := c.new
			if c.old != "" {
				input = editRec(t, c.old, c.new)
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

func TestRecoveryRoundTrip(t *testing.T) {
	team, err := decode(t, goodRecovery)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, Encode(&b, team))
	again, err := Decode(&b, "encoded.json")
	require.NoError(t, err)
	require.Equal(t, team.Recovery, again.Recovery)
}

func TestEncodeRecoveryRefuses(t *testing.T) {
	team, err := decode(t, good)
	require.NoError(t, err)
	cases := map[string]fatigue.Policy{
		"custom rule":       {Rules: []fatigue.Rule{customRule{}}},
		"fraction":          {Rules: []fatigue.Rule{fatigue.RestRule{MinRest: 1500 * time.Millisecond}}},
		"negative":          {Rules: []fatigue.Rule{fatigue.WeekendWork{Threshold: -time.Hour}}},
		"negative multiple": {Rules: []fatigue.Rule{fatigue.TimeInLieu{Multiplier: -2}}},
	}
	for name, p := range cases {
		t.Run(name, func(t *testing.T) {
			team.Recovery = &Recovery{Policy: PolicySpec{Policy: p}}
			require.Error(t, Encode(&bytes.Buffer{}, team))
		})
	}
}

type customRule struct{}

func (customRule) Name() string                                         { return "custom" }
func (customRule) Grant(fatigue.Subject) ([]fatigue.Entitlement, error) { return nil, nil }

func TestDecodePolicy(t *testing.T) {
	p, err := DecodePolicy(strings.NewReader(`{"rules": [{"rule": "daily-rest", "min_rest_seconds": 43200}], "expiry_days": 7}`), "policy.json")
	require.NoError(t, err)
	require.Equal(t, fatigue.Policy{Rules: []fatigue.Rule{fatigue.RestRule{MinRest: 12 * time.Hour}}, ExpiryDays: 7}, p)

	_, err = DecodePolicy(strings.NewReader("{\"rules\": [\n  {\"rule\": \"daily-rest\",\n   \"min_rest_seconds\": 0}]}"), "policy.json")
	var e *Error
	require.True(t, errors.As(err, &e), "%v", err)
	// The zero is on line 3; fatigue refuses a zero rest (leave the key out for the default).
	require.Equal(t, "policy.json", e.File)
	require.Equal(t, 3, e.Line)
	require.Equal(t, "rules[0].min_rest_seconds", e.Path)
	require.ErrorIs(t, err, fatigue.ErrConfig)

	_, err = DecodePolicy(strings.NewReader(`["automatic-day-off"]`), "policy.json")
	require.ErrorIs(t, err, ErrType)
	_, err = DecodePolicy(strings.NewReader(`{"rules": [`), "policy.json")
	require.ErrorIs(t, err, ErrSyntax)
}
