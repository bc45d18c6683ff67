"""Class 1: the atoms rung decides each expression whole in a polynomial ring (issue 42, red team).

The rung reads exponentials and radicals as fresh symbols (exp(x/L) for a family of proportional
arguments, s with sᵠ = b for a radical) and decides zero in the ring. Each false probe here is a
near miss that becomes zero if an atom is read wrongly: two exponents that differ by a constant or
by a rational factor, a radical of a square read as its base, two groups of terms that share no
denominator where only one group vanishes, a sum with a term too small for a float to see. The true
probes are identities that a wrong substitution would break. Every false probe has a witness whose
gap is far above a float's rounding, so numerics see it too.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Positive, Real, claim

x, y = sp.symbols("x y")
e = sp.exp
HALF = sp.Rational(1, 2)


@claim()
def exponent_off_by_a_constant() -> Identity:
    """exp(x + 1) = 2·exp(x) (false: e ≠ 2)."""
    return Identity(e(x + 1), 2 * e(x), where={x: Real()})


@claim()
def exponent_off_by_a_constant_true() -> Identity:
    """exp(x + 1) = e·exp(x).

    Proof: exp(a + b) = exp(a)·exp(b) with b = 1.
    """
    return Identity(e(x + 1), sp.E * e(x), where={x: Real()})


@claim()
def exponents_in_thirds_and_sixths() -> Identity:
    """(exp(x/3) + 1)(exp(x/6) + 1) = exp(x/2) + exp(x/3) + exp(x/6) + 2 (false: the constant is 1)."""
    return Identity((e(x / 3) + 1) * (e(x / 6) + 1), e(x / 2) + e(x / 3) + e(x / 6) + 2, where={x: Real()})


@claim()
def exponents_in_thirds_and_sixths_true() -> Identity:
    """(exp(x/3) + 1)(exp(x/6) + 1) = exp(x/2) + exp(x/3) + exp(x/6) + 1.

    Proof: multiply out; exp(x/3)·exp(x/6) = exp(x/3 + x/6) = exp(x/2).
    """
    return Identity((e(x / 3) + 1) * (e(x / 6) + 1), e(x / 2) + e(x / 3) + e(x / 6) + 1, where={x: Real()})


@claim()
def square_of_a_half_exponent_missing_its_two() -> Identity:
    """(exp(x/2) + 1)² = exp(x) + exp(x/2) + 1 (false: the middle term is 2·exp(x/2))."""
    return Identity((e(x / 2) + 1) ** 2, e(x) + e(x / 2) + 1, where={x: Real()})


@claim()
def radical_of_a_square_is_its_base() -> Identity:
    """√((x − 1)²)·exp(x) = (x − 1)·exp(x) on ℝ (false below 1: the left side is |x − 1|·exp(x))."""
    return Identity(sp.sqrt((x - 1) ** 2) * e(x), (x - 1) * e(x), where={x: Real()})


@claim()
def radical_times_its_conjugate() -> Identity:
    """(1 + √y)(1 − √y)/(1 + exp(x)) = (1 − y)/(1 + exp(x)) for y > 0.

    Proof: (1 + s)(1 − s) = 1 − s² and s² = y for s = √y.
    """
    lhs = (1 + sp.sqrt(y)) * (1 - sp.sqrt(y)) / (1 + e(x))
    return Identity(lhs, (1 - y) / (1 + e(x)), where={x: Real(), y: Positive()})


@claim()
def radical_times_its_conjugate_off_by_one() -> Identity:
    """(1 + √y)(1 − √y)/(1 + exp(x)) = (1 + y)/(1 + exp(x)) for y > 0 (false: 1 − y ≠ 1 + y)."""
    lhs = (1 + sp.sqrt(y)) * (1 - sp.sqrt(y)) / (1 + e(x))
    return Identity(lhs, (1 + y) / (1 + e(x)), where={x: Real(), y: Positive()})


@claim()
def two_groups_one_vanishes() -> Identity:
    """Two logistic groups: exp(x)/(1 + exp(x)) + 1/(1 + exp(x)) + exp(y)/(2 + exp(y)) + 1/(2 + exp(y)) = 2
    (false: the second group is (1 + exp(y))/(2 + exp(y)) ≠ 1)."""
    first = e(x) / (1 + e(x)) + 1 / (1 + e(x))
    second = e(y) / (2 + e(y)) + 1 / (2 + e(y))
    return Identity(first + second, sp.Integer(2), where={x: Real(), y: Real()})


@claim()
def two_groups_both_vanish() -> Identity:
    """exp(x)/(1 + exp(x)) + 1/(1 + exp(x)) + exp(y)/(2 + exp(y)) + 2/(2 + exp(y)) = 2.

    Proof: each group is its denominator over itself, 1.
    """
    first = e(x) / (1 + e(x)) + 1 / (1 + e(x))
    second = e(y) / (2 + e(y)) + 2 / (2 + e(y))
    return Identity(first + second, sp.Integer(2), where={x: Real(), y: Real()})


@claim()
def shared_denominator_across_terms() -> Identity:
    """x/(1 + exp(x)) + x·exp(x)/(1 + exp(x)) + y/(1 + exp(x)) = x + y (false: y/(1 + eˣ) ≠ y)."""
    d = 1 + e(x)
    return Identity(x / d + x * e(x) / d + y / d, x + y, where={x: Real(), y: Real()})


@claim()
def tanh_through_exponentials_sign_swapped() -> Identity:
    """tanh x = (exp(2x) + 1)/(exp(2x) − 1) on x > 0 (false: that is coth x)."""
    return Identity(sp.tanh(x), (e(2 * x) + 1) / (e(2 * x) - 1), where={x: Positive()})


@claim()
def exponential_of_a_radical_squared() -> Identity:
    """(exp(√y) + 1)² = exp(2√y) + 2·exp(√y) + 1 for y > 0.

    Proof: (a + 1)² = a² + 2a + 1 and exp(√y)² = exp(2√y).
    """
    return Identity((e(sp.sqrt(y)) + 1) ** 2, e(2 * sp.sqrt(y)) + 2 * e(sp.sqrt(y)) + 1, where={y: Positive()})


@claim()
def exponential_of_a_radical_is_not_of_its_square() -> Identity:
    """(exp(√y) + 1)² = exp(y) + 2·exp(√y) + 1 for y > 0 (false: exp(√y)² is exp(2√y), not exp(y))."""
    return Identity((e(sp.sqrt(y)) + 1) ** 2, e(y) + 2 * e(sp.sqrt(y)) + 1, where={y: Positive()})


@claim()
def sixth_roots_from_a_square_and_a_cube_root() -> Identity:
    """(√y + 1)(∛y + 1) = y^(5/6) + √y + ∛y + 1 for y > 0.

    Proof: multiply out; y^a·y^b = y^(a + b) for y > 0, and 1/2 + 1/3 = 5/6.
    """
    lhs = (sp.sqrt(y) + 1) * (sp.cbrt(y) + 1)
    return Identity(lhs, y ** sp.Rational(5, 6) + sp.sqrt(y) + sp.cbrt(y) + 1, where={y: Positive()})


@claim()
def sixth_roots_off_by_a_power() -> Identity:
    """(√y + 1)(∛y + 1) = y^(2/3) + √y + ∛y + 1 for y > 0 (false: √y·∛y is y^(5/6))."""
    lhs = (sp.sqrt(y) + 1) * (sp.cbrt(y) + 1)
    return Identity(lhs, y ** sp.Rational(2, 3) + sp.sqrt(y) + sp.cbrt(y) + 1, where={y: Positive()})


@claim()
def high_power_against_its_expansion() -> Identity:
    """(x + 1)²⁰ = its expansion with one coefficient off: the x¹⁰ coefficient 184757 for 184756 (false)."""
    expanded = sp.expand((x + 1) ** 20) + x**10
    return Identity((x + 1) ** 20, expanded, where={x: Real()})


@claim()
def high_power_against_its_expansion_true() -> Identity:
    """(x + 1)²⁰ = Σₖ C(20, k)·xᵏ.

    Proof: the binomial theorem.
    """
    expanded = sp.Add(*[sp.binomial(20, j) * x**j for j in range(21)])
    return Identity((x + 1) ** 20, expanded, where={x: Real()})


@claim()
def exponent_of_a_square_without_its_cross_term() -> Identity:
    """exp((x + y)²) = exp(x²)·exp(y²) (false: the exponent's expansion has 2xy too)."""
    return Identity(e((x + y) ** 2), e(x**2) * e(y**2), where={x: Real(), y: Real()})


@claim()
def exponent_of_a_square_with_its_cross_term() -> Identity:
    """exp((x + y)²/2) = exp(x²/2)·exp(xy)·exp(y²/2).

    Proof: (x + y)²/2 = x²/2 + xy + y²/2, and exp(a + b) = exp(a)·exp(b).
    """
    return Identity(e((x + y) ** 2 / 2), e(x**2 / 2) * e(x * y) * e(y**2 / 2), where={x: Real(), y: Real()})


TRUTH = {
    "exponent_off_by_a_constant": ("false", 1, {"x": 0}),
    "exponent_off_by_a_constant_true": ("true", 1, None),
    "exponents_in_thirds_and_sixths": ("false", 1, {"x": 0}),
    "exponents_in_thirds_and_sixths_true": ("true", 1, None),
    "square_of_a_half_exponent_missing_its_two": ("false", 1, {"x": 0}),
    "radical_of_a_square_is_its_base": ("false", 1, {"x": 0}),
    "radical_times_its_conjugate": ("true", 1, None),
    "radical_times_its_conjugate_off_by_one": ("false", 1, {"x": 0, "y": 1}),
    "two_groups_one_vanishes": ("false", 1, {"x": 0, "y": 0}),
    "two_groups_both_vanish": ("true", 1, None),
    "shared_denominator_across_terms": ("false", 1, {"x": 0, "y": 1}),
    "tanh_through_exponentials_sign_swapped": ("false", 1, {"x": 1}),
    "exponential_of_a_radical_squared": ("true", 1, None),
    "exponential_of_a_radical_is_not_of_its_square": ("false", 1, {"y": 1}),
    "sixth_roots_from_a_square_and_a_cube_root": ("true", 1, None),
    "sixth_roots_off_by_a_power": ("false", 1, {"y": 64}),
    "high_power_against_its_expansion": ("false", 1, {"x": 1}),
    "high_power_against_its_expansion_true": ("true", 1, None),
    "exponent_of_a_square_without_its_cross_term": ("false", 1, {"x": 1, "y": 1}),
    "exponent_of_a_square_with_its_cross_term": ("true", 1, None),
}
