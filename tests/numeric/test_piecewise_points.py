"""A Piecewise condition with no value at one point of the domain (1/x > 1 at x = 0) is found there, in all three
walks: the exact one (exact_value: the row taken, in Kleene's logic), the float one (1/0 = ∞ > 1 is no statement)
and the mpmath one (1/0 is an undefined side, not an internal error).

Before, the exact search for such points did not look into a Piecewise, floats took ∞ > 1 for true and 1/0 = 1 for
false, and mpmath's ZeroDivisionError in a condition escaped: [1/x > 1] ≥ 0 on x ≥ 0 was PROVED (helper-83)."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import sympy as sp

from verifier.numeric import confirm
from verifier.numeric.checks import definedness
from verifier.numeric.checks.exact_value import NO_VALUE, holds, undefined_at
from verifier.numeric.compile import Compiled
from verifier.numeric.mpeval import Peak
from verifier.numeric.mpfunctions import NoRealValue

x = sp.Symbol("x")
P = sp.Piecewise
AT_0 = {x: sp.Integer(0)}

CONDITIONS = [  # (condition, point, its truth value there)
    (1 / x > 1, AT_0, NO_VALUE),
    (sp.Eq(1 / x, 1), AT_0, NO_VALUE),
    (sp.log(x) < 0, AT_0, NO_VALUE),
    (sp.sqrt(x) > 1, {x: sp.Integer(-1)}, NO_VALUE),
    (sp.And(x > 0, 1 / x > 1), AT_0, False),  # false by x > 0, whatever 1/x > 1 is
    (sp.Or(x >= 0, 1 / x > 1), AT_0, True),
    (sp.Or(x > 0, 1 / x > 1), AT_0, NO_VALUE),
    (sp.Implies(x > 0, 1 / x > 1), AT_0, True),
    (sp.ITE(x > 0, sp.sqrt(x) > 1, x < -1), {x: sp.Integer(-2)}, True),  # √x only where x > 0
    (sp.ITE(x > 0, sp.sqrt(x) > 1, x < -1), {x: sp.Rational(-1, 2)}, False),
    (sp.Xor(x > 0, 1 / x > 1), AT_0, NO_VALUE),
    (sp.And(x > -1, x < 1), AT_0, True),
]


@pytest.mark.parametrize(("condition", "point", "truth"), CONDITIONS, ids=[str(c[0]) for c in CONDITIONS])
def test_a_condition_at_an_exact_point_is_true_false_or_without_value(
    condition: sp.Basic, point: dict[sp.Symbol, sp.Expr], truth: object
) -> None:
    assert holds(condition, point) is truth


def test_a_piecewise_at_an_exact_point_has_the_value_of_the_row_it_takes() -> None:
    assert undefined_at([P((1, 1 / x > 1), (0, True))], AT_0) is True
    assert undefined_at([P((1 / x, x >= 0), (0, True))], AT_0) is True  # the row taken has no value
    assert undefined_at([P((1 / x, x > 0), (0, True))], AT_0) is False  # the row with 1/x is not taken
    assert undefined_at([P((1, x < -1), (2, x < -2))], AT_0) is True  # no row holds
    assert undefined_at([1 + P((P((1 / x, x >= 0), (0, True)), x > -1), (0, True))], AT_0) is True


def test_the_float_walk_gives_no_value_to_1_over_0_and_compares_an_overflow() -> None:
    """1/0 and log 0 are NaN, not ±∞, so a condition on them has no truth value there; e^{800} overflows to ∞, a
    value, which compares as it should (taking it for no value lost the samples of e^{x} > 1 on [720, 800], and a
    false claim there was CHECKED: helper-84), and so does oo written (x < oo)."""
    exprs = [P((1, 1 / x > 1), (0, True)), P((1, sp.Eq(1 / x, 1)), (0, True)), P((1, sp.Ne(1 / x, 1)), (0, True))]
    values = Compiled([x], exprs)({x: np.array([0.0, 0.5, 2.0])})
    assert np.isnan(values[0]).all(), values  # x = 0
    assert values[1:].tolist() == [[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]], values  # x = 0.5, x = 2
    exprs = [P((1, sp.exp(x) > 1), (0, True)), P((1, x < sp.oo), (0, True)), sp.exp(-1 / x**2), sp.log(x)]
    with np.errstate(over="ignore"):
        values = Compiled([x], exprs)({x: np.array([800.0, 0.0])})
    assert values[0].tolist() == [1.0, 1.0, pytest.approx(np.exp(-1 / 800**2)), pytest.approx(np.log(800.0))], values
    assert values[1, :2].tolist() == [0.0, 1.0] and np.isnan(values[1, 2:]).all(), values  # e^{−1/0} has no value


def test_the_high_precision_walk_finds_a_condition_with_a_pole_undefined_not_complex() -> None:
    Peak.reset()  # as every caller does: the largest value met so far sets what counts as round-off
    for condition in (1 / x > 1, sp.log(x) < 0, sp.Eq(1 / x, 1)):
        with pytest.raises(ZeroDivisionError):
            confirm.mp_compile([x], [P((1, condition), (0, True))])(mpmath.mpf(0))
    with pytest.raises(NoRealValue):  # an order of i: no real value, as before
        confirm.mp_compile([x], [P((1, sp.sqrt(x) > 1), (0, True))])(mpmath.mpf(-1))
    guarded = P((1, sp.And(x > 0, 1 / x > 1)), (0, True))
    assert confirm.mp_compile([x], [guarded])(mpmath.mpf(0)) == [0]
    assert confirm.mp_compile([x], [P((1, x < sp.oo), (0, True))])(mpmath.mpf(0)) == [1]  # oo written is a value


@pytest.mark.parametrize(
    "condition",
    [
        sp.ITE(x > 0, sp.sqrt(x) > 1, x < -1),  # the branch not taken has a root of −2
        sp.And(sp.sqrt(x) > 1, x**3 > -1),  # false by x³ > −1, whatever √x > 1 is; sympy puts the root first
        sp.Or(sp.sqrt(x) > 1, x**3 < 0),  # true by x³ < 0
        sp.Implies(x > 0, sp.sqrt(x) > 1),  # true: the premise fails
    ],
    ids=str,
)
def test_a_root_an_operand_does_not_need_leaves_the_high_precision_value_real(condition: sp.Basic) -> None:
    """At x = −2 each condition has a truth value without √x; the walk met √−2 on the way, and the sample was taken
    for complex ("the left side is complex at x = −2"), so a true identity was REFUTED."""
    for point in (-2, 4):
        value = definedness.first_state(
            confirm.mp_compile([x], [P((1, condition), (0, True))]), [mpmath.mpf(point)], True
        )
        assert value is not None and value[0] is definedness.State.REAL, (condition, point, value)


def test_a_special_function_at_a_pole_has_no_value_and_an_overflow_keeps_its_infinity() -> None:
    """numpy and scipy give ±∞ at a pole (atanh 1, Γ(0), Ei 0); a condition read it as a value, and [atanh x > 0] ≥ 0
    on [0, 1] was PROVED (helper-85). Infinite at small arguments is a pole: NaN. e^{800} and Γ(200) overflow: ∞.
    Two overflows are not compared in floats (e^{x} ≠ e^{x+1} at 800 was ∞ ≠ ∞, false): high precision decides."""
    exprs = [sp.atanh(x), sp.gamma(x - 1), sp.Ei(x - 1), sp.exp(800 * x), sp.gamma(200 * x)]
    with np.errstate(over="ignore", divide="ignore"):
        values = Compiled([x], exprs)({x: np.array([1.0])})[0]
    assert np.isnan(values[:3]).all() and np.isinf(values[3:]).all(), values
    conditions = [P((1, sp.exp(x) > 1), (0, True)), P((1, sp.Ne(sp.exp(x), sp.exp(x + 1))), (0, True))]
    with np.errstate(over="ignore"):
        values = Compiled([x], conditions)({x: np.array([800.0])})[0]
    assert values[0] == 1.0 and np.isnan(values[1]), values
    rows = [P((sp.exp(800 * x), x > 0), (0, True)), P((sp.atanh(x), x > 0), (2, True))]  # a row's ∞, as its own
    with np.errstate(over="ignore", divide="ignore"):
        values = Compiled([x], rows)({x: np.array([1.0, -1.0])})
    assert np.isinf(values[0, 0]) and np.isnan(values[0, 1]) and values[1].tolist() == [0.0, 2.0], values
