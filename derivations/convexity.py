"""Convex functions: Hessians, their certificates, and the inequalities behind them.

A twice-differentiable f on an open convex domain is convex exactly when its Hessian is
positive semidefinite everywhere, and then it lies above its tangent planes,
f(y) ≥ f(x) + ∇f(x)ᵀ(y − x). For a quadratic ½xᵀPx + qᵀx the Hessian is P and the
tangent-plane gap is ½(y − x)ᵀP(y − x); least squares ‖Ax − b‖² has Hessian 2AᵀA ⪰ 0.

The examples go the same way: compute the Hessian, then write vᵀ∇²f v as a sum of
squares. Negative entropy Σ xᵢ log xᵢ has Hessian diag(1/xᵢ), the log barrier −Σ log xᵢ
has diag(1/xᵢ²). Quadratic-over-linear x²/y has (2/y³)(y, −x)(y, −x)ᵀ, PSD for y > 0.
Log-sum-exp log Σ e^{xᵢ} has gradient p = softmax(x) and Hessian diag(p) − ppᵀ: with
zᵢ = e^{xᵢ}, vᵀ∇²f v = ((Σ zᵢvᵢ²)(Σ zᵢ) − (Σ zᵢvᵢ)²)/(Σ zᵢ)² ≥ 0 by Cauchy–Schwarz. The
geometric mean f = (Π xᵢ)^{1/n} has Hessian −(f/n²)(n·diag(1/xᵢ²) − qqᵀ), qᵢ = 1/xᵢ, and
the same Cauchy–Schwarz makes it NSD: f is concave. Log det is concave: along a line,
g(t) = log det(Z + tV) has g″(t) = −tr((Z + tV)⁻¹V(Z + tV)⁻¹V), and for Z ≻ 0 that trace
is ‖Z^{−1/2}VZ^{−1/2}‖_F² ≥ 0. Jensen's inequality for t², (Σ θᵢxᵢ)² ≤ Σ θᵢxᵢ² on the
simplex, says a variance is ≥ 0. The operations: log-sum-exp of Ax + b has Hessian
Aᵀ(diag(p) − ppᵀ)A; exp(½‖x‖²) has e^{‖x‖²/2}(I + xxᵀ); the perspectives t·f(x/t) of ‖x‖²
and of −log x are xᵀx/t and the relative entropy t log(t/x), both with PSD Hessians.
The PSD claims carry no certificate: the engine searches for one and the kernel checks it.

Kept on purpose as wrong versions: the log-sum-exp Hessian without −ppᵀ, diag(p) − 2ppᵀ ⪰ 0,
x²/y convex for y < 0, a quadratic-over-linear Hessian with a sign slip, the geometric
mean convex, entropy −Σ xᵢ log xᵢ convex, −log det concave along lines, and the
tangent-plane inequality for an indefinite quadratic.

Source: S. Boyd and L. Vandenberghe, *Convex Optimization* (2004), chapter 3: §3.1.3
(first-order condition), §3.1.4 (second-order condition, quadratic functions, least
squares), §3.1.5 (negative entropy, logarithm, norms, quadratic-over-linear, log-sum-exp,
geometric mean, log-determinant), §3.1.8 (Jensen's inequality), §3.2.2 (affine maps),
§3.2.4 (composition), §3.2.6 (perspective of ‖x‖² and of −log x).
"""

from __future__ import annotations

import sympy as sp

from verifier import PSD, SPD, Derivative, Inequality, Interval, Positive, Real, Simplex, Symmetric, claim
from verifier.language.domains import Domain
from verifier.language.mathlib import (
    Matrix,
    covariance,
    diag,
    dot,
    identity,
    log_sum_exp,
    matrix,
    softmax,
    squared_norm,
    vector,
)

Mat = Matrix | sp.MatrixExpr


def mat(name: str, rows: int, cols: int = 1) -> sp.MatrixSymbol:
    """A rows × cols matrix symbol (a column by default), written as on paper."""
    return sp.MatrixSymbol(name, rows, cols)


