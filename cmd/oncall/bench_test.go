package main

import (
	"io"
	"strings"
	"testing"
)

// BenchmarkDemo runs the whole demo: the sample read and checked, hours, the sample schedule
// judged and a year generated.
func BenchmarkDemo(b *testing.B) {
	for b.Loop() {
		if code := run([]string{"demo"}, strings.NewReader(""), io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}
