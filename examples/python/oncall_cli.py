"""Call the oncall command-line tool from Python and get its tables back.

Standard library only; if pandas is installed, tables come back as DataFrames.

    import oncall_cli
    doc = oncall_cli.run("demo")                  # the whole JSON document, as a dict
    hours = oncall_cli.table("demo", "hours")     # one table: a DataFrame (or list of dicts)

The tool is found as $ONCALL_BIN, else `oncall` on PATH. Errors from the tool raise
OncallError carrying its exit status and the JSON error object it printed (file, line,
field, value), so a notebook shows exactly which record was wrong.
"""

import json
import os
import shutil
import subprocess

__all__ = ["OncallError", "binary", "run", "table", "tables"]


class OncallError(RuntimeError):
    """The tool failed: status 1 is bad data (details has file/line/field/value), 2 bad usage."""

    def __init__(self, status, message, details=None):
        super().__init__(message)
        self.status = status
        self.details = details or {}


def binary():
    """Path of the oncall tool: $ONCALL_BIN, else `oncall` on PATH."""
    path = os.environ.get("ONCALL_BIN") or shutil.which("oncall")
    if not path:
        raise OncallError(2, "oncall tool not found: set ONCALL_BIN or put oncall on PATH")
    return path


def run(command, *args, stdin=None):
    """Run `oncall COMMAND ARGS...` and return its JSON document as a dict.

    stdin, if given, is bytes or str passed to the tool (use "-" as a path to read it).
    """
    if isinstance(stdin, str):
        stdin = stdin.encode()
    proc = subprocess.run([binary(), command, *map(str, args)], input=stdin,
                          capture_output=True, check=False)
    if proc.returncode != 0:
        err = proc.stderr.decode(errors="replace").strip()
        details = {}
        try:
            details = json.loads(err.splitlines()[-1]) if err else {}
        except (ValueError, IndexError):
            pass
        raise OncallError(proc.returncode, details.get("error", err), details)
    return json.loads(proc.stdout)


def _frame(rows):
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows)


def tables(command, *args, stdin=None):
    """Every table of the document: a dict of name to DataFrame (or list of dicts)."""
    doc = run(command, *args, stdin=stdin)
    return {k: _frame(v) for k, v in doc.items() if isinstance(v, list)}


def table(command, name, *args, stdin=None):
    """One table of the document, as a DataFrame (or a list of dicts without pandas)."""
    doc = run(command, *args, stdin=stdin)
    if name not in doc:
        raise KeyError(f"no table {name!r}; the document has {sorted(k for k, v in doc.items() if isinstance(v, list))}")
    return _frame(doc[name])
