package teamfile

import (
	"bytes"
	"testing"
)

// FuzzDecode checks that no input makes Decode panic, and that whatever Decode accepts,
// Encode writes and Decode reads back to the same encoding.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte(goodRotation))
	f.Fuzz(func(t *testing.T, data []byte) {
		team, err := Decode(bytes.NewReader(data), "fuzz.json")
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		var first bytes.Buffer
		if err := Encode(&first, team); err != nil {
			t.Fatalf("Decode accepted what Encode refuses: %v\ninput: %q", err, data)
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
