package teamfile

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/wellrested/oncall/rotation"
)

// The written form of the rotation section. Zero values are left out, so they read back as
// the same zero values (package rotation's defaults).
type (
	rotationOut struct {
		CycleDays    int            `json:"cycle_days,omitempty"`
		Handoff      *handoffOut    `json:"handoff,omitempty"`
		Roles        []rotationRole `json:"roles,omitempty"`
		Chain        bool           `json:"chain,omitempty"`
		MinCyclesOff int            `json:"min_cycles_off,omitempty"`
		StintPeriod  int            `json:"stint_period,omitempty"`
		Weights      *weightsOut    `json:"weights,omitempty"`
		Members      []memberOut    `json:"members,omitempty"`
		Pins         []pinOut       `json:"pins,omitempty"`
		// Carried is a map, which encoding/json writes in key order.
		Carried     map[string]float64 `json:"carried,omitempty"`
		ExactBudget *int               `json:"exact_budget,omitempty"`
		PageWeight  float64            `json:"page_weight,omitempty"`
		Seed        uint64             `json:"seed,omitempty"`
	}
	handoffOut struct {
		Weekday string `json:"weekday"`
		Time    string `json:"time"`
		Zone    string `json:"zone"`
	}
	rotationRole struct {
		Name     string       `json:"name"`
		Weight   float64      `json:"weight,omitempty"`
		Coverage *coverageOut `json:"coverage,omitempty"`
	}
	coverageOut struct {
		Zone  string `json:"zone,omitempty"`
		Days  string `json:"days,omitempty"`
		Hours string `json:"hours,omitempty"`
	}
	weightsOut struct {
		Business float64 `json:"business,omitempty"`
		Off      float64 `json:"off,omitempty"`
		Sleep    float64 `json:"sleep,omitempty"`
		Weekend  float64 `json:"weekend,omitempty"`
		Holiday  float64 `json:"holiday,omitempty"`
		Leave    float64 `json:"leave,omitempty"`
	}
	memberOut struct {
		ID        string    `json:"id"`
		Capacity  float64   `json:"capacity,omitempty"`
		Roles     *[]string `json:"roles,omitempty"`
		MaxStints int       `json:"max_stints,omitempty"`
	}
	pinOut struct {
		Responder string `json:"responder"`
		Role      string `json:"role"`
		Start     string `json:"start"`
	}
)

// encodeRotation writes the section. What Decode cannot read back (a coverage zone without
// an IANA name, a non-finite balance) fails the read-back check in Encode.
func encodeRotation(r *Rotation) (*rotationOut, error) {
	if r == nil {
		return nil, nil
	}
	s := r.Spec
	out := &rotationOut{CycleDays: s.CycleDays, Chain: s.Chain, MinCyclesOff: s.MinCyclesOff,
		StintPeriod: s.StintPeriod, Seed: r.Seed}
	if s.Handoff != nil || s.Zone != nil {
		h, loc := rotation.DefaultHandoff(), s.Zone
		if s.Handoff != nil {
			h = *s.Handoff
		}
		if loc == nil {
			loc = time.UTC
		}
		if _, err := loadZone(loc.String()); err != nil {
			return nil, fmt.Errorf("rotation handoff: %w", err)
		}
		out.Handoff = &handoffOut{Weekday: h.Day.String()[:3], Time: h.At.String(), Zone: loc.String()}
	}
	for _, role := range s.Roles {
		rr := rotationRole{Name: role.Name, Weight: role.Weight}
		if c := role.Coverage; c != nil {
			var err error
			if rr.Coverage, err = encodeCoverage(*c); err != nil {
				return nil, fmt.Errorf("rotation role %q: %w", role.Name, err)
			}
		}
		out.Roles = append(out.Roles, rr)
	}
	if s.Roles != nil && len(s.Roles) == 0 {
		return nil, errors.New("rotation: an empty list of roles cannot be written (nil means the team's roles)")
	}
	if w := r.Weights; w != (rotation.Weights{}) {
		out.Weights = &weightsOut{w.Business, w.Off, w.Sleep, w.Weekend, w.Holiday, w.Leave}
	}
	for _, m := range r.Members {
		mo := memberOut{ID: m.ID, Capacity: m.Capacity, MaxStints: m.MaxStints}
		if m.Roles != nil {
			roles := append([]string{}, m.Roles...)
			mo.Roles = &roles
		}
		out.Members = append(out.Members, mo)
	}
	for _, p := range r.Pins {
		out.Pins = append(out.Pins, pinOut{Responder: p.Responder, Role: p.Role, Start: p.Start.Format(time.RFC3339Nano)})
	}
	for _, id := range slices.Sorted(maps.Keys(r.Carried)) { // the first bad id, every run
		if v := r.Carried[id]; math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("rotation: carried balance for %q is %v, not a finite number", id, v)
		}
	}
	if len(r.Carried) > 0 {
		out.Carried = maps.Clone(r.Carried)
	}
	if w := r.PageWeight; !(w >= 0) || math.IsInf(w, 0) {
		return nil, fmt.Errorf("rotation: page weight %v is not a finite number, 0 or more", w)
	}
	out.PageWeight = r.PageWeight
	// The file says 0 for "no exact search", which rotation says with any negative budget.
	switch b := r.ExactBudget; {
	case b > 0:
		out.ExactBudget = &b
	case b < 0:
		out.ExactBudget = new(int)
	}
	return out, nil
}

// encodeCoverage writes a role's windows; the zone is left out when it is the spec's.
func encodeCoverage(c rotation.Coverage) (*coverageOut, error) {
	out := &coverageOut{}
	if c.Zone != nil {
		if _, err := loadZone(c.Zone.String()); err != nil {
			return nil, fmt.Errorf("coverage: %w", err)
		}
		out.Zone = c.Zone.String()
	}
	if c.Days&^everyDay != 0 {
		return nil, fmt.Errorf("coverage days %08b: not a set of weekdays", uint(c.Days))
	}
	if c.Days != 0 {
		out.Days = formatWeekdays(c.Days)
	}
	if !c.Hours.IsZero() {
		out.Hours = c.Hours.String()
	}
	return out, nil
}
