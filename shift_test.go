package oncall

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func day(d, h int) time.Time { return time.Date(2026, 1, d, h, 0, 0, 0, time.UTC) }

func TestScheduleGaps(t *testing.T) {
	s := Schedule{
		{Responder: "a", Role: Primary, Start: day(6, 10), End: day(13, 10)},
		{Responder: "b", Role: Primary, Start: day(14, 10), End: day(20, 10)}, // gap 13th 10:00 to 14th 10:00
		{Responder: "c", Role: Primary, Start: day(15, 0), End: day(16, 0)},   // inside b's shift
		{Responder: "c", Role: Secondary, Start: day(1, 0), End: day(31, 0)},
	}
	gaps := s.Gaps(Primary, day(5, 0), day(21, 0))
	require.Equal(t, []Gap{
		{Role: Primary, Start: day(5, 0), End: day(6, 10)},
		{Role: Primary, Start: day(13, 10), End: day(14, 10)},
		{Role: Primary, Start: day(20, 10), End: day(21, 0)},
	}, gaps)
	require.Empty(t, s.Gaps(Secondary, day(5, 0), day(21, 0)))
	require.Equal(t, []Gap{{Role: "shadow", Start: day(5, 0), End: day(6, 0)}}, s.Gaps("shadow", day(5, 0), day(6, 0)))
}

func TestScheduleOverlaps(t *testing.T) {
	s := Schedule{
		{Responder: "a", Role: Primary, Start: day(6, 10), End: day(13, 10)},
		{Responder: "b", Role: Primary, Start: day(13, 10), End: day(20, 10)},  // touches 0: no overlap
		{Responder: "b", Role: Secondary, Start: day(6, 10), End: day(13, 10)}, // touches 1 (same person): no overlap
		{Responder: "a", Role: Secondary, Start: day(12, 0), End: day(14, 0)},
	}
	// Worked out pair by pair: 0-3 share person a over 12th 00:00 to 13th 10:00; 2-3 share the
	// secondary role over the same stretch; every other pair differs in both or only touches.
	require.Equal(t, []Overlap{
		{Kind: SamePerson, A: 0, B: 3, Start: day(12, 0), End: day(13, 10)},
		{Kind: SameRole, A: 2, B: 3, Start: day(12, 0), End: day(13, 10)},
	}, s.Overlaps())
}

func TestShiftValidate(t *testing.T) {
	require.NoError(t, Shift{Responder: "a", Role: Primary, Start: day(1, 0), End: day(2, 0)}.Validate())
	err := Shift{Responder: "a", Role: Primary, Start: day(2, 0), End: day(2, 0)}.Validate()
	require.ErrorIs(t, err, ErrEndBeforeStart)
	err = Schedule{{Responder: "a", Role: Primary, Start: day(1, 0), End: day(2, 0)}, {Role: Primary, Start: day(1, 0), End: day(2, 0)}}.Validate()
	var se *ShiftError
	require.ErrorAs(t, err, &se)
	require.Equal(t, 1, se.Index)
	require.ErrorIs(t, err, ErrMissing)
}

func TestScheduleSortAndRoles(t *testing.T) {
	s := Schedule{
		{Responder: "b", Role: Secondary, Start: day(2, 0), End: day(3, 0)},
		{Responder: "a", Role: Secondary, Start: day(1, 0), End: day(2, 0)},
		{Responder: "c", Role: Primary, Start: day(1, 0), End: day(2, 0)},
	}
	s.Sort()
	require.Equal(t, []string{"c", "a", "b"}, []string{s[0].Responder, s[1].Responder, s[2].Responder})
	require.Equal(t, []string{Primary, Secondary}, s.Roles())
	require.Len(t, s.OnCall(Secondary, day(1, 12)), 1)
	require.Empty(t, s.OnCall(Primary, day(2, 0)), "shifts are half-open")
}
