"""Autograd rules for vector and matrix operations at small fixed sizes n = 1, …, 4.

For x ∈ ℝⁿ and p = softmax(x): the softmax Jacobian is diag(p) − ppᵀ; log-softmax,
log p = x − logsumexp(x)·1, has Jacobian I − 1pᵀ (row i is eᵢᵀ − pᵀ); logsumexp has
gradient p. The cumulative sum cᵢ = Σ_{j≤i} xⱼ has the lower-triangular matrix of ones
as Jacobian. The cumulative product cᵢ = ∏_{j≤i} xⱼ has ∂cᵢ/∂xⱼ = cᵢ/xⱼ for j ≤ i, when
no entry is zero; so for an upstream gradient g, the vector-Jacobian product is
(Σ_{i≥j} gᵢcᵢ)/xⱼ, the reversed cumulative sum of g ⊙ c divided by x. Likewise
∂∏xᵢ/∂xⱼ = ∏xᵢ/xⱼ. Norms: ∇‖x‖² = 2x, ∇‖x‖ = x/‖x‖ away from 0, and for the
3-norm ∇‖x‖₃ = sign(x) ⊙ |x|²/‖x‖₃² (sign(x)|x|^{p−1}/‖x‖_p^{p−1} at p = 3); the normalisation u = x/‖x‖ has Jacobian
(I − uuᵀ)/‖x‖, the projection orthogonal to u scaled by 1/‖x‖. The dot product has
∂(aᵀb)/∂a = b. The mean has gradient 1/n; the unbiased variance
s² = Σ(xᵢ − x̄)²/(n − 1) has 2(x − x̄)/(n − 1), and the standard deviation s has
(x − x̄)/((n − 1)s). Cross-entropy with label smoothing ε, target q = (1 − ε)y + ε/n for
y on the simplex, has gradient p − q in the logits.

Matrices: for C = AB and an upstream gradient G, the vector-Jacobian product of
tr(GᵀAB) is GBᵀ in A and AᵀG in B; ∇ det A = det(A)·A^{−T} and, where det A > 0,
∇ log det A = A^{−T}, which is A^{−1} for a symmetric A (checked here on positive
definite A).

Kept on purpose as wrong versions: the log-softmax Jacobian as I, missing −1pᵀ; the
softmax Jacobian as diag(p), missing −ppᵀ; the cumprod gradient Σ_{i≥j} gᵢcᵢ without
dividing by xⱼ; the normalisation Jacobian I/‖x‖ without the projection; the unbiased
variance gradient with 2(x − x̄)/n; and the matmul gradient in A written BᵀG (factors in
the wrong order, and the wrong one transposed).

Sources: PyTorch `tools/autograd/derivatives.yaml` (entries named in each claim;
`cumprod_backward`, `norm_backward`, `var_backward`, `std_backward` in
`torch/csrc/autograd/FunctionsManual.cpp`); JAX `jax/_src/nn/functions.py` (softmax,
log_softmax, logsumexp) and `jax/_src/lax/lax.py` (cumsum, cumprod, dot_general
transpose rules); autograd `autograd/numpy/numpy_vjps.py` (cumsum, prod, var, std, matmul),
`autograd/numpy/linalg.py` (det, slogdet) and `autograd/scipy/special.py` (logsumexp). Matrix identities:
K. B. Petersen and M. S. Pedersen, *The Matrix Cookbook* (2012), eqs. (49), (57).
"""

from __future__ import annotations

import sympy as sp

from verifier import SPD, Derivative, General, Interval, Invertible, Nonzero, Real, Simplex, claim
from verifier.language.mathlib import Matrix, diag, dot, identity, matrix, ones, softmax, squared_norm, vector


def logsumexp(x: Matrix) -> sp.Expr:
    """log Σᵢ e^{xᵢ}."""
    return sp.log(sp.Add(*[sp.exp(xi) for xi in x]))


def log_softmax(x: Matrix) -> Matrix:
    """x − logsumexp(x)·1."""
    return x - logsumexp(x) * ones(len(x))


def cumsum(x: Matrix) -> Matrix:
    """cᵢ = Σ_{j≤i} xⱼ."""
    return Matrix([sp.Add(*x[: i + 1]) for i in range(len(x))])


def cumprod(x: Matrix) -> Matrix:
    """cᵢ = ∏_{j≤i} xⱼ."""
    return Matrix([sp.Mul(*x[: i + 1]) for i in range(len(x))])


