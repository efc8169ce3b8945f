"""Tests of the Python wrapper against the real CLI (built by the test).

Run from the repository root:  python3 -m unittest discover -s examples/python
"""

import csv
import io
import os
import subprocess
import tempfile
import unittest

import oncall_cli

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "examples", "data")


def setUpModule():
    global _tmp
    _tmp = tempfile.TemporaryDirectory()
    exe = os.path.join(_tmp.name, "oncall")
    subprocess.run(["go", "build", "-o", exe, "./cmd/oncall"], cwd=ROOT, check=True)
    os.environ["ONCALL_BIN"] = exe


def tearDownModule():
    _tmp.cleanup()


class WrapperTest(unittest.TestCase):
    def test_demo_document(self):
        doc = oncall_cli.run("demo")
        self.assertEqual(doc["schema_version"], 1)
        self.assertIn("hours", doc)

    def test_hours_counts_every_page(self):
        # The pages per responder in the hours table must add up to the rows of pages.csv,
        # counted here independently with Python's csv module.
        with open(os.path.join(DATA, "pages.csv"), newline="") as f:
            n = sum(1 for _ in csv.DictReader(f))
        rows = oncall_cli.table("hours", "hours", "--team", os.path.join(DATA, "team.json"),
                                "--pages", os.path.join(DATA, "pages.csv"))
        if isinstance(rows, list):
            total = sum(r["pages"] for r in rows)
        else:
            total = int(rows["pages"].sum())
        self.assertEqual(total, n)

    def test_stdin(self):
        with open(os.path.join(DATA, "pages.csv"), "rb") as f:
            pages = f.read()
        doc = oncall_cli.run("validate", "--team", os.path.join(DATA, "team.json"),
                             "--pages", "-", stdin=pages)
        self.assertIn("summary", doc)

    def test_data_error_names_the_record(self):
        bad = ("incident_id,service,urgency,responder,role,escalation_level,"
               "triggered_at,acknowledged_at,resolved_at\n"
               "P1,web,,nobody@example.com,,,2026-01-01T00:00:00,,\n")
        with self.assertRaises(oncall_cli.OncallError) as cm:
            oncall_cli.run("validate", "--team", os.path.join(DATA, "team.json"),
                           "--pages", "-", stdin=bad)
        self.assertEqual(cm.exception.status, 1)
        self.assertEqual(cm.exception.details.get("line"), 2)
        self.assertEqual(cm.exception.details.get("field"), "triggered_at")

    def test_usage_error(self):
        with self.assertRaises(oncall_cli.OncallError) as cm:
            oncall_cli.run("no-such-command")
        self.assertEqual(cm.exception.status, 2)


if __name__ == "__main__":
    unittest.main()
