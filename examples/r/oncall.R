# Call the oncall command-line tool from R and get its tables back as data frames.
#
#   source("oncall.R")
#   hours <- oncall_table("hours", "hours", "--team", "team.json", "--pages", "pages.csv")
#
# The tool is found as $ONCALL_BIN, else `oncall` on the PATH. Needs the jsonlite package.
# A failing run stops with the tool's JSON error (file, line, field, value) in the message.

oncall_run <- function(command, ...) {
  bin <- Sys.getenv("ONCALL_BIN", unset = Sys.which("oncall"))
  if (!nzchar(bin)) stop("oncall tool not found: set ONCALL_BIN or put oncall on the PATH")
  err <- tempfile()
  on.exit(unlink(err))
  out <- suppressWarnings(system2(bin, c(command, ...), stdout = TRUE, stderr = err))
  status <- attr(out, "status")
  if (!is.null(status) && status != 0) {
    stop(sprintf("oncall %s exited %d: %s", command, status, paste(readLines(err), collapse = "\n")))
  }
  jsonlite::fromJSON(paste(out, collapse = "\n"), simplifyDataFrame = TRUE)
}

oncall_table <- function(command, name, ...) {
  doc <- oncall_run(command, ...)
  if (is.null(doc[[name]])) stop(sprintf("no table %s in the document", name))
  as.data.frame(doc[[name]])
}
