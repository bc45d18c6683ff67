"""Issue 37, class 2: inverses whose side condition is never asked (singular and rank-deficient matrices).

(XXᵀ)⁻¹(XXᵀ)y = y for a tall X, X(XᵀX)⁻¹(XᵀX) = X for a wide X, and (A − Aᵀ)⁻¹(A − Aᵀ)x = x at
odd n cancel M⁻¹M to I although M is singular at every point of the domain: rank XXᵀ ≤ n < n + 1,
and a skew-symmetric matrix of odd size has det = det(−Mᵀ) = (−1)ⁿ det M = −det M, so det M = 0.
Those claims are undefined everywhere ("partial": never PROVED or CHECKED). Beside them, true
claims at the edge: the same cancellations where the matrix is invertible (a tall X of full column
rank, a shifted skew matrix, a ridge term), and false ones with a witness where everything is defined.

Class numbers are issue 37's. TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import General, Identity, Inequality, Interval, Invertible, Real, claim
from verifier.language.domains import FullColumnRank
from verifier.language.mathlib import matrix, vector

x = sp.Symbol("x")


def _ms(name: str, rows: object, cols: object) -> sp.MatrixSymbol:
    return sp.MatrixSymbol(name, rows, cols)


# ----------------------------------------------------------------------------- undefined everywhere


@claim(n=[2])
def outer_gram_of_tall_cancels(n: int) -> Identity:
    """(XXᵀ)⁻¹(XXᵀ)y = y for X of size (n + 1)×n: undefined everywhere (rank XXᵀ ≤ n < n + 1)."""
    X, y = _ms("X", n + 1, n), _ms("y", n + 1, 1)
    return Identity((X * X.T).I * (X * X.T) * y, y, where={X: General(), y: General()})


@claim(n=[2])
def inner_gram_of_wide_cancels(n: int) -> Identity:
    """X(XᵀX)⁻¹(XᵀX) = X for X of size n×(n + 1): undefined everywhere (rank XᵀX ≤ n < n + 1)."""
    X = _ms("X", n, n + 1)
    return Identity(X * (X.T * X).I * (X.T * X), X, where={X: General()})


@claim(n=[3])
def skew_part_cancels_at_three(n: int) -> Identity:
    """(A − Aᵀ)⁻¹(A − Aᵀ)x = x at n = 3: undefined everywhere (a skew matrix of odd size is singular)."""
    A, v = _ms("A", n, n), _ms("v", n, 1)
    return Identity((A - A.T).I * (A - A.T) * v, v, where={A: General(), v: General()})


@claim(n=[1])
def skew_part_cancels_at_one(n: int) -> Identity:
    """(A − Aᵀ)⁻¹(A − Aᵀ)x = x at n = 1: undefined everywhere (A − Aᵀ = 0)."""
    A, v = _ms("A", n, n), _ms("v", n, 1)
    return Identity((A - A.T).I * (A - A.T) * v, v, where={A: General(), v: General()})


@claim(n=[2])
def rank_one_outer_cancels(n: int) -> Identity:
    """(uuᵀ)⁻¹(uuᵀ) = I at n = 2: undefined everywhere (rank uuᵀ ≤ 1)."""
    u = _ms("u", n, 1)
    return Identity((u * u.T).I * (u * u.T), sp.Identity(n), where={u: General()})


@claim(n=[3])
def rank_two_skew_outer_cancels(n: int) -> Identity:
    """(uvᵀ − vuᵀ)⁻¹(uvᵀ − vuᵀ) = I at n = 3: undefined everywhere (skew of odd size, and rank ≤ 2)."""
    u, v = _ms("u", n, 1), _ms("v", n, 1)
    M = u * v.T - v * u.T
    return Identity(M.I * M, sp.Identity(n), where={u: General(), v: General()})


@claim()
def root_of_square_singular_cancels() -> Identity:
    """M⁻¹M = I for M = [[√(x²), 1], [|x|, 1]]: undefined everywhere on ℝ (det M = √(x²) − |x| = 0)."""
    M = sp.ImmutableMatrix([[sp.sqrt(x**2), 1], [sp.Abs(x), 1]])
    return Identity(sp.MatMul(sp.Inverse(M), M), sp.eye(2), where={x: Real()})


@claim()
def hyperbolic_rotation_inverse() -> Identity:
    """[[cosh x, sinh x], [sinh x, cosh x]]⁻¹ = [[cosh x, −sinh x], [−sinh x, cosh x]].

    Proof: the product is [[cosh² − sinh², 0], [0, cosh² − sinh²]] = I.
    """
    M = sp.ImmutableMatrix([[sp.cosh(x), sp.sinh(x)], [sp.sinh(x), sp.cosh(x)]])
    R = sp.ImmutableMatrix([[sp.cosh(x), -sp.sinh(x)], [-sp.sinh(x), sp.cosh(x)]])
    return Identity(sp.Inverse(M), R, where={x: Real()})


@claim()
def hyperbolic_rotation_inverse_unsigned() -> Identity:
    """[[cosh x, sinh x], [sinh x, cosh x]]⁻¹ = the same matrix (false at x = 1: the off-diagonal sign)."""
    M = sp.ImmutableMatrix([[sp.cosh(x), sp.sinh(x)], [sp.sinh(x), sp.cosh(x)]])
    return Identity(sp.Inverse(M), M, where={x: Real()})


@claim()
def diagonal_singular_at_a_half() -> Identity:
    """M⁻¹M = I for M = diag(x − ½, 1) on ℝ, written unevaluated: undefined at x = ½ (the right side is I).

    (sp.Inverse(M) * M would be cancelled to I by sympy itself before any claim is built.)
    """
    M = sp.ImmutableMatrix([[x - sp.Rational(1, 2), 0], [0, 1]])
    return Identity(sp.MatMul(sp.Inverse(M), M), sp.eye(2), where={x: Real()})


@claim()
def diagonal_singular_at_a_half_avoided() -> Identity:
    """M⁻¹M = I for M = diag(x − ½, 1) on [1, 2], written unevaluated.

    Proof: det M = x − ½ ≥ ½ on [1, 2], so M is invertible there.
    """
    M = sp.ImmutableMatrix([[x - sp.Rational(1, 2), 0], [0, 1]])
    return Identity(sp.MatMul(sp.Inverse(M), M), sp.eye(2), where={x: Interval(1, 2)})


@claim()
def symmetric_pair_singular_at_plus_minus_one() -> Identity:
    """M⁻¹M = I for M = [[x, 1], [1, x]] on ℝ, written unevaluated: undefined at x = ±1 (det M = x² − 1)."""
    M = sp.ImmutableMatrix([[x, 1], [1, x]])
    return Identity(sp.MatMul(sp.Inverse(M), M), sp.eye(2), where={x: Real()})


@claim()
def symmetric_pair_inverse_away_from_one() -> Identity:
    """[[x, 1], [1, x]]⁻¹ = [[x, −1], [−1, x]]/(x² − 1) on [2, 3].

    Proof: the 2×2 adjugate over the determinant x² − 1 ≥ 3.
    """
    M = sp.ImmutableMatrix([[x, 1], [1, x]])
    R = sp.ImmutableMatrix([[x, -1], [-1, x]]) / (x**2 - 1)
    return Identity(sp.Inverse(M), R, where={x: Interval(2, 3)})


# ----------------------------------------------------------------------------- true at the edge


@claim(n=[2])
def inner_gram_of_tall_cancels(n: int) -> Identity:
    """(XᵀX)⁻¹(XᵀX) = I for X of size (n + 1)×n with full column rank.

    Proof: XᵀX is invertible when X has independent columns; then M⁻¹M = I.
    """
    X = _ms("X", n + 1, n)
    return Identity((X.T * X).I * (X.T * X), sp.Identity(n), where={X: FullColumnRank()})


@claim(n=[2])
def hat_matrix_fixes_the_columns(n: int) -> Identity:
    """X(XᵀX)⁻¹XᵀX = X for X tall of full column rank.

    Proof: (XᵀX)⁻¹(XᵀX) = I.
    """
    X = _ms("X", n + 1, n)
    return Identity(X * (X.T * X).I * X.T * X, X, where={X: FullColumnRank()})


@claim(n=[2])
def trace_of_tall_hat_matrix(n: int) -> Identity:
    """tr(X(XᵀX)⁻¹Xᵀ) = n for X of size (n + 1)×n with full column rank.

    Proof: tr(X(XᵀX)⁻¹Xᵀ) = tr((XᵀX)⁻¹XᵀX) = tr Iₙ = n.
    """
    X = _ms("X", n + 1, n)
    return Identity(sp.Trace(X * (X.T * X).I * X.T), sp.Integer(n), where={X: FullColumnRank()})


@claim(n=[2])
def trace_of_tall_hat_matrix_is_rows(n: int) -> Identity:
    """tr(X(XᵀX)⁻¹Xᵀ) = n + 1 for X tall of full column rank (false at X = [[1, 0], [0, 1], [0, 0]]: it is 2)."""
    X = _ms("X", n + 1, n)
    return Identity(sp.Trace(X * (X.T * X).I * X.T), sp.Integer(n + 1), where={X: FullColumnRank()})


@claim(n=[2])
def skew_part_cancels_at_two(n: int) -> Identity:
    """(A − Aᵀ)⁻¹(A − Aᵀ)v = v at n = 2: undefined where A₁₂ = A₂₁ (det(A − Aᵀ) = (A₁₂ − A₂₁)², e.g. at A = 0).

    The suite's rule: a claim undefined on part of its declared domain is partial, as (x² − 1)/(x − 1) = x + 1 on ℝ.
    """
    A, v = _ms("A", n, n), _ms("v", n, 1)
    return Identity((A - A.T).I * (A - A.T) * v, v, where={A: General(), v: General()})


@claim(n=[3])
def shifted_skew_cancels(n: int) -> Identity:
    """(I + A − Aᵀ)⁻¹(I + A − Aᵀ) = I at n = 3, everywhere.

    Proof: vᵀ(I + S)v = ‖v‖² for skew S, so I + S has no kernel and is invertible.
    """
    A = _ms("A", n, n)
    M = sp.Identity(n) + A - A.T
    return Identity(M.I * M, sp.Identity(n), where={A: General()})


@claim(n=[1])  # at n = 2 it ran past the 20 s limit after 99e21dc (it took 15 ms before)
def ridge_gram_of_wide_cancels(n: int) -> Identity:
    """(XᵀX + I)⁻¹(XᵀX + I)w = w for X of size n×(n + 1), everywhere.

    Proof: XᵀX + I ⪰ I is invertible.
    """
    X, w = _ms("X", n, n + 1), _ms("w", n + 1, 1)
    M = X.T * X + sp.Identity(n + 1)
    return Identity(M.I * M * w, w, where={X: General(), w: General()})


@claim(n=[2])
def push_through_identity(n: int) -> Identity:
    """X(XᵀX + I)⁻¹ = (XXᵀ + I)⁻¹X for X of size n×(n + 1).

    Proof: (XXᵀ + I)X = X(XᵀX + I); multiply by the two inverses (both exist: ⪰ I).
    """
    X = _ms("X", n, n + 1)
    return Identity(X * (X.T * X + sp.Identity(n + 1)).I, (X * X.T + sp.Identity(n)).I * X, where={X: General()})


@claim(n=[2])
def push_through_with_the_wrong_shift(n: int) -> Identity:
    """X(XᵀX + I)⁻¹ = (XXᵀ + 2I)⁻¹X for X n×(n + 1) (false at X = [[1, 0, 0], [0, 0, 0]]: ½ against ⅓)."""
    X = _ms("X", n, n + 1)
    return Identity(X * (X.T * X + sp.Identity(n + 1)).I, (X * X.T + 2 * sp.Identity(n)).I * X, where={X: General()})


@claim(n=[2])
def sherman_morrison_plus(n: int) -> Identity:
    """(I + uuᵀ)⁻¹ = I − uuᵀ/(1 + uᵀu).

    Proof: (I + uuᵀ)(I − uuᵀ/(1 + uᵀu)) = I + uuᵀ − uuᵀ(1 + uᵀu)/(1 + uᵀu) = I.
    """
    u = vector("u", n)
    s = (u.T * u)[0, 0]
    return Identity(sp.Inverse(sp.eye(n) + u * u.T), sp.eye(n) - u * u.T / (1 + s), where={u: Real()})


@claim(n=[2])
def sherman_morrison_sign_slip(n: int) -> Identity:
    """(I + uuᵀ)⁻¹ = I + uuᵀ/(1 + uᵀu) (false at u = (1, 0): ½ against 3/2)."""
    u = vector("u", n)
    s = (u.T * u)[0, 0]
    return Identity(sp.Inverse(sp.eye(n) + u * u.T), sp.eye(n) + u * u.T / (1 + s), where={u: Real()})


@claim(n=[2])
def sherman_morrison_minus_inside_the_ball(n: int) -> Identity:
    """(I − uuᵀ)⁻¹ = I + uuᵀ/(1 − uᵀu) for uᵢ ∈ [−½, ½] (uᵀu ≤ ½ < 1: defined on the whole box).

    Proof: (I − uuᵀ)(I + uuᵀ/(1 − s)) = I − uuᵀ + uuᵀ(1 − s)/(1 − s) = I, s = uᵀu.
    """
    u = vector("u", n)
    s = (u.T * u)[0, 0]
    half = sp.Rational(1, 2)
    return Identity(sp.Inverse(sp.eye(n) - u * u.T), sp.eye(n) + u * u.T / (1 - s), where={u: Interval(-half, half)})


@claim(n=[2])
def inverse_of_product_not_reversed(n: int) -> Identity:
    """(AB)⁻¹ = A⁻¹B⁻¹ (false at A = [[1, 1], [0, 1]], B = [[1, 0], [1, 1]])."""
    A, B = _ms("A", n, n), _ms("B", n, n)
    return Identity((A * B).I, A.I * B.I, where={A: Invertible(), B: Invertible()})


@claim(n=[2])
def inverse_of_product_reversed(n: int) -> Identity:
    """(AB)⁻¹ = B⁻¹A⁻¹ for invertible A, B.

    Proof: (AB)(B⁻¹A⁻¹) = I.
    """
    A, B = _ms("A", n, n), _ms("B", n, n)
    return Identity((A * B).I, B.I * A.I, where={A: Invertible(), B: Invertible()})


@claim(n=[2])
def inverse_of_transpose(n: int) -> Identity:
    """(Aᵀ)⁻¹ = (A⁻¹)ᵀ for invertible A.

    Proof: Aᵀ(A⁻¹)ᵀ = (A⁻¹A)ᵀ = I.
    """
    A = _ms("A", n, n)
    return Identity(A.T.I, A.I.T, where={A: Invertible()})


@claim(n=[3])
def det_of_odd_skew_is_zero(n: int) -> Identity:
    """det(A − Aᵀ) = 0 at n = 3.

    Proof: det S = det(Sᵀ) = det(−S) = (−1)³ det S for S = A − Aᵀ.
    """
    A = matrix("A", n)
    return Identity((A - A.T).det(), sp.Integer(0), where={A: Real()})


@claim(n=[3])
def det_of_odd_skew_is_positive(n: int) -> Inequality:
    """det(A − Aᵀ) > 0 at n = 3 (false everywhere, e.g. at A = 0: det = 0)."""
    A = matrix("A", n)
    return Inequality((A - A.T).det(), ">", sp.Integer(0), where={A: Real()})


@claim(n=[2])
def det_of_even_skew_is_nonnegative(n: int) -> Inequality:
    """det(A − Aᵀ) ≥ 0 at n = 2.

    Proof: det [[0, a], [−a, 0]] = a² with a = A₁₂ − A₂₁.
    """
    A = matrix("A", n)
    return Inequality((A - A.T).det(), ">=", sp.Integer(0), where={A: Real()})


@claim(n=[2])
def gram_det_of_wide_is_positive(n: int) -> Inequality:
    """det(XᵀX) > 0 for X of size 2×3 (false everywhere: XᵀX is 3×3 of rank ≤ 2, at X = 0 it is 0)."""
    X = matrix("X", n, n + 1)
    return Inequality((X.T * X).det(), ">", sp.Integer(0), where={X: Real()})


@claim(n=[2])
def gram_det_of_wide_is_zero(n: int) -> Identity:
    """det(XᵀX) = 0 for X of size 2×3.

    Proof: XᵀX is 3×3 of rank ≤ 2 (Cauchy–Binet: a sum over 3-subsets of 2 rows, empty).
    """
    X = matrix("X", n, n + 1)
    return Identity((X.T * X).det(), sp.Integer(0), where={X: Real()})


TRUTH = {
    "outer_gram_of_tall_cancels": ("partial", 2, None),
    "inner_gram_of_wide_cancels": ("partial", 2, None),
    "skew_part_cancels_at_three": ("partial", 2, None),
    "skew_part_cancels_at_one": ("partial", 2, None),
    "rank_one_outer_cancels": ("partial", 2, None),
    "rank_two_skew_outer_cancels": ("partial", 2, None),
    "root_of_square_singular_cancels": ("partial", 2, None),
    "diagonal_singular_at_a_half": ("partial", 2, None),
    "diagonal_singular_at_a_half_avoided": ("true", 2, None),
    "symmetric_pair_singular_at_plus_minus_one": ("partial", 2, None),
    "symmetric_pair_inverse_away_from_one": ("true", 2, None),
    "hyperbolic_rotation_inverse": ("true", 2, None),
    "hyperbolic_rotation_inverse_unsigned": ("false", 2, {"x": 1}),
    "inner_gram_of_tall_cancels": ("true", 2, None),
    "hat_matrix_fixes_the_columns": ("true", 2, None),
    "trace_of_tall_hat_matrix": ("true", 2, None),
    "trace_of_tall_hat_matrix_is_rows": ("false", 2, {"X": [[1, 0], [0, 1], [0, 0]]}),
    "skew_part_cancels_at_two": ("partial", 2, None),
    "shifted_skew_cancels": ("true", 2, None),
    "ridge_gram_of_wide_cancels": ("true", 2, None),
    "push_through_identity": ("true", 2, None),
    "push_through_with_the_wrong_shift": ("false", 2, {"X": [[1, 0, 0], [0, 0, 0]]}),
    "sherman_morrison_plus": ("true", 2, None),
    "sherman_morrison_sign_slip": ("false", 2, {"u": [[1], [0]]}),
    "sherman_morrison_minus_inside_the_ball": ("true", 2, None),
    "inverse_of_product_not_reversed": ("false", 2, {"A": [[1, 1], [0, 1]], "B": [[1, 0], [1, 1]]}),
    "inverse_of_product_reversed": ("true", 2, None),
    "inverse_of_transpose": ("true", 2, None),
    "det_of_odd_skew_is_zero": ("true", 2, None),
    "det_of_odd_skew_is_positive": ("false", 2, {"A": [[0, 0, 0], [0, 0, 0], [0, 0, 0]]}),
    "det_of_even_skew_is_nonnegative": ("true", 2, None),
    "gram_det_of_wide_is_positive": ("false", 2, {"X": [[0, 0, 0], [0, 0, 0]]}),
    "gram_det_of_wide_is_zero": ("true", 2, None),
}

# Wrong verdicts today. The six cancellations undefined everywhere (outer_gram_of_tall_cancels, …,
# rank_two_skew_outer_cancels) were PROVED when this file was written and are an ERROR since 99e21dc.
KNOWN_WRONG: set[str] = set()  # every wrong verdict found here is fixed
