package teamfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wellrested/oncall/fatigue"
)

// Recovery is the team file's optional "recovery" section: the policy that grants recovery
// time after pages (package fatigue), with per-person overrides.
type Recovery struct {
	// Policy applies to everyone without an override.
	Policy PolicySpec
	// Overrides give some responders a policy of their own, in file order.
	Overrides []Override
}

// Override is one entry of the section's "overrides" list.
type Override struct {
	// ID is the responder's id; it must be a responder of the file.
	ID     string
	Policy PolicySpec
}

// PolicySpec is a policy as the file gives it: preset names, or rules.
type PolicySpec struct {
	// Presets are preset names (see Preset), combined with fatigue.Combine. When it is not
	// empty, Policy is not used.
	Presets []string
	// Policy is a policy given rule by rule, in fatigue.ReadPolicy's form.
	Policy fatigue.Policy
}

// Resolve returns the policy the spec stands for.
func (p PolicySpec) Resolve() fatigue.Policy {
	if len(p.Presets) == 0 {
		return p.Policy
	}
	ps := make([]fatigue.Policy, 0, len(p.Presets))
	for _, name := range p.Presets {
		pol, _ := Preset(name)
		ps = append(ps, pol)
	}
	return fatigue.Combine(ps...)
}

// The preset names.
const (
	PresetAutomaticDayOff = "automatic-day-off"
	PresetEURest          = "eu-rest"
	PresetTimeInLieu      = "time-in-lieu"
)

// PresetNames lists the preset policies' names.
func PresetNames() []string {
	return []string{PresetAutomaticDayOff, PresetEURest, PresetTimeInLieu}
}

// Preset returns the preset policy of that name: fatigue.AutomaticDayOff, fatigue.EURestRule
// or fatigue.TimeInLieuPolicy.
func Preset(name string) (fatigue.Policy, bool) {
	switch name {
	case PresetAutomaticDayOff:
		return fatigue.AutomaticDayOff(), true
	case PresetEURest:
		return fatigue.EURestRule(), true
	case PresetTimeInLieu:
		return fatigue.TimeInLieuPolicy(), true
	}
	return fatigue.Policy{}, false
}

// Policies returns the recovery policies of the team; ok is false when the file has no
// "recovery" section (and the zero Policies, which grants nothing).
func (t *Team) Policies() (ps fatigue.Policies, ok bool) {
	if t.Recovery == nil {
		return fatigue.Policies{}, false
	}
	ps.Default = t.Recovery.Policy.Resolve()
	for _, o := range t.Recovery.Overrides {
		if ps.Override == nil {
			ps.Override = map[string]fatigue.Policy{}
		}
		ps.Override[o.ID] = o.Policy.Resolve()
	}
	return ps, true
}

// recovery decodes the "recovery" section; ids are the file's responders.
func (s *schema) recovery(n *node, ids map[string]bool) *Recovery {
	const path = "recovery"
	m, ok := s.object(n, path, "policy", "overrides")
	if !ok {
		return nil
	}
	r := &Recovery{}
	if m["policy"] == nil {
		s.fail(n, key(path, "policy"), fmt.Errorf("%w: a preset name (%s), a list of them, or a policy object", ErrMissing, strings.Join(PresetNames(), ", ")))
	} else {
		r.Policy = s.policySpec(m["policy"], key(path, "policy"))
	}
	elems, ok := s.array(m, path, "overrides")
	if !ok {
		return r
	}
	first := map[string]int{}
	for i, e := range elems {
		p := index(key(path, "overrides"), i)
		om, ok := s.object(e, p, "id", "policy")
		if !ok {
			continue
		}
		o := Override{ID: s.responderRef(om, e, p, "id", ids)}
		if o.ID != "" {
			if line, dup := first[o.ID]; dup {
				s.fail(om["id"], key(p, "id"), fmt.Errorf("%w override for %q (first at line %d)", ErrDuplicateID, o.ID, line))
			}
			first[o.ID] = om["id"].line
		}
		if om["policy"] == nil {
			s.fail(e, key(p, "policy"), fmt.Errorf("%w: the person's policy", ErrMissing))
		} else {
			o.Policy = s.policySpec(om["policy"], key(p, "policy"))
		}
		r.Overrides = append(r.Overrides, o)
	}
	return r
}

