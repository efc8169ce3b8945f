// Package ingest turns the paging history teams already have, in their incident tool's
// exports or in our own tables, into oncall.Page values, and accounts for every record it
// read. It sits between the files and the rest of the library: calendar, fatigue and metrics
// take the pages it returns and never see a vendor format.
//
// # Formats
//
//   - The normalized page table: CSV (oncall.PageColumns) with CSVReader, Config.ReadCSV and
//     WriteCSV; NDJSON, one object per line keyed by the same column names, with
//     NDJSONReader, Config.ReadNDJSON and WriteNDJSON. Both directions convert byte for
//     byte. These tables always carry UTC offsets; Config.Zone does not apply to them.
//   - PagerDuty REST API v2 incidents and log entries: Config.ReadPagerDuty.
//   - PagerDuty Analytics raw incidents: Config.ReadPagerDutyAnalytics.
//   - PagerDuty incident CSV exports: Config.ReadPagerDutyCSV.
//   - Opsgenie alerts (GET /v2/alerts): Config.ReadOpsgenie.
//   - Grafana OnCall alert groups (GET /api/v1/alert_groups/): Config.ReadGrafanaOnCall.
//
// JSON readers take saved API responses as they come: one response per file (DirSources
// lists a directory of paginated responses in name order), several concatenated in one
// file, or bare arrays of records. Records are decoded one at a time; no file is read into
// memory whole.
//
// # Bad records
//
// Every problem with a record is a *ParseError naming the file, the record (line for CSV and
// NDJSON, position in the file for JSON), the vendor's field, the value and the reason, which
// wraps a sentinel error (ErrTime, ErrNoOffset, ErrMissing, ErrNoResponder, ...) for
// errors.Is. In Strict mode (the zero Config) the first one is returned; in Lenient mode the
// record is set aside in Report.Rejections and reading goes on. Either way the Report
// accounts for every record: Read == Accepted + Rejected + Merged + Ignored. Input that is
// not well-formed JSON, a JSON document without the expected array, and a CSV header that
// cannot be mapped stop both modes, since no later record can be found reliably; the pages
// read before that point are returned with the error.
//
// Every page is checked with oncall.Page.Validate before it is returned.
//
// # Times
//
// Times keep the offset they were written with. A time without an offset is rejected with
// ErrNoOffset unless Config.Zone names an IANA zone; an unknown name (or "Local", which would
// make the result depend on the machine) is ErrUnknownZone, never a silent UTC. In a named
// zone, a wall-clock time skipped by a daylight-saving change is ErrNoSuchLocalTime, and one
// that happens twice is taken as the earlier instant.
//
// # Duplicates
//
// A record whose vendor ID was already read (the same incident on two pages of a paginated
// export, or exported twice) is merged into the first: field by field, the later record wins
// where it has a value, and the earlier one's values stay where it has none, so a later
// export that has seen the incident resolved adds the resolution. A record that makes one
// page stays one page (its responder may change, from owner to acknowledger); otherwise
// pages are matched by responder. Each merge is listed in Report.Duplicates. The result does not depend on how
// the records are split across files, only on their order.
//
// Pages come back sorted by notification time, then incident, responder and level.
//
// # How vendor records become pages
//
// The vendors' formats do not all say who was paged, at which level, for which service.
// Where they are silent, these are the rules.
//
// PagerDuty REST: one page per incident and notified user. Log entries are the source of
// truth, since PagerDuty empties assignments and acknowledgements once an incident is
// resolved. A user's page starts at their first notify_log_entry (later notifications of the
// same person, by SMS after push for instance, belong to the same page). The escalation level
// starts at 1 and rises by one at each escalate_log_entry before the notification; level 1 is
// oncall.Primary and level 2 oncall.Secondary unless Config.Roles says otherwise, and deeper
// levels get no role. A page is acknowledged by the user's own first acknowledgement after
// their notification, or else by the first acknowledgement by anyone after it (which ended
// the paging); it is resolved at the last resolve_log_entry or the incident's resolved_at.
// Without notify entries, the incident's assignments stand in for notifications (level
// unknown) and its acknowledgements for acknowledge entries. Log entries of incidents absent
// from the incident files still make pages (service from the entry, no urgency). Other log
// entry types (annotate, snooze, ...) are counted as Ignored. The service is the service's
// summary (its name), else its ID.
//
// PagerDuty Analytics raw incidents and PagerDuty CSV exports: one page per assigned user,
// else per acknowledging user, else for the resolver, triggered at created_at (the exports
// do not say when each person was notified), acknowledged at created_at +
// seconds_to_first_ack (or a CSV acknowledged_at column), resolved at resolved_at or
// created_at + seconds_to_resolve; no escalation level. Analytics writes times without an
// offset in the request's time_zone: pass it as Config.Zone. CSV columns are matched by name
// with aliases (created_on for created_at, assigned_to for assigned_user_names, ...; case,
// spaces and hyphens ignored) and Config.Headers for any other name.
//
// Opsgenie: one page per alert, for the person who acknowledged it (report.acknowledgedBy),
// else its owner, else the first responder of type "user". Opsgenie alerts have no service:
// the service is the value of a "service:NAME" tag, else the alert's entity, else the
// integration's name. Urgency is the priority (P1..P5). report.ackTime and report.closeTime
// are milliseconds after createdAt. No escalation level.
//
// Grafana OnCall: one page per alert group, for acknowledged_by, else resolved_by. OnCall
// has no service: the service is integration_id (the alert source). No urgency and no
// escalation level; state is not used, the timestamps say the same.
//
// User IDs become responder IDs through Config.Responders (by vendor ID, then by display
// name or username); unmapped users keep the vendor's identifier.
package ingest
