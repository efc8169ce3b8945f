// Package oncall is the shared vocabulary of the wellrested on-call library: responders,
// roles, pages and shifts, and the normalized page table every importer and report speaks.
//
// The packages below build on it in one direction: calendar says what kind of time an instant
// was for a person; rotation generates and judges schedules; fatigue turns pages into sleep
// lost, predicted alertness and the recovery time people are owed; metrics summarises it all.
// This package holds plain values and their checks only, no models.
package oncall
