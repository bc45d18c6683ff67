"""Softmax and cross-entropy.

The softmax maps logits z ∈ ℝⁿ to probabilities p = softmax(z), pᵢ = e^{zᵢ} / Σⱼ e^{zⱼ}.
Its Jacobian is ∂p/∂z = diag(p) − ppᵀ: the diagonal term comes from the numerator
e^{zᵢ}, the outer product from the shared normaliser.

Taking logs, log pᵢ = zᵢ − log Σⱼ e^{zⱼ}. So with a target y on the probability simplex
(yᵢ ≥ 0, Σ yᵢ = 1; a one-hot label is the special case) the cross-entropy is
L = −Σᵢ yᵢ log pᵢ = −yᵀz + (Σ yᵢ) log Σⱼ e^{zⱼ}, and the loss below is written in this
form. Because Σ yᵢ = 1 its gradient collapses to ∇L = p − y, and its Hessian is the
softmax Jacobian again, ∇²L = diag(p) − ppᵀ, which no longer depends on y.

That Hessian is positive semidefinite: using Σ pᵢ = 1,
vᵀ(diag(p) − ppᵀ)v = Σᵢ pᵢvᵢ² − (pᵀv)² = Σᵢ pᵢ(vᵢ − pᵀv)², the variance of v under p.
So L is convex in z. It is never strictly convex: (diag(p) − ppᵀ)1 = p − p(pᵀ1) = 0,
which is the infinitesimal form of the shift invariance softmax(z + c1) = softmax(z).

Kept on purpose as wrong versions: the Hessian without −ppᵀ, the gradient written as p
(forgetting −y), the Jacobian taken entrywise as for a sigmoid, diag(p ⊙ (1 − p)), and
"softmax is invariant to scaling the logits" (it is not: scaling is a temperature).

Source: C. M. Bishop, *Pattern Recognition and Machine Learning* (2006), §4.3.4
(eqs. 4.104–4.110: softmax, its derivatives, cross-entropy, gradient and Hessian);
I. Goodfellow, Y. Bengio and A. Courville, *Deep Learning* (2016), §6.2.2.3 (softmax
units, invariance to adding a scalar to all logits).
"""

from __future__ import annotations

import sympy as sp

from verifier import PSD, Certificate, Derivative, Identity, Real, Simplex, claim
from verifier.language.mathlib import Matrix, diag, dot, hadamard, ones, scalar, softmax, vector


def log_softmax(z: Matrix) -> Matrix:
    """log p = z − (log Σⱼ e^{zⱼ})·1."""
    return z - sp.log(sp.Add(*[sp.exp(zj) for zj in z])) * ones(len(z))


def cross_entropy(y: Matrix, z: Matrix) -> sp.Expr:
    """L = −Σᵢ yᵢ log pᵢ, with log p = log_softmax(z)."""
    return -dot(y, log_softmax(z))


@claim(n=range(1, 9), numeric_n=(64,))
def jacobian(n: int) -> Derivative:
    """∂p/∂z = diag(p) − ppᵀ."""
    z = vector("z", n)
    p = softmax(z)
    return Derivative(p, wrt=z, equals=diag(p) - p * p.T, where={z: Real()})


@claim(n=range(1, 9), numeric_n=(64,))
def log_probabilities(n: int) -> Identity:
    """log pᵢ = zᵢ − log Σⱼ e^{zⱼ}."""
    z = vector("z", n)
    return Identity(softmax(z).applyfunc(sp.log), log_softmax(z), where={z: Real()})


@claim(n=range(1, 9), numeric_n=(64,))
def gradient(n: int) -> Derivative:
    """∇_z L = p − y, for y on the simplex (Σ yᵢ = 1)."""
    z, y = vector("z", n), vector("y", n)
    p = softmax(z)
    return Derivative(cross_entropy(y, z), wrt=z, equals=p - y, where={z: Real(), y: Simplex()})


@claim(n=range(1, 9), numeric_n=(16,))
def hessian(n: int) -> Derivative:
    """∇²_z L = diag(p) − ppᵀ, for y on the simplex."""
    z, y = vector("z", n), vector("y", n)
    p = softmax(z)
    return Derivative(
        cross_entropy(y, z),
        wrt=z,
        order=2,
        equals=diag(p) - p * p.T,
        where={z: Real(), y: Simplex()},
    )


@claim(n=range(1, 9), numeric_n=(16,))
def hessian_psd(n: int) -> PSD:
    """diag(p) − ppᵀ ⪰ 0, since vᵀHv = Σᵢ pᵢ(vᵢ − pᵀv)² (uses Σ pᵢ = 1)."""
    z, v = vector("z", n), vector("v", n)
    p = softmax(z)
    pv = dot(p, v)
    return PSD(
        diag(p) - p * p.T,
        where={z: Real()},
        certificate=Certificate(v, weights=tuple(p), forms=tuple(vi - pv for vi in v)),
    )


@claim(n=range(1, 9), numeric_n=(16,))
def hessian_singular(n: int) -> Identity:
    """(diag(p) − ppᵀ)·1 = 0: the Hessian is singular along the all-ones direction."""
    z = vector("z", n)
    p = softmax(z)
    return Identity((diag(p) - p * p.T) * ones(n), sp.zeros(n, 1), where={z: Real()})


@claim(n=range(1, 9), numeric_n=(64,))
def shift_invariance(n: int) -> Identity:
    """softmax(z + c·1) = softmax(z)."""
    z, c = vector("z", n), scalar("c")
    return Identity(softmax(z + c * ones(n)), softmax(z), where={z: Real(), c: Real()})


@claim(n=range(1, 9), expect="refuted")
def hessian_without_outer_product(n: int) -> Derivative:
    """Wrong: ∇²_z L = diag(p), dropping −ppᵀ."""
    z, y = vector("z", n), vector("y", n)
    p = softmax(z)
    return Derivative(cross_entropy(y, z), wrt=z, order=2, equals=diag(p), where={z: Real(), y: Simplex()})


@claim(n=range(1, 9), expect="refuted")
def gradient_without_label(n: int) -> Derivative:
    """Wrong: ∂L/∂z_k = p_k, forgetting the −y_k."""
    z, y = vector("z", n), vector("y", n)
    p = softmax(z)
    return Derivative(cross_entropy(y, z), wrt=z, equals=p, where={z: Real(), y: Simplex()})


@claim(n=range(2, 9), expect="refuted", notes="n starts at 2: at n = 1, p = 1 and both sides are 0.")
def jacobian_entrywise(n: int) -> Derivative:
    """Wrong: ∂p/∂z = diag(p ⊙ (1 − p)), as if softmax acted entrywise like σ."""
    z = vector("z", n)
    p = softmax(z)
    return Derivative(p, wrt=z, equals=diag(hadamard(p, ones(n) - p)), where={z: Real()})


@claim(n=range(2, 9), expect="refuted", notes="n starts at 2: at n = 1, softmax is constant 1.")
def scale_invariance(n: int) -> Identity:
    """Wrong: softmax(c·z) = softmax(z) (scaling the logits changes the temperature)."""
    z, c = vector("z", n), scalar("c")
    return Identity(softmax(c * z), softmax(z), where={z: Real(), c: Real()})
