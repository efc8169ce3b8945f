package metrics

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// reference holds the values testdata/reference.py computed with NumPy, pandas and SciPy.
type reference struct {
	PS        []float64                        `json:"ps"`
	Quantiles map[string]map[string][]*float64 `json:"quantiles"`
	Describe  map[string]refStats              `json:"describe"`
	Wilson    []struct {
		K, N int
		Conf float64
		CI   [2]float64
	} `json:"wilson"`
	Fairness       map[string]refFairness `json:"fairness"`
	FairnessInputs map[string][]float64   `json:"fairness_inputs"`
	Poisson        []struct {
		K  int
		Mu float64
		P  float64
	} `json:"poisson"`
	Binomial []struct {
		K, N   int
		P      float64
		PValue float64
	} `json:"binomial"`
	Adjust struct {
		P, Holm, BH []float64
	} `json:"adjust"`
	Trend map[string]struct {
		Y         []float64
		Slope     float64
		Intercept float64
		S         int
		VarS      float64 `json:"var_s"`
		Z, P      float64
	} `json:"trend"`
	Rates []struct {
		K1        int
		T1        float64
		K2        int
		T2        float64
		RateRatio *float64 `json:"rate_ratio"`
		P         float64
		CI        [2]*float64
	} `json:"rates"`
	BootstrapMedian struct {
		Median float64
		CI     [2]float64
	} `json:"bootstrap_median"`
	Pages refPages `json:"pages"`
}

type refStats struct {
	N                                     int
	Mean, Median, P90, P95, P99, Min, Max float64
}

type refFairness struct {
	Total, Mean, Spread float64
	MaxOverMean         float64 `json:"max_over_mean"`
	CV, Gini, Jain      float64
	Theil               float64
	Lorenz              [][2]float64
}

type refCount struct{ Pages, Incidents int }

type refPages struct {
	Pages, Incidents int
	ByResponder      map[string]refCount `json:"by_responder"`
	ByService        map[string]refCount `json:"by_service"`
	ByTeam           map[string]refCount `json:"by_team"`
	ByWeek           map[string]int      `json:"by_week"`
	AckByRole        map[string]refStats `json:"ack_by_role"`
	ResolveBySvc     map[string]refStats `json:"resolve_by_service"`
	AckByTeam        map[string]refStats `json:"ack_by_team"`
	ResolveByTeam    map[string]refStats `json:"resolve_by_team"`
	SLA              map[string]struct {
		Met, Total int
		CI         [2]float64
	} `json:"sla"`
	Disproportion struct {
		TeamRate float64 `json:"team_rate"`
		People   map[string]struct {
			Pages     int
			Expected  float64
			RateRatio float64 `json:"rate_ratio"`
			P         float64
			PHolm     float64 `json:"p_holm"`
			CI        [2]float64
		}
	} `json:"disproportion"`
}

func loadReference(t testing.TB) reference {
	t.Helper()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var r reference
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func loadSamples(t testing.TB) map[string][]float64 {
	t.Helper()
	b, err := os.ReadFile("testdata/samples.json")
	if err != nil {
		t.Fatal(err)
	}
	var s map[string][]float64
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// close reports whether got is within a relative (or, near zero, absolute) tolerance of want.
func close(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func approx(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !close(got, want, tol) {
		t.Errorf("%s = %.12g, want %.12g", what, got, want)
	}
}

// approxRel checks a relative tolerance however small want is: for p-values far in a tail.
func approxRel(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(want) != math.IsNaN(got) || math.Abs(got-want) > tol*math.Abs(want) {
		t.Errorf("%s = %.12g, want %.12g (relative tolerance %g)", what, got, want, tol)
	}
}
