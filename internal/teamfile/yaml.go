package teamfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ErrYAMLFeature reports a YAML feature a team file does not use: anchors and aliases,
// merge keys, tags beyond the core ones, keys that are not text, numbers JSON cannot write,
// a second document. Each makes a hand-written file read differently to a person and to a
// program, or lets a small file stand for a huge one.
var ErrYAMLFeature = errors.New("YAML feature not allowed in a team file")

// isYAML chooses the front-end: the name's extension when it is .yaml, .yml or .json (any
// case), otherwise the content, which is JSON when its first character after white space
// and a byte order mark is '{' and YAML otherwise. Standard input ("-") is thus read by
// content.
func isYAML(name string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		return true
	case ".json":
		return false
	}
	rest := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	return len(rest) == 0 || rest[0] != '{'
}

// parseYAML parses one YAML document into the syntax-neutral tree. Errors are *Error
// without File; they carry the path when the problem is a value of the document.
//
// The document is parsed to yaml.Node, which keeps aliases as references: nothing is
// expanded, so a file of nested aliases costs no more than its own size before it is
// refused.
func parseYAML(data []byte) (root *node, perr *Error) {
	defer func() {
		// The parser reports its own errors as values; anything it throws instead is a fault
		// in it, which must still reach the caller as an error about this file.
		if r := recover(); r != nil {
			root, perr = nil, &Error{Line: 1, Err: fmt.Errorf("%w: the YAML parser failed: %v", ErrSyntax, r)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, &Error{Line: 1, Err: fmt.Errorf("%w: the file is empty", ErrSyntax)}
		}
		return nil, yamlSyntaxError(err, data)
	}
	// The mark of an empty value at the end of input can fall on the line after the last.
	last := len(lineBreaks(data)) + 1
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		return nil, yamlSyntaxError(err, data)
	default:
		return nil, &Error{Line: min(next.Line, last), Err: fmt.Errorf("%w: a second document starts here (a team file is one document)", ErrYAMLFeature)}
	}
	if len(doc.Content) == 0 {
		return &node{kind: kindNull, line: min(max(doc.Line, 1), last)}, nil
	}
	return convertYAML(doc.Content[0], "", 0, last)
}

// isParserProblem reports whether msg comes from the YAML parser proper rather than its
// scanner: the parser numbers the lines of its messages from 0, the scanner from 1.
func isParserProblem(msg string) bool {
	switch msg {
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'",
		"did not find expected '-' indicator", "did not find expected <document start>",
		"did not find expected <stream-start>", "did not find expected key",
		"did not find expected node content", "found duplicate %TAG directive",
		"found duplicate %YAML directive", "found incompatible YAML document",
		"found undefined tag handle":
		return true
	}
	return false
}

// yamlSyntaxError turns the parser's "yaml: line N: problem" into an *Error at the line,
// counted from 1 whichever part of the parser wrote it.
func yamlSyntaxError(err error, data []byte) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, tail, ok := strings.Cut(rest, ": "); ok {
			if v, err := strconv.Atoi(n); err == nil {
				line, msg = v, tail
			}
		}
	}
	if line > 0 && isParserProblem(msg) {
		line++
	}
	if line == 0 {
		// Without a line the mark was on the first line, except for an alias of no anchor,
		// whose name leads to its line.
		line = 1
		if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
			line = lineOf(data, "*"+strings.TrimSuffix(name, "' referenced"))
		}
	}
	// A mark at the end of input can fall on the line after the last one.
	breaks := lineBreaks(data)
	line = min(line, len(breaks)+1)
	return &Error{Line: culprit(data, breaks, line, msg), Err: fmt.Errorf("%w: %s", ErrSyntax, msg)}
}

// culpritWork bounds the bytes culprit parses again, so a large file with an error near its
// end costs a few parses of itself, not one per line.
const culpritWork = 4 << 20