// policySpec reads a preset name, a list of preset names or a policy object.
func (s *schema) policySpec(n *node, path string) PolicySpec {
	switch n.kind {
	case kindString:
		s.preset(n, path)
		return PolicySpec{Presets: []string{n.text}}
	case kindArray:
		if len(n.elems) == 0 {
			s.fail(n, path, fmt.Errorf("%w: at least one preset name", ErrMissing))
		}
		var spec PolicySpec
		first := map[string]int{}
		for i, e := range n.elems {
			p := index(path, i)
			if e.kind != kindString {
				s.wrongType(e, p, "a preset name")
				continue
			}
			if line, dup := first[e.text]; dup {
				s.fail(e, p, fmt.Errorf("%w preset %q (first at line %d)", ErrDuplicateID, e.text, line))
				continue
			}
			first[e.text] = e.line
			s.preset(e, p)
			spec.Presets = append(spec.Presets, e.text)
		}
		return spec
	case kindObject:
		pol, _ := s.policy(n, path)
		return PolicySpec{Policy: pol}
	}
	s.wrongType(n, path, "a preset name, a list of preset names or a policy object")
	return PolicySpec{}
}

func (s *schema) preset(n *node, path string) {
	if _, ok := Preset(n.text); !ok {
		s.fail(n, path, fmt.Errorf("unknown preset %q (want %s): %w", n.text, strings.Join(PresetNames(), ", "), ErrValue))
	}
}

// policy reads a policy object with fatigue.ReadPolicy, so that package fatigue stays the
// one authority on its form, and places each problem at the value its path names.
func (s *schema) policy(n *node, path string) (fatigue.Policy, bool) {
	if n.kind != kindObject {
		s.wrongType(n, path, "a policy object")
		return fatigue.Policy{}, false
	}
	if !s.uniqueKeys(n, path) {
		return fatigue.Policy{}, false
	}
	pol, err := fatigue.ReadPolicy(bytes.NewReader(n.appendJSON(nil)))
	if err != nil {
		for _, e := range flatten(err) {
			var ce *fatigue.ConfigError
			if !errors.As(e, &ce) {
				s.fail(n, path, e)
				continue
			}
			at, sub := locatePolicy(n, ce)
			s.fail(at, joinPath(path, sub), ce.Err)
		}
		return fatigue.Policy{}, false
	}
	bad := fractions(pol)
	for _, sub := range bad {
		at, p := walk(n, sub)
		s.fail(at, joinPath(path, p), fmt.Errorf("want a whole number of seconds: %w", ErrValue))
	}
	return pol, len(bad) == 0
}

// flatten lists the errors joined in err.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

func joinPath(path, sub string) string {
	switch {
	case path == "":
		return sub
	case sub == "":
		return path
	case strings.HasPrefix(sub, "["):
		return path + sub
	}
	return path + "." + sub
}

// locatePolicy finds the value a policy error is about: the one its path names, else (for
// a decoding error with an empty or partial path) the unknown key or mistyped value the
// JSON decoder names. It returns the node and its path below the policy object.
func locatePolicy(root *node, ce *fatigue.ConfigError) (*node, string) {
	n, path := walk(root, ce.Path)
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(ce.Err, &te) && te.Field != "":
		return descendTyped(n, path, strings.Split(te.Field, "."), te.Type)
	default:
		if name, ok := unknownField(ce.Err); ok {
			if at, sub, found := findKey(n, path, name); found {
				return at, sub
			}
		}
	}
	return n, path
}

// walk follows a path such as "rules[2].multiplier" from root as far as it leads, and
// returns the value it reached with the whole path.
func walk(root *node, p string) (*node, string) {
	n, done := root, ""
	for p != "" {
		var step string
		if strings.HasPrefix(p, "[") {
			end := strings.IndexByte(p, ']')
			if end < 0 {
				break
			}
			i, err := strconv.Atoi(p[1:end])
			if err != nil || n.kind != kindArray || i < 0 || i >= len(n.elems) {
				break
			}
			step, n, p = p[:end+1], n.elems[i], p[end+1:]
		} else {
			p = strings.TrimPrefix(p, ".")
			end := strings.IndexAny(p, ".[")
			if end < 0 {
				end = len(p)
			}
			child := member(n, p[:end])
			if child == nil {
				break
			}
			step, n, p = p[:end], child, p[end:]
		}
		done = joinPath(done, step)
	}
	// A path that leads no further names a missing key: keep it, at the nearest value.
	return n, joinPath(done, strings.TrimPrefix(p, "."))
}