def quadratic(P: Mat, q: Mat, x: Mat) -> Mat:
    """½xᵀPx + qᵀx (1×1)."""
    return x.T * P * x / 2 + q.T * x


def tangent_plane(P: Mat, q: Mat, x: Mat, y: Mat) -> Mat:
    """f(x) + ∇f(x)ᵀ(y − x) for f = ½xᵀPx + qᵀx (1×1)."""
    return quadratic(P, q, x) + (P * x + q).T * (y - x)


def inverse_trace(Z: Mat, V: Mat) -> sp.Expr:
    """tr(Z⁻¹VZ⁻¹V) = −g″ for g(t) = log det(Z + tV), at t = 0."""
    return sp.trace(Z.inv() * V * Z.inv() * V)


def quadratic_over_linear_hessian_matrix(x: sp.Expr, y: sp.Expr) -> Matrix:
    """(2/y³)·(y, −x)(y, −x)ᵀ."""
    w = Matrix([y, -x])
    return 2 / y**3 * w * w.T


def geometric_mean(x: Matrix) -> sp.Expr:
    """(Π xᵢ)^{1/n}."""
    return sp.Mul(*x) ** sp.Rational(1, len(x))


def geometric_mean_curvature(x: Matrix) -> Matrix:
    """(f/n²)(n·diag(1/xᵢ²) − qqᵀ), qᵢ = 1/xᵢ: minus the geometric mean's Hessian."""
    n, q = len(x), x.applyfunc(lambda t: 1 / t)
    return geometric_mean(x) / n**2 * (n * diag(q.applyfunc(lambda t: t**2)) - q * q.T)


def log_det(m: Mat) -> sp.Expr:
    """log det M, written ½·log (det M)²: equal for M ≻ 0, and analytic wherever M is invertible."""
    return sp.log(sp.det(m) ** 2) / 2


def perspective_hessian(x: Matrix, t: sp.Expr) -> Matrix:
    """(2/t)·[[I, −x/t], [−xᵀ/t, xᵀx/t²]]: the Hessian of xᵀx/t over (x, t)."""
    top = (2 / t * identity(len(x))).row_join(-2 * x / t**2)
    bottom = (-2 * x.T / t**2).row_join(Matrix([[2 * squared_norm(x) / t**3]]))
    return top.col_join(bottom)


def relative_entropy_hessian_matrix(x: sp.Expr, t: sp.Expr) -> Matrix:
    """[[t/x², −1/x], [−1/x, 1/t]]: the Hessian of t·log(t/x) over (x, t)."""
    return Matrix([[t / x**2, -1 / x], [-1 / x, 1 / t]])


def cholesky_factor(n: int) -> tuple[Matrix, dict[Matrix, Domain]]:
    """L lower triangular with a positive diagonal, and its domains: every Z ≻ 0 is LLᵀ."""
    d = vector("l", n)
    below = [sp.Symbol(f"L{i + 1}{j + 1}") for i in range(n) for j in range(i)]
    L = Matrix(n, n, lambda i, j: d[i] if i == j else sp.Symbol(f"L{i + 1}{j + 1}") if i > j else 0)
    where: dict[Matrix, Domain] = {d: Positive(), **({Matrix(below): Real()} if below else {})}
    return L, where


@claim(n=range(1, 9), numeric_n=(16,))
def quadratic_gradient(n: int) -> Derivative:
    """∇(½xᵀPx + qᵀx) = Px + q for symmetric P (§3.1.4, quadratic functions)."""
    P, q, x = mat("P", n, n), mat("q", n), mat("x", n)
    return Derivative(quadratic(P, q, x), wrt=x, equals=P * x + q, where={P: Symmetric(), q: Real(), x: Real()})


@claim(n=range(1, 9), numeric_n=(16,))
def quadratic_hessian(n: int) -> Derivative:
    """∇²(½xᵀPx + qᵀx) = P: the quadratic is convex iff P ⪰ 0 (§3.1.4)."""
    P, q, x = mat("P", n, n), mat("q", n), mat("x", n)
    return Derivative(quadratic(P, q, x), wrt=x, order=2, equals=P, where={P: Symmetric(), q: Real(), x: Real()})


