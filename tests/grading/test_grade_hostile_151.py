"""Red team 151: what a submission's own document says about its sizes, and what reaches a TA's pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.grading.support import FAST, needs_sandbox, rows_of
from tests.support import run_cli

pytestmark = [pytest.mark.xdist_group("grade"), pytest.mark.slow]

SIZES = '''"""{doc}"""
import json

import sympy as sp
from verifier import Identity, Real, claim

t = sp.Symbol("t")


@claim(n=range(1, 3))
def square(n: int) -> Identity:
    """(t + n)² expanded."""
    return Identity((t + n) ** 2, {square}, where={{t: Real()}})


@claim()
def double_angle() -> Identity:
    """sin 2t = 2 sin t cos t."""
    return Identity(sp.sin(2 * t), {rhs}, where={{t: Real()}})
{attack}'''

# Rewrites the child's document as it is serialised (json.dumps, not a module of the verifier's): each claim also
# carries t = t at a size the reference does not check, and declares that size its only one.
FORGE_SIZES = """
from verifier.grading.statements import encode_value

_TRIVIAL = encode_value(Identity(t, t, where={t: Real()}))
_dumps = json.dumps


def _forged(obj, *args, **kwargs):
    if isinstance(obj, dict) and obj.get("schema") == "verifier-submission/1":
        for entry in obj["files"][0]["claims"]:
            size = None if entry["name"] == "square" else 7
            entry["n_values"], entry["numeric_n"] = [size], []
            entry["built"].append({"n": size, "body": _TRIVIAL})
    return _dumps(obj, *args, **kwargs)


