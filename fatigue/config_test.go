package fatigue

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadPolicy(t *testing.T) {
	p, err := ReadPolicy(strings.NewReader(`{
		"rules": [
			{"rule": "woken-in-sleep-hours"},
			{"rule": "weekend-or-holiday-work", "threshold_seconds": 5400},
			{"rule": "daily-rest"},
			{"rule": "time-in-lieu", "multiplier": 1.5, "max_per_episode_seconds": 14400}
		],
		"expiry_days": 30,
		"caps": [{"rule": "time-in-lieu", "period": "month", "max_seconds": 57600}]
	}`))
	require.NoError(t, err)
	assert.Equal(t, Policy{
		Rules:      []Rule{WokenDayOff{}, WeekendWork{Threshold: 90 * time.Minute}, RestRule{}, TimeInLieu{Multiplier: 1.5, MaxPerEpisode: 4 * time.Hour}},
		ExpiryDays: 30,
		Caps:       []Cap{{Rule: RuleTimeInLieu, Period: Month, Max: 16 * time.Hour}},
	}, p)

	// The file form gives the same entitlements as the same policy written in code.
	s, _ := londonSubject(t)
	fromFile, err := p.Grant(s)
	require.NoError(t, err)
	inCode := Combine(AutomaticDayOff(), EURestRule(), Policy{Rules: []Rule{TimeInLieu{Multiplier: 1.5, MaxPerEpisode: 4 * time.Hour}}})
	inCode.Rules[1] = WeekendWork{Threshold: 90 * time.Minute}
	inCode.ExpiryDays = 30
	inCode.Caps = []Cap{{Rule: RuleTimeInLieu, Period: Month, Max: 16 * time.Hour}}
	fromCode, err := inCode.Grant(s)
	require.NoError(t, err)
	assert.Equal(t, fromCode, fromFile)

	empty, err := ReadPolicy(strings.NewReader(`{}`))
	require.NoError(t, err)
	assert.Equal(t, Policy{}, empty)
}

func TestReadPolicyErrors(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{`{"rules": [], "bogus": 1}`, []string{`unknown field "bogus"`}},
		{`{"rules": [{"rule": "daily-rest", "min_rest": 3}]}`, []string{"rules[0]", `unknown field "min_rest"`}},
		{`{"rules": [{"rule": "nap"}]}`, []string{"rules[0].rule", `unknown rule "nap"`}},
		{`{"rules": [{}]}`, []string{"rules[0].rule", "required"}},
		{`{"rules": [{"rule": "time-in-lieu", "multiplier": -2}]}`, []string{"rules[0].multiplier"}},
		{`{"rules": [{"rule": "daily-rest", "min_rest_seconds": -1}]}`, []string{"rules[0].min_rest_seconds"}},
		{`{"caps": [{"period": "fortnight", "max_seconds": 1}, {"period": "week"}]}`, []string{"caps[0].period", "caps[1].max_seconds", "required"}},
		{`{"caps": [{"rule": "nap", "period": "week", "max_seconds": 1}]}`, []string{"caps[0].rule"}},
		{`{"expiry_days": -3}`, []string{"expiry_days"}},
		{`{} {}`, []string{"data after"}},
		{`[`, []string{"unexpected EOF"}},
	}
	for _, c := range cases {
		_, err := ReadPolicy(strings.NewReader(c.in))
		require.Error(t, err, c.in)
		assert.ErrorIs(t, err, ErrConfig, c.in)
		var ce *ConfigError
		assert.True(t, errors.As(err, &ce), c.in)
		for _, w := range c.want {
			assert.Contains(t, err.Error(), w, c.in)
		}
	}
}

func FuzzReadPolicy(f *testing.F) {
	f.Add(`{"rules":[{"rule":"woken-in-sleep-hours"},{"rule":"time-in-lieu","multiplier":2}],"expiry_days":90}`)
	f.Add(`{"caps":[{"period":"week","max_seconds":3600}]}`)
	f.Add(`{"rules":[{"rule":"daily-rest","min_rest_seconds":39600}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		p, err := ReadPolicy(strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, ErrConfig) {
				t.Fatalf("error does not wrap ErrConfig: %v", err)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("accepted a policy that does not validate: %v", err)
		}
	})
}