@claim(n=range(1, 9), numeric_n=(16,))
def gram_psd(n: int) -> PSD:
    """AᵀA ⪰ 0, since vᵀAᵀAv = ‖Av‖²; every P ⪰ 0 is such a Gram matrix."""
    A = mat("A", n, n)
    return PSD(A.T * A, where={A: Real()})


@claim(n=range(1, 7), numeric_n=(12,))
def least_squares_hessian(n: int) -> Derivative:
    """∇²‖Ax − b‖² = 2AᵀA (§3.1.4)."""
    A, b, x = mat("A", n, n), mat("b", n), mat("x", n)
    r = A * x - b
    return Derivative(r.T * r, wrt=x, order=2, equals=2 * A.T * A, where={A: Real(), b: Real(), x: Real()})


@claim(n=range(1, 9), numeric_n=(16,))
def least_squares_convex(n: int) -> PSD:
    """2AᵀA ⪰ 0: least squares is convex."""
    A = mat("A", n, n)
    return PSD(2 * A.T * A, where={A: Real()})


@claim(
    n=range(1, 5),
    numeric_n=(8,),
    notes="n stops at 4: from n = 5 the direct sign check of the expanded gap spends the budget "
    "before the search for squares runs",
)
def first_order_condition(n: int) -> Inequality:
    """f(y) ≥ f(x) + ∇f(x)ᵀ(y − x) for f = ½xᵀAᵀAx + qᵀx: the gap is ½‖A(y − x)‖² (§3.1.3)."""
    A, q, x, y = mat("A", n, n), mat("q", n), mat("x", n), mat("y", n)
    where = {A: Real(), q: Real(), x: Real(), y: Real()}
    return Inequality(quadratic(A.T * A, q, y), ">=", tangent_plane(A.T * A, q, x, y), where=where)


@claim(n=range(1, 9), numeric_n=(16,))
def negative_entropy_hessian(n: int) -> Derivative:
    """∇² Σ xᵢ log xᵢ = diag(1/xᵢ) on x > 0 (§3.1.5, negative entropy)."""
    x = vector("x", n)
    f = sp.Add(*[xi * sp.log(xi) for xi in x])
    return Derivative(f, wrt=x, order=2, equals=diag(x.applyfunc(lambda t: 1 / t)), where={x: Positive()})


@claim(n=range(1, 9), numeric_n=(16,))
def negative_entropy_convex(n: int) -> PSD:
    """diag(1/xᵢ) ⪰ 0 on x > 0: negative entropy is convex."""
    x = vector("x", n)
    return PSD(diag(x.applyfunc(lambda t: 1 / t)), where={x: Positive()})


@claim(n=range(1, 9), numeric_n=(16,))
def log_barrier_hessian(n: int) -> Derivative:
    """∇²(−Σ log xᵢ) = diag(1/xᵢ²) on x > 0 (§3.1.5, logarithm)."""
    x = vector("x", n)
    f = -sp.Add(*[sp.log(xi) for xi in x])
    return Derivative(f, wrt=x, order=2, equals=diag(x.applyfunc(lambda t: t**-2)), where={x: Positive()})


@claim(n=range(1, 9), numeric_n=(16,))
def log_barrier_convex(n: int) -> PSD:
    """diag(1/xᵢ²) ⪰ 0: the log barrier is convex."""
    x = vector("x", n)
    return PSD(diag(x.applyfunc(lambda t: t**-2)), where={x: Positive()})


@claim(n=range(1, 7), numeric_n=(16,))
def cauchy_schwarz(n: int) -> Inequality:
    """(xᵀy)² ≤ ‖x‖²‖y‖²."""
    x, y = vector("x", n), vector("y", n)
    return Inequality(dot(x, y) ** 2, "<=", squared_norm(x) * squared_norm(y), where={x: Real(), y: Real()})


