package metrics

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/wellrested/oncall/calendar"
)

// ErrInvalidRecord reports an entitlement or time-off record that cannot be used.
var ErrInvalidRecord = errors.New("invalid record")

// Owed is recovery time a person is entitled to, as the fatigue model grants it: Amount of
// working time off, to be taken from Earliest until Expires (zero Expires: no expiry).
type Owed struct {
	// Responder is the person's ID.
	Responder string
	Amount    time.Duration
	Earliest  time.Time
	Expires   time.Time
}

// TimeOff is working time a person took off, starting at Start. TimeOffFromLeave derives it
// from calendar leave.
type TimeOff struct {
	// Responder is the person's ID; Amount the working time taken off.
	Responder string
	Start     time.Time
	Amount    time.Duration
}

// RecoveryBalance compares what one person (or the team) was owed with what they took.
type RecoveryBalance struct {
	ID string `json:"id"`
	// OwedSeconds is everything granted; TakenSeconds all time off.
	OwedSeconds  Float `json:"owed_seconds"`
	TakenSeconds Float `json:"taken_seconds"`
	// CreditedSeconds is time off that counted against an entitlement (taken within its
	// window); UnmatchedSeconds is time off that did not.
	CreditedSeconds  Float `json:"credited_seconds"`
	UnmatchedSeconds Float `json:"unmatched_seconds"`
	// OutstandingSeconds is still owed and not yet expired at AsOf; LapsedSeconds expired
	// untaken: recovery the person never got.
	OutstandingSeconds Float `json:"outstanding_seconds"`
	LapsedSeconds      Float `json:"lapsed_seconds"`
	// TakenShare is CreditedSeconds / OwedSeconds; NaN when nothing was owed.
	TakenShare Float `json:"taken_share"`
}

// Recovery is the balance of every person, sorted by ID, and of the team.
type Recovery struct {
	AsOf        time.Time         `json:"as_of"`
	Team        RecoveryBalance   `json:"team"`
	ByResponder []RecoveryBalance `json:"by_responder"`
}

// RecoveryOf credits each person's time off against their entitlements and reports what is
// outstanding and what lapsed as of asOf. Time off is credited in order of start, each piece
// to the open entitlement (Earliest <= Start < Expires) that expires first, so nothing lapses
// that could have been covered. Invalid records give a *RecordError wrapping
// ErrInvalidRecord.
func RecoveryOf(owed []Owed, taken []TimeOff, asOf time.Time) (Recovery, error) {
	if err := checkRecovery(owed, taken); err != nil {
		return Recovery{}, err
	}
	type left struct {
		Owed
		remaining time.Duration
	}
	people := map[string][]*left{}
	bal := map[string]*balance{}
	get := func(id string) *balance {
		if bal[id] == nil {
			bal[id] = &balance{}
		}
		return bal[id]
	}
	for _, o := range owed {
		people[o.Responder] = append(people[o.Responder], &left{o, o.Amount})
		get(o.Responder).owed += o.Amount
	}
	for _, ls := range people {
		slices.SortStableFunc(ls, func(a, b *left) int {
			return cmp.Or(compareExpiry(a.Expires, b.Expires), a.Earliest.Compare(b.Earliest))
		})
	}
	offs := slices.Clone(taken)
	slices.SortStableFunc(offs, func(a, b TimeOff) int { return a.Start.Compare(b.Start) })
	for _, t := range offs {
		b := get(t.Responder)
		b.taken += t.Amount
		rest := t.Amount
		for _, l := range people[t.Responder] {
			if rest == 0 {
				break
			}
			if l.remaining == 0 || t.Start.Before(l.Earliest) || (!l.Expires.IsZero() && !t.Start.Before(l.Expires)) {
				continue
			}
			c := min(rest, l.remaining)
			l.remaining -= c
			rest -= c
			b.credited += c
		}
		b.unmatched += rest
	}
	for id, ls := range people {
		b := get(id)
		for _, l := range ls {
			if !l.Expires.IsZero() && !asOf.Before(l.Expires) {
				b.lapsed += l.remaining
			} else {
				b.outstanding += l.remaining
			}
		}
	}
	return recoveryReport(bal, asOf), nil
}

