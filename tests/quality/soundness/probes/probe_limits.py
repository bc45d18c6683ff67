"""Class 2: sympy's one-sided defaults in limits and series.

`sp.limit` approaches from the right unless told otherwise, and `sp.series` of a non-analytic
expression is one-sided. A Limit claim is two-sided (it has no dir= argument), so each false
probe here has a one-sided limit that differs from the claimed value; its witness lists points
on the other side ("along"), each at least 10⁻³ from the claim (at 60 digits). True probes are
limits that do exist from both sides, at finite points and at ±∞, and a convergence claim
whose error map x ↦ x|x| is right-sided only (its ratio e_{k+1}/e_k² is +1 from the right and
−1 from the left).

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Convergence, Limit, Real, claim

x, t, a = sp.symbols("x t a")
TINY = [sp.Rational(1, 10**20), sp.Rational(1, 10**40)]
LEFT = [-v for v in TINY]
HUGE = [sp.Integer(10) ** 20, sp.Integer(10) ** 40]


@claim(expect="refuted")
def abs_ratio_at_zero_is_one() -> Limit:
    """lim_{x→0} |x|/x = 1 (only from the right)."""
    return Limit(sp.Abs(x) / x, x, 0, sp.Integer(1))


@claim(expect="refuted")
def abs_ratio_at_zero_is_minus_one() -> Limit:
    """lim_{x→0} |x|/x = −1 (only from the left)."""
    return Limit(sp.Abs(x) / x, x, 0, sp.Integer(-1))


@claim(expect="refuted")
def floor_at_zero() -> Limit:
    """lim_{x→0} ⌊x⌋ = 0 (from the left it is −1)."""
    return Limit(sp.floor(x), x, 0, sp.Integer(0))


@claim(expect="refuted")
def ceiling_at_one() -> Limit:
    """lim_{x→1} ⌈x⌉ = 2 (from the left it is 1)."""
    return Limit(sp.ceiling(x), x, 1, sp.Integer(2))


@claim(expect="refuted")
def fractional_part_at_zero() -> Limit:
    """lim_{x→0} x − ⌊x⌋ = 0 (from the left it is 1)."""
    return Limit(x - sp.floor(x), x, 0, sp.Integer(0))


@claim(expect="refuted")
def sign_at_zero_is_one() -> Limit:
    """lim_{x→0} sign x = 1."""
    return Limit(sp.sign(x), x, 0, sp.Integer(1))


@claim(expect="refuted")
def sign_at_zero_is_its_value() -> Limit:
    """lim_{x→0} sign x = 0 = sign 0 (no limit: ±1 on the two sides)."""
    return Limit(sp.sign(x), x, 0, sp.Integer(0))


@claim(expect="refuted")
def heaviside_at_its_jump_is_half() -> Limit:
    """lim_{x→0} H(x) = ½ = H(0) in sympy (no limit: 0 and 1 on the two sides)."""
    return Limit(sp.Heaviside(x), x, 0, sp.Rational(1, 2))


@claim(expect="refuted")
def heaviside_at_its_jump_is_one() -> Limit:
    """lim_{x→0} H(x) = 1 (from the left it is 0)."""
    return Limit(sp.Heaviside(x), x, 0, sp.Integer(1))


@claim(expect="refuted")
def reciprocal_at_zero_is_infinite() -> Limit:
    """lim_{x→0} 1/x = +∞ (from the left it is −∞)."""
    return Limit(1 / x, x, 0, sp.oo)


@claim(expect="refuted")
def exp_of_reciprocal_at_zero() -> Limit:
    """lim_{x→0} e^{1/x} = 0 (from the right it is +∞)."""
    return Limit(sp.exp(1 / x), x, 0, sp.Integer(0))


@claim(expect="refuted")
def atan_of_reciprocal_at_zero() -> Limit:
    """lim_{x→0} atan(1/x) = π/2 (from the left it is −π/2)."""
    return Limit(sp.atan(1 / x), x, 0, sp.pi / 2)


@claim(expect="refuted")
def sqrt_square_ratio_at_zero() -> Limit:
    """lim_{x→0} √(x²)/x = 1."""
    return Limit(sp.sqrt(x**2) / x, x, 0, sp.Integer(1))


@claim(expect="refuted")
def reciprocal_at_infinity_is_infinite() -> Limit:
    """lim_{t→∞} 1/t = ∞."""
    return Limit(1 / t, t, sp.oo, sp.oo)


@claim(expect="refuted")
def sign_ratio_at_minus_infinity() -> Limit:
    """lim_{x→−∞} x/|x| = 1 (it is −1)."""
    return Limit(x / sp.Abs(x), x, -sp.oo, sp.Integer(1))


@claim(expect="refuted")
def compound_interest_is_three() -> Limit:
    """lim_{t→∞} (1 + 1/t)ᵗ = 3 (it is e)."""
    return Limit((1 + 1 / t) ** t, t, sp.oo, sp.Integer(3))


@claim(expect="refuted")
def scaled_abs_ratio_with_parameter() -> Limit:
    """lim_{x→0} a|x|/x = a for every real a (false for a ≠ 0)."""
    return Limit(a * sp.Abs(x) / x, x, 0, a, where={a: Real()})


@claim(expect="refuted")
def x_abs_x_is_quadratic_with_constant_one() -> Convergence:
    """x ↦ x|x| converges to 0 with e_{k+1}/e_k² → 1 (it is −1 from the left)."""
    return Convergence(x * sp.Abs(x), x, root=0, order=2, constant=sp.Integer(1))


@claim(expect="refuted")
def kinked_linear_map_rate() -> Convergence:
    """x ↦ x/2 + |x|/4 converges linearly with e_{k+1}/e_k → 3/4 (it is 1/4 from the left)."""
    return Convergence(x / 2 + sp.Abs(x) / 4, x, root=0, order=1, constant=sp.Rational(3, 4))


# ----------------------------------------------------------------------------- true two-sided limits


@claim()
def x_sin_reciprocal_at_zero() -> Limit:
    """lim_{x→0} x·sin(1/x) = 0.

    Proof: |x sin(1/x)| ≤ |x| on both sides (squeeze).
    """
    return Limit(x * sp.sin(1 / x), x, 0, sp.Integer(0))


@claim()
def sinc_at_zero() -> Limit:
    """lim_{x→0} sin(x)/x = 1.

    Proof: sin x/x is even and tends to 1 from the right (Rudin, Principles, §8.7).
    """
    return Limit(sp.sin(x) / x, x, 0, sp.Integer(1))


@claim()
def one_minus_cos_over_square() -> Limit:
    """lim_{x→0} (1 − cos x)/x² = ½.

    Proof: 1 − cos x = x²/2 − x⁴/24 + …, an even function.
    """
    return Limit((1 - sp.cos(x)) / x**2, x, 0, sp.Rational(1, 2))


@claim()
def abs_at_zero() -> Limit:
    """lim_{x→0} |x| = 0.

    Proof: |x| is continuous.
    """
    return Limit(sp.Abs(x), x, 0, sp.Integer(0))


@claim()
def x_log_abs_x_at_zero() -> Limit:
    """lim_{x→0} x·log|x| = 0.

    Proof: |x log|x|| = |x|·|log|x||, and u log u → 0 as u → 0⁺ (l'Hôpital), on both sides.
    """
    return Limit(x * sp.log(sp.Abs(x)), x, 0, sp.Integer(0))


@claim()
def square_times_sign_at_zero() -> Limit:
    """lim_{x→0} x²·sign x = 0.

    Proof: |x² sign x| ≤ x².
    """
    return Limit(x**2 * sp.sign(x), x, 0, sp.Integer(0))


@claim()
def floor_away_from_integers() -> Limit:
    """lim_{x→1/2} ⌊x⌋ = 0.

    Proof: ⌊x⌋ = 0 on (0, 1), a neighbourhood of ½.
    """
    return Limit(sp.floor(x), x, sp.Rational(1, 2), sp.Integer(0))


@claim()
def heaviside_away_from_its_jump() -> Limit:
    """lim_{x→1} H(x) = 1.

    Proof: H = 1 on (0, ∞).
    """
    return Limit(sp.Heaviside(x), x, 1, sp.Integer(1))


@claim()
def expm1_ratio_at_zero() -> Limit:
    """lim_{x→0} (eˣ − 1)/x = 1.

    Proof: the derivative of eˣ at 0.
    """
    return Limit((sp.exp(x) - 1) / x, x, 0, sp.Integer(1))


@claim()
def sine_with_parameter_at_zero() -> Limit:
    """lim_{x→0} sin(ax)/x = a.

    Proof: sin(ax) = ax + O(x³) on both sides.
    """
    return Limit(sp.sin(a * x) / x, x, 0, a, where={a: Real()})


@claim()
def reciprocal_at_infinity() -> Limit:
    """lim_{t→∞} 1/t = 0.

    Proof: 0 < 1/t < ε for t > 1/ε.
    """
    return Limit(1 / t, t, sp.oo, sp.Integer(0))


@claim()
def compound_interest() -> Limit:
    """lim_{t→∞} (1 + 1/t)ᵗ = e.

    Proof: the definition of e (Rudin, Principles, Thm 3.31).
    """
    return Limit((1 + 1 / t) ** t, t, sp.oo, sp.E)


@claim()
def atan_at_infinity() -> Limit:
    """lim_{x→∞} atan x = π/2.

    Proof: tan → ∞ as its argument → π/2⁻.
    """
    return Limit(sp.atan(x), x, sp.oo, sp.pi / 2)


@claim()
def sign_ratio_at_minus_infinity_is_minus_one() -> Limit:
    """lim_{x→−∞} x/|x| = −1.

    Proof: x/|x| = −1 for every x < 0.
    """
    return Limit(x / sp.Abs(x), x, -sp.oo, sp.Integer(-1))


@claim()
def squaring_map_is_quadratic() -> Convergence:
    """x ↦ x² converges to 0 with e_{k+1}/e_k² = 1.

    Proof: the ratio is exactly 1 on both sides.
    """
    return Convergence(x**2, x, root=0, order=2, constant=sp.Integer(1), start=sp.Rational(1, 2))


TRUTH = {
    "abs_ratio_at_zero_is_one": ("false", 2, {"along": LEFT}),
    "abs_ratio_at_zero_is_minus_one": ("false", 2, {"along": TINY}),
    "floor_at_zero": ("false", 2, {"along": LEFT}),
    "ceiling_at_one": ("false", 2, {"along": [1 - v for v in TINY]}),
    "fractional_part_at_zero": ("false", 2, {"along": LEFT}),
    "sign_at_zero_is_one": ("false", 2, {"along": LEFT}),
    "sign_at_zero_is_its_value": ("false", 2, {"along": TINY}),
    "heaviside_at_its_jump_is_half": ("false", 2, {"along": TINY}),
    "heaviside_at_its_jump_is_one": ("false", 2, {"along": LEFT}),
    "reciprocal_at_zero_is_infinite": ("false", 2, {"along": LEFT}),
    "exp_of_reciprocal_at_zero": ("false", 2, {"along": TINY}),
    "atan_of_reciprocal_at_zero": ("false", 2, {"along": LEFT}),
    "sqrt_square_ratio_at_zero": ("false", 2, {"along": LEFT}),
    "reciprocal_at_infinity_is_infinite": ("false", 5, {"along": HUGE}),
    "sign_ratio_at_minus_infinity": ("false", 2, {"along": [-v for v in HUGE]}),
    "compound_interest_is_three": ("false", 2, {"along": HUGE}),
    "scaled_abs_ratio_with_parameter": ("false", 2, {"a": 1, "along": LEFT}),
    "x_abs_x_is_quadratic_with_constant_one": ("false", 2, {"along": LEFT}),
    "kinked_linear_map_rate": ("false", 2, {"along": LEFT}),
    "x_sin_reciprocal_at_zero": ("true", 2, None),
    "sinc_at_zero": ("true", 2, None),
    "one_minus_cos_over_square": ("true", 2, None),
    "abs_at_zero": ("true", 2, None),
    "x_log_abs_x_at_zero": ("true", 2, None),
    "square_times_sign_at_zero": ("true", 2, None),
    "floor_away_from_integers": ("true", 2, None),
    "heaviside_away_from_its_jump": ("true", 2, None),
    "expm1_ratio_at_zero": ("true", 2, None),
    "sine_with_parameter_at_zero": ("true", 2, None),
    "reciprocal_at_infinity": ("true", 2, None),
    "compound_interest": ("true", 2, None),
    "atan_at_infinity": ("true", 2, None),
    "sign_ratio_at_minus_infinity_is_minus_one": ("true", 2, None),
    "squaring_map_is_quadratic": ("true", 2, None),
}
