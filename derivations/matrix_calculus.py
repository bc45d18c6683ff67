"""Matrix calculus: the derivative rules behind every gradient in machine learning.

Layout. A gradient has the shape of its variable, (∂f/∂X)ᵢⱼ = ∂f/∂Xᵢⱼ; a Jacobian has one
row per output, (∂y/∂x)ᵢⱼ = ∂yᵢ/∂xⱼ; a Hessian is the Jacobian of the gradient.

Linear and bilinear forms. Since aᵀx = Σ aᵢxᵢ, ∂(aᵀx)/∂x = a, and row i of Ax is linear in
x with coefficients Aᵢ₁…Aᵢₙ, so ∂(Ax)/∂x = A. If x = x(z) is itself a smooth function of
z, the chain rule gives ∂(Ax(z))/∂z = A·∂x/∂z. For the bilinear form yᵀAx = Σᵢⱼ yᵢAᵢⱼxⱼ,
∂/∂x = Aᵀy and ∂/∂y = Ax.

Quadratic forms. xᵀAx = Σᵢⱼ Aᵢⱼxᵢxⱼ, and xₖ appears in row k and in column k, so
∂(xᵀAx)/∂x = Ax + Aᵀx = (A + Aᵀ)x, with constant Hessian A + Aᵀ. Only for symmetric A
does this become the familiar 2Ax. Least squares is the case ‖Ax − b‖² =
xᵀ(AᵀA)x − 2bᵀAx + bᵀb: gradient 2Aᵀ(Ax − b), Hessian 2AᵀA, which is positive
semidefinite because vᵀ(2AᵀA)v = 2‖Av‖² = Σᵢ 2·((Av)ᵢ)². For two vector functions x(z)
and y(z), the product rule reads ∂(yᵀx)/∂z = (∂x/∂z)ᵀy + (∂y/∂z)ᵀx.

Inverse and determinant. Differentiating A(t)·A(t)⁻¹ = I gives
d(A⁻¹)/dt = −A⁻¹·(dA/dt)·A⁻¹. Expanding det X along row i, det X = Σⱼ Xᵢⱼ·Cᵢⱼ with
cofactors Cᵢⱼ that do not contain Xᵢⱼ, so ∂ det X/∂Xᵢⱼ = Cᵢⱼ; the cofactor matrix is
det(X)·X⁻ᵀ, which gives ∂ det X/∂X = det(X)·X⁻ᵀ and ∂ log|det X|/∂X = X⁻ᵀ. Here
log|det X| is written ½·log((det X)²), equal to it for every real invertible X; this
avoids |·|, keeps the expression analytic (the numeric side can use the complex step)
and lets the symbolic side cancel det X without reasoning about sign(det X).

Traces. tr(AX) = Σᵢⱼ AᵢⱼXⱼᵢ, so ∂ tr(AX)/∂X = Aᵀ, and ∂ tr(XᵀAX)/∂X = (A + Aᵀ)X by the
quadratic-form rule applied to each column of X. The trace pairs matrices like a dot
product: tr(AᵀB) = Σᵢⱼ AᵢⱼBᵢⱼ, so ‖A‖_F² = tr(AᵀA) and ‖A + X‖_F² = ‖A‖_F² + ‖X‖_F² +
2·tr(AᵀX); and tr(AB) = tr(BA) for any A ∈ ℝ^{m×n}, B ∈ ℝ^{n×m}. For a diagonalisable
A = V·diag(λ)·V⁻¹, tr(A) = Σλᵢ and det(A) = Πλᵢ.

Second derivatives. For a generic smooth f(u, v, w), the Jacobian of ∇f is the Hessian
[∂²f/∂pᵢ∂pⱼ], and it is symmetric (Schwarz's theorem).

Notation, and what is proved for all n. The linear, bilinear and quadratic forms, least
squares, the trace, Frobenius and determinant rules and two of the wrong versions are
written in matrix notation (sympy MatrixSymbols of size n, entrywise sums as sympy index
sums Σ), so the verifier builds each once at a symbolic n and proves it for every n
(both sides in canonical Einstein form), besides checking it at the explicit n listed.
The rest need explicit entries and are checked at those n only: the chain and product
rules and the Hessian claims (generic smooth functions of the entries), the derivative
of A(t)⁻¹ (a matrix of generic functions of t), the eigenvalue claims (diag(λ) and Πλᵢ,
with inverses by Cramer's rule, X⁻¹ = adj(X)/det X) and 2AᵀA ⪰ 0 (a sum-of-squares
certificate, not an identity).

Kept on purpose as wrong versions: ∂(xᵀAx)/∂x = 2Ax for a non-symmetric A,
∂ tr(AX)/∂X = A and ∂ log|det X|/∂X = X⁻¹ (both missing the transpose). All three agree
with the truth at n = 1, so they are stated from n = 2.

Several claims use rectangular (n + 1)×n matrices, so that a transpose in the wrong
place shows up as a shape mismatch instead of hiding behind a square shape.

Source: K. B. Petersen and M. S. Pedersen, *The Matrix Cookbook* (version of
15 November 2012), §1.1 (trace), §1.2 (determinant), §2.1 (derivatives of a
determinant), §2.2 (derivative of an inverse), §2.4.1–2.4.2 (first- and second-order
scalar forms), §2.5 (derivatives of traces); C. M. Bishop, *Pattern Recognition and
Machine Learning* (2006), Appendix C (eqs. C.19–C.28).
"""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.polys.matrices import DomainMatrix

