"""Class 1: the Lipschitz pairs, Max and Min of crossing forms, and an indexed inverse (issue 42's later levers).

The kernel's Lipschitz rule now tries only the pairs (u, w) whose |u − w| is in the bound; the claim language
builds Max and Min of two forms whose difference takes both signs without comparing them
(verifier/language/extrema.py), and writes an inverse that a builder indexes as adj(M)/det(M)
(verifier/language/inverses.py). Each probe sits at an edge of those rules: a bound written |x′ − x|, a bound whose
factor is the zero polynomial written out, a bound in the parameters, Max of forms that cross and of forms that do
not, and the Cookbook's aᵀX⁻¹b with its transposes dropped. Every false probe has a witness whose gap is far above
a float's rounding.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Identity, Inequality, Invertible, Positive, Real, claim

x, xp, a, b, w, y = sp.symbols("x xp a b w y")
p = sp.Symbol("p")


@claim()
def lipschitz_bound_written_reversed() -> Inequality:
    """|sin(ax) − sin(ax′)| ≤ |a|·|x′ − x|.

    Proof: the mean value theorem, |d/dt sin(at)| = |a cos(at)| ≤ |a|, and |x′ − x| = |x − x′|.
    """
    return Inequality(
        sp.Abs(sp.sin(a * x) - sp.sin(a * xp)),
        "<=",
        sp.Abs(a) * sp.Abs(xp - x),
        where={x: Real(), xp: Real(), a: Real()},
    )


@claim()
def lipschitz_bound_that_is_zero_written_out() -> Inequality:
    """|sin x − sin x′| ≤ ((a + 1)² − a² − 2a − 1)·|x − x′| (false: the factor is 0, and sin 1 ≠ sin 0)."""
    zero = (a + 1) ** 2 - a**2 - 2 * a - 1
    return Inequality(
        sp.Abs(sp.sin(x) - sp.sin(xp)), "<=", zero * sp.Abs(x - xp), where={x: Real(), xp: Real(), a: Real()}
    )


@claim()
def lipschitz_in_the_parameter_without_x() -> Inequality:
    """|sin(ax) − sin(bx)| ≤ |a − b| (false: the constant in a is |x|; sin(3/2) > 1/2 at a = 1/2, b = 0, x = 3)."""
    return Inequality(
        sp.Abs(sp.sin(a * x) - sp.sin(b * x)), "<=", sp.Abs(a - b), where={x: Real(), a: Real(), b: Real()}
    )


@claim()
def relu_minus_relu_of_the_negation() -> Identity:
    """max(0, wx + b) − max(0, −wx − b) = wx + b.

    Proof: for t = wx + b, max(0, t) − max(0, −t) is t − 0 when t ≥ 0 and 0 − (−t) when t < 0.
    """
    t = w * x + b
    return Identity(sp.Max(0, t) - sp.Max(0, -t), t, where={w: Real(), x: Real(), b: Real()})


@claim()
def relu_pulls_out_a_signed_factor() -> Identity:
    """max(0, xy) = x·max(0, y) (false for x < 0: 0 against −1 at x = −1, y = 1)."""
    return Identity(sp.Max(0, x * y), x * sp.Max(0, y), where={x: Real(), y: Real()})


@claim()
def max_of_crossing_forms_is_the_first() -> Identity:
    """max(xw, y) = xw (false: 1 against 0 at x = w = 0, y = 1)."""
    return Identity(sp.Max(x * w, y), x * w, where={x: Real(), w: Real(), y: Real()})


@claim()
def relu_of_a_positive_symbol() -> Identity:
    """max(0, p) = p for p > 0 (p has a sign: sympy's own comparison decides it, not the short cut).

    Proof: p > 0.
    """
    return Identity(sp.Max(0, p), p, where={p: Positive()})


@claim()
def min_of_zero_and_a_square_plus_one() -> Identity:
    """min(0, w² + 1) = 0 (w to an even power only: not a form that takes both signs).

    Proof: w² + 1 ≥ 1 > 0.
    """
    return Identity(sp.Min(0, w**2 + 1), sp.Integer(0), where={w: Real()})


@claim(n=[2])
def inverse_bilinear_without_transposes(n: int) -> Derivative:
    """∂ aᵀX⁻¹b/∂X = −X⁻¹abᵀX⁻¹ (false: the Cookbook's is −X⁻ᵀabᵀX⁻ᵀ; they differ at a non-symmetric X)."""
    X, va, vb = sp.MatrixSymbol("X", n, n), sp.MatrixSymbol("a", n, 1), sp.MatrixSymbol("b", n, 1)
    claimed = -X.inv() * va * vb.T * X.inv()
    return Derivative(
        (va.T * X.inv() * vb)[0, 0], wrt=X, equals=claimed, where={X: Invertible(), va: Real(), vb: Real()}
    )


@claim(n=[2])
def inverse_entry_is_a_cofactor_over_the_determinant(n: int) -> Identity:
    """(X⁻¹)₁₁ = X₂₂/det X for an invertible 2 × 2 X.

    Proof: X⁻¹ = adj(X)/det X, and adj(X)₁₁ = X₂₂.
    """
    X = sp.MatrixSymbol("X", n, n)
    det = X[0, 0] * X[1, 1] - X[0, 1] * X[1, 0]
    return Identity(X.inv()[0, 0], X[1, 1] / det, where={X: Invertible()})


TRUTH = {
    "lipschitz_bound_written_reversed": ("true", 1, None),
    "lipschitz_bound_that_is_zero_written_out": ("false", 1, {"x": 1, "xp": 0, "a": 0}),
    "lipschitz_in_the_parameter_without_x": ("false", 1, {"x": 3, "a": sp.Rational(1, 2), "b": 0}),
    "relu_minus_relu_of_the_negation": ("true", 1, None),
    "relu_pulls_out_a_signed_factor": ("false", 1, {"x": -1, "y": 1}),
    "max_of_crossing_forms_is_the_first": ("false", 1, {"x": 0, "w": 0, "y": 1}),
    "relu_of_a_positive_symbol": ("true", 1, None),
    "min_of_zero_and_a_square_plus_one": ("true", 1, None),
    "inverse_bilinear_without_transposes": (
        "false",
        1,
        {"X": [[1, 1], [0, 1]], "a": [[1], [0]], "b": [[0], [1]]},
    ),
    "inverse_entry_is_a_cofactor_over_the_determinant": ("true", 1, None),
}
