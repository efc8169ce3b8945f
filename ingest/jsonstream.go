package ingest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/wellrested/oncall"
)

// eachRecord walks a stream of JSON values. Each value is either an array of records or an
// object (one saved API response page) holding the array under key; pages saved back to back
// in one file are read in turn. fn is called once per array element with the decoder
// positioned on it, and must consume exactly that element (dec.Decode does). Only the
// element being decoded is in memory, never the whole file.
//
// The returned error is fatal: a syntax error (after which no later record can be found), a
// value of the wrong shape, or an error returned by fn.
func eachRecord(dec *json.Decoder, file, key string, fn func(index int) error) error {
	index := 0
	elements := func() error {
		for dec.More() {
			if err := fn(index); err != nil {
				return err
			}
			index++
		}
		_, err := dec.Token() // the closing ']'
		return err
	}
	fatal := func(err error) error {
		if pe, ok := err.(*ParseError); ok {
			return pe
		}
		jp := classifyJSON(err)
		return &ParseError{File: file, Index: index, Err: jp.err}
	}
	shape := func(what string) error {
		return &ParseError{File: file, Index: index, Err: fmt.Errorf("%w: %s (want an array or an object with %q)", ErrShape, what, key)}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fatal(err)
		}
		switch tok {
		case json.Delim('['):
			if err := elements(); err != nil {
				return fatal(err)
			}
		case json.Delim('{'):
			found, err := objectRecords(dec, key, elements)
			if err != nil {
				return fatal(err)
			}
			if !found {
				return shape(fmt.Sprintf("object without %q", key))
			}
		default:
			return shape(fmt.Sprintf("top-level %v", tok))
		}
	}
}

// objectRecords reads the rest of an object whose '{' was consumed, calling elements for the
// array under key and skipping every other value.
func objectRecords(dec *json.Decoder, key string, elements func() error) (found bool, err error) {
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return found, err
		}
		if k, _ := kt.(string); k != key {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return found, err
			}
			continue
		}
		t, err := dec.Token()
		if err != nil {
			return found, err
		}
		switch t {
		case nil: // "incidents": null is an empty page
		case json.Delim('['):
			if err := elements(); err != nil {
				return found, err
			}
		default:
			return found, fmt.Errorf("%w: %q holds %v, not an array", ErrShape, key, t)
		}
		found = true
	}
	_, err = dec.Token() // the closing '}'
	return found, err
}

// decodeRecord decodes one element into v. A problem confined to the element comes back as a
// *ParseError with fatal false; one that breaks the stream with fatal true.
func decodeRecord(dec *json.Decoder, v any, file string, index int) (pe *ParseError, fatal bool) {
	err := dec.Decode(v)
	if err == nil {
		return nil, false
	}
	jp := classifyJSON(err)
	return &ParseError{File: file, Index: index, Field: jp.field, Value: jp.value, Err: jp.err}, jp.fatal
}

// recordRef locates a record.
type recordRef struct {
	file  string
	index int
}

// pageRecord is a vendor record and the pages it became, one per responder.
type pageRecord struct {
	id          string
	first, last recordRef
	pages       []oncall.Page
}

// pageSet collects records, merging those with the same vendor ID.
type pageSet struct {
	byID  map[string]*pageRecord
	order []*pageRecord
}

func newPageSet() *pageSet { return &pageSet{byID: map[string]*pageRecord{}} }

func (s *pageSet) add(id string, ref recordRef, pages []oncall.Page, rep *Report) {
	if old, ok := s.byID[id]; ok {
		old.pages = mergePages(old.pages, pages)
		old.last = ref
		rep.Merged++
		rep.Duplicates = append(rep.Duplicates, Duplicate{ID: id, File: ref.file, Index: ref.index, FirstFile: old.first.file, FirstIndex: old.first.index})
		return
	}
	r := &pageRecord{id: id, first: ref, last: ref, pages: pages}
	s.byID[id] = r
	s.order = append(s.order, r)
}

// mergePages merges the later record's pages into the earlier record's. A record that is one
// page (an alert, an alert group) stays one page, whose responder may change as the record
// evolves (owner first, acknowledger later); otherwise pages are matched by responder, and
// pages only one of the records has are kept.
func mergePages(old, later []oncall.Page) []oncall.Page {
	if len(old) == 1 && len(later) == 1 {
		return []oncall.Page{mergePage(old[0], later[0])}
	}
	for _, p := range later {
		i := slices.IndexFunc(old, func(o oncall.Page) bool { return o.Responder == p.Responder })
		if i < 0 {
			old = append(old, p)
			continue
		}
		old[i] = mergePage(old[i], p)
	}
	return old
}

