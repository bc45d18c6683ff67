"""Fuzzing the engine with hypothesis.

500 examples in all by default; set VERIFIER_FUZZ_EXAMPLES for a longer run, e.g.
`VERIFIER_FUZZ_EXAMPLES=2000 python3 -m pytest tests/quality/test_fuzz.py`.
"""

from __future__ import annotations

import os

import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier import (
    SPD,
    Diagonal,
    General,
    Identity,
    Interval,
    Invertible,
    Nonnegative,
    Nonzero,
    OneHot,
    Orthogonal,
    Positive,
    Real,
    Simplex,
    Symmetric,
    claim,
)
from verifier.engine import EngineSettings, verify_family
from verifier.language.mathlib import matrix, vector
from verifier.outcome import Status

TOTAL = int(os.environ.get("VERIFIER_FUZZ_EXAMPLES", "500"))
FAST = EngineSettings(samples=24, budget=30)
FUZZ = settings(
    max_examples=max(10, TOTAL * 2 // 5),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
x, y, z = sp.symbols("x y z")
WHERE = {x: Real(), y: Real(), z: Real()}

leaves = st.sampled_from([x, y, z, sp.Integer(1), sp.Integer(2), sp.Rational(1, 2), sp.Integer(-3)])


def _combine(children: st.SearchStrategy[sp.Expr]) -> st.SearchStrategy[sp.Expr]:
    return st.one_of(
        st.tuples(children, children).map(lambda ab: ab[0] + ab[1]),
        st.tuples(children, children).map(lambda ab: ab[0] * ab[1]),
        st.tuples(children, st.integers(2, 3)).map(lambda ak: ak[0] ** ak[1]),
        children.map(lambda a: sp.exp(a / 4)),
        children.map(sp.sin),
        children.map(lambda a: 1 / (1 + a**2)),
        children.map(lambda a: sp.log(1 + a**2)),
    )


expressions = st.recursive(leaves, _combine, max_leaves=6)
rewrites = st.sampled_from([sp.expand, sp.together, lambda e: sp.expand(e, power_exp=True), sp.expand_log])


def _verify(lhs: sp.Expr, rhs: sp.Expr, expect: str = "holds") -> Status:
    family = claim(expect=expect, name="fuzz")(lambda: Identity(lhs, rhs, where=WHERE))
    return verify_family(family, FAST).status


@FUZZ
@given(expressions, rewrites)
def test_equal_by_construction_is_never_refuted(expr: sp.Expr, rewrite: object) -> None:
    other = rewrite(expr)  # type: ignore[operator]
    assert _verify(expr, other) is not Status.REFUTED


@FUZZ
@given(
    expressions,
    st.sampled_from([x, y * y, sp.Integer(1), x * z]),
    st.sampled_from([sp.Rational(1, 1000), sp.Rational(-3, 7), sp.Integer(2)]),
)
def test_a_real_change_is_never_proved(expr: sp.Expr, monomial: sp.Expr, delta: sp.Rational) -> None:
    assert _verify(expr, expr + delta * monomial, expect="refuted") is not Status.PROVED


DOMAINS = [
    Real(),
    Positive(),
    Nonnegative(),
    Nonzero(),
    Interval(-1, 2),
    Simplex(),
    OneHot(),
    General(),
    Symmetric(),
    SPD(),
    Invertible(),
    Orthogonal(),
    Diagonal(),
    Interval(3, 1),
]


@settings(
    max_examples=max(10, TOTAL // 5), deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.sampled_from(DOMAINS), st.sampled_from(["scalar", "vector", "matrix"]), st.integers(1, 4))
def test_random_domains_and_shapes_never_crash(domain: object, shape: str, n: int) -> None:
    target = {"scalar": x, "vector": vector("v", n), "matrix": matrix("M", n)}[shape]
    body = Identity(target + target, 2 * target, where={target: domain})
    result = verify_family(claim(name="shapes")(lambda: body), FAST)
    assert result.status in set(Status)
    if result.status is Status.ERROR:
        assert result.reason and "\n" not in result.reason
