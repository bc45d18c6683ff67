"""Red team, limits: principal powers at −∞, lattice aliasing, undefined sides and parameters.

Source: a red-team review of the Limit kind (F2–F5).

F2: for x < 0, tanh x < 0 and tanh(x)^x is a principal power of a negative number, complex at
x = −(10⁸ + ½) (−i there): the real limit at −∞ does not exist. F3: sin(πx), frac(x) at ∞, sin(π/x)
and sin(π log₁₀ x) at 0 have no limit; sampled only at x = 10^j (or 10^−j) they look like 0. F4: a
limit whose expression is complex on a side the claim covers (√x two-sided, log(1 − x) two-sided at
1) or undefined at a parameter value of its domain (b = 0 in sin(ax)/sin(bx), a ≤ 0 in (aˣ − 1)/x) is
partial. F5: lim_{x→a} ⌊x⌋ = ⌊a⌋ is false at a = 0 (the left side is −1), and the limit point
depends on a parameter. The true limits beside them must stay true.

TRUTH maps each claim to (truth, class, witness); "along" lists points of x far from the claim.
"""

from __future__ import annotations

import sympy as sp

from verifier import Interval, Limit, Positive, Real, claim

x, a, b, t = sp.symbols("x a b t")
HALF, ZERO, ONE = sp.Rational(1, 2), sp.Integer(0), sp.Integer(1)
HALF_INTEGERS = [-(10**8 + HALF), -(10**9 + HALF)]


@claim()
def tanh_power_at_minus_infinity() -> Limit:
    """lim_{x→−∞} tanh(x)^x = 1 (false: complex at half-integers, −i at x = −(10⁸ + ½))."""
    return Limit(sp.tanh(x) ** x, x, -sp.oo, ONE)


@claim()
def tanh_power_square_at_minus_infinity() -> Limit:
    """lim_{x→−∞} tanh(x)^(x²) = 1 (false: complex at x = −(10⁸ + ½), where x² ≡ ¼ mod 2)."""
    return Limit(sp.tanh(x) ** (x**2), x, -sp.oo, ONE)


@claim()
def tanh_power_at_infinity() -> Limit:
    """lim_{x→∞} tanh(x)^x = 1.

    Proof: tanh x = 1 − 2/(e^{2x} + 1), so x log tanh x ~ −2x e^{−2x} → 0.
    """
    return Limit(sp.tanh(x) ** x, x, sp.oo, ONE)


@claim()
def sine_pi_x_at_infinity() -> Limit:
    """lim_{x→∞} sin(πx) = 0 (false: ±1 at every half-integer)."""
    return Limit(sp.sin(sp.pi * x), x, sp.oo, ZERO)


@claim()
def sine_pi_over_x_at_zero() -> Limit:
    """lim_{x→0} sin(π/x) = 0 (false: 1 at x = 2/(4k + 1))."""
    return Limit(sp.sin(sp.pi / x), x, 0, ZERO)


@claim()
def fractional_part_at_infinity() -> Limit:
    """lim_{x→∞} frac(x) = 0 (false: ½ at every half-integer)."""
    return Limit(sp.frac(x), x, sp.oo, ZERO)


@claim()
def sine_log_ten_at_zero() -> Limit:
    """lim_{x→0⁺} sin(π log₁₀ x) = 0 (false: ±1 at x = 10^(−k−½))."""
    return Limit(sp.sin(sp.pi * sp.log(x) / sp.log(10)), x, 0, ZERO, dir="+")


@claim()
def root_two_sided() -> Limit:
    """lim_{x→0} √x = 0, two-sided (undefined in ℝ from the left: √x is complex for x < 0)."""
    return Limit(sp.sqrt(x), x, 0, ZERO)


@claim()
def root_from_the_right() -> Limit:
    """lim_{x→0⁺} √x = 0.

    Proof: 0 < √x < ε for 0 < x < ε².
    """
    return Limit(sp.sqrt(x), x, 0, ZERO, dir="+")


@claim()
def log_two_sided_at_one() -> Limit:
    """lim_{x→1} log(1 − x) = −∞, two-sided (undefined in ℝ from the right: log of a negative number)."""
    return Limit(sp.log(1 - x), x, 1, -sp.oo)


@claim()
def sine_ratio_with_real_parameters() -> Limit:
    """lim_{x→0} sin(ax)/sin(bx) = a/b for real a, b (undefined at b = 0, for every x and the claim)."""
    return Limit(sp.sin(a * x) / sp.sin(b * x), x, 0, a / b, where={a: Real(), b: Real()})


@claim()
def power_quotient_with_real_base() -> Limit:
    """lim_{x→0} (aˣ − 1)/x = log a for real a (undefined at a = 0, complex for a < 0)."""
    return Limit((a**x - 1) / x, x, 0, sp.log(a), where={a: Real()})


@claim()
def power_quotient_with_positive_base() -> Limit:
    """lim_{x→0} (aˣ − 1)/x = log a for a > 0.

    Proof: aˣ = e^{x log a} = 1 + x log a + O(x²).
    """
    return Limit((a**x - 1) / x, x, 0, sp.log(a), where={a: Positive()})


