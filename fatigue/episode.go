package fatigue

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	oncall "github.com/wellrested/oncall"
)

// Defaults of EpisodeConfig.
const (
	// DefaultMergeGap is how close two pages must be to count as one interruption: PagerDuty's
	// analytics count notifications within 60 seconds of each other once.
	DefaultMergeGap = 60 * time.Second
	// DefaultEngagement is how long a person is assumed to stay engaged after acknowledging a
	// page whose resolution is unknown, or after a page that was neither acknowledged nor
	// resolved. It is a convention, not a measured figure: a quarter of an hour of triage.
	DefaultEngagement = 15 * time.Minute
)

// EndSource says how an episode's end was known.
type EndSource uint8

// The end sources, from best to worst evidence.
const (
	// EndResolved: the last page of the episode has a resolution time.
	EndResolved EndSource = iota
	// EndAcknowledged: acknowledgement plus the configured engagement.
	EndAcknowledged
	// EndAssumed: notification plus the configured engagement (neither ack nor resolve known).
	EndAssumed
)

// String returns "resolved", "acknowledged" or "assumed".
func (s EndSource) String() string {
	switch s {
	case EndResolved:
		return "resolved"
	case EndAcknowledged:
		return "acknowledged"
	case EndAssumed:
		return "assumed"
	}
	return fmt.Sprintf("end_source(%d)", uint8(s))
}

// MarshalText writes the source as String does.
func (s EndSource) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// EpisodeConfig sets how pages merge into episodes. The zero value uses the defaults.
type EpisodeConfig struct {
	// MergeGap: a page notified within MergeGap of the end of the current episode joins it.
	// Zero means DefaultMergeGap; negative means pages merge only when they overlap.
	MergeGap time.Duration
	// Engagement is added to the acknowledgement (or to the notification when there is no
	// acknowledgement either) when the resolution is unknown. Zero means DefaultEngagement.
	Engagement time.Duration
}

func (c EpisodeConfig) gap() time.Duration {
	switch {
	case c.MergeGap == 0:
		return DefaultMergeGap
	case c.MergeGap < 0:
		return 0
	}
	return c.MergeGap
}

func (c EpisodeConfig) engagement() time.Duration {
	if c.Engagement <= 0 {
		return DefaultEngagement
	}
	return c.Engagement
}

// Episode is a stretch of continuous engagement of one responder: one or more pages that
// overlap or follow each other within the merge gap.
type Episode struct {
	// ID is stable for the same input: the responder, "@", and the start in UTC.
	ID        string
	Responder string
	Start     time.Time
	End       time.Time
	// EndSource is the weakest evidence among the episode's pages of when they ended.
	EndSource EndSource
	// Incidents are the incident IDs of the pages, in notification order, without repeats.
	Incidents []string
	// Pages is the number of pages merged.
	Pages int
}

// Duration is End - Start.
func (e Episode) Duration() time.Duration { return e.End.Sub(e.Start) }

// ErrResponderMismatch reports a page for another responder than the one asked for.
var ErrResponderMismatch = errors.New("page is for another responder")

// PageError names the page (its index in the input and incident ID) that failed a check.
type PageError struct {
	Index      int
	IncidentID string
	Err        error
}

// Error implements error.
func (e *PageError) Error() string {
	return fmt.Sprintf("fatigue: page %d (incident %q): %v", e.Index, e.IncidentID, e.Err)
}

// Unwrap returns the underlying error.
func (e *PageError) Unwrap() error { return e.Err }

// pageEnd is when the responder stopped being engaged with p.
func pageEnd(p *oncall.Page, engagement time.Duration) (time.Time, EndSource) {
	switch {
	case !p.Resolved.IsZero():
		return p.Resolved, EndResolved
	case !p.Acknowledged.IsZero():
		return p.Acknowledged.Add(engagement), EndAcknowledged
	}
	return p.Triggered.Add(engagement), EndAssumed
}