def lower_ones(n: int) -> Matrix:
    """Lᵢⱼ = 1 for j ≤ i, else 0."""
    return Matrix(n, n, lambda i, j: 1 if j <= i else 0)


def norm(x: Matrix) -> sp.Expr:
    """‖x‖ = √(Σ xᵢ²)."""
    return sp.sqrt(squared_norm(x))


def mean(x: Matrix) -> sp.Expr:
    return sp.Add(*x) / len(x)


def unbiased_variance(x: Matrix) -> sp.Expr:
    """Σ(xᵢ − x̄)²/(n − 1)."""
    m = mean(x)
    return sp.Add(*[(xi - m) ** 2 for xi in x]) / (len(x) - 1)


def cumprod_vjp(g: Matrix, x: Matrix, divide: bool = True) -> Matrix:
    """(Σ_{i≥j} gᵢcᵢ)/xⱼ, or without the division."""
    c = cumprod(x)
    n = len(x)
    tails = [sp.Add(*[g[i] * c[i] for i in range(j, n)]) for j in range(n)]
    return Matrix([t / x[j] if divide else t for j, t in enumerate(tails)])


# --- softmax family ----------------------------------------------------------------------


@claim(n=range(1, 5))
def softmax_jacobian(n: int) -> Derivative:
    """∂softmax(x)/∂x = diag(p) − ppᵀ. PyTorch derivatives.yaml: `_softmax` (_softmax_backward_data); JAX nn.softmax."""
    x = vector("x", n)
    p = softmax(x)
    return Derivative(p, wrt=x, equals=diag(p) - p * p.T, where={x: Real()})


@claim(n=range(1, 5))
def log_softmax_jacobian(n: int) -> Derivative:
    """∂log_softmax(x)/∂x = I − 1pᵀ. PyTorch derivatives.yaml: `_log_softmax` (_log_softmax_backward_data)."""
    x = vector("x", n)
    p = softmax(x)
    return Derivative(log_softmax(x), wrt=x, equals=identity(n) - ones(n) * p.T, where={x: Real()})


@claim(n=range(1, 5))
def logsumexp_gradient(n: int) -> Derivative:
    """∇ logsumexp(x) = softmax(x). PyTorch derivatives.yaml: `logsumexp` (logsumexp_backward); autograd `logsumexp`."""
    x = vector("x", n)
    return Derivative(logsumexp(x), wrt=x, equals=softmax(x), where={x: Real()})


@claim(n=range(1, 5))
def label_smoothing_gradient(n: int) -> Derivative:
    """∇ −qᵀlog_softmax(x) = p − q, q = (1 − ε)y + ε/n, y on the simplex. PyTorch: cross_entropy (label_smoothing)."""
    x, y = vector("x", n), vector("y", n)
    eps = sp.Symbol("epsilon")
    q = (1 - eps) * y + eps / n * ones(n)
    loss = -dot(q, log_softmax(x))
    return Derivative(loss, wrt=x, equals=softmax(x) - q, where={x: Real(), y: Simplex(), eps: Interval(0, 1)})


# --- scans and products --------------------------------------------------------------------


@claim(n=range(1, 5))
def cumsum_jacobian(n: int) -> Derivative:
    """∂cumsum(x)/∂x = L, the lower-triangular matrix of ones. PyTorch derivatives.yaml: `cumsum`; JAX lax.cumsum."""
    x = vector("x", n)
    return Derivative(cumsum(x), wrt=x, equals=lower_ones(n), where={x: Real()})


@claim(n=range(1, 5))
def cumprod_jacobian(n: int) -> Derivative:
    """∂cᵢ/∂xⱼ = cᵢ/xⱼ for j ≤ i, 0 otherwise, c = cumprod(x), x without zeros. PyTorch derivatives.yaml: `cumprod`."""
    x = vector("x", n)
    c = cumprod(x)
    J = Matrix(n, n, lambda i, j: c[i] / x[j] if j <= i else 0)
    return Derivative(c, wrt=x, equals=J, where={x: Nonzero()})


@claim(n=range(1, 5))
def cumprod_gradient(n: int) -> Derivative:
    """∇ₓ gᵀcumprod(x) = (Σ_{i≥j} gᵢcᵢ)/xⱼ, x without zeros. PyTorch derivatives.yaml: `cumprod` (cumprod_backward)."""
    x, g = vector("x", n), vector("g", n)
    return Derivative(dot(g, cumprod(x)), wrt=x, equals=cumprod_vjp(g, x), where={x: Nonzero(), g: Real()})