// mergePage lets the later record win field by field where it knows the value: a later
// export of the same incident has seen more of its life.
func mergePage(old, later oncall.Page) oncall.Page {
	pick := func(a, b string) string { return cmp.Or(b, a) }
	pickT := func(a, b time.Time) time.Time {
		if b.IsZero() {
			return a
		}
		return b
	}
	old.Service = pick(old.Service, later.Service)
	old.Urgency = pick(old.Urgency, later.Urgency)
	old.Responder = pick(old.Responder, later.Responder)
	old.Role = pick(old.Role, later.Role)
	old.EscalationLevel = cmp.Or(later.EscalationLevel, old.EscalationLevel)
	old.Triggered = pickT(old.Triggered, later.Triggered)
	old.Acknowledged = pickT(old.Acknowledged, later.Acknowledged)
	old.Resolved = pickT(old.Resolved, later.Resolved)
	return old
}

// finish validates each merged record and returns the accepted pages in canonical order.
func (s *pageSet) finish(mode Mode, rep *Report) ([]oncall.Page, error) {
	pages := make([]oncall.Page, 0, len(s.order))
	for _, r := range s.order {
		if err := validatePages(r.pages); err != nil {
			pe := validationError(err, ParseError{File: r.last.file, Index: r.last.index, ID: r.id})
			if rerr := rep.reject(mode, pe); rerr != nil {
				return nil, rerr
			}
			continue
		}
		rep.Accepted++
		pages = append(pages, r.pages...)
	}
	sortPages(pages)
	return pages, nil
}

func validatePages(pages []oncall.Page) error {
	for _, p := range pages {
		if err := p.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// sortPages puts pages in the order every reader returns them: by notification time, then
// incident, responder and level, so the output does not depend on file order.
func sortPages(pages []oncall.Page) {
	slices.SortStableFunc(pages, func(a, b oncall.Page) int {
		return cmp.Or(a.Triggered.Compare(b.Triggered), cmp.Compare(a.IncidentID, b.IncidentID),
			cmp.Compare(a.Responder, b.Responder), cmp.Compare(a.EscalationLevel, b.EscalationLevel))
	})
}

// readRecords is the whole reading loop for formats where each record stands alone: decode
// each element into a fresh T, convert it to pages, merge duplicates, validate.
func readRecords[T any](c Config, srcs []Source, key string, convert func(*T, *timeParser, Config) (string, []oncall.Page, *ParseError)) ([]oncall.Page, Report, error) {
	var rep Report
	loc, err := c.location()
	if err != nil {
		return nil, rep, err
	}
	tp := newTimeParser(loc)
	set := newPageSet()
	for _, src := range srcs {
		err := withSource(src, func(r io.Reader) error {
			dec := json.NewDecoder(r)
			return eachRecord(dec, src.Name, key, func(index int) error {
				rep.Read++
				var v T
				pe, fatal := decodeRecord(dec, &v, src.Name, index)
				if fatal {
					rep.Read--
					return pe
				}
				var id string
				var p []oncall.Page
				if pe == nil {
					id, p, pe = convert(&v, tp, c)
				}
				if pe != nil {
					pe.File, pe.Index = src.Name, index
					if pe.ID == "" {
						pe.ID = id
					}
					return rep.reject(c.Mode, pe)
				}
				set.add(id, recordRef{src.Name, index}, p, &rep)
				return nil
			})
		})
		if err != nil {
			return finishAfter(err, c.Mode, func(m Mode) ([]oncall.Page, error) { return set.finish(m, &rep) }, &rep)
		}
	}
	pages, err := set.finish(c.Mode, &rep)
	return pages, rep, err
}

// finishAfter handles an error that stopped reading: a Strict rejection or a fatal error.
// The records read before it are still checked, so that the Report accounts for them; after
// a fatal error in Lenient mode their pages are returned with the error.
func finishAfter(err error, mode Mode, finish func(Mode) ([]oncall.Page, error), rep *Report) ([]oncall.Page, Report, error) {
	pages, _ := finish(Lenient)
	if mode == Strict {
		pages = nil
	}
	return pages, *rep, err
}
