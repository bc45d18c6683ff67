"""The generic rung's second fragment: scalar function atoms, elementwise functions, powers, M⁻¹M = I."""

from __future__ import annotations

import pytest
import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix

from verifier import SPD, Derivative, Identity, Positive, Real, Symmetric, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.families import ClaimFamily
from verifier.outcome import Status
from verifier.strategies.dimension import SIZE, attempt
from verifier.trusted.decide.einsum import OutsideFragment, compare

FAST = EngineSettings(samples=40)
t = sp.Symbol("t")
sigma = sp.Lambda(t, sp.exp(t) / (1 + sp.exp(t)))
sigma_textbook = sp.Lambda(t, 1 / (1 + sp.exp(-t)))


def vec(name: str, k: object) -> sp.MatrixSymbol:
    return sp.MatrixSymbol(name, k, 1)


def ones(k: object) -> sp.OneMatrix:
    return sp.OneMatrix(1, k)


@claim(n=(2, 3))
def exp_rule(k: int) -> Derivative:
    """∇ 1ᵀexp(Ax) = Aᵀexp(Ax)."""
    A, x = sp.MatrixSymbol("A", k, k), vec("x", k)
    e = (A * x).applyfunc(sp.Lambda(t, sp.exp(t)))
    return Derivative((ones(k) * e)[0, 0], wrt=x, equals=A.T * e, where={A: Real(), x: Real()})


@claim(n=(2, 3))
def tanh_rule(k: int) -> Derivative:
    """∂ tanh(x)/∂x = diag(1 − tanh(x) ∘ tanh(x))."""
    x = vec("x", k)
    h = x.applyfunc(sp.Lambda(t, sp.tanh(t)))
    return Derivative(h, wrt=x, equals=DiagMatrix(sp.OneMatrix(k, 1) - sp.HadamardProduct(h, h)), where={x: Real()})


@claim(n=(2, 3))
def log_and_power_rule(k: int) -> Derivative:
    """∇ log(xᵀx + c) = 2x/(xᵀx + c)."""
    x, c = vec("x", k), sp.Symbol("c")
    s = (x.T * x)[0, 0] + c
    return Derivative(sp.log(s), wrt=x, equals=2 * x / s, where={x: Real(), c: Positive()})


@claim(n=(2, 3))
def rational_power_rule(k: int) -> Derivative:
    """∇ (xᵀx + c)^{−1/2} = −(xᵀx + c)^{−3/2}·x."""
    x, c = vec("x", k), sp.Symbol("c")
    s = (x.T * x)[0, 0] + c
    return Derivative(
        s ** sp.Rational(-1, 2), wrt=x, equals=-(s ** sp.Rational(-3, 2)) * x, where={x: Real(), c: Positive()}
    )


@claim(n=(2, 3))
def exp_hessian(k: int) -> Derivative:
    """∇² 1ᵀexp(Ax) = Aᵀ diag(exp(Ax)) A (the atom's argument copied twice)."""
    A, x = sp.MatrixSymbol("A", k, k), vec("x", k)
    e = (A * x).applyfunc(sp.Lambda(t, sp.exp(t)))
    return Derivative((ones(k) * e)[0, 0], wrt=x, equals=A.T * DiagMatrix(e) * A, order=2, where={A: Real(), x: Real()})


@claim(n=(2, 3), expect="refuted")
def exp_hessian_wrong(k: int) -> Derivative:
    """Wrong: ∇² 1ᵀexp(Ax) = A diag(exp(Ax)) Aᵀ."""
    A, x = sp.MatrixSymbol("A", k, k), vec("x", k)
    e = (A * x).applyfunc(sp.Lambda(t, sp.exp(t)))
    return Derivative((ones(k) * e)[0, 0], wrt=x, equals=A * DiagMatrix(e) * A.T, order=2, where={A: Real(), x: Real()})


@claim(n=(2, 3))
def sigmoid_symmetry(k: int) -> Identity:
    """σ(−z) = 1 − σ(z) entrywise."""
    z = vec("z", k)
    return Identity((-z).applyfunc(sigma_textbook), sp.OneMatrix(k, 1) - z.applyfunc(sigma_textbook), where={z: Real()})