// Episodes merges one responder's pages into engagement episodes, sorted by start. Every
// page must be valid (see oncall.Page.Validate) and for responder; otherwise Episodes
// returns every problem, joined, each a *PageError, and no episodes. The input is not
// modified.
func Episodes(responder string, pages []oncall.Page, cfg EpisodeConfig) ([]Episode, error) {
	var errs []error
	// The pages to merge, by notification time; the key is taken once, not per comparison.
	keys := make([]pageKey, 0, len(pages))
	for i := range pages {
		p := &pages[i]
		if err := p.Validate(); err != nil {
			errs = append(errs, &PageError{Index: i, IncidentID: p.IncidentID, Err: err})
			continue
		}
		if p.Responder != responder {
			errs = append(errs, &PageError{Index: i, IncidentID: p.IncidentID,
				Err: fmt.Errorf("%w: %q, want %q", ErrResponderMismatch, p.Responder, responder)})
			continue
		}
		keys = append(keys, pageKey{ns: p.Triggered.UnixNano(), idx: i})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// Sort by notification time, then incident ID.
	byTime := func(a, b pageKey) int {
		if a.ns != b.ns {
			return cmp.Compare(a.ns, b.ns)
		}
		return cmp.Or(cmp.Compare(pages[a.idx].IncidentID, pages[b.idx].IncidentID), cmp.Compare(a.idx, b.idx))
	}
	if !slices.IsSortedFunc(keys, byTime) { // page tables usually come sorted already
		sortByTime(keys, byTime)
	}
	gap, eng := cfg.gap(), cfg.engagement()
	out := make([]Episode, 0, countEpisodes(pages, keys, gap, eng))
	// Every episode's incidents are a stretch of one shared array, capped so that an append
	// by the caller copies instead of writing into the next episode's stretch.
	incidents := make([]string, 0, len(keys))
	first := 0 // where the current episode's incidents start in incidents
	for _, k := range keys {
		p := &pages[k.idx]
		end, src := pageEnd(p, eng)
		if n := len(out); n > 0 && !p.Triggered.After(out[n-1].End.Add(gap)) {
			cur := &out[n-1]
			if end.After(cur.End) {
				cur.End = end
			}
			cur.EndSource = max(cur.EndSource, src)
			cur.Pages++
			if !slices.Contains(cur.Incidents, p.IncidentID) {
				incidents = append(incidents, p.IncidentID)
				cur.Incidents = incidents[first:len(incidents):len(incidents)]
			}
			continue
		}
		first = len(incidents)
		incidents = append(incidents, p.IncidentID)
		out = append(out, Episode{
			Responder: responder, Start: p.Triggered, End: end, EndSource: src,
			Incidents: incidents[first:len(incidents):len(incidents)], Pages: 1,
		})
	}
	setIDs(out, responder)
	return out, nil
}

// countEpisodes returns how many episodes the pages (in merge order) make, so that they
// take one allocation of the right size. It is only a size: instants out of the range of
// unix nanoseconds can make it wrong, which costs a regrowth, not a wrong result.
func countEpisodes(pages []oncall.Page, keys []pageKey, gap, eng time.Duration) int {
	n := 0
	var end int64
	for _, k := range keys {
		p := &pages[k.idx]
		e, _ := pageEnd(p, eng)
		if t := p.Triggered.UnixNano(); n > 0 && t <= end+int64(gap) {
			end = max(end, e.UnixNano())
			continue
		}
		n++
		end = e.UnixNano()
	}
	return n
}

// sortByTime sorts keys, built in index order, as byTime orders them: by time, then
// incident ID, then index. A radix sort of the times does the bulk in linear time; being
// stable, it leaves equal times in index order, and the rare runs of them are then sorted
// by byTime itself.
func sortByTime(keys []pageKey, byTime func(a, b pageKey) int) {
	if len(keys) < 64 {
		slices.SortFunc(keys, byTime)
		return
	}
	lo, hi := keys[0].ns, keys[0].ns
	for _, k := range keys {
		lo, hi = min(lo, k.ns), max(hi, k.ns)
	}
	span := uint64(hi) - uint64(lo)
	src, dst := keys, make([]pageKey, len(keys))
	for shift := uint(0); shift < 64 && span>>shift > 0; shift += 8 {
		var at [257]int // where each digit's keys go, counted one ahead
		for _, k := range src {
			at[int(byte((uint64(k.ns)-uint64(lo))>>shift))+1]++
		}
		for i := 1; i < len(at); i++ {
			at[i] += at[i-1]
		}
		for _, k := range src {
			b := byte((uint64(k.ns) - uint64(lo)) >> shift)
			dst[at[b]] = k
			at[b]++
		}
		src, dst = dst, src
	}
	copy(keys, src)
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j].ns == keys[i].ns {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(keys[i:j], byTime)
		}
		i = j
	}
}

type pageKey struct {
	ns  int64
	idx int
}

func episodeID(responder string, start time.Time) string {
	return string(appendEpisodeID(nil, responder, start))
}

// setIDs gives every episode its ID. The IDs share one string, so that a year of episodes
// costs one allocation instead of one each.
func setIDs(eps []Episode, responder string) {
	var sb strings.Builder
	sb.Grow(len(eps) * (len(responder) + len("@2006-01-02T15:04:05Z")))
	ends := make([]int, len(eps))
	var scratch [64]byte
	for i := range eps {
		sb.Write(appendEpisodeID(scratch[:0], responder, eps[i].Start))
		ends[i] = sb.Len()
	}
	all := sb.String()
	from := 0
	for i := range eps {
		eps[i].ID = all[from:ends[i]]
		from = ends[i]
	}
}

// appendEpisodeID appends responder, "@" and start in UTC as RFC 3339 with the fraction
// of a second trimmed of trailing zeros (time's "2006-01-02T15:04:05.999999999Z").
func appendEpisodeID(b []byte, responder string, start time.Time) []byte {
	b = append(b, responder...)
	b = append(b, '@')
	u := start.UTC()
	y, mo, d := u.Date()
	if y < 0 || y > 9999 {
		return u.AppendFormat(b, "2006-01-02T15:04:05.999999999Z")
	}
	h, mi, s := u.Clock()
	b = appendDigits(b, y, 4)
	b = append(b, '-')
	b = appendDigits(b, int(mo), 2)
	b = append(b, '-')
	b = appendDigits(b, d, 2)
	b = append(b, 'T')
	b = appendDigits(b, h, 2)
	b = append(b, ':')
	b = appendDigits(b, mi, 2)
	b = append(b, ':')
	b = appendDigits(b, s, 2)
	if ns := u.Nanosecond(); ns != 0 {
		digits := 9
		for ns%10 == 0 {
			ns /= 10
			digits--
		}
		b = append(b, '.')
		b = appendDigits(b, ns, digits)
	}
	return append(b, 'Z')
}

// appendDigits appends v (not negative) zero-padded to width digits.
func appendDigits(b []byte, v, width int) []byte {
	if width == 2 { // most fields: month, day, hour, minute, second
		return append(b, byte('0'+v/10%10), byte('0'+v%10))
	}
	var tmp [9]byte
	for i := width - 1; i >= 0; i-- {
		tmp[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, tmp[:width]...)
}

// GroupPages splits pages by responder, keeping input order within each. It is a
// convenience for feeding Episodes from a whole page table.
func GroupPages(pages []oncall.Page) map[string][]oncall.Page {
	m := make(map[string][]oncall.Page)
	for _, p := range pages {
		m[p.Responder] = append(m[p.Responder], p)
	}
	return m
}
