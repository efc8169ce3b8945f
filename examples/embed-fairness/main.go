// Command embed-fairness shows how a scheduler embeds the fairness model: it judges a rota it
// did not generate (the sample team's hand-made year), finds who carries the most, and asks
// "who could take this shift off them?", ranked by what the change does to the team's
// heaviest load.
//
//	go run ./examples/embed-fairness
package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"time"

	"github.com/wellrested/oncall"
	"github.com/wellrested/oncall/examples/data"
	"github.com/wellrested/oncall/rotation"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	team, _, shifts, err := data.Load()
	if err != nil {
		return err
	}
	from, to := shifts[0].Start, shifts[len(shifts)-1].End
	m, err := rotation.Compile(team.Problem(from, to))
	if err != nil {
		return err
	}
	ledger, err := m.Ledger(shifts)
	if err != nil {
		return err
	}
	// The bound is for schedules of the model's whole units; a rota that splits a week or,
	// as this one does once, breaks the secondary-to-primary chain gets none (NaN).
	if lb := ledger.LowerBound; !math.IsNaN(lb) {
		fmt.Fprintf(w, "Heaviest load %.0f, %.0f%% above the lower bound %.0f; Gini %.3f\n",
			ledger.Indices.Max, 100*(ledger.Indices.Max/lb-1), lb, ledger.Indices.Gini)
	} else {
		fmt.Fprintf(w, "Heaviest load %.0f (not whole chained weeks, so no lower bound applies); Gini %.3f\n",
			ledger.Indices.Max, ledger.Indices.Gini)
	}

	heaviest := ledger.Accounts[0]
	for _, a := range ledger.Accounts {
		if a.Load > heaviest.Load {
			heaviest = a
		}
	}
	fmt.Fprintf(w, "%s carries the most: %d shifts, load %.0f against a fair share of %.0f\n",
		heaviest.Responder, heaviest.Shifts, heaviest.Load, heaviest.Share)

	// Their heaviest single shift is the one to offer.
	give, worst := -1, 0.0
	for i, sh := range shifts {
		if sh.Responder != heaviest.Responder {
			continue
		}
		one, err := m.Ledger(oncall.Schedule{sh})
		if err != nil {
			return err
		}
		for _, a := range one.Accounts {
			if a.Responder == sh.Responder && a.Burden > worst {
				give, worst = i, a.Burden
			}
		}
	}
	if give < 0 {
		return fmt.Errorf("no shift found for %s", heaviest.Responder)
	}
	sh := shifts[give]
	fmt.Fprintf(w, "Their heaviest shift: %s from %s (burden %.0f)\n", sh.Role, sh.Start.Format(time.DateOnly), worst)

	cands, err := m.Candidates(shifts, give)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d ways to hand it on without breaking a rule; the best:\n", len(cands))
	for _, c := range cands[:min(3, len(cands))] {
		kind := "cover"
		if c.Back >= 0 {
			kind = "swap for " + shifts[c.Back].Start.Format(time.DateOnly)
		}
		fmt.Fprintf(w, "  %-26s %-22s team max %.0f -> %.0f\n", c.Taker, kind, c.MaxBefore, c.MaxAfter)
	}
	return nil
}
