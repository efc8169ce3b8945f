package metrics

import (
	"encoding/json"
	"math"
	"testing"
)

// FuzzFloatJSON: any input either fails to decode or decodes to a value that encodes to valid
// JSON and decodes back to the same value (NaN to NaN through null).
func FuzzFloatJSON(f *testing.F) {
	for _, s := range []string{"1.5", "null", "-0", "1e308", "1e-7", "\"x\"", "NaN", "{}", "12345678901234567890"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v Float
		if err := json.Unmarshal(b, &v); err != nil {
			return
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("Marshal(%v): %v", v, err)
		}
		var back Float
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		same := back == v || (back.IsNaN() && (v.IsNaN() || math.IsInf(float64(v), 0)))
		if !same {
			t.Fatalf("%s -> %v -> %s -> %v", b, v, out, back)
		}
	})
}

// FuzzQuantileMethodText: every accepted name round-trips; nothing panics.
func FuzzQuantileMethodText(f *testing.F) {
	for _, s := range []string{"linear", "7", "hazen", "1", "0", "10", "", "inverted_cdf", "Linear"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var m QuantileMethod
		if err := m.UnmarshalText([]byte(s)); err != nil {
			return
		}
		out, err := m.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back QuantileMethod
		if err := back.UnmarshalText(out); err != nil || back != m {
			t.Fatalf("%q -> %v -> %q -> %v, %v", s, m, out, back, err)
		}
	})
}