json.dumps = _forged
"""


@needs_sandbox
def test_a_size_the_document_declares_is_not_where_the_claim_is_verified(tmp_path: Path) -> None:
    """A wrong answer built at the reference's sizes (so it matched), and t = t at a size the document declared as
    the claim's only one (None for a sized reference, n = 7 for an unsized one): the grader verified the claim at
    the declared size, PROVED, full marks (red team 151). It is verified at the reference's sizes, as it was
    matched: REFUTED, like the same wrong answer sent honestly."""
    right = {"square": "t**2 + 2 * n * t + n**2", "rhs": "2 * sp.sin(t) * sp.cos(t)"}
    wrong = {"square": "t**2 + n**2", "rhs": "2 * sp.sin(t)"}
    (tmp_path / "reference.py").write_text(SIZES.format(doc="Reference.", attack="", **right))
    for student, attack in (("s1_honest_wrong", ""), ("s2_forged_sizes", FORGE_SIZES)):
        (tmp_path / "submissions" / student).mkdir(parents=True)
        (tmp_path / "submissions" / student / "m.py").write_text(SIZES.format(doc=student, attack=attack, **wrong))
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    rows = rows_of(tmp_path / "g.json")
    got = {s: {g["reference"]: g["status"] for g in r["grades"]} for s, r in rows.items()}
    assert got["s1_honest_wrong"] == {"square": "REFUTED", "double_angle": "REFUTED"}, proc.stdout + proc.stderr
    assert got["s2_forged_sizes"] == got["s1_honest_wrong"], (got, rows["s2_forged_sizes"]["grades"])
    assert rows["s2_forged_sizes"]["score"] == 0


WEAKER = '''"""{doc}"""
import sympy as sp
from verifier import PSD, Limit, Real, claim

x, t = sp.Symbol("x"), sp.Symbol("t")


@claim()
def right_limit() -> Limit:
    """x/|x| as x decreases to 0."""
    return Limit(x / sp.Abs(x), x, 0, {value}, dir={dirs[0]!r})


@claim()
def two_sided() -> Limit:
    """x sin(1/x) as x tends to 0."""
    return Limit(x * sp.sin(1 / x), x, 0, 0, dir={dirs[1]!r})


@claim()
def exp_right() -> Limit:
    """e^x as x decreases to 0."""
    return Limit(sp.exp(x), x, 0, 1, dir={dirs[2]!r})


@claim()
def definite() -> PSD:
    """[[t² + 1, t], [t, t² + 1]] is positive definite."""
    return PSD(sp.Matrix([[t**2 + 1, t], [t, t**2 + 1]]), where={{t: Real()}}, strict={strict})
'''


@needs_sandbox
def test_a_limit_from_another_side_or_a_weaker_definiteness_earns_no_mark(tmp_path: Path) -> None:
    """Against the right limit of x/|x| (1), the left one stated as -1 was PROVED, full marks; so was a one-sided
    limit for a two-sided question, and PSD for positive definite: the side and the strictness were not compared
    (red team 151). Each is DIFFERENT now; a two-sided limit for a one-sided question (stronger) still answers."""
    (tmp_path / "reference.py").write_text(WEAKER.format(doc="Reference.", value=1, dirs=("+", "+-", "+"), strict=True))
    for student, value, dirs, strict in [("s1_weaker", -1, ("-", "+", "-"), False), ("s2_honest", 1, ("+", "+-", "+-"),
                                                                                     True)]:  # fmt: skip
        (tmp_path / "submissions" / student).mkdir(parents=True)
        text = WEAKER.format(doc=student, value=value, dirs=dirs, strict=strict)
        (tmp_path / "submissions" / student / "m.py").write_text(text)
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    rows = rows_of(tmp_path / "g.json")
    got = {s: {g["reference"]: (g["status"], g["reason"]) for g in r["grades"]} for s, r in rows.items()}
    assert rows["s2_honest"]["score"] == 4, (proc.stdout + proc.stderr, got)
    assert rows["s1_weaker"]["score"] == 0, got
    assert {k: v[0] for k, v in got["s1_weaker"].items()} == dict.fromkeys(got["s1_weaker"], "DIFFERENT"), got
    assert "its claimed dir is not the reference's" in got["s1_weaker"]["right_limit"][1]
    assert "its claimed strict is not the reference's" in got["s1_weaker"]["definite"][1]


ONE_SIZE = '''"""{doc}"""
import sympy as sp
from verifier import Derivative, Real, claim

t = sp.Symbol("t")


@claim(n=range(1, 4))
def power_rule(n: int) -> Derivative:
    """d/dt (t + 1)^(n + 1) = (n + 1)(t + 1)^n."""
    if n == 2 or {general}:
        return Derivative((t + 1) ** (n + 1), wrt=t, equals=(n + 1) * (t + 1) ** n, where={{t: Real()}})
    return Derivative(t**2, wrt=t, equals=2 * t, where={{t: Real()}})
'''


@needs_sandbox
def test_a_claim_that_asks_the_question_at_one_size_only_earns_no_mark(tmp_path: Path) -> None:
    """The subject was compared at one shared size (the first n ≥ 2): a builder that states the reference's
    derivative at n = 2 and d/dt t² = 2t at every other n was PROVED at n = 1, 2, 3, full marks (red team 151).
    The subject is compared at every size both are built at."""
    (tmp_path / "reference.py").write_text(ONE_SIZE.format(doc="Reference.", general="True"))
    for student, general in (("s1_one_size", "False"), ("s2_honest", "True")):
        (tmp_path / "submissions" / student).mkdir(parents=True)
        (tmp_path / "submissions" / student / "m.py").write_text(ONE_SIZE.format(doc=student, general=general))
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    rows = rows_of(tmp_path / "g.json")
    got = {s: [(g["status"], g["reason"]) for g in r["grades"]] for s, r in rows.items()}
    assert got["s2_honest"][0][0] == "PROVED", proc.stdout + proc.stderr
    assert got["s1_one_size"][0][0] == "DIFFERENT", got
    assert "its f is not the reference's (at n = 1)" in got["s1_one_size"][0][1], got


CUBE_MD = "# Cube\n\n```verifier\nt: real\n```\n\n% claim: cube\n$$ \\frac{d}{dt} t^3 = 3 t^2 $$\n"
CUBE_PY = '''"""A chain built in Python: its last line a derivative left to take, with no LaTeX written for it."""
import sympy as sp
from verifier import Real, claim
from verifier.language.stepwise import Chain, Step

t = sp.Symbol("t", real=True)


@claim()
def cube() -> Chain:
    """d/dt t³."""
    return Chain(sp.Derivative(t**3, t), (Step("=", {last}),), where={{t: Real()}})
'''


@needs_sandbox
def test_a_python_chain_that_ends_in_a_derivative_earns_no_mark(tmp_path: Path) -> None:
    """Against the LaTeX chain d/dt t³ = 3t², a Python Chain whose last line is sp.Derivative(t**3 + t, t) - 1 was
    PROVED, full marks: only a line's written LaTeX was searched for a derivative, and a Python step has none
    (red team 151). Its last line holds the derivative lowering takes: DIFFERENT, as the LaTeX chain is."""
    (tmp_path / "reference.md").write_text(CUBE_MD)
    for student, last in (("s1_taken", "sp.Derivative(t**3 + t, t) - 1"), ("s2_honest", "3 * t**2")):
        (tmp_path / "submissions" / student).mkdir(parents=True)
        (tmp_path / "submissions" / student / "m.py").write_text(CUBE_PY.format(last=last))
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.md"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    rows = rows_of(tmp_path / "g.json")
    got = {s: [(g["status"], g["reason"]) for g in r["grades"]] for s, r in rows.items()}
    assert got["s2_honest"][0][0] == "PROVED", (proc.stdout + proc.stderr, got)
    assert got["s1_taken"][0][0] == "DIFFERENT" and "a derivative left for the verifier" in got["s1_taken"][0][1], got


UNSEEN = '''"""{doc}"""
import sympy as sp
from verifier import Derivative, Interval, Real, claim

t, u = sp.Symbol("t"), sp.Symbol("u")
f = sp.atan(t) * sp.exp(t)


@claim()
def deriv() -> Derivative:
    """d/dt atan(t) e^t."""
    return Derivative({f}, wrt=t, equals={equals}, where={{t: Real(){more}}})
'''


@needs_sandbox
def test_a_subject_undefined_where_the_matcher_looks_earns_no_mark(tmp_path: Path) -> None:
    """The matcher compares subjects at points of the reference's symbols, and gives a symbol it does not have 0.7:
    d/dt Piecewise((t², u > 1)) = Piecewise((2t, u > 1)) on u ∈ [2, 3] is undefined at every point it looked at,
    which read as "cannot be told apart" from atan(t) e^t, and d/dt t² was PROVED, full marks (red team 151). A
    subject that is not a number where the reference's is, is not the reference's."""
    right = "sp.exp(t) * sp.atan(t) + sp.exp(t) / (1 + t**2)"
    (tmp_path / "reference.py").write_text(UNSEEN.format(doc="Reference.", f="f", equals=right, more=""))
    for student, f, equals in [("s1_unseen", "sp.Piecewise((t**2, u > 1))", "sp.Piecewise((2 * t, u > 1))"),
                               ("s2_honest", "f", "sp.exp(t) * (sp.atan(t) + 1 / (1 + t**2))")]:  # fmt: skip
        (tmp_path / "submissions" / student).mkdir(parents=True)
        text = UNSEEN.format(doc=student, f=f, equals=equals, more=", u: Interval(2, 3)")
        (tmp_path / "submissions" / student / "m.py").write_text(text)
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    rows = rows_of(tmp_path / "g.json")
    got = {s: [(g["status"], g["reason"]) for g in r["grades"]] for s, r in rows.items()}
    assert got["s2_honest"][0][0] == "PROVED", (proc.stdout + proc.stderr, got)
    assert got["s1_unseen"][0][0] == "DIFFERENT" and "its f is not the reference's" in got["s1_unseen"][0][1], got


FITTED = '''"""A cubic through the reference's function at the matcher's four points, which seed 0 makes known."""
import numpy as np
import sympy as sp
from verifier import Derivative, Real, claim
from verifier.grading import match

t = sp.Symbol("t")
f = sp.atan(t) * sp.exp(t)
question = Derivative(f, wrt=t, equals=0, where={t: Real()})
rng = np.random.default_rng(0)
points = [sp.Rational(match._values(question, rng)["t"]) for _ in range(match.POINTS)]
cubic = sp.interpolate([(p, sp.Rational(str(sp.N(f.subs(t, p), 40)))) for p in points], t)


@claim()
def deriv() -> Derivative:
    """d/dt atan(t) e^t."""
    return Derivative(cubic, wrt=t, equals=sp.diff(cubic, t), where={t: Real()})
'''


@needs_sandbox
def test_a_function_fitted_to_the_matchers_points_earns_no_mark(tmp_path: Path) -> None:
    """The matcher drew its points from seed 0: a submission drew them too, fitted a cubic to atan(t) e^t there,
    and d/dt of the cubic was PROVED, full marks (red team 151). The points are drawn from the two subjects
    themselves, so no subject can be fitted to its own points."""
    right = "sp.exp(t) * sp.atan(t) + sp.exp(t) / (1 + t**2)"
    (tmp_path / "reference.py").write_text(UNSEEN.format(doc="Reference.", f="f", equals=right, more=""))
    (tmp_path / "submissions" / "s1_fitted").mkdir(parents=True)
    (tmp_path / "submissions" / "s1_fitted" / "m.py").write_text(FITTED)
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    grade = rows_of(tmp_path / "g.json")["s1_fitted"]["grades"][0]
    assert grade["status"] == "DIFFERENT", (proc.stdout + proc.stderr, grade)
    assert "its f is not the reference's" in grade["reason"], grade


@needs_sandbox
def test_a_subject_that_is_the_references_only_where_its_own_symbol_is_not_earns_no_mark(tmp_path: Path) -> None:
    """A symbol the reference does not have was given 0.7 wherever the matcher looked: f = t² for u > 1 and
    atan(t) e^t otherwise, declared on u ∈ [2, 3], was the reference's function there, and d/dt t² was PROVED, full
    marks (red team 151). The student's own symbols are drawn from its own domains."""
    right = "sp.exp(t) * sp.atan(t) + sp.exp(t) / (1 + t**2)"
    (tmp_path / "reference.py").write_text(UNSEEN.format(doc="Reference.", f="f", equals=right, more=""))
    (tmp_path / "submissions" / "s1_switched").mkdir(parents=True)
    text = UNSEEN.format(doc="s1", f="sp.Piecewise((t**2, u > 1), (f, True))",
                         equals="sp.Piecewise((2 * t, u > 1), (0, True))", more=", u: Interval(2, 3)")  # fmt: skip
    (tmp_path / "submissions" / "s1_switched" / "m.py").write_text(text)
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    grade = rows_of(tmp_path / "g.json")["s1_switched"]["grades"][0]
    assert grade["status"] == "DIFFERENT", (proc.stdout + proc.stderr, grade)
    assert "its f is not the reference's" in grade["reason"], grade


