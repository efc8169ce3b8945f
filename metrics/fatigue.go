package metrics

import (
	"github.com/wellrested/oncall/fatigue"
)

// OwedFromEntitlements turns the recovery entitlements a fatigue.Policy granted into Owed
// records for RecoveryOf: the person, the time owed, and the window in which it can be taken
// (from the start of the working day it is for until it expires). Entitlements whose Amount
// is zero or less (entirely capped) are left out: nothing is owed.
func OwedFromEntitlements(es []fatigue.Entitlement) []Owed {
	out := make([]Owed, 0, len(es))
	for _, e := range es {
		if e.Amount <= 0 {
			continue
		}
		out = append(out, Owed{Responder: e.Person, Amount: e.Amount, Earliest: e.EarliestStart, Expires: e.Expires})
	}
	return out
}

// SleepLossFromImpacts turns one responder's impacts (fatigue.Analyze) into SleepLoss
// records for HandoffInput: one per episode that cost sleep, dated at the episode's start,
// so a handoff counts the sleep its own pages cost. fatigue counts each lost minute once
// across episodes, so the records add up without double counting.
func SleepLossFromImpacts(responder string, impacts []fatigue.Impact) []SleepLoss {
	var out []SleepLoss
	for _, im := range impacts {
		if im.SleepLost > 0 {
			out = append(out, SleepLoss{Responder: responder, Start: im.Start, Lost: im.SleepLost})
		}
	}
	return out
}

// SleepLostHours sums each person's sleep lost, in hours, from their impacts (person ID to
// fatigue.Analyze's result), as Values for FairnessOf: how evenly the team's lost sleep is
// spread. People with no impacts count as zero.
func SleepLostHours(impacts map[string][]fatigue.Impact) []Value {
	m := make(map[string]float64, len(impacts))
	for id, ims := range impacts {
		m[id] = 0
		for _, im := range ims {
			m[id] += im.SleepLost.Hours()
		}
	}
	return ValuesOf(m)
}

// Wakeups counts each person's episodes that woke them (fatigue.Impact.Woke: started in
// their sleep hours while asleep), as Values for FairnessOf or as the counts of a
// disproportion test.
func Wakeups(impacts map[string][]fatigue.Impact) []Value {
	m := make(map[string]float64, len(impacts))
	for id, ims := range impacts {
		m[id] = 0
		for _, im := range ims {
			if im.Woke {
				m[id]++
			}
		}
	}
	return ValuesOf(m)
}
