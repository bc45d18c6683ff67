"""Red team 161: padded step credit, what the audit names, a reproducible matcher seed, and more."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.grading.support import FAST, needs_sandbox, rows_of
from tests.support import ROOT, run_cli
from verifier.grading import audit, sandbox

pytestmark = [pytest.mark.xdist_group("grade"), pytest.mark.slow]

SQUARE_MD = "# Square\n\n```verifier\nx, y: real\n```\n\n% claim: square\n$$ (x + y)^2 = x^2 + 2 x y + y^2 $$\n"
# One real step, six that hold and go nowhere (+ 0, 1 ·, back and forth, a detour that comes back), then the slip.
PADDED = (
    "$$ (x + y)^2 = x (x + y) + y (x + y) $$\n$$ = x (x + y) + y (x + y) + 0 $$\n"
    "$$ = 1 \\cdot (x (x + y) + y (x + y)) $$\n"
    "$$ = (x + y)^2 $$\n$$ = x (x + y) + y (x + y) $$\n$$ = x (x + y) + y (x + y) + \\sin^2 x + \\cos^2 x - 1 $$\n"
    "$$ = x (x + y) + y (x + y) $$\n$$ = x^2 + x y + y^2 $$\n"
)


def _graded(tmp_path: Path, chains: dict[str, str], *options: str) -> dict[str, list[dict[str, object]]]:
    (tmp_path / "reference.md").write_text(SQUARE_MD)
    head = SQUARE_MD[: SQUARE_MD.index("$$")]
    for student, chain in chains.items():
        (tmp_path / "submissions" / student).mkdir(parents=True)
        (tmp_path / "submissions" / student / "hw.md").write_text(head + chain)
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.md"), *FAST,
                   "-q", *options, "--json", str(tmp_path / "g.json"), "--feedback", str(tmp_path / "fb"))  # fmt: skip
    assert proc.returncode == 1, proc.stdout + proc.stderr
    return {s: r["grades"] for s, r in rows_of(tmp_path / "g.json").items()}


@needs_sandbox
def test_padding_a_chain_with_steps_that_go_nowhere_earns_no_step_credit(tmp_path: Path) -> None:
    """Under --step-credit, a chain with one real step and a slip earned 1 of 2; the same chain padded with steps
    that restate a line (+ 0, 1 ·, back to (x + y)², a detour that comes back) earned 7 of 8: the padding raised
    its share (red team 161). A step back to a line already written counts in neither number."""
    slip = "$$ (x + y)^2 = x (x + y) + y (x + y) $$\n$$ = x^2 + x y + y^2 $$\n"
    grades = _graded(tmp_path, {"s1_slip": slip, "s2_padded": PADDED}, "--step-credit")
    got = {s: [(g["status"], g["steps_met"], g["steps_total"]) for g in gs] for s, gs in grades.items()}
    assert got == {"s1_slip": [("REFUTED", 1, 2)], "s2_padded": [("REFUTED", 1, 2)]}, got
    page = (tmp_path / "fb" / "s2_padded.md").read_text()
    assert "**Credit:** 1 of 2 steps hold (not counted: 6 steps back to a line already written)." in page, page
    assert "not counted: 6 steps back" in (tmp_path / "fb" / "s2_padded.html").read_text()


LIBRARY_MODULE = '''"""{doc}"""
import builtins
import json

import mpmath
import numpy as np
import sympy as sp
from verifier import Identity, Real, claim

t = sp.Symbol("t")
{attack}

@claim()
def double_angle() -> Identity:
    """sin 2t = 2 sin t cos t."""
    return Identity(sp.sin(2 * t), 2 * sp.sin(t) * sp.cos(t), where={{t: Real()}})
'''
# Each replaces a function or class the grader relies on: its own code, or another library function in its place.
PATCH_LIBRARIES = """
_dumps = json.dumps
json.dumps = lambda obj, *a, **k: _dumps(obj, *a, **k)
sp.simplify = sp.expand
np.allclose = lambda *a, **k: True
builtins.abs = lambda x: x
sp.Expr.equals = lambda self, other, failing_expression=False: True
mpmath.mpf.__eq__ = lambda self, other: True
from verifier.grading import patches as _patches  # the zygote's snapshot, made to agree with json.dumps's patch

for _libraries, _classes in _patches._WARM:
    _libraries["json"]["dumps"] = (id(json.dumps), True)
