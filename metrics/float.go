package metrics

import (
	"math"
	"strconv"
)

// Float is a float64 that marshals NaN and infinities as JSON null, and null back to NaN, so
// an undefined statistic (the mean of nothing) survives a round trip through JSON.
type Float float64

// NaN returns an undefined Float.
func NaN() Float { return Float(math.NaN()) }

// IsNaN reports whether f is undefined.
func (f Float) IsNaN() bool { return math.IsNaN(float64(f)) }

// MarshalJSON writes the number as encoding/json writes a float64, or null for NaN and ±Inf.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	// encoding/json's format: plain decimals between 1e-6 and 1e21, exponents outside, with
	// the exponent's leading zero dropped (1e-7, not 1e-07).
	format := byte('f')
	if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b := strconv.AppendFloat(nil, v, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// UnmarshalJSON reads a number, or null as NaN.
func (f *Float) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = NaN()
		return nil
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return &strconv.NumError{Func: "Float.UnmarshalJSON", Num: string(b), Err: strconv.ErrSyntax}
	}
	*f = Float(v)
	return nil
}

// Interval is a confidence interval [Lo, Hi]; both are NaN when it is undefined.
type Interval struct {
	// Lo and Hi are the lower and upper bounds.
	Lo Float `json:"lo"`
	Hi Float `json:"hi"`
}

func nanInterval() Interval { return Interval{NaN(), NaN()} }

// ratio returns a/b, or NaN when b is zero.
func ratio(a, b float64) Float {
	if b == 0 {
		return NaN()
	}
	return Float(a / b)
}
