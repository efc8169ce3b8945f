// Package teamfile reads and writes the hand-written team file: the team's name, its on-call
// roles with their response agreements, each responder with their calendar profile, and the
// rules of the team's rotation (package rotation).
//
// Decoding has two layers. A front-end turns the file's syntax into a small tree of values
// that remembers the line each value came from; the schema layer turns that tree into a Team
// and reports every problem with the file name, the key path (responders[2].profile.sleep)
// and the line. There are two front-ends, JSON and YAML, and one schema: the same file in
// either syntax decodes to the same Team, and is refused for the same reasons at the same key.
//
// # Syntax
//
// Decode, DecodeRotation and DecodePolicy read YAML when the name they are given ends in .yaml
// or .yml, JSON when it ends in .json, and otherwise (standard input, "-", or any other name)
// JSON when the first character after white space and a byte order mark is '{', YAML when it
// is not. So "oncall ... --team team.yaml" and "--team -" need nothing more.
//
// YAML is read with go.yaml.in/yaml/v3 as YAML 1.2's core schema, which is what a person
// writing a team file means: yes, no, on, off and NO (Norway) are text, so are 08:00 and
// 09:00-17:30 (no base-60 numbers), and dates and times such as 2026-08-03 stay text as
// written. Booleans are true and false (True, TRUE, ...); null is null, ~ or nothing. Some
// of YAML is refused, with ErrYAMLFeature, the line and the key path, because it makes a
// hand-written file read differently to a person and to a program, or lets a small file
// stand for a huge one:
//   - anchors (&name) and aliases (*name), and merge keys (<<): each value is written out;
//     an anchor is refused where it is defined, before any alias is followed, so an alias
//     bomb costs no more than its own text;
//   - keys that are not text (1:, ~:, true:, a list); quote a key to make it text;
//   - tags other than the core ones (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq);
//   - numbers JSON cannot write: 010 (octal in YAML 1.1, ten in 1.2), 0x1F, 0o17, 1_000,
//     +1, .5, .inf and .nan; write decimals as JSON does, or quote text made of digits;
//   - a second document (a second "---").
//
// A repeated key is an error naming both lines, in either syntax. Syntax errors carry the
// line at fault but no key path.
//
// Schema version 1, in JSON (the YAML file has the same keys; examples/team.yaml is the
// sample team written in YAML):
//
//	{
//	  "schema_version": 1,
//	  "team": "payments",
//	  "roles": [{"name": "primary", "ack_sla": "5m"}, {"name": "secondary", "ack_sla": "30m"}],
//	  "responders": [
//	    {"id": "alice@example.com", "name": "Alice", "team": "payments",
//	     "profile": {"zone": "Europe/London", "working_days": "Mon-Fri",
//	                 "working_hours": "09:00-17:30", "sleep": "23:00-07:00", "region": "GB",
//	                 "leave": [{"from": "2026-08-03", "to": "2026-08-14"}]}}
//	  ],
//	  "rotation": {
//	    "cycle_days": 7,
//	    "handoff": {"weekday": "Tue", "time": "10:00", "zone": "Europe/London"},
//	    "roles": [{"name": "primary", "weight": 1}, {"name": "secondary", "weight": 0.5}],
//	    "chain": true, "min_cycles_off": 1, "stint_period": 13,
//	    "weights": {"business": 1, "off": 1.5, "sleep": 2, "weekend": 1.5, "holiday": 2, "leave": 3},
//	    "members": [{"id": "alice@example.com", "capacity": 0.5, "roles": ["secondary"], "max_stints": 2}],
//	    "pins": [{"responder": "alice@example.com", "role": "secondary", "start": "2026-12-22T10:00:00Z"}],
//	    "carried": {"alice@example.com": 6.5},
//	    "exact_budget": 2000000,
//	    "page_weight": 0.5,
//	    "seed": 1
//	  }
//	}
//
// Unknown keys and repeated keys are errors. "roles" may be left out, meaning
// oncall.DefaultRoles; "ack_sla" and "resolve_sla" are Go durations ("5m", "1h30m"), empty or
// absent for no agreement. Each responder needs a unique, non-empty "id" and a "profile" with
// at least a "zone" (write "UTC" if that is meant: a missing zone is more often a mistake than
// a choice). The profile object is calendar.Profile's JSON form and must compile with
// calendar.New. A responder without a "team" belongs to the file's team.
//
// "rotation" is optional and so is every key in it; what is left out takes package
// rotation's defaults. "cycle_days" (default 7), "min_cycles_off" (default 0) and
// "stint_period" (default 13 cycles) are whole numbers. "handoff" defaults to Tuesday 10:00
// UTC; when given it needs a "zone", and "weekday" ("Tue" or "Tuesday") and "time" ("HH:MM")
// default to Tuesday and 10:00. "roles" name roles of the team, each with a "weight"
// (default 1); left out, the rotation's roles are the team's, primary weighing 1 and
// secondary 0.5. "chain" makes last cycle's secondary this cycle's primary. "weights" price
// an hour by band (business, off, sleep) and flag (weekend, holiday, leave); the defaults are
// those of rotation.DefaultWeights, shown above. Weights, role weights and capacities must be
// above 0 (leave a key out for its default). "members" override, per responder, "capacity"
// (default 1; 0.5 for half time), "roles" (default every role; [] takes the person out of
// the rotation) and "max_stints" per stint period (default no cap). "pins" are agreed
// assignments: a responder, a role and the RFC 3339 start of a cycle, which must fall on the
// handoff weekday and time. "carried" brings balances forward from before any history the
// rotation is given (rotation.Problem.Carried): burden units by responder id, positive for
// someone who has carried more than their share, any finite number. "exact_budget" is the
// work budget of the exact search that follows the generator's local search, in person-unit
// evaluations: a whole number, 0 for no exact search, left out for
// rotation.DefaultExactBudget. "page_weight" (default 0, off) adds that much burden per
// expected page to each shift hour, the expectation learned by hour of week from past pages
// the command is given (rotation.PageLoad). "seed" breaks ties.
//
// A rotation role may hold a "coverage": the daily windows it must be held, in place of
// around the clock (rotation.Coverage). "zone" is where the windows are read (default the
// handoff's zone), "days" the days whose windows count ("Mon-Fri", "Sat,Sun"; default every
// day) and "hours" the daily window ("09:00-17:00"; "22:00-06:00" crosses midnight and
// belongs to the day it starts; default the whole day). At least one of "days" and "hours"
// must narrow the role: every day, all day is around the clock, written by leaving coverage
// out. Windows keep their local times across clock changes. Roles with different windows
// rotate independently, which gives three common shapes:
//
//	business hours only:     {"name": "office", "coverage": {"days": "Mon-Fri", "hours": "09:00-17:00"}}
//	weekday/weekend layers:  {"name": "weekday", "coverage": {"days": "Mon-Fri"}},
//	                         {"name": "weekend", "weight": 1.5, "coverage": {"days": "Sat,Sun"}}
//	follow the sun:          {"name": "emea", "coverage": {"zone": "Europe/London", "hours": "08:00-16:00"}},
//	                         {"name": "amer", "coverage": {"zone": "America/New_York", "hours": "08:00-16:00"}},
//	                         {"name": "apac", "coverage": {"zone": "Asia/Tokyo", "hours": "08:00-16:00"}}
//
// with each region's people given only their region's role in "members". Chaining hands a
// whole cycle on, so with "chain" the first two roles cannot have coverage. Every covered
// role is a role of the team, like any other.
//
// See Team.Problem for how the section becomes
// a rotation.Problem, and DecodeRotation for a rotation kept in a file of its own.
//
// "recovery" is optional: the policy that grants recovery time after pages (package
// fatigue),
//
//	"recovery": {
//	  "policy": "automatic-day-off",
//	  "overrides": [{"id": "bo@example.com", "policy": ["eu-rest", "time-in-lieu"]},
//	                {"id": "cy@example.com",
//	                 "policy": {"rules": [{"rule": "time-in-lieu", "multiplier": 1.5}],
//	                            "expiry_days": 30}}]
//	}
//
// A "policy" is a preset name (automatic-day-off, eu-rest, time-in-lieu; see Preset), a
// list of preset names, combined, or a policy object in fatigue.ReadPolicy's form, whose
// durations must be whole seconds. "policy" is required; "overrides" give responders of the
// file (by "id", each once) a policy of their own. See Team.Policies, and DecodePolicy for a
// policy kept in a file of its own.
package teamfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/wellrested/oncall"
)

