"""Claims whose float values are NaN where the true values are real (helper-77's red team, /num_findings a10, a11):
scipy's binom(−k, 3) for a negative top and Γ(a)·Q(a, x) for a ≤ 0 are NaN, and those samples were skipped as
"float overflow, no information", so claims false only there were CHECKED. They are decided in high precision now.
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Inequality, Integer, Interval, Positive, claim

k, s, x = sp.symbols("k s x")


@claim(expect="refuted")
def binomial_of_odd_order_is_nonnegative() -> Inequality:
    """binomial(k, 3) ≥ 0 on −20..20: false for every k < 0 (binomial(−1, 3) = −1)."""
    return Inequality(sp.binomial(k, 3), ">=", 0, where={k: Integer(-20, 20)})


@claim(expect="refuted")
def binomial_of_odd_order_is_its_modulus() -> Identity:
    """binomial(k, 3) = |k(k − 1)(k − 2)|/6 on −20..20: false for every k < 0."""
    return Identity(sp.binomial(k, 3), sp.Abs(k * (k - 1) * (k - 2)) / 6, where={k: Integer(-20, 20)})


@claim(expect="refuted")
def upper_gamma_of_negative_order_above_a_fifth() -> Inequality:
    """Γ(s, 1) ≥ 1/5 on [−1, 1]: false for s < −0.21 (Γ(−1, 1) = 0.148…)."""
    return Inequality(sp.uppergamma(s, 1), ">=", sp.Rational(1, 5), where={s: Interval(-1, 1)})


@claim(expect="refuted")
def exponential_integral_below_its_lower_bound() -> Inequality:
    """Γ(0, x) = E₁(x) ≤ e⁻ˣ/(x + 1) for x > 0: false, that is E₁'s lower bound (E₁(1) = 0.219… > 0.184…)."""
    return Inequality(sp.uppergamma(0, x), "<=", sp.exp(-x) / (x + 1), where={x: Positive()})


@claim()
def binomial_of_odd_order_is_its_polynomial() -> Identity:
    """binomial(k, 3) = k(k − 1)(k − 2)/6 on −20..20.
    The falling factorial over 3!, for every integer k (negative ones included)."""
    return Identity(sp.binomial(k, 3), k * (k - 1) * (k - 2) / 6, where={k: Integer(-20, 20)})


@claim()
def upper_gamma_recurrence_at_negative_order() -> Identity:
    """Γ(s, 1) = (Γ(s + 1, 1) − e⁻¹)/s on [−9/10, −1/10].
    Integration by parts: Γ(s + 1, x) = sΓ(s, x) + xˢe⁻ˣ (DLMF 8.8.2)."""
    lo, hi = -sp.Rational(9, 10), -sp.Rational(1, 10)
    return Identity(sp.uppergamma(s, 1), (sp.uppergamma(s + 1, 1) - sp.exp(-1)) / s, where={s: Interval(lo, hi)})


TRUTH = {
    "binomial_of_odd_order_is_nonnegative": ("false", 1, {"k": -1}),
    "binomial_of_odd_order_is_its_modulus": ("false", 1, {"k": -1}),
    "upper_gamma_of_negative_order_above_a_fifth": ("false", 1, {"s": -1}),
    "exponential_integral_below_its_lower_bound": ("false", 1, {"x": 1}),
    "binomial_of_odd_order_is_its_polynomial": ("true", 1, None),
    "upper_gamma_recurrence_at_negative_order": ("true", 1, None),
}
