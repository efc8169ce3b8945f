package ingest

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/wellrested/oncall"
)

// pdRef is a PagerDuty reference object ({"id", "type", "summary", ...}).
type pdRef struct {
	ID      string `json:"id"`
	Summary string `json:"summary"`
}

func (r pdRef) name() string { return firstNonEmpty(r.Summary, r.ID) }

// pdIncidentJSON holds the fields of a PagerDuty incident (GET /incidents) that pages need.
type pdIncidentJSON struct {
	ID               string              `json:"id"`
	Urgency          string              `json:"urgency"`
	CreatedAt        string              `json:"created_at"`
	ResolvedAt       string              `json:"resolved_at"`
	Service          pdRef               `json:"service"`
	Assignments      []pdAssignment      `json:"assignments"`
	Acknowledgements []pdAcknowledgement `json:"acknowledgements"`
}

type pdAssignment struct {
	At       string `json:"at"`
	Assignee pdRef  `json:"assignee"`
}

type pdAcknowledgement struct {
	At           string `json:"at"`
	Acknowledger pdRef  `json:"acknowledger"`
}

// pdLogEntryJSON holds the fields of a PagerDuty log entry (GET /log_entries or
// GET /incidents/{id}/log_entries) that pages need.
type pdLogEntryJSON struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	CreatedAt string `json:"created_at"`
	Agent     pdRef  `json:"agent"`
	User      pdRef  `json:"user"`
	Incident  pdRef  `json:"incident"`
	Service   pdRef  `json:"service"`
}

// Log entry kinds, in the order events at the same instant are replayed.
const (
	evTrigger uint8 = iota
	evEscalate
	evNotify
	evAcknowledge
	evResolve
)

var pdEventKinds = map[string]uint8{
	"trigger_log_entry":     evTrigger,
	"escalate_log_entry":    evEscalate,
	"notify_log_entry":      evNotify,
	"acknowledge_log_entry": evAcknowledge,
	"resolve_log_entry":     evResolve,
}

// pdEvent is the compact form a log entry is kept in until its incident is rebuilt.
type pdEvent struct {
	at    time.Time
	id    string
	user  string // notified user (notify) or agent (acknowledge)
	file  int32  // index into pdReader.files
	index int32
	inc   int32 // index into pdReader.order
	kind  uint8
}

// pdNotice is a person paged: from a notify log entry, or an assignment when there are none.
type pdNotice struct {
	user  string
	at    time.Time
	level int
}

// pdIncident is everything kept about one incident: its own fields and its log entries.
type pdIncident struct {
	id          string
	seq         int32 // position in pdReader.order
	first, last recordRef
	known       bool // seen in an incidents file, not only referenced by log entries
	service     string
	urgency     string
	created     time.Time
	resolved    time.Time
	assigned    []pdNotice
	acks        []pdEvent
	events      []pdEvent // filled by groupEvents
}

// pdReader holds the state of one ReadPagerDuty call.
type pdReader struct {
	c      Config
	tp     *timeParser
	rep    Report
	byID   map[string]*pdIncident
	order  []*pdIncident
	intern map[string]string
	files  []string
	events []pdEvent // every relevant log entry, in input order
}

// ReadPagerDuty rebuilds pages from PagerDuty REST API v2 exports: incidents (saved
// GET /incidents responses with an "incidents" array, or bare arrays) and log entries
// (GET /log_entries or GET /incidents/{id}/log_entries responses with a "log_entries"
// array). Log entries are the source of truth when present: PagerDuty empties an incident's
// assignments and acknowledgements once it is resolved. Either list may be empty; log
// entries of incidents missing from the incident files still make pages.
//
// Memory: files are decoded one record at a time by a streaming JSON reader, never whole.
// Each incident is kept as a small struct in a map by ID, and each relevant log entry
// (trigger, notify, escalate, acknowledge, resolve) as a 72-byte event in one array, with
// repeated strings such as user and service IDs stored once. Once everything is read, a
// counting sort groups the events by incident (linear time) and each incident's history is
// replayed. Memory therefore grows with the number of incidents and relevant log entries,
// not with the size of the JSON.
func (c Config) ReadPagerDuty(incidents, logEntries []Source) ([]oncall.Page, Report, error) {
	loc, err := c.location()
	if err != nil {
		return nil, Report{}, err
	}
	pr := &pdReader{c: c, tp: newTimeParser(loc), byID: map[string]*pdIncident{}, intern: map[string]string{}}
	for _, src := range incidents {
		if err := pr.readFile(src, "incidents", pr.readIncident); err != nil {
			return finishAfter(err, c.Mode, pr.build, &pr.rep)
		}
	}
	for _, src := range logEntries {
		if err := pr.readFile(src, "log_entries", pr.readLogEntry); err != nil {
			return finishAfter(err, c.Mode, pr.build, &pr.rep)
		}
	}
	pages, err := pr.build(c.Mode)
	return pages, pr.rep, err
}

