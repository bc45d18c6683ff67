"""Hessians line by line, and the inequalities that make them positive semidefinite.

Each derivation is a chain, one line per step with its reason, beside a student's version
with one planted slip (PLANTED names the line the verifier must flag first).

- Logistic regression: with zᵢ = xᵢᵀw, the error E = Σᵢ[log(1 + e^{zᵢ}) − yᵢzᵢ] (the
  cross-entropy of σ(zᵢ), rewritten with log σ(t) = t − log(1 + eᵗ)) has the gradient
  Xᵀ(σ(Xw) − y), and differentiating once more, with σ′ = σ(1 − σ), the Hessian
  Σᵢσᵢ(1 − σᵢ)xᵢxᵢᵀ = XᵀSX, S = diag(σᵢ(1 − σᵢ)).
- Softmax: the Hessian of log Σ_d e^{z_d} is the Jacobian of p = softmax(z); the quotient
  rule gives ∂pᵢ/∂z_j = δᵢⱼpᵢ − pᵢp_j, so H = diag(p) − ppᵀ. It is PSD: vᵀHv =
  Σpᵢvᵢ² − (Σpᵢvᵢ)², and Cauchy–Schwarz, (Σ√pᵢ·√pᵢvᵢ)² ≤ Σpᵢ·Σpᵢvᵢ² (or Jensen for t²),
  with Σpᵢ = 1 makes this ≥ 0. H is singular along 1, the infinitesimal form of shift
  invariance: e^{zᵢ − c} = e^{−c}e^{zᵢ}, and e^{−c} cancels between numerator and
  denominator, so softmax(z − c·1) = softmax(z).
- AM–GM for a positive definite matrix: tr(A)/n ≥ det(A)^{1/n}, the arithmetic mean of
  the eigenvalues against their geometric mean; stated for A = diag(λ₁, …, λₙ) and for a
  2×2 A = QΛQᵀ with Q a rotation by θ (then tr A = λ₁ + λ₂ and det A = λ₁λ₂).

Sources: C. M. Bishop, *Pattern Recognition and Machine Learning* (2006), §4.3.3 (the
Hessian ΦᵀRΦ of logistic regression) and §4.3.4 (softmax derivatives); I. Goodfellow,
Y. Bengio and A. Courville, *Deep Learning* (2016), §6.2.2.3 (softmax and its shift
invariance); S. Boyd and L. Vandenberghe, *Convex Optimization* (2004), §3.1.5 (the
Hessian of log-sum-exp, PSD by Cauchy–Schwarz, and the geometric mean).
"""

from __future__ import annotations

import sympy as sp

from verifier import Chain, General, Interval, Positive, Real, Step, claim
from verifier.language.domains import Domain
from verifier.language.mathlib import Matrix, diag, dot, matrix, ones, scalar, sigmoid, softmax, sum_entries, vector

# claim → the 1-based index of its planted wrong step
PLANTED = {
    "logistic_gradient_student": 3,  # eᵗ/(1 + eᵗ) taken for σ(−t)
    "logistic_hessian_student": 3,  # XᵀSX written XSXᵀ: a transposed factor
    "softmax_hessian_student": 2,  # the quotient rule without the derivative of the denominator: −ppᵀ dropped
    "softmax_hessian_psd_student": 2,
    "softmax_shift_student": 1,  # e^{a − b} = eᵃ − eᵇ  # Cauchy–Schwarz misquoted as (Σpᵢvᵢ)² ≤ Σpᵢ²vᵢ²
    "trace_det_amgm_student": 2,  # AM–GM without the square root
    "trace_det_amgm_diagonal_student": 2,  # the two-number AM–GM, power ½, used for n numbers
}

SIZES = range(2, 5)


def grad(f: sp.Expr, v: Matrix) -> Matrix:
    """The column of ∂f/∂vₖ, each taken by sympy."""
    return Matrix([f]).jacobian(v).T


