"""Gradient descent on a quadratic: the error dynamics and the step-size condition.

Take h(x) = ½xᵀQx + cᵀx with Q symmetric positive definite. Its gradient is
∇h(x) = Qx + c, which vanishes at x* = −Q⁻¹c. As Q is invertible, every c is −Qx* for
exactly this x*, so from there on the claims write c = −Qx* and stay polynomial (the
claim with the explicit inverse stops at n = 4: a symbolic inverse grows too fast).
Then h(x) − h(x*) = ½(x − x*)ᵀQ(x − x*) > 0 for x ≠ x*: x* is the unique minimiser.

Gradient descent with step size η takes x_{t+1} = x_t − η∇h(x_t). Because Qx* = −c,
∇h(x_t) = Q(x_t − x*), so the error r_t = x_t − x* obeys the linear recursion
r_{t+1} = (I − ηQ)r_t, and r_t = (I − ηQ)ᵗr₀. Diagonalise Q = U·diag(λ)·Uᵀ with U
orthogonal and eigenvalues λᵢ > 0: then I − ηQ = U·diag(1 − ηλᵢ)·Uᵀ, and
r_t = U·diag((1 − ηλᵢ)ᵗ)·Uᵀr₀. In the eigenbasis each coordinate of the error is
multiplied by 1 − ηλᵢ at every step, so ‖r_{t+1}‖ ≤ maxᵢ|1 − ηλᵢ|·‖r_t‖, and the error
goes to 0 from every r₀ exactly when every |1 − ηλᵢ| < 1, that is when
0 < η < 2/λ_max. With η = 2τ/λ_max for some τ ∈ (0, 1), 1 − ηλᵢ ∈ (−1, 1) for all i;
with η = 2κ/λ_max for κ ≥ 1, the mode of λ_max has |1 − ηλ_max| = 2κ − 1 ≥ 1 and
does not decay.

The eigenbasis claim needs UᵀU = I, which the Orthogonal domain only samples, so on its
own it is CHECKED. It is also stated for U = (I − S)(I + S)⁻¹, the Cayley transform of a
skew-symmetric S, which is orthogonal by algebra alone; there the identity is a rational
function identity and is PROVED. Every rotation without eigenvalue −1 has this form, and
the identity extends by continuity to all of SO(n), and then to all of O(n), since
flipping the sign of a column of U does not change U·D·Uᵀ for diagonal D.

The max over eigenvalues has no symbolic normal form, so the step-size claims and the
contraction bound are CHECKED numerically.

The rate can also be checked on the iteration itself. Take the concrete
Q = [[2, 1, 0], [1, 2, 0], [0, 0, 5]] with eigenvalues 1, 3, 5 and c = (1, −1, 2)ᵀ. With
η = 1/4 the factors 1 − ηλᵢ are 3/4, 1/4 and −1/4, so ‖r_t‖^{1/t} → ρ = 3/4: the mode of
the smallest eigenvalue is the slowest. With η = 2/(λ_min + λ_max) = 1/3 the two ends
balance, 1 − ηλ_min = 2/3 = −(1 − ηλ_max), and ρ = (κ − 1)/(κ + 1) = 2/3 for κ = λ_max/λ_min = 5,
the best rate any fixed step achieves. The rate is the spectral radius of the Jacobian
I − ηQ of the step at x*, so for a concrete Q it is PROVED from exact eigenvalues.

Kept on purpose as wrong versions: "the rate is |1 − ηλ_max|" (1/4 here; it holds only
when the mode of λ_max is the slowest), and "η < 2/λ_min suffices". With η = 2τ/λ_min the
mode of λ_max has |1 − ηλ_max| = |1 − 2τλ_max/λ_min|, which exceeds 1 as soon as
λ_max/λ_min > 1/τ: that mode grows and the iteration diverges.

Source: I. Goodfellow, Y. Bengio and A. Courville, *Deep Learning* (2016), §4.3
(gradient descent, the quadratic model and the step size) and §8.3; S. Boyd and
L. Vandenberghe, *Convex Optimization* (2004), §9.3 (gradient descent, convergence
analysis) and §9.1.1 (unconstrained quadratic minimisation); G. Goh, "Why Momentum
Really Works", Distill (2017), section "First steps: gradient descent".
"""

from __future__ import annotations

import sympy as sp

from verifier import (
    SPD,
    Convergence,
    Derivative,
    Identity,
    Inequality,
    Interval,
    Orthogonal,
    Positive,
    Real,
    claim,
)
from verifier.language.mathlib import Matrix, diag, dot, identity, matrix, scalar, squared_norm, vector

STEPS = 3  # the concrete t for the closed form of r_t
Q_CONCRETE = Matrix([[2, 1, 0], [1, 2, 0], [0, 0, 5]])  # eigenvalues 1, 3, 5
C_CONCRETE = Matrix([1, -1, 2])
EIGENVALUES = (1, 3, 5)


def objective(Q: Matrix, c: Matrix, x: Matrix) -> sp.Expr:
    """h(x) = ½xᵀQx + cᵀx."""
    return (x.T * Q * x)[0, 0] / 2 + dot(c, x)


