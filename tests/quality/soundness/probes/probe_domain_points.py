"""Class 3: a counterexample must lie in the domain (PSD near singular, the simplex, interval ends).

Float samples that are "nearly" PSD or nearly on the simplex are not in the domain, and a true
claim can fail there (det A = −3·10⁻²² for a rounded singular PSD sample). The true probes here
are tight exactly on the boundary of their domain; a REFUTED verdict for them is the bug. The
false probes fail at an exact boundary point (a singular PSD matrix, a vertex of the simplex,
an interval end), given as a witness that the test checks exactly.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from verifier import PSD, SPD, Certificate, Inequality, Interval, Orthogonal, PSDMatrix, Real, Simplex, claim
from verifier.language.mathlib import identity, matrix, squared_norm, vector

x, y = sp.symbols("x y")
HALF = sp.Rational(1, 2)


@claim(n=[2])
def det_times_positive_factor_psd(n: int) -> Inequality:
    """det(A)·(2 + cos A₁₂) ≥ 0 for 2×2 PSD A.

    Proof: det A ≥ 0 for PSD A (product of eigenvalues ≥ 0) and 2 + cos ≥ 1.
    """
    A = matrix("A", n)
    return Inequality(A.det() * (2 + sp.cos(A[0, 1])), ">=", sp.Integer(0), where={A: PSDMatrix()})


@claim(n=[3])
def det_of_psd_3x3(n: int) -> Inequality:
    """det A ≥ 0 for 3×3 PSD A.

    Proof: det A is the product of the eigenvalues, all ≥ 0 (Horn & Johnson, Obs. 7.1.3).
    """
    A = matrix("A", n)
    return Inequality(A.det(), ">=", sp.Integer(0), where={A: PSDMatrix()})


@claim(n=[2, 3])
def principal_2x2_minor_psd(n: int) -> Inequality:
    """A₁₁A₂₂ ≥ A₁₂² for PSD A.

    Proof: the principal minor on {1, 2} of a PSD matrix is ≥ 0.
    """
    A = matrix("A", n)
    return Inequality(A[0, 0] * A[1, 1], ">=", A[0, 1] ** 2, where={A: PSDMatrix()})


@claim(n=[2, 3])
def trace_of_psd(n: int) -> Inequality:
    """tr A ≥ 0 for PSD A.

    Proof: the diagonal entries eᵢᵀAeᵢ are ≥ 0.
    """
    A = matrix("A", n)
    return Inequality(A.trace(), ">=", sp.Integer(0), where={A: PSDMatrix()})


@claim(n=[3])
def det_of_spd(n: int) -> Inequality:
    """det A > 0 for SPD A.

    Proof: a product of positive eigenvalues.
    """
    A = matrix("A", n)
    return Inequality(A.det(), ">", sp.Integer(0), where={A: SPD()})


@claim(n=[2, 3])
def psd_plus_identity_is_pd(n: int) -> PSD:
    """A + I ≻ 0 for PSD A.

    Proof: vᵀ(A + I)v ≥ ‖v‖² > 0 for v ≠ 0.
    """
    A = matrix("A", n)
    return PSD(A + identity(n), where={A: PSDMatrix()}, strict=True)


@claim(n=[2], expect="refuted")
def det_of_psd_is_positive(n: int) -> Inequality:
    """det A > 0 for 2×2 PSD A (false at the singular A = [[1, 1], [1, 1]])."""
    A = matrix("A", n)
    return Inequality(A.det(), ">", sp.Integer(0), where={A: PSDMatrix()})


@claim(n=[2], expect="refuted")
def psd_diagonal_is_positive(n: int) -> Inequality:
    """A₁₁ > 0 for PSD A (false at the zero matrix)."""
    A = matrix("A", n)
    return Inequality(A[0, 0], ">", sp.Integer(0), where={A: PSDMatrix()})


@claim(n=[2], expect="refuted")
def psd_is_positive_definite(n: int) -> PSD:
    """A ≻ 0 for PSD A (false at [[1, 1], [1, 1]])."""
    A = matrix("A", n)
    return PSD(A, where={A: PSDMatrix()}, strict=True)


@claim(n=[2], expect="refuted")
def spd_shifted_down_stays_psd(n: int) -> PSD:
    """A − I/1000 ⪰ 0 for SPD A (false at A = diag(1/10000, 1): SPD has no spectral floor)."""
    A = matrix("A", n)
    return PSD(A - identity(n) / 1000, where={A: SPD()})


@claim(n=[2], expect="refuted")
def orthogonal_has_positive_determinant(n: int) -> Inequality:
    """det Q > 0 for orthogonal Q (false at the reflection diag(1, −1))."""
    Q = matrix("Q", n)
    return Inequality(Q.det(), ">", sp.Integer(0), where={Q: Orthogonal()})


@claim(expect="refuted")
def rank_one_certificate_shifted() -> PSD:
    """[[x², xy], [xy, y² − 10⁻⁶]] ⪰ 0 by vᵀHv = (xv₁ + yv₂)² (false at x = y = 0)."""
    v = vector("v", 2)
    H = sp.ImmutableMatrix([[x**2, x * y], [x * y, y**2 - sp.Rational(1, 10**6)]])
    cert = Certificate(v, (sp.Integer(1),), (x * v[0] + y * v[1],))
    return PSD(H, where={x: Real(), y: Real()}, certificate=cert)


@claim()
def rank_one_certificate() -> PSD:
    """[[x², xy], [xy, y²]] ⪰ 0 by vᵀHv = (xv₁ + yv₂)².

    Proof: the certificate identity is exact and its weight is 1.
    """
    v = vector("v", 2)
    H = sp.ImmutableMatrix([[x**2, x * y], [x * y, y**2]])
    return PSD(H, where={x: Real(), y: Real()}, certificate=Certificate(v, (sp.Integer(1),), (x * v[0] + y * v[1],)))


# ----------------------------------------------------------------------------- the simplex


@claim(n=[3])
def simplex_squares_at_most_one(n: int) -> Inequality:
    """Σpᵢ² ≤ 1 on the simplex.

    Proof: 0 ≤ pᵢ ≤ 1 so pᵢ² ≤ pᵢ, and Σpᵢ = 1; equality at the vertices.
    """
    p = vector("p", n)
    return Inequality(squared_norm(p), "<=", sp.Integer(1), where={p: Simplex()})


@claim(n=[3])
def simplex_squares_at_least_one_over_n(n: int) -> Inequality:
    """Σpᵢ² ≥ 1/n on the simplex.

    Proof: Cauchy–Schwarz, (Σpᵢ)² ≤ nΣpᵢ²; equality at the barycentre.
    """
    p = vector("p", n)
    return Inequality(squared_norm(p), ">=", sp.Rational(1, n), where={p: Simplex()})


@claim(n=[3])
def simplex_max_at_least_one_over_n(n: int) -> Inequality:
    """max pᵢ ≥ 1/n on the simplex.

    Proof: if every pᵢ < 1/n then Σpᵢ < 1.
    """
    p = vector("p", n)
    return Inequality(sp.Max(*p), ">=", sp.Rational(1, n), where={p: Simplex()})


@claim(n=[3], expect="refuted")
def simplex_entry_below_one(n: int) -> Inequality:
    """p₁ < 1 on the simplex (false at the vertex e₁)."""
    p = vector("p", n)
    return Inequality(p[0], "<", sp.Integer(1), where={p: Simplex()})


@claim(n=[3], expect="refuted")
def simplex_bernoulli_variance_positive(n: int) -> Inequality:
    """p₁(1 − p₁) > 0 on the simplex (false at the vertex e₂)."""
    p = vector("p", n)
    return Inequality(p[0] * (1 - p[0]), ">", sp.Integer(0), where={p: Simplex()})


@claim(n=[3], expect="refuted")
def simplex_squares_below_one(n: int) -> Inequality:
    """Σpᵢ² < 1 on the simplex (false at the vertex e₃)."""
    p = vector("p", n)
    return Inequality(squared_norm(p), "<", sp.Integer(1), where={p: Simplex()})


# ----------------------------------------------------------------------------- interval ends


@claim(expect="refuted")
def logistic_variance_positive_on_closed_interval() -> Inequality:
    """x(1 − x) > 0 on [0, 1] (false at the endpoint 0)."""
    return Inequality(x * (1 - x), ">", sp.Integer(0), where={x: Interval(0, 1)})


@claim(expect="refuted")
def square_below_identity_on_closed_interval() -> Inequality:
    """x² < x on [0, 1] (false at the endpoint 1)."""
    return Inequality(x**2, "<", x, where={x: Interval(0, 1)})


@claim(expect="refuted")
def odds_below_one_at_closed_end() -> Inequality:
    """x/(1 − x) < 1 on [0, ½] (false at the endpoint ½)."""
    return Inequality(x / (1 - x), "<", sp.Integer(1), where={x: Interval(0, HALF)})


@claim()
def odds_below_one_on_half_open_interval() -> Inequality:
    """x/(1 − x) < 1 on [0, ½).

    Proof: for x < ½, x < 1 − x and 1 − x > 0.
    """
    return Inequality(x / (1 - x), "<", sp.Integer(1), where={x: Interval(0, HALF, open_hi=True)})


@claim()
def square_at_most_identity_on_closed_interval() -> Inequality:
    """x² ≤ x on [0, 1].

    Proof: x − x² = x(1 − x) ≥ 0 there, with equality at both ends.
    """
    return Inequality(x**2, "<=", x, where={x: Interval(0, 1)})


@claim()
def reciprocal_of_one_minus_on_half_open_interval() -> Inequality:
    """1/(1 − x) ≥ 1 on [0, 1).

    Proof: 0 < 1 − x ≤ 1.
    """
    return Inequality(1 / (1 - x), ">=", sp.Integer(1), where={x: Interval(0, 1, open_hi=True)})


Z2 = [[0, 0], [0, 0]]
J2 = [[1, 1], [1, 1]]


UP = Fraction(10**12 + 1, 10**12)  # the float nearest to it lies above it
UP_EXACT = sp.Rational(UP.numerator, UP.denominator)


@claim(expect="refuted")
def correlation_matrix_beyond_one_at_an_end_no_float_holds() -> PSD:
    """[[1, a], [a, 1]] ⪰ 0 for a in [−1, 1 + 10⁻¹²]: false at a = 1 + 10⁻¹², where 1 − a = −10⁻¹² < 0. The nearest
    float to that end lies outside the interval, so the samples drawn at the end were dropped and the claim was
    CHECKED (helper-80); the ends are now rounded inward."""
    a = sp.Symbol("a")
    return PSD(sp.Matrix([[1, a], [a, 1]]), where={a: Interval(-1, UP)})


NARROW = Interval(1 + Fraction(1, 10**30), 1 + Fraction(2, 10**30))  # holds no float: every sample is 1.0, outside


@claim(expect="refuted")
def step_on_an_interval_no_float_holds() -> Inequality:
    """(x if x > 1, else 0) ≤ 1 for x in [1 + 10⁻³⁰, 1 + 2·10⁻³⁰]: false everywhere there (x > 1), true at the float
    1.0 that every sample was. It was CHECKED on those samples (helper-83's interval, with a step)."""
    return Inequality(sp.Piecewise((x, x > 1), (0, True)), "<=", 1, where={x: NARROW})


@claim()
def bound_on_an_interval_no_float_holds() -> Inequality:
    """x ≥ 1 for x in [1 + 10⁻³⁰, 1 + 2·10⁻³⁰]: true, as every point exceeds 1 (its CHECKED rested on samples at the
    float 1.0, outside the domain; it is now UNKNOWN, "no evidence")."""
    return Inequality(x, ">=", 1, where={x: NARROW})


TRUTH = {
    "det_times_positive_factor_psd": ("true", 3, None),
    "det_of_psd_3x3": ("true", 3, None),
    "principal_2x2_minor_psd": ("true", 3, None),
    "trace_of_psd": ("true", 3, None),
    "det_of_spd": ("true", 3, None),
    "psd_plus_identity_is_pd": ("true", 3, None),
    "det_of_psd_is_positive": ("false", 3, {"A": J2}),
    "psd_diagonal_is_positive": ("false", 3, {"A": Z2}),
    "psd_is_positive_definite": ("false", 3, {"A": J2}),
    "spd_shifted_down_stays_psd": ("false", 3, {"A": [[sp.Rational(1, 10**4), 0], [0, 1]]}),
    "orthogonal_has_positive_determinant": ("false", 3, {"Q": [[1, 0], [0, -1]]}),
    "rank_one_certificate_shifted": ("false", 3, {"x": 0, "y": 0}),
    "rank_one_certificate": ("true", 3, None),
    "simplex_squares_at_most_one": ("true", 3, None),
    "simplex_squares_at_least_one_over_n": ("true", 3, None),
    "simplex_max_at_least_one_over_n": ("true", 3, None),
    "simplex_entry_below_one": ("false", 3, {"p": [1, 0, 0]}),
    "simplex_bernoulli_variance_positive": ("false", 3, {"p": [0, 1, 0]}),
    "simplex_squares_below_one": ("false", 3, {"p": [0, 0, 1]}),
    "logistic_variance_positive_on_closed_interval": ("false", 3, {"x": 0}),
    "square_below_identity_on_closed_interval": ("false", 3, {"x": 1}),
    "odds_below_one_at_closed_end": ("false", 3, {"x": HALF}),
    "odds_below_one_on_half_open_interval": ("true", 3, None),
    "square_at_most_identity_on_closed_interval": ("true", 3, None),
    "reciprocal_of_one_minus_on_half_open_interval": ("true", 3, None),
    "correlation_matrix_beyond_one_at_an_end_no_float_holds": (
        "false",
        3,
        {"a": sp.Rational(UP.numerator, UP.denominator)},
    ),
    "step_on_an_interval_no_float_holds": ("false", 3, {"x": sp.Rational(3, 2 * 10**30) + 1}),
    "bound_on_an_interval_no_float_holds": ("true", 3, None),
}
