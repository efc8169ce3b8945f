package fatigue

import (
	"encoding/json"
	"math"
	"sort"
	"time"
)

// sampleStep bounds the spacing of evaluations when measuring time past a threshold. The
// processes change on scales of 40 minutes (inertia) and more, so a crossing between samples
// this close is narrowed to the millisecond (see span); an excursion past a threshold and
// back within one step can be missed. The minimum is refined between samples.
const sampleStep = 30 * time.Minute

// WindowStats describe the model over a stretch of time.
type WindowStats struct {
	// Sleepy is the time at KSS 7 or more ("sleepy, but no effort to stay awake"), and
	// HighRisk the time at KSS 8 or more, where the risk of incidents rises steeply.
	Sleepy, HighRisk time.Duration
	// MinAlertness is the lowest alertness sum (S+C+U+W+debt), at MinAt; MaxKSS is its KSS.
	MinAlertness float64
	MinAt        time.Time
	MaxKSS       float64
}

// Stats measures [from, to). An empty or reversed stretch gives zero durations and NaN
// minimum.
func (tr *Trajectory) Stats(from, to time.Time) WindowStats {
	return tr.stats(from.UnixNano(), to.UnixNano(), withInertia, 7, 8, true)
}

func withInertia(a Alertness) float64    { return a.Total }
func withoutInertia(a Alertness) float64 { return a.Total - a.W }

// stats measures [a, b) with f giving the alertness value compared with the thresholds:
// Sleepy counts time at KSS k1 or more, HighRisk at k2 or more. Without refine, the
// minimum is the lowest sample, not narrowed down between samples (for callers that only
// want the times past the thresholds, which do not depend on it).
func (tr *Trajectory) stats(a, b int64, f func(Alertness) float64, k1, k2 float64, refine bool) WindowStats {
	p := &tr.m.Params
	ws := WindowStats{MinAlertness: math.NaN(), MaxKSS: math.NaN()}
	if b <= a {
		return ws
	}
	th7, th8 := p.alertnessAt(k1), p.alertnessAt(k2)
	below := func(v, th float64) bool { return p.KSS(v) >= p.KSS(th) }
	var sleepy, high float64 // ns
	zc := zoneCache{loc: tr.loc}
	i := sort.Search(len(tr.ev), func(i int) bool { return tr.ev[i].at > a }) - 1
	for t0 := a; t0 < b; {
		if i < 0 {
			i = 0
		}
		// Evaluate piece by piece between events, where the closed form is smooth.
		end := b
		if i+1 < len(tr.ev) && tr.ev[i+1].at < b {
			end = tr.ev[i+1].at
		}
		at := func(t int64) float64 {
			if t < tr.ev[i].at {
				t = tr.ev[i].at
			}
			return f(tr.eval(i, t, &zc))
		}
		n := int((end-t0)/int64(sampleStep)) + 1
		prevT, prevV := t0, at(t0)
		best := -1 // sample index of this piece's lowest value, if it is the lowest so far
		if ws.note(prevV, prevT) {
			best = 0
		}
		for k := 1; k <= n; k++ {
			t := t0 + (end-t0)*int64(k)/int64(n)
			if k == n {
				t = end
			}
			v := at(t)
			if (k < n || t < b) && ws.note(v, t) {
				best = k
			}
			sleepy += span(prevT, t, prevV, v, th7, below, at)
			high += span(prevT, t, prevV, v, th8, below, at)
			prevT, prevV = t, v
		}
		if best >= 0 && refine {
			lo := t0 + (end-t0)*int64(max(best-1, 0))/int64(n)
			hi := t0 + (end-t0)*int64(min(best+1, n))/int64(n)
			ws.refine(at, lo, hi, b, t0+(end-t0)*int64(best)/int64(n))
		}
		t0 = end
		i++
	}
	ws.Sleepy, ws.HighRisk = time.Duration(sleepy), time.Duration(high)
	if !math.IsNaN(ws.MinAlertness) {
		ws.MaxKSS = p.KSS(ws.MinAlertness)
	}
	return ws
}