@claim(n=range(1, 5))
def prod_gradient(n: int) -> Derivative:
    """∂∏xᵢ/∂xⱼ = ∏xᵢ/xⱼ, x without zeros. PyTorch derivatives.yaml: `prod` (prod_backward); autograd `prod`."""
    x = vector("x", n)
    P = sp.Mul(*x)
    return Derivative(P, wrt=x, equals=Matrix([P / xj for xj in x]), where={x: Nonzero()})


# --- norms and moments ----------------------------------------------------------------------


@claim(n=range(1, 5))
def squared_norm_gradient(n: int) -> Derivative:
    """∇‖x‖² = 2x. PyTorch derivatives.yaml: `pow` then `sum`; autograd `dot`."""
    x = vector("x", n)
    return Derivative(squared_norm(x), wrt=x, equals=2 * x, where={x: Real()})


@claim(n=range(1, 5))
def norm_gradient(n: int) -> Derivative:
    """∇‖x‖ = x/‖x‖, x ≠ 0. PyTorch derivatives.yaml: `linalg_vector_norm` (norm_backward, p = 2)."""
    x = vector("x", n)
    return Derivative(norm(x), wrt=x, equals=x / norm(x), where={x: Nonzero()})


@claim(n=range(1, 5))
def three_norm_gradient(n: int) -> Derivative:
    """∇‖x‖₃ = sign(x) ⊙ |x|²/‖x‖₃², x ≠ 0. PyTorch derivatives.yaml: `linalg_vector_norm` (norm_backward, p = 3)."""
    x = vector("x", n)
    r = sp.Add(*[sp.Abs(xi) ** 3 for xi in x]) ** sp.Rational(1, 3)
    return Derivative(r, wrt=x, equals=Matrix([sp.sign(xi) * sp.Abs(xi) ** 2 / r**2 for xi in x]), where={x: Nonzero()})


@claim(n=range(1, 5))
def normalize_jacobian(n: int) -> Derivative:
    """∂(x/‖x‖)/∂x = (I − uuᵀ)/‖x‖, u = x/‖x‖. PyTorch: F.normalize, through `linalg_vector_norm` and `div`."""
    x = vector("x", n)
    u = x / norm(x)
    return Derivative(u, wrt=x, equals=(identity(n) - u * u.T) / norm(x), where={x: Nonzero()})


@claim(n=range(1, 5))
def dot_gradient(n: int) -> Derivative:
    """∂(aᵀb)/∂a = b. PyTorch derivatives.yaml: `dot` (self: grad·tensor); autograd `dot`."""
    a, b = vector("a", n), vector("b", n)
    return Derivative(dot(a, b), wrt=a, equals=b, where={a: Real(), b: Real()})


@claim(n=range(1, 5))
def mean_gradient(n: int) -> Derivative:
    """∇ mean(x) = 1/n. PyTorch derivatives.yaml: `mean` (grad expanded and divided by n)."""
    x = vector("x", n)
    return Derivative(mean(x), wrt=x, equals=ones(n) / n, where={x: Real()})


@claim(n=range(2, 5))
def variance_gradient(n: int) -> Derivative:
    """∇ s² = 2(x − x̄)/(n − 1), unbiased. PyTorch derivatives.yaml: `var.correction` (var_backward)."""
    x = vector("x", n)
    return Derivative(unbiased_variance(x), wrt=x, equals=2 * (x - mean(x) * ones(n)) / (n - 1), where={x: Real()})


@claim(n=range(2, 5))
def std_gradient(n: int) -> Derivative:
    """∇ s = (x − x̄)/((n − 1)s), unbiased, s > 0. PyTorch derivatives.yaml: `std.correction` (std_backward)."""
    x = vector("x", n)
    s = sp.sqrt(unbiased_variance(x))
    return Derivative(s, wrt=x, equals=(x - mean(x) * ones(n)) / ((n - 1) * s), where={x: Real()})


# --- matrices -------------------------------------------------------------------------------


