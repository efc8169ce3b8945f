package ingest

import (
	"fmt"
	"io"
	"strconv"
)

// eachRecordLex is eachRecord for the lexer: a stream of arrays of records, or of objects
// holding the array under key.
func eachRecordLex(lx *lexer, file, key string, fn func(index int) error) error {
	index := 0
	elements := func() error {
		return lx.array(func(int) error {
			err := fn(index)
			index++
			return err
		})
	}
	fatal := func(err error) error {
		if pe, ok := err.(*ParseError); ok {
			return pe
		}
		return &ParseError{File: file, Index: index, Err: err}
	}
	for {
		c, ok := lx.peek()
		if !ok {
			if lx.rerr != nil && lx.rerr != io.EOF {
				return fatal(lx.rerr)
			}
			return nil
		}
		switch c {
		case '[':
			if err := elements(); err != nil {
				return fatal(err)
			}
		case '{':
			found := false
			err := lx.object(func(k []byte) error {
				if string(k) != key {
					return lx.skip()
				}
				found = true
				if c, ok := lx.peek(); ok && c == 'n' {
					return lx.literal("null")
				}
				if c, ok := lx.peek(); ok && c != '[' {
					return fmt.Errorf("%w: %q holds a JSON %s, not an array", ErrShape, key, kind(c))
				}
				return elements()
			})
			if err != nil {
				return fatal(err)
			}
			if !found {
				return fatal(fmt.Errorf("%w: object without %q", ErrShape, key))
			}
		default:
			return fatal(fmt.Errorf("%w: top-level JSON %s (want an array or an object with %q)", ErrShape, kind(c), key))
		}
	}
}

// recordDecoder reads one record with the lexer, remembering the first value of the wrong
// type (the record is then rejected, but the stream goes on).
type recordDecoder struct {
	lx      *lexer
	problem *ParseError
	strs    map[string]string
}

// interned reads a string or null into dst, keeping one copy of each distinct value: user,
// service and incident IDs and entry types repeat across hundreds of thousands of entries.
func (d *recordDecoder) interned(field string, dst *string) error {
	c, ok := d.lx.peek()
	if !ok {
		return d.lx.eofError()
	}
	if c != '"' {
		return d.str(field, dst)
	}
	b, err := d.lx.stringBytes()
	if err != nil {
		return err
	}
	if s, ok := d.strs[string(b)]; ok {
		*dst = s
		return nil
	}
	s := string(b)
	d.strs[s] = s
	*dst = s
	return nil
}

func (d *recordDecoder) wrongType(field string, c byte, want string) error {
	if d.problem == nil {
		d.problem = &ParseError{Field: field, Value: kind(c), Err: fmt.Errorf("%w: JSON %s where %s belongs", ErrType, kind(c), want)}
	}
	return d.lx.skip()
}

// str reads a string or null into dst.
func (d *recordDecoder) str(field string, dst *string) error {
	c, ok := d.lx.peek()
	if !ok {
		return d.lx.eofError()
	}
	switch c {
	case '"':
		b, err := d.lx.stringBytes()
		*dst = string(b)
		return err
	case 'n':
		return d.lx.literal("null")
	}
	return d.wrongType(field, c, "string")
}

// obj reads an object or null, handing each key to fn (valid until fn reads the value).
func (d *recordDecoder) obj(field string, fn func(key []byte) error) error {
	c, ok := d.lx.peek()
	if !ok {
		return d.lx.eofError()
	}
	switch c {
	case '{':
		return d.lx.object(fn)
	case 'n':
		return d.lx.literal("null")
	}
	return d.wrongType(field, c, "object")
}

// arr reads an array or null, calling fn for each element.
func (d *recordDecoder) arr(field string, fn func(i int) error) error {
	c, ok := d.lx.peek()
	if !ok {
		return d.lx.eofError()
	}
	switch c {
	case '[':
		return d.lx.array(fn)
	case 'n':
		return d.lx.literal("null")
	}
	return d.wrongType(field, c, "array")
}

// ref reads a reference object; its summary only when withName is set.
func (d *recordDecoder) ref(field string, dst *pdRef, withName bool) error {
	return d.obj(field, func(k []byte) error {
		switch {
		case string(k) == "id":
			return d.interned(field+".id", &dst.ID)
		case string(k) == "summary" && withName:
			return d.interned(field+".summary", &dst.Summary)
		}
		return d.lx.skip()
	})
}

func (d *recordDecoder) incident(v *pdIncidentJSON) error {
	return d.obj("", func(k []byte) error {
		switch string(k) {
		case "id":
			return d.str("id", &v.ID)
		case "urgency":
			return d.str("urgency", &v.Urgency)
		case "created_at":
			return d.str("created_at", &v.CreatedAt)
		case "resolved_at":
			return d.str("resolved_at", &v.ResolvedAt)
		case "service":
			return d.ref("service", &v.Service, true)
		case "assignments":
			v.Assignments = v.Assignments[:0]
			return d.arr("assignments", func(i int) error {
				v.Assignments = append(v.Assignments, pdAssignment{})
				a := &v.Assignments[len(v.Assignments)-1]
				f := "assignments[" + strconv.Itoa(i) + "]"
				return d.obj(f, func(k []byte) error {
					switch string(k) {
					case "at":
						return d.str(f+".at", &a.At)
					case "assignee":
						return d.ref(f+".assignee", &a.Assignee, true)
					}
					return d.lx.skip()
				})
			})
		case "acknowledgements":
			v.Acknowledgements = v.Acknowledgements[:0]
			return d.arr("acknowledgements", func(i int) error {
				v.Acknowledgements = append(v.Acknowledgements, pdAcknowledgement{})
				a := &v.Acknowledgements[len(v.Acknowledgements)-1]
				f := "acknowledgements[" + strconv.Itoa(i) + "]"
				return d.obj(f, func(k []byte) error {
					switch string(k) {
					case "at":
						return d.str(f+".at", &a.At)
					case "acknowledger":
						return d.ref(f+".acknowledger", &a.Acknowledger, true)
					}
					return d.lx.skip()
				})
			})
		}
		return d.lx.skip()
	})
}

func (d *recordDecoder) logEntry(v *pdLogEntryJSON) error {
	return d.obj("", func(k []byte) error {
		switch string(k) {
		case "id":
			return d.str("id", &v.ID)
		case "type":
			return d.interned("type", &v.Type)
		case "created_at":
			return d.str("created_at", &v.CreatedAt)
		case "agent":
			return d.ref("agent", &v.Agent, true)
		case "user":
			return d.ref("user", &v.User, true)
		case "incident":
			return d.ref("incident", &v.Incident, false)
		case "service":
			return d.ref("service", &v.Service, true)
		}
		return d.lx.skip()
	})
}
