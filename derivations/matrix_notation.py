"""Matrix calculus in matrix notation: the Cookbook rules and least squares, written as on paper.

The claims here use sympy's matrix expressions (MatrixSymbol, X⁻¹, Xᵀ, det, tr) instead of
explicit matrices of entries, so they read like a textbook. The verifier makes each
matrix symbol explicit at every n of the claim's range and differentiates entry by entry:
it never uses sympy's own matrix calculus, which is wrong for some of these rules.

Determinant and trace rules. Expanding det X along a row shows ∂ det X/∂Xᵢⱼ is the
cofactor Cᵢⱼ, and the cofactor matrix is det(X)·X⁻ᵀ; so ∂ det X/∂X = det(X)·X⁻ᵀ and, for
the log of |det X| (written ½·log((det X)²), which is analytic), ∂/∂X = X⁻ᵀ. Since
tr(AX) = Σᵢⱼ AᵢⱼXⱼᵢ, ∂ tr(AX)/∂X = Aᵀ, and column by column the quadratic-form rule gives
∂ tr(XᵀAX)/∂X = (A + Aᵀ)X.

Least squares. For X ∈ ℝ^{(n+1)×n} and y ∈ ℝ^{n+1}, the residual sum of squares
RSS(w) = ½(Xw − y)ᵀ(Xw − y) has gradient Xᵀ(Xw − y) and Hessian XᵀX. Setting the gradient
to zero gives the normal equations XᵀXw = Xᵀy, so when XᵀX is invertible the minimiser
is w* = (XᵀX)⁻¹Xᵀy, and the gradient vanishes there.

sympy's matrix calculus, kept as a guard. sympy 1.14 differentiates log det X with
respect to a MatrixSymbol to 0. The claim that its answer equals X⁻ᵀ is expected to be
REFUTED; if a sympy release fixes the rule, the claim stops being REFUTED and the run
says so. Also kept as a wrong version: ∂ det X/∂X = det(X)·X⁻¹, without the transpose
(true at n = 1, so stated from n = 2).

Source: K. B. Petersen and M. S. Pedersen, *The Matrix Cookbook* (version of
15 November 2012), §2.1.1 (derivatives of a determinant), §2.5 (derivatives of traces);
T. Hastie, R. Tibshirani and J. Friedman, *The Elements of Statistical Learning*, 2nd
ed. (2009), §3.2, eqs. (3.3)–(3.6).
"""

from __future__ import annotations

import sympy as sp

from verifier import SPD, Derivative, Identity, Invertible, Real, claim
from verifier.language.domains import FullColumnRank


def square(name: str, n: int) -> sp.MatrixSymbol:
    return sp.MatrixSymbol(name, n, n)


def half_log_det_squared(X: sp.MatrixSymbol) -> sp.Expr:
    """log|det X| as ½·log((det X)²): equal for real invertible X, and analytic."""
    return sp.log(sp.det(X) ** 2) / 2


@claim(n=range(1, 5))
def det_gradient(n: int) -> Derivative:
    """∂ det X/∂X = det(X)·X⁻ᵀ."""
    X = square("X", n)
    return Derivative(sp.det(X), wrt=X, equals=sp.det(X) * X.inv().T, where={X: Invertible()})


@claim(n=range(1, 5))
def log_abs_det_gradient(n: int) -> Derivative:
    """∂ log|det X|/∂X = X⁻ᵀ."""
    X = square("X", n)
    return Derivative(half_log_det_squared(X), wrt=X, equals=X.inv().T, where={X: Invertible()})


@claim(n=range(1, 7))
def trace_product_gradient(n: int) -> Derivative:
    """∂ tr(AX)/∂X = Aᵀ."""
    A, X = square("A", n), square("X", n)
    return Derivative(sp.trace(A * X), wrt=X, equals=A.T, where={A: Real(), X: Real()})


@claim(n=range(1, 6))
def trace_quadratic_gradient(n: int) -> Derivative:
    """∂ tr(XᵀAX)/∂X = (A + Aᵀ)X."""
    A, X = square("A", n), square("X", n)
    return Derivative(sp.trace(X.T * A * X), wrt=X, equals=(A + A.T) * X, where={A: Real(), X: Real()})


def least_squares(n: int) -> tuple[sp.MatrixSymbol, sp.MatrixSymbol, sp.MatrixSymbol, sp.Expr]:
    """X ∈ ℝ^{(n+1)×n}, y ∈ ℝ^{n+1}, w ∈ ℝ^n and RSS(w) = ½(Xw − y)ᵀ(Xw − y)."""
    X, y, w = sp.MatrixSymbol("X", n + 1, n), sp.MatrixSymbol("y", n + 1, 1), sp.MatrixSymbol("w", n, 1)
    residual = X * w - y
    return X, y, w, (residual.T * residual)[0, 0] / 2


@claim(n=range(1, 7))
def least_squares_gradient(n: int) -> Derivative:
    """∇ ½‖Xw − y‖² = Xᵀ(Xw − y)."""
    X, y, w, rss = least_squares(n)
    return Derivative(rss, wrt=w, equals=X.T * (X * w - y), where={X: Real(), y: Real(), w: Real()})


@claim(n=range(1, 7))
def least_squares_hessian(n: int) -> Derivative:
    """∇² ½‖Xw − y‖² = XᵀX."""
    X, y, w, rss = least_squares(n)
    return Derivative(rss, wrt=w, equals=X.T * X, order=2, where={X: Real(), y: Real(), w: Real()})


@claim(n=range(1, 3), numeric_n=(3,))
def normal_equations(n: int) -> Identity:
    """At w* = (XᵀX)⁻¹Xᵀy the gradient Xᵀ(Xw* − y) vanishes.

    w* needs XᵀX invertible, X of full column rank; at X = 0 it is undefined."""
    X, y, _, _ = least_squares(n)
    w_star = (X.T * X).inv() * X.T * y
    return Identity(X.T * (X * w_star - y), sp.ZeroMatrix(n, 1), where={X: FullColumnRank(), y: Real()})


@claim(
    n=range(1, 4),
    expect="refuted",
    notes="sympy 1.14's sp.diff returns 0 here. If this claim stops being REFUTED, sympy fixed the rule.",
)
def sympy_log_det_derivative(n: int) -> Identity:
    """sympy's own ∂ log det X/∂X (sp.diff on a MatrixSymbol) equals X⁻ᵀ."""
    X = square("X", n)
    return Identity(sp.diff(sp.log(sp.det(X)), X), X.inv().T, where={X: SPD()})


@claim(n=range(2, 5), expect="refuted")
def det_gradient_without_transpose(n: int) -> Derivative:
    """Wrong: ∂ det X/∂X = det(X)·X⁻¹."""
    X = square("X", n)
    return Derivative(sp.det(X), wrt=X, equals=sp.det(X) * X.inv(), where={X: Invertible()})