def _proved_for_all_n(family: ClaimFamily) -> None:
    r = verify_family(family, FAST)
    assert r.status is Status.PROVED and r.for_all_n, r.reason
    assert r.proved_n == [2, 3]  # the explicit engine agrees at n = 2 and 3 (else: an inconsistency)


def test_exp_rule_for_all_n_and_at_explicit_n() -> None:
    _proved_for_all_n(exp_rule)


def test_tanh_rule_for_all_n_and_at_explicit_n() -> None:
    _proved_for_all_n(tanh_rule)


def test_log_and_power_rules_for_all_n_and_at_explicit_n() -> None:
    _proved_for_all_n(log_and_power_rule)
    _proved_for_all_n(rational_power_rule)


def test_a_second_derivative_of_an_atom_for_all_n() -> None:
    _proved_for_all_n(exp_hessian)


@pytest.mark.slow
def test_a_wrong_claim_with_atoms_gets_no_bound_and_is_refuted_explicitly() -> None:
    found = attempt(exp_hessian_wrong)
    assert found is not None and found.proof is None and found.refute_n is None
    assert verify_family(exp_hessian_wrong, FAST).status is Status.REFUTED


def test_an_identity_hidden_by_atoms_is_not_refuted() -> None:
    found = attempt(sigmoid_symmetry)
    assert found is not None and found.proof is None and found.refute_n is None
    assert verify_family(sigmoid_symmetry, FAST).status in (Status.PROVED, Status.CHECKED)


def test_powers_of_one_argument_multiply() -> None:
    z = vec("z", SIZE)
    e = z.applyfunc(sp.Lambda(t, sp.exp(t)))
    s = (ones(SIZE) * e)[0, 0]
    assert compare(Identity(e * s**-1 * s**-1, e * s**-2)).equal
    assert compare(Identity(e * s ** sp.Rational(1, 2) * s ** sp.Rational(-1, 2), e)).equal
    assert not compare(Identity(e * s**-1, e * s**-2)).equal


def test_an_inverse_cancels_only_next_to_its_own_argument() -> None:
    X, Y = sp.MatrixSymbol("X", SIZE + 1, SIZE), sp.MatrixSymbol("Y", SIZE, SIZE)
    y = vec("y", SIZE + 1)
    w = (X.T * X).inv() * X.T * y
    assert compare(Identity(X.T * (X * w - y), sp.ZeroMatrix(SIZE, 1))).equal
    assert compare(Identity(Y.inv() * Y * Y, Y)).equal and compare(Identity(Y * Y * Y.inv(), Y)).equal
    assert not compare(Identity(Y.inv() * X.T * X * Y, X.T * X)).equal
    assert not compare(Identity(X * (X.T * X).inv() * X.T, sp.Identity(SIZE + 1))).equal


def test_scalar_coefficients_come_out_of_integer_powers() -> None:
    x, c = vec("x", SIZE), sp.Symbol("c")
    s = (x.T * x)[0, 0] + c
    assert compare(Identity(x / (2 * s), x * s**-1 / 2)).equal
    assert not compare(Identity(x / (2 * s), x * s**-1)).equal


@claim(n=(2, 3))
def symmetric_quadratic_gradient(k: int) -> Derivative:
    """∇ xᵀAx = 2Ax for a symmetric A."""
    A, x = sp.MatrixSymbol("A", k, k), vec("x", k)
    return Derivative((x.T * A * x)[0, 0], wrt=x, equals=2 * A * x, where={A: Symmetric(), x: Real()})


def test_symmetric_matrices_by_substitution() -> None:
    _proved_for_all_n(symmetric_quadratic_gradient)
    A, B, x = sp.MatrixSymbol("A", SIZE, SIZE), sp.MatrixSymbol("B", SIZE, SIZE), vec("x", SIZE)
    assert compare(Identity(A.T, A, where={A: SPD()})).equal
    assert not compare(Identity(A * B, B * A, where={A: SPD(), B: SPD()})).equal
    assert not compare(Derivative((x.T * A * x)[0, 0], wrt=x, equals=2 * A * x, where={A: Real()})).equal
    with pytest.raises(OutsideFragment, match="A is tied by its domain"):
        compare(Derivative(sp.trace(A), wrt=A, equals=sp.Identity(SIZE), where={A: Symmetric()}))