from verifier import (
    PSD,
    Certificate,
    Derivative,
    General,
    Identity,
    Invertible,
    Real,
    Symmetric,
    claim,
)
from verifier.language.mathlib import (
    Matrix,
    diag,
    dot,
    matrix,
    scalar,
    scalars,
    smooth_function,
    trace,
    vector,
)

# Matrix notation: symbols of size n, built once at a symbolic n by the generic rung.


def mat(name: str, rows: sp.Expr, cols: sp.Expr | None = None) -> sp.MatrixSymbol:
    """The rows×cols matrix symbol (square if cols is omitted)."""
    return sp.MatrixSymbol(name, rows, rows if cols is None else cols)


def col(name: str, n: sp.Expr) -> sp.MatrixSymbol:
    """The column vector symbol of length n."""
    return sp.MatrixSymbol(name, n, 1)


def inner(a: sp.MatrixExpr, b: sp.MatrixExpr) -> sp.Expr:
    """aᵀb, as a scalar."""
    return (a.T * b)[0, 0]


def entrywise_sum(m: sp.MatrixExpr, term: sp.Expr) -> sp.Expr:
    """Σᵢⱼ term(i, j) over the entries of m, as a sympy index sum."""
    i, j = sp.symbols("i j", integer=True)
    return sp.Sum(term(i, j), (i, 0, m.rows - 1), (j, 0, m.cols - 1))


def frobenius_sq(m: sp.MatrixExpr) -> sp.Expr:
    """‖M‖_F² = Σᵢⱼ Mᵢⱼ²."""
    return entrywise_sum(m, lambda i, j: m[i, j] ** 2)


def log_abs_det(m: sp.MatrixExpr) -> sp.Expr:
    """log|det M|, written ½·log((det M)²): equal for real invertible M, and analytic."""
    return sp.log(sp.det(m) ** 2) / 2


# Explicit entries, for the claims that need them.


def _over_polynomial_ring(m: Matrix) -> tuple[DomainMatrix, dict[sp.Dummy, sp.Expr]]:
    """M over the polynomial ring of its entries; generic functions a(t) become generators."""
    generators = {f: sp.Dummy(str(f.func)) for f in m.atoms(AppliedUndef)}
    back = {d: f for f, d in generators.items()}
    return DomainMatrix.from_Matrix(m.xreplace(generators)), back


def det(m: Matrix) -> sp.Expr:
    """det M, expanded, by fraction-free elimination."""
    dm, back = _over_polynomial_ring(m)
    return dm.domain.to_sympy(dm.det()).xreplace(back)


def inverse(m: Matrix) -> Matrix:
    """M⁻¹ = adj(M)/det M (Cramer's rule), adj(M) and det M expanded."""
    dm, back = _over_polynomial_ring(m)
    adj, d = dm.adj_det()
    return Matrix(adj.to_Matrix() / dm.domain.to_sympy(d)).xreplace(back)


def vector_function(name: str, n: int, args: Matrix) -> Matrix:
    """The column (name1(args), …, name_n(args))ᵀ of generic smooth functions."""
    return Matrix([smooth_function(f"{name}{i + 1}", *args) for i in range(n)])


def matrix_function(name: str, n: int, t: sp.Symbol) -> Matrix:
    """The n×n matrix of generic smooth functions name_ij(t)."""
    return Matrix(n, n, lambda i, j: smooth_function(f"{name}{i + 1}{j + 1}", t))