"""
# An attribute that raises when the audit looks at it: the check stopped, and the row was NOT GRADED, without a note.
EVIL = """
class _Evil:
    def __getattr__(self, name):
        raise RuntimeError(name)


sp.evil = _Evil()
"""
PATCHED = ("json.dumps", "sympy.simplify", "numpy.allclose", "builtins.abs", ".Expr.equals", ".mpf.__eq__")
# A method of the verifier's replaced: Python raises no audit event when a class's attribute is set.
CLASS = """
from verifier.language.families import ClaimFamily
ClaimFamily.build = lambda self, n: None
"""
# What an honest submission does with these libraries: none of it is a patch.
HONEST_USE = """
from sympy.utilities.lambdify import implemented_function

f = sp.lambdify(t, sp.sin(t), "mpmath")
mpmath.mp.dps = 30
g = sp.Function("g")
h = implemented_function("h", lambda x: x + 1)
_ = json.dumps({"t": str(sp.simplify(sp.sin(t) ** 2 + sp.cos(t) ** 2))}), np.allclose([1.0], [1.0]), abs(-1)


class Square(sp.Function):
    @classmethod
    def eval(cls, x):
        return x**2 if x.is_Number else None
"""


@needs_sandbox
def test_the_audit_names_a_patched_library_function_and_nothing_an_honest_submission_does(tmp_path: Path) -> None:
    """A submission that replaced json.dumps, sympy.simplify, numpy.allclose, a builtin, or a method of a sympy or
    mpmath class earned nothing (the grader verifies outside), but the TA was not told: the audit named only the
    verifier's modules (red team 161). Each is named now; an honest use of the same libraries is not. A method of
    the verifier's replaced was not named either: Python raises no audit event for a class's attribute set."""
    found, runs = {}, {}
    for student, attack in (
        ("s1_patcher", PATCH_LIBRARIES),
        ("s2_honest", HONEST_USE),
        ("s3_class", CLASS),
        ("s4_evil", EVIL),
    ):
        folder = tmp_path / student
        folder.mkdir()
        (folder / "m.py").write_text(LIBRARY_MODULE.format(doc=student, attack=attack))
        run = sandbox.run(folder, {}, [None], sandbox.Limits(wall_seconds=60), files=["m.py"])
        found[student], runs[student] = (run.audit.decode(), audit.summarise(run.audit, run.nonce)), run
    assert found["s4_evil"][1] == ["integrity: tried to patch the verifier: (the check stopped: RuntimeError)"]
    assert b"double_angle" in runs["s4_evil"].stdout, found["s4_evil"]
    raw, notes = found["s3_class"]
    assert notes == ["integrity: tried to patch the verifier: verifier.language.families.ClaimFamily.build"], raw
    raw, notes = found["s1_patcher"]
    assert all(f"{name} " in raw or f"{name}\n" in raw for name in PATCHED), raw
    assert len(notes) == 1 and "tried to patch 6 function(s) or class(es) of the libraries" in notes[0], notes
    assert found["s2_honest"] == ("", []) and b"double_angle" in runs["s2_honest"].stdout, found["s2_honest"]


DEEP = """
import sympy as sp
from verifier.grading.seeds import seed_of
t = sp.Symbol("t")
deep = t
for _ in range({depth}):
    deep = sp.exp(deep, evaluate=False)
print(seed_of(deep, sp.sin(t)))
"""


def test_the_seed_of_a_subject_nested_past_srepr_is_the_same_in_every_run() -> None:
    """A subject nested past what srepr walks (RecursionError) got a random seed: the points it was compared at, so
    its grade, changed from one run to the next (red team 161). Its seed is a digest of a walk that does not
    recurse: the same in every process, whatever its hash seed, and another subject's is another."""
    seeds = []
    for depth, hash_seed in ((500, "0"), (500, "1"), (501, "0")):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run([sys.executable, "-c", DEEP.format(depth=depth)], env=env, capture_output=True,
                              text=True, timeout=120, check=False)  # fmt: skip
        assert proc.returncode == 0, proc.stderr[-2000:]
        seeds.append(int(proc.stdout))
    assert seeds[0] == seeds[1] != seeds[2], seeds


