package ingest

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// lexer is a small streaming JSON reader for the PagerDuty formats, whose exports run to
// hundreds of megabytes: it reads each byte once and skips unwanted values without building
// them, where encoding/json's Decoder scans each record twice through reflection. It
// accepts exactly RFC 8259 JSON (the differential fuzz test holds it to encoding/json).
type lexer struct {
	r       io.Reader
	buf     []byte
	pos     int
	base    int64 // input offset of buf[0]
	rerr    error // first read error, io.EOF included
	scratch []byte
	key     []byte
}

func newLexer(r io.Reader) *lexer { return &lexer{r: r, buf: make([]byte, 0, 64<<10)} }

// syntaxError reports malformed JSON at the current offset; it is always fatal.
func (lx *lexer) syntaxError(what string) error {
	return fmt.Errorf("%w: %s at byte %d", ErrSyntax, what, lx.base+int64(lx.pos))
}

// fill reads more input once buf is used up; false at the end or on a read error. A reader
// that keeps returning nothing fails with io.ErrNoProgress, as in bufio.
func (lx *lexer) fill() bool {
	for empty := 0; lx.pos >= len(lx.buf); empty++ {
		if lx.rerr != nil {
			return false
		}
		if empty == 100 {
			lx.rerr = io.ErrNoProgress
			return false
		}
		lx.base += int64(len(lx.buf))
		lx.buf = lx.buf[:cap(lx.buf)]
		n, err := lx.r.Read(lx.buf)
		lx.buf, lx.pos = lx.buf[:n], 0
		if err != nil {
			lx.rerr = err
		}
	}
	return true
}

// eofError is the error for input that ends where more was needed.
func (lx *lexer) eofError() error {
	if lx.rerr != nil && lx.rerr != io.EOF {
		return lx.rerr
	}
	return fmt.Errorf("%w: input ends inside a JSON value", ErrSyntax)
}

// peek skips white space and returns the next byte without consuming it; ok is false at
// the end of input.
func (lx *lexer) peek() (byte, bool) {
	for {
		if lx.pos >= len(lx.buf) && !lx.fill() {
			return 0, false
		}
		c := lx.buf[lx.pos]
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c, true
		}
		lx.pos++
	}
}

// expect consumes c (after white space) or fails.
func (lx *lexer) expect(c byte) error {
	got, ok := lx.peek()
	if !ok {
		return lx.eofError()
	}
	if got != c {
		return lx.syntaxError(fmt.Sprintf("want %q, found %q", c, got))
	}
	lx.pos++
	return nil
}

// stringBytes reads a string whose opening quote is next. The result is valid until the
// next call: a view of the buffer when possible, else the scratch buffer.
func (lx *lexer) stringBytes() ([]byte, error) {
	if err := lx.expect('"'); err != nil {
		return nil, err
	}
	// Fast path: the whole string is in the buffer and has nothing to unescape.
	rest := lx.buf[lx.pos:]
	if i := bytes.IndexByte(rest, '"'); i >= 0 {
		s := rest[:i]
		if bytes.IndexByte(s, '\\') < 0 && !hasControl(s) {
			lx.pos += i + 1
			return s, nil
		}
	}
	lx.scratch = lx.scratch[:0]
	for {
		if lx.pos >= len(lx.buf) && !lx.fill() {
			return nil, lx.eofError()
		}
		c := lx.buf[lx.pos]
		lx.pos++
		switch {
		case c == '"':
			return lx.scratch, nil
		case c == '\\':
			if err := lx.escape(); err != nil {
				return nil, err
			}
		case c < 0x20:
			lx.pos--
			return nil, lx.syntaxError("control character in string")
		default:
			lx.scratch = append(lx.scratch, c)
		}
	}
}

func hasControl(s []byte) bool {
	for _, c := range s {
		if c < 0x20 {
			return true
		}
	}
	return false
}

// escape decodes one escape sequence after its backslash into scratch.
func (lx *lexer) escape() error {
	c, err := lx.rawByte()
	if err != nil {
		return err
	}
	switch c {
	case '"', '\\', '/':
		lx.scratch = append(lx.scratch, c)
	case 'b':
		lx.scratch = append(lx.scratch, '\b')
	case 'f':
		lx.scratch = append(lx.scratch, '\f')
	case 'n':
		lx.scratch = append(lx.scratch, '\n')
	case 'r':
		lx.scratch = append(lx.scratch, '\r')
	case 't':
		lx.scratch = append(lx.scratch, '\t')
	case 'u':
		r, err := lx.hex4()
		if err != nil {
			return err
		}
		if utf16.IsSurrogate(r) {
			r = lx.lowSurrogate(r)
		}
		lx.scratch = utf8.AppendRune(lx.scratch, r)
	default:
		return lx.syntaxError(fmt.Sprintf("invalid escape \\%c", c))
	}
	return nil
}

// lowSurrogate completes a UTF-16 pair when "\uDCxx" follows; a lone half becomes U+FFFD,
// as encoding/json does.
func (lx *lexer) lowSurrogate(hi rune) rune {
	if lx.pos+6 > len(lx.buf) {
		lx.compact(6)
	}
	if lx.pos+6 <= len(lx.buf) && lx.buf[lx.pos] == '\\' && lx.buf[lx.pos+1] == 'u' {
		if lo, ok := parseHex4(lx.buf[lx.pos+2 : lx.pos+6]); ok {
			if r := utf16.DecodeRune(hi, lo); r != utf8.RuneError {
				lx.pos += 6
				return r
			}
		}
	}
	return utf8.RuneError
}