type balance struct {
	owed, taken, credited, unmatched, outstanding, lapsed time.Duration
}

func (b balance) report(id string) RecoveryBalance {
	s := func(d time.Duration) Float { return Float(d.Seconds()) }
	return RecoveryBalance{ID: id, OwedSeconds: s(b.owed), TakenSeconds: s(b.taken),
		CreditedSeconds: s(b.credited), UnmatchedSeconds: s(b.unmatched),
		OutstandingSeconds: s(b.outstanding), LapsedSeconds: s(b.lapsed),
		TakenShare: ratio(b.credited.Seconds(), b.owed.Seconds())}
}

func recoveryReport(bal map[string]*balance, asOf time.Time) Recovery {
	r := Recovery{AsOf: asOf, ByResponder: make([]RecoveryBalance, 0, len(bal))}
	var team balance
	for id, b := range bal {
		r.ByResponder = append(r.ByResponder, b.report(id))
		team.owed += b.owed
		team.taken += b.taken
		team.credited += b.credited
		team.unmatched += b.unmatched
		team.outstanding += b.outstanding
		team.lapsed += b.lapsed
	}
	slices.SortFunc(r.ByResponder, func(a, b RecoveryBalance) int { return cmp.Compare(a.ID, b.ID) })
	r.Team = team.report("")
	return r
}

// compareExpiry orders expiry times with zero (never) last.
func compareExpiry(a, b time.Time) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

func checkRecovery(owed []Owed, taken []TimeOff) error {
	bad := func(kind string, i int, id, why string) error {
		return &RecordError{Kind: kind, Index: i, ID: id, Err: fmt.Errorf("%s: %w", why, ErrInvalidRecord)}
	}
	for i, o := range owed {
		switch {
		case o.Responder == "":
			return bad("owed", i, o.Responder, "no responder")
		case o.Amount < 0:
			return bad("owed", i, o.Responder, "amount "+o.Amount.String()+" is negative")
		case !o.Expires.IsZero() && !o.Expires.After(o.Earliest):
			return bad("owed", i, o.Responder, "expires "+o.Expires.Format(time.RFC3339)+" not after earliest "+o.Earliest.Format(time.RFC3339))
		}
	}
	for i, t := range taken {
		switch {
		case t.Responder == "":
			return bad("time off", i, t.Responder, "no responder")
		case t.Amount < 0:
			return bad("time off", i, t.Responder, "amount "+t.Amount.String()+" is negative")
		case t.Start.IsZero():
			return bad("time off", i, t.Responder, "no start")
		}
	}
	return nil
}

// TimeOffFromLeave measures each leave interval of a calendar's profile as the working time
// it removes: the business hours the person would have worked without the leave (holidays
// and weekends inside the leave cost nothing). A week of leave for a 08:00-18:00 Monday to
// Friday person is 50 hours.
func TimeOffFromLeave(responder string, c *calendar.Calendar) ([]TimeOff, error) {
	p := c.Profile()
	leave := p.Leave
	p.Leave = nil
	work, err := calendar.New(p)
	if err != nil {
		return nil, fmt.Errorf("metrics: leave of %q: %w", responder, err)
	}
	out := make([]TimeOff, 0, len(leave))
	for _, iv := range leave {
		b, err := work.Split(iv.Start, iv.End)
		if err != nil {
			return nil, fmt.Errorf("metrics: leave of %q from %s: %w", responder, iv.Start.Format(time.RFC3339), err)
		}
		out = append(out, TimeOff{Responder: responder, Start: iv.Start, Amount: b.Band(calendar.Business)})
	}
	return out, nil
}
