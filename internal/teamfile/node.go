package teamfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
)

// kind is the kind of a value in the syntax-neutral tree.
type kind uint8

const (
	kindNull kind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

func (k kind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// node is one value of a parsed file, whatever its syntax. Objects keep their members in file
// order, repeated keys included, so the schema layer can report them.
type node struct {
	kind kind
	// text is a string's value, a number's literal, or "true"/"false".
	text string
	// keys are an object's keys; elems are an object's values (parallel to keys) or an
	// array's elements.
	keys  []string
	elems []*node
	// line is the 1-based line where the value starts.
	line int
	// plain marks a YAML scalar written without quotes or tag, whose kind YAML inferred
	// from its text: error messages then say how to write what was probably meant.
	plain bool
}

// scalar reports whether the node is a single string, number, boolean or null.
func (n *node) scalar() bool { return n.kind < kindArray }

// appendJSON appends the node as compact JSON. The schema layer uses it to hand parts of a
// file to decoders that take JSON (calendar.Profile), whatever the file's own syntax.
func (n *node) appendJSON(b []byte) []byte {
	switch n.kind {
	case kindNull:
		return append(b, "null"...)
	case kindBool, kindNumber:
		return append(b, n.text...)
	case kindString:
		return appendString(b, n.text)
	case kindArray:
		b = append(b, '[')
		for i, e := range n.elems {
			if i > 0 {
				b = append(b, ',')
			}
			b = e.appendJSON(b)
		}
		return append(b, ']')
	}
	b = append(b, '{')
	for i, k := range n.keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = n.elems[i].appendJSON(b)
	}
	return append(b, '}')
}

func appendString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // marshalling a string cannot fail
	return append(b, q...)
}

// maxDepth bounds nesting; a team file needs five levels.
const maxDepth = 64

// jsonParser is the JSON front-end. It walks the tokens of encoding/json's Decoder and takes
// positions from the decoder's input offset.
type jsonParser struct {
	data     []byte
	dec      *json.Decoder
	newlines []int // offsets of '\n' in data
}

// parseJSON parses one JSON document. Errors are *Error without File or Path.
func parseJSON(data []byte) (*node, *Error) {
	p := &jsonParser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	for i, c := range data {
		if c == '\n' {
			p.newlines = append(p.newlines, i)
		}
	}
	root, err := p.value(0)
	if err != nil {
		return nil, err
	}
	start := p.next()
	if _, terr := p.dec.Token(); terr != io.EOF {
		return nil, &Error{Line: p.lineAt(start), Err: fmt.Errorf("%w: data after the end of the document", ErrSyntax)}
	}
	return root, nil
}

// lineAt returns the 1-based line of byte offset off.
func (p *jsonParser) lineAt(off int) int {
	return sort.SearchInts(p.newlines, off) + 1
}

// next returns the offset where the next token starts: the decoder's offset is the end of the
// last token, before any separator.
func (p *jsonParser) next() int {
	off := int(p.dec.InputOffset())
	for off < len(p.data) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
			continue
		}
		break
	}
	return off
}

func (p *jsonParser) syntaxError(err error, start int) *Error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		off := max(int(se.Offset)-1, 0)
		return &Error{Line: p.lineAt(off), Err: fmt.Errorf("%w: %s", ErrSyntax, se.Error())}
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Line: p.lineAt(len(p.data)), Err: fmt.Errorf("%w: unexpected end of input", ErrSyntax)}
	}
	return &Error{Line: p.lineAt(start), Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
}

func (p *jsonParser) value(depth int) (*node, *Error) {
	start := p.next()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.syntaxError(err, start)
	}
	n := &node{line: p.lineAt(start)}
	switch t := tok.(type) {
	case nil:
		n.kind = kindNull
	case bool:
		n.kind, n.text = kindBool, strconv.FormatBool(t)
	case json.Number:
		n.kind, n.text = kindNumber, t.String()
	case string:
		n.kind, n.text = kindString, t
	case json.Delim:
		if depth >= maxDepth {
			return nil, &Error{Line: n.line, Err: fmt.Errorf("%w: nested more than %d levels deep", ErrSyntax, maxDepth)}
		}
		if t == '[' {
			n.kind = kindArray
		} else {
			n.kind = kindObject
		}
		for p.dec.More() {
			if n.kind == kindObject {
				kstart := p.next()
				ktok, err := p.dec.Token()
				if err != nil {
					return nil, p.syntaxError(err, kstart)
				}
				key, ok := ktok.(string)
				if !ok {
					return nil, &Error{Line: p.lineAt(kstart), Err: fmt.Errorf("%w: object key is not a string", ErrSyntax)}
				}
				n.keys = append(n.keys, key)
			}
			e, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			n.elems = append(n.elems, e)
		}
		end := p.next()
		if _, err := p.dec.Token(); err != nil {
			return nil, p.syntaxError(err, end)
		}
	default:
		return nil, &Error{Line: n.line, Err: fmt.Errorf("%w: unexpected token %v", ErrSyntax, tok)}
	}
	return n, nil
}
