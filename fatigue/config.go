package fatigue

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"time"
)

// ErrConfig reports a policy file that cannot be used.
var ErrConfig = errors.New("invalid policy file")

// ConfigError names the place in a policy file that failed (a JSON path such as
// "rules[2].multiplier") and why.
type ConfigError struct {
	Path string
	Err  error
}

// Error implements error.
func (e *ConfigError) Error() string {
	if e.Path == "" {
		return "fatigue: policy file: " + e.Err.Error()
	}
	return "fatigue: policy file: " + e.Path + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *ConfigError) Unwrap() error { return e.Err }

// policyFile is the JSON form of a Policy. Durations are seconds.
type policyFile struct {
	Rules      []json.RawMessage `json:"rules"`
	ExpiryDays *int              `json:"expiry_days"`
	Caps       []capFile         `json:"caps"`
}

type capFile struct {
	Rule       string   `json:"rule"`
	Period     Period   `json:"period"`
	MaxSeconds *float64 `json:"max_seconds"`
}

type ruleHead struct {
	Rule string `json:"rule"`
}

type wokenFile struct {
	Rule string `json:"rule"`
}

type weekendFile struct {
	Rule             string   `json:"rule"`
	ThresholdSeconds *float64 `json:"threshold_seconds"`
}

type restFile struct {
	Rule           string   `json:"rule"`
	MinRestSeconds *float64 `json:"min_rest_seconds"`
}

type lieuFile struct {
	Rule                 string   `json:"rule"`
	Multiplier           *float64 `json:"multiplier"`
	MaxPerEpisodeSeconds *float64 `json:"max_per_episode_seconds"`
}

// ReadPolicy reads a policy from JSON such as
//
//	{"rules": [{"rule": "woken-in-sleep-hours"},
//	           {"rule": "weekend-or-holiday-work", "threshold_seconds": 3600},
//	           {"rule": "daily-rest", "min_rest_seconds": 39600},
//	           {"rule": "time-in-lieu", "multiplier": 2, "max_per_episode_seconds": 14400}],
//	 "expiry_days": 90,
//	 "caps": [{"rule": "time-in-lieu", "period": "month", "max_seconds": 57600}]}
//
// Decoding is strict: unknown keys, unknown rules, a second JSON value and out-of-range
// numbers are errors. Every problem found is reported, joined, each a *ConfigError naming
// its path and wrapping ErrConfig. Omitted settings take the rule's defaults.
func ReadPolicy(r io.Reader) (Policy, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Policy{}, &ConfigError{Err: fmt.Errorf("%w: reading: %w", ErrConfig, err)}
	}
	var f policyFile
	if err := strictDecode(data, &f); err != nil {
		return Policy{}, &ConfigError{Err: err}
	}
	var errs []error
	bad := func(path string, format string, args ...any) {
		errs = append(errs, &ConfigError{Path: path, Err: fmt.Errorf("%w: "+format, append([]any{ErrConfig}, args...)...)})
	}
	var p Policy
	if f.ExpiryDays != nil {
		if d := *f.ExpiryDays; d < 0 || d > 36600 {
			bad("expiry_days", "%d: want 0 to 36600", d)
		}
		p.ExpiryDays = *f.ExpiryDays
	}
	for i, raw := range f.Rules {
		path := fmt.Sprintf("rules[%d]", i)
		rule, err := decodeRule(path, raw)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p.Rules = append(p.Rules, rule)
	}
	for i, c := range f.Caps {
		path := fmt.Sprintf("caps[%d]", i)
		if _, ok := c.Period.key(time.Time{}); !ok {
			bad(path+".period", "%q: want week, month or year", c.Period)
		}
		if c.Rule != "" && !knownRule(c.Rule) {
			bad(path+".rule", "unknown rule %q", c.Rule)
		}
		if c.MaxSeconds == nil {
			bad(path+".max_seconds", "required")
			continue
		}
		d, ok := seconds(*c.MaxSeconds)
		if !ok {
			bad(path+".max_seconds", "%v is not a duration of zero or more seconds", *c.MaxSeconds)
		}
		p.Caps = append(p.Caps, Cap{Rule: c.Rule, Period: c.Period, Max: d})
	}
	if len(errs) > 0 {
		return Policy{}, errors.Join(errs...)
	}
	return p, nil
}

func strictDecode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: data after the policy object", ErrConfig)
	}
	return nil
}

func knownRule(name string) bool {
	switch name {
	case RuleWoken, RuleWeekend, RuleRest, RuleTimeInLieu:
		return true
	}
	return false
}

// maxSeconds keeps durations well inside time.Duration (about 292 years).
const maxSeconds = 100 * 366 * 24 * 3600

func seconds(v float64) (time.Duration, bool) {
	if math.IsNaN(v) || v < 0 || v > maxSeconds {
		return 0, false
	}
	return time.Duration(v * float64(time.Second)), true
}

func decodeRule(path string, raw json.RawMessage) (Rule, error) {
	fail := func(sub string, err error) error {
		return &ConfigError{Path: path + sub, Err: fmt.Errorf("%w: %w", ErrConfig, err)}
	}
	var head ruleHead
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, fail("", err)
	}
	optSeconds := func(field string, v *float64) (time.Duration, error) {
		if v == nil {
			return 0, nil
		}
		d, ok := seconds(*v)
		if !ok || d == 0 {
			return 0, fail("."+field, fmt.Errorf("%v is not a positive number of seconds", *v))
		}
		return d, nil
	}
	switch head.Rule {
	case RuleWoken:
		var f wokenFile
		if err := strictDecode(raw, &f); err != nil {
			return nil, &ConfigError{Path: path, Err: err}
		}
		return WokenDayOff{}, nil
	case RuleWeekend:
		var f weekendFile
		if err := strictDecode(raw, &f); err != nil {
			return nil, &ConfigError{Path: path, Err: err}
		}
		d, err := optSeconds("threshold_seconds", f.ThresholdSeconds)
		return WeekendWork{Threshold: d}, err
	case RuleRest:
		var f restFile
		if err := strictDecode(raw, &f); err != nil {
			return nil, &ConfigError{Path: path, Err: err}
		}
		d, err := optSeconds("min_rest_seconds", f.MinRestSeconds)
		return RestRule{MinRest: d}, err
	case RuleTimeInLieu:
		var f lieuFile
		if err := strictDecode(raw, &f); err != nil {
			return nil, &ConfigError{Path: path, Err: err}
		}
		r := TimeInLieu{}
		if f.Multiplier != nil {
			if m := *f.Multiplier; math.IsNaN(m) || m <= 0 || m > 100 {
				return nil, fail(".multiplier", fmt.Errorf("%v: want more than 0, at most 100", m))
			}
			r.Multiplier = *f.Multiplier
		}
		d, err := optSeconds("max_per_episode_seconds", f.MaxPerEpisodeSeconds)
		r.MaxPerEpisode = d
		return r, err
	case "":
		return nil, fail(".rule", errors.New("required"))
	}
	return nil, fail(".rule", fmt.Errorf("unknown rule %q (want %s, %s, %s or %s)", head.Rule, RuleWoken, RuleWeekend, RuleRest, RuleTimeInLieu))
}