@claim()
def floor_at_a_parameter() -> Limit:
    """lim_{x→a} ⌊x⌋ = ⌊a⌋ for real a (false at a = 0: ⌊x⌋ = −1 just left of 0)."""
    return Limit(sp.floor(x), x, a, sp.floor(a), where={a: Real()})


@claim()
def square_at_a_parameter() -> Limit:
    """lim_{x→a} x² = a².

    Proof: |x² − a²| = |x − a|·|x + a| → 0.
    """
    return Limit(x**2, x, a, a**2, where={a: Real()})


@claim()
def sine_over_x_at_zero() -> Limit:
    """lim_{x→0} sin x/x = 1.

    Proof: cos x < sin x/x < 1 near 0 (both sides even).
    """
    return Limit(sp.sin(x) / x, x, 0, ONE)


@claim()
def x_sine_reciprocal_at_zero() -> Limit:
    """lim_{x→0} x sin(1/x) = 0.

    Proof: |x sin(1/x)| ≤ |x|.
    """
    return Limit(x * sp.sin(1 / x), x, 0, ZERO)


@claim()
def compound_interest_at_infinity() -> Limit:
    """lim_{x→∞} (1 + 1/x)^x = e.

    Proof: x log(1 + 1/x) = 1 − 1/(2x) + O(x⁻²) → 1.
    """
    return Limit((1 + 1 / x) ** x, x, sp.oo, sp.E)


@claim()
def sine_over_x_at_infinity() -> Limit:
    """lim_{x→∞} sin x/x = 0.

    Proof: |sin x/x| ≤ 1/x.
    """
    return Limit(sp.sin(x) / x, x, sp.oo, ZERO)


@claim()
def power_complex_only_far_out() -> Limit:
    """lim_{x→∞} (1 − 1000/x)^(x/1000) = e⁻¹ (complex for x < 1000, far from the limit: not a finding).

    Proof: (x/1000)·log(1 − 1000/x) = −1 − 500/x + O(x⁻²) → −1.
    """
    return Limit((1 - 1000 / x) ** (x / 1000), x, sp.oo, sp.exp(-1))


@claim()
def slow_decay_near_a_third() -> Limit:
    """lim_{t→∞} 1/(1 + (a − 1/3)t) = 0 for a ∈ [1/3 + 10⁻²⁰, 1] (red team 93, f2: it was REFUTED at
    a = 0.33333333333333337 from values 0.99999… at t ≈ 10⁸).

    Proof: a − 1/3 ≥ 10⁻²⁰ > 0, so (a − 1/3)t → ∞.
    """
    lo = sp.Rational(1, 3) + sp.Integer(10) ** -20
    return Limit(1 / (1 + (a - sp.Rational(1, 3)) * t), t, sp.oo, ZERO, where={a: Interval(lo, 1)})


@claim()
def tiny_shift_at_zero() -> Limit:
    """lim_{x→0⁺} x/(x + 10⁻³⁰) = 0 (it is ≈ 1 at every x ≥ 10⁻²⁰ a sequence reaches).

    Proof: x/(x + 10⁻³⁰) ≤ 10³⁰x → 0.
    """
    return Limit(x / (x + sp.Integer(10) ** -30), x, 0, ZERO, dir="+")


TRUTH = {
    "tanh_power_at_minus_infinity": ("false", 2, {"along": HALF_INTEGERS}),
    "tanh_power_square_at_minus_infinity": ("false", 2, {"along": HALF_INTEGERS}),
    "tanh_power_at_infinity": ("true", 2, None),
    "sine_pi_x_at_infinity": ("false", 2, {"along": [10**8 + HALF, 10**9 + HALF]}),
    "sine_pi_over_x_at_zero": ("false", 2, {"along": [sp.Rational(2, 4 * 10**8 + 1), sp.Rational(2, 4 * 10**9 + 1)]}),
    "fractional_part_at_infinity": ("false", 2, {"along": [10**8 + HALF, 10**9 + HALF]}),
    "sine_log_ten_at_zero": ("false", 2, {"along": [sp.Integer(10) ** (-sp.Rational(17, 2))]}),
    "root_two_sided": ("partial", 2, None),
    "root_from_the_right": ("true", 2, None),
    "log_two_sided_at_one": ("partial", 2, None),
    "sine_ratio_with_real_parameters": ("partial", 2, None),
    "power_quotient_with_real_base": ("partial", 2, None),
    "power_quotient_with_positive_base": ("true", 2, None),
    "floor_at_a_parameter": ("false", 2, {"a": 0, "along": [-sp.Rational(1, 10**20), -sp.Rational(1, 10**40)]}),
    "square_at_a_parameter": ("true", 2, None),
    "sine_over_x_at_zero": ("true", 2, None),
    "x_sine_reciprocal_at_zero": ("true", 2, None),
    "compound_interest_at_infinity": ("true", 2, None),
    "sine_over_x_at_infinity": ("true", 2, None),
    "power_complex_only_far_out": ("true", 2, None),
    "slow_decay_near_a_third": ("true", 2, None),
    "tiny_shift_at_zero": ("true", 2, None),
}