// SchemaVersion is the version of the team file this package reads and writes.
const SchemaVersion = 1

// MaxSize is the largest team file Decode reads, in bytes.
const MaxSize = 16 << 20

// Team is the content of a team file.
type Team struct {
	// Name is the team's name; may be empty.
	Name string
	// Roles are the on-call roles, in file order.
	Roles []oncall.Role
	// Responders are the people, in file order. Their IDs are unique and their profiles
	// compile with calendar.New.
	Responders []oncall.Responder
	// Rotation is the "rotation" section; nil when the file has none.
	Rotation *Rotation
	// Recovery is the "recovery" section; nil when the file has none.
	Recovery *Recovery
}

// Responder returns the responder with the given ID.
func (t *Team) Responder(id string) (oncall.Responder, bool) {
	for _, r := range t.Responders {
		if r.ID == id {
			return r, true
		}
	}
	return oncall.Responder{}, false
}

// Role returns the role with the given name.
func (t *Team) Role(name string) (oncall.Role, bool) {
	for _, r := range t.Roles {
		if r.Name == name {
			return r, true
		}
	}
	return oncall.Role{}, false
}

// Sentinel errors, for errors.Is. Profile problems wrap the calendar package's errors
// (calendar.ErrInvalidProfile, calendar.ErrUnknownRegion, ...) instead.
var (
	// ErrSyntax reports a file that is not well-formed JSON or YAML.
	ErrSyntax = errors.New("syntax error")
	// ErrType reports a value of the wrong kind (a number where text belongs, ...).
	ErrType = errors.New("wrong type")
	// ErrUnknownKey reports a key the schema does not have.
	ErrUnknownKey = errors.New("unknown key")
	// ErrDuplicateKey reports a key given twice in one object.
	ErrDuplicateKey = errors.New("key given twice")
	// ErrMissing reports a required key that is absent or empty.
	ErrMissing = errors.New("required")
	// ErrDuplicateID reports two responders (or two roles) with the same ID (or name).
	ErrDuplicateID = errors.New("duplicate")
	// ErrSchemaVersion reports a schema version this package does not read.
	ErrSchemaVersion = errors.New("unsupported schema version")
	// ErrDuration reports a role agreement that is not a non-negative Go duration.
	ErrDuration = errors.New("not a non-negative duration")
	// ErrTooLarge reports a file larger than MaxSize.
	ErrTooLarge = errors.New("file too large")
)

