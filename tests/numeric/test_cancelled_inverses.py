"""An inverse sympy cancels while a claim is built still makes the claim undefined where it is singular.

sympy cancels M⁻¹M to I as it builds a product, and verifier.language.guards keeps that for a plain matrix symbol
("where defined"): A⁻¹A = I, det(A⁻¹)·det(A) + tr(A⁻¹A) = 3 and (vᵀv)⁻¹(vᵀv) = I₁, over every real A and v, were
PROVED with no proviso, though each is undefined at A = 0 (v = 0), where its right side has a value; nothing of M⁻¹
was left in the claim for the written divisors to read. Now the guard records whether it cancelled an inverse while
a builder ran (guards.recording); if it did, the claim is built again with no inverse cancelled (guards.strictly,
Claim.cancelled), and the written divisors are read from that, side by side: the kernel reads det A among the claim's
divisors and the numeric checks refute where det A = 0. A product the builder built and dropped, or an inverse in a
Piecewise branch not taken where A is singular, makes no divisor (they did while the cancellations themselves were
the divisors). Over invertible A, or XᵀX of an X of full column rank, there is none, and the claims are proved with no
proviso. A claim the engine derives from another does not inherit them.
"""

from __future__ import annotations

import dataclasses

import sympy as sp

from verifier import General, Identity, Invertible, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language import guards
from verifier.language.domains import FullColumnRank
from verifier.outcome import Status
from verifier.trusted import obligations
from verifier.trusted.divisors import written_divisors
from verifier.trusted.instantiate import instantiate

SETTINGS = EngineSettings(samples=200)
DET = sp.Symbol("A11") * sp.Symbol("A22") - sp.Symbol("A12") * sp.Symbol("A21")


@claim(n=[2])
def inverse_cancels(n: int) -> Identity:
    """A⁻¹A = I for every real A: undefined at A = 0."""
    a = sp.MatrixSymbol("A", n, n)
    return Identity(a.I * a, sp.Identity(n), where={a: General()})


@claim(n=[2])
def determinants_cancel(n: int) -> Identity:
    """det(A⁻¹)·det(A) + tr(A⁻¹A) = 3 for every real A: undefined at A = 0."""
    a = sp.MatrixSymbol("A", n, n)
    return Identity(sp.det(a.I) * sp.det(a) + sp.trace(a.I * a), 3, where={a: Real()})


@claim(n=[3])
def gram_scalar_cancels(n: int) -> Identity:
    """(vᵀv)⁻¹(vᵀv) = I₁ for every real v: undefined at v = 0."""
    v = sp.MatrixSymbol("v", n, 1)
    return Identity((v.T * v).I * (v.T * v), sp.Identity(1), where={v: Real()})


@claim(n=[2])
def inner_gram_cancels(n: int) -> Identity:
    """(XᵀX)⁻¹(XᵀX) = I for X of size (n + 1)×n with full column rank (XᵀX is invertible)."""
    x = sp.MatrixSymbol("X", n + 1, n)
    return Identity((x.T * x).I * (x.T * x), sp.Identity(n), where={x: FullColumnRank()})


@claim(n=[2])
def guarded_cancel(n: int) -> Identity:
    """tr(A⁻¹A) where det A ≠ 0, else 2, = 2 for every real A: true, the branch with A⁻¹ is never taken at det A = 0."""
    a = sp.MatrixSymbol("A", n, n)
    return Identity(sp.Piecewise((sp.trace(a.I * a), sp.Ne(sp.det(a), 0)), (2, True)), 2, where={a: Real()})


@claim(n=[2])
def product_built_aside(n: int) -> Identity:
    """A + A = 2A for every real A, the builder building A⁻¹A aside: true, A⁻¹ is not in the claim."""
    a = sp.MatrixSymbol("A", n, n)
    _ = a.I * a
    return Identity(a + a, 2 * a, where={a: General()})


def _invertible(n: int) -> Identity:
    a = sp.MatrixSymbol("A", n, n)
    return Identity(a.I * a, sp.Identity(n), where={a: Invertible()})


