package metrics

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"
)

func TestWilsonMatchesSciPy(t *testing.T) {
	for _, c := range loadReference(t).Wilson {
		got := Wilson(c.K, c.N, c.Conf)
		name := fmt.Sprintf("Wilson(%d, %d, %v)", c.K, c.N, c.Conf)
		approx(t, name+".Lo", float64(got.Lo), c.CI[0], 1e-9)
		approx(t, name+".Hi", float64(got.Hi), c.CI[1], 1e-9)
	}
}

// Hand-worked: 0 of 10 at 95% (z = 1.959964): the upper bound is z^2 / (n + z^2) =
// 3.841459 / 13.841459 = 0.277533, the lower bound exactly 0.
func TestWilsonHandWorked(t *testing.T) {
	ci := Wilson(0, 10, 0.95)
	approx(t, "lo", float64(ci.Lo), 0, 0)
	approx(t, "hi", float64(ci.Hi), 0.2775328, 1e-6)
	// An out-of-range confidence falls back to 0.95.
	if Wilson(0, 10, 7) != ci {
		t.Error("confidence 7 did not fall back to 0.95")
	}
	for _, bad := range [][2]int{{0, 0}, {-1, 3}, {4, 3}} {
		if ci := Wilson(bad[0], bad[1], 0.95); !ci.Lo.IsNaN() || !ci.Hi.IsNaN() {
			t.Errorf("Wilson(%d, %d) = %v, want NaN", bad[0], bad[1], ci)
		}
	}
}

func TestFloatJSON(t *testing.T) {
	b, err := json.Marshal(struct {
		A, B, C, D Float
	}{1.5, NaN(), Float(math.Inf(1)), 1e-7})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"A":1.5,"B":null,"C":null,"D":1e-7}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	var back struct{ A, B Float }
	if err := json.Unmarshal([]byte(`{"A":2.25,"B":null}`), &back); err != nil {
		t.Fatal(err)
	}
	if back.A != 2.25 || !back.B.IsNaN() {
		t.Errorf("round trip gave %+v", back)
	}
	if err := json.Unmarshal([]byte(`{"A":"x"}`), &back); err == nil {
		t.Error("a string decoded as a Float")
	}
}