@claim(n=range(1, 7), numeric_n=(16,))
def triangle_inequality_squared(n: int) -> Inequality:
    """(‖x + y‖² − ‖x‖² − ‖y‖²)² ≤ 4‖x‖²‖y‖², so ‖x + y‖² ≤ (‖x‖ + ‖y‖)² (§3.1.5, norms)."""
    x, y = vector("x", n), vector("y", n)
    cross = squared_norm(x + y) - squared_norm(x) - squared_norm(y)
    return Inequality(cross**2, "<=", 4 * squared_norm(x) * squared_norm(y), where={x: Real(), y: Real()})


@claim()
def quadratic_over_linear_hessian() -> Derivative:
    """∇²(x²/y) = (2/y³)·(y, −x)(y, −x)ᵀ on y > 0 (§3.1.5, quadratic-over-linear)."""
    x, y = sp.symbols("x y")
    H = quadratic_over_linear_hessian_matrix(x, y)
    return Derivative(x**2 / y, wrt=Matrix([x, y]), order=2, equals=H, where={x: Real(), y: Positive()})


@claim()
def quadratic_over_linear_convex() -> PSD:
    """(2/y³)·(y, −x)(y, −x)ᵀ ⪰ 0 on y > 0: x²/y is convex."""
    x, y = sp.symbols("x y")
    return PSD(quadratic_over_linear_hessian_matrix(x, y), where={x: Real(), y: Positive()})


@claim(n=range(1, 7), numeric_n=(12,))
def log_sum_exp_gradient(n: int) -> Derivative:
    """∇ log Σ e^{xᵢ} = softmax(x) (§3.1.5, log-sum-exp)."""
    x = vector("x", n)
    return Derivative(log_sum_exp(x), wrt=x, equals=softmax(x), where={x: Real()})


@claim(n=range(1, 7), numeric_n=(12,))
def log_sum_exp_hessian(n: int) -> Derivative:
    """∇² log Σ e^{xᵢ} = diag(p) − ppᵀ with p = softmax(x): the softmax Jacobian (§3.1.5)."""
    x = vector("x", n)
    return Derivative(log_sum_exp(x), wrt=x, order=2, equals=covariance(softmax(x)), where={x: Real()})


@claim(n=range(1, 9), numeric_n=(16,))
def log_sum_exp_convex(n: int) -> PSD:
    """diag(p) − ppᵀ ⪰ 0 for p = softmax(x): log-sum-exp is convex."""
    x = vector("x", n)
    return PSD(covariance(softmax(x)), where={x: Real()})


@claim(n=range(1, 7), numeric_n=(16,))
def log_sum_exp_cauchy_schwarz(n: int) -> Inequality:
    """(Σ zᵢvᵢ)² ≤ (Σ zᵢvᵢ²)(Σ zᵢ) for z > 0: B&V's step from that Hessian to ⪰ 0 (§3.1.5)."""
    z, v = vector("z", n), vector("v", n)
    weighted = dot(z, v.applyfunc(lambda t: t**2))
    return Inequality(dot(z, v) ** 2, "<=", weighted * sp.Add(*z), where={z: Positive(), v: Real()})


@claim(n=range(1, 9), numeric_n=(16,))
def covariance_on_simplex(n: int) -> PSD:
    """diag(p) − ppᵀ ⪰ 0 for every p in the simplex, not only p = softmax(x)."""
    p = vector("p", n)
    return PSD(covariance(p), where={p: Simplex()})


@claim(n=range(1, 5), numeric_n=(8,))
def geometric_mean_hessian(n: int) -> Derivative:
    """∇²(Π xᵢ)^{1/n} = −(f/n²)(n·diag(1/xᵢ²) − qqᵀ), qᵢ = 1/xᵢ, on x > 0 (§3.1.5, geometric mean)."""
    x = vector("x", n)
    return Derivative(geometric_mean(x), wrt=x, order=2, equals=-geometric_mean_curvature(x), where={x: Positive()})


@claim(n=range(1, 7), numeric_n=(8,))
def geometric_mean_concave(n: int) -> PSD:
    """−∇²(Π xᵢ)^{1/n} ⪰ 0 on x > 0: the geometric mean is concave (§3.1.5)."""
    x = vector("x", n)
    return PSD(geometric_mean_curvature(x), where={x: Positive()})


