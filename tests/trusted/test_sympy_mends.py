"""The sympy facts the trusted base mends (verifier/trusted/sympy_mends.py) agree with exact values."""

from __future__ import annotations

import pytest
import sympy as sp

import verifier.trusted.instantiate  # noqa: F401  # installs the mends, as the engine's import does
from verifier.trusted import sympy_mends

k = sp.Symbol("k", integer=True)
q = sp.Symbol("q", rational=True)
FACTS = ("rational", "irrational", "zero", "nonzero", "positive", "nonnegative", "negative", "nonpositive")
POINTS = [sp.Rational(v, d) for v in range(-6, 7) for d in (1, 2, 3)]


def _holds(fact: str, value: sp.Expr) -> bool:
    value = sp.nsimplify(value) if value.is_number else value
    return {
        "rational": value.is_rational is not False, "irrational": value.is_rational is not True,
        "zero": value == 0, "nonzero": value != 0, "positive": value > 0, "nonnegative": value >= 0,
        "negative": value < 0, "nonpositive": value <= 0,
    }[fact]  # fmt: skip


@pytest.mark.parametrize(
    "expr",
    [sp.atan(k), sp.atan(k - 1), sp.atan(2 * q), sp.asin(k), sp.asin(q), sp.acos(k), sp.acos(q - 1),
     sp.binomial(k, 3), sp.binomial(k - 1, 3), sp.binomial(k, 2), sp.binomial(k, 5)],
    ids=str,
)  # fmt: skip
def test_every_fact_sympy_states_holds_at_every_point(expr: sp.Expr) -> None:
    (s,) = expr.free_symbols
    stated = {f: getattr(expr, f"is_{f}") for f in FACTS}
    for point in POINTS if s is q else [p for p in POINTS if p.is_integer]:
        value = expr.xreplace({s: point})
        if value.has(sp.zoo, sp.nan) or value.is_extended_real is not True:
            continue
        wrong = [f for f, said in stated.items() if said is True and not _holds(f, value)]
        assert not wrong, f"{expr} is said {wrong}, but it is {value} at {s} = {point}"


def test_the_mends_keep_what_sympy_said_rightly() -> None:
    assert sp.atan(sp.Rational(1, 2)).is_rational is False  # atan(1/2) is irrational (Niven)
    assert sp.atan(sp.Symbol("p", rational=True, positive=True)).is_rational is False
    assert sp.binomial(k, 2).is_nonnegative is True and sp.binomial(k, -1).is_nonnegative is True
    assert all(cls._prop_handler[fact] is handler for cls, fact, handler in sympy_mends.MENDS)