def test_the_guard_records_each_inverse_it_cancels() -> None:
    a, b = sp.MatrixSymbol("A", 2, 2), sp.MatrixSymbol("B", 2, 2)
    v = sp.MatrixSymbol("v", 3, 1)
    with guards.recording() as cancelled:
        assert a.I * a == sp.Identity(2) and (v.T * v).I * (v.T * v) == sp.Identity(1)
        assert b * b.I * b == b
        a.I * a * a.I  # A⁻¹ is left: the claim's own divisor, read where it is written
    assert cancelled == [a, v.T * v, b]
    with guards.recording() as outer, guards.recording(on=False):
        a.I * a
    assert outer == []
    a.I * a  # no recording: nothing kept
    with guards.strictly():
        assert isinstance(a.I * a, sp.MatMul) and (a.I * a).args == (a.I, a)
    assert a.I * a == sp.Identity(2)


def test_a_cancelled_inverse_is_refuted_where_the_matrix_is_singular() -> None:
    for family, at in ((inverse_cancels, "A = [[0, 0], [0, 0]]"), (determinants_cancel, "A = [[0, 0], [0, 0]]"),
                       (gram_scalar_cancels, "v = [0, 0, 0]")):  # fmt: skip
        result = verify_family(family, SETTINGS)
        assert result.status is Status.REFUTED, (family.name, result.reason)
        assert f"the left side is undefined at {at}" in result.reason, result.reason


def test_on_invertible_matrices_it_is_proved_with_no_proviso() -> None:
    """The same over invertible A and full-column-rank X; and, true as written over every real A, a product the
    builder built aside (with no proviso) and an inverse in a Piecewise branch not taken where A is singular (its
    divisor is det A where det A ≠ 0: 'wherever both sides are defined')."""
    invertible = dataclasses.replace(inverse_cancels, builder=_invertible)
    for family in (invertible, inner_gram_cancels, product_built_aside, guarded_cancel):
        result = verify_family(family, SETTINGS)
        assert result.status is Status.PROVED, (family.name, result.reason)
        assert family is guarded_cancel or "wherever" not in result.reason, (family.name, result.reason)


def test_the_kernel_reads_det_a_among_the_sides() -> None:
    built = inverse_cancels.build(2)
    assert built.cancelled is not None and built.cancelled.written.lhs == sp.MatMul(
        sp.MatrixSymbol("A", 2, 2).I, sp.MatrixSymbol("A", 2, 2)
    )
    left, right = written_divisors(built)
    assert [sp.expand(d) for d in left] == [DET] and right == []
    inst = instantiate(built)
    det, sides = inst.symbolic(DET), obligations.sides(inst)
    assert any(isinstance(e, sp.Pow) and e.exp == -1 and sp.expand(e.base - det) == 0 for e in sides), sides
    assert written_divisors(dataclasses.replace(inverse_cancels, builder=_invertible).build(2)) == ([], [])


def test_a_claim_derived_from_another_does_not_inherit_them() -> None:
    """The engine derives claims with another body (an implication's conclusion, a convexity inequality, a claim
    with random functions): the cancellations were recorded for the body built, and say nothing of another."""
    built = inverse_cancels.build(2)
    other = dataclasses.replace(built, body=Identity(sp.Integer(1), sp.Integer(1), where=built.body.where))
    assert written_divisors(other) == ([], [])


@claim(n=[2, 3])
def determinant_of_inverse_cancels(n: int) -> Identity:
    """det(A⁻¹)·det(A) = 1 for every real A: sympy writes det(A⁻¹) as 1/det(A) and cancels it; undefined at A = 0."""
    a = sp.MatrixSymbol("A", n, n)
    return Identity(sp.det(a.I) * sp.det(a), 1, where={a: Real()})


@claim(n=[2, 3])
def determinant_of_inverse_over_invertible(n: int) -> Identity:
    """The same over invertible A: true."""
    a = sp.MatrixSymbol("A", n, n)
    return Identity(sp.det(a.I) * sp.det(a), 1, where={a: Invertible()})


def test_a_determinant_of_an_inverse_that_cancels_is_a_divisor_as_written() -> None:
    """det(A⁻¹)·det(A) = 1 over every real A was PROVED (and its proof for all n said "'int' object has no attribute
    'args'", our own exception's text)."""
    wrong = verify_family(determinant_of_inverse_cancels, SETTINGS)
    assert wrong.status is Status.REFUTED, wrong.reason
    assert "A11*A22 - A12*A21" in wrong.reason
    right = verify_family(determinant_of_inverse_over_invertible, SETTINGS)
    assert right.status is Status.PROVED, right.reason
    assert "attribute" not in right.reason
