package teamfile

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
	"github.com/wellrested/oncall/rotation"
)

// Rotation is the team file's optional "rotation" section: how the team's on-call rotation
// is generated and judged by package rotation. Fields left out of the file keep the zero
// values, which package rotation reads as its documented defaults.
type Rotation struct {
	// Spec holds the cycle length, handoff, roles, chaining, rest rule and stint period.
	// Spec.Zone is the handoff's zone; Spec.Roles nil means the team's roles (see
	// Team.Problem).
	Spec rotation.Spec
	// Weights price each hour on call; zero fields take rotation.DefaultWeights.
	Weights rotation.Weights
	// Members override the defaults (capacity 1, every role, no stint cap) for some
	// responders.
	Members []Member
	// Pins are assignments agreed in advance.
	Pins []rotation.Pin
	// Carried are balances brought forward from before any history the rotation is given,
	// in burden units by responder id (rotation.Problem.Carried): positive for someone who
	// has carried more than their share. Nil when the file gives none.
	Carried map[string]float64
	// ExactBudget is rotation.Problem.ExactBudget: zero means
	// rotation.DefaultExactBudget, negative skips the exact search.
	ExactBudget int
	// PageWeight is rotation.PageLoad.Weight: the burden one expected page adds to a shift
	// hour, learned from past pages by hour of week. Zero, the default, turns it off; the
	// pages themselves come with the command, not the file.
	PageWeight float64
	// Seed breaks ties between equally good schedules.
	Seed uint64
}

// Member is one entry of the rotation's "members" list: what one responder may and should
// carry. Its zero fields keep the rotation.Member defaults.
type Member struct {
	// ID is the responder's id; it must be a responder of the file.
	ID string
	// Capacity is the share of a full-time load (0.5 for half time); zero means 1.
	Capacity float64
	// Roles are the roles the person may hold; nil means every role, empty means none (the
	// person is out of the rotation).
	Roles []string
	// MaxStints caps the stints started in any Spec.StintPeriod consecutive cycles; zero
	// means no cap.
	MaxStints int
}

// ErrUnknownRef reports a name that refers to nothing in the file: a member or pin naming
// no responder, a role that is not one of the team's or the rotation's.
var ErrUnknownRef = errors.New("not defined in the file")

// ErrValue reports a value of the right kind that cannot be used (a negative count, an
// unknown zone or weekday, a pin off the handoff).
var ErrValue = errors.New("invalid value")

// rotationKeys are the keys of the "rotation" object.
var rotationKeys = []string{"cycle_days", "handoff", "roles", "chain", "min_cycles_off",
	"stint_period", "weights", "members", "pins", "carried", "exact_budget", "page_weight", "seed"}

// rotation decodes the "rotation" section; roles are the team's roles and ids its
// responders, for references.
func (s *schema) rotation(n *node, teamRoles []oncall.Role, ids map[string]bool) *Rotation {
	const path = "rotation"
	m, ok := s.object(n, path, rotationKeys...)
	if !ok {
		return nil
	}
	r := &Rotation{}
	r.Spec.CycleDays = s.integer(m, path, "cycle_days", 1)
	r.Spec.MinCyclesOff = s.integer(m, path, "min_cycles_off", 0)
	r.Spec.StintPeriod = s.integer(m, path, "stint_period", 1)
	r.Spec.Chain = s.boolean(m, path, "chain")
	s.handoff(m["handoff"], &r.Spec)
	r.Spec.Roles = s.rotationRoles(m, teamRoles)
	roles := roleNames(r.Spec.Roles, teamRoles)
	switch {
	case r.Spec.Chain && len(roles) < 2:
		s.fail(m["chain"], key(path, "chain"), fmt.Errorf("%w: the secondary becomes the next primary, so chaining needs two roles", ErrValue))
	case r.Spec.Chain && len(r.Spec.Roles) >= 2 && (r.Spec.Roles[0].Coverage != nil || r.Spec.Roles[1].Coverage != nil):
		s.fail(m["chain"], key(path, "chain"), fmt.Errorf("%w: the secondary becomes the next primary for a whole cycle, so the first two roles cannot have coverage windows", ErrValue))
	}
	r.Weights = s.weights(m["weights"])
	r.Members = s.members(m, roles, ids)
	r.Pins = s.pins(m, roles, ids, r.Spec)
	r.Carried = s.carried(m["carried"], ids)
	r.ExactBudget = s.exactBudget(m["exact_budget"])
	r.PageWeight = s.nonNegative(m, path, "page_weight")
	if n := m["seed"]; n != nil && n.kind != kindNumber {
		s.wrongType(n, key(path, "seed"), "a number")
	} else if n != nil {
		v, err := strconv.ParseUint(n.text, 10, 64)
		if err != nil {
			s.fail(n, key(path, "seed"), fmt.Errorf("want a whole number from 0 to %d: %w", uint64(math.MaxUint64), ErrValue))
		}
		r.Seed = v
	}
	return r
}

