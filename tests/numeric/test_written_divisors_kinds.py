"""A divisor written in matrix notation counts in every kind of claim, not in an Identity only.

det(A)·(A⁻¹)₁₁ is A₂₂ once made explicit (the lowering writes A⁻¹ as adj(A)/det(A), and sympy's product cancels
det(A)/det(A)), yet it is undefined at every singular A. The Identity det(A)·(A⁻¹)₁₁ = A₂₂ over real A was REFUTED at
A = 0 (tests/numeric/test_written_divisors.py); the Inequality det(A)·(A⁻¹)₁₁ ≤ A₂₂ + 1 and the derivative
d/dx (det(A)·(A⁻¹)₁₁·x) = A₂₂ were still PROVED with no proviso, and A₁₁ ≤ 1 ⇒ det(A)·(A⁻¹)₁₁ = A₂₂ CHECKED. Now the
kernel reads every declared side's written divisors (obligations.sides: a proof says "wherever both sides are
defined"), and the numeric checks of an inequality, a derivative and an implication's conclusion find A = 0.
Over invertible A each claim is true, and proved (or checked) with no proviso.
"""

from __future__ import annotations

import dataclasses

import sympy as sp

from verifier import PSD, SPD, Convex, Derivative, Expectation, General, Inequality, Invertible, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.distributions import Normal
from verifier.language.domains import Domain
from verifier.language.families import Claim, ClaimFamily
from verifier.language.stepwise import Implication, Relation
from verifier.outcome import Status
from verifier.trusted import obligations
from verifier.trusted.instantiate import instantiate

SETTINGS = EngineSettings(samples=200)
SINGULAR = "undefined at A = [[0, 0], [0, 0]]"


def _cofactor(n: int) -> tuple[sp.MatrixSymbol, sp.Expr]:
    a = sp.MatrixSymbol("A", n, n)
    return a, sp.det(a) * a.I[0, 0]


@claim(n=[2])
def cofactor_bound(n: int) -> Inequality:
    """det(A)·(A⁻¹)₁₁ ≤ A₂₂ + 1 for every real A: undefined at A = 0."""
    a, c = _cofactor(n)
    return Inequality(c, "<=", a[1, 1] + 1, where={a: Real()})


@claim(n=[2])
def cofactor_slope(n: int) -> Derivative:
    """d/dx (det(A)·(A⁻¹)₁₁·x) = A₂₂ for every real A and x: undefined at A = 0."""
    a, c = _cofactor(n)
    x = sp.Symbol("x", real=True)
    return Derivative(c * x, x, a[1, 1], where={a: Real(), x: Real()})


@claim(n=[2])
def cofactor_gradient(n: int) -> Derivative:
    """∂(det(A)·(A⁻¹)₁₁)/∂A = e₂e₂ᵀ for every real A: undefined at A = 0."""
    a, c = _cofactor(n)
    return Derivative(c, a, sp.Matrix([[0, 0], [0, 1]]), where={a: Real()})


@claim(n=[2])
def cofactor_implied(n: int) -> Implication:
    """A₁₁ ≤ 1 ⇒ det(A)·(A⁻¹)₁₁ = A₂₂ for every real A: at A = 0 the premise holds, the conclusion is undefined."""
    a, c = _cofactor(n)
    return Implication(Relation(a[0, 0], "<=", 1), Relation(c, "=", a[1, 1]), where={a: Real()})


def _on(family: ClaimFamily, domain: Domain) -> ClaimFamily:
    """The same claim with A declared on another domain."""

    def built(n: int) -> object:
        body = family.builder(n)
        where = {k: (domain if str(k) == "A" else v) for k, v in body.where.items()}
        return dataclasses.replace(body, where=where)

    return dataclasses.replace(family, builder=built)


FAMILIES = (cofactor_bound, cofactor_slope, cofactor_gradient, cofactor_implied)


