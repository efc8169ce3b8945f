#!/usr/bin/env python3
"""Reference values for the Three-Process Model tests (fatigue/model_test.go).

Written from the model's equations, independently of the Go code: instead of the closed
forms, S is integrated numerically (classical Runge-Kutta, one-minute steps) from its
differential form:

  awake:                 dS/dt = D * (S - La)          (exponential fall to La)
  asleep, S <  BL:       dS/dt = G * (BL - Ha)         (linear recovery)
  asleep, S >= BL:       dS/dt = -G * (Ha - S)         (exponential rise to Ha)

  C = Cm + Ca cos(2 pi (h - p) / 24),  U = Um + Ua cos(2 pi (h - p - 3) / 12)
  W = Wc exp(Wd * hours since waking) while awake, 0 asleep
  KSS = 10.6 - 0.6 (S + C + U + W)

Parameters: Ingre et al., PLoS ONE 9(10):e108679 (2014), as named and listed with their
defaults in the FIPS R package documentation (TPM_make_pvec and TPM_simulate help pages).
The linear recovery rate below BL (G * (BL - HA)), U's 3-hour shift after C's peak and the
KSS coefficients agree with the FIPS package's documented functions (TPM_Sp1fun,
TPM_Sp2fun, TPM_breaktimefun, TPM_Ufun, TPM_make_pvec); they were not checked against the
papers' own text. The reference therefore checks the Go code's arithmetic and closed forms
against an independent numerical solution of the same equations, not those modelling
choices.
Times are hours from local midnight of day 0; the zone has no clock changes.

Python standard library only. Run: python3 tpm_reference.py > tpm_reference.json
"""
import json
import math

LA, HA, D = 2.4, 14.3, -0.0353
G = math.log((14.3 - 14) / (14.3 - 7.96)) / 8
BL = 12.2
CM, CA, P = 0.0, 2.5, 16.8
UM, UA, USHIFT = -0.5, 0.5, 3.0
WC, WD = -5.72, -1.51
S0 = 7.96
STEP = 1.0 / 60  # hours


def dsdt(s, asleep):
    if not asleep:
        return D * (s - LA)
    if s < BL:
        return G * (BL - HA)
    return -G * (HA - s)


def rk4(s, asleep, h):
    k1 = dsdt(s, asleep)
    k2 = dsdt(s + h / 2 * k1, asleep)
    k3 = dsdt(s + h / 2 * k2, asleep)
    k4 = dsdt(s + h * k3, asleep)
    return s + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)


def cu(t):
    h = t % 24
    c = CM + CA * math.cos(2 * math.pi * (h - P) / 24)
    u = UM + UA * math.cos(2 * math.pi * (h - P - USHIFT) / 12)
    return c, u


class Run:
    """S over time for a list of sleep intervals (hours), started asleep at the first."""

    def __init__(self, sleeps, until):
        self.sleeps = sleeps
        t = sleeps[0][0]
        s = S0
        self.samples = {}  # minute index -> S
        while t <= until + 1e-9:
            self.samples[round(t * 60)] = s
            s = self.step(s, t)
            t = round((t + STEP) * 60) / 60

    def asleep(self, t):
        return any(a <= t < b for a, b in self.sleeps)

    def step(self, s, t):
        # Sleep boundaries in the tests fall on whole minutes, so a step never straddles one.
        return rk4(s, self.asleep(t), STEP)

    def last_wake(self, t):
        ends = [b for a, b in self.sleeps if b <= t]
        return max(ends) if ends else None

    def at(self, t):
        s = self.samples[round(t * 60)]
        c, u = cu(t)
        w = 0.0
        if not self.asleep(t):
            lw = self.last_wake(t)
            if lw is not None:
                w = WC * math.exp(WD * (t - lw))
        total = s + c + u + w
        return {"hour": t, "s": s, "c": c, "u": u, "w": w, "total": total, "kss": 10.6 - 0.6 * total}

    def window(self, a, b):
        """Hours at KSS >= 7 and >= 8, and the minimum alertness, on a one-minute grid
        (a value at each minute stands for that minute)."""
        sleepy = high = 0
        lo = None
        m = round(a * 60)
        while m < round(b * 60):
            r = self.at(m / 60)
            sleepy += r["kss"] >= 7
            high += r["kss"] >= 8
            if lo is None or r["total"] < lo["total"]:
                lo = r
            m += 1
        return {"from": a, "to": b, "sleepy_minutes": sleepy, "high_risk_minutes": high,
                "min_total": lo["total"], "min_hour": lo["hour"]}


DAYS = 30  # nights of habitual sleep before day 0: S has converged long before


def habitual(first, last):
    return [(24 * d + 23, 24 * d + 31) for d in range(first, last + 1)]


def scenario_steady():
    sleeps = habitual(-DAYS, 2)
    r = Run(sleeps, 24 * 2 + 23)
    return {
        "name": "steady",
        "sleeps": sleeps,
        "s_at_bedtime": r.samples[round((24 + 23) * 60)],
        "points": [r.at(24 + h) for h in range(7, 24)],
        "windows": [r.window(24 + 8, 24 + 18)],
    }


def scenario_page():
    # Night of day 0: asleep 23:00-03:00, awake 03:00-05:00 (the page), asleep 05:00-07:00.
    sleeps = habitual(-DAYS, -1) + [(23, 27), (29, 31)] + habitual(1, 4)
    r = Run(sleeps, 24 * 4 + 23)
    pts = [r.at(h) for h in (23.5, 27, 28, 29)] + [r.at(24 + h) for h in range(7, 24)]
    pts += [r.at(24 * k + 7.5) for k in (2, 3, 4)] + [r.at(24 * k + 7) for k in (2, 3, 4)]
    return {
        "name": "page_0300_0500",
        "sleeps": sleeps,
        "points": pts,
        "windows": [r.window(24 + 8, 24 + 18), r.window(48 + 8, 48 + 18)],
    }


def scenario_no_sleep():
    # Awake from 07:00 on day 0 until 23:00 on day 1 (40 h; the 24 h mark is 07:00 day 1).
    sleeps = habitual(-DAYS, -1) + habitual(1, 3)
    r = Run(sleeps, 24 * 3 + 23)
    pts = [r.at(h) for h in (7, 12, 18, 23, 27, 31, 24 + 12, 24 + 22.5, 48 + 8)]
    return {
        "name": "no_sleep_24h",
        "sleeps": sleeps,
        "points": pts,
        # The second window's lowest point is inside it, in the small hours.
        "windows": [r.window(24 + 8, 24 + 18), r.window(24 + 0, 24 + 7)],
    }


if __name__ == "__main__":
    out = {
        "source": "fatigue/testdata/tpm_reference.py",
        "params": {"la": LA, "ha": HA, "d": D, "g": G, "bl": BL, "c_mesor": CM, "c_amplitude": CA,
                   "c_peak_hour": P, "u_mesor": UM, "u_amplitude": UA, "u_shift_hours": USHIFT,
                   "wc": WC, "wd": WD, "s0": S0},
        "scenarios": [scenario_steady(), scenario_page(), scenario_no_sleep()],
    }
    print(json.dumps(out, indent=1))
