"""Red team 101: a derivative claimed wrong only where a case switches, which no sample decides.

f = x² left of 0 and x³ right of it has f′(0) = 0; a claimed derivative with 1 at 0 was CHECKED (mpmath's
derivative at 0 straddles the switch, and an undecided sample beside decided ones passed). So was the slope
1 at 0 of (eˣ − 1)/x, continued by 1 there (it is ½). Each switch point inside the domain is now decided
exactly: f′ there from each side's case, by substitution (`numeric/checks/switch_slopes.py`). Beside them, the
true claims, a jump (no derivative at the switch, which the cases do not cover), a switch at the domain's end,
and one whose difference quotient sympy's series took minutes over (red team 105: the first version of the
rule took its limit). A case that is 0/0 at the switch ((eˣ − 1)/x at 0) takes its value and slope there from
the Taylor expansions of its numerator and denominator: a slope 1 of sin(x)/x at 0 was CHECKED. A proof case
by case leaves the switch out, so it does not contradict a counterexample there (engine/contradiction.py).

TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Interval, Real, claim

x = sp.Symbol("x", real=True)
SQUARE_THEN_CUBE = sp.Piecewise((x**2, x < 0), (x**3, True))
EXPM1_OVER_X = sp.Piecewise(((sp.exp(x) - 1) / x, sp.Ne(x, 0)), (1, True))
ITS_QUOTIENT = (x * sp.exp(x) - sp.exp(x) + 1) / x**2


@claim()
def slope_one_at_a_smooth_switch() -> Derivative:
    """d/dx (x² for x < 0, x³ else) = 2x, 3x², and 1 at 0 (false at x = 0: f′(0) = 0)."""
    g = sp.Piecewise((2 * x, x < 0), (3 * x**2, x > 0), (1, True))
    return Derivative(SQUARE_THEN_CUBE, x, g, where={x: Real()})


@claim()
def slope_zero_at_a_smooth_switch() -> Derivative:
    """d/dx (x² for x < 0, x³ else) = 2x, 3x², and 0 at 0.

    Proof: each side's difference quotient at 0 tends to 0 (h² / h and h³ / h).
    """
    g = sp.Piecewise((2 * x, x < 0), (3 * x**2, x > 0), (0, True))
    return Derivative(SQUARE_THEN_CUBE, x, g, where={x: Real()})


@claim()
def expm1_over_x_slope_one_at_zero() -> Derivative:
    """d/dx (eˣ − 1)/x, continued by 1 at 0, is (x eˣ − eˣ + 1)/x² and 1 at 0 (false at x = 0: it is ½)."""
    return Derivative(EXPM1_OVER_X, x, sp.Piecewise((ITS_QUOTIENT, sp.Ne(x, 0)), (1, True)), where={x: Real()})


@claim()
def expm1_over_x_slope_half_at_zero() -> Derivative:
    """d/dx (eˣ − 1)/x, continued by 1 at 0, is (x eˣ − eˣ + 1)/x² and ½ at 0.

    Proof: (eʰ − 1)/h = 1 + h/2 + O(h²), so its difference quotient at 0 tends to ½.
    """
    g = sp.Piecewise((ITS_QUOTIENT, sp.Ne(x, 0)), (sp.Rational(1, 2), True))
    return Derivative(EXPM1_OVER_X, x, g, where={x: Real()})


@claim()
def slope_of_x_times_modulus_off_at_zero() -> Derivative:
    """d/dx x|x| = 2|x| + sign(x)² − 1 (false at x = 0: f′(0) = 0, the claim says −1)."""
    return Derivative(x * sp.Abs(x), x, 2 * sp.Abs(x) + sp.sign(x) ** 2 - 1, where={x: Real()})


@claim()
def a_jump_has_no_slope_to_check() -> Derivative:
    """d/dx (x for x < 0, x + 1 else) = 1, case by case (no derivative at the jump, which the cases leave out).

    Proof: each case is x + c.
    """
    return Derivative(sp.Piecewise((x, x < 0), (x + 1, True)), x, 1, where={x: Real()})


@claim()
def relu_slope_at_the_domains_end() -> Derivative:
    """d/dx relu(x) = 1 on [0, 1], its switch at the end 0 (a one-sided slope there, 1).

    Proof: relu(x) = x on [0, 1].
    """
    relu, step = sp.Piecewise((0, x < 0), (x, True)), sp.Piecewise((0, x < 0), (1, True))
    return Derivative(relu, x, step, where={x: Interval(0, 1)})


@claim()
def slope_of_a_signed_square_beside_a_log_of_one() -> Derivative:
    """d/dx (x² sign x + log(cos²x + sin²x)) = 2x sign x.

    Proof: x² sign x = x|x| has the slope 2|x| (0 at 0), and cos²x + sin²x = 1.
    """
    f = x**2 * sp.sign(x) + sp.log(sp.cos(x) ** 2 + sp.sin(x) ** 2)
    return Derivative(f, x, 2 * x * sp.sign(x), where={x: Real()})


@claim()
def expm1_over_x_slope_zero_at_zero() -> Derivative:
    """d/dx (eˣ − 1)/x, continued by 1 at 0, is (x eˣ − eˣ + 1)/x² and 0 at 0 (false at x = 0: it is ½). It was
    UNKNOWN (a sample beyond tolerance not decided); the derivative taken case by case, the constant 1's at 0,
    is 0, which proves it "not at the boundaries between cases" only."""
    return Derivative(EXPM1_OVER_X, x, sp.Piecewise((ITS_QUOTIENT, sp.Ne(x, 0)), (0, True)), where={x: Real()})


SINC = sp.Piecewise((sp.sin(x) / x, sp.Ne(x, 0)), (1, True))
SINC_SLOPE = (x * sp.cos(x) - sp.sin(x)) / x**2
LOG1P_OVER_X = sp.Piecewise((sp.log(1 + x) / x, sp.Ne(x, 0)), (1, True))
LOG1P_SLOPE = (x / (1 + x) - sp.log(1 + x)) / x**2
NEAR_ZERO = Interval(sp.Rational(-1, 2), 1)


@claim()
def sinc_slope_zero_at_zero() -> Derivative:
    """d/dx sin(x)/x, continued by 1 at 0, is (x cos x − sin x)/x² and 0 at 0.

    Proof: sin(h)/h = 1 − h²/6 + O(h⁴), an even function: its difference quotient at 0 tends to 0.
    """
    return Derivative(SINC, x, sp.Piecewise((SINC_SLOPE, sp.Ne(x, 0)), (0, True)), where={x: Real()})


@claim()
def sinc_slope_one_at_zero() -> Derivative:
    """d/dx sin(x)/x, continued by 1 at 0, is (x cos x − sin x)/x² and 1 at 0 (false at x = 0: it is 0)."""
    return Derivative(SINC, x, sp.Piecewise((SINC_SLOPE, sp.Ne(x, 0)), (1, True)), where={x: Real()})


@claim()
def log1p_over_x_slope_minus_half_at_zero() -> Derivative:
    """d/dx log(1 + x)/x, continued by 1 at 0, on [−1/2, 1], is its quotient rule and −1/2 at 0.

    Proof: log(1 + h)/h = 1 − h/2 + h²/3 + O(h³), so its difference quotient at 0 tends to −1/2.
    """
    g = sp.Piecewise((LOG1P_SLOPE, sp.Ne(x, 0)), (sp.Rational(-1, 2), True))
    return Derivative(LOG1P_OVER_X, x, g, where={x: NEAR_ZERO})


@claim()
def log1p_over_x_slope_half_at_zero() -> Derivative:
    """d/dx log(1 + x)/x, continued by 1 at 0, on [−1/2, 1], is its quotient rule and 1/2 at 0 (false at x = 0:
    it is −1/2)."""
    g = sp.Piecewise((LOG1P_SLOPE, sp.Ne(x, 0)), (sp.Rational(1, 2), True))
    return Derivative(LOG1P_OVER_X, x, g, where={x: NEAR_ZERO})


@claim()
def expm1_ratio_slope_at_zero() -> Derivative:
    """d/dx (e²ˣ − 1)/(eˣ − 1), continued by 2 at 0, is eˣ, 1 at 0.

    Proof: (e²ˣ − 1)/(eˣ − 1) = eˣ + 1 for x ≠ 0, and 2 at 0: eˣ + 1 everywhere.
    """
    f = sp.Piecewise(((sp.exp(2 * x) - 1) / (sp.exp(x) - 1), sp.Ne(x, 0)), (2, True))
    return Derivative(f, x, sp.Piecewise((sp.exp(x), sp.Ne(x, 0)), (1, True)), where={x: Real()})


@claim()
def jump_beside_a_quotient_has_no_slope_to_check() -> Derivative:
    """d/dx of (eˣ − 1)/x for x ≠ 0 and 2 at 0 is its quotient rule away from 0 (f has no derivative at 0, where it
    jumps from 1 to 2; the claim says 7 there, which no slope contradicts).

    Proof: away from 0 the quotient rule; at 0 f is not continuous, so f′(0) does not exist and the claim's value
    there is not a slope the verifier can compare.
    """
    f = sp.Piecewise(((sp.exp(x) - 1) / x, sp.Ne(x, 0)), (2, True))
    return Derivative(f, x, sp.Piecewise((ITS_QUOTIENT, sp.Ne(x, 0)), (7, True)), where={x: Real()})


TRUTH = {
    "slope_one_at_a_smooth_switch": ("false", 1, {"x": 0}),
    "slope_zero_at_a_smooth_switch": ("true", 1, None),
    "expm1_over_x_slope_one_at_zero": ("false", 1, {"x": 0}),
    "expm1_over_x_slope_half_at_zero": ("true", 1, None),
    "slope_of_x_times_modulus_off_at_zero": ("false", 1, {"x": 0}),
    "a_jump_has_no_slope_to_check": ("true", 1, None),
    "relu_slope_at_the_domains_end": ("true", 1, None),
    "slope_of_a_signed_square_beside_a_log_of_one": ("true", 1, None),
    "expm1_over_x_slope_zero_at_zero": ("false", 1, {"x": 0}),
    "sinc_slope_zero_at_zero": ("true", 1, None),
    "sinc_slope_one_at_zero": ("false", 1, {"x": 0}),
    "log1p_over_x_slope_minus_half_at_zero": ("true", 1, None),
    "log1p_over_x_slope_half_at_zero": ("false", 1, {"x": 0}),
    "expm1_ratio_slope_at_zero": ("true", 1, None),
    "jump_beside_a_quotient_has_no_slope_to_check": ("true", 1, None),
}
