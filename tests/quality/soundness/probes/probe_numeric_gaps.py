"""Issue 37, class 3: numerics that cannot see the gap.

A Hessian entry wrong only below the diagonal; gaps far below float round-off; false inequalities
that fail at one integer in a million, at one rational point of a box, or in a bump of width 10⁻⁴;
an identity whose residual is nonzero only in a bump. Each false probe's witness is the exact point
where it fails (checked at 60 digits by truth.py). The true probes touch their bound at a corner, an
open end or a point where the enclosure cannot separate the sides, where a search must not refute.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Identity, Inequality, Integer, Interval, Real, claim

x, y, z, k, j = sp.symbols("x y z k j")
third, tiny = sp.Rational(1, 3), sp.Rational(1, 10**40)


@claim(expect="refuted")
def hessian_wrong_below_the_diagonal() -> Derivative:
    """∇²(x²y + y³) = [[2y, 2x], [2x + 1, 6y]] (false: the (2, 1) entry is 2x)."""
    h = sp.Matrix([[2 * y, 2 * x], [2 * x + 1, 6 * y]])
    return Derivative(x**2 * y + y**3, wrt=sp.Matrix([x, y]), equals=h, order=2, where={x: Real(), y: Real()})


@claim(expect="refuted")
def cosines_below_two_by_a_hair() -> Inequality:
    """cos x + cos y ≤ 2 − 10⁻⁴⁰ on [−1, 1]² (false at x = y = 0, where the sum is 2)."""
    box = {x: Interval(-1, 1), y: Interval(-1, 1)}
    return Inequality(sp.cos(x) + sp.cos(y), "<=", 2 - tiny, where=box)


@claim(expect="refuted")
def one_integer_in_a_million() -> Inequality:
    """(k − 123457)² + (y − 1/7)² > 0 for k ∈ {1, …, 10⁶}, y ∈ [0, 1] (false at k = 123457, y = 1/7)."""
    return Inequality(
        (k - 123457) ** 2 + (y - sp.Rational(1, 7)) ** 2, ">", 0, where={k: Integer(1, 10**6), y: Interval(0, 1)}
    )


@claim(expect="refuted")
def three_squares_are_positive() -> Inequality:
    """(x − 1/3)² + (y − 2/7)² + (z − 1/5)² > 0 on [0, 1]³ (false at (1/3, 2/7, 1/5))."""
    gap = (x - third) ** 2 + (y - sp.Rational(2, 7)) ** 2 + (z - sp.Rational(1, 5)) ** 2
    return Inequality(gap, ">", 0, where={x: Interval(0, 1), y: Interval(0, 1), z: Interval(0, 1)})


@claim(expect="refuted")
def narrow_bump_stays_low() -> Inequality:
    """2·exp(−(10⁴|x − 1/3| + y)) < 3/2 on [0, 1]² (false at x = 1/3, y = 0: the bump reaches 2)."""
    return Inequality(
        2 * sp.exp(-(10**4 * sp.Abs(x - third) + y)),
        "<",
        sp.Rational(3, 2),
        where={x: Interval(0, 1), y: Interval(0, 1)},
    )


@claim(expect="refuted")
def bump_is_zero() -> Identity:
    """max(0, 10⁻⁶ − |x − 1/3| − |y|) = 0 on [0, 1]² (false at x = 1/3, y = 0, where it is 10⁻⁶)."""
    bump = sp.Max(0, sp.Rational(1, 10**6) - sp.Abs(x - third) - sp.Abs(y))
    return Identity(bump, sp.Integer(0), where={x: Interval(0, 1), y: Interval(0, 1)})


@claim(expect="refuted")
def one_integer_pair_in_a_million() -> Inequality:
    """|k − 17| + |j − 23| > 0 for k, j ∈ {1, …, 1000} (false at k = 17, j = 23)."""
    return Inequality(sp.Abs(k - 17) + sp.Abs(j - 23), ">", 0, where={k: Integer(1, 1000), j: Integer(1, 1000)})


@claim()
def hessian_of_y_exp_x() -> Derivative:
    """∇²(y eˣ) = [[y eˣ, eˣ], [eˣ, 0]].

    Proof: ∂ₓ(y eˣ) = y eˣ, ∂ᵧ(y eˣ) = eˣ; then ∂ₓ∂ₓ = y eˣ, ∂ₓ∂ᵧ = ∂ᵧ∂ₓ = eˣ, ∂ᵧ∂ᵧ = 0.
    """
    h = sp.Matrix([[y * sp.exp(x), sp.exp(x)], [sp.exp(x), 0]])
    return Derivative(y * sp.exp(x), wrt=sp.Matrix([x, y]), equals=h, order=2, where={x: Real(), y: Real()})


@claim()
def product_below_mean_square_plus_exp() -> Inequality:
    """xy ≤ (x² + y²)/2 + eˣ on [−1, 1]².

    Proof: (x² + y²)/2 − xy = (x − y)²/2 ≥ 0, and eˣ > 0.
    """
    return Inequality(x * y, "<=", (x**2 + y**2) / 2 + sp.exp(x), where={x: Interval(-1, 1), y: Interval(-1, 1)})


@claim()
def exp_above_its_tangent_in_two() -> Inequality:
    """e^{xy} ≥ 1 + xy on [−1, 1]².

    Proof: eᵗ ≥ 1 + t for every real t (convexity of exp), with t = xy; equal on the axes.
    """
    return Inequality(sp.exp(x * y), ">=", 1 + x * y, where={x: Interval(-1, 1), y: Interval(-1, 1)})


@claim()
def open_corner_product() -> Inequality:
    """xy > 0 on (0, 1]².

    Proof: both factors are positive on (0, 1]; 0 is not in the domain.
    """
    box = {x: Interval(0, 1, open_lo=True), y: Interval(0, 1, open_lo=True)}
    return Inequality(x * y, ">", 0, where=box)


@claim()
def integers_past_the_root() -> Inequality:
    """(k − 3)² + (y − 1/7)² > 0 for k ∈ {4, …, 10⁶}, y ∈ [0, 1].

    Proof: k ≥ 4, so (k − 3)² ≥ 1 > 0.
    """
    return Inequality(
        (k - 3) ** 2 + (y - sp.Rational(1, 7)) ** 2, ">", 0, where={k: Integer(4, 10**6), y: Interval(0, 1)}
    )


@claim()
def square_root_times_bound() -> Inequality:
    """√x·y ≤ √x on [0, 1]².

    Proof: √x − √x·y = √x(1 − y) ≥ 0, since √x ≥ 0 and y ≤ 1.
    """
    return Inequality(sp.sqrt(x) * y, "<=", sp.sqrt(x), where={x: Interval(0, 1), y: Interval(0, 1)})


TRUTH = {
    "hessian_wrong_below_the_diagonal": ("false", 3, {"x": 0, "y": 0}),
    "cosines_below_two_by_a_hair": ("false", 3, {"x": 0, "y": 0}),
    "one_integer_in_a_million": ("false", 3, {"k": 123457, "y": sp.Rational(1, 7)}),
    "three_squares_are_positive": ("false", 3, {"x": third, "y": sp.Rational(2, 7), "z": sp.Rational(1, 5)}),
    "narrow_bump_stays_low": ("false", 3, {"x": third, "y": 0}),
    "bump_is_zero": ("false", 3, {"x": third, "y": 0}),
    "one_integer_pair_in_a_million": ("false", 3, {"k": 17, "j": 23}),
    "hessian_of_y_exp_x": ("true", 3, None),
    "product_below_mean_square_plus_exp": ("true", 3, None),
    "exp_above_its_tangent_in_two": ("true", 3, None),
    "open_corner_product": ("true", 3, None),
    "integers_past_the_root": ("true", 3, None),
    "square_root_times_bound": ("true", 3, None),
}
