package teamfile

import (
	"bytes"
	"testing"
)

// FuzzDecodePolicy checks that no input makes DecodePolicy panic, in either syntax, that
// every failure is reported with a message, and that what it accepts is a policy fatigue can
// validate.
func FuzzDecodePolicy(f *testing.F) {
	f.Add([]byte(`{"rules": [{"rule": "woken-in-sleep-hours"}, {"rule": "time-in-lieu", "multiplier": 1.5}], "expiry_days": 30,
 "caps": [{"period": "week", "max_seconds": 3600}]}`))
	f.Add([]byte(`{"rules": [{"rule": "daily-rest", "min_rest_seconds": "x"}], "caps": [{"period": "year", "max_seconds": true}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		// The same bytes, read as JSON and as YAML.
		for _, name := range []string{"policy.json", "policy.yaml"} {
			p, err := DecodePolicy(bytes.NewReader(data), name)
			if err != nil {
				if err.Error() == "" {
					t.Fatal("empty error message")
				}
				continue
			}
			if err := p.Validate(); err != nil {
				t.Fatalf("%s: accepted a policy that does not validate: %v\ninput: %q", name, err, data)
			}
		}
	})
}
