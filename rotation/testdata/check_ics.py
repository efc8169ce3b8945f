#!/usr/bin/env python3
"""Check .ics feeds with a second, independent iCalendar parser (python3-icalendar).

Usage: python3 check_ics.py FILE.ics...   Exits non-zero on the first problem.
Every event must have a UID, a DTSTAMP, and UTC DTSTART/DTEND with DTEND after DTSTART;
UIDs must be unique within a feed.
"""
import sys
from datetime import timezone

import icalendar


def check(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    uids = set()
    n = 0
    for ev in cal.walk("VEVENT"):
        n += 1
        uid = str(ev["UID"])
        assert uid not in uids, f"{path}: duplicate UID {uid}"
        uids.add(uid)
        assert "DTSTAMP" in ev, f"{path}: {uid} has no DTSTAMP"
        start, end = ev["DTSTART"].dt, ev["DTEND"].dt
        for t in (start, end):
            assert t.tzinfo is not None and t.utcoffset().total_seconds() == 0, f"{path}: {uid} not UTC: {t}"
        assert end > start, f"{path}: {uid} ends before it starts"
    assert n > 0, f"{path}: no events"
    print(f"{path}: {n} events ok")


if __name__ == "__main__":
    for p in sys.argv[1:]:
        check(p)