// member returns an object's member, or nil.
func member(n *node, k string) *node {
	if n.kind != kindObject {
		return nil
	}
	if i := slices.Index(n.keys, k); i >= 0 {
		return n.elems[i]
	}
	return nil
}

// descendTyped follows a decoder's field path ("caps.max_seconds", without indexes) from n;
// in an array it takes the first element whose member has the wrong kind for t.
func descendTyped(n *node, path string, fields []string, t reflect.Type) (*node, string) {
	for _, f := range fields {
		if n.kind == kindArray {
			found := false
			for i, e := range n.elems {
				if c := member(e, f); c != nil && !fits(c, t) {
					n, path, found = e, index(path, i), true
					break
				}
			}
			if !found {
				return n, path
			}
		}
		c := member(n, f)
		if c == nil {
			return n, path
		}
		n, path = c, joinPath(path, f)
	}
	return n, path
}

// fits reports whether a value of n's kind can decode into t.
func fits(n *node, t reflect.Type) bool {
	if t == nil {
		return true
	}
	switch t.Kind() {
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return n.kind == kindNumber || n.kind == kindNull
	case reflect.String:
		return n.kind == kindString || n.kind == kindNull
	case reflect.Slice:
		return n.kind == kindArray || n.kind == kindNull
	case reflect.Struct, reflect.Map:
		return n.kind == kindObject || n.kind == kindNull
	}
	return true
}

// unknownField picks the key out of encoding/json's "json: unknown field \"x\"".
func unknownField(err error) (string, bool) {
	const marker = `unknown field "`
	msg := err.Error()
	i := strings.Index(msg, marker)
	if i < 0 {
		return "", false
	}
	rest := msg[i+len(marker):]
	j := strings.IndexByte(rest, '"')
	if j < 0 {
		return "", false
	}
	return rest[:j], true
}

// findKey finds the object holding key k at or below n, nearest first.
func findKey(n *node, path, k string) (*node, string, bool) {
	if c := member(n, k); c != nil {
		return c, joinPath(path, k), true
	}
	for i, e := range n.elems {
		sub := index(path, i)
		if n.kind == kindObject {
			sub = joinPath(path, n.keys[i])
		}
		if at, p, ok := findKey(e, sub, k); ok {
			return at, p, true
		}
	}
	return nil, "", false
}

// fractions lists the paths of the policy's durations that are not whole seconds. A team
// file is written back by Encode, and only whole seconds survive the trip through a JSON
// number exactly.
func fractions(p fatigue.Policy) []string {
	var bad []string
	check := func(path string, d time.Duration) {
		if d%time.Second != 0 {
			bad = append(bad, path)
		}
	}
	for i, r := range p.Rules {
		at := fmt.Sprintf("rules[%d].", i)
		switch r := r.(type) {
		case fatigue.WeekendWork:
			check(at+"threshold_seconds", r.Threshold)
		case fatigue.RestRule:
			check(at+"min_rest_seconds", r.MinRest)
		case fatigue.TimeInLieu:
			check(at+"max_per_episode_seconds", r.MaxPerEpisode)
		}
	}
	for i, c := range p.Caps {
		check(fmt.Sprintf("caps[%d].max_seconds", i), c.Max)
	}
	return bad
}

// DecodePolicy reads a policy file of its own, in fatigue.ReadPolicy's form, with the team
// file's checks and error positions: every problem is an *Error naming the file, the line
// and the key path ("rules[1].multiplier").
func DecodePolicy(r io.Reader, name string) (fatigue.Policy, error) {
	root, err := readTree(r, name)
	if err != nil {
		return fatigue.Policy{}, err
	}
	s := &schema{file: name}
	pol, _ := s.policy(root, "")
	if err := s.err(); err != nil {
		return fatigue.Policy{}, err
	}
	return pol, nil
}
