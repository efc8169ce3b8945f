// Package fatigue turns the pages a person received into what they did to that person: the
// engagement episodes, the sleep they cost, the predicted alertness of the following days, a
// fatigue score, and the recovery time the person is owed.
//
// It sits on top of package calendar, which says what kind of time an instant was for a
// person (business, off or sleep hours, weekend, holiday, leave), and of the root package
// oncall, which holds the pages. The flow is:
//
//   - Episodes merges one responder's pages into engagement episodes.
//   - Analyze classifies each episode against the responder's calendar, decides whether it
//     woke them and how much sleep it cost; Nights and Summarize give per-night and
//     per-period figures.
//   - Model is the Three-Process Model of alertness (Åkerstedt and Folkard; parameters of
//     Ingre et al. 2014), in closed form between sleep/wake events. Model.Forecast runs it
//     for one person over their habitual sleep windows as cut by the episodes, next to an
//     undisturbed baseline; Forecast.Workdays gives each working day's time at KSS 7 and 8
//     and lowest alertness, and NightsToBaseline the recovery nights needed.
//   - Scorer builds an explainable daily fatigue score on the model.
//     DefaultDebt adds a slow sleep-debt term for chronic loss, off in DefaultModel;
//     SleepRepaidDebt repays it only in sleep, so that recovery follows the sleep obtained.
//   - Policy is a set of composable recovery rules that grant Entitlements, exported as CSV,
//     JSON or iCalendar; Policies picks a policy per person.
//
// Everything here is a pure function of its inputs: no I/O except through the io.Reader and
// io.Writer arguments of the config reader and exporters, no package-level mutable state.
package fatigue
