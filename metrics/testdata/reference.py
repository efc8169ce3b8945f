#!/usr/bin/python3
"""Reference values for the metrics tests, computed with NumPy, pandas and SciPy.

Run from this directory:  python3 reference.py            (writes reference.json)
                          python3 reference.py --data     (first regenerates the inputs)

Inputs (committed): samples.json (numeric samples), pages.csv (a page table in the root
package's normalized format) and people.json (team and on-call hours per responder).
Generated with NumPy: debian python3-numpy 1.24, python3-pandas 1.5, python3-scipy 1.10.
The Go tests read reference.json and never run Python.
"""
import json
from fractions import Fraction
import math
import sys

import numpy as np
import pandas as pd
from scipy import stats

METHODS = {1: "inverted_cdf", 2: "averaged_inverted_cdf", 3: "closest_observation",
           4: "interpolated_inverted_cdf", 5: "hazen", 6: "weibull", 7: "linear",
           8: "median_unbiased", 9: "normal_unbiased"}
# p = 0 and p = 1 are left out: NumPy 1.24 returns the maximum at p = 0 for types 2, 4 and 6
# and fails at p = 1 for type 6. Both ends are the sample minimum and maximum for every type
# (Hyndman and Fan 1996); the Go tests check them by hand.
PS = [0.01, 0.1, 0.25, 0.3, 0.5, 0.7, 0.75, 0.9, 0.95, 0.99]


def make_data():
    rng = np.random.default_rng(20260101)
    samples = {
        "one_to_ten": list(range(1, 11)),
        "single": [42.0],
        "pair": [3.0, 7.0],
        "ties": [int(v) for v in rng.integers(0, 6, size=37)],
        "ack_seconds": [round(float(v), 3) for v in rng.lognormal(5, 1.2, size=211)],
        "bootstrap": [round(float(v), 3) for v in rng.lognormal(3, 1, size=301)],
    }
    with open("samples.json", "w") as f:
        json.dump(samples, f, indent=1)

    people = {"ana": ("blue", 400), "ben": ("blue", 380), "chi": ("blue", 420),
              "dev": ("green", 300), "eli": ("green", 350), "fay": ("green", 140)}
    with open("people.json", "w") as f:
        json.dump({k: {"team": t, "on_call_hours": h} for k, (t, h) in people.items()}, f, indent=1)
    # fay is paged at about three times the team's rate per on-call hour.
    rate = {"ana": 1, "ben": 1, "chi": 0.8, "dev": 1.1, "eli": 0.9, "fay": 3}
    start = pd.Timestamp("2026-01-05T00:00:00Z")
    rows = []
    n = 0
    for who, (team, hours) in people.items():
        k = rng.poisson(0.12 * rate[who] * hours)
        for _ in range(k):
            n += 1
            inc = f"INC{n:05d}"
            t = start + pd.Timedelta(seconds=int(rng.integers(0, 10 * 7 * 86400)))
            role = "primary" if rng.random() < 0.7 else "secondary"
            svc = rng.choice(["api", "db", "queue"], p=[0.5, 0.3, 0.2])
            ack = None if rng.random() < 0.06 else t + pd.Timedelta(seconds=int(rng.lognormal(5, 1.3)))
            res = None
            if rng.random() > 0.04:
                base = ack if ack is not None else t
                res = base + pd.Timedelta(seconds=int(rng.lognormal(7, 1)))
            fmt = lambda x: "" if x is None else x.strftime("%Y-%m-%dT%H:%M:%SZ")
            rows.append([inc, svc, "high", who, role, 1, fmt(t), fmt(ack), fmt(res)])
    # A few incidents page two people: copy the incident ID of an earlier page.
    for i in range(5, len(rows), 37):
        rows[i][0] = rows[i - 1][0]
    df = pd.DataFrame(rows, columns=["incident_id", "service", "urgency", "responder", "role",
                                     "escalation_level", "triggered_at", "acknowledged_at",
                                     "resolved_at"])
    df.to_csv("pages.csv", index=False)


def fnum(x):
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


def closest_observation(xs, p):
    """Hyndman and Fan type 3 from the paper, in exact arithmetic (p read as the decimal it
    was written as). NumPy before 2.1 picks the wrong neighbour at ties (numpy issue 26656),
    so type 3 is not taken from NumPy 1.24."""
    x = sorted(xs)
    n = len(x)
    h = n * Fraction(str(p)) - Fraction(1, 2)
    j = math.floor(h)
    gamma = 0 if (h == j and j % 2 == 0) else 1
    k = min(max(j + gamma, 1), n)
    return float(x[k - 1])


def quantiles(samples):
    out = {}
    for name, xs in samples.items():
        a = np.array(xs, dtype=float)
        out[name] = {str(t): [fnum(np.quantile(a, p, method=m)) for p in PS] for t, m in METHODS.items()}
        out[name]["3"] = [closest_observation(xs, p) for p in PS]
    return out


