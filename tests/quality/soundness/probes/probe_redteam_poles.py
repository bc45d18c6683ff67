"""helper-85's red team on the float walk's poles and on implications.

- A special function at a pole (Γ(0), atanh 1, erfinv 1, Ei 0, log Γ(0)) is ±∞ in numpy and scipy; read as a value
  in a condition, [atanh x > 0] ≥ 0 on [0, 1] was PROVED. Infinite at arguments within ±100 is a pole now (NaN).
- An implication's conclusion with a pole where the premise holds (cot x at π, with x > 0): the exact search for
  such points keeps those where the premise holds, exactly, and the counterexample is confirmed there.
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Inequality, Interval, Real, claim
from verifier.language.stepwise import Implication, Relation

x = sp.Symbol("x")
ZERO, ONE = sp.Integer(0), sp.Integer(1)


def indicator(condition: sp.Basic) -> sp.Expr:
    return sp.Piecewise((1, condition), (0, True))


@claim(expect="refuted")
def condition_at_a_pole_of_atanh() -> Inequality:
    """[atanh x > 0] ≥ 0 on [0, 1]: undefined at x = 1 (atanh 1 = ∞)."""
    return Inequality(indicator(sp.atanh(x) > 0), ">=", 0, where={x: Interval(0, 1)})


@claim(expect="refuted")
def indicator_of_atanh_against_a_step() -> Identity:
    """[atanh x > 0] = H(x), H(0) = 0, on [0, 1]: undefined at x = 1."""
    return Identity(indicator(sp.atanh(x) > 0), sp.Heaviside(x, 0), where={x: Interval(0, 1)})


@claim(expect="refuted")
def condition_at_a_pole_of_gamma() -> Inequality:
    """[Γ(x) > 0] ≥ 0 on [0, 1]: undefined at x = 0."""
    return Inequality(indicator(sp.gamma(x) > 0), ">=", 0, where={x: Interval(0, 1)})


@claim(expect="refuted")
def condition_at_an_end_of_erfinv() -> Inequality:
    """[erfinv x ≥ 0] ≥ 0 on [0, 1]: undefined at x = 1 (erfinv 1 = ∞)."""
    return Inequality(indicator(sp.erfinv(x) >= 0), ">=", 0, where={x: Interval(0, 1)})


@claim(expect="refuted")
def condition_at_a_pole_of_ei() -> Inequality:
    """[Ei x < 5] ≥ 0 on [0, 1]: undefined at x = 0 (Ei 0 = −∞)."""
    return Inequality(indicator(sp.Ei(x) < 5), ">=", 0, where={x: Interval(0, 1)})


@claim(expect="refuted")
def condition_at_a_pole_of_loggamma() -> Inequality:
    """[log Γ(x) > −5] ≥ 0 on [0, 1]: undefined at x = 0."""
    return Inequality(indicator(sp.loggamma(x) > -5), ">=", 0, where={x: Interval(0, 1)})


@claim(expect="refuted")
def cotangent_squared_after_a_premise() -> Implication:
    """x > 0 ⇒ cot² x ≥ 0 on ℝ: undefined at x = π, where the premise holds."""
    return Implication(Relation(x, ">", ZERO), Relation(sp.cot(x) ** 2, ">=", ZERO), where={x: Real()})


@claim(expect="refuted")
def tangent_squared_after_a_premise_on_an_interval() -> Implication:
    """x > 1 ⇒ tan² x ≥ 0 on [0, 3]: undefined at x = π/2."""
    return Implication(Relation(x, ">", ONE), Relation(sp.tan(x) ** 2, ">=", ZERO), where={x: Interval(0, 3)})


@claim(expect="refuted")
def cosecant_squared_after_a_premise() -> Implication:
    """x > 1 ⇒ csc² x ≥ 1 on ℝ: undefined at x = π."""
    return Implication(Relation(x, ">", ONE), Relation(sp.csc(x) ** 2, ">=", ONE), where={x: Real()})


@claim(expect="refuted")
def cotangent_times_tangent_after_a_premise() -> Implication:
    """x > 0 ⇒ cot x · tan x = 1 on ℝ: the left side is undefined at x = π, where the right is 1."""
    return Implication(Relation(x, ">", ZERO), Relation(sp.cot(x) * sp.tan(x), "=", ONE), where={x: Real()})


@claim(expect="refuted")
def indicator_of_a_tangent_after_a_premise() -> Implication:
    """x > 0 ⇒ [tan x > 0] ≥ 0 on ℝ: undefined at x = π/2."""
    return Implication(Relation(x, ">", ZERO), Relation(indicator(sp.tan(x) > 0), ">=", ZERO), where={x: Real()})


@claim(expect="refuted")
def fifth_pole_after_a_premise() -> Implication:
    """x > −1 ⇒ Σ_{k=10}^{13} 1/(x − k)² + 1/(3x − 1)² > 0 on [−5, 5]: undefined at x = 1/3 (the fifth denominator,
    past the four the implication's own search looks at)."""
    total = sum(1 / (x - k) ** 2 for k in (10, 11, 12, 13)) + 1 / (3 * x - 1) ** 2
    return Implication(Relation(x, ">", sp.Integer(-1)), Relation(total, ">", ZERO), where={x: Interval(-5, 5)})


@claim(expect="refuted")
def condition_at_a_pole_of_zeta_with_a_large_shift() -> Inequality:
    """[ζ(x, 200) > 0] ≥ 0 on [1, 2]: undefined at x = 1; its other argument, 200, kept scipy's ∞ as a value when the
    pole rule asked every argument to lie within ±100 (helper-87)."""
    return Inequality(indicator(sp.zeta(x, 200) > 0), ">=", 0, where={x: Interval(1, 2)})


@claim(expect="refuted")
def condition_at_a_pole_of_beta_with_a_large_argument() -> Inequality:
    """[B(x, 200) > 0] ≥ 0 on [0, 1]: undefined at x = 0."""
    return Inequality(indicator(sp.beta(x, 200) > 0), ">=", 0, where={x: Interval(0, 1)})


@claim(expect="refuted")
def cotangent_squared_after_a_premise_past_the_origin() -> Implication:
    """x > 9 ⇒ cot² x ≥ 0 on ℝ: undefined at x = 3π, where the premise holds; the exact search looked for poles in
    [−8, 8] only, where the premise fails (helper-87)."""
    return Implication(Relation(x, ">", sp.Integer(9)), Relation(sp.cot(x) ** 2, ">=", ZERO), where={x: Real()})


@claim(expect="refuted")
def cotangent_squared_after_a_premise_past_eight_poles() -> Implication:
    """x > 25 ⇒ cot² x ≥ 0 on [0, 100]: undefined at x = 8π ≈ 25.13; the eight poles nearest 0 fail the premise."""
    premise = Relation(x, ">", sp.Integer(25))
    return Implication(premise, Relation(sp.cot(x) ** 2, ">=", ZERO), where={x: Interval(0, 100)})


@claim()
def reciprocal_after_a_premise_that_excludes_its_pole() -> Implication:
    """x > 0 ⇒ 1/x > 0 on ℝ.
    The pole at 0 lies where the premise fails; where it holds, 1/x > 0."""
    return Implication(Relation(x, ">", ZERO), Relation(1 / x, ">", ZERO), where={x: Real()})


TRUTH = {
    "condition_at_a_pole_of_atanh": ("partial", 2, None),
    "indicator_of_atanh_against_a_step": ("partial", 2, None),
    "condition_at_a_pole_of_gamma": ("partial", 2, None),
    "condition_at_an_end_of_erfinv": ("partial", 2, None),
    "condition_at_a_pole_of_ei": ("partial", 2, None),
    "condition_at_a_pole_of_loggamma": ("partial", 2, None),
    "cotangent_squared_after_a_premise": ("partial", 2, None),
    "tangent_squared_after_a_premise_on_an_interval": ("partial", 2, None),
    "cosecant_squared_after_a_premise": ("partial", 2, None),
    "cotangent_times_tangent_after_a_premise": ("partial", 2, None),
    "indicator_of_a_tangent_after_a_premise": ("partial", 2, None),
    "fifth_pole_after_a_premise": ("partial", 2, None),
    "condition_at_a_pole_of_zeta_with_a_large_shift": ("partial", 2, None),
    "condition_at_a_pole_of_beta_with_a_large_argument": ("partial", 2, None),
    "cotangent_squared_after_a_premise_past_the_origin": ("partial", 2, None),
    "cotangent_squared_after_a_premise_past_eight_poles": ("partial", 2, None),
    "reciprocal_after_a_premise_that_excludes_its_pole": ("true", 2, None),
}