func (pr *pdReader) readFile(src Source, key string, one func(d *recordDecoder, ref recordRef) error) error {
	pr.files = append(pr.files, src.Name)
	return withSource(src, func(r io.Reader) error {
		d := &recordDecoder{lx: newLexer(r), strs: pr.intern}
		return eachRecordLex(d.lx, src.Name, key, func(index int) error {
			d.problem = nil
			return one(d, recordRef{src.Name, index})
		})
	})
}

// decodeLex runs one record decoder: a syntax or read error is fatal, a type problem
// rejects the record only.
func decodeLex(d *recordDecoder, decode func() error, ref recordRef) (pe *ParseError, fatal error) {
	if err := decode(); err != nil {
		return nil, err
	}
	if d.problem != nil {
		d.problem.File, d.problem.Index = ref.file, ref.index
	}
	return d.problem, nil
}

func (pr *pdReader) str(s string) string {
	if v, ok := pr.intern[s]; ok {
		return v
	}
	pr.intern[s] = s
	return s
}

func (pr *pdReader) readIncident(d *recordDecoder, ref recordRef) error {
	var v pdIncidentJSON
	pe, fatal := decodeLex(d, func() error { return d.incident(&v) }, ref)
	if fatal != nil {
		return fatal
	}
	pr.rep.Read++
	if pe == nil {
		pe = pr.addIncident(&v, ref)
	} else {
		pe.ID = v.ID
	}
	if pe != nil {
		return pr.rep.reject(pr.c.Mode, pe)
	}
	return nil
}

// addIncident checks one incident record and files it, merging it into an earlier record
// with the same ID.
func (pr *pdReader) addIncident(v *pdIncidentJSON, ref recordRef) *ParseError {
	bad := func(field, value string, err error) *ParseError {
		return &ParseError{File: ref.file, Index: ref.index, ID: v.ID, Field: field, Value: value, Err: err}
	}
	if v.ID == "" {
		return bad("id", "", ErrMissing)
	}
	inc := &pdIncident{id: v.ID, first: ref, last: ref, known: true, service: pr.str(v.Service.name()), urgency: pr.str(v.Urgency)}
	var err error
	if inc.created, err = pr.tp.parse(v.CreatedAt); err != nil {
		return bad("created_at", v.CreatedAt, err)
	}
	if inc.created.IsZero() {
		return bad("created_at", "", ErrMissing)
	}
	if inc.resolved, err = pr.tp.parse(v.ResolvedAt); err != nil {
		return bad("resolved_at", v.ResolvedAt, err)
	}
	for i, a := range v.Assignments {
		at, err := pr.tp.parse(a.At)
		if err != nil {
			return bad(fmt.Sprintf("assignments[%d].at", i), a.At, err)
		}
		inc.assigned = append(inc.assigned, pdNotice{user: pr.str(pr.c.responder(a.Assignee.ID, a.Assignee.Summary)), at: cmp.Or(at, inc.created)})
	}
	for i, a := range v.Acknowledgements {
		at, err := pr.tp.parse(a.At)
		if err != nil {
			return bad(fmt.Sprintf("acknowledgements[%d].at", i), a.At, err)
		}
		if at.IsZero() {
			return bad(fmt.Sprintf("acknowledgements[%d].at", i), "", ErrMissing)
		}
		inc.acks = append(inc.acks, pdEvent{at: at, user: pr.str(pr.c.responder(a.Acknowledger.ID, a.Acknowledger.Summary)), kind: evAcknowledge})
	}
	old, ok := pr.byID[v.ID]
	switch {
	case !ok:
		pr.addToOrder(inc)
	case !old.known: // only log entries so far: the incident record fills in its fields
		inc.first, inc.seq = old.first, old.seq
		*old = *inc
	default:
		pr.rep.Merged++
		pr.rep.Duplicates = append(pr.rep.Duplicates, Duplicate{ID: v.ID, File: ref.file, Index: ref.index, FirstFile: old.first.file, FirstIndex: old.first.index})
		mergeIncident(old, inc)
		return nil
	}
	pr.rep.Accepted++ // provisionally: build moves it to Rejected if no page can be made
	return nil
}