# ----------------------------------------------------------------------------- linear forms


@claim(n=range(1, 5), numeric_n=(64,))
def linear_form_gradient(n: int) -> Derivative:
    """∂(aᵀx)/∂x = a."""
    a, x = col("a", n), col("x", n)
    return Derivative(inner(a, x), wrt=x, equals=a, where={a: Real(), x: Real()})


@claim(n=range(1, 5), numeric_n=(16,))
def linear_map_jacobian(n: int) -> Derivative:
    """∂(Ax)/∂x = A, for A ∈ ℝ^{(n+1)×n}."""
    A, x = mat("A", n + 1, n), col("x", n)
    return Derivative(A * x, wrt=x, equals=A, where={A: General(), x: Real()})


# n ≤ 6: the proof takes < 1 s up to n = 8, but the numeric check of n random functions
# of n variables costs about 14 s at n = 7 and 23 s at n = 8.
@claim(n=range(1, 7))
def chain_rule(n: int) -> Derivative:
    """∂(A·x(z))/∂z = A·∂x/∂z, for a smooth x: ℝⁿ → ℝⁿ and A ∈ ℝ^{(n+1)×n}."""
    A, z = matrix("A", n + 1, n), vector("z", n)
    x = vector_function("x", n, z)
    return Derivative(A * x, wrt=z, equals=A * x.jacobian(z), where={A: General(), z: Real()})


@claim(n=range(1, 5), numeric_n=(16,))
def bilinear_gradient_x(n: int) -> Derivative:
    """∂(yᵀAx)/∂x = Aᵀy, for A ∈ ℝ^{(n+1)×n}."""
    A, x, y = mat("A", n + 1, n), col("x", n), col("y", n + 1)
    return Derivative(inner(y, A * x), wrt=x, equals=A.T * y, where={A: General(), x: Real(), y: Real()})


@claim(n=range(1, 5), numeric_n=(16,))
def bilinear_gradient_y(n: int) -> Derivative:
    """∂(yᵀAx)/∂y = Ax, for A ∈ ℝ^{(n+1)×n}."""
    A, x, y = mat("A", n + 1, n), col("x", n), col("y", n + 1)
    return Derivative(inner(y, A * x), wrt=y, equals=A * x, where={A: General(), x: Real(), y: Real()})


# ----------------------------------------------------------------------------- quadratic forms


@claim(n=range(1, 5), numeric_n=(16,))
def quadratic_form_gradient(n: int) -> Derivative:
    """∂(xᵀAx)/∂x = (A + Aᵀ)x."""
    A, x = mat("A", n), col("x", n)
    return Derivative(inner(x, A * x), wrt=x, equals=(A + A.T) * x, where={A: General(), x: Real()})


@claim(n=range(1, 5), numeric_n=(16,))
def quadratic_form_hessian(n: int) -> Derivative:
    """∇²(xᵀAx) = A + Aᵀ."""
    A, x = mat("A", n), col("x", n)
    return Derivative(inner(x, A * x), wrt=x, order=2, equals=A + A.T, where={A: General(), x: Real()})


@claim(n=range(1, 5), numeric_n=(16,))
def quadratic_form_gradient_symmetric(n: int) -> Derivative:
    """∂(xᵀAx)/∂x = 2Ax, for symmetric A."""
    A, x = mat("A", n), col("x", n)
    return Derivative(inner(x, A * x), wrt=x, equals=2 * A * x, where={A: Symmetric(), x: Real()})


@claim(n=range(1, 5), numeric_n=(16,))
def least_squares_gradient(n: int) -> Derivative:
    """∂‖Ax − b‖²/∂x = 2Aᵀ(Ax − b), for A ∈ ℝ^{(n+1)×n}."""
    A, x, b = mat("A", n + 1, n), col("x", n), col("b", n + 1)
    r = A * x - b
    return Derivative(inner(r, r), wrt=x, equals=2 * A.T * r, where={A: General(), x: Real(), b: Real()})


@claim(n=range(1, 5), numeric_n=(16,))
def least_squares_hessian(n: int) -> Derivative:
    """∇²‖Ax − b‖² = 2AᵀA."""
    A, x, b = mat("A", n + 1, n), col("x", n), col("b", n + 1)
    r = A * x - b
    return Derivative(inner(r, r), wrt=x, order=2, equals=2 * A.T * A, where={A: General(), x: Real(), b: Real()})