// note records v at t if it is the lowest so far, and reports whether it was.
func (ws *WindowStats) note(v float64, t int64) bool {
	if math.IsNaN(ws.MinAlertness) || v < ws.MinAlertness {
		ws.MinAlertness, ws.MinAt = v, time.Unix(0, t).UTC()
		return true
	}
	return false
}

// refine narrows the minimum between the samples either side of the lowest one by golden
// section search (the curve is smooth within a piece), to about a minute at the default
// step, where the value is within 1e-4 of the true minimum; limit is the exclusive end of
// the stretch measured. A lowest sample at the edge of the bracket with the curve rising
// away from it is the minimum already (the usual case at waking, with inertia).
func (ws *WindowStats) refine(at func(int64) float64, lo, hi, limit int64, edge int64) {
	const inv = 0.6180339887498949
	const probe = int64(time.Second)
	if edge == lo && at(lo+probe) >= at(lo) || edge == hi && at(hi-probe) >= at(hi) {
		return
	}
	m1 := hi - int64(inv*float64(hi-lo))
	m2 := lo + int64(inv*float64(hi-lo))
	f1, f2 := at(m1), at(m2)
	for range 10 {
		if f1 <= f2 {
			hi, m2, f2 = m2, m1, f1
			m1 = hi - int64(inv*float64(hi-lo))
			f1 = at(m1)
		} else {
			lo, m1, f1 = m1, m2, f2
			m2 = lo + int64(inv*float64(hi-lo))
			f2 = at(m2)
		}
	}
	if t := lo + (hi-lo)/2; t < limit {
		ws.note(at(t), t)
	}
}

// span returns how much of [t0, t1] has the value at or past threshold th, assuming at most
// one crossing. It narrows the crossing to a millisecond: each round guesses it by linear
// interpolation within the bracket (the curve is smooth and nearly straight at this scale)
// and tests the guess half a millisecond either side, falling back to halving the bracket
// when a guess misses; a few evaluations do what plain bisection needs about twenty for.
func span(t0, t1 int64, v0, v1, th float64, past func(v, th float64) bool, at func(int64) float64) float64 {
	p0, p1 := past(v0, th), past(v1, th)
	switch {
	case p0 && p1:
		return float64(t1 - t0)
	case !p0 && !p1:
		return 0
	}
	const half = int64(time.Millisecond) / 2
	lo, hi := t0, t1 // past(lo) == p0, past(hi) == p1
	vlo, vhi := v0, v1
	for guess := true; hi-lo > int64(time.Millisecond); guess = !guess {
		mid := lo + (hi-lo)/2
		if guess && vhi != vlo {
			x := lo + int64(float64(hi-lo)*(th-vlo)/(vhi-vlo))
			mid = min(max(x, lo+half+1), hi-half-1)
			a, b := mid-half, mid+half
			va, vb := at(a), at(b)
			pa, pb := past(va, th) == p0, past(vb, th) == p0
			switch {
			case pa && !pb:
				lo, hi = a, b
			case pa:
				lo, vlo = b, vb
			case !pb:
				hi, vhi = a, va
			default: // past one side, not the other: both probes beyond the crossing
				hi, vhi = a, va
			}
			continue
		}
		v := at(mid)
		if past(v, th) == p0 {
			lo, vlo = mid, v
		} else {
			hi, vhi = mid, v
		}
	}
	if p0 {
		return float64(lo - t0)
	}
	return float64(t1 - hi)
}

// MarshalJSON writes durations as *_seconds numbers, RFC 3339 times, and NaN (an empty
// stretch) as null.
func (ws WindowStats) MarshalJSON() ([]byte, error) {
	type out struct {
		SleepySeconds   float64    `json:"sleepy_seconds"`
		HighRiskSeconds float64    `json:"high_risk_seconds"`
		MinAlertness    *float64   `json:"min_alertness"`
		MinAt           *time.Time `json:"min_at"`
		MaxKSS          *float64   `json:"max_kss"`
	}
	o := out{SleepySeconds: ws.Sleepy.Seconds(), HighRiskSeconds: ws.HighRisk.Seconds()}
	if !math.IsNaN(ws.MinAlertness) {
		o.MinAlertness, o.MaxKSS = &ws.MinAlertness, &ws.MaxKSS
		o.MinAt = &ws.MinAt
	}
	return json.Marshal(o)
}
