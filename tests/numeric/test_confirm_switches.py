"""A gap that rests on a jump taken near its switch is confirmed only where more digits resolve the switch."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from verifier.numeric import confirm
from verifier.numeric.confirm import Decision

x = sp.Symbol("x")
TINY = sp.Rational(1, 10**120)


def _decide(lhs: sp.Expr, rhs: sp.Expr, at: int, sign: bool = False, strict: bool = True) -> Decision:
    """decide on lhs = rhs at x = at, or (sign) decide_sign on lhs − rhs > 0 (≥ 0 unless strict)."""
    left, right = confirm.mp_compile([x], [lhs]), confirm.mp_compile([x], [rhs])
    if sign:
        gap = lambda: left(mpmath.mpf(at))[0] - right(mpmath.mpf(at))[0]  # noqa: E731
        return confirm.decide_sign(gap, strict=strict).decision
    return confirm.decide(lambda: (left(mpmath.mpf(at)), right(mpmath.mpf(at)))).decision


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        (sp.sign(sp.exp(x * TINY) - 1), 1),  # e^{10⁻¹²⁰} − 1 is exactly 0 at 50 and 100 digits
        (sp.ceiling(sp.exp(x * TINY)), 2),
        (sp.Piecewise((1, sp.exp(x * TINY) > 1), (0, True)), 1),
        (sp.Heaviside(1 - sp.cos(x * sp.Rational(1, 10**70))), 1),
    ],
    ids=["sign", "ceiling", "condition", "heaviside"],
)
def test_a_jump_resolved_at_more_digits_is_no_counterexample(lhs: sp.Expr, rhs: sp.Expr) -> None:
    assert _decide(lhs, rhs, 1) is Decision.NOISE


def test_a_jump_at_a_switch_no_precision_resolves_is_undecided() -> None:
    assert _decide(sp.sign(sp.sin(sp.pi * x / 2)) ** 2, 0, 2) is Decision.UNDECIDED  # sin π ≈ 10⁻⁵¹, 10⁻⁴⁰¹, …
    assert _decide(-(sp.sign(sp.sin(sp.pi * x / 2)) ** 2), 0, 2, sign=True, strict=False) is Decision.UNDECIDED


def test_a_jump_exactly_at_its_switch_still_refutes() -> None:
    assert _decide(sp.sign(x) ** 2, 1, 0) is Decision.CONFIRMED  # sign(0) = 0, exactly, at every precision
    assert _decide(sp.floor(x / 2), x / 2, 1) is Decision.CONFIRMED
    assert _decide(sp.sign(x - 1), 0, 0, sign=True) is Decision.CONFIRMED  # −1 > 0 is false
