"""Red team of the rules added for the cost of running (issue 25) and the LaTeX work (issue 30):
inverses lowered as adj(M)/det(M) with det tested at one fixed rational point (3/7 for one symbol,
so a determinant vanishing exactly there takes sympy's own path), the mpmath evaluator's plan with
lazy Piecewise branches, the definedness probe that stops where both sides are real, and exact
refutation on a discrete domain.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Integer, Invertible, Real, claim

x = sp.Symbol("x")
A = sp.MatrixSymbol("A", 2, 2)
R = sp.Rational(3, 7)  # the rational point lowering tries first for a lone symbol
SHIFTED = sp.ImmutableMatrix([[x - R, 0], [0, 1]])  # singular exactly at that point, nowhere else


@claim()
def inverse_times_matrix_is_identity() -> Identity:
    """A⁻¹A = I for an invertible 2×2 A.

    Proof: the definition of the inverse.
    """
    return Identity(A.I * A, sp.Identity(2), where={A: Invertible()})


@claim(expect="refuted")
def inverse_as_transpose_over_det() -> Identity:
    """A⁻¹ = Aᵀ/det A, false: at A = [[1, 2], [3, 4]], A⁻¹₁₂ = 1 but (Aᵀ/det A)₁₂ = 3/(−2)."""
    return Identity(A.I, A.T / sp.det(A), where={A: Invertible()})


@claim()
def inverse_singular_at_the_test_point() -> Identity:
    """M⁻¹M = I for M = diag(x − 3/7, 1), as sympy builds it: `Inverse(M) * M` with an explicit M is
    evaluated by sympy's `*` before any claim exists, so the claim received is I = I, true. Written
    so that sympy keeps it (MatMul(Inverse(M), M)), it is partial and REFUTED at x = 3/7
    (probe_edges_inverses.diagonal_singular_at_a_half); docs/explanation/known-limits.md.
    """
    return Identity(sp.Inverse(SHIFTED) * SHIFTED, sp.eye(2), where={x: Real()})


@claim(expect="refuted")
def inverse_singular_at_the_test_point_wrong() -> Identity:
    """M⁻¹ = diag(1/(x − 3/7), 2), false: the second entry is 1, at every x (x = 1)."""
    return Identity(sp.Inverse(SHIFTED), sp.ImmutableMatrix([[1 / (x - R), 0], [0, 2]]), where={x: Real()})


@claim()
def piecewise_guarded_reciprocal() -> Identity:
    """x·(1/x if x > 0 else 0) = (1 if x > 0 else 0).

    Proof: case by case, x·(1/x) = 1 for x > 0 and x·0 = 0 otherwise.
    """
    lhs = x * sp.Piecewise((1 / x, x > 0), (0, True))
    return Identity(lhs, sp.Piecewise((1, x > 0), (0, True)), where={x: Real()})


@claim(expect="refuted")
def piecewise_guarded_reciprocal_is_one() -> Identity:
    """x·(1/x if x > 0 else 0) = 1, false for x ≤ 0 (x = −1: 0 against 1)."""
    return Identity(x * sp.Piecewise((1 / x, x > 0), (0, True)), sp.Integer(1), where={x: Real()})


@claim()
def softplus_difference_overflows_in_floats() -> Identity:
    """log(1 + eˣ) − log(1 + e⁻ˣ) = x; both sides are real everywhere, floats overflow for large |x|.

    Proof: 1 + eˣ = eˣ(1 + e⁻ˣ), so the left side is log eˣ = x.
    """
    return Identity(sp.log(1 + sp.exp(x)) - sp.log(1 + sp.exp(-x)), x, where={x: Real()})


@claim(expect="refuted")
def softplus_difference_off_by_a_bump() -> Identity:
    """log(1 + eˣ) − log(1 + e⁻ˣ) = x + e^{−x²}, false: at x = 0, 0 against 1."""
    return Identity(sp.log(1 + sp.exp(x)) - sp.log(1 + sp.exp(-x)), x + sp.exp(-(x**2)), where={x: Real()})


@claim()
def idempotent_on_zero_and_one() -> Identity:
    """y² = y for y ∈ {0, 1} (the points between are not in the domain).

    Proof: 0² = 0 and 1² = 1.
    """
    y = sp.Symbol("y")
    return Identity(y**2, y, where={y: Integer(0, 1)})


TRUTH = {
    "inverse_times_matrix_is_identity": ("true", 3, None),
    "inverse_as_transpose_over_det": ("false", 3, {"A": [[1, 2], [3, 4]]}),
    "inverse_singular_at_the_test_point": ("true", 3, None),  # as sympy builds it: I = I (see its docstring)
    "inverse_singular_at_the_test_point_wrong": ("false", 3, {"x": 1}),
    "piecewise_guarded_reciprocal": ("true", 2, None),
    "piecewise_guarded_reciprocal_is_one": ("false", 2, {"x": -1}),
    "softplus_difference_overflows_in_floats": ("true", 5, None),
    "softplus_difference_off_by_a_bump": ("false", 5, {"x": 0}),
    "idempotent_on_zero_and_one": ("true", 3, None),
}
