package teamfile

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzDecodeYAML checks the YAML front-end: no input makes it panic; every failure is an
// *Error (or several) at a line of the input; and what it accepts means the same as the
// JSON a person would write for it (its tree written as JSON decodes to a team that encodes
// to the same bytes), and survives Encode and Decode unchanged.
func FuzzDecodeYAML(f *testing.F) {
	f.Add([]byte(goodYAML))
	f.Add([]byte(goodRotationYAML))
	f.Fuzz(func(t *testing.T, data []byte) {
		team, err := Decode(bytes.NewReader(data), "fuzz.yaml")
		if err != nil {
			checkErrors(t, err, data)
			return
		}
		root, perr := parseYAML(data)
		if perr != nil {
			t.Fatalf("Decode accepted what parseYAML refuses: %v", perr)
		}
		viaJSON, err := Decode(bytes.NewReader(root.appendJSON(nil)), "fuzz.json")
		if err != nil {
			t.Fatalf("the YAML file's JSON form does not decode: %v\ninput: %q", err, data)
		}
		var first, fromJSON bytes.Buffer
		if err := Encode(&first, team); err != nil {
			t.Fatalf("Decode accepted what Encode refuses: %v\ninput: %q", err, data)
		}
		if err := Encode(&fromJSON, viaJSON); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), fromJSON.Bytes()) {
			t.Fatalf("YAML and its JSON form differ:\n%s\n%s", first.Bytes(), fromJSON.Bytes())
		}
		again, err := Decode(bytes.NewReader(first.Bytes()), "encoded.json")
		if err != nil {
			t.Fatalf("encoded file does not decode: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := Encode(&second, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("encoding is not stable:\n%s\n%s", first.Bytes(), second.Bytes())
		}
	})
}

// checkErrors requires err to be one or more *Error, each with a message and a line within
// the input.
func checkErrors(t *testing.T, err error, data []byte) {
	t.Helper()
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	lines := len(lineBreaks(data)) + 1
	for _, e := range list {
		var fe *Error
		if !errors.As(e, &fe) {
			t.Fatalf("error %v is not an *Error\ninput: %q", e, data)
		}
		if fe.Err == nil || e.Error() == "" {
			t.Fatalf("error without a reason\ninput: %q", data)
		}
		if fe.Line < 1 || fe.Line > lines {
			t.Fatalf("error %v: line %d is not a line of the %d-line input\ninput: %q", e, fe.Line, lines, data)
		}
	}
}
