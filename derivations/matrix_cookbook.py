"""The Matrix Cookbook, §2: derivatives of traces, determinants, inverses and quadratic forms.

Each rule below is stated in matrix notation (sympy MatrixSymbols), exactly as the Cookbook
prints it, for square n×n matrices, vectors of length n, and a rectangular (n+1)×n X where
the rule allows it. The layout is the Cookbook's: the derivative of a scalar with respect to
a matrix X has the shape of X, (∂f/∂X)ᵢⱼ = ∂f/∂Xᵢⱼ.

Traces (§2.5): tr(AX) = Σᵢⱼ AᵢⱼXⱼᵢ is linear in X with ∂/∂Xⱼᵢ = Aᵢⱼ, so ∂ tr(AX)/∂X = Aᵀ; the
product rule gives the quadratic ones, e.g. ∂ tr(XᵀBX)/∂X = BX + BᵀX and ∂ tr(X²)/∂X = 2Xᵀ.
Determinants (§2.1): the cofactor expansion gives ∂ det X/∂X = det(X)·X⁻ᵀ, hence
∂ log det(XᵀX)/∂X = 2X(XᵀX)⁻¹ for a tall X. Inverses (§2.2): differentiating XX⁻¹ = I gives
∂X⁻¹ = −X⁻¹(∂X)X⁻¹, hence ∂ aᵀX⁻¹b/∂X = −X⁻ᵀabᵀX⁻ᵀ. Quadratic forms (§2.4):
∂ xᵀBx/∂x = (B + Bᵀ)x, with Hessian B + Bᵀ.

The verifier proves each rule for every n at once (generic dimension: both sides as index
sums in canonical form), and checks it at small explicit n as well. Kept on purpose as wrong
versions, each the slip a student makes: ∂ xᵀBx/∂x = 2Bx for a B that is not symmetric (true
at n = 1 only), a transpose dropped from ∂ tr(AXB)/∂X or ∂ tr(X²)/∂X, the factor 2 dropped
from ∂ tr(XᵀX)/∂X, a and b swapped in ∂ aᵀXb/∂X, and ∂ det X/∂X without its transpose.
A claim's stated sizes are its meaning, so the slips that hold at n = 1 are stated at n = 1, 2.

Source: K. B. Petersen and M. S. Pedersen, *The Matrix Cookbook* (version of 15 November
2012), §2.1 (eqs. 49–56), §2.2 (eqs. 59–61), §2.4 (eqs. 69–84) and §2.5 (eqs. 99–124).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, Invertible, Real, claim

tr = sp.trace


def square(name: str, n: int) -> sp.MatrixSymbol:
    return sp.MatrixSymbol(name, n, n)


def column(name: str, n: int) -> sp.MatrixSymbol:
    return sp.MatrixSymbol(name, n, 1)


def real(*symbols: sp.MatrixSymbol) -> dict[sp.MatrixSymbol, Real]:
    return {s: Real() for s in symbols}


# ----------------------------------------------------------------------------- traces (§2.5)


@claim(n=range(1, 4))
def trace(n: int) -> Derivative:
    """∂ tr(X)/∂X = I (eq. 99)."""
    X = square("X", n)
    return Derivative(tr(X), wrt=X, equals=sp.Identity(n), where=real(X))


@claim(n=range(1, 4))
def trace_xa(n: int) -> Derivative:
    """∂ tr(XA)/∂X = Aᵀ (eq. 100)."""
    X, A = square("X", n), square("A", n)
    return Derivative(tr(X * A), wrt=X, equals=A.T, where=real(X, A))


@claim(n=range(1, 4))
def trace_axb(n: int) -> Derivative:
    """∂ tr(AXB)/∂X = AᵀBᵀ, X of size (n+1)×n (eq. 101)."""
    X, A, B = sp.MatrixSymbol("X", n + 1, n), sp.MatrixSymbol("A", n, n + 1), square("B", n)
    return Derivative(tr(A * X * B), wrt=X, equals=A.T * B.T, where=real(X, A, B))


@claim(n=range(1, 4))
def trace_axtb(n: int) -> Derivative:
    """∂ tr(AXᵀB)/∂X = BA (eq. 102)."""
    X, A, B = square("X", n), square("A", n), square("B", n)
    return Derivative(tr(A * X.T * B), wrt=X, equals=B * A, where=real(X, A, B))


@claim(n=range(1, 4))
def trace_xta(n: int) -> Derivative:
    """∂ tr(XᵀA)/∂X = A (eq. 103)."""
    X, A = square("X", n), square("A", n)
    return Derivative(tr(X.T * A), wrt=X, equals=A, where=real(X, A))


@claim(n=range(1, 4))
def trace_square(n: int) -> Derivative:
    """∂ tr(X²)/∂X = 2Xᵀ (eq. 106)."""
    X = square("X", n)
    return Derivative(tr(X**2), wrt=X, equals=2 * X.T, where=real(X))


@claim(n=range(1, 4))
def trace_square_b(n: int) -> Derivative:
    """∂ tr(X²B)/∂X = (XB + BX)ᵀ (eq. 107)."""
    X, B = square("X", n), square("B", n)
    return Derivative(tr(X**2 * B), wrt=X, equals=(X * B + B * X).T, where=real(X, B))


@claim(n=range(1, 4))
def trace_xtbx(n: int) -> Derivative:
    """∂ tr(XᵀBX)/∂X = BX + BᵀX, X of size (n+1)×n (eq. 108)."""
    X, B = sp.MatrixSymbol("X", n + 1, n), square("B", n + 1)
    return Derivative(tr(X.T * B * X), wrt=X, equals=B * X + B.T * X, where=real(X, B))


@claim(n=range(1, 4))
def trace_xbxt(n: int) -> Derivative:
    """∂ tr(XBXᵀ)/∂X = XBᵀ + XB (eq. 109)."""
    X, B = square("X", n), square("B", n)
    return Derivative(tr(X * B * X.T), wrt=X, equals=X * B.T + X * B, where=real(X, B))


@claim(n=range(1, 4))
def trace_axbx(n: int) -> Derivative:
    """∂ tr(AXBX)/∂X = AᵀXᵀBᵀ + BᵀXᵀAᵀ (eq. 110)."""
    X, A, B = square("X", n), square("A", n), square("B", n)
    return Derivative(tr(A * X * B * X), wrt=X, equals=A.T * X.T * B.T + B.T * X.T * A.T, where=real(X, A, B))


@claim(n=range(1, 4))
def trace_xtx(n: int) -> Derivative:
    """∂ tr(XᵀX)/∂X = 2X, X of size (n+1)×n (eq. 111)."""
    X = sp.MatrixSymbol("X", n + 1, n)
    return Derivative(tr(X.T * X), wrt=X, equals=2 * X, where=real(X))


@claim(n=range(1, 4))
def trace_btxtcxb(n: int) -> Derivative:
    """∂ tr(BᵀXᵀCXB)/∂X = CᵀXBBᵀ + CXBBᵀ (eq. 112)."""
    X, B, C = square("X", n), square("B", n), square("C", n)
    claimed = C.T * X * B * B.T + C * X * B * B.T
    return Derivative(tr(B.T * X.T * C * X * B), wrt=X, equals=claimed, where=real(X, B, C))


@claim(n=range(1, 4))
def trace_cube(n: int) -> Derivative:
    """∂ tr(X³)/∂X = 3(X²)ᵀ (eq. 121 with k = 3)."""
    X = square("X", n)
    return Derivative(tr(X**3), wrt=X, equals=3 * (X**2).T, where=real(X))


@claim(n=range(1, 4))
def trace_ax_inverse_b(n: int) -> Derivative:
    """∂ tr(AX⁻¹B)/∂X = −(X⁻¹BAX⁻¹)ᵀ (eq. 124)."""
    X, A, B = square("X", n), square("A", n), square("B", n)
    claimed = -(X.inv() * B * A * X.inv()).T
    return Derivative(tr(A * X.inv() * B), wrt=X, equals=claimed, where={X: Invertible(), A: Real(), B: Real()})


# ----------------------------------------------------------------------------- determinants (§2.1)


@claim(n=range(1, 4))
def det(n: int) -> Derivative:
    """∂ det X/∂X = det(X)·X⁻ᵀ (eq. 49)."""
    X = square("X", n)
    return Derivative(sp.det(X), wrt=X, equals=sp.det(X) * X.inv().T, where={X: Invertible()})


@claim(n=range(1, 4))
def det_axb(n: int) -> Derivative:
    """∂ det(AXB)/∂X = det(AXB)·X⁻ᵀ for square A, B (eq. 51)."""
    X, A, B = square("X", n), square("A", n), square("B", n)
    where = {X: Invertible(), A: Real(), B: Real()}
    return Derivative(sp.det(A * X * B), wrt=X, equals=sp.det(A * X * B) * X.inv().T, where=where)


@claim(n=range(1, 4))
def det_square(n: int) -> Derivative:
    """∂ det(X²)/∂X = 2·det(X²)·X⁻ᵀ (eq. 53 with k = 2)."""
    X = square("X", n)
    return Derivative(sp.det(X**2), wrt=X, equals=2 * sp.det(X**2) * X.inv().T, where={X: Invertible()})


@claim(n=range(1, 4))
def log_det_gram(n: int) -> Derivative:
    """∂ log det(XᵀX)/∂X = 2X(XᵀX)⁻¹ = 2(X⁺)ᵀ, X of size (n+1)×n (eq. 55)."""
    X = sp.MatrixSymbol("X", n + 1, n)
    return Derivative(sp.log(sp.det(X.T * X)), wrt=X, equals=2 * X * (X.T * X).inv(), where=real(X))


@claim(n=range(1, 4))
def det_inverse(n: int) -> Derivative:
    """∂ det(X⁻¹)/∂X = −det(X⁻¹)·X⁻ᵀ (eq. 56)."""
    X = square("X", n)
    return Derivative(sp.det(X.inv()), wrt=X, equals=-sp.det(X.inv()) * X.inv().T, where={X: Invertible()})


# ----------------------------------------------------------------------------- inverses (§2.2)


@claim(n=range(1, 4))
def inverse_bilinear(n: int) -> Derivative:
    """∂ aᵀX⁻¹b/∂X = −X⁻ᵀabᵀX⁻ᵀ (eq. 61)."""
    X, a, b = square("X", n), column("a", n), column("b", n)
    claimed = -X.inv().T * a * b.T * X.inv().T
    return Derivative((a.T * X.inv() * b)[0, 0], wrt=X, equals=claimed, where={X: Invertible(), a: Real(), b: Real()})


# ----------------------------------------------------------------------------- vectors and quadratic forms (§2.4)


@claim(n=range(1, 4))
def linear_form(n: int) -> Derivative:
    """∂ xᵀa/∂x = a (eq. 69)."""
    x, a = column("x", n), column("a", n)
    return Derivative((x.T * a)[0, 0], wrt=x, equals=a, where=real(x, a))


@claim(n=range(1, 4))
def bilinear(n: int) -> Derivative:
    """∂ aᵀXb/∂X = abᵀ, X of size (n+1)×n (eq. 70)."""
    X, a, b = sp.MatrixSymbol("X", n + 1, n), column("a", n + 1), column("b", n)
    return Derivative((a.T * X * b)[0, 0], wrt=X, equals=a * b.T, where=real(X, a, b))


@claim(n=range(1, 4))
def bilinear_transposed(n: int) -> Derivative:
    """∂ aᵀXᵀb/∂X = baᵀ (eq. 71)."""
    X, a, b = square("X", n), column("a", n), column("b", n)
    return Derivative((a.T * X.T * b)[0, 0], wrt=X, equals=b * a.T, where=real(X, a, b))


@claim(n=range(1, 4))
def gram_bilinear(n: int) -> Derivative:
    """∂ bᵀXᵀXc/∂X = X(bcᵀ + cbᵀ), X of size (n+1)×n (eq. 77)."""
    X, b, c = sp.MatrixSymbol("X", n + 1, n), column("b", n), column("c", n)
    return Derivative((b.T * X.T * X * c)[0, 0], wrt=X, equals=X * (b * c.T + c * b.T), where=real(X, b, c))


@claim(n=range(1, 4))
def affine_bilinear(n: int) -> Derivative:
    """∂ (Bx + b)ᵀC(Dx + d)/∂x = BᵀC(Dx + d) + DᵀCᵀ(Bx + b) (eq. 78)."""
    x, b, d = column("x", n), column("b", n), column("d", n)
    B, C, D = square("B", n), square("C", n), square("D", n)
    f = ((B * x + b).T * C * (D * x + d))[0, 0]
    claimed = B.T * C * (D * x + d) + D.T * C.T * (B * x + b)
    return Derivative(f, wrt=x, equals=claimed, where=real(x, b, d, B, C, D))


@claim(n=range(1, 4))
def quadratic_form(n: int) -> Derivative:
    """∂ xᵀBx/∂x = (B + Bᵀ)x (eq. 81)."""
    x, B = column("x", n), square("B", n)
    return Derivative((x.T * B * x)[0, 0], wrt=x, equals=(B + B.T) * x, where=real(x, B))


@claim(n=range(1, 4))
def quadratic_form_hessian(n: int) -> Derivative:
    """∂² xᵀBx/∂x∂xᵀ = B + Bᵀ (eq. 81, differentiated again)."""
    x, B = column("x", n), square("B", n)
    return Derivative((x.T * B * x)[0, 0], wrt=x, equals=B + B.T, order=2, where=real(x, B))


@claim(n=range(1, 4))
def affine_quadratic(n: int) -> Derivative:
    """∂ (Xb + c)ᵀD(Xb + c)/∂X = (D + Dᵀ)(Xb + c)bᵀ (eq. 83)."""
    X, D, b, c = square("X", n), square("D", n), column("b", n), column("c", n)
    r = X * b + c
    return Derivative((r.T * D * r)[0, 0], wrt=X, equals=(D + D.T) * r * b.T, where=real(X, D, b, c))


# ----------------------------------------------------------------------------- wrong versions


@claim(n=(1, 2), expect="refuted")
def quadratic_form_for_general_b(n: int) -> Derivative:
    """Wrong: ∂ xᵀBx/∂x = 2Bx for a B that is not symmetric."""
    x, B = column("x", n), square("B", n)
    return Derivative((x.T * B * x)[0, 0], wrt=x, equals=2 * B * x, where=real(x, B))


@claim(n=(1, 2), expect="refuted")
def trace_axb_without_transposes(n: int) -> Derivative:
    """Wrong: ∂ tr(AXB)/∂X = AB."""
    X, A, B = square("X", n), square("A", n), square("B", n)
    return Derivative(tr(A * X * B), wrt=X, equals=A * B, where=real(X, A, B))


@claim(n=(1, 2), expect="refuted")
def trace_square_without_transpose(n: int) -> Derivative:
    """Wrong: ∂ tr(X²)/∂X = 2X."""
    X = square("X", n)
    return Derivative(tr(X**2), wrt=X, equals=2 * X, where=real(X))


@claim(n=(1,), expect="refuted")
def trace_xtx_without_two(n: int) -> Derivative:
    """Wrong: ∂ tr(XᵀX)/∂X = X."""
    X = square("X", n)
    return Derivative(tr(X.T * X), wrt=X, equals=X, where=real(X))


@claim(n=(1, 2), expect="refuted")
def bilinear_swapped(n: int) -> Derivative:
    """Wrong: ∂ aᵀXb/∂X = baᵀ."""
    X, a, b = square("X", n), column("a", n), column("b", n)
    return Derivative((a.T * X * b)[0, 0], wrt=X, equals=b * a.T, where=real(X, a, b))


@claim(n=range(2, 4), expect="refuted")
def det_without_transpose(n: int) -> Derivative:
    """Wrong: ∂ det X/∂X = det(X)·X⁻¹ (true at n = 1, so stated from n = 2)."""
    X = square("X", n)
    return Derivative(sp.det(X), wrt=X, equals=sp.det(X) * X.inv(), where={X: Invertible()})