// carried reads the balances brought forward: an object from responder id to a finite
// number of burden units, either sign.
func (s *schema) carried(n *node, ids map[string]bool) map[string]float64 {
	const path = "rotation.carried"
	if n == nil {
		return nil
	}
	if n.kind != kindObject {
		s.wrongType(n, path, "an object from responder id to balance")
		return nil
	}
	var out map[string]float64
	first := map[string]int{}
	for i, id := range n.keys {
		v, p := n.elems[i], key(path, id)
		if line, dup := first[id]; dup {
			s.fail(v, p, fmt.Errorf("%w %q (first at line %d)", ErrDuplicateKey, id, line))
			continue
		}
		first[id] = v.line
		if !ids[id] {
			s.fail(v, p, fmt.Errorf("responder %q: %w", id, ErrUnknownRef))
			continue
		}
		if v.kind != kindNumber {
			s.wrongType(v, p, "a number")
			continue
		}
		b, err := strconv.ParseFloat(v.text, 64)
		if err != nil || math.IsInf(b, 0) {
			s.fail(v, p, fmt.Errorf("want a finite number of burden units: %w", ErrValue))
			continue
		}
		if out == nil {
			out = map[string]float64{}
		}
		out[id] = b
	}
	return out
}

// exactBudget reads the work budget of the exact search: a whole number of evaluations, 0
// to skip the search. Absent keeps rotation's default.
func (s *schema) exactBudget(n *node) int {
	const path = "rotation.exact_budget"
	if n == nil {
		return 0
	}
	if n.kind != kindNumber {
		s.wrongType(n, path, "a number")
		return 0
	}
	v, err := strconv.ParseInt(n.text, 10, strconv.IntSize)
	if err != nil || v < 0 {
		s.fail(n, path, fmt.Errorf("want a whole number of evaluations from 0 (no exact search) to %d: %w", math.MaxInt, ErrValue))
		return 0
	}
	if v == 0 {
		return -1
	}
	return int(v)
}

// integer reads an optional whole number of at least least; absent reads as 0.
func (s *schema) integer(m map[string]*node, path, k string, least int) int {
	n := m[k]
	if n == nil {
		return 0
	}
	if n.kind != kindNumber {
		s.wrongType(n, key(path, k), "a number")
		return 0
	}
	v, err := strconv.Atoi(n.text)
	if err != nil || v < least || v > 1<<20 {
		s.fail(n, key(path, k), fmt.Errorf("want a whole number from %d to %d: %w", least, 1<<20, ErrValue))
		return 0
	}
	return v
}

// nonNegative reads an optional finite number of at least zero; absent reads as 0.
func (s *schema) nonNegative(m map[string]*node, path, k string) float64 {
	return s.finite(m, path, k, func(v float64) bool { return v >= 0 }, "want a finite number, 0 or more")
}

// positive reads an optional finite number above zero; absent reads as 0 (the default).
// Zero itself is refused because package rotation would read it as the default.
func (s *schema) positive(m map[string]*node, path, k string) float64 {
	return s.finite(m, path, k, func(v float64) bool { return v > 0 }, "want a number above 0 (leave the key out for the default)")
}

