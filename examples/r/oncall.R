# Call the oncall command-line tool from R and get its tables back as data frames.
#
#   source("oncall.R")
#   hours <- oncall_table("hours", "hours", "--team", "team.json", "--pages", "pages.csv")
#   pages <- oncall_csv("import", "--from", "pagerduty-csv", "export.csv")
#   hours$start <- oncall_time(hours$start)
#
# The tool is $ONCALL_BIN, else `oncall` on the PATH. Needs the jsonlite package (Debian:
# r-cran-jsonlite). A failing run signals a condition of class "oncall_error" carrying the
# exit status (1 bad data, 2 bad usage) and, for bad data, the tool's JSON error object
# (file, line, field, value) as `details`.

# oncall_bin is the path of the tool.
oncall_bin <- function() {
  bin <- Sys.getenv("ONCALL_BIN")
  if (!nzchar(bin)) bin <- unname(Sys.which("oncall"))
  if (!nzchar(bin)) stop("oncall tool not found: set ONCALL_BIN or put oncall on the PATH", call. = FALSE)
  bin
}

# oncall_exec runs the tool and returns its standard output as lines. Arguments are quoted
# for the shell, so paths may hold spaces and quotes.
oncall_exec <- function(command, ...) {
  args <- as.character(c(command, ...))
  err <- tempfile()
  on.exit(unlink(err))
  out <- suppressWarnings(system2(oncall_bin(), shQuote(args), stdout = TRUE, stderr = err))
  status <- attr(out, "status")
  if (!is.null(status) && status != 0) oncall_fail(command, status, readLines(err, warn = FALSE))
  out
}

# oncall_fail signals the tool's failure. For bad data the last line of standard error is
# the JSON error object; for bad usage the first line says what was wrong (the help follows).
oncall_fail <- function(command, status, lines) {
  details <- NULL
  if (status == 1 && length(lines) > 0) {
    details <- tryCatch(jsonlite::fromJSON(lines[length(lines)]), error = function(e) NULL)
  }
  what <- if (!is.null(details$error)) details$error else if (length(lines) > 0) lines[1] else "no message"
  where <- paste(c(details$file, details$line), collapse = ":")
  if (nzchar(where)) what <- sprintf("%s (%s)", what, where)
  cond <- structure(
    class = c("oncall_error", "error", "condition"),
    list(message = sprintf("oncall %s exited %d: %s", command, status, what), call = NULL,
         status = status, details = details)
  )
  stop(cond)
}

# oncall_run runs a command that writes one JSON document and returns it as a list: each
# table is a data frame, JSON null is NA.
oncall_run <- function(command, ...) {
  out <- oncall_exec(command, ...)
  jsonlite::fromJSON(paste(out, collapse = "\n"), simplifyDataFrame = TRUE)
}

# oncall_table returns one table of a command's JSON document. An empty table is a data
# frame with no rows (and, since JSON says nothing of them, no columns).
oncall_table <- function(command, name, ...) {
  doc <- oncall_run(command, ...)
  if (!name %in% names(doc)) stop(sprintf("no table %s in the document of oncall %s", name, command), call. = FALSE)
  as.data.frame(doc[[name]])
}

# oncall_csv runs a command that writes CSV (oncall import, --format csv) and returns the
# table. Empty fields (null numbers and times, but also empty text) are NA; all columns are
# read as text except those that are wholly numbers or logicals.
oncall_csv <- function(command, ...) {
  out <- oncall_exec(command, ...)
  utils::read.csv(text = paste(out, collapse = "\n"), stringsAsFactors = FALSE, na.strings = "")
}

# oncall_time turns RFC 3339 times ("2026-03-14T03:00:00Z", "2026-07-03T10:00:00-04:00",
# with or without fractional seconds) into POSIXct instants shown in tz. NA stays NA.
oncall_time <- function(x, tz = "UTC") {
  x <- sub("Z$", "+0000", x)
  x <- sub("([+-][0-9]{2}):([0-9]{2})$", "\\1\\2", x) # R before 4.3 reads +hhmm only
  as.POSIXct(x, format = "%Y-%m-%dT%H:%M:%OS%z", tz = tz)
}