def describe(xs):
    s = pd.Series(xs, dtype=float)
    q = s.quantile([0.5, 0.9, 0.95, 0.99])  # pandas default: linear, type 7
    return {"n": int(s.count()), "mean": fnum(s.mean()), "median": fnum(q[0.5]),
            "p90": fnum(q[0.9]), "p95": fnum(q[0.95]), "p99": fnum(q[0.99]),
            "min": fnum(s.min()), "max": fnum(s.max())}


def wilson(k, n, conf):
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=conf, method="wilson")
    return [ci.low, ci.high]


def fairness(xs):
    x = np.array(xs, dtype=float)
    n, mu = len(x), x.mean()
    # Gini from its definition: mean absolute difference over all ordered pairs / (2 mean).
    gini = np.abs(x[:, None] - x[None, :]).sum() / (2 * n * n * mu)
    r = x / mu
    theil = np.mean(np.where(r > 0, r * np.log(np.where(r > 0, r, 1)), 0))
    xs_sorted = np.sort(x)
    lorenz = [[0.0, 0.0]] + [[(i + 1) / n, float(c / x.sum())] for i, c in enumerate(np.cumsum(xs_sorted))]
    return {"total": float(x.sum()), "mean": float(mu), "spread": float(x.max() - x.min()),
            "max_over_mean": float(x.max() / mu), "cv": float(np.std(x, ddof=0) / mu),
            "gini": float(gini), "jain": float(x.sum() ** 2 / (n * (x ** 2).sum())),
            "theil": float(theil), "lorenz": lorenz}


def poisson_two_sided(k, mu):
    # Brute force over the support: add every count no more likely than k.
    d = stats.poisson.pmf(k, mu) * (1 + 1e-7)
    top = int(mu + 50 * math.sqrt(mu) + 50 + k)
    js = np.arange(0, top)
    pm = stats.poisson.pmf(js, mu)
    return float(min(1.0, pm[pm <= d].sum()))


def holm(ps):
    ps = np.asarray(ps)
    m = len(ps)
    order = np.argsort(ps, kind="stable")
    adj = np.empty(m)
    run = 0
    for r, i in enumerate(order):
        run = max(run, min(1, (m - r) * ps[i]))
        adj[i] = run
    return adj.tolist()


def bh(ps):
    ps = np.asarray(ps)
    m = len(ps)
    order = np.argsort(ps, kind="stable")
    ranked = ps[order] * m / np.arange(1, m + 1)
    adj_sorted = np.minimum.accumulate(ranked[::-1])[::-1]
    adj = np.empty(m)
    adj[order] = np.minimum(adj_sorted, 1)
    return adj.tolist()


def mann_kendall(y):
    y = np.asarray(y, dtype=float)
    n = len(y)
    s = sum(np.sign(y[j] - y[i]) for i in range(n - 1) for j in range(i + 1, n))
    _, counts = np.unique(y, return_counts=True)
    var = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in counts)) / 18
    z = 0.0 if s == 0 else (s - np.sign(s)) / math.sqrt(var)
    p = 2 * stats.norm.sf(abs(z))
    return {"s": int(s), "var_s": float(var), "z": float(z), "p": float(p)}


def rate_compare(k1, t1, k2, t2, conf=0.95):
    n = k1 + k2
    pi0 = t2 / (t1 + t2)
    res = stats.binomtest(k2, n, pi0)
    ci = res.proportion_ci(confidence_level=conf, method="exact")
    to_rr = lambda q: (q / (1 - q)) * (t1 / t2) if q < 1 else math.inf
    rr = (k2 / t2) / (k1 / t1) if k1 > 0 else math.inf
    return {"rate_ratio": fnum(rr), "p": res.pvalue,
            "ci": [fnum(to_rr(ci.low)), fnum(to_rr(ci.high))]}