@claim(n=range(1, 9), numeric_n=(16,))
def least_squares_hessian_psd(n: int) -> PSD:
    """2AᵀA ⪰ 0, since vᵀ(2AᵀA)v = Σᵢ 2·((Av)ᵢ)²."""
    A, v = matrix("A", n + 1, n), vector("v", n)
    Av = A * v
    return PSD(
        2 * A.T * A,
        where={A: General()},
        certificate=Certificate(v, weights=(sp.Integer(2),) * len(Av), forms=tuple(Av)),
    )


# n ≤ 6, as for chain_rule: the numeric check, not the proof, grows fast with n.
@claim(n=range(1, 7))
def product_rule(n: int) -> Derivative:
    """∂(yᵀx)/∂z = (∂x/∂z)ᵀy + (∂y/∂z)ᵀx, for smooth x, y: ℝⁿ → ℝⁿ."""
    z = vector("z", n)
    x, y = vector_function("x", n, z), vector_function("y", n, z)
    return Derivative(
        dot(y, x),
        wrt=z,
        equals=x.jacobian(z).T * y + y.jacobian(z).T * x,
        where={z: Real()},
    )


# ------------------------------------------------------------------- inverse and determinant


# n ≤ 3 (3 s at n = 3): at n = 4 each of the 16 residual entries needs about 1 s in the
# rational-function field, beyond the budget.
@claim(n=range(1, 4), notes="A(t) is assumed invertible; its entries are generic functions of t.")
def inverse_derivative(n: int) -> Derivative:
    """d(A(t)⁻¹)/dt = −A⁻¹·(dA/dt)·A⁻¹."""
    t = scalar("t")
    A = matrix_function("a", n, t)
    A_inv = inverse(A)
    return Derivative(A_inv, wrt=t, equals=-A_inv * A.diff(t) * A_inv, where={t: Real()})


@claim(n=range(1, 4), numeric_n=(4,))
def log_abs_det_gradient(n: int) -> Derivative:
    """∂ log|det X|/∂X = X⁻ᵀ."""
    X = mat("X", n)
    return Derivative(log_abs_det(X), wrt=X, equals=X.inv().T, where={X: Invertible()})


@claim(n=range(1, 4), numeric_n=(4,))
def det_gradient(n: int) -> Derivative:
    """∂ det X/∂X = det(X)·X⁻ᵀ."""
    X = mat("X", n)
    return Derivative(sp.det(X), wrt=X, equals=sp.det(X) * X.inv().T, where={X: Invertible()})


# ----------------------------------------------------------------------------- traces


@claim(n=range(1, 5), numeric_n=(16,))
def trace_linear_gradient(n: int) -> Derivative:
    """∂ tr(AX)/∂X = Aᵀ."""
    A, X = mat("A", n), mat("X", n)
    return Derivative(sp.trace(A * X), wrt=X, equals=A.T, where={A: General(), X: General()})


@claim(n=range(1, 5), numeric_n=(16,))
def trace_quadratic_gradient(n: int) -> Derivative:
    """∂ tr(XᵀAX)/∂X = (A + Aᵀ)X."""
    A, X = mat("A", n), mat("X", n)
    return Derivative(sp.trace(X.T * A * X), wrt=X, equals=(A + A.T) * X, where={A: General(), X: General()})


# ----------------------------------------------------------------------------- second derivatives


@claim()
def gradient_jacobian_is_hessian() -> Derivative:
    """∂(∇f)/∂p = [∂²f/∂pᵢ∂pⱼ], for a smooth f(u, v, w) and p = (u, v, w)."""
    u, v, w = scalars("u v w")
    p = Matrix([u, v, w])
    f = smooth_function("f", u, v, w)
    gradient = Matrix([f.diff(pi) for pi in p])
    hessian = Matrix(3, 3, lambda i, j: sp.Derivative(f, p[i], p[j]))
    return Derivative(gradient, wrt=p, equals=hessian, where={u: Real(), v: Real(), w: Real()})


@claim()
def hessian_symmetric() -> Identity:
    """∂²f/∂pᵢ∂pⱼ = ∂²f/∂pⱼ∂pᵢ, for a smooth f(u, v, w) (Schwarz)."""
    u, v, w = scalars("u v w")
    p = Matrix([u, v, w])
    f = smooth_function("f", u, v, w)
    hessian = Matrix(3, 3, lambda i, j: sp.Derivative(f, p[i], p[j]))
    return Identity(hessian, hessian.T, where={u: Real(), v: Real(), w: Real()})


