// Package report draws the pictures and writes the self-contained HTML report a team reads at
// its monthly on-call review.
//
// It sits on top of every other package: metrics supplies the summaries (volume, out-of-hours
// shares, response and SLA compliance, fairness, disproportion, hotspots, trends, recovery),
// rotation the burden ledger of a schedule, fatigue the daily scores and the alertness
// trajectories, and the root package the pages and the schedule. Nothing here computes a model;
// it lays out what the other packages computed.
//
// The plot functions (Lorenz, HourOfWeek, KSSTimeline, WeeklyTrend, ScheduleTimeline) return
// SVG documents drawn with gonum.org/v1/plot at fixed sizes and fonts, so the same input always
// gives the same bytes. HTML writes one file with those pictures inline, inline CSS, no scripts
// and no links to anything outside the file, so it opens offline and can be mailed or archived
// as it is. This is the only package of the module that imports gonum's plotting library.
package report