class Logistic:
    """X (n×n, rows xᵢ), labels y ∈ [0, 1]ⁿ, weights w, logits z = Xw, σᵢ = σ(zᵢ), and the domains."""

    def __init__(self, n: int) -> None:
        self.X, self.y, self.w = matrix("x", n), vector("y", n), vector("w", n)
        self.z = self.X * self.w
        self.rows = [self.X[i, :].T for i in range(n)]
        self.sigma = [sigmoid(zi) for zi in self.z]
        self.odds = [sp.exp(zi) / (1 + sp.exp(zi)) for zi in self.z]
        self.where = {self.X: General(), self.y: Interval(0, 1), self.w: Real()}

    def bishop_error(self) -> sp.Expr:
        """E = −Σᵢ [yᵢ log σᵢ + (1 − yᵢ) log(1 − σᵢ)]."""
        return -sp.Add(
            *[yi * sp.log(si) + (1 - yi) * sp.log(1 - si) for yi, si in zip(self.y, self.sigma, strict=True)]
        )

    def softplus_error(self) -> sp.Expr:
        """E = Σᵢ [log(1 + e^{zᵢ}) − yᵢzᵢ], the same function."""
        return sp.Add(*[sp.log(1 + sp.exp(zi)) - yi * zi for yi, zi in zip(self.y, self.z, strict=True)])

    def along_rows(self, weights: list[sp.Expr], outer: bool = False) -> Matrix:
        """Σᵢ weightsᵢ·xᵢ, or Σᵢ weightsᵢ·xᵢxᵢᵀ."""
        terms = [xi * xi.T if outer else xi for xi in self.rows]
        return sum((c * t for c, t in zip(weights, terms, strict=True)), Matrix.zeros(*terms[0].shape))


@claim(n=range(2, 4))
def logistic_gradient(n: int) -> Chain:
    """∇E = Xᵀ(σ(Xw) − y) for the logistic cross-entropy error."""
    m = Logistic(n)
    return Chain(
        grad(m.bishop_error(), m.w),
        steps=(
            Step("=", grad(m.softplus_error(), m.w), "log σ(t) = t − log(1 + eᵗ), log(1 − σ(t)) = −log(1 + eᵗ)"),
            Step("=", m.along_rows([o - yi for o, yi in zip(m.odds, m.y, strict=True)]), "chain rule, ∂zᵢ/∂w = xᵢ"),
            Step("=", m.along_rows([s - yi for s, yi in zip(m.sigma, m.y, strict=True)]), "eᵗ/(1 + eᵗ) = σ(t)"),
            Step("=", m.X.T * (Matrix(m.sigma) - m.y), "Σᵢ rᵢxᵢ = Xᵀr"),
        ),
        where=m.where,
    )


@claim(n=range(2, 4), expect="refuted")
def logistic_gradient_student(n: int) -> Chain:
    """A student's ∇E, taking eᵗ/(1 + eᵗ) for σ(−t)."""
    m = Logistic(n)
    flipped = [sigmoid(-zi) for zi in m.z]
    return Chain(
        grad(m.bishop_error(), m.w),
        steps=(
            Step("=", grad(m.softplus_error(), m.w), "log σ(t) = t − log(1 + eᵗ), log(1 − σ(t)) = −log(1 + eᵗ)"),
            Step("=", m.along_rows([o - yi for o, yi in zip(m.odds, m.y, strict=True)]), "chain rule, ∂zᵢ/∂w = xᵢ"),
            Step("=", m.along_rows([s - yi for s, yi in zip(flipped, m.y, strict=True)]), "eᵗ/(1 + eᵗ) = σ(−t)"),
            Step("=", m.X.T * (Matrix(flipped) - m.y), "Σᵢ rᵢxᵢ = Xᵀr"),
        ),
        where=m.where,
    )


@claim(n=range(2, 4))
def logistic_hessian(n: int) -> Chain:
    """∇²E = Σᵢ σᵢ(1 − σᵢ)xᵢxᵢᵀ = XᵀSX."""
    m = Logistic(n)
    slopes = [s * (1 - s) for s in m.sigma]
    return Chain(
        Matrix(sp.hessian(m.softplus_error(), m.w)),
        steps=(
            Step(
                "=",
                m.along_rows([o / (1 + sp.exp(zi)) for o, zi in zip(m.odds, m.z, strict=True)], outer=True),
                "∂/∂w of Σᵢ(σᵢ − yᵢ)xᵢ",
            ),
            Step("=", m.along_rows(slopes, outer=True), "eᵗ/(1 + eᵗ)² = σ(t)(1 − σ(t))"),
            Step("=", m.X.T * diag(slopes) * m.X, "Σᵢ sᵢxᵢxᵢᵀ = XᵀSX, S = diag(sᵢ)"),
        ),
        where=m.where,
    )


@claim(n=range(2, 4), expect="refuted")
def logistic_hessian_student(n: int) -> Chain:
    """A student's ∇²E, with the factors of XᵀSX transposed."""
    m = Logistic(n)
    slopes = [s * (1 - s) for s in m.sigma]
    return Chain(
        Matrix(sp.hessian(m.softplus_error(), m.w)),
        steps=(
            Step(
                "=",
                m.along_rows([o / (1 + sp.exp(zi)) for o, zi in zip(m.odds, m.z, strict=True)], outer=True),
                "∂/∂w of Σᵢ(σᵢ − yᵢ)xᵢ",
            ),
            Step("=", m.along_rows(slopes, outer=True), "eᵗ/(1 + eᵗ)² = σ(t)(1 − σ(t))"),
            Step("=", m.X * diag(slopes) * m.X.T, "Σᵢ sᵢxᵢxᵢᵀ = XSXᵀ, S = diag(sᵢ)"),
        ),
        where=m.where,
    )


