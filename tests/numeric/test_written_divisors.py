"""A side written with a divisor that its explicit form cancels is still undefined where the divisor is 0.

det(A)·A⁻¹ = adj A and det(A)·(A⁻¹)₁₁ = A₂₂, over every real 2×2 A, were PROVED "(exact)" with no proviso (red
team 111): the lowering writes A⁻¹ as adj(A)/det(A) and det(A) out, and sympy's product cancels det(A)/det(A), so
neither the kernel nor the numeric check saw a denominator, though both claims are undefined at every singular A.
Now the divisors a side is written with are read from the claim as written (`lowering.written_divisors`): the
numeric check finds A = 0, a special point of the domain, and refutes there; the kernel's proof says where it holds.
Over invertible A the claims are true, and proved with no proviso.
"""

from __future__ import annotations

import dataclasses

import pytest
import sympy as sp

from verifier import Identity, Invertible, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.lowering import written_divisors
from verifier.outcome import Status

SETTINGS = EngineSettings(samples=200)


@claim(n=[2])
def det_times_inverse(n: int) -> Identity:
    """det(A)·A⁻¹ = adj A for every real A: undefined at A = 0."""
    a = sp.MatrixSymbol("A", n, n)
    return Identity(sp.det(a) * a.I, a.as_explicit().adjugate(), where={a: Real()})


@claim(n=[2])
def det_times_inverse_entry(n: int) -> Identity:
    """det(A)·(A⁻¹)₁₁ = A₂₂ for every real A: undefined at A = 0."""
    a = sp.MatrixSymbol("A", n, n)
    return Identity(sp.det(a) * a.I[0, 0], a[1, 1], where={a: Real()})


@claim(n=[2])
def det_times_inverse_on_invertible(n: int) -> Identity:
    """det(A)·(A⁻¹)₁₁ = A₂₂ for invertible A (Cramer's rule)."""
    a = sp.MatrixSymbol("A", n, n)
    return Identity(sp.det(a) * a.I[0, 0], a[1, 1], where={a: Invertible()})


def test_a_cancelled_inverse_is_refuted_where_the_matrix_is_singular() -> None:
    for family in (det_times_inverse, det_times_inverse_entry):
        result = verify_family(family, SETTINGS)
        assert result.status is Status.REFUTED, result.reason
        assert "undefined at A = [[0, 0], [0, 0]]" in result.reason, result.reason


def test_on_invertible_matrices_it_is_proved_with_no_proviso() -> None:
    result = verify_family(det_times_inverse_on_invertible, SETTINGS)
    assert result.status is Status.PROVED, result.reason
    assert "wherever" not in result.reason, result.reason


def test_the_divisors_are_those_written() -> None:
    a, b = sp.MatrixSymbol("A", 2, 2), sp.MatrixSymbol("B", 2, 2)
    det = sp.Symbol("A11") * sp.Symbol("A22") - sp.Symbol("A12") * sp.Symbol("A21")
    assert [sp.expand(d) for d in written_divisors(sp.det(a) * a.I)] == [det]
    assert written_divisors(sp.det(a) * a.I, [a]) == []  # declared invertible
    assert written_divisors((a * b).T.I, [a, b]) == []  # a product of invertible matrices
    shifted = written_divisors((a + 2 * sp.Identity(2)).I, [a])  # A = −2I is invertible
    moved = {sp.Symbol("A11"): sp.Symbol("A11") + 2, sp.Symbol("A22"): sp.Symbol("A22") + 2}
    assert [sp.expand(d) for d in shifted] == [sp.expand(det.xreplace(moved))]
    assert written_divisors(sp.Symbol("x") / 2) == []  # no matrix: nothing to read


@claim(n=[2])
def shifted_inverse_cancels(n: int) -> Identity:
    """(A + 2I)⁻¹(A + 2I)v = v for invertible A: undefined at A = −2I, which is invertible."""
    a, v = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("v", n, 1)
    m = a + 2 * sp.Identity(n)
    return Identity(m.I * m * v, v, where={a: Invertible(), v: Real()})


def test_an_inverse_of_a_sum_with_the_identity_is_read() -> None:
    """The identity matrix inside a written divisor is written out ((A + 2I)⁻¹ was 'unsupported: Identity has no
    numeric implementation'): over real A the claim is undefined where A + 2I is singular, and REFUTED there."""
    result = verify_family(shifted_inverse_cancels, SETTINGS)
    assert result.status in (Status.PROVED, Status.REFUTED), result.reason
    over_reals = verify_family(dataclasses.replace(shifted_inverse_cancels, builder=_over_reals), SETTINGS)
    assert over_reals.status is Status.REFUTED, over_reals.reason
    assert "undefined at" in over_reals.reason, over_reals.reason


def _over_reals(n: int) -> Identity:
    a, v = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("v", n, 1)
    m = a + 2 * sp.Identity(n)
    return Identity(m.I * m * v, v, where={a: Real(), v: Real()})


