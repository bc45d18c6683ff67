"""A diagnosis where students and TAs see it: grading feedback, with hints only and per-step credit (issue 41)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.grading.support import FAST
from tests.support import run_cli

BLOCK = "```verifier\nx, y: real\n```\n\n% claim: expand\n"
REFERENCE = BLOCK + "$$ (x + y)^2 - 2 x y = x^2 + 2 x y + y^2 - 2 x y $$\n$$ = x^2 + y^2 $$\n"
# step 2 drops the sign of −2xy; the line before is right, so step 2 is the first wrong one
STUDENT = BLOCK + "$$ (x + y)^2 - 2 x y = x^2 + 2 x y + y^2 - 2 x y $$\n$$ = x^2 + 4 x y + y^2 $$\n$$ = x^2 + y^2 $$\n"


def _graded(tmp_path: Path, *options: str) -> tuple[dict[str, Any], str, str]:
    """The student's grade (JSON), and their Markdown and HTML feedback pages."""
    (tmp_path / "subs" / "s001").mkdir(parents=True)
    (tmp_path / "subs" / "s001" / "answer.md").write_text(STUDENT)
    (tmp_path / "ref.md").write_text(REFERENCE)
    out = tmp_path / "fb"
    proc = run_cli("grade", str(tmp_path / "subs"), "--against", str(tmp_path / "ref.md"), *FAST, "-q", *options,
                   "--json", str(tmp_path / "g.json"), "--feedback", str(out))  # fmt: skip
    assert proc.returncode == 1, proc.stdout + proc.stderr
    grade = json.loads((tmp_path / "g.json").read_text())["students"][0]["grades"][0]
    return grade, (out / "s001.md").read_text(), (out / "s001.html").read_text()


def test_the_feedback_shows_the_verified_repair(tmp_path: Path) -> None:
    grade, page, html = _graded(tmp_path)
    d = grade["diagnosis"]
    assert grade["first_wrong_step"] == 2 and d["kind"] == "term" and d["repair_status"] == "PROVED"
    assert d["repair"] == "x^2 + y^2" and f"= {d['repair']}" in page  # the nearest correct line, as LaTeX
    assert "did you mean" in html and "<math" in html.split("did you mean")[1]  # typeset on the HTML page
    assert grade["steps_total"] == 0  # no per-step credit unless asked for


def test_hints_only_names_the_kind_and_the_step_and_never_the_repair(tmp_path: Path) -> None:
    grade, page, html = _graded(tmp_path, "--hints-only", "--step-credit")
    d = grade["diagnosis"]
    assert d["kind"] == "term" and d["said"] == "step 2: look for a missing or extra term"
    assert not d["repair"] and not d["difference"] and not d["holds_if"] and not d["edit"]
    for shown in (page, html):
        assert "look for a missing or extra term" in shown
        assert "did you mean" not in shown.lower() and "nearest correct line" not in shown
    assert (grade["steps_met"], grade["steps_total"]) == (1, 3)  # only step 1 holds
    assert "**Credit:** 1 of 3 steps hold." in page and "1 of 3 steps hold" in html