def softmax_parts(n: int) -> tuple[Matrix, Matrix, sp.Expr, Matrix]:
    """z, the exponentials e^{zᵢ}, their sum S, and the Hessian of log S by sympy."""
    z = vector("z", n)
    e = z.applyfunc(sp.exp)
    total = sum_entries(e)
    return z, e, total, Matrix(sp.hessian(sp.log(total), z))


@claim(n=SIZES)
def softmax_hessian(n: int) -> Chain:
    """∇² log Σ_d e^{z_d} = diag(ŷ) − ŷŷᵀ, ŷ = softmax(z)."""
    z, e, total, hessian = softmax_parts(n)
    p = softmax(z)
    return Chain(
        hessian,
        steps=(
            Step("=", p.jacobian(z), "∇ log Σ_d e^{z_d} = softmax(z)"),
            Step(
                "=", Matrix(n, n, lambda i, j: (int(i == j) * e[i] * total - e[i] * e[j]) / total**2), "quotient rule"
            ),
            Step("=", Matrix(n, n, lambda i, j: int(i == j) * p[i] - p[i] * p[j]), "split the fraction"),
            Step("=", diag(p) - p * p.T, "in matrix form"),
        ),
        where={z: Real()},
    )


@claim(n=SIZES, expect="refuted")
def softmax_hessian_student(n: int) -> Chain:
    """A student's softmax Hessian: the quotient rule without ∂S/∂z_j, so −ŷŷᵀ is lost."""
    z, e, total, hessian = softmax_parts(n)
    p = softmax(z)
    return Chain(
        hessian,
        steps=(
            Step("=", p.jacobian(z), "∇ log Σ_d e^{z_d} = softmax(z)"),
            Step("=", Matrix(n, n, lambda i, j: int(i == j) * e[i] * total / total**2), "quotient rule"),
            Step("=", Matrix(n, n, lambda i, j: int(i == j) * p[i]), "cancel S"),
            Step("=", diag(p), "in matrix form"),
        ),
        where={z: Real()},
    )


def quadratic_form(n: int) -> tuple[Matrix, Matrix, sp.Expr, dict[object, Domain]]:
    """p = softmax(z), v, vᵀ(diag(p) − ppᵀ)v, and the domains."""
    z, v = vector("z", n), vector("v", n)
    p = softmax(z)
    return p, v, (v.T * (diag(p) - p * p.T) * v)[0, 0], {z: Real(), v: Real()}


@claim(n=SIZES)
def softmax_hessian_psd(n: int) -> Chain:
    """vᵀ(diag(p) − ppᵀ)v ≥ 0 for p = softmax(z), by Cauchy–Schwarz."""
    p, v, form, where = quadratic_form(n)
    pv2 = sp.Add(*[pi * vi**2 for pi, vi in zip(p, v, strict=True)])
    return Chain(
        form,
        steps=(
            Step("=", pv2 - dot(p, v) ** 2, "expand"),
            Step(">=", pv2 - sum_entries(p) * pv2, "Cauchy–Schwarz: (Σ√pᵢ·√pᵢvᵢ)² ≤ Σpᵢ·Σpᵢvᵢ²"),
            Step("=", sp.Integer(0), "Σpᵢ = 1"),
        ),
        where=where,
    )


@claim(n=SIZES, expect="refuted")
def softmax_hessian_psd_student(n: int) -> Chain:
    """A student's PSD argument, with Cauchy–Schwarz misquoted; the conclusion is still true."""
    p, v, form, where = quadratic_form(n)
    pv2 = sp.Add(*[pi * vi**2 for pi, vi in zip(p, v, strict=True)])
    return Chain(
        form,
        steps=(
            Step("=", pv2 - dot(p, v) ** 2, "expand"),
            Step(">=", pv2 - sp.Add(*[pi**2 * vi**2 for pi, vi in zip(p, v, strict=True)]), "(Σpᵢvᵢ)² ≤ Σpᵢ²vᵢ²"),
            Step("=", sp.Add(*[pi * (1 - pi) * vi**2 for pi, vi in zip(p, v, strict=True)]), "collect"),
            Step(">=", sp.Integer(0), "0 ≤ pᵢ ≤ 1"),
        ),
        where=where,
    )


c = scalar("c")


