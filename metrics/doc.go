// Package metrics turns pages and shifts into the statistics a team reads to decide whether
// on-call is fair and getting better: volume, out-of-hours share, response times and SLA
// compliance, disproportionate load, fairness indices, hotspots, trends, recovery owed versus
// taken, and the handoff summary of one shift.
//
// It sits on top of the root package (pages, shifts, roles) and calendar (what kind of time an
// instant was for a person). Quantities that other packages model, such as burden, fatigue
// episodes and recovery entitlements, come in as plain values: per-person numbers
// ([]Value), entitlement records (Owed) and sleep-loss records (SleepLoss), so any model can
// feed the summaries. For the fatigue package's outputs, OwedFromEntitlements,
// SleepLossFromImpacts, SleepLostHours and Wakeups make the conversion.
//
// Summarize computes the team summaries in one pass (about a second for a million pages);
// VolumeOf, OutOfHoursOf, ResponseOf, HotspotsOf compute one each. FairnessOf,
// DisproportionOf, TrendOf, CompareRates and the bootstrap work on plain numbers, so they
// serve any per-person or per-period quantity. HandoffOf and RecoveryOf cover one shift
// (with the incidents it inherited) and recovery time. Sleep interruptions merge repeat
// notifications within a minute, as PagerDuty counts them (Interruptions,
// Options.InterruptionWindow).
//
// Every summary is a plain struct that marshals to JSON with RFC 3339 times, durations as
// *_seconds numbers and undefined statistics (NaN) as null; see Float. Quantiles follow the
// Hyndman and Fan (1996) definitions, with type 7 (the default of NumPy, pandas and R) as the
// zero value of QuantileMethod. Functions never panic on user data: bad records give errors
// that name the record, and empty inputs give NaN where a statistic is undefined.
package metrics
