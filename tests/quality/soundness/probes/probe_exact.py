"""Class 6: claims built from exact numbers are decided exactly (or at high precision).

A residual that is a nonzero constant, however small, refutes an identity; a claim without free
symbols is decided in high precision, never by floats. The false probes differ from the truth by
10⁻¹⁴ to 10⁻³⁰ in relative terms; the true ones hold exactly, some only by a margin of 10⁻¹² that
floats cannot see (e^{π√163} < 640320³ + 744). Witnesses are empty for claims without symbols.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import PSD, Expectation, Identity, Inequality, Limit, Normal, Real, claim

x, t, X = sp.symbols("x t X")
RAMANUJAN = sp.exp(sp.pi * sp.sqrt(163))
NEAR = sp.Integer(640320) ** 3 + 744


def tiny(k: int) -> sp.Rational:
    return sp.Rational(1, 10**k)


@claim(expect="refuted")
def scaled_by_one_plus_1e14() -> Identity:
    """x(1 + 10⁻¹⁴) = x on ℝ (false at x = 1)."""
    return Identity(x * (1 + tiny(14)), x, where={x: Real()})


@claim(expect="refuted")
def scaled_by_one_plus_1e16() -> Identity:
    """x(1 + 10⁻¹⁶) = x on ℝ (false at x = 1: a relative 10⁻¹⁶)."""
    return Identity(x * (1 + tiny(16)), x, where={x: Real()})


@claim(expect="refuted")
def pythagoras_off_by_1e16() -> Identity:
    """sin²x + cos²x = 1 + 10⁻¹⁶ on ℝ (false everywhere)."""
    return Identity(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1 + tiny(16), where={x: Real()})


@claim(expect="refuted")
def square_of_sum_off_by_1e20() -> Identity:
    """(x + 1)² = x² + 2x + 1 + 10⁻²⁰ on ℝ (false everywhere)."""
    return Identity((x + 1) ** 2, x**2 + 2 * x + 1 + tiny(20), where={x: Real()})


@claim(expect="refuted")
def ramanujan_constant_is_an_integer() -> Identity:
    """e^{π√163} = 640320³ + 744 (false: off by 7.5·10⁻¹³)."""
    return Identity(RAMANUJAN, NEAR)


@claim(expect="refuted")
def ramanujan_constant_at_least() -> Inequality:
    """e^{π√163} ≥ 640320³ + 744 (false: it is below by 7.5·10⁻¹³)."""
    return Inequality(RAMANUJAN, ">=", NEAR)


@claim()
def ramanujan_constant_below() -> Inequality:
    """e^{π√163} < 640320³ + 744.

    Source: e^{π√163} = 262537412640768743.99999999999925… (OEIS A060295).
    """
    return Inequality(RAMANUJAN, "<", NEAR)


@claim(expect="refuted")
def one_is_one_plus_1e30() -> Identity:
    """1 = 1 + 10⁻³⁰ (false)."""
    return Identity(sp.Integer(1), 1 + tiny(30))


@claim(expect="refuted")
def pi_is_355_over_113() -> Identity:
    """π = 355/113 (false: off by 2.7·10⁻⁷)."""
    return Identity(sp.pi, sp.Rational(355, 113))


@claim(expect="refuted")
def e_is_its_float() -> Identity:
    """e = 2.718281828459045 (as an exact decimal; false: off by 2.4·10⁻¹⁶)."""
    return Identity(sp.E, sp.Rational(2718281828459045, 10**15))


@claim(expect="refuted")
def geometric_sum_is_one() -> Identity:
    """Σ_{k=1}^{60} 2⁻ᵏ = 1 (false: off by 2⁻⁶⁰)."""
    return Identity(sp.Add(*[sp.Rational(1, 2**j) for j in range(1, 61)]), sp.Integer(1))


@claim(expect="refuted")
def exp_pi_minus_pi_is_twenty() -> Identity:
    """e^π − π = 20 (false: 19.99909998…)."""
    return Identity(sp.exp(sp.pi) - sp.pi, sp.Integer(20))


@claim(expect="refuted")
def nearly_singular_matrix_is_psd() -> PSD:
    """[[1, 1], [1, 1 − 10⁻²⁰]] ⪰ 0 (false: det = −10⁻²⁰)."""
    return PSD(sp.ImmutableMatrix([[1, 1], [1, 1 - tiny(20)]]))


@claim(expect="refuted")
def nearly_singular_rank_one_is_psd() -> PSD:
    """[[1, ½], [½, ¼ − 10⁻³⁰]] ⪰ 0 (false: det = −10⁻³⁰)."""
    return PSD(sp.ImmutableMatrix([[1, sp.Rational(1, 2)], [sp.Rational(1, 2), sp.Rational(1, 4) - tiny(30)]]))


@claim(expect="refuted")
def singular_matrix_is_positive_definite() -> PSD:
    """[[1, 1], [1, 1]] ≻ 0 (false: singular)."""
    return PSD(sp.ImmutableMatrix([[1, 1], [1, 1]]), strict=True)


@claim(expect="refuted")
def square_minus_tiny_nonnegative() -> Inequality:
    """x² − 10⁻³⁰ ≥ 0 on ℝ (false at x = 0)."""
    return Inequality(x**2 - tiny(30), ">=", sp.Integer(0), where={x: Real()})


@claim(expect="refuted")
def normal_second_moment_off_by_1e20() -> Expectation:
    """E[X²] = 1 + 10⁻²⁰ for X ~ N(0, 1) (false: it is 1)."""
    return Expectation(X**2, 1 + tiny(20), noise={X: Normal(0, 1)})


@claim(expect="refuted")
def compound_interest_is_a_decimal() -> Limit:
    """lim_{t→∞} (1 + 1/t)ᵗ = 2.7182818284590452 (as an exact decimal; false: e is irrational)."""
    return Limit((1 + 1 / t) ** t, t, sp.oo, sp.Rational(27182818284590452, 10**16))


@claim()
def nearly_singular_matrix_is_psd_from_above() -> PSD:
    """[[1, 1], [1, 1 + 10⁻²⁰]] ⪰ 0.

    Proof: its leading minors are 1 and 10⁻²⁰, both > 0 (Sylvester's criterion).
    """
    return PSD(sp.ImmutableMatrix([[1, 1], [1, 1 + tiny(20)]]))


@claim()
def square_plus_tiny_positive() -> Inequality:
    """x² + 10⁻³⁰ > 0 on ℝ.

    Proof: x² ≥ 0.
    """
    return Inequality(x**2 + tiny(30), ">", sp.Integer(0), where={x: Real()})


@claim()
def sqrt_two_squared() -> Identity:
    """(√2 + √3)² = 5 + 2√6.

    Proof: expand; √2·√3 = √6.
    """
    return Identity((sp.sqrt(2) + sp.sqrt(3)) ** 2, 5 + 2 * sp.sqrt(6))


@claim()
def cos_pi_over_five() -> Identity:
    """cos(π/5) = (1 + √5)/4.

    Source: the golden ratio in the regular pentagon (DLMF 4.14, table of special values).
    """
    return Identity(sp.cos(sp.pi / 5), (1 + sp.sqrt(5)) / 4)


@claim()
def e_to_pi_beats_pi_to_e() -> Inequality:
    """e^π > π^e.

    Proof: log x/x is decreasing on (e, ∞), so log π/π < 1/e.
    """
    return Inequality(sp.exp(sp.pi), ">", sp.pi**sp.E)


@claim()
def normal_second_moment() -> Expectation:
    """E[X²] = 1 for X ~ N(0, 1).

    Source: the variance of the standard normal.
    """
    return Expectation(X**2, sp.Integer(1), noise={X: Normal(0, 1)})


TRUTH = {
    "scaled_by_one_plus_1e14": ("false", 6, {"x": 1}),
    "scaled_by_one_plus_1e16": ("false", 6, {"x": 1}),
    "pythagoras_off_by_1e16": ("false", 6, {"x": 0}),
    "square_of_sum_off_by_1e20": ("false", 6, {"x": 0}),
    "ramanujan_constant_is_an_integer": ("false", 6, {}),
    "ramanujan_constant_at_least": ("false", 6, {}),
    "ramanujan_constant_below": ("true", 6, None),
    "one_is_one_plus_1e30": ("false", 6, {}),
    "pi_is_355_over_113": ("false", 6, {}),
    "e_is_its_float": ("false", 6, {}),
    "geometric_sum_is_one": ("false", 6, {}),
    "exp_pi_minus_pi_is_twenty": ("false", 6, {}),
    "nearly_singular_matrix_is_psd": ("false", 6, {}),
    "nearly_singular_rank_one_is_psd": ("false", 6, {}),
    "singular_matrix_is_positive_definite": ("false", 6, {}),
    "square_minus_tiny_nonnegative": ("false", 6, {"x": 0}),
    "normal_second_moment_off_by_1e20": ("false", 6, {}),
    "compound_interest_is_a_decimal": ("false", 6, {"along": [sp.Integer(10) ** 40], "gap": tiny(20)}),
    "nearly_singular_matrix_is_psd_from_above": ("true", 6, None),
    "square_plus_tiny_positive": ("true", 6, None),
    "sqrt_two_squared": ("true", 6, None),
    "cos_pi_over_five": ("true", 6, None),
    "e_to_pi_beats_pi_to_e": ("true", 6, None),
    "normal_second_moment": ("true", 6, None),
}