@claim(n=range(2, 5))
def softmax_shift(n: int) -> Chain:
    """softmax(z − c·1) = softmax(z)."""
    z = vector("z", n)
    e = z.applyfunc(sp.exp)
    return Chain(
        softmax(z - c * ones(n)),
        steps=(
            Step("=", e * sp.exp(-c) / sum_entries(e * sp.exp(-c)), "e^{a − b} = eᵃe^{−b}"),
            Step("=", sp.exp(-c) * e / (sp.exp(-c) * sum_entries(e)), "factor e^{−c} out of the sum"),
            Step("=", softmax(z), "cancel e^{−c}"),
        ),
        where={z: Real(), c: Real()},
    )


@claim(n=range(2, 5), expect="refuted")
def softmax_shift_student(n: int) -> Chain:
    """A student's softmax(z − c·1), with e^{a − b} = eᵃ − eᵇ."""
    z = vector("z", n)
    e = z.applyfunc(sp.exp)
    return Chain(
        softmax(z - c * ones(n)),
        steps=(
            Step("=", (e - sp.exp(c) * ones(n)) / sum_entries(e - sp.exp(c) * ones(n)), "e^{a − b} = eᵃ − eᵇ"),
            Step("=", (e - sp.exp(c) * ones(n)) / (sum_entries(e) - n * sp.exp(c)), "n copies of e^c"),
        ),
        where={z: Real(), c: Real()},
    )


lam1, lam2, theta = sp.symbols("λ1 λ2 θ")


def rotated() -> tuple[Matrix, dict[object, Domain]]:
    """A = QΛQᵀ, Q the rotation by θ, Λ = diag(λ₁, λ₂), and the domains."""
    Q = Matrix([[sp.cos(theta), -sp.sin(theta)], [sp.sin(theta), sp.cos(theta)]])
    return Q * diag([lam1, lam2]) * Q.T, {lam1: Positive(), lam2: Positive(), theta: Real()}


@claim()
def trace_det_amgm() -> Chain:
    """A = QΛQᵀ ≻ 0 (2×2): tr(A)/2 ≥ √det A, AM–GM on the eigenvalues."""
    A, where = rotated()
    return Chain(
        A.trace() / 2,
        steps=(
            Step("=", (lam1 + lam2) / 2, "tr(QΛQᵀ) = tr(Λ), cos²θ + sin²θ = 1"),
            Step("=", sp.sqrt(lam1 * lam2) + (sp.sqrt(lam1) - sp.sqrt(lam2)) ** 2 / 2, "complete the square"),
            Step(">=", sp.sqrt(lam1 * lam2), "a square is ≥ 0 (AM–GM)"),
            Step("=", sp.sqrt(A.det()), "det(QΛQᵀ) = det Λ = λ₁λ₂"),
        ),
        where=where,
    )


@claim(expect="refuted")
def trace_det_amgm_student() -> Chain:
    """A student's tr(A)/2 ≥ det A, with AM–GM quoted without its square root."""
    A, where = rotated()
    return Chain(
        A.trace() / 2,
        steps=(
            Step("=", (lam1 + lam2) / 2, "tr(QΛQᵀ) = tr(Λ), cos²θ + sin²θ = 1"),
            Step(">=", lam1 * lam2, "AM–GM: (a + b)/2 ≥ ab"),
            Step("=", A.det(), "det(QΛQᵀ) = det Λ = λ₁λ₂"),
        ),
        where=where,
    )


AMGM_NOTES = (
    "the AM–GM step (Σλᵢ)/n ≥ (Πλᵢ)^{1/n} is PROVED by a sum of squares in tᵢ = λᵢ^{1/n} that the SDP "
    "search finds (with clarabel, a dependency); without it the step, and the chain, stay CHECKED."
)


@claim(n=SIZES, notes=AMGM_NOTES)
def trace_det_amgm_diagonal(n: int) -> Chain:
    """A = diag(λ), λᵢ > 0: tr(A)/n ≥ det(A)^{1/n}."""
    lam = vector("λ", n)
    A = diag(lam)
    return Chain(
        A.trace() / n,
        steps=(
            Step("=", sum_entries(lam) / n, "the trace of a diagonal matrix"),
            Step(">=", sp.Mul(*lam) ** sp.Rational(1, n), "AM–GM"),
            Step("=", A.det() ** sp.Rational(1, n), "the determinant of a diagonal matrix"),
        ),
        where={lam: Positive()},
    )


@claim(n=SIZES, expect="refuted")
def trace_det_amgm_diagonal_student(n: int) -> Chain:
    """A student's tr(A)/n ≥ √det A, using the AM–GM of two numbers for n numbers."""
    lam = vector("λ", n)
    A = diag(lam)
    return Chain(
        A.trace() / n,
        steps=(
            Step("=", sum_entries(lam) / n, "the trace of a diagonal matrix"),
            Step(">=", sp.sqrt(sp.Mul(*lam)), "AM–GM"),
            Step("=", sp.sqrt(A.det()), "the determinant of a diagonal matrix"),
        ),
        where={lam: Positive()},
    )
