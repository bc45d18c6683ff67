"""What the grading tests share: the options a TA grades with, and each row checked against what was planted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.course import Planted
from verifier.grading import sandbox

NO_SANDBOX = sandbox.unavailable()
needs_sandbox = pytest.mark.skipif(NO_SANDBOX is not None, reason=f"{NO_SANDBOX}: the sandbox tests need bwrap")
# No course graded with these options hangs past its import's CPU limit, so the wall-clock limit is only a safety
# net: roomy enough that an honest submission is graded on a loaded CI machine (6 s stopped a 210,000-node statement
# there, in a run whose /proc may not give the run-delay credit of verifier.grading.watch).
FAST = ("--samples", "20", "--sandbox-timeout", "30", "--jobs", "2")


def rows_of(path: Path) -> dict[str, dict[str, Any]]:
    return {r["student"]: r for r in json.loads(path.read_text())["students"]}


def check_row(row: dict[str, Any], planted: Planted, lenient: bool = False) -> None:
    grades = {g["reference"]: g for g in row["grades"]}
    got = {name: g["status"] for name, g in grades.items()}
    assert got == ({**planted.grades, **planted.lenient} if lenient else planted.grades), (row["student"], got)
    assert planted.problem in row["problem"], (row["student"], row["problem"])
    for name, how in planted.how.items():
        assert grades[name]["how"] == how, (row["student"], grades[name])
    for name, words in ({} if lenient else planted.reasons).items():
        assert words in grades[name]["reason"], (row["student"], grades[name])
    graded = {g["matched"] for g in row["grades"]} | {g.get("suggested", "") for g in row["grades"]}
    assert not graded & set(row["extra"]), (row["student"], row["extra"])  # a claim is shown once
    notes = row["integrity"]
    assert len(notes) == len(planted.integrity), (row["student"], notes)  # one line per kind of attempt
    for words in planted.integrity:
        assert any(words in n for n in notes), (row["student"], words, notes)
    for name in planted.lenient if lenient else ():
        assert grades[name]["how"] == "statement", (row["student"], grades[name])
