// Package rotation generates fair on-call rotations and judges the fairness of any schedule.
//
// A Problem names the team (each member's calendar profile, capacity and eligible roles), the
// rotation Spec (cycle length, handoff weekday and local time, roles and their weights), the
// horizon, history and hard rules. Compile checks it and prices every cycle for every person in
// that person's own calendar (see package calendar): a weekend night on call costs more than a
// weekday afternoon, a public holiday more still. Optionally (Problem.PageLoad) each hour also
// carries the pages it can expect, learned by hour of the week from past pages.
//
// Fairness follows the carpool rule: the burden of each slot is owed by the people able to take
// it, in proportion to their capacity, so leave earns no debt. A person's balance is the burden
// they carried minus the share they owed, carried across horizons. Model.Generate minimises the
// largest capacity-normalised load, then the next largest (leximax), then the number of
// published shifts it changes when re-planning (Problem.Previous), then how unevenly each
// person's stints are spaced, subject to leave, rest, eligibility, stint limits and pinned
// assignments. Model.Ledger, Model.Check and
// Model.LowerBound judge any schedule, generated here or imported, so a report can say how far
// it is from the fairest possible; the bound combines an aggregate average with threshold,
// counting and Lagrangian (LP-relaxation) certificates (see LowerBound). It holds for
// schedules that keep the rules and give each slot whole to one person, the schedules the
// generator searches; a ledger of a schedule that splits slots reports no bound.
//
// Generate and Check judge a schedule by the same rules, with one difference of granularity:
// the generator gives each slot (all the windows of a covered role in one cycle) to one
// person, so leave touching any window of a slot keeps that person off the whole slot, while
// Check would accept the slot's windows split between people. Among schedules that give each
// slot to one person, Generate fails only when Check rejects every one of them.
//
// Pricing is shared between people whose calendars differ only by leave, and each person's
// leave is priced apart, so memory grows with slots and people, not with their product.
//
// The package sits above calendar and the root oncall types; fatigue and metrics read the
// schedules it writes. It does no I/O of its own beyond writers handed to it.
package rotation
