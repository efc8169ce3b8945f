package teamfile

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wellrested/oncall/fatigue"
)

// The written form of the recovery section. A policy is a preset name, a list of them, or
// fatigue.ReadPolicy's object; zero settings are left out, so they read back as the rules'
// defaults.
type (
	recoveryOut struct {
		Policy    any           `json:"policy"`
		Overrides []overrideOut `json:"overrides,omitempty"`
	}
	overrideOut struct {
		ID     string `json:"id"`
		Policy any    `json:"policy"`
	}
	policyOut struct {
		Rules      []ruleOut `json:"rules"`
		ExpiryDays int       `json:"expiry_days,omitempty"`
		Caps       []capOut  `json:"caps,omitempty"`
	}
	ruleOut struct {
		Rule                 string   `json:"rule"`
		ThresholdSeconds     *int64   `json:"threshold_seconds,omitempty"`
		MinRestSeconds       *int64   `json:"min_rest_seconds,omitempty"`
		Multiplier           *float64 `json:"multiplier,omitempty"`
		MaxPerEpisodeSeconds *int64   `json:"max_per_episode_seconds,omitempty"`
	}
	capOut struct {
		Rule       string         `json:"rule,omitempty"`
		Period     fatigue.Period `json:"period"`
		MaxSeconds int64          `json:"max_seconds"`
	}
)

func encodeRecovery(r *Recovery) (*recoveryOut, error) {
	if r == nil {
		return nil, nil
	}
	p, err := encodeSpec(r.Policy)
	if err != nil {
		return nil, fmt.Errorf("recovery policy: %w", err)
	}
	out := &recoveryOut{Policy: p}
	for _, o := range r.Overrides {
		p, err := encodeSpec(o.Policy)
		if err != nil {
			return nil, fmt.Errorf("recovery override for %q: %w", o.ID, err)
		}
		out.Overrides = append(out.Overrides, overrideOut{ID: o.ID, Policy: p})
	}
	return out, nil
}

func encodeSpec(s PolicySpec) (any, error) {
	switch {
	case len(s.Presets) == 1:
		return s.Presets[0], nil
	case len(s.Presets) > 1:
		return s.Presets, nil
	}
	return encodePolicy(s.Policy)
}

// encodePolicy writes the rules package fatigue can read back; a rule of another type has
// no written form and is refused.
func encodePolicy(p fatigue.Policy) (policyOut, error) {
	if bad := fractions(p); len(bad) > 0 {
		return policyOut{}, fmt.Errorf("%s: want a whole number of seconds", strings.Join(bad, ", "))
	}
	out := policyOut{Rules: []ruleOut{}, ExpiryDays: p.ExpiryDays}
	for i, r := range p.Rules {
		ro := ruleOut{}
		var err error
		switch r := r.(type) {
		case fatigue.WokenDayOff:
			ro.Rule = fatigue.RuleWoken
		case fatigue.WeekendWork:
			ro.Rule = fatigue.RuleWeekend
			ro.ThresholdSeconds, err = optSeconds(r.Threshold)
		case fatigue.RestRule:
			ro.Rule = fatigue.RuleRest
			ro.MinRestSeconds, err = optSeconds(r.MinRest)
		case fatigue.TimeInLieu:
			ro.Rule = fatigue.RuleTimeInLieu
			ro.MaxPerEpisodeSeconds, err = optSeconds(r.MaxPerEpisode)
			if r.Multiplier < 0 {
				err = errors.New("a negative multiplier cannot be written")
			} else if r.Multiplier > 0 {
				ro.Multiplier = &r.Multiplier
			}
		default:
			err = fmt.Errorf("rule type %T has no written form", r)
		}
		if err != nil {
			return policyOut{}, fmt.Errorf("rules[%d]: %w", i, err)
		}
		out.Rules = append(out.Rules, ro)
	}
	for _, c := range p.Caps {
		out.Caps = append(out.Caps, capOut{Rule: c.Rule, Period: c.Period, MaxSeconds: int64(c.Max / time.Second)})
	}
	return out, nil
}

// optSeconds writes a positive duration as seconds; zero (the default) is left out.
func optSeconds(d time.Duration) (*int64, error) {
	switch {
	case d < 0:
		return nil, fmt.Errorf("negative duration %v cannot be written", d)
	case d == 0:
		return nil, nil
	}
	s := int64(d / time.Second)
	return &s, nil
}