// culprit returns the line at fault for a syntax error the parser placed at line from. The
// parser names the line where the enclosing block or token began (the list whose item is
// misindented, say), which can be far above the mistake. The file cut after the faulty line
// fails with the same message and every shorter cut from the parser's line passes, so the
// first such cut ends at the faulty line. If none does within the work bound, from stands.
func culprit(data []byte, breaks []int, from int, msg string) int {
	work := 0
	for line := from; line <= len(breaks)+1 && work < culpritWork; line++ {
		end := len(data)
		if line <= len(breaks) {
			end = breaks[line-1]
		}
		work += end
		var n yaml.Node
		if err := yaml.NewDecoder(bytes.NewReader(data[:end])).Decode(&n); err != nil && strings.HasSuffix(err.Error(), ": "+msg) {
			return line
		}
	}
	return from
}

// lineOf returns the 1-based line of the first occurrence of s in data, or 1.
func lineOf(data []byte, s string) int {
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		return 1
	}
	return len(lineBreaks(data[:i])) + 1
}

// lineBreaks returns the offset just past each line break of data, as the YAML parser counts
// them: CR LF, CR, LF, and the Unicode breaks NEL, LS and PS.
func lineBreaks(data []byte) []int {
	var out []int
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n':
			i++
			out = append(out, i+1)
		case data[i] == '\r' || data[i] == '\n':
			out = append(out, i+1)
		case data[i] == 0xc2 && i+1 < len(data) && data[i+1] == 0x85:
			i++
			out = append(out, i+1)
		case data[i] == 0xe2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xa8 || data[i+2] == 0xa9):
			i += 2
			out = append(out, i+1)
		}
	}
	return out
}

// convertYAML converts one YAML value, refusing what a team file does not use.
func convertYAML(y *yaml.Node, path string, depth, last int) (*node, *Error) {
	y.Line = min(y.Line, last)
	refuse := func(err error) (*node, *Error) { return nil, &Error{Line: y.Line, Path: path, Err: err} }
	switch {
	case y.Kind == yaml.AliasNode:
		return refuse(fmt.Errorf("%w: alias *%s: write the value out in full", ErrYAMLFeature, y.Value))
	case y.Anchor != "":
		return refuse(fmt.Errorf("%w: anchor &%s: write each value out in full (anchors and aliases are not read)", ErrYAMLFeature, y.Anchor))
	case depth >= maxDepth:
		return refuse(fmt.Errorf("%w: nested more than %d levels deep", ErrSyntax, maxDepth))
	}
	switch y.Kind {
	case yaml.ScalarNode:
		return convertScalar(y, path)
	case yaml.SequenceNode:
		if tag := y.ShortTag(); tag != "!!seq" {
			return refuse(fmt.Errorf("%w: tag %s on a list", ErrYAMLFeature, tag))
		}
		n := &node{kind: kindArray, line: y.Line}
		for i, e := range y.Content {
			c, err := convertYAML(e, index(path, i), depth+1, last)
			if err != nil {
				return nil, err
			}
			n.elems = append(n.elems, c)
		}
		return n, nil
	case yaml.MappingNode:
		if tag := y.ShortTag(); tag != "!!map" {
			return refuse(fmt.Errorf("%w: tag %s on a mapping", ErrYAMLFeature, tag))
		}
		n := &node{kind: kindObject, line: y.Line}
		for i := 0; i+1 < len(y.Content); i += 2 {
			k, err := yamlKey(y.Content[i], path, last)
			if err != nil {
				return nil, err
			}
			v, err := convertYAML(y.Content[i+1], key(path, k), depth+1, last)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, k)
			n.elems = append(n.elems, v)
		}
		return n, nil
	}
	return refuse(fmt.Errorf("%w: unexpected YAML node", ErrSyntax))
}