// finite reads an optional finite number that ok accepts; absent or refused reads as 0.
func (s *schema) finite(m map[string]*node, path, k string, ok func(float64) bool, want string) float64 {
	n := m[k]
	if n == nil {
		return 0
	}
	if n.kind != kindNumber {
		s.wrongType(n, key(path, k), "a number")
		return 0
	}
	v, err := strconv.ParseFloat(n.text, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || !ok(v) {
		s.fail(n, key(path, k), fmt.Errorf("%s: %w", want, ErrValue))
		return 0
	}
	return v
}

func (s *schema) boolean(m map[string]*node, path, k string) bool {
	n := m[k]
	if n == nil {
		return false
	}
	if n.kind != kindBool {
		s.wrongType(n, key(path, k), "true or false")
		return false
	}
	return n.text == "true"
}

// handoff reads {"weekday", "time", "zone"}; weekday and time default to Tuesday 10:00, the
// zone is required (a missing zone is more often a mistake than a choice of UTC).
func (s *schema) handoff(n *node, spec *rotation.Spec) {
	const path = "rotation.handoff"
	if n == nil {
		return
	}
	m, ok := s.object(n, path, "weekday", "time", "zone")
	if !ok {
		return
	}
	h := rotation.DefaultHandoff()
	if day, ok := s.str(m, path, "weekday"); ok && m["weekday"] != nil {
		d, err := parseWeekday(day)
		if err != nil {
			s.fail(m["weekday"], key(path, "weekday"), err)
		}
		h.Day = d
	}
	if at, ok := s.str(m, path, "time"); ok && m["time"] != nil {
		c, err := calendar.ParseClock(at)
		if err == nil && c >= 24*3600 {
			err = fmt.Errorf("handoff %q: before 24:00: %w", at, ErrValue)
		}
		if err != nil {
			s.fail(m["time"], key(path, "time"), err)
		}
		h.At = c % (24 * 3600)
	}
	spec.Handoff = &h
	zone, ok := s.str(m, path, "zone")
	switch {
	case !ok:
	case m["zone"] == nil:
		s.fail(n, key(path, "zone"), fmt.Errorf("%w: the handoff's IANA time zone (\"Europe/London\"; \"UTC\" if that is meant)", ErrMissing))
	default:
		loc, err := loadZone(zone)
		if err != nil {
			s.fail(m["zone"], key(path, "zone"), err)
		}
		spec.Zone = loc
	}
}

// loadZone loads an IANA zone; "" and "Local" are refused, as they depend on the host.
func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("zone %q: want an IANA name: %w", name, ErrValue)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("zone %q: %w: %v", name, ErrValue, err)
	}
	return loc, nil
}

// parseWeekday reads one day name, "Tue" or "tuesday".
func parseWeekday(s string) (time.Weekday, error) {
	w, err := calendar.ParseWeekdays(s)
	if err == nil && !strings.ContainsAny(s, ",-") {
		for d := time.Sunday; d <= time.Saturday; d++ {
			if w == calendar.WeekdaysOf(d) {
				return d, nil
			}
		}
	}
	return 0, fmt.Errorf("weekday %q: want one day such as \"Tue\" or \"Tuesday\": %w", s, ErrValue)
}

// rotationRoles reads the rotation's roles: names of the team's roles, each once, with
// weights.
func (s *schema) rotationRoles(m map[string]*node, teamRoles []oncall.Role) []rotation.RoleSpec {
	if m["roles"] == nil {
		return nil
	}
	elems, ok := s.array(m, "rotation", "roles")
	if !ok {
		return nil
	}
	if len(elems) == 0 {
		s.fail(m["roles"], "rotation.roles", fmt.Errorf("%w: at least one role (leave \"roles\" out for the team's roles)", ErrMissing))
	}
	out := []rotation.RoleSpec{}
	first := map[string]int{}
	for i, e := range elems {
		path := index("rotation.roles", i)
		rm, ok := s.object(e, path, "name", "weight", "coverage")
		if !ok {
			continue
		}
		name, ok := s.str(rm, path, "name")
		switch {
		case !ok:
		case name == "":
			s.fail(nodeOr(rm["name"], e), key(path, "name"), fmt.Errorf("%w: a role needs a name", ErrMissing))
		case first[name] > 0:
			s.fail(rm["name"], key(path, "name"), fmt.Errorf("%w role %q (first at line %d)", ErrDuplicateID, name, first[name]))
		case !hasRole(teamRoles, name):
			s.fail(rm["name"], key(path, "name"), fmt.Errorf("role %q: %w (the team's roles: %s)", name, ErrUnknownRef, strings.Join(roleNames(nil, teamRoles), ", ")))
		default:
			first[name] = rm["name"].line
		}
		role := rotation.RoleSpec{Name: name, Weight: s.positive(rm, path, "weight")}
		if c := rm["coverage"]; c != nil {
			role.Coverage = s.coverage(c, key(path, "coverage"))
		}
		out = append(out, role)
	}
	return out
}