def minimiser(Q: Matrix, c: Matrix) -> Matrix:
    """x* = −Q⁻¹c."""
    return -Q.inv() * c


def step_matrix(Q: Matrix, eta: sp.Expr) -> Matrix:
    """I − ηQ."""
    return identity(Q.rows) - eta * Q


def iterate(M: Matrix, r0: Matrix, t: int) -> Matrix:
    """r_t from r_{k+1} = M·r_k: t steps of the error recursion."""
    r = r0
    for _ in range(t):
        r = M * r
    return r


def spectral(U: Matrix, lam: Matrix) -> Matrix:
    """U·diag(λ)·Uᵀ."""
    return U * diag(lam) * U.T


def cayley(s: Matrix, n: int) -> Matrix:
    """U = (I − S)(I + S)⁻¹ for the skew-symmetric S with the entries s above its diagonal."""
    entries = iter(s)
    S = sp.zeros(n, n)
    for i in range(n):
        for j in range(i + 1, n):
            S[i, j] = next(entries)
            S[j, i] = -S[i, j]
    eye = sp.eye(n)
    return Matrix((eye - S) * (eye + S).adjugate() / (eye + S).det())


def largest(lam: Matrix) -> sp.Expr:
    """λ_max (sympy's evaluated Max compares all pairs, slow for 64 entries)."""
    return sp.Max(*lam, evaluate=False)


def smallest(lam: Matrix) -> sp.Expr:
    """λ_min."""
    return sp.Min(*lam, evaluate=False)


def spectral_radius(lam: Matrix, eta: sp.Expr) -> sp.Expr:
    """ρ = maxᵢ |1 − ηλᵢ|."""
    return sp.Max(*[sp.Abs(1 - eta * li) for li in lam], evaluate=False)


@claim(n=range(1, 9), numeric_n=(16,))
def gradient(n: int) -> Derivative:
    """∇h(x) = Qx + c."""
    Q, c, x = matrix("Q", n), vector("c", n), vector("x", n)
    return Derivative(objective(Q, c, x), wrt=x, equals=Q * x + c, where={Q: SPD(), c: Real(), x: Real()})


@claim(n=range(1, 5), notes="n ≤ 4: the symbolic inverse grows too fast beyond")
def stationary_point(n: int) -> Identity:
    """∇h(x*) = Qx* + c = 0 at x* = −Q⁻¹c."""
    Q, c = matrix("Q", n), vector("c", n)
    return Identity(Q * minimiser(Q, c) + c, sp.zeros(n, 1), where={Q: SPD(), c: Real()})


@claim(n=range(1, 9), numeric_n=(16,))
def excess_objective(n: int) -> Identity:
    """h(x) − h(x*) = ½(x − x*)ᵀQ(x − x*), writing c = −Qx*; so x* minimises h when Q ≻ 0."""
    Q, xs, x = matrix("Q", n), vector("xs", n), vector("x", n)
    c = -Q * xs
    gap = ((x - xs).T * Q * (x - xs))[0, 0] / 2
    return Identity(objective(Q, c, x) - objective(Q, c, xs), gap, where={Q: SPD(), xs: Real(), x: Real()})


@claim(n=range(1, 9), numeric_n=(16,))
def error_recursion(n: int) -> Identity:
    """r_{t+1} = (I − ηQ)r_t for x_{t+1} = x_t − η∇h(x_t), r_t = x_t − x*, c = −Qx*."""
    Q, xs, x = matrix("Q", n), vector("xs", n), vector("x", n)
    eta = scalar("eta")
    c = -Q * xs
    x_next = x - eta * (Q * x + c)
    return Identity(
        x_next - xs,
        step_matrix(Q, eta) * (x - xs),
        where={Q: SPD(), xs: Real(), x: Real(), eta: Positive()},
    )


@claim(n=range(1, 7), notes="CHECKED only: UᵀU = I is not known symbolically; n ≤ 6 as r₃ grows fast")
def error_in_eigenbasis(n: int) -> Identity:
    """r₃ = (I − ηQ)³r₀ = U·diag((1 − ηλᵢ)³)·Uᵀr₀ for Q = U·diag(λ)·Uᵀ, U orthogonal."""
    U, lam, r0 = matrix("U", n), vector("lambda", n), vector("r0_", n)
    eta = scalar("eta")
    Q = spectral(U, lam)
    decay = diag([(1 - eta * li) ** STEPS for li in lam])
    return Identity(
        iterate(step_matrix(Q, eta), r0, STEPS),
        U * decay * U.T * r0,
        where={U: Orthogonal(), lam: Positive(), r0: Real(), eta: Positive()},
    )