def pages_reference(people):
    df = pd.read_csv("pages.csv", keep_default_na=False)
    for c in ["triggered_at", "acknowledged_at", "resolved_at"]:
        df[c] = pd.to_datetime(df[c].replace("", None), utc=True)
    df["ack_s"] = (df.acknowledged_at - df.triggered_at).dt.total_seconds()
    df["res_s"] = (df.resolved_at - df.triggered_at).dt.total_seconds()
    out = {"pages": len(df), "incidents": int(df.incident_id.nunique())}
    out["by_responder"] = {k: {"pages": int(len(g)), "incidents": int(g.incident_id.nunique())}
                           for k, g in df.groupby("responder")}
    out["by_service"] = {k: {"pages": int(len(g)), "incidents": int(g.incident_id.nunique())}
                         for k, g in df.groupby("service")}
    df["team"] = df.responder.map(lambda r: people[r]["team"])
    out["by_team"] = {k: {"pages": int(len(g)), "incidents": int(g.incident_id.nunique())}
                      for k, g in df.groupby("team")}
    iso = df.triggered_at.dt.isocalendar()
    df["week"] = iso.year.astype(str) + "-W" + iso.week.map(lambda w: f"{w:02d}")
    out["by_week"] = {k: int(len(g)) for k, g in df.groupby("week")}
    out["ack_by_role"] = {k: describe(g.ack_s.dropna()) for k, g in df.groupby("role")}
    out["resolve_by_service"] = {k: describe(g.res_s.dropna()) for k, g in df.groupby("service")}
    out["ack_by_team"] = {k: describe(g.ack_s.dropna()) for k, g in df.groupby("team")}
    out["resolve_by_team"] = {k: describe(g.res_s.dropna()) for k, g in df.groupby("team")}
    sla = {"primary": 300, "secondary": 1800}
    out["sla"] = {}
    for role, g in df.groupby("role"):
        met = int((g.ack_s <= sla[role]).sum())  # NaN (never acknowledged) compares False: a miss
        out["sla"][role] = {"met": met, "total": int(len(g)), "ci": wilson(met, len(g), 0.95)}
    # Disproportion: exact Poisson test of each person's pages against the team rate.
    hours = {k: v["on_call_hours"] for k, v in people.items()}
    counts = df.responder.value_counts()
    rate = counts.sum() / sum(hours.values())
    ids = sorted(hours)
    ps = [poisson_two_sided(int(counts.get(i, 0)), rate * hours[i]) for i in ids]
    adj = holm(ps)
    dis = {}
    for i, p, a in zip(ids, ps, adj):
        k, mu = int(counts.get(i, 0)), rate * hours[i]
        lo = stats.chi2.ppf(0.025, 2 * k) / 2 / mu if k > 0 else 0.0
        hi = stats.chi2.ppf(0.975, 2 * k + 2) / 2 / mu
        dis[i] = {"pages": k, "expected": mu, "rate_ratio": k / mu, "p": p, "p_holm": a, "ci": [lo, hi]}
    out["disproportion"] = {"team_rate": rate, "people": dis}
    return out


def main():
    if "--data" in sys.argv:
        make_data()
    with open("samples.json") as f:
        samples = json.load(f)
    with open("people.json") as f:
        people = json.load(f)
    ref = {"ps": PS, "quantiles": quantiles(samples),
           "describe": {k: describe(v) for k, v in samples.items()}}
    ref["wilson"] = [{"k": k, "n": n, "conf": c, "ci": wilson(k, n, c)}
                     for k, n, c in [(0, 10, 0.95), (10, 10, 0.95), (3, 10, 0.95), (1, 1, 0.95),
                                     (47, 113, 0.95), (47, 113, 0.9), (999, 1000, 0.99)]]
    vectors = {"skewed": [0, 1, 2, 3, 10, 40], "ties": samples["ties"],
               "one_heavy": [0, 0, 0, 5], "ack": samples["ack_seconds"][:50]}
    ref["fairness"] = {k: fairness(v) for k, v in vectors.items()}
    ref["fairness_inputs"] = vectors
    ref["poisson"] = [{"k": k, "mu": mu, "p": poisson_two_sided(k, mu)}
                      for k, mu in [(0, 2.5), (1, 2.5), (7, 2.5), (10, 10.0), (3, 10.0), (25, 10.0),
                                    (130, 100.0), (70, 100.0), (0, 0.3), (52, 17.2), (5, 4.0),
                                    (0, 1.0), (4, 5.0), (2, 3.0)]]
    ref["binomial"] = [{"k": k, "n": n, "p": p, "pvalue": stats.binomtest(k, n, p).pvalue}
                       for k, n, p in [(3, 10, 0.5), (9, 10, 0.5), (0, 20, 0.1), (7, 20, 0.1),
                                       (50, 120, 0.3), (1, 200, 0.02), (682, 925, 0.75)]]
    pv = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.6]
    ref["adjust"] = {"p": pv, "holm": holm(pv), "bh": bh(pv)}
    series = {"falling": [30, 28, 31, 25, 22, 24, 20, 18, 19, 15, 14, 16, 12],
              "flat_ties": [5, 7, 5, 6, 5, 7, 6, 5, 6, 7, 5, 6],
              "rising": [2, 3, 3, 5, 4, 6, 8, 7, 9, 9]}
    ref["trend"] = {}
    for k, y in series.items():
        ts = stats.theilslopes(y)
        ref["trend"][k] = {"y": y, "slope": float(ts[0]), "intercept": float(ts[1]), **mann_kendall(y)}
    ref["rates"] = [{"k1": k1, "t1": t1, "k2": k2, "t2": t2, **rate_compare(k1, t1, k2, t2)}
                    for k1, t1, k2, t2 in [(120, 8, 80, 8), (40, 4, 70, 6), (15, 10, 16, 10), (0, 5, 4, 5)]]
    rng = np.random.default_rng(7)
    bs = stats.bootstrap((np.array(samples["bootstrap"]),), np.median, n_resamples=20000,
                         method="percentile", random_state=rng, vectorized=False)
    ref["bootstrap_median"] = {"median": float(np.median(samples["bootstrap"])),
                               "ci": [bs.confidence_interval.low, bs.confidence_interval.high]}
    ref["pages"] = pages_reference(people)
    with open("reference.json", "w") as f:
        json.dump(ref, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