@claim(n=range(1, 4))
def log_det_along_line(n: int) -> Derivative:
    """g(t) = log det(Z + tV) has g″(t) = −tr((Z + tV)⁻¹V(Z + tV)⁻¹V) (§3.1.5, log-determinant)."""
    Z, V, t = mat("Z", n, n), mat("V", n, n), sp.Symbol("t")
    where = {Z: SPD(), V: Symmetric(), t: Real()}
    return Derivative(log_det(Z + t * V), wrt=t, order=2, equals=-inverse_trace(Z + t * V, V), where=where)


@claim(n=range(1, 3), numeric_n=(3,))
def log_det_concave(n: int) -> Inequality:
    """tr(Z⁻¹VZ⁻¹V) ≥ 0 for Z = LLᵀ ≻ 0, so g″ ≤ 0 at every point of the line: log det is concave (§3.1.5)."""
    L, where = cholesky_factor(n)
    V = matrix("V", n)
    return Inequality(inverse_trace(L * L.T, V), ">=", sp.Integer(0), where={**where, V: Symmetric()})


@claim(n=range(1, 9), numeric_n=(16,))
def jensen_for_the_square(n: int) -> Inequality:
    """(Σ θᵢxᵢ)² ≤ Σ θᵢxᵢ² for θ in the simplex: Jensen's inequality for t ↦ t² (§3.1.8)."""
    theta, x = vector("theta", n), vector("x", n)
    mean_square = dot(theta, x.applyfunc(lambda t: t**2))
    return Inequality(dot(theta, x) ** 2, "<=", mean_square, where={theta: Simplex(), x: Real()})


@claim(n=range(1, 5), numeric_n=(8,))
def log_sum_exp_affine_hessian(n: int) -> Derivative:
    """∇² log Σ e^{(Ax + b)ᵢ} = Aᵀ(diag(p) − ppᵀ)A, p = softmax(Ax + b) (§3.2.2)."""
    A, b, x = matrix("A", n), vector("b", n), vector("x", n)
    H = A.T * covariance(softmax(A * x + b)) * A
    return Derivative(log_sum_exp(A * x + b), wrt=x, order=2, equals=H, where={A: Real(), b: Real(), x: Real()})


@claim(n=range(1, 7), numeric_n=(12,))
def exp_of_convex_hessian(n: int) -> Derivative:
    """∇² exp(½‖x‖²) = e^{‖x‖²/2}(I + xxᵀ): h(g(x)) with h = exp (§3.2.4)."""
    x = vector("x", n)
    f = sp.exp(squared_norm(x) / 2)
    return Derivative(f, wrt=x, order=2, equals=f * (identity(n) + x * x.T), where={x: Real()})


@claim(n=range(1, 7), numeric_n=(12,))
def exp_of_convex_convex(n: int) -> PSD:
    """e^{‖x‖²/2}(I + xxᵀ) ⪰ 0: exp of a convex function is convex (§3.2.4)."""
    x = vector("x", n)
    return PSD(sp.exp(squared_norm(x) / 2) * (identity(n) + x * x.T), where={x: Real()})


@claim(n=range(1, 7), numeric_n=(12,))
def perspective_of_squared_norm_hessian(n: int) -> Derivative:
    """∇² (xᵀx/t) over (x, t) = (2/t)·[[I, −x/t], [−xᵀ/t, xᵀx/t²]] on t > 0 (§3.2.6)."""
    x, t = vector("x", n), sp.Symbol("t")
    H = perspective_hessian(x, t)
    return Derivative(squared_norm(x) / t, wrt=Matrix([*x, t]), order=2, equals=H, where={x: Real(), t: Positive()})


@claim(n=range(1, 7), numeric_n=(12,))
def perspective_of_squared_norm_convex(n: int) -> PSD:
    """That Hessian is ⪰ 0: the perspective xᵀx/t of ‖x‖² is convex (§3.2.6)."""
    x, t = vector("x", n), sp.Symbol("t")
    return PSD(perspective_hessian(x, t), where={x: Real(), t: Positive()})