@claim(n=range(2, 3), notes="n = 3 needs minutes: the numerator has degree 18 in s")
def error_in_cayley_eigenbasis(n: int) -> Identity:
    """r₃ = U·diag((1 − ηλᵢ)³)·Uᵀr₀ for U = (I − S)(I + S)⁻¹, S skew-symmetric."""
    s = vector("s", n * (n - 1) // 2)
    lam, r0 = vector("lambda", n), vector("r0_", n)
    eta = scalar("eta")
    U = cayley(s, n)
    Q = spectral(U, lam)
    decay = diag([(1 - eta * li) ** STEPS for li in lam])
    return Identity(
        iterate(step_matrix(Q, eta), r0, STEPS),
        U * decay * U.T * r0,
        where={s: Real(), lam: Positive(), r0: Real(), eta: Positive()},
    )


@claim(n=range(1, 9), numeric_n=(16,), notes="CHECKED only: the max over eigenvalues")
def contraction(n: int) -> Inequality:
    """‖(I − ηQ)r‖ ≤ maxᵢ|1 − ηλᵢ|·‖r‖ for Q = U·diag(λ)·Uᵀ, U orthogonal."""
    U, lam, r = matrix("U", n), vector("lambda", n), vector("r", n)
    eta = scalar("eta")
    lhs = sp.sqrt(squared_norm(step_matrix(spectral(U, lam), eta) * r))
    rhs = spectral_radius(lam, eta) * sp.sqrt(squared_norm(r))
    return Inequality(lhs, "<=", rhs, where={U: Orthogonal(), lam: Positive(), r: Real(), eta: Positive()})


@claim(n=range(1, 9), numeric_n=(32,), notes="CHECKED only: the max over eigenvalues")
def converges_below_two_over_lambda_max(n: int) -> Inequality:
    """maxᵢ|1 − ηλᵢ| < 1 for η = 2τ/λ_max, τ ∈ (0, 1)."""
    lam, tau = vector("lambda", n), scalar("tau")
    eta = 2 * tau / largest(lam)
    return Inequality(
        spectral_radius(lam, eta),
        "<",
        sp.Integer(1),
        where={lam: Positive(), tau: Interval(0, 1, open_lo=True, open_hi=True)},
    )


@claim(n=range(1, 9), numeric_n=(32,), notes="CHECKED only: the max over eigenvalues")
def no_convergence_from_two_over_lambda_max(n: int) -> Inequality:
    """maxᵢ|1 − ηλᵢ| ≥ 1 for η = 2κ/λ_max, κ ≥ 1: the mode of λ_max does not decay."""
    lam, kappa = vector("lambda", n), scalar("kappa")
    eta = 2 * kappa / largest(lam)
    return Inequality(spectral_radius(lam, eta), ">=", sp.Integer(1), where={lam: Positive(), kappa: Interval(1, 10)})


@claim(n=range(2, 9), expect="refuted")
def converges_below_two_over_lambda_min(n: int) -> Inequality:
    """Wrong: |1 − ηλ_max| < 1 for η = 2τ/λ_min, τ ∈ (0, 1)."""
    lam, tau = vector("lambda", n), scalar("tau")
    eta = 2 * tau / smallest(lam)
    return Inequality(
        sp.Abs(1 - eta * largest(lam)),
        "<",
        sp.Integer(1),
        where={lam: Positive(), tau: Interval(0, 1, open_lo=True, open_hi=True)},
    )


def gradient_step(Q: Matrix, c: Matrix, x: Matrix, eta: sp.Expr) -> Matrix:
    """x − η∇h(x) = x − η(Qx + c)."""
    return x - eta * (Q * x + c)


def rate(eigenvalues: tuple[int, ...], eta: sp.Expr) -> sp.Expr:
    """ρ = maxᵢ |1 − ηλᵢ|, computed from the eigenvalues."""
    return max(abs(1 - eta * sp.Integer(lam)) for lam in eigenvalues)


@claim()
def linear_rate() -> Convergence:
    """Q with eigenvalues 1, 3, 5, η = 1/4: ‖r_t‖ shrinks at the rate maxᵢ|1 − ηλᵢ| = 3/4."""
    x, eta = vector("x", 3), sp.Rational(1, 4)
    step = gradient_step(Q_CONCRETE, C_CONCRETE, x, eta)
    return Convergence(step, x, root=minimiser(Q_CONCRETE, C_CONCRETE), order=1, constant=rate(EIGENVALUES, eta))


@claim()
def linear_rate_at_balanced_step() -> Convergence:
    """η = 2/(λ_min + λ_max) = 1/3: the rate is (κ − 1)/(κ + 1) = 2/3, κ = λ_max/λ_min = 5."""
    x, eta = vector("x", 3), sp.Rational(2, 1 + 5)
    step = gradient_step(Q_CONCRETE, C_CONCRETE, x, eta)
    kappa = sp.Rational(5, 1)
    return Convergence(step, x, root=minimiser(Q_CONCRETE, C_CONCRETE), order=1, constant=(kappa - 1) / (kappa + 1))


@claim(expect="refuted")
def linear_rate_from_lambda_max() -> Convergence:
    """Wrong: η = 1/4, the rate is |1 − ηλ_max| = 1/4 (the mode of λ_min = 1 decays at 3/4)."""
    x, eta = vector("x", 3), sp.Rational(1, 4)
    step = gradient_step(Q_CONCRETE, C_CONCRETE, x, eta)
    return Convergence(step, x, root=minimiser(Q_CONCRETE, C_CONCRETE), order=1, constant=abs(1 - eta * 5))