// mergeIncident lets the later record win field by field where it has a value.
func mergeIncident(old, later *pdIncident) {
	old.last = later.last
	old.service = cmp.Or(later.service, old.service)
	old.urgency = cmp.Or(later.urgency, old.urgency)
	old.created = later.created
	if !later.resolved.IsZero() {
		old.resolved = later.resolved
	}
	if len(later.assigned) > 0 {
		old.assigned = later.assigned
	}
	if len(later.acks) > 0 {
		old.acks = later.acks
	}
}

func (pr *pdReader) readLogEntry(d *recordDecoder, ref recordRef) error {
	var v pdLogEntryJSON
	pe, fatal := decodeLex(d, func() error { return d.logEntry(&v) }, ref)
	if fatal != nil {
		return fatal
	}
	pr.rep.Read++
	if pe == nil {
		pe = pr.addLogEntry(&v, ref)
	} else {
		pe.ID = v.ID
	}
	if pe != nil {
		return pr.rep.reject(pr.c.Mode, pe)
	}
	return nil
}

func (pr *pdReader) addLogEntry(v *pdLogEntryJSON, ref recordRef) *ParseError {
	bad := func(field, value string, err error) *ParseError {
		return &ParseError{File: ref.file, Index: ref.index, ID: v.ID, Field: field, Value: value, Err: err}
	}
	kind, relevant := pdEventKinds[v.Type]
	if !relevant {
		pr.rep.Ignored++
		return nil
	}
	if v.ID == "" {
		return bad("id", "", ErrMissing)
	}
	if v.Incident.ID == "" {
		return bad("incident.id", "", ErrMissing)
	}
	at, err := pr.tp.parse(v.CreatedAt)
	if err != nil {
		return bad("created_at", v.CreatedAt, err)
	}
	if at.IsZero() {
		return bad("created_at", "", ErrMissing)
	}
	ev := pdEvent{at: at, id: v.ID, kind: kind, file: int32(len(pr.files) - 1), index: int32(ref.index)}
	switch kind {
	case evNotify:
		if v.User.ID == "" && v.User.Summary == "" {
			return bad("user", "", fmt.Errorf("%w: notify_log_entry without user", ErrNoResponder))
		}
		ev.user = pr.str(pr.c.responder(v.User.ID, v.User.Summary))
	case evAcknowledge:
		ev.user = pr.str(pr.c.responder(v.Agent.ID, v.Agent.Summary))
	}
	inc, ok := pr.byID[v.Incident.ID]
	if !ok {
		inc = &pdIncident{id: v.Incident.ID, first: ref, last: ref, service: pr.str(v.Service.name())}
		pr.addToOrder(inc)
	}
	ev.inc = inc.seq
	pr.events = append(pr.events, ev)
	pr.rep.Accepted++
	return nil
}

func (pr *pdReader) addToOrder(inc *pdIncident) {
	inc.seq = int32(len(pr.order))
	pr.byID[inc.id] = inc
	pr.order = append(pr.order, inc)
}