def test_each_kind_is_refuted_where_the_written_inverse_is_singular() -> None:
    for family in FAMILIES:
        result = verify_family(family, SETTINGS)
        assert result.status is Status.REFUTED, (family.name, result.reason)
        assert SINGULAR in result.reason, (family.name, result.reason)


def test_a_derivative_names_f_as_the_side_undefined() -> None:
    result = verify_family(cofactor_gradient, SETTINGS)
    assert result.reason.startswith("counterexample at n = 2: f is undefined at"), result.reason


def test_on_invertible_matrices_no_kind_is_refuted_or_qualified() -> None:
    for family in FAMILIES:
        result = verify_family(_on(family, Invertible()), SETTINGS)
        wanted = (Status.CHECKED,) if family is cofactor_implied else (Status.PROVED,)
        assert result.status in wanted, (family.name, result.reason)
        assert "wherever" not in result.reason, (family.name, result.reason)


def test_the_kernel_reads_the_written_divisor_of_every_side() -> None:
    """obligations.sides, from which every proof rule reads where the claim is defined, holds 1/det A for each
    kind: the proof of det(A)·(A⁻¹)₁₁ ≤ A₂₂ + 1 says 'wherever both sides are defined' by itself."""
    det = sp.Symbol("A11") * sp.Symbol("A22") - sp.Symbol("A12") * sp.Symbol("A21")
    for family in FAMILIES:
        reciprocals = _reciprocals(family.build(2), det)
        assert reciprocals, family.name
        assert not _reciprocals(_on(family, Invertible()).build(2), det), family.name


def _reciprocals(c: Claim, det: sp.Expr) -> list[sp.Expr]:
    inst = instantiate(c)
    symbolic = inst.symbolic(det)
    return [e for e in obligations.sides(inst) if _is_reciprocal_of(e, symbolic)]


def _is_reciprocal_of(e: sp.Expr, d: sp.Expr) -> bool:
    return isinstance(e, sp.Pow) and e.exp == -1 and sp.expand(e.base - d) == 0


@claim(n=[2])
def cancelled_psd(n: int) -> PSD:
    """A⁻¹A is PSD for every real A: undefined at A = 0 (sympy builds it as I)."""
    a = sp.MatrixSymbol("A", n, n)
    return PSD(a.I * a, where={a: General()})


@claim(n=[2])
def cofactor_convex(n: int) -> Convex:
    """det(A)·(A⁻¹)₁₁ is convex in A over every real A: undefined at A = 0."""
    a, c = _cofactor(n)
    return Convex(c, wrt=a, where={a: Real()})


@claim(n=[2])
def cofactor_moment(n: int) -> Expectation:
    """E[det(A)·(A⁻¹)₁₁·z²] = A₂₂ for z ~ N(0, 1) and every real A: undefined at A = 0."""
    a, c = _cofactor(n)
    z = sp.Symbol("z", real=True)
    return Expectation(c * z**2, equals=a[1, 1], noise={z: Normal(0, 1)}, where={a: Real()})


def test_a_claim_with_no_two_sides_is_refuted_where_a_written_divisor_is_0() -> None:
    """PSD(A⁻¹A), a convexity and an expectation over every real A were PROVED (the last two 'wherever both sides
    are defined', the first with no proviso): the numeric check of such a kind compares no two sides, and looked at
    no divisor. They are REFUTED at A = 0 now; over SPD or invertible A, PROVED with no proviso."""
    for family in (cancelled_psd, cofactor_convex, cofactor_moment):
        result = verify_family(family, SETTINGS)
        assert result.status is Status.REFUTED, (family.name, result.reason)
        assert "the claim as written is undefined at A = [[0, 0], [0, 0]]" in result.reason, result.reason
    for family in (_on(cancelled_psd, SPD()), _on(cofactor_moment, Invertible())):
        result = verify_family(family, SETTINGS)
        assert result.status is Status.PROVED, (family.name, result.reason)
        assert "wherever" not in result.reason, (family.name, result.reason)
