package rotation

import (
	"fmt"
	"math"
	"time"

	"github.com/wellrested/oncall"
)

// PageLoad adds the page load a shift can expect to its burden: each hour of the week, read
// on the wall clock of the rotation's reference zone (Spec.Zone), carries the mean number of
// pages that hour saw over the learning period, per role. The reference zone is used, not
// each responder's, because pages follow the service and its users: the same hour is busy
// whoever holds it, and how much the hour itself costs the holder is already priced by
// their calendar (Weights). The zero PageLoad adds nothing.
type PageLoad struct {
	// Weight is the burden one expected page adds, in burden units (a weekday business hour
	// on call is 1); zero turns page load off. It is not multiplied by the role weight:
	// each role learns its own pages.
	Weight float64
	// Pages are the past pages learned from. A page counts for the rotation role it names;
	// a page with no role counts for the first role (the one paged first).
	Pages []oncall.Page
	// From and To bound the period the pages were collected over; every page must be
	// triggered in [From, To). Each hour of the week is averaged over the times it occurs
	// in the period, so a period of four weeks with eight pages on Monday 02:00-03:00 gives
	// that hour an expected two pages.
	From, To time.Time
}

// hoursPerWeek is the number of hour-of-week buckets: weekday × 24 + hour, Sunday first.
const hoursPerWeek = 7 * 24

// pageRates holds the learned expected burden per hour of the week, per role, already
// multiplied by PageLoad.Weight.
type pageRates struct {
	zone *time.Location
	rate [][hoursPerWeek]float64 // [role][hour of week]: burden per hour
}

// learnPages checks the page load and learns its rates; nil when it is off.
func (m *Model) learnPages(pl PageLoad) (*pageRates, []error) {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("rotation: page load "+format+": %w", append(args, ErrInvalidProblem)...))
	}
	if pl.Weight < 0 || math.IsNaN(pl.Weight) || math.IsInf(pl.Weight, 0) {
		bad("weight %v: must be a finite number, not negative", pl.Weight)
	}
	if pl.Weight <= 0 || len(errs) > 0 {
		return nil, errs
	}
	if pl.From.IsZero() || pl.To.IsZero() || !pl.To.After(pl.From) {
		bad("period %s to %s: needs From before To", pl.From.Format(time.RFC3339), pl.To.Format(time.RFC3339))
		return nil, errs
	}
	pr := &pageRates{zone: m.spec.Zone, rate: make([][hoursPerWeek]float64, len(m.spec.Roles))}
	counts := make([][hoursPerWeek]float64, len(m.spec.Roles))
	for i, pg := range pl.Pages {
		r := 0
		if pg.Role != "" {
			var ok bool
			if r, ok = m.roleIdx[pg.Role]; !ok {
				bad("page %d (incident %s) role %q: not a role of the rotation", i, pg.IncidentID, pg.Role)
				continue
			}
		}
		if pg.Triggered.Before(pl.From) || !pg.Triggered.Before(pl.To) {
			bad("page %d (incident %s) triggered %s: outside the period %s to %s", i, pg.IncidentID, pg.Triggered.Format(time.RFC3339),
				pl.From.Format(time.RFC3339), pl.To.Format(time.RFC3339))
			continue
		}
		counts[r][pr.hourOfWeek(pg.Triggered)]++
	}
	if len(errs) > 0 {
		return nil, errs
	}
	// Exposure: how many hours of each hour-of-week the period holds (parts of hours at its
	// ends count in part).
	var seen [hoursPerWeek]float64
	pr.eachHour(pl.From, pl.To, func(h int, frac float64) { seen[h] += frac })
	for r := range counts {
		for h, c := range counts[r] {
			if seen[h] > 0 {
				pr.rate[r][h] = pl.Weight * c / seen[h]
			}
		}
	}
	return pr, nil
}

func (pr *pageRates) hourOfWeek(t time.Time) int {
	lt := t.In(pr.zone)
	return int(lt.Weekday())*24 + lt.Hour()
}

// eachHour calls f with the hour of the week and the fraction of it within [start, end),
// for each wall-clock hour of the zone that [start, end) meets. Hours are stepped by the
// time left to the next :00 on the local clock, so clock changes and zones with half-hour
// offsets keep whole local hours.
func (pr *pageRates) eachHour(start, end time.Time, f func(h int, frac float64)) {
	for t := start; t.Before(end); {
		lt := t.In(pr.zone)
		into := time.Duration(lt.Minute())*time.Minute + time.Duration(lt.Second())*time.Second + time.Duration(lt.Nanosecond())
		next := t.Add(time.Hour - into)
		if next.After(end) {
			next = end
		}
		f(pr.hourOfWeek(t), next.Sub(t).Hours())
		t = next
	}
}

// between is the expected page burden of role r over [start, end).
func (pr *pageRates) between(r int, start, end time.Time) float64 {
	if pr == nil {
		return 0
	}
	sum := 0.0
	pr.eachHour(start, end, func(h int, frac float64) { sum += pr.rate[r][h] * frac })
	return sum
}

// pageCost is the expected page burden of role r over [start, end) per unit of role weight,
// the unit the price tables are kept in (they are multiplied by the role weight later).
func (m *Model) pageCost(r int, start, end time.Time) float64 {
	if m.pages == nil {
		return 0
	}
	return m.pages.between(r, start, end) / m.spec.Roles[r].Weight
}
