"""Issue 37, class 2: limits that are one-sided and series at a removable singularity.

A two-sided Limit (no dir=) must see both sides: e^{1/x}, ⌊x⌋ at an integer, sin x/|x|, tanh(1/x)
and (1 + x)^{1/|x|} have different one-sided limits, and a claim that names one of them is false
(the witness lists points on the other side, each ≥ 10⁻³ from the claim at 60 digits). With
dir="+" or "-" the same limits are true. Series claims are removable singularities whose value
is a Taylor coefficient (sin x − x)/x³ → −1/6; a wrong coefficient is false.

Class numbers are issue 37's. TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Limit, Real, claim

x, a = sp.symbols("x a")
HALF, ZERO, ONE = sp.Rational(1, 2), sp.Integer(0), sp.Integer(1)
TINY = [sp.Rational(1, 10**20), sp.Rational(1, 10**40)]
LEFT = [-v for v in TINY]
SMALL = [sp.Rational(1, 10**6), -sp.Rational(1, 10**6)]


@claim()
def x_log_x_from_the_right() -> Limit:
    """lim_{x→0⁺} x log x = 0.

    Proof: with x = e^{−t}, x log x = −te^{−t} → 0 as t → ∞.
    """
    return Limit(x * sp.log(x), x, 0, ZERO, dir="+")


@claim()
def x_log_abs_x_two_sided() -> Limit:
    """lim_{x→0} x log|x| = 0.

    Proof: |x log|x|| = |x|·|log|x|| → 0 from both sides (the right-sided limit above).
    """
    return Limit(x * sp.log(sp.Abs(x)), x, 0, ZERO)


@claim()
def self_power_from_the_right() -> Limit:
    """lim_{x→0⁺} xˣ = 1.

    Proof: xˣ = e^{x log x} and x log x → 0.
    """
    return Limit(x**x, x, 0, ONE, dir="+")


@claim()
def exp_reciprocal_from_the_left() -> Limit:
    """lim_{x→0⁻} e^{1/x} = 0.

    Proof: 1/x → −∞ from the left.
    """
    return Limit(sp.exp(1 / x), x, 0, ZERO, dir="-")


@claim()
def exp_reciprocal_from_the_right_is_zero() -> Limit:
    """lim_{x→0⁺} e^{1/x} = 0 (false: +∞)."""
    return Limit(sp.exp(1 / x), x, 0, ZERO, dir="+")


@claim()
def versine_quotient_is_one() -> Limit:
    """lim_{x→0} (1 − cos x)/x² = 1 (false: it is ½)."""
    return Limit((1 - sp.cos(x)) / x**2, x, 0, ONE)


@claim()
def exp_second_order_remainder() -> Limit:
    """lim_{x→0} (eˣ − 1 − x)/x² = ½.

    Proof: eˣ = 1 + x + x²/2 + O(x³).
    """
    return Limit((sp.exp(x) - 1 - x) / x**2, x, 0, HALF)


@claim()
def sine_over_abs_two_sided() -> Limit:
    """lim_{x→0} sin x/|x| = 1 (from the left it is −1)."""
    return Limit(sp.sin(x) / sp.Abs(x), x, 0, ONE)


@claim()
def sine_over_abs_from_the_left() -> Limit:
    """lim_{x→0⁻} sin x/|x| = −1.

    Proof: |x| = −x for x < 0 and sin x/x → 1.
    """
    return Limit(sp.sin(x) / sp.Abs(x), x, 0, -ONE, dir="-")


@claim()
def root_difference_quotient() -> Limit:
    """lim_{x→0} (√(1 + x) − 1)/x = ½.

    Proof: (√(1 + x) − 1)/x = 1/(√(1 + x) + 1) → ½.
    """
    return Limit((sp.sqrt(1 + x) - 1) / x, x, 0, HALF)


@claim()
def sign_at_one_is_one() -> Limit:
    """lim_{x→1} (x − 1)/|x − 1| = 1 (from the left it is −1)."""
    return Limit((x - 1) / sp.Abs(x - 1), x, 1, ONE)


@claim()
def floor_at_one_from_the_right() -> Limit:
    """lim_{x→1⁺} ⌊x⌋ = 1.

    Proof: ⌊x⌋ = 1 on [1, 2).
    """
    return Limit(sp.floor(x), x, 1, ONE, dir="+")


@claim()
def floor_at_one_two_sided() -> Limit:
    """lim_{x→1} ⌊x⌋ = 1 (from the left it is 0)."""
    return Limit(sp.floor(x), x, 1, ONE)


@claim()
def x_sine_reciprocal_at_infinity() -> Limit:
    """lim_{x→∞} x sin(1/x) = 1.

    Proof: t = 1/x → 0⁺ and sin t/t → 1.
    """
    return Limit(x * sp.sin(1 / x), x, sp.oo, ONE)


@claim()
def compound_interest_with_rate() -> Limit:
    """lim_{x→∞} (1 + a/x)ˣ = eᵃ for every real a.

    Proof: x log(1 + a/x) = a − a²/(2x) + O(x⁻²) → a.
    """
    return Limit((1 + a / x) ** x, x, sp.oo, sp.exp(a), where={a: Real()})


@claim()
def x_exp_at_minus_infinity() -> Limit:
    """lim_{x→−∞} x eˣ = 0.

    Proof: with t = −x, −t e^{−t} → 0 as t → ∞.
    """
    return Limit(x * sp.exp(x), x, -sp.oo, ZERO)


@claim()
def square_times_sine_reciprocal() -> Limit:
    """lim_{x→0} x² sin(1/x) = 0.

    Proof: |x² sin(1/x)| ≤ x².
    """
    return Limit(x**2 * sp.sin(1 / x), x, 0, ZERO)


@claim()
def tanh_reciprocal_at_zero() -> Limit:
    """lim_{x→0} tanh(1/x) = 1 (from the left it is −1)."""
    return Limit(sp.tanh(1 / x), x, 0, ONE)


@claim()
def arctangent_reciprocal_squared() -> Limit:
    """lim_{x→0} atan(1/x)² = π²/4.

    Proof: atan(1/x) → ±π/2 from the two sides; the square is π²/4 on both.
    """
    return Limit(sp.atan(1 / x) ** 2, x, 0, sp.pi**2 / 4)


@claim()
def sine_cubic_coefficient() -> Limit:
    """lim_{x→0} (sin x − x)/x³ = −1/6.

    Proof: sin x = x − x³/6 + O(x⁵).
    """
    return Limit((sp.sin(x) - x) / x**3, x, 0, -sp.Rational(1, 6))


@claim()
def sine_cubic_coefficient_sign_slip() -> Limit:
    """lim_{x→0} (sin x − x)/x³ = 1/6 (false: −1/6)."""
    return Limit((sp.sin(x) - x) / x**3, x, 0, sp.Rational(1, 6))


@claim()
def tangent_minus_sine_cubic() -> Limit:
    """lim_{x→0} (tan x − sin x)/x³ = ½.

    Proof: tan x = x + x³/3 + O(x⁵), sin x = x − x³/6 + O(x⁵); the difference is x³/2 + O(x⁵).
    """
    return Limit((sp.tan(x) - sp.sin(x)) / x**3, x, 0, HALF)


@claim()
def log_second_order_sign_slip() -> Limit:
    """lim_{x→0} (log(1 + x) − x)/x² = ½ (false: −½)."""
    return Limit((sp.log(1 + x) - x) / x**2, x, 0, HALF)


@claim()
def root_abs_over_x_infinite() -> Limit:
    """lim_{x→0} √|x|/x = ∞ (from the left it is −∞)."""
    return Limit(sp.sqrt(sp.Abs(x)) / x, x, 0, sp.oo)


@claim()
def log_times_sine_from_the_right() -> Limit:
    """lim_{x→0⁺} log x · sin x = 0.

    Proof: |sin x| ≤ x and x log x → 0.
    """
    return Limit(sp.log(x) * sp.sin(x), x, 0, ZERO, dir="+")


@claim()
def compound_abs_at_zero() -> Limit:
    """lim_{x→0} (1 + x)^{1/|x|} = e (from the left it is 1/e)."""
    return Limit((1 + x) ** (1 / sp.Abs(x)), x, 0, sp.E)


TRUTH = {
    "x_log_x_from_the_right": ("true", 2, None),
    "x_log_abs_x_two_sided": ("true", 2, None),
    "self_power_from_the_right": ("true", 2, None),
    "exp_reciprocal_from_the_left": ("true", 2, None),
    "exp_reciprocal_from_the_right_is_zero": ("false", 2, {"along": TINY}),
    "versine_quotient_is_one": ("false", 2, {"along": SMALL}),
    "exp_second_order_remainder": ("true", 2, None),
    "sine_over_abs_two_sided": ("false", 2, {"along": LEFT}),
    "sine_over_abs_from_the_left": ("true", 2, None),
    "root_difference_quotient": ("true", 2, None),
    "sign_at_one_is_one": ("false", 2, {"along": [1 - v for v in TINY]}),
    "floor_at_one_from_the_right": ("true", 2, None),
    "floor_at_one_two_sided": ("false", 2, {"along": [1 - v for v in TINY]}),
    "x_sine_reciprocal_at_infinity": ("true", 2, None),
    "compound_interest_with_rate": ("true", 2, None),
    "x_exp_at_minus_infinity": ("true", 2, None),
    "square_times_sine_reciprocal": ("true", 2, None),
    "tanh_reciprocal_at_zero": ("false", 2, {"along": LEFT}),
    "arctangent_reciprocal_squared": ("true", 2, None),
    "sine_cubic_coefficient": ("true", 2, None),
    "sine_cubic_coefficient_sign_slip": ("false", 2, {"along": SMALL}),
    "tangent_minus_sine_cubic": ("true", 2, None),
    "log_second_order_sign_slip": ("false", 2, {"along": SMALL}),
    "root_abs_over_x_infinite": ("false", 2, {"along": LEFT}),
    "log_times_sine_from_the_right": ("true", 2, None),
    "compound_abs_at_zero": ("false", 2, {"along": LEFT}),
}