@claim(n=[2])
def guarded_inverse(n: int) -> Identity:
    """det(A)·(A⁻¹)₁₁ where det A ≠ 0, else A₂₂, = A₂₂ for every real A: true everywhere, A = 0 taking the second
    branch."""
    a = sp.MatrixSymbol("A", n, n)
    d = sp.det(a)
    return Identity(sp.Piecewise((d * a.I[0, 0], sp.Ne(d, 0)), (a[1, 1], True)), a[1, 1], where={a: Real()})


def test_a_divisor_in_a_piecewise_branch_counts_only_where_the_branch_is_taken() -> None:
    """A Piecewise's branch is evaluated only where its condition holds (and no earlier one does): the safe division
    det(A)·(A⁻¹)₁₁ if det A ≠ 0 else A₂₂ was REFUTED 'undefined at A = 0', where the second branch is taken."""
    result = verify_family(guarded_inverse, SETTINGS)
    assert result.status is Status.PROVED, result.reason
    a = sp.MatrixSymbol("A", 2, 2)
    (divisor,) = written_divisors(sp.Piecewise((sp.det(a) * a.I[0, 0], a[0, 0] > 0), (a[1, 1], True)))
    assert isinstance(divisor, sp.Piecewise), divisor
    assert divisor.subs({sp.Symbol("A11"): 0}) == 1, divisor  # A₁₁ = 0: the branch is not taken, nothing to divide


@claim(n=[2])
def elementwise_reciprocal(n: int) -> Identity:
    """A ∘ A^{∘−1} = 1 for every real A: undefined where an entry of A is 0."""
    a = sp.MatrixSymbol("A", n, n)
    return Identity(sp.HadamardProduct(a, sp.HadamardPower(a, -1)), sp.OneMatrix(n, n), where={a: Real()})


def test_an_elementwise_reciprocal_is_a_written_divisor() -> None:
    """A^{∘−1} and A.applyfunc(1/x) divide by each entry of A; A ∘ A^{∘−1} = 1 was PROVED '(exact)' with no proviso,
    the explicit product cancelling Aᵢⱼ/Aᵢⱼ."""
    result = verify_family(elementwise_reciprocal, SETTINGS)
    assert result.status is Status.REFUTED, result.reason
    a = sp.MatrixSymbol("A", 2, 2)
    entries = {sp.Symbol(f"A{i}{j}") for i in (1, 2) for j in (1, 2)}
    assert set(written_divisors(sp.HadamardPower(a, -1))) == entries
    assert set(written_divisors(a.applyfunc(lambda x: 1 / x))) == entries
    assert written_divisors(sp.HadamardPower(a, 2)) == written_divisors(a.applyfunc(sp.exp)) == []


@claim(n=[2])
def shifted_cofactor(n: int) -> Identity:
    """det(A + 2I)·((A + 2I)⁻¹)₁₁ = A₂₂ + 2 for every real A: undefined where A + 2I is singular (A = −2I)."""
    a = sp.MatrixSymbol("A", n, n)
    m = a + 2 * sp.Identity(n)
    return Identity(sp.det(m) * m.I[0, 0], a[1, 1] + 2, where={a: Real()})


def test_no_repair_is_offered_that_leaves_a_written_divisor() -> None:
    """'holds if A is invertible' was offered for det(A + 2I)·((A + 2I)⁻¹)₁₁ = A₂₂ + 2 over real A: the repair was
    verified on the claim made explicit, where det(A + 2I) is cancelled (A₂₂ + 2 = A₂₂ + 2), though A = −2I is
    invertible; for det(A)·A⁻¹ = adj A it is still offered (its only divisor is det A)."""
    for family in (shifted_cofactor, elementwise_reciprocal):
        result = verify_family(family, SETTINGS)
        assert result.status is Status.REFUTED, result.reason
        hint = result.diagnosis.holds_if if result.diagnosis else ""
        assert "declare A: invertible" not in hint, hint
    kept = verify_family(det_times_inverse, SETTINGS)
    assert kept.diagnosis is not None and "declare A: invertible" in kept.diagnosis.holds_if, kept.diagnosis


def test_a_written_determinant_is_made_explicit_without_division(monkeypatch: pytest.MonkeyPatch) -> None:
    """det(A + 2I) at 5×5 took 50 s with sympy's default elimination, which cancels a rational function at each
    step, so tr((A + 2I)⁻¹(A + 2I)) = 5 over SPD A, PROVED in 2 s before the divisors were read, stopped at the
    time limit. Berkowitz's method divides by nothing (under a second there; timed in no test: a benchmark's job)."""
    methods: list[str] = []
    det = sp.ImmutableMatrix.det

    def recorded(self: sp.ImmutableMatrix, method: str = "bareiss", **kwargs: object) -> sp.Expr:
        methods.append(method)
        return det(self, method=method, **kwargs)

    monkeypatch.setattr(sp.ImmutableMatrix, "det", recorded)
    a = sp.MatrixSymbol("A", 3, 3)
    m = a + 2 * sp.Identity(3)
    (divisor,) = written_divisors(sp.trace(m.I * m), [a])
    assert methods and set(methods) == {"berkowitz"}, methods
    shifted = sp.ImmutableMatrix(3, 3, lambda i, j: sp.Symbol(f"A{i + 1}{j + 1}") + (2 if i == j else 0))
    assert sp.expand(divisor - det(shifted, method="berkowitz")) == 0
