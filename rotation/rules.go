package rotation

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Rule names a hard constraint.
type Rule string

// The rules a schedule must keep.
const (
	// RuleLeave: nobody is on call during their leave.
	RuleLeave Rule = "leave"
	// RuleOverlap: nobody holds two roles, or two shifts, at once.
	RuleOverlap Rule = "overlap"
	// RuleRest: at least Spec.MinCyclesOff whole cycles between two stints of one person.
	RuleRest Rule = "rest"
	// RuleMaxStints: no more than Member.MaxStints stints started in any Spec.StintPeriod
	// consecutive cycles.
	RuleMaxStints Rule = "max-stints"
	// RuleEligibility: people hold only the roles listed for them.
	RuleEligibility Rule = "eligibility"
	// RulePinned: pinned assignments hold.
	RulePinned Rule = "pinned"
	// RuleCoverage: each slot of the horizon has exactly one person.
	RuleCoverage Rule = "coverage"
)

// Block says why one person cannot take a slot.
type Block struct {
	Responder string `json:"responder"`
	Rule      Rule   `json:"rule"`
}

// UncoverableError reports a slot that no one can take under the rules; it wraps
// ErrInfeasible. Blocks lists, for every member, the first rule that stops them.
type UncoverableError struct {
	Slot   Slot
	Blocks []Block
}

// Error implements error.
func (e *UncoverableError) Error() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "rotation: nobody can cover %s in cycle %d (%s to %s)", e.Slot.Role, e.Slot.Cycle, e.Slot.Start.Format(time.RFC3339), e.Slot.End.Format(time.RFC3339))
	for i, b := range e.Blocks {
		if i == 0 {
			sb.WriteString(": ")
		} else {
			sb.WriteString(", ")
		}
		sb.WriteString(b.Responder + " " + string(b.Rule))
	}
	sb.WriteString(": ")
	sb.WriteString(ErrInfeasible.Error())
	return sb.String()
}

// Unwrap returns ErrInfeasible.
func (e *UncoverableError) Unwrap() error { return ErrInfeasible }

func marshal(v any) ([]byte, error) { return json.Marshal(v) }
