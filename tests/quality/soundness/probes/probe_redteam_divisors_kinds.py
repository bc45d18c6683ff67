"""Red team: a divisor written in matrix notation, in claims that are not identities.

det(A)·(A⁻¹)₁₁ is A₂₂ once made explicit (the lowering writes A⁻¹ as adj(A)/det(A), and sympy's product cancels
det(A)/det(A)), though it is undefined at every singular A. The identity det(A)·(A⁻¹)₁₁ = A₂₂ over every real A was
REFUTED at A = 0 (probe_redteam_lowered_cancellations), but the rule read the divisors of an Identity only: the
inequality det(A)·(A⁻¹)₁₁ ≤ A₂₂ + 1, the derivative d/dx (det(A)·(A⁻¹)₁₁·x) = A₂₂, the gradient of det(A)·(A⁻¹)₁₁
in A, and the implication A₁₁ ≤ 1 ⇒ det(A)·(A⁻¹)₁₁ = A₂₂, all over every real 2×2 A, were PROVED (CHECKED for the
implication) with no proviso. By the suite's rule each is partial: undefined at A = 0, a point of its domain where
its other side has a value. Beside them the same claims over invertible A (true), a divisor inside a Piecewise branch
never taken at a singular A (true), a claim false where it is defined (its witness an invertible A), and an
elementwise reciprocal in an inequality.

Claims that sympy cancels while they are built, before the claim as written holds the inverse (det(A⁻¹)·det(A) +
tr(A⁻¹A) = 3 over every real A, (vᵀv)⁻¹(vᵀv) = I₁ over every real v), were PROVED with no proviso (the class of
A⁻¹A = I: verifier/language/guards.py keeps M⁻¹M → I for a plain matrix symbol M); the guard records the inverses it
cancels now, and they are REFUTED at A = 0 (v = 0).

TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import PSD, SPD, Convex, Derivative, Expectation, General, Identity, Inequality, Invertible, Real, claim
from verifier.language.distributions import Normal
from verifier.language.domains import Domain
from verifier.language.stepwise import Implication, Relation


def _cofactor(n: int) -> tuple[sp.MatrixSymbol, sp.Expr]:
    """A and det(A)·(A⁻¹)₁₁, which is A₂₂ wherever A is invertible (Cramer's rule) and undefined elsewhere."""
    a = sp.MatrixSymbol("A", n, n)
    return a, sp.det(a) * a.I[0, 0]


def _bound(domain: Domain, slack: int, op: str = "<=") -> Inequality:
    a, c = _cofactor(2)
    return Inequality(c, op, a[1, 1] + slack, where={a: domain})


@claim(n=[2])
def cofactor_bound_on_all_matrices(n: int) -> Inequality:
    """det(A)·(A⁻¹)₁₁ ≤ A₂₂ + 1 for every real A: undefined at A = 0, where A₂₂ + 1 = 1."""
    return _bound(Real(), 1)


@claim(n=[2])
def cofactor_bound_on_invertible(n: int) -> Inequality:
    """det(A)·(A⁻¹)₁₁ ≤ A₂₂ + 1 for invertible A.

    Proof: det(A)·(A⁻¹)₁₁ = A₂₂ for invertible 2×2 A (Cramer's rule), and A₂₂ ≤ A₂₂ + 1."""
    return _bound(Invertible(), 1)


@claim(n=[2])
def cofactor_bound_too_tight(n: int) -> Inequality:
    """det(A)·(A⁻¹)₁₁ < A₂₂ for every real A: false wherever it is defined (it is A₂₂ < A₂₂), at A = I for one."""
    return _bound(Real(), 0, "<")


@claim(n=[2])
def elementwise_ratio_sum_bound(n: int) -> Inequality:
    """1ᵀ(A ∘ A^{∘−1})1 ≤ 4 for every real A: undefined where an entry of A is 0 (A = I), where 4 has a value."""
    a, one = sp.MatrixSymbol("A", n, n), sp.OneMatrix(1, n)
    return Inequality(one * sp.HadamardProduct(a, sp.HadamardPower(a, -1)) * one.T, "<=", 4, where={a: Real()})


@claim(n=[2])
def guarded_cofactor_bound(n: int) -> Inequality:
    """det(A)·(A⁻¹)₁₁ where det A ≠ 0, else A₂₂, is ≤ A₂₂ + 1 for every real A.

    Proof: where det A ≠ 0 the first branch is A₂₂ (Cramer's rule), elsewhere the second is; A₂₂ ≤ A₂₂ + 1. The
    first branch's divisor is never evaluated at a singular A."""
    a, c = _cofactor(n)
    d = sp.det(a)
    return Inequality(sp.Piecewise((c, sp.Ne(d, 0)), (a[1, 1], True)), "<=", a[1, 1] + 1, where={a: Real()})


def _slope(domain: Domain) -> Derivative:
    a, c = _cofactor(2)
    x = sp.Symbol("x", real=True)
    return Derivative(c * x, x, a[1, 1], where={a: domain, x: Real()})


@claim(n=[2])
def cofactor_slope_on_all_matrices(n: int) -> Derivative:
    """d/dx (det(A)·(A⁻¹)₁₁·x) = A₂₂ for every real A and x: f is undefined at A = 0, where A₂₂ has a value."""
    return _slope(Real())


@claim(n=[2])
def cofactor_slope_on_invertible(n: int) -> Derivative:
    """d/dx (det(A)·(A⁻¹)₁₁·x) = A₂₂ for invertible A and real x.

    Proof: f = A₂₂·x for invertible 2×2 A (Cramer's rule), whose derivative in x is A₂₂."""
    return _slope(Invertible())


def _gradient(domain: Domain) -> Derivative:
    a, c = _cofactor(2)
    return Derivative(c, a, sp.Matrix([[0, 0], [0, 1]]), where={a: domain})


@claim(n=[2])
def cofactor_gradient_on_all_matrices(n: int) -> Derivative:
    """∂(det(A)·(A⁻¹)₁₁)/∂A = e₂e₂ᵀ for every real A: f is undefined at A = 0, where e₂e₂ᵀ has a value."""
    return _gradient(Real())


@claim(n=[2])
def cofactor_gradient_on_invertible(n: int) -> Derivative:
    """∂(det(A)·(A⁻¹)₁₁)/∂A = e₂e₂ᵀ for invertible A.

    Proof: f = A₂₂ on the open set of invertible 2×2 A (Cramer's rule); its gradient is e₂e₂ᵀ."""
    return _gradient(Invertible())


def _implied(domain: Domain) -> Implication:
    a, c = _cofactor(2)
    return Implication(Relation(a[0, 0], "<=", 1), Relation(c, "=", a[1, 1]), where={a: domain})


@claim(n=[2])
def cofactor_implied_on_all_matrices(n: int) -> Implication:
    """A₁₁ ≤ 1 ⇒ det(A)·(A⁻¹)₁₁ = A₂₂ for every real A: at A = 0 the premise holds and the conclusion is undefined."""
    return _implied(Real())


@claim(n=[2])
def cofactor_implied_on_invertible(n: int) -> Implication:
    """A₁₁ ≤ 1 ⇒ det(A)·(A⁻¹)₁₁ = A₂₂ for invertible A.

    Proof: the conclusion holds at every invertible 2×2 A (Cramer's rule), whatever the premise."""
    return _implied(Invertible())


@claim(n=[2])
def psd_of_cancelled_inverse_on_all_matrices(n: int) -> PSD:
    """A⁻¹A is PSD for every real A: undefined at A = 0 (sympy builds it as I)."""
    a = sp.MatrixSymbol("A", n, n)
    return PSD(a.I * a, where={a: General()})


@claim(n=[2])
def psd_of_cancelled_inverse_on_spd(n: int) -> PSD:
    """A⁻¹A is PSD for SPD A.

    Proof: A⁻¹A = I for invertible A, and I is PSD."""
    a = sp.MatrixSymbol("A", n, n)
    return PSD(a.I * a, where={a: SPD()})


@claim(n=[2])
def convex_cofactor_on_all_matrices(n: int) -> Convex:
    """det(A)·(A⁻¹)₁₁ is convex in A over every real A: f is undefined at A = 0 (it is A₂₂ elsewhere)."""
    a, c = _cofactor(n)
    return Convex(c, wrt=a, where={a: Real()})


def _moment(domain: Domain) -> Expectation:
    a, c = _cofactor(2)
    z = sp.Symbol("z", real=True)
    return Expectation(c * z**2, equals=a[1, 1], noise={z: Normal(0, 1)}, where={a: domain})


@claim(n=[2])
def expected_cofactor_on_all_matrices(n: int) -> Expectation:
    """E[det(A)·(A⁻¹)₁₁·z²] = A₂₂ for z ~ N(0, 1), every real A: undefined at A = 0, where A₂₂ has a value."""
    return _moment(Real())


@claim(n=[2])
def expected_cofactor_on_invertible(n: int) -> Expectation:
    """E[det(A)·(A⁻¹)₁₁·z²] = A₂₂ for z ~ N(0, 1), invertible A.

    Proof: det(A)·(A⁻¹)₁₁ = A₂₂ (Cramer's rule) and E z² = 1."""
    return _moment(Invertible())


@claim(n=[2])
def determinants_cancel_on_all_matrices(n: int) -> Identity:
    """det(A⁻¹)·det(A) + tr(A⁻¹A) = 3 for every real 2×2 A: undefined at A = 0, where 3 has a value."""
    a = sp.MatrixSymbol("A", n, n)
    return Identity(sp.det(a.I) * sp.det(a) + sp.trace(a.I * a), 3, where={a: General()})


@claim(n=[2])
def determinants_cancel_on_invertible(n: int) -> Identity:
    """det(A⁻¹)·det(A) + tr(A⁻¹A) = 3 for invertible 2×2 A.

    Proof: det(A⁻¹) = 1/det(A) and A⁻¹A = I, whose trace is 2."""
    a = sp.MatrixSymbol("A", n, n)
    return Identity(sp.det(a.I) * sp.det(a) + sp.trace(a.I * a), 3, where={a: Invertible()})


@claim(n=[3])
def gram_scalar_cancels_on_all_vectors(n: int) -> Identity:
    """(vᵀv)⁻¹(vᵀv) = I₁ for every real v: undefined at v = 0, where I₁ has a value."""
    v = sp.MatrixSymbol("v", n, 1)
    return Identity((v.T * v).I * (v.T * v), sp.Identity(1), where={v: Real()})


TRUTH = {
    "cofactor_bound_on_all_matrices": ("partial", 2, None),
    "cofactor_bound_on_invertible": ("true", 2, None),
    "cofactor_bound_too_tight": ("false", 2, {"A": [[1, 0], [0, 1]]}),
    "elementwise_ratio_sum_bound": ("partial", 2, None),
    "guarded_cofactor_bound": ("true", 2, None),
    "cofactor_slope_on_all_matrices": ("partial", 2, None),
    "cofactor_slope_on_invertible": ("true", 2, None),
    "cofactor_gradient_on_all_matrices": ("partial", 2, None),
    "cofactor_gradient_on_invertible": ("true", 2, None),
    "cofactor_implied_on_all_matrices": ("partial", 2, None),
    "cofactor_implied_on_invertible": ("true", 2, None),
    "psd_of_cancelled_inverse_on_all_matrices": ("partial", 2, None),
    "psd_of_cancelled_inverse_on_spd": ("true", 2, None),
    "convex_cofactor_on_all_matrices": ("partial", 2, None),
    "expected_cofactor_on_all_matrices": ("partial", 2, None),
    "expected_cofactor_on_invertible": ("true", 2, None),
    "determinants_cancel_on_all_matrices": ("partial", 2, None),
    "determinants_cancel_on_invertible": ("true", 2, None),
    "gram_scalar_cancels_on_all_vectors": ("partial", 2, None),
}

KNOWN_WRONG: set[str] = set()  # the two cancelled while built: REFUTED since the guard records what it cancels