// Error is one problem with a team file. Decode returns one *Error, or several joined with
// errors.Join, ordered by line.
type Error struct {
	// File is the name given to Decode (the path, for Load).
	File string
	// Line is the 1-based line of the offending value; 0 when unknown.
	Line int
	// Path is the key path of the offending value ("responders[2].profile.sleep"); empty for
	// the file as a whole.
	Path string
	// Value is the offending value as written, when it is a single string, number or
	// boolean.
	Value string
	// Err is the reason.
	Err error
}

// Error implements error: "team.json:14: responders[2].profile.sleep: reason".
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(":")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "%d:", e.Line)
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the reason.
func (e *Error) Unwrap() error { return e.Err }

// Decode reads a team file from r, in JSON or YAML. name is used in errors (a path, or "-"
// for standard input) and chooses the syntax: YAML for names ending in .yaml or .yml, JSON
// for .json, and otherwise JSON when the text starts with '{', YAML when it does not.
func Decode(r io.Reader, name string) (*Team, error) {
	root, err := readTree(r, name)
	if err != nil {
		return nil, err
	}
	return decodeTeam(root, name)
}

// readTree reads a whole file and parses it with the front-end its name or content calls
// for (see Decode).
func readTree(r io.Reader, name string) (*node, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	if len(data) > MaxSize {
		return nil, &Error{File: name, Err: fmt.Errorf("more than %d bytes: %w", MaxSize, ErrTooLarge)}
	}
	parse := parseJSON
	if isYAML(name, data) {
		parse = parseYAML
	}
	root, perr := parse(data)
	if perr != nil {
		perr.File = name
		return nil, perr
	}
	return root, nil
}

// Load reads the team file at path.
func Load(path string) (*Team, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, Err: err}
	}
	defer f.Close()
	return Decode(f, path)
}
