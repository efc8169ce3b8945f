package teamfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/calendar"
)

// maxErrors bounds how many problems one Decode reports.
const maxErrors = 50

// schema is the schema layer: it turns a tree into a Team, collecting problems.
type schema struct {
	file string
	errs []*Error
}

func (s *schema) fail(n *node, path string, err error) {
	e := &Error{File: s.file, Path: path, Err: err}
	if n != nil {
		e.Line = n.line
		if n.scalar() {
			e.Value = n.text
		}
	}
	s.errs = append(s.errs, e)
}

func (s *schema) err() error {
	if len(s.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(s.errs, func(a, b *Error) int { return a.Line - b.Line })
	if len(s.errs) > maxErrors {
		s.errs = s.errs[:maxErrors]
	}
	if len(s.errs) == 1 {
		return s.errs[0]
	}
	errs := make([]error, len(s.errs))
	for i, e := range s.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// key extends a key path with an object key: "a.b", or a["odd key"] when the key is not a
// plain name.
func key(path, k string) string {
	plain := k != ""
	for _, c := range k {
		if !(c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			plain = false
			break
		}
	}
	switch {
	case !plain:
		return path + "[" + strconv.Quote(k) + "]"
	case path == "":
		return k
	}
	return path + "." + k
}

// index extends a key path with an array index.
func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func (s *schema) wrongType(n *node, path string, want string) {
	s.fail(n, path, fmt.Errorf("want %s, got %s%s: %w", want, n.kind, yamlHint(n, want), ErrType))
}

// yamlHint says how to write what an unquoted YAML value probably meant, when YAML read it
// as another kind: an id of digits is a number unless quoted, and YAML 1.2 reads yes and no
// as text.
func yamlHint(n *node, want string) string {
	if !n.plain {
		return ""
	}
	switch {
	case n.kind == kindNull && n.text == "null":
		return " (nothing is written after the key, or null)"
	case n.kind == kindString && want == "true or false":
		switch strings.ToLower(n.text) {
		case "yes", "no", "on", "off", "y", "n":
			return fmt.Sprintf(" (YAML reads %s as text: write true or false)", n.text)
		}
	case (n.kind == kindNumber || n.kind == kindBool) && (want == "a string" || want == "a preset name"):
		return fmt.Sprintf(" (YAML reads %s unquoted as a %s: quote it if it is text)", n.text, n.kind)
	}
	return ""
}

// object checks that n is an object whose keys are all in known, each once, and returns its
// members by key.
func (s *schema) object(n *node, path string, known ...string) (map[string]*node, bool) {
	if n.kind != kindObject {
		s.wrongType(n, path, "an object")
		return nil, false
	}
	m := make(map[string]*node, len(n.keys))
	for i, k := range n.keys {
		v := n.elems[i]
		switch {
		case !slices.Contains(known, k):
			s.fail(v, key(path, k), fmt.Errorf("%w %q (known: %s)", ErrUnknownKey, k, strings.Join(known, ", ")))
		case m[k] != nil:
			s.fail(v, key(path, k), fmt.Errorf("%w %q (first at line %d)", ErrDuplicateKey, k, m[k].line))
		default:
			m[k] = v
		}
	}
	return m, true
}

// str reads an optional string member; absent reads as "".
func (s *schema) str(m map[string]*node, path, k string) (string, bool) {
	n := m[k]
	if n == nil {
		return "", true
	}
	if n.kind != kindString {
		s.wrongType(n, key(path, k), "a string")
		return "", false
	}
	return n.text, true
}

// array reads an array member; ok is false when it is absent or not an array.
func (s *schema) array(m map[string]*node, path, k string) ([]*node, bool) {
	n := m[k]
	if n == nil {
		return nil, false
	}
	if n.kind != kindArray {
		s.wrongType(n, key(path, k), "an array")
		return nil, false
	}
	return n.elems, true
}

// decodeTeam is the schema layer for version 1.
func decodeTeam(root *node, file string) (*Team, error) {
	s := &schema{file: file}
	m, ok := s.object(root, "", "schema_version", "team", "roles", "responders", "rotation", "recovery")
	if !ok {
		return nil, s.err()
	}
	if !s.version(root, m["schema_version"]) {
		// A file of another version may use the other keys differently: stop here.
		return nil, s.err()
	}
	t := &Team{}
	t.Name, _ = s.str(m, "", "team")
	t.Roles = s.roles(root, m)
	t.Responders = s.responders(root, m, t.Name)
	if n := m["rotation"]; n != nil {
		ids := map[string]bool{}
		for _, r := range t.Responders {
			ids[r.ID] = true
		}
		t.Rotation = s.rotation(n, t.Roles, ids)
	}
	if n := m["recovery"]; n != nil {
		ids := map[string]bool{}
		for _, r := range t.Responders {
			ids[r.ID] = true
		}
		t.Recovery = s.recovery(n, ids)
	}
	if err := s.err(); err != nil {
		return nil, err
	}
	return t, nil
}

func (s *schema) version(root, n *node) bool {
	if n == nil {
		s.fail(root, "schema_version", fmt.Errorf("%w: the file must say which schema it follows (%d)", ErrMissing, SchemaVersion))
		return false
	}
	if n.kind != kindNumber {
		s.wrongType(n, "schema_version", "a number")
		return false
	}
	if v, err := strconv.Atoi(n.text); err != nil || v != SchemaVersion {
		s.fail(n, "schema_version", fmt.Errorf("%w %s: this build reads version %d", ErrSchemaVersion, n.text, SchemaVersion))
		return false
	}
	return true
}

func (s *schema) roles(root *node, m map[string]*node) []oncall.Role {
	if m["roles"] == nil {
		return oncall.DefaultRoles()
	}
	elems, ok := s.array(m, "", "roles")
	if !ok {
		return nil
	}
	if len(elems) == 0 {
		s.fail(m["roles"], "roles", fmt.Errorf("%w: at least one role (leave \"roles\" out for primary and secondary)", ErrMissing))
	}
	var roles []oncall.Role
	first := map[string]int{}
	for i, e := range elems {
		path := index("roles", i)
		rm, ok := s.object(e, path, "name", "ack_sla", "resolve_sla")
		if !ok {
			continue
		}
		var r oncall.Role
		r.Name, ok = s.str(rm, path, "name")
		switch {
		case !ok:
		case strings.TrimSpace(r.Name) == "":
			s.fail(nodeOr(rm["name"], e), key(path, "name"), fmt.Errorf("%w: a role needs a name", ErrMissing))
		case first[r.Name] > 0:
			s.fail(rm["name"], key(path, "name"), fmt.Errorf("%w role %q (first at line %d)", ErrDuplicateID, r.Name, first[r.Name]))
		default:
			first[r.Name] = rm["name"].line
		}
		r.AckSLA = s.duration(rm, path, "ack_sla")
		r.ResolveSLA = s.duration(rm, path, "resolve_sla")
		roles = append(roles, r)
	}
	return roles
}

func nodeOr(n, fallback *node) *node {
	if n != nil {
		return n
	}
	return fallback
}

func (s *schema) duration(m map[string]*node, path, k string) time.Duration {
	v, ok := s.str(m, path, k)
	if !ok || v == "" {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		s.fail(m[k], key(path, k), fmt.Errorf("%q: %w (like \"5m\" or \"1h30m\")", v, ErrDuration))
		return 0
	}
	return d
}

func (s *schema) responders(root *node, m map[string]*node, team string) []oncall.Responder {
	if m["responders"] == nil {
		s.fail(root, "responders", fmt.Errorf("%w: the list of people", ErrMissing))
		return nil
	}
	elems, ok := s.array(m, "", "responders")
	if !ok {
		return nil
	}
	if len(elems) == 0 {
		s.fail(m["responders"], "responders", fmt.Errorf("%w: at least one responder", ErrMissing))
	}
	var out []oncall.Responder
	first := map[string]int{}
	for i, e := range elems {
		path := index("responders", i)
		rm, ok := s.object(e, path, "id", "name", "team", "profile")
		if !ok {
			continue
		}
		var r oncall.Responder
		if id, ok := s.str(rm, path, "id"); ok {
			switch {
			case strings.TrimSpace(id) == "":
				s.fail(nodeOr(rm["id"], e), key(path, "id"), fmt.Errorf("%w: a responder needs an id (an email or a vendor user ID)", ErrMissing))
			case first[id] > 0:
				s.fail(rm["id"], key(path, "id"), fmt.Errorf("%w responder id %q (first at line %d)", ErrDuplicateID, id, first[id]))
			default:
				first[id] = rm["id"].line
			}
			r.ID = id
		}
		r.Name, _ = s.str(rm, path, "name")
		r.Team, _ = s.str(rm, path, "team")
		if r.Team == "" {
			r.Team = team
		}
		r.Profile = s.profile(e, rm["profile"], key(path, "profile"))
		out = append(out, r)
	}
	return out
}

// profile decodes a profile with calendar.Profile's own JSON decoder and compiles it with
// calendar.New, so the calendar package stays the one authority on the profile's form. When
// that fails, locate narrows the failure down to the key that causes it.
func (s *schema) profile(parent, n *node, path string) calendar.Profile {
	if n == nil {
		s.fail(parent, path, fmt.Errorf("%w: a profile with at least a zone", ErrMissing))
		return calendar.Profile{}
	}
	if n.kind != kindObject {
		s.wrongType(n, path, "an object")
		return calendar.Profile{}
	}
	if !s.uniqueKeys(n, path) {
		return calendar.Profile{}
	}
	p, err := compileProfile(n)
	if err != nil {
		bad, badPath, why := locate(n, path, func(x *node) *node { return x }, err)
		s.fail(bad, badPath, why)
		return calendar.Profile{}
	}
	if !slices.Contains(n.keys, "zone") {
		s.fail(n, key(path, "zone"), fmt.Errorf("%w: the person's IANA time zone (\"Europe/London\"; \"UTC\" if that is meant)", ErrMissing))
	}
	return p
}

// uniqueKeys reports repeated keys anywhere under n, which JSON decoders silently accept.
func (s *schema) uniqueKeys(n *node, path string) bool {
	ok := true
	switch n.kind {
	case kindObject:
		seen := map[string]int{}
		for i, k := range n.keys {
			if line, dup := seen[k]; dup {
				s.fail(n.elems[i], key(path, k), fmt.Errorf("%w %q (first at line %d)", ErrDuplicateKey, k, line))
				ok = false
				continue
			}
			seen[k] = n.elems[i].line
			ok = s.uniqueKeys(n.elems[i], key(path, k)) && ok
		}
	case kindArray:
		for i, e := range n.elems {
			ok = s.uniqueKeys(e, index(path, i)) && ok
		}
	}
	return ok
}

// compileProfile decodes the JSON form of n as a calendar.Profile and compiles it.
func compileProfile(n *node) (calendar.Profile, error) {
	var p calendar.Profile
	if err := json.Unmarshal(n.appendJSON(nil), &p); err != nil {
		return calendar.Profile{}, err
	}
	if _, err := calendar.New(p); err != nil {
		return calendar.Profile{}, err
	}
	return p, nil
}

// locate finds the smallest part of a failing profile that is at fault, and returns it with
// its path and the profile's error. wrap rebuilds a
// whole profile around a part of n (a profile holding only that key, or only that list
// element). A member of n is at fault when it fails on its own and n passes without it; when
// exactly one member is, locate descends into it, otherwise the fault lies in how the members
// combine (a leave with "from" but no "to") and n itself is reported.
func locate(n *node, path string, wrap func(*node) *node, err error) (*node, string, error) {
	var (
		found     *node
		foundPath string
		foundWrap func(*node) *node
		count     int
	)
	for i, child := range n.elems {
		var w func(*node) *node
		var p string
		if n.kind == kindObject {
			k := n.keys[i]
			w = func(x *node) *node { return wrap(&node{kind: kindObject, keys: []string{k}, elems: []*node{x}}) }
			p = key(path, k)
		} else {
			w = func(x *node) *node { return wrap(&node{kind: kindArray, elems: []*node{x}}) }
			p = index(path, i)
		}
		if compileErr(w(child)) == nil || compileErr(wrap(without(n, i))) != nil {
			continue
		}
		count++
		found, foundPath, foundWrap = child, p, w
	}
	if count != 1 {
		return n, path, err
	}
	// Keep the whole profile's error: its list indexes match the path.
	return locate(found, foundPath, foundWrap, err)
}

func compileErr(n *node) error {
	_, err := compileProfile(n)
	return err
}

// without returns a copy of object or array n without its i-th member.
func without(n *node, i int) *node {
	c := *n
	c.elems = append(append([]*node{}, n.elems[:i]...), n.elems[i+1:]...)
	if n.kind == kindObject {
		c.keys = append(append([]string{}, n.keys[:i]...), n.keys[i+1:]...)
	}
	return &c
}