def test_a_domain_wider_than_every_drawn_point_is_still_narrower() -> None:
    """t ∈ [-20, 20] held every special and drawn point of ℝ (the draws stay within about ±19): d/dt max(t, 25)
    said to be 0 there was not narrower, and earned the mark (red team 151). Far points are tried too."""
    import sympy as sp

    from verifier.grading.narrower import narrower
    from verifier.language.claims import Derivative
    from verifier.language.domains import Interval, Positive, Real

    t = sp.Symbol("t")
    ref = Derivative(sp.Max(t, 25), wrt=t, equals=sp.Heaviside(t - 25), where={t: Real()})
    near = Derivative(sp.Max(t, 25), wrt=t, equals=0, where={t: Interval(-20, 20)})
    assert "t = 100 is left out" in narrower(ref, near)
    assert narrower(ref, Derivative(sp.Max(t, 25), wrt=t, equals=0, where={t: Interval(-(10**9), 10**9)})) == ""
    unit = Derivative(t, wrt=t, equals=1, where={t: Interval(0, 1)})
    wider = Derivative(t, wrt=t, equals=1, where={t: Interval(0, 2)})
    assert narrower(unit, unit) == "" and narrower(unit, wider) == ""
    assert "is left out" in narrower(Derivative(t, wrt=t, equals=1, where={t: Positive()}), wider)