# ----------------------------------------------------------------------------- trace identities

# Entrywise sums Σᵢⱼ are sympy index sums: proved for all n, and written out at n = 1–4 only
# (at a numeric n = 16 writing out the 272-term sums costs several seconds per claim).


@claim(n=range(1, 5))
def trace_inner_product(n: int) -> Identity:
    """tr(AᵀB) = Σᵢⱼ AᵢⱼBᵢⱼ, for A, B ∈ ℝ^{(n+1)×n}."""
    A, B = mat("A", n + 1, n), mat("B", n + 1, n)
    return Identity(
        sp.trace(A.T * B), entrywise_sum(A, lambda i, j: A[i, j] * B[i, j]), where={A: General(), B: General()}
    )


@claim(n=range(1, 5))
def frobenius_as_trace(n: int) -> Identity:
    """‖A‖_F² = tr(AᵀA), for A ∈ ℝ^{(n+1)×n}."""
    A = mat("A", n + 1, n)
    return Identity(frobenius_sq(A), sp.trace(A.T * A), where={A: General()})


@claim(n=range(1, 5))
def frobenius_of_sum(n: int) -> Identity:
    """‖A + X‖_F² = ‖A‖_F² + ‖X‖_F² + 2·tr(AᵀX), for A, X ∈ ℝ^{(n+1)×n}."""
    A, X = mat("A", n + 1, n), mat("X", n + 1, n)
    return Identity(
        frobenius_sq(A + X),
        frobenius_sq(A) + frobenius_sq(X) + 2 * sp.trace(A.T * X),
        where={A: General(), X: General()},
    )


@claim(n=range(1, 5), numeric_n=(16,))
def trace_cyclic(n: int) -> Identity:
    """tr(AB) = tr(BA), for A ∈ ℝ^{(n+1)×n} and B ∈ ℝ^{n×(n+1)}."""
    A, B = mat("A", n + 1, n), mat("B", n, n + 1)
    return Identity(sp.trace(A * B), sp.trace(B * A), where={A: General(), B: General()})


# n ≤ 4 (0.7 s at n = 4); n = 5 takes about 6 s, too close to the budget.
@claim(n=range(1, 5), numeric_n=(5,))
def eigen_trace(n: int) -> Identity:
    """tr(V·diag(λ)·V⁻¹) = Σᵢ λᵢ."""
    V, lam = matrix("V", n), vector("λ", n)
    A = V * diag(lam) * inverse(V)
    return Identity(trace(A), sp.Add(*lam), where={V: Invertible(), lam: Real()})


# n ≤ 3: at n = 4, merely building det(V·diag(λ)·V⁻¹) from its rational entries takes
# minutes.
@claim(n=range(1, 4))
def eigen_det(n: int) -> Identity:
    """det(V·diag(λ)·V⁻¹) = Πᵢ λᵢ."""
    V, lam = matrix("V", n), vector("λ", n)
    A = V * diag(lam) * inverse(V)
    return Identity(det(A), sp.Mul(*lam), where={V: Invertible(), lam: Real()})


# ----------------------------------------------------------------------------- wrong versions


@claim(n=range(2, 5), expect="refuted", notes="n starts at 2: at n = 1, 2Ax is right.")
def quadratic_form_gradient_as_if_symmetric(n: int) -> Derivative:
    """Wrong: ∂(xᵀAx)/∂x = 2Ax for a general (non-symmetric) A."""
    A, x = mat("A", n), col("x", n)
    return Derivative(inner(x, A * x), wrt=x, equals=2 * A * x, where={A: General(), x: Real()})


@claim(n=range(2, 5), expect="refuted", notes="n starts at 2: at n = 1, A = Aᵀ.")
def trace_linear_gradient_without_transpose(n: int) -> Derivative:
    """Wrong: ∂ tr(AX)/∂X = A."""
    A, X = mat("A", n), mat("X", n)
    return Derivative(sp.trace(A * X), wrt=X, equals=A, where={A: General(), X: General()})


@claim(n=range(2, 5), expect="refuted", notes="n starts at 2: at n = 1, X⁻¹ = X⁻ᵀ.")
def log_abs_det_gradient_without_transpose(n: int) -> Derivative:
    """Wrong: ∂ log|det X|/∂X = X⁻¹."""
    X = mat("X", n)
    return Derivative(log_abs_det(X), wrt=X, equals=X.inv(), where={X: Invertible()})