@needs_sandbox
def test_a_patched_library_is_named_in_the_row_when_graded_from_the_warm_zygote(tmp_path: Path) -> None:
    """The same through `verifier grade`, whose sandboxes fork from a zygote that took the libraries' identities once:
    the patcher's row has the note and its mark (the grader verified the claim itself), the honest row neither. The
    zygote's snapshot, left in the module, was the submission's to rewrite; it is taken out before the import."""
    (tmp_path / "reference.py").write_text(LIBRARY_MODULE.format(doc="Reference.", attack=""))
    for student, attack in (("s1_patcher", PATCH_LIBRARIES), ("s2_honest", HONEST_USE)):
        (tmp_path / "submissions" / student).mkdir(parents=True)
        (tmp_path / "submissions" / student / "m.py").write_text(LIBRARY_MODULE.format(doc=student, attack=attack))
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    rows = rows_of(tmp_path / "g.json")
    assert rows["s2_honest"]["integrity"] == [] and rows["s2_honest"]["score"] == 1, proc.stdout + proc.stderr
    notes = rows["s1_patcher"]["integrity"]
    assert len(notes) == 1 and "tried to patch 6 function(s) or class(es) of the libraries" in notes[0], notes
    assert rows["s1_patcher"]["score"] == 1, rows["s1_patcher"]


@needs_sandbox
def test_a_chain_of_thousands_of_steps_is_not_read(tmp_path: Path) -> None:
    """A 600 KB file (under the size limit) of 30,000 steps x = x + 0 held a worker for minutes: parsed for the
    student, again by each claim's worker, and its steps verified until the claim's time limit (red team 161). A
    submission's LaTeX is read up to 1,000 lines of display math and rows, all files together; past them the file
    is not read, and the row says why."""
    rows = "\\\\\n".join(["(x + y)^2 &= (x + y)^2 + 0 "] * 1200)
    long = f"$$ \\begin{{aligned}} {rows} \\end{{aligned}} $$\n"
    slip = "$$ (x + y)^2 = x (x + y) + y (x + y) $$\n$$ = x^2 + x y + y^2 $$\n"
    grades = _graded(tmp_path, {"s1_long": long, "s2_slip": slip})
    assert [g["status"] for g in grades["s2_slip"]] == ["REFUTED"], grades["s2_slip"]
    assert [g["status"] for g in grades["s1_long"]] == ["NOT GRADED"], grades["s1_long"]
    assert "1200 lines of display math (rows and steps), past the 1000" in grades["s1_long"][0]["reason"]


CITING = '''"""{doc}"""
import sympy as sp
from verifier import Identity, Real, claim
from verifier.language.claims import Corollary

t = sp.Symbol("t")


def _lemma(k):
    def lemma() -> Identity:
        """One of many."""
        return Identity(sp.sin(t + k) ** 2 + sp.cos(t + k) ** 2, 1, where={{t: Real()}})

    return claim(name=f"c{{k}}")(lemma)


LEMMAS = [_lemma(k) for k in range({n})]


@claim()
def double_angle() -> Corollary:
    """sin 2t = 2 sin t cos t, citing every lemma."""
    states = Identity(sp.sin(2 * t), 2 * sp.sin(t) * sp.cos(t), where={{t: Real()}})
    return Corollary(of=tuple(f"c{{k}}" for k in range({n})), because="all of them", states=states)
'''


@needs_sandbox
def test_a_claim_citing_hundreds_of_others_has_only_twenty_verified(tmp_path: Path) -> None:
    """Every claim a graded claim cited was verified, transitively, though a citation never makes a verdict: one
    citing 1,000 claims, each up to the claim's time limit, held the workers for hours (red team 161). Twenty are
    verified beside it, and the row says the rest were not. A corollary with states= citing two lemmas, which
    held, was ERROR "cites unknown claim(s)": its citations were never verified; it is PROVED now."""
    (tmp_path / "reference.py").write_text(LIBRARY_MODULE.format(doc="Reference.", attack=""))
    for student, n in (("s1_few", 2), ("s2_many", 40)):
        (tmp_path / "submissions" / student).mkdir(parents=True)
        (tmp_path / "submissions" / student / "m.py").write_text(CITING.format(doc=student, n=n))
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    rows = rows_of(tmp_path / "g.json")
    few, many = rows["s1_few"], rows["s2_many"]
    assert few["grades"][0]["status"] == "PROVED" and "c1 (PROVED)" in few["grades"][0]["reason"], proc.stdout
    assert not few["problem"] and "cite more than 20 others: c20, c21, c22 and more" in many["problem"], many
    assert many["grades"][0]["status"] != "PROVED" and "c39" in many["grades"][0]["reason"], many["grades"]
