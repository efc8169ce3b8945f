# Checks oncall.R against the real tool on the bundled sample data:
#
#   ONCALL_BIN=/path/to/oncall Rscript examples/r/test_oncall.R
#
# (from any directory). The expected values are worked out here, in R, from the sample's
# page table (examples/data/pages.csv): counts with table(), times with oncall_time() and
# quantiles with R's quantile(type = 7), the definition `oncall metrics` uses by default.
# Needs R and jsonlite (Debian: r-base-core r-cran-jsonlite).

script <- sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)[1])
here <- normalizePath(dirname(script))
root <- normalizePath(file.path(here, "..", ".."))
source(file.path(here, "oncall.R"))

passed <- 0
check <- function(what, ok) {
  if (!isTRUE(ok)) stop("FAILED: ", what, call. = FALSE)
  passed <<- passed + 1
}
near <- function(a, b, tol = 1e-9) isTRUE(all.equal(as.numeric(a), as.numeric(b), tolerance = tol))

sample_team <- file.path(root, "examples", "data", "team.json")
sample_pages <- file.path(root, "examples", "data", "pages.csv")
sample_shifts <- file.path(root, "examples", "data", "shifts.csv")

# The page table, read by R alone.
pages <- utils::read.csv(sample_pages, stringsAsFactors = FALSE, na.strings = "")
trig <- oncall_time(pages$triggered_at)
ack <- as.numeric(oncall_time(pages$acknowledged_at)) - as.numeric(trig)
res <- as.numeric(oncall_time(pages$resolved_at)) - as.numeric(trig)
check("the sample's times all parse", !anyNA(trig))

# oncall_time: UTC, offsets and fractions.
check("Z time", oncall_time("2026-03-14T03:00:00Z") == as.POSIXct("2026-03-14 03:00:00", tz = "UTC"))
check("offset time", oncall_time("2026-07-03T10:00:00-04:00") == as.POSIXct("2026-07-03 14:00:00", tz = "UTC"))
check("fractional seconds", near(as.numeric(oncall_time("2026-01-01T00:00:00.25+01:00")),
                                 as.numeric(as.POSIXct("2025-12-31 23:00:00", tz = "UTC")) + 0.25))
check("NA stays NA", is.na(oncall_time(NA_character_)))

# One run of the demo: its document holds the sample's tables.
doc <- oncall_run("demo")
check("schema version", doc$schema_version == 1)

# The hours table counts each person's pages.
hours <- as.data.frame(doc$hours)
want <- table(pages$responder)
check("hours: one row per responder", setequal(hours$responder, names(want)))
check("hours: pages per responder", all(hours$pages == as.vector(want[hours$responder])))
check("hours: bands add up", all(hours$pages_business + hours$pages_off + hours$pages_sleep == hours$pages))

# Metrics: counts, SLA and quantiles against R's own.
ov <- as.data.frame(doc$overview)
check("overview: pages", ov$pages == nrow(pages))
check("overview: incidents", ov$incidents == length(unique(pages$incident_id)))
sla <- as.data.frame(doc$sla)
primary <- pages$role == "primary"
check("sla: primary pages", sla$ack_pages[sla$role == "primary"] == sum(primary))
check("sla: primary acknowledged within 5 min",
      sla$ack_met[sla$role == "primary"] == sum(primary & !is.na(ack) & ack <= 300))
check("sla: secondary has no resolve agreement (JSON null is NA)",
      is.na(sla$resolve_within_seconds[sla$role == "secondary"]) && is.na(sla$resolve_share[sla$role == "secondary"]))
resp <- as.data.frame(doc$response)
all_row <- resp[resp$by == "all", ]
check("response: acknowledged count", all_row$ack_n == sum(!is.na(ack)))
check("response: ack median", near(all_row$ack_median_seconds, stats::median(ack, na.rm = TRUE)))
check("response: ack p90 (type 7)", near(all_row$ack_p90_seconds, stats::quantile(ack, 0.9, type = 7, na.rm = TRUE)))
check("response: resolve p99 (type 7)", near(all_row$resolve_p99_seconds, stats::quantile(res, 0.99, type = 7, na.rm = TRUE)))
check("response: resolve max", near(all_row$resolve_max_seconds, max(res, na.rm = TRUE)))
check("response: unresolved", all_row$unresolved == sum(is.na(res)))

# Paths with spaces reach the tool whole, and CSV output comes back as a data frame that
# agrees with the JSON.
dir <- file.path(tempdir(), "a dir with 'quotes' and spaces")
dir.create(dir, showWarnings = FALSE)
invisible(file.copy(c(sample_team, sample_pages, sample_shifts), dir, overwrite = TRUE))
args <- c("--team", file.path(dir, "team.json"), "--pages", file.path(dir, "pages.csv"))
h2 <- oncall_table("hours", "hours", args)
check("a path with spaces and quotes", identical(h2$pages, hours$pages))
h3 <- oncall_csv("hours", args, "--format", "csv")
check("CSV table", identical(as.numeric(h3$engaged_seconds), as.numeric(h2$engaged_seconds)))
imported <- oncall_csv("import", "--from", "csv", file.path(dir, "pages.csv"))
check("import round trip", nrow(imported) == nrow(pages) && identical(imported$incident_id, pages$incident_id))

# An empty table is a data frame without rows.
check("empty table", nrow(oncall_table("validate", "gaps", args, "--shifts", file.path(dir, "shifts.csv"))) == 0)

# Failures: bad data names the record, bad usage says what was wrong.
bad <- file.path(dir, "bad.csv")
writeLines(c(readLines(sample_pages, n = 2), "INC-X,api,high,nobody,primary,1,2026-01-01T00:00:00Z,,"), bad)
e <- tryCatch(oncall_run("hours", "--team", file.path(dir, "team.json"), "--pages", bad), oncall_error = function(e) e)
check("data error: class and status", inherits(e, "oncall_error") && e$status == 1)
check("data error: line and field", e$details$line == 3 && e$details$field == "responder" && e$details$value == "nobody")
check("data error: message names the file", grepl("bad.csv:3", conditionMessage(e), fixed = TRUE))
e <- tryCatch(oncall_run("metrics", "--period", "fortnight"), oncall_error = function(e) e)
check("usage error", inherits(e, "oncall_error") && e$status == 2 && grepl("--period", conditionMessage(e)))
e <- tryCatch(oncall_run("no-such-command"), oncall_error = function(e) e)
check("unknown command", inherits(e, "oncall_error") && e$status == 2)
old <- Sys.getenv("ONCALL_BIN")
Sys.setenv(ONCALL_BIN = file.path(dir, "no-such-binary"))
e <- tryCatch(oncall_run("demo"), error = function(e) e)
Sys.setenv(ONCALL_BIN = old)
check("missing tool", inherits(e, "error"))

cat(sprintf("R wrapper: %d passed, 0 failed\n", passed))