// yamlKey reads a mapping key, which must be text: a number, a date or a list as a key would
// read as a different key in JSON, or as none.
func yamlKey(k *yaml.Node, path string, last int) (string, *Error) {
	k.Line = min(k.Line, last)
	refuse := func(err error) (string, *Error) {
		e := &Error{Line: k.Line, Path: path, Err: err}
		if k.Kind == yaml.ScalarNode {
			e.Path, e.Value = key(path, k.Value), k.Value
		}
		return "", e
	}
	switch {
	case k.Kind == yaml.AliasNode:
		return refuse(fmt.Errorf("%w: alias *%s as a key", ErrYAMLFeature, k.Value))
	case k.Anchor != "":
		return refuse(fmt.Errorf("%w: anchor &%s on a key", ErrYAMLFeature, k.Anchor))
	case k.Kind != yaml.ScalarNode:
		return refuse(fmt.Errorf("%w: a %s as a key: keys are names", ErrYAMLFeature, yamlKindName(k.Kind)))
	}
	switch tag := k.ShortTag(); tag {
	case "!!str":
		return k.Value, nil
	case "!!merge":
		return refuse(fmt.Errorf("%w: merge key <<: write the keys out in full", ErrYAMLFeature))
	default:
		return refuse(fmt.Errorf("%w: key %q reads as %s: keys are names (quote it if it is one)", ErrYAMLFeature, k.Value, yamlTagName(tag)))
	}
}

func yamlKindName(k yaml.Kind) string {
	switch k {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	}
	return "value"
}

func yamlTagName(tag string) string {
	switch tag {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "true or false"
	case "!!null":
		return "null"
	case "!!timestamp":
		return "a date"
	}
	return "tag " + tag
}

// convertScalar converts a scalar by its YAML 1.2 core schema tag. yaml.v3 reads yes, no,
// on, off (any case) and 08:00 as text, as YAML 1.2 does, so "region: NO" is Norway and
// "time: 08:00" eight o'clock; dates and times it tags !!timestamp stay text as written.
// Numbers must be written as JSON writes them, since the schema layer reads number literals
// in JSON's grammar: 017 (octal in YAML 1.1), 0x1F, 1_000, +1, .5 and .inf are refused
// rather than guessed at.
func convertScalar(y *yaml.Node, path string) (*node, *Error) {
	n := &node{line: y.Line, text: y.Value, plain: y.Style == 0}
	explicit := y.Style&yaml.TaggedStyle != 0
	refuse := func(err error) (*node, *Error) {
		return nil, &Error{Line: y.Line, Path: path, Value: y.Value, Err: err}
	}
	switch tag := y.ShortTag(); tag {
	case "!!str":
		n.kind = kindString
	case "!!timestamp":
		if explicit {
			return refuse(fmt.Errorf("%w: tag !!timestamp: write dates and times as text", ErrYAMLFeature))
		}
		n.kind = kindString
	case "!!null":
		switch y.Value {
		case "", "~", "null", "Null", "NULL":
		default:
			return refuse(fmt.Errorf("%w: %q is not null", ErrYAMLFeature, y.Value))
		}
		n.kind, n.text = kindNull, "null"
	case "!!bool":
		switch y.Value {
		case "true", "True", "TRUE":
			n.text = "true"
		case "false", "False", "FALSE":
			n.text = "false"
		default:
			return refuse(fmt.Errorf("%w: %q is not true or false", ErrYAMLFeature, y.Value))
		}
		n.kind = kindBool
	case "!!int", "!!float":
		if !isJSONNumber(y.Value) {
			return refuse(fmt.Errorf("%w: number %q: write numbers in decimal as JSON does (7, -2, 0.5, 2e6), or quote it if it is text", ErrYAMLFeature, y.Value))
		}
		n.kind = kindNumber
	default:
		return refuse(fmt.Errorf("%w: tag %s (team files hold text, numbers, true, false and null)", ErrYAMLFeature, tag))
	}
	return n, nil
}

// isJSONNumber reports whether s is a number literal in JSON's grammar:
// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?.
func isJSONNumber(s string) bool {
	digits := func(i int) int {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		return j
	}
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		i = digits(i)
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(s)
}