@claim()
def relative_entropy_hessian() -> Derivative:
    """∇² t·log(t/x) over (x, t) = [[t/x², −1/x], [−1/x, 1/t]] on x, t > 0 (§3.2.6)."""
    x, t = sp.symbols("x t")
    H = relative_entropy_hessian_matrix(x, t)
    return Derivative(t * sp.log(t / x), wrt=Matrix([x, t]), order=2, equals=H, where={x: Positive(), t: Positive()})


@claim()
def relative_entropy_convex() -> PSD:
    """[[t/x², −1/x], [−1/x, 1/t]] ⪰ 0: the relative entropy, the perspective of −log x, is convex."""
    x, t = sp.symbols("x t")
    return PSD(relative_entropy_hessian_matrix(x, t), where={x: Positive(), t: Positive()})


@claim(n=range(2, 7), expect="refuted", notes="n starts at 2: at n = 1, p = 1 and both sides are 0.")
def log_sum_exp_hessian_without_outer_product(n: int) -> Derivative:
    """Wrong: ∇² log Σ e^{xᵢ} = diag(p), dropping −ppᵀ."""
    x = vector("x", n)
    return Derivative(log_sum_exp(x), wrt=x, order=2, equals=diag(softmax(x)), where={x: Real()})


@claim(n=range(1, 7), expect="refuted")
def covariance_twice(n: int) -> PSD:
    """Wrong: diag(p) − 2ppᵀ ⪰ 0 on the simplex."""
    p = vector("p", n)
    return PSD(diag(p) - 2 * p * p.T, where={p: Simplex()})


@claim(expect="refuted")
def quadratic_over_linear_convex_for_negative_y() -> PSD:
    """Wrong: x²/y is convex for y < 0 too (there it is concave: 2/y < 0)."""
    x, y = sp.symbols("x y")
    return PSD(quadratic_over_linear_hessian_matrix(x, y), where={x: Real(), y: Interval(-10, 0, open_hi=True)})


@claim(expect="refuted")
def quadratic_over_linear_hessian_sign_slip() -> Derivative:
    """Wrong: ∇²(x²/y) = (2/y³)·(y, x)(y, x)ᵀ, the off-diagonal sign lost."""
    x, y = sp.symbols("x y")
    H = quadratic_over_linear_hessian_matrix(-x, y)
    return Derivative(x**2 / y, wrt=Matrix([x, y]), order=2, equals=H, where={x: Real(), y: Positive()})


@claim(n=range(2, 7), expect="refuted", notes="n starts at 2: at n = 1 the geometric mean is x, linear.")
def geometric_mean_convex(n: int) -> PSD:
    """Wrong: ∇²(Π xᵢ)^{1/n} ⪰ 0, the geometric mean convex."""
    x = vector("x", n)
    return PSD(-geometric_mean_curvature(x), where={x: Positive()})


@claim(n=range(1, 7), expect="refuted")
def entropy_convex(n: int) -> PSD:
    """Wrong: the entropy −Σ xᵢ log xᵢ is convex, i.e. −diag(1/xᵢ) ⪰ 0."""
    x = vector("x", n)
    return PSD(-diag(x.applyfunc(lambda t: 1 / t)), where={x: Positive()})


@claim(n=range(1, 4), expect="refuted")
def negative_log_det_concave(n: int) -> Inequality:
    """Wrong: −log det is concave along lines, i.e. (d²/dt²)(−log det(Z + tV)) = tr(Z⁻¹VZ⁻¹V) ≤ 0."""
    Z, V = mat("Z", n, n), mat("V", n, n)
    return Inequality(inverse_trace(Z, V), "<=", sp.Integer(0), where={Z: SPD(), V: Symmetric()})


@claim(n=range(1, 7), expect="refuted")
def first_order_condition_indefinite(n: int) -> Inequality:
    """Wrong: f(y) ≥ f(x) + ∇f(x)ᵀ(y − x) for f = ½xᵀPx + qᵀx with P merely symmetric."""
    P, q, x, y = mat("P", n, n), mat("q", n), mat("x", n), mat("y", n)
    where = {P: Symmetric(), q: Real(), x: Real(), y: Real()}
    return Inequality(quadratic(P, q, y), ">=", tangent_plane(P, q, x, y), where=where)
