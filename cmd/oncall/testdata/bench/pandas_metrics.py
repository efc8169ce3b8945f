#!/usr/bin/env python3
"""A straightforward pandas version of the counts and quantiles of `oncall metrics`, for a
speed comparison on the same files.

Generate the files with the Go benchmark, keeping them:

    ONCALL_BENCH_DIR=/tmp/bench go test -run XXX -bench MetricsMillion -benchtime 1x ./cmd/oncall

then run

    python3 cmd/oncall/testdata/bench/pandas_metrics.py /tmp/bench > /tmp/pandas.json

It reads the team file, the page and shift tables, and computes pages and incidents per
responder, role, service, team and ISO week; on-call hours and pages per on-call hour; time
to acknowledge and to resolve (count, mean, median, p90, p95, p99, min, max; pandas' default
linear quantiles, type 7) overall and per role, service and team; and acknowledgement SLA
compliance per role (5 and 30 minutes). It leaves out what the Go command adds: calendar
bands in each person's zone, intervals, tests, fairness indices, hotspots and trends. The CPU
time of the work (after imports) goes to standard error.
"""
import json
import sys
import time

import pandas as pd

QUANTILES = [0.5, 0.9, 0.95, 0.99]
ACK_SLA = {"primary": 300, "secondary": 1800}


def describe(frame, by, col):
    g = frame.groupby(by)[col]
    stats = g.agg(["count", "mean", "min", "max"]).join(g.quantile(QUANTILES).unstack())
    stats.columns = [f"{col}_{c}" for c in stats.columns]
    return stats.reset_index()


def main(d):
    t0 = time.process_time()
    team = json.load(open(f"{d}/team.json"))
    teams = {r["id"]: r.get("team", team.get("team", "")) for r in team["responders"]}
    pages = pd.read_csv(f"{d}/pages.csv", dtype={"incident_id": str, "service": str, "responder": str, "role": str})
    for c in ["triggered_at", "acknowledged_at", "resolved_at"]:
        pages[c] = pd.to_datetime(pages[c], utc=True)
    shifts = pd.read_csv(f"{d}/shifts.csv")
    for c in ["start", "end"]:
        shifts[c] = pd.to_datetime(shifts[c], utc=True)
    shifts["hours"] = (shifts["end"] - shifts["start"]).dt.total_seconds() / 3600
    pages["team"] = pages["responder"].map(teams)
    shifts["team"] = shifts["responder"].map(teams)
    pages["ack"] = (pages["acknowledged_at"] - pages["triggered_at"]).dt.total_seconds()
    pages["resolve"] = (pages["resolved_at"] - pages["triggered_at"]).dt.total_seconds()
    iso = pages["triggered_at"].dt.isocalendar()
    pages["all"] = ""
    pages["week"] = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)

    out = {}
    for by in ["responder", "role", "service", "team", "week"]:
        v = pages.groupby(by).agg(pages=("incident_id", "size"), incidents=("incident_id", "nunique"))
        if by in ("responder", "role", "team"):
            v = v.join(shifts.groupby(by)["hours"].sum().rename("on_call_hours"), how="left")
            v["pages_per_on_call_hour"] = v["pages"] / v["on_call_hours"]
        out[f"volume_{by}"] = v.reset_index().to_dict("records")
    for by in ["all", "role", "service", "team"]:
        r = describe(pages, by, "ack").merge(describe(pages, by, "resolve"), on=by)
        out[f"response_{by}"] = r.to_dict("records")
    limit = pages["role"].map(ACK_SLA)
    pages["ack_met"] = pages["ack"] <= limit  # NaN (never acknowledged) compares False: a miss
    out["sla"] = pages.groupby("role")["ack_met"].agg(["sum", "size", "mean"]).reset_index().to_dict("records")
    cpu = time.process_time() - t0
    json.dump(out, sys.stdout, default=str)
    print(f"pandas {pd.__version__}: {len(pages)} pages, CPU {cpu:.2f} s (work only), "
          f"{time.process_time() - t0:.2f} s with JSON", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