@claim(n=range(1, 4))
def matmul_gradient_left(n: int) -> Derivative:
    """∂tr(GᵀAB)/∂A = GBᵀ. PyTorch derivatives.yaml: `mm` (self: mm_mat1_backward); autograd `matmul`."""
    A, B, G = matrix("A", n), matrix("B", n), matrix("G", n)
    return Derivative((G.T * A * B).trace(), wrt=A, equals=G * B.T, where={A: General(), B: General(), G: General()})


@claim(n=range(1, 4))
def matmul_gradient_right(n: int) -> Derivative:
    """∂tr(GᵀAB)/∂B = AᵀG. PyTorch derivatives.yaml: `mm` (mat2: mm_mat2_backward); autograd `matmul`."""
    A, B, G = matrix("A", n), matrix("B", n), matrix("G", n)
    return Derivative((G.T * A * B).trace(), wrt=B, equals=A.T * G, where={A: General(), B: General(), G: General()})


@claim(n=range(1, 4))
def det_gradient(n: int) -> Derivative:
    """∇ det A = det(A)·A^{−T}. PyTorch derivatives.yaml: `_linalg_det` (linalg_det_backward); autograd `det`."""
    A = matrix("A", n)
    return Derivative(A.det(), wrt=A, equals=A.det() * A.inv().T, where={A: Invertible()})


@claim(n=range(1, 4))
def logdet_gradient(n: int) -> Derivative:
    """∇ log det A = A^{−T} for A positive definite. PyTorch derivatives.yaml: `logdet`; autograd `slogdet`."""
    A = matrix("A", n)
    return Derivative(sp.log(A.det()), wrt=A, equals=A.inv().T, where={A: SPD()})


@claim(n=range(1, 4))
def slogdet_gradient(n: int) -> Derivative:
    """∇ log|det A| = A^{−T} for A invertible. PyTorch derivatives.yaml: `_linalg_slogdet` (logabsdet)."""
    A = matrix("A", n)
    return Derivative(sp.log(sp.Abs(A.det())), wrt=A, equals=A.inv().T, where={A: Invertible()})


# --- wrong versions ----------------------------------------------------------------------------


@claim(n=range(1, 5), expect="refuted")
def log_softmax_jacobian_identity(n: int) -> Derivative:
    """Wrong: ∂log_softmax(x)/∂x = I, missing −1pᵀ from the normaliser."""
    x = vector("x", n)
    return Derivative(log_softmax(x), wrt=x, equals=identity(n), where={x: Real()})


@claim(n=range(1, 5), expect="refuted")
def softmax_jacobian_diagonal(n: int) -> Derivative:
    """Wrong: ∂softmax(x)/∂x = diag(p), missing −ppᵀ."""
    x = vector("x", n)
    p = softmax(x)
    return Derivative(p, wrt=x, equals=diag(p), where={x: Real()})


@claim(n=range(1, 5), expect="refuted")
def cumprod_gradient_without_division(n: int) -> Derivative:
    """Wrong: ∇ₓ gᵀcumprod(x) = Σ_{i≥j} gᵢcᵢ, without dividing by xⱼ."""
    x, g = vector("x", n), vector("g", n)
    return Derivative(
        dot(g, cumprod(x)), wrt=x, equals=cumprod_vjp(g, x, divide=False), where={x: Nonzero(), g: Real()}
    )


@claim(n=range(1, 5), expect="refuted")
def normalize_jacobian_without_projection(n: int) -> Derivative:
    """Wrong: ∂(x/‖x‖)/∂x = I/‖x‖, forgetting that ‖x‖ depends on x."""
    x = vector("x", n)
    return Derivative(x / norm(x), wrt=x, equals=identity(n) / norm(x), where={x: Nonzero()})


@claim(n=range(2, 5), expect="refuted")
def variance_gradient_biased(n: int) -> Derivative:
    """Wrong: ∇ s² = 2(x − x̄)/n for the unbiased variance, the 1/n of the biased one."""
    x = vector("x", n)
    return Derivative(unbiased_variance(x), wrt=x, equals=2 * (x - mean(x) * ones(n)) / n, where={x: Real()})


@claim(n=range(1, 4), expect="refuted")
def matmul_gradient_left_swapped(n: int) -> Derivative:
    """Wrong: ∂tr(GᵀAB)/∂A = BᵀG, the factors in the wrong order."""
    A, B, G = matrix("A", n), matrix("B", n), matrix("G", n)
    return Derivative((G.T * A * B).trace(), wrt=A, equals=B.T * G, where={A: General(), B: General(), G: General()})