// coverage reads a role's daily windows: {"zone", "days", "hours"}, each optional, at least
// one of days and hours given.
func (s *schema) coverage(n *node, path string) *rotation.Coverage {
	m, ok := s.object(n, path, "zone", "days", "hours")
	if !ok {
		return nil
	}
	c, before := &rotation.Coverage{}, len(s.errs)
	if zone, ok := s.str(m, path, "zone"); ok && m["zone"] != nil {
		loc, err := loadZone(zone)
		if err != nil {
			s.fail(m["zone"], key(path, "zone"), err)
		}
		c.Zone = loc
	}
	if days, ok := s.str(m, path, "days"); ok && m["days"] != nil {
		w, err := calendar.ParseWeekdays(days)
		if err != nil || w == 0 {
			s.fail(m["days"], key(path, "days"), fmt.Errorf("days %q: want day names such as \"Mon-Fri\" or \"Sat,Sun\": %w", days, ErrValue))
		}
		c.Days = w
	}
	if hours, ok := s.str(m, path, "hours"); ok && m["hours"] != nil {
		w, err := calendar.ParseWindow(hours)
		if err != nil {
			s.fail(m["hours"], key(path, "hours"), fmt.Errorf("hours %q: want a daily window such as \"09:00-17:00\" (\"22:00-06:00\" crosses midnight): %w", hours, ErrValue))
		}
		c.Hours = w
	}
	if (c.Days == 0 || c.Days == everyDay) && wholeDay(c.Hours) && len(s.errs) == before {
		s.fail(n, path, fmt.Errorf("%w: every day, all day is around the clock: give \"days\" or \"hours\", or leave coverage out", ErrValue))
	}
	return c
}

// everyDay is the set of all seven days.
const everyDay = calendar.Weekdays(1<<7 - 1)

// wholeDay reports whether a coverage window spans a whole day from some time to the same
// time the next day.
func wholeDay(w calendar.Window) bool {
	return w.From == w.To || w.From == 0 && w.To == 24*3600
}

func hasRole(roles []oncall.Role, name string) bool {
	for _, r := range roles {
		if r.Name == name {
			return true
		}
	}
	return false
}

// roleNames are the rotation's role names: its own list, or the team's roles.
func roleNames(specRoles []rotation.RoleSpec, teamRoles []oncall.Role) []string {
	var out []string
	if specRoles != nil {
		for _, r := range specRoles {
			out = append(out, r.Name)
		}
		return out
	}
	for _, r := range teamRoles {
		out = append(out, r.Name)
	}
	return out
}

func (s *schema) weights(n *node) rotation.Weights {
	const path = "rotation.weights"
	var w rotation.Weights
	if n == nil {
		return w
	}
	m, ok := s.object(n, path, "business", "off", "sleep", "weekend", "holiday", "leave")
	if !ok {
		return w
	}
	w.Business = s.positive(m, path, "business")
	w.Off = s.positive(m, path, "off")
	w.Sleep = s.positive(m, path, "sleep")
	w.Weekend = s.positive(m, path, "weekend")
	w.Holiday = s.positive(m, path, "holiday")
	w.Leave = s.positive(m, path, "leave")
	return w
}