// groupEvents hands each incident its log entries, in input order, as a window of one
// array: a counting sort by incident, linear in the number of entries.
func (pr *pdReader) groupEvents() {
	start := make([]int, len(pr.order)+1)
	for _, ev := range pr.events {
		start[ev.inc+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	grouped := make([]pdEvent, len(pr.events))
	next := slices.Clone(start[:len(pr.order)])
	for _, ev := range pr.events {
		grouped[next[ev.inc]] = ev
		next[ev.inc]++
	}
	for i, inc := range pr.order {
		inc.events = grouped[start[i]:start[i+1]:start[i+1]]
	}
	pr.events = nil
}

// build replays each incident's history into pages.
func (pr *pdReader) build(mode Mode) ([]oncall.Page, error) {
	pr.groupEvents()
	pages := make([]oncall.Page, 0, len(pr.order)+len(pr.order)/4)
	for _, inc := range pr.order {
		pr.dropDuplicateEvents(inc)
		n := len(pages)
		var pe *ParseError
		pages, pe = pr.appendIncidentPages(pages, inc)
		if pe == nil {
			for _, p := range pages[n:] {
				if err := p.Validate(); err != nil {
					pe = validationError(err, ParseError{File: inc.last.file, Index: inc.last.index, ID: inc.id})
					break
				}
			}
		}
		if pe != nil {
			pages = pages[:n]
			if err := pr.rejectIncident(inc, pe, mode); err != nil {
				return nil, err
			}
		}
	}
	sortPages(pages)
	return pages, nil
}

// rejectIncident moves the incident record and each of its log entries from Accepted to
// Rejected: none of them made a page.
func (pr *pdReader) rejectIncident(inc *pdIncident, pe *ParseError, mode Mode) error {
	if inc.known {
		pr.rep.Accepted--
		if err := pr.rep.reject(mode, pe); err != nil {
			return err
		}
	}
	for _, ev := range inc.events {
		pr.rep.Accepted--
		epe := &ParseError{File: pr.files[ev.file], Index: int(ev.index), ID: ev.id,
			Field: "incident.id", Value: inc.id, Err: fmt.Errorf("incident %s: %w", inc.id, pe.Err)}
		if err := pr.rep.reject(mode, epe); err != nil {
			return err
		}
	}
	return nil
}

// dropDuplicateEvents sorts the incident's log entries into replay order and merges those
// seen twice (the same entry from an incident's log and the account-wide log).
func (pr *pdReader) dropDuplicateEvents(inc *pdIncident) {
	slices.SortStableFunc(inc.events, func(a, b pdEvent) int {
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.kind, b.kind), cmp.Compare(a.id, b.id))
	})
	out := inc.events[:0]
	for i, ev := range inc.events {
		if i > 0 && ev.id == out[len(out)-1].id {
			first := out[len(out)-1]
			pr.rep.Accepted--
			pr.rep.Merged++
			pr.rep.Duplicates = append(pr.rep.Duplicates, Duplicate{ID: ev.id, File: pr.files[ev.file], Index: int(ev.index),
				FirstFile: pr.files[first.file], FirstIndex: int(first.index)})
			continue
		}
		out = append(out, ev)
	}
	inc.events = out
}

// appendIncidentPages appends one page per person notified.
func (pr *pdReader) appendIncidentPages(pages []oncall.Page, inc *pdIncident) ([]oncall.Page, *ParseError) {
	notices, acks, resolved := pr.replay(inc)
	if len(notices) == 0 {
		return pages, &ParseError{File: inc.last.file, Index: inc.last.index, ID: inc.id,
			Err: fmt.Errorf("%w: no notify log entries and no assignments", ErrNoResponder)}
	}
	for _, n := range notices {
		pages = append(pages, oncall.Page{
			IncidentID: inc.id, Service: inc.service, Urgency: inc.urgency,
			Responder: n.user, Role: pr.c.role(n.level), EscalationLevel: n.level,
			Triggered: n.at, Acknowledged: ackFor(n, acks), Resolved: resolved,
		})
	}
	return pages, nil
}

// replay walks the log entries in time order. The escalation level starts at 1 and rises by
// one with each escalate entry; each person's page starts at their first notification.
// Without notify entries the incident's assignments stand in (level unknown).
func (pr *pdReader) replay(inc *pdIncident) (notices []pdNotice, acks []pdEvent, resolved time.Time) {
	level := 1
	seen := func(user string) bool {
		return slices.ContainsFunc(notices, func(n pdNotice) bool { return n.user == user })
	}
	for _, ev := range inc.events {
		switch ev.kind {
		case evEscalate:
			level++
		case evNotify:
			if !seen(ev.user) {
				notices = append(notices, pdNotice{user: ev.user, at: ev.at, level: level})
			}
		case evAcknowledge:
			acks = append(acks, ev)
		case evResolve:
			resolved = ev.at
		}
	}
	if len(notices) == 0 {
		for _, a := range inc.assigned {
			if !seen(a.user) {
				notices = append(notices, a)
			}
		}
	}
	if len(acks) == 0 {
		acks = inc.acks
		slices.SortStableFunc(acks, func(a, b pdEvent) int { return a.at.Compare(b.at) })
	}
	if resolved.IsZero() {
		resolved = inc.resolved
	}
	return notices, acks, resolved
}

// ackFor is when the person's page ended: their own first acknowledgement after being
// notified, else the first acknowledgement by anyone after it.
func ackFor(n pdNotice, acks []pdEvent) time.Time {
	var anyone time.Time
	for _, a := range acks {
		if a.at.Before(n.at) {
			continue
		}
		if a.user == n.user {
			return a.at
		}
		if anyone.IsZero() {
			anyone = a.at
		}
	}
	return anyone
}
