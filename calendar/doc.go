// Package calendar answers the question every other part of oncall asks: what kind of time
// was this instant, or this interval, for this person?
//
// A Profile describes one person's time: their IANA zone, working days and hours, habitual
// sleep window, public holidays (from github.com/rickar/cal/v2 by ISO country or region code,
// plus company and custom holidays and half-days) and leave. New compiles a Profile into a
// Calendar, which classifies instants into bands (business, off, sleep hours) with weekend,
// holiday and leave flags, splits intervals into exact durations per class in the person's own
// zone across clock changes, and finds the start of the next working day.
//
// The default bands match PagerDuty's analytics: business 08:00-18:00 Monday to Friday, off
// hours 18:00-22:00 on weekdays and all weekend, sleep 22:00-08:00 every day. A Calendar is
// immutable after New and safe for concurrent use.
package calendar

import "errors"

// Sentinel errors, for errors.Is.
var (
	// ErrInvalidClock reports a malformed or out-of-range time of day or window.
	ErrInvalidClock = errors.New("invalid time of day")
	// ErrInvalidDate reports a malformed or impossible civil date.
	ErrInvalidDate = errors.New("invalid date")
	// ErrUnknownRegion reports a holiday country or region code that has no holiday list.
	ErrUnknownRegion = errors.New("unknown holiday region")
	// ErrInvalidInterval reports an interval that ends before it starts.
	ErrInvalidInterval = errors.New("interval ends before it starts")
	// ErrOutOfRange reports an instant outside the years 1678-2261, where durations in
	// nanoseconds cannot represent it.
	ErrOutOfRange = errors.New("time out of supported range")
	// ErrNoWorkday reports that no working time was found within the search horizon.
	ErrNoWorkday = errors.New("no working time found")
	// ErrInvalidProfile reports a profile field that cannot be used.
	ErrInvalidProfile = errors.New("invalid profile")
)
