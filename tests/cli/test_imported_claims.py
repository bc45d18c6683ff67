"""The command line reports a claim once, under the file that declares it: `from base import square` in uses.py
made verify-all report 3 claims for the 2 files' 2 + 1, square also as uses.square, in every report format."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.fixtures.imported import OWN, write_pair
from tests.support import run_cli

SAMPLES = ("--samples", "20", "--no-cache")


def test_verify_all_and_its_reports_count_each_claim_once_under_its_own_file(tmp_path: Path) -> None:
    folder = write_pair(tmp_path / "d")
    out = tmp_path / "out"
    formats = {"--json": "r.json", "--markdown": "r.md", "--junit": "r.xml", "--html": "r.html"}
    written = [arg for flag, name in formats.items() for arg in (flag, str(out / name))]
    proc = run_cli("verify-all", str(folder), *SAMPLES, *written)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 claims: 3 PROVED" in proc.stdout, proc.stdout
    claims = json.loads((out / "r.json").read_text())["claims"]
    keys = [f"{c['derivation']}.{c['name']}" for c in claims]
    assert keys == ["base.square", *(f"uses.{name}" for name in OWN)]
    bound = claims[-1]
    assert bound["status"] == "PROVED" and "cites square (PROVED)" in bound["reason"], bound
    suites = ET.parse(out / "r.xml").getroot()
    assert sum(int(s.get("tests", 0)) for s in suites) == 3
    markdown = (out / "r.md").read_text()
    assert markdown.count("\n### ") == 3 and markdown.count("### ✅ `square`") == 1, markdown
    html = (out / "r.html").read_text()
    assert html.count('id="base.square"') == 1 and 'id="uses.square"' not in html


def test_check_of_the_importing_file_or_its_corollary_alone_finds_the_imported_premise(tmp_path: Path) -> None:
    folder = write_pair(tmp_path / "d")
    whole = run_cli("check", "uses", str(folder), *SAMPLES)
    assert whole.returncode == 0 and "2 claims: 2 PROVED" in whole.stdout, whole.stdout + whole.stderr
    assert "uses.square" not in whole.stdout
    alone = run_cli("check", "uses.nonnegative", str(folder / "uses.py"), *SAMPLES)
    assert alone.returncode == 0 and "1 claim: 1 PROVED" in alone.stdout, alone.stdout + alone.stderr
    assert "cites square (PROVED)" in alone.stdout.replace("\n        ", " ")
    listed = run_cli("list", str(folder))
    assert listed.stdout.count("square ") + listed.stdout.count("square\n") == 1, listed.stdout


def test_a_file_that_only_imports_claims_is_told_they_are_reported_where_declared(tmp_path: Path) -> None:
    folder = write_pair(tmp_path / "d", "from base import square\n")
    proc = run_cli("verify-all", str(folder), *SAMPLES)
    assert "2 claims: 1 PROVED, 1 ERROR" in proc.stdout, proc.stdout
    said = " ".join(proc.stdout.split())
    assert "no claims found; the claims it imports are their own modules', reported there" in said, said
