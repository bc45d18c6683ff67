"""Logistic regression, softmax and batch normalisation in matrix notation, for every n.

The claims are written as on paper, with sympy matrix expressions of symbolic size:
elementwise functions as ``M.applyfunc(f)`` (f∘M), sums of entries as products with a
ones vector 1 (``OneMatrix``), diag(v) as ``DiagMatrix(v)`` and ∘ as ``HadamardProduct``.

Logistic regression (X ∈ ℝ^{(n+1)×n}, labels y, weights w, z = Xw). With the logistic
sigmoid σ(t) = 1/(1 + e^{−t}) = eᵗ/(1 + eᵗ), the cross-entropy error is
E(w) = 1ᵀ softplus(z) − yᵀz, softplus(t) = log(1 + eᵗ) (the form in logistic_loss.py).
Since softplus′ = σ, the chain rule gives ∇E = Xᵀ(σ(z) − y), and since σ′ = σ(1 − σ),
∇²E = Xᵀ diag(σ(z) ∘ (1 − σ(z))) X. Here σ is written over the common denominator,
eᵗ/(1 + eᵗ), which is what differentiating softplus gives; that it is the textbook
1/(1 + e^{−t}) is an identity between two different functions of e^t that the generic
rung does not see (its atoms hide such identities), so the claim saying so is checked
at explicit n, as are σ(−z) = 1 − σ(z) and σ′ written as e^t/(1 + e^t)².

Softmax. For z ∈ ℝⁿ, log-sum-exp lse(z) = log 1ᵀexp(z) has gradient the softmax
p = exp(z)/1ᵀexp(z), and the softmax has Jacobian diag(p) − ppᵀ, which is therefore also
the Hessian of lse. The cross-entropy of p against labels y is −yᵀ log p
= (1ᵀy)·lse(z) − yᵀz, with gradient (1ᵀy)·p − y: p − y when the labels sum to 1.

Batch normalisation (a batch x ∈ ℝᵐ of one feature, m = n + 1). Centring
c = x − 1(1ᵀx)/m has Jacobian I − 11ᵀ/m; the biased variance v = cᵀc/m has gradient
2c/m; and the normalised x̂ = c·(v + ε)^{−1/2} has Jacobian
(v + ε)^{−1/2}(I − 11ᵀ/m − ccᵀ/(m(v + ε))).

Kept on purpose as wrong versions, each REFUTED at explicit n: the logistic gradient
without −y, with X in place of Xᵀ (a square X), the softmax Jacobian without −ppᵀ, the
log-sum-exp gradient without its normaliser, and the batch-norm Jacobian without the
ccᵀ term.

Source: I. Goodfellow, Y. Bengio and A. Courville, *Deep Learning* (2016), §6.2.2.2–6.2.2.3
(sigmoid and softmax units, log-sum-exp); C. M. Bishop, *Pattern Recognition and Machine
Learning* (2006), §4.3.2–4.3.4 (eqs. 4.88–4.91, 4.96–4.98, 4.104–4.109); S. Ioffe and
C. Szegedy, "Batch Normalization", ICML 2015, Algorithm 1 and §3.
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix

from verifier import Derivative, Identity, Positive, Real, claim

t = sp.Symbol("t")
sigma = sp.Lambda(t, sp.exp(t) / (1 + sp.exp(t)))  # σ(t) = 1/(1 + e^{−t}) = eᵗ/(1 + eᵗ)
sigma_textbook = sp.Lambda(t, 1 / (1 + sp.exp(-t)))
softplus = sp.Lambda(t, sp.log(1 + sp.exp(t)))
exp = sp.Lambda(t, sp.exp(t))


def ones(rows: int, cols: int = 1) -> sp.OneMatrix:
    return sp.OneMatrix(rows, cols)


def real(*symbols: sp.MatrixSymbol) -> dict[sp.MatrixSymbol, Real]:
    return {s: Real() for s in symbols}


# ----------------------------------------------------------------------------- logistic regression


def logistic(n: int) -> tuple[sp.MatrixSymbol, sp.MatrixSymbol, sp.MatrixSymbol, sp.Expr]:
    """X ∈ ℝ^{(n+1)×n}, y ∈ ℝ^{n+1}, w ∈ ℝⁿ and E(w) = 1ᵀ softplus(Xw) − yᵀXw."""
    X, y, w = sp.MatrixSymbol("X", n + 1, n), sp.MatrixSymbol("y", n + 1, 1), sp.MatrixSymbol("w", n, 1)
    z = X * w
    return X, y, w, (ones(1, n + 1) * z.applyfunc(softplus))[0, 0] - (y.T * z)[0, 0]


@claim(n=range(1, 4))
def logistic_gradient(n: int) -> Derivative:
    """∇E = Xᵀ(σ(Xw) − y)."""
    X, y, w, E = logistic(n)
    return Derivative(E, wrt=w, equals=X.T * ((X * w).applyfunc(sigma) - y), where=real(X, y, w))


@claim(n=range(1, 3))
def logistic_hessian(n: int) -> Derivative:
    """∇²E = Xᵀ diag(σ(Xw) ∘ (1 − σ(Xw))) X."""
    X, y, w, E = logistic(n)
    s = (X * w).applyfunc(sigma)
    S = DiagMatrix(sp.HadamardProduct(s, ones(n + 1) - s))
    return Derivative(E, wrt=w, equals=X.T * S * X, order=2, where=real(X, y, w))


@claim(n=range(1, 3))
def logistic_hessian_slope(n: int) -> Derivative:
    """∇²E = Xᵀ diag(σ′(Xw)) X, with σ′(t) = eᵗ/(1 + eᵗ)² (atoms differ: checked at explicit n)."""
    X, y, w, E = logistic(n)
    slope = sp.Lambda(t, sp.exp(t) / (1 + sp.exp(t)) ** 2)
    return Derivative(E, wrt=w, equals=X.T * DiagMatrix((X * w).applyfunc(slope)) * X, order=2, where=real(X, y, w))


@claim(n=range(2, 4), notes="From n = 2: sympy 1.14 fails to build the 1×1 applyfunc of eᵗ/(1 + eᵗ).")
def sigmoid_spellings(n: int) -> Identity:
    """eᶻ/(1 + eᶻ) = 1/(1 + e^{−z}) entrywise (atoms differ: checked at explicit n)."""
    z = sp.MatrixSymbol("z", n, 1)
    return Identity(z.applyfunc(sigma), z.applyfunc(sigma_textbook), where=real(z))


@claim(n=range(1, 4))
def sigmoid_symmetry(n: int) -> Identity:
    """σ(−z) = 1 − σ(z) entrywise (atoms differ: checked at explicit n)."""
    z = sp.MatrixSymbol("z", n, 1)
    return Identity((-z).applyfunc(sigma_textbook), ones(n) - z.applyfunc(sigma_textbook), where=real(z))


@claim(n=range(1, 4), expect="refuted")
def logistic_gradient_without_labels(n: int) -> Derivative:
    """Wrong: ∇E = Xᵀσ(Xw) (the −y dropped)."""
    X, y, w, E = logistic(n)
    return Derivative(E, wrt=w, equals=X.T * (X * w).applyfunc(sigma), where=real(X, y, w))


@claim(n=range(2, 4), expect="refuted")
def logistic_gradient_untransposed(n: int) -> Derivative:
    """Wrong: ∇E = X(σ(Xw) − y) for a square X (Xᵀ written as X)."""
    X, y, w = sp.MatrixSymbol("X", n, n), sp.MatrixSymbol("y", n, 1), sp.MatrixSymbol("w", n, 1)
    z = X * w
    E = (ones(1, n) * z.applyfunc(softplus))[0, 0] - (y.T * z)[0, 0]
    return Derivative(E, wrt=w, equals=X * (z.applyfunc(sigma) - y), where=real(X, y, w))


# ----------------------------------------------------------------------------- softmax


def softmax(z: sp.MatrixSymbol) -> sp.MatrixExpr:
    """p = exp(z)/1ᵀexp(z)."""
    e = z.applyfunc(exp)
    return e / (ones(1, z.rows) * e)[0, 0]


def log_sum_exp(z: sp.MatrixSymbol) -> sp.Expr:
    return sp.log((ones(1, z.rows) * z.applyfunc(exp))[0, 0])


@claim(n=range(1, 5))
def log_sum_exp_gradient(n: int) -> Derivative:
    """∇ log 1ᵀexp(z) = exp(z)/1ᵀexp(z), the softmax."""
    z = sp.MatrixSymbol("z", n, 1)
    return Derivative(log_sum_exp(z), wrt=z, equals=softmax(z), where=real(z))


@claim(n=range(1, 4))
def softmax_jacobian(n: int) -> Derivative:
    """∂p/∂z = diag(p) − ppᵀ."""
    z = sp.MatrixSymbol("z", n, 1)
    p = softmax(z)
    return Derivative(p, wrt=z, equals=DiagMatrix(p) - p * p.T, where=real(z))


@claim(n=range(1, 4))
def log_sum_exp_hessian(n: int) -> Derivative:
    """∇² log 1ᵀexp(z) = diag(p) − ppᵀ."""
    z = sp.MatrixSymbol("z", n, 1)
    p = softmax(z)
    return Derivative(log_sum_exp(z), wrt=z, equals=DiagMatrix(p) - p * p.T, order=2, where=real(z))


@claim(n=range(1, 4))
def softmax_cross_entropy_gradient(n: int) -> Derivative:
    """∇ [(1ᵀy)·lse(z) − yᵀz] = (1ᵀy)·p − y (p − y for labels summing to 1)."""
    z, y = sp.MatrixSymbol("z", n, 1), sp.MatrixSymbol("y", n, 1)
    total = (ones(1, n) * y)[0, 0]
    loss = total * log_sum_exp(z) - (y.T * z)[0, 0]
    return Derivative(loss, wrt=z, equals=total * softmax(z) - y, where=real(z, y))


@claim(n=range(2, 4), expect="refuted")
def softmax_jacobian_without_outer_product(n: int) -> Derivative:
    """Wrong: ∂p/∂z = diag(p) (the −ppᵀ dropped)."""
    z = sp.MatrixSymbol("z", n, 1)
    return Derivative(softmax(z), wrt=z, equals=DiagMatrix(softmax(z)), where=real(z))


@claim(n=range(1, 4), expect="refuted")
def log_sum_exp_gradient_unnormalised(n: int) -> Derivative:
    """Wrong: ∇ log 1ᵀexp(z) = exp(z)."""
    z = sp.MatrixSymbol("z", n, 1)
    return Derivative(log_sum_exp(z), wrt=z, equals=z.applyfunc(exp), where=real(z))


# ----------------------------------------------------------------------------- batch normalisation


def centred(x: sp.MatrixSymbol) -> sp.MatrixExpr:
    """c = x − 1(1ᵀx)/m."""
    m = x.rows
    return x - ones(m, m) * x / m


def normalised(x: sp.MatrixSymbol, eps: sp.Symbol) -> tuple[sp.MatrixExpr, sp.Expr]:
    """x̂ = c·(v + ε)^{−1/2} and v + ε, with v = cᵀc/m."""
    c = centred(x)
    v = (c.T * c)[0, 0] / x.rows
    return c * (v + eps) ** sp.Rational(-1, 2), v + eps


@claim(n=range(1, 4))
def batch_norm_centring_jacobian(n: int) -> Derivative:
    """∂c/∂x = I − 11ᵀ/m for a batch of m = n + 1."""
    x = sp.MatrixSymbol("x", n + 1, 1)
    return Derivative(centred(x), wrt=x, equals=sp.Identity(n + 1) - ones(n + 1, n + 1) / (n + 1), where=real(x))


@claim(n=range(1, 4))
def batch_norm_variance_gradient(n: int) -> Derivative:
    """∇ cᵀc/m = 2c/m."""
    x = sp.MatrixSymbol("x", n + 1, 1)
    c = centred(x)
    return Derivative((c.T * c)[0, 0] / (n + 1), wrt=x, equals=2 * c / (n + 1), where=real(x))


@claim(n=range(1, 3))
def batch_norm_jacobian(n: int) -> Derivative:
    """∂x̂/∂x = (v + ε)^{−1/2}(I − 11ᵀ/m − ccᵀ/(m(v + ε)))."""
    x, eps, m = sp.MatrixSymbol("x", n + 1, 1), sp.Symbol("epsilon"), n + 1
    c = centred(x)
    xhat, s = normalised(x, eps)
    J = (sp.Identity(m) - ones(m, m) / m - c * c.T / (m * s)) * s ** sp.Rational(-1, 2)
    return Derivative(xhat, wrt=x, equals=J, where={x: Real(), eps: Positive()})


@claim(n=range(1, 3), expect="refuted")
def batch_norm_jacobian_without_variance_term(n: int) -> Derivative:
    """Wrong: ∂x̂/∂x = (v + ε)^{−1/2}(I − 11ᵀ/m)."""
    x, eps, m = sp.MatrixSymbol("x", n + 1, 1), sp.Symbol("epsilon"), n + 1
    xhat, s = normalised(x, eps)
    J = (sp.Identity(m) - ones(m, m) / m) * s ** sp.Rational(-1, 2)
    return Derivative(xhat, wrt=x, equals=J, where={x: Real(), eps: Positive()})