// compact moves the unread bytes to the front of buf and reads until n are there or the
// input ends.
func (lx *lexer) compact(n int) {
	rest := copy(lx.buf[:cap(lx.buf)], lx.buf[lx.pos:])
	lx.base += int64(lx.pos)
	lx.buf, lx.pos = lx.buf[:rest], 0
	for len(lx.buf) < n && lx.rerr == nil {
		m, err := lx.r.Read(lx.buf[len(lx.buf):cap(lx.buf)])
		lx.buf = lx.buf[:len(lx.buf)+m]
		if err != nil {
			lx.rerr = err
		}
	}
}

func (lx *lexer) rawByte() (byte, error) {
	if lx.pos >= len(lx.buf) && !lx.fill() {
		return 0, lx.eofError()
	}
	c := lx.buf[lx.pos]
	lx.pos++
	return c, nil
}

func (lx *lexer) hex4() (rune, error) {
	var h [4]byte
	for i := range h {
		c, err := lx.rawByte()
		if err != nil {
			return 0, err
		}
		h[i] = c
	}
	r, ok := parseHex4(h[:])
	if !ok {
		return 0, lx.syntaxError("invalid \\u escape")
	}
	return r, nil
}

func parseHex4(h []byte) (rune, bool) {
	var r rune
	for _, c := range h {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// kind names the JSON type of the value starting with c, for type errors.
func kind(c byte) string {
	switch c {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// skip consumes one value of any type, checking its syntax.
func (lx *lexer) skip() error {
	c, ok := lx.peek()
	if !ok {
		return lx.eofError()
	}
	switch c {
	case '"':
		_, err := lx.stringBytes()
		return err
	case '{':
		return lx.object(func([]byte) error { return lx.skip() })
	case '[':
		return lx.array(func(int) error { return lx.skip() })
	case 't':
		return lx.literal("true")
	case 'f':
		return lx.literal("false")
	case 'n':
		return lx.literal("null")
	}
	return lx.number()
}

func (lx *lexer) literal(word string) error {
	for i := 0; i < len(word); i++ {
		c, err := lx.rawByte()
		if err != nil {
			return err
		}
		if c != word[i] {
			lx.pos--
			return lx.syntaxError("invalid literal")
		}
	}
	return nil
}

// number consumes -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. Like encoding/json it
// leaves what follows to the caller: inside an array or object only ',' and the closing
// bracket may follow, and at the top level "00" is two values.
func (lx *lexer) number() error {
	next := func() byte {
		if lx.pos >= len(lx.buf) && !lx.fill() {
			return 0
		}
		return lx.buf[lx.pos]
	}
	digits := func() bool {
		n := 0
		for c := next(); '0' <= c && c <= '9'; c = next() {
			lx.pos++
			n++
		}
		return n > 0
	}
	if next() == '-' {
		lx.pos++
	}
	switch c := next(); {
	case c == '0':
		lx.pos++
	case '1' <= c && c <= '9':
		digits()
	default:
		return lx.syntaxError("invalid value")
	}
	if next() == '.' {
		lx.pos++
		if !digits() {
			return lx.syntaxError("invalid number")
		}
	}
	if c := next(); c == 'e' || c == 'E' {
		lx.pos++
		if c := next(); c == '+' || c == '-' {
			lx.pos++
		}
		if !digits() {
			return lx.syntaxError("invalid number")
		}
	}
	return nil
}

// object reads an object, calling fn with each key; fn must consume the value, and the key
// is valid only until it starts to.
func (lx *lexer) object(fn func(key []byte) error) error {
	if err := lx.expect('{'); err != nil {
		return err
	}
	if c, ok := lx.peek(); ok && c == '}' {
		lx.pos++
		return nil
	}
	for {
		b, err := lx.stringBytes()
		if err != nil {
			return err
		}
		// The key may be a view of buf, which the next read can overwrite.
		lx.key = append(lx.key[:0], b...)
		if err := lx.expect(':'); err != nil {
			return err
		}
		if err := fn(lx.key); err != nil {
			return err
		}
		c, ok := lx.peek()
		if !ok {
			return lx.eofError()
		}
		lx.pos++
		switch c {
		case ',':
		case '}':
			return nil
		default:
			lx.pos--
			return lx.syntaxError("want ',' or '}' in object")
		}
	}
}

// array reads an array, calling fn for each element with its index; fn must consume it.
func (lx *lexer) array(fn func(i int) error) error {
	if err := lx.expect('['); err != nil {
		return err
	}
	if c, ok := lx.peek(); ok && c == ']' {
		lx.pos++
		return nil
	}
	for i := 0; ; i++ {
		if err := fn(i); err != nil {
			return err
		}
		c, ok := lx.peek()
		if !ok {
			return lx.eofError()
		}
		lx.pos++
		switch c {
		case ',':
		case ']':
			return nil
		default:
			lx.pos--
			return lx.syntaxError("want ',' or ']' in array")
		}
	}
}