// members reads the per-person overrides.
func (s *schema) members(m map[string]*node, roles []string, ids map[string]bool) []Member {
	elems, ok := s.array(m, "rotation", "members")
	if !ok {
		return nil
	}
	var out []Member
	first := map[string]int{}
	for i, e := range elems {
		path := index("rotation.members", i)
		mm, ok := s.object(e, path, "id", "capacity", "roles", "max_stints")
		if !ok {
			continue
		}
		var mem Member
		mem.ID = s.responderRef(mm, e, path, "id", ids)
		if mem.ID != "" {
			if line, dup := first[mem.ID]; dup {
				s.fail(mm["id"], key(path, "id"), fmt.Errorf("%w member %q (first at line %d)", ErrDuplicateID, mem.ID, line))
			}
			first[mem.ID] = mm["id"].line
		}
		mem.Capacity = s.positive(mm, path, "capacity")
		mem.MaxStints = s.integer(mm, path, "max_stints", 0)
		if rs, ok := s.array(mm, path, "roles"); ok {
			mem.Roles = []string{}
			for j, rn := range rs {
				rp := index(key(path, "roles"), j)
				if rn.kind != kindString {
					s.wrongType(rn, rp, "a string")
					continue
				}
				if !containsString(roles, rn.text) {
					s.fail(rn, rp, fmt.Errorf("role %q: %w (the rotation's roles: %s)", rn.text, ErrUnknownRef, strings.Join(roles, ", ")))
				}
				mem.Roles = append(mem.Roles, rn.text)
			}
		}
		out = append(out, mem)
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// responderRef reads a required string naming a responder of the file.
func (s *schema) responderRef(m map[string]*node, parent *node, path, k string, ids map[string]bool) string {
	id, ok := s.str(m, path, k)
	switch {
	case !ok:
		return ""
	case id == "":
		s.fail(nodeOr(m[k], parent), key(path, k), fmt.Errorf("%w: a responder id", ErrMissing))
		return ""
	case !ids[id]:
		s.fail(m[k], key(path, k), fmt.Errorf("responder %q: %w", id, ErrUnknownRef))
	}
	return id
}

// pins reads the agreed assignments. A pin must start at a handoff: the handoff time in the
// handoff's zone and, for cycles of whole weeks, the handoff weekday.
func (s *schema) pins(m map[string]*node, roles []string, ids map[string]bool, spec rotation.Spec) []rotation.Pin {
	elems, ok := s.array(m, "rotation", "pins")
	if !ok {
		return nil
	}
	var out []rotation.Pin
	first := map[string]int{}
	for i, e := range elems {
		path := index("rotation.pins", i)
		pm, ok := s.object(e, path, "responder", "role", "start")
		if !ok {
			continue
		}
		var p rotation.Pin
		p.Responder = s.responderRef(pm, e, path, "responder", ids)
		if role, ok := s.str(pm, path, "role"); ok {
			switch {
			case role == "":
				s.fail(nodeOr(pm["role"], e), key(path, "role"), fmt.Errorf("%w: the pinned role", ErrMissing))
			case !containsString(roles, role):
				s.fail(pm["role"], key(path, "role"), fmt.Errorf("role %q: %w (the rotation's roles: %s)", role, ErrUnknownRef, strings.Join(roles, ", ")))
			}
			p.Role = role
		}
		if start, ok := s.str(pm, path, "start"); ok {
			if start == "" {
				s.fail(nodeOr(pm["start"], e), key(path, "start"), fmt.Errorf("%w: the start of the pinned cycle (RFC 3339)", ErrMissing))
			} else if t, err := time.Parse(time.RFC3339, start); err != nil {
				s.fail(pm["start"], key(path, "start"), fmt.Errorf("want an RFC 3339 time such as \"2026-12-22T10:00:00Z\": %w", ErrValue))
			} else if why := offHandoff(t, spec); why != "" {
				s.fail(pm["start"], key(path, "start"), fmt.Errorf("%s: %w", why, ErrValue))
			} else {
				p.Start = t
				k := p.Role + "\x00" + strconv.FormatInt(t.UnixNano(), 10)
				if line, dup := first[k]; dup {
					s.fail(pm["start"], key(path, "start"), fmt.Errorf("%w pin for %s at %s (first at line %d)", ErrDuplicateID, p.Role, start, line))
				}
				first[k] = pm["start"].line
			}
		}
		out = append(out, p)
	}
	return out
}

// offHandoff says why t cannot start a cycle of spec, or "" when it can.
func offHandoff(t time.Time, spec rotation.Spec) string {
	h, loc := rotation.DefaultHandoff(), spec.Zone
	if spec.Handoff != nil {
		h = *spec.Handoff
	}
	if loc == nil {
		loc = time.UTC
	}
	lt := t.In(loc)
	clock := calendar.Clock(lt.Hour()*3600 + lt.Minute()*60 + lt.Second())
	days := spec.CycleDays
	if days == 0 {
		days = 7
	}
	switch {
	case clock != h.At || lt.Nanosecond() != 0:
		return fmt.Sprintf("starts at %s in %s, not at the handoff time %s", clock, loc, h.At)
	case days%7 == 0 && lt.Weekday() != h.Day:
		return fmt.Sprintf("falls on a %s in %s, not on the handoff day %s", lt.Weekday(), loc, h.Day)
	}
	return ""
}

// Problem builds the rotation problem of the team for the horizon [from, to): every
// responder is a member, with the rotation section's overrides. Without a rotation section,
// or when it lists no roles, the rotation's roles are the team's roles, weighted as
// rotation.DefaultRoles weighs them when the names match (primary 1, secondary 0.5) and 1
// otherwise. Pins outside the horizon are left out: they are agreements about other weeks.
// Decode guarantees that members and pins name responders of the team; an override for
// any other id in a Team built by hand has no one to apply to and is ignored.
func (t *Team) Problem(from, to time.Time) rotation.Problem {
	p := rotation.Problem{From: from, To: to}
	var r Rotation
	if t.Rotation != nil {
		r = *t.Rotation
	}
	p.Spec, p.Weights, p.Seed, p.ExactBudget = r.Spec, r.Weights, r.Seed, r.ExactBudget
	p.PageLoad.Weight = r.PageWeight
	if r.Carried != nil {
		p.Carried = maps.Clone(r.Carried)
	}
	if p.Spec.Roles == nil {
		p.Spec.Roles = defaultWeighted(t.Roles)
	}
	over := map[string]Member{}
	for _, m := range r.Members {
		over[m.ID] = m
	}
	for _, resp := range t.Responders {
		m := rotation.Member{Responder: resp}
		if o, ok := over[resp.ID]; ok {
			m.Capacity, m.MaxStints = o.Capacity, o.MaxStints
			if o.Roles != nil {
				m.Roles = append([]string{}, o.Roles...)
			}
		}
		p.Team = append(p.Team, m)
	}
	for _, pin := range r.Pins {
		if !pin.Start.Before(from) && pin.Start.Before(to) {
			p.Pins = append(p.Pins, pin)
		}
	}
	return p
}

// defaultWeighted turns the team's roles into rotation roles.
func defaultWeighted(roles []oncall.Role) []rotation.RoleSpec {
	weights := map[string]float64{}
	for _, r := range rotation.DefaultRoles() {
		weights[r.Name] = r.Weight
	}
	out := make([]rotation.RoleSpec, 0, len(roles))
	for _, r := range roles {
		w := weights[r.Name]
		if w == 0 {
			w = 1
		}
		out = append(out, rotation.RoleSpec{Name: r.Name, Weight: w})
	}
	return out
}

// DecodeRotation reads a rotation file: a document of the team file's form holding only
// "schema_version" and "rotation", for a rotation kept apart from the team (or tried out
// against it). Its member ids, pin responders and roles are checked against team; store the
// result in team.Rotation to use it in place of the team file's own section.
func DecodeRotation(r io.Reader, name string, team *Team) (*Rotation, error) {
	root, err := readTree(r, name)
	if err != nil {
		return nil, err
	}
	s := &schema{file: name}
	m, ok := s.object(root, "", "schema_version", "rotation")
	if !ok || !s.version(root, m["schema_version"]) {
		return nil, s.err()
	}
	if m["rotation"] == nil {
		s.fail(root, "rotation", fmt.Errorf("%w: a rotation file holds a \"rotation\" section", ErrMissing))
		return nil, s.err()
	}
	ids := map[string]bool{}
	for _, resp := range team.Responders {
		ids[resp.ID] = true
	}
	rot := s.rotation(m["rotation"], team.Roles, ids)
	if err := s.err(); err != nil {
		return nil, err
	}
	return rot, nil
}
