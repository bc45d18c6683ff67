"""Red team: a singularity that the lowering of det and the inverse cancels, on all real matrices.

det(A)·(A⁻¹)₁₁ = A₂₂ and det(A)·A⁻¹ = adj A, written in matrix notation over every real 2×2 A, are undefined at
each singular A (A = 0, a special point: 0·(0/0)), where the right side has a value; by the suite's rule such a claim
is partial, as (x² − 1)/(x − 1) = x + 1 on ℝ is, and as (A − Aᵀ)⁻¹(A − Aᵀ)v = v is REFUTED at A = 0
(probe_edges_inverses). sympy keeps det(A) unevaluated while the claim is built, so the product still holds the
denominator; the lowering writes det(A) out and A⁻¹ as adj(A)/det(A), sympy's product then cancels det(A)/det(A),
and the proof and the numeric check both saw A₂₂ = A₂₂: PROVED, with no "wherever both sides are defined". They are
REFUTED at A = 0 now: the divisors a side is written with are read from the claim as written
(`lowering.written_divisors`, tests/numeric/test_written_divisors.py). A⁻¹A = I
over every real A is cancelled by sympy's own product while the claim is built (kept on purpose for a plain matrix
symbol, verifier/language/guards.py, "where defined"), and was PROVED with no proviso either; the guard records the
inverses it cancels now, and the claim is REFUTED at A = 0 (tests/numeric/test_cancelled_inverses.py). Beside them,
the same claims on invertible A, true.

TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import General, Identity, Invertible, Real, claim


def _ms(name: str, n: int) -> sp.MatrixSymbol:
    return sp.MatrixSymbol(name, n, n)


@claim(n=[2])
def det_times_inverse_entry_on_all_matrices(n: int) -> Identity:
    """det(A)·(A⁻¹)₁₁ = A₂₂ for every real A: undefined at A = 0 (0·(0/0)), where A₂₂ = 0."""
    A = _ms("A", n)
    return Identity(sp.det(A) * A.I[0, 0], A[1, 1], where={A: Real()})


@claim(n=[2])
def det_times_inverse_on_all_matrices(n: int) -> Identity:
    """det(A)·A⁻¹ = adj A for every real A: undefined at A = 0, where adj A = 0."""
    A = _ms("A", n)
    return Identity(sp.det(A) * A.I, A.as_explicit().adjugate(), where={A: Real()})


@claim(n=[2])
def inverse_cancels_on_all_matrices(n: int) -> Identity:
    """A⁻¹A = I for every real A: undefined at A = 0, where I has a value."""
    A = _ms("A", n)
    return Identity(A.I * A, sp.Identity(n), where={A: General()})


@claim(n=[2])
def det_times_inverse_entry_on_invertible(n: int) -> Identity:
    """det(A)·(A⁻¹)₁₁ = A₂₂ for invertible A.

    Proof: (A⁻¹)₁₁ = A₂₂/det A for a 2×2 A with det A ≠ 0 (Cramer's rule)."""
    A = _ms("A", n)
    return Identity(sp.det(A) * A.I[0, 0], A[1, 1], where={A: Invertible()})


@claim(n=[2])
def det_times_inverse_on_invertible(n: int) -> Identity:
    """det(A)·A⁻¹ = adj A for invertible A.

    Proof: A⁻¹ = adj(A)/det(A) where det A ≠ 0 (Cramer's rule)."""
    A = _ms("A", n)
    return Identity(sp.det(A) * A.I, A.as_explicit().adjugate(), where={A: Invertible()})


@claim(n=[2])
def guarded_inverse_on_all_matrices(n: int) -> Identity:
    """det(A)·(A⁻¹)₁₁ where det A ≠ 0, else A₂₂, = A₂₂ for every real A.

    Proof: where det A ≠ 0 the first branch is A₂₂ (Cramer's rule); elsewhere the second branch is A₂₂. The first
    branch's divisor det A is never evaluated at a singular A (it was REFUTED 'undefined at A = 0')."""
    A = _ms("A", n)
    d = sp.det(A)
    return Identity(sp.Piecewise((d * A.I[0, 0], sp.Ne(d, 0)), (A[1, 1], True)), A[1, 1], where={A: Real()})


@claim(n=[2])
def elementwise_reciprocal_on_all_matrices(n: int) -> Identity:
    """A ∘ A^{∘−1} = 1 for every real A: undefined where an entry of A is 0 (A = I), where 1 has a value."""
    A = _ms("A", n)
    return Identity(sp.HadamardProduct(A, sp.HadamardPower(A, -1)), sp.OneMatrix(n, n), where={A: Real()})


TRUTH = {
    "det_times_inverse_entry_on_all_matrices": ("partial", 2, None),
    "det_times_inverse_on_all_matrices": ("partial", 2, None),
    "inverse_cancels_on_all_matrices": ("partial", 2, None),
    "det_times_inverse_entry_on_invertible": ("true", 2, None),
    "det_times_inverse_on_invertible": ("true", 2, None),
    "guarded_inverse_on_all_matrices": ("true", 2, None),
    "elementwise_reciprocal_on_all_matrices": ("partial", 2, None),
}

KNOWN_WRONG: set[str] = set()  # A⁻¹A = I over every real A: REFUTED at A = 0 since the guard records what it cancels
