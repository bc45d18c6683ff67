"""A student's claim is the file's that declares it: one of their modules importing another's claim (`from a import
square`) sent it under both files, and the row said "two claims are named 'square' (a.py, b.py)" and withheld full
marks; a module importing one of the library's sent the library's claims as the student's own. A corollary citing
the claim it imported finds it in the file that declares it (it was ERROR, "cites unknown claim(s) of its file")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fixtures.imported import BASE, OWN, USES, write_pair
from tests.grading.support import FAST, needs_sandbox, rows_of
from tests.support import run_cli
from verifier.grading import extract

CUBE = '''

@claim()
def cube():
    """(x + 1)³ = x³ + 3x² + 3x + 1."""
    return Identity((x + 1) ** 3, x**3 + 3 * x**2 + 3 * x + 1, where={x: Real()})
'''
NONNEGATIVE = '''

@claim()
def nonnegative():
    """x² + 2x + 1 ≥ 0."""
    return Inequality(x**2 + 2 * x + 1, ">=", 0, where={x: Real()})
'''
REFERENCE = BASE.replace("Identity, Real", "Identity, Inequality, Real") + CUBE + NONNEGATIVE


def _claims(document: dict[str, object]) -> dict[str, list[str]]:
    return {f["file"]: [c["name"] for c in f["claims"]] for f in document["files"]}  # type: ignore[attr-defined]


def test_the_document_has_each_claim_under_the_file_that_declares_it(tmp_path: Path) -> None:
    folder = write_pair(tmp_path / "s1")
    (folder / "base.py").rename(folder / "a.py")
    (folder / "uses.py").write_text(USES.replace("from base import", "from a import"))
    assert _claims(extract.extract_folder(folder, {}, [None])) == {"a.py": ["square"], "uses.py": list(OWN)}


def test_a_module_importing_the_library_sends_none_of_its_claims(tmp_path: Path) -> None:
    (tmp_path / "mine.py").write_text("from derivations.activations import *  # noqa\n")
    assert _claims(extract.extract_folder(tmp_path, {}, [None])) == {"mine.py": []}


@pytest.mark.slow
@needs_sandbox
def test_a_student_whose_modules_import_each_other_is_graded_without_a_duplicate(tmp_path: Path) -> None:
    (tmp_path / "reference.py").write_text(REFERENCE.lstrip())
    write_pair(tmp_path / "submissions" / "s1")
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST,
                   "--json", str(tmp_path / "grades.json"))  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    row = rows_of(tmp_path / "grades.json")["s1"]
    assert row["score"] == row["total"] == 3 and row["problem"] == "", json.dumps(row)[:2000]
    cited = next(g for g in row["grades"] if g["reference"] == "nonnegative")  # uses.py cites base.py's square
    assert "cites square (PROVED)" in cited["reason"], cited
    assert "two claims are named" not in proc.stdout and "1 with full marks" in proc.stdout
