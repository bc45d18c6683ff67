"""Issue 24, classes 4, 6 and 8: exact claims decided exactly, stated sizes, no crash is the user's ERROR."""

from __future__ import annotations

import dataclasses

import pytest
import sympy as sp

from verifier import (
    PSD,
    Bernoulli,
    Expectation,
    Identity,
    Inequality,
    Integer,
    Interval,
    Invertible,
    Normal,
    Real,
    claim,
)
from verifier.engine import EngineSettings, verify_family
from verifier.engine import verify as engine
from verifier.numeric.checks.constant import decide_gap
from verifier.outcome import ClaimResult, RunReport, Status
from verifier.strategies.dimension import SIZE
from verifier.trusted.decide.einsum import compare

FAST = EngineSettings(samples=40)
x = sp.Symbol("x")


@claim()
def tiny_factor() -> Identity:
    return Identity(x * (1 + sp.Rational(1, 10**14)), x, where={x: Real()})


@claim()
def tinier_factor() -> Identity:
    """Float64 sees no error at all here: the exact residual x/10²⁰ decides."""
    return Identity(x * (1 + sp.Rational(1, 10**20)), x, where={x: Real()})


@claim()
def ramanujan() -> Identity:
    return Identity(sp.exp(sp.pi * sp.sqrt(163)), 640320**3 + 744)


@claim()
def nearly_psd() -> PSD:
    return PSD(sp.Matrix([[1, 1], [1, 1 - sp.Rational(1, 10**20)]]))


@claim()
def pi_below_its_decimals() -> Inequality:
    return Inequality(sp.pi, "<=", sp.Rational(314159265358979323846264338327950288419716939937510, 10**50))


@claim()
def log_of_a_product() -> Identity:
    return Identity(sp.log(sp.Integer(6)), sp.log(2) + sp.log(3))


@claim()
def exp_log_sqrt() -> Identity:
    return Identity(sp.exp(sp.log(sp.sqrt(7)) * 2) + sp.sqrt(2) * sp.sqrt(8), 11)


@claim()
def psd_exactly() -> PSD:
    return PSD(sp.Matrix([[1, 1], [1, 1]]))


@claim()
def cancelled_fraction() -> Identity:
    """(x² − 1)/(x − 1) = x + 1 where the left side is defined: here x ∈ [2, 3] (at x = 1 it is not)."""
    return Identity((x**2 - 1) / (x - 1), x + 1, where={x: Interval(2, 3)})


@claim()
def square_of_a_bit() -> Identity:
    """y² = y for y ∈ {0, 1}: a nonzero polynomial, zero at every point of the domain (1/2 lies between them)."""
    y = sp.Symbol("y")
    return Identity(y**2 * x, y * x, where={y: Integer(0, 1), x: Real()})


@pytest.mark.parametrize(
    ("family", "words"),
    [
        (tiny_factor, "confirmed"),
        (tinier_factor, "nonzero rational function"),
        (ramanujan, "stable at 50 and 100 digits"),
        (nearly_psd, "principal minor [1, 2] = -1/100000000000000000000"),
        (pi_below_its_decimals, "-5.82097494459"),
    ],
)
def test_exact_claims_off_by_less_than_round_off_are_refuted(family: object, words: str) -> None:
    r = verify_family(family, FAST)  # type: ignore[arg-type]
    assert r.status is Status.REFUTED, r.reason
    assert words in r.reason and r.counterexample is not None


@pytest.mark.parametrize("family", [log_of_a_product, exp_log_sqrt, psd_exactly, cancelled_fraction, square_of_a_bit])
def test_exactly_true_claims_stay_true(family: object) -> None:
    r = verify_family(family, FAST)  # type: ignore[arg-type]
    assert r.status in (Status.PROVED, Status.CHECKED), r.reason


def test_constant_gaps_are_decided_at_two_precisions() -> None:
    assert decide_gap(sp.exp(sp.pi * sp.sqrt(163)) - 640320**3 - 744).sign == -1  # type: ignore[union-attr]
    assert decide_gap(sp.Integer(1) + sp.Integer(10) ** -80 - 1).sign == 1  # type: ignore[union-attr]
    zero = decide_gap(sp.log(sp.Integer(6)) - sp.log(2) - sp.log(3))
    assert zero is not None and zero.sign == 0 and zero.digits >= 80


# ----------------------------------------------------------------------------- class 8: crashes


A, B = sp.MatrixSymbol("A", SIZE, SIZE), sp.MatrixSymbol("B", SIZE, SIZE)


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        (sp.Determinant(A * B), sp.det(A) * sp.det(B)),
        (sp.Determinant(2 * A.T), 2**SIZE * sp.det(A)),
        (sp.det(A + B), sp.det(A) + sp.det(B)),
    ],
)
def test_a_det_term_on_one_side_only_is_compared_not_a_key_error(lhs: sp.Expr, rhs: sp.Expr) -> None:
    forms = compare(Identity(lhs, rhs, where={A: Invertible(), B: Invertible()}))
    assert not forms.equal and forms.atoms and all(v == () for v in forms.letters.values())


def _square(name: str, n: int) -> sp.MatrixSymbol:
    return sp.MatrixSymbol(name, n, n)


@claim(n=range(1, 4))
def det_of_product(n: int) -> Identity:
    a, b = _square("A", n), _square("B", n)
    return Identity(sp.Determinant(a * b), sp.det(a) * sp.det(b), where={a: Real(), b: Real()})


@claim(n=range(1, 4))
def det_of_scaled_transpose(n: int) -> Identity:
    a = _square("A", n)
    return Identity(sp.Determinant(2 * a.T), 2**n * sp.det(a), where={a: Real()})


X = sp.Symbol("X")


@claim()
def lognormal_mean() -> Expectation:
    return Expectation(sp.exp(X), equals=sp.exp(sp.Rational(1, 2)), noise={X: Normal(0, 1)})


@claim()
def fair_coins() -> Expectation:
    """E[XY] = ¼ for two fair coins: no parameter, so the masks are enumerated at one point."""
    y = sp.Symbol("Y")
    return Expectation(
        X * y, equals=sp.Rational(1, 4), noise={X: Bernoulli(sp.Rational(1, 2)), y: Bernoulli(sp.Rational(1, 2))}
    )


@claim(expect="refuted")
def fair_coin_at_a_third() -> Expectation:
    return Expectation(X, equals=sp.Rational(1, 3), noise={X: Bernoulli(sp.Rational(1, 2))})


def test_a_parameter_free_bernoulli_expectation_is_decided_not_an_internal_error() -> None:
    right, wrong = verify_family(fair_coins, FAST), verify_family(fair_coin_at_a_third, FAST)
    assert (right.status, wrong.status) == (Status.PROVED, Status.REFUTED), (right.reason, wrong.reason)
    assert not right.internal_error and not wrong.internal_error


@pytest.mark.parametrize("family", [det_of_product, det_of_scaled_transpose, lognormal_mean])
def test_well_formed_claims_do_not_crash(family: object) -> None:
    r = verify_family(family, FAST)  # type: ignore[arg-type]
    assert r.status in (Status.PROVED, Status.CHECKED), r.reason
    assert not r.internal_error


def test_an_exception_from_the_verifier_is_an_internal_error_not_the_users(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("a bug of ours")

    monkeypatch.setattr(engine, "spot_check", broken)
    r = verify_family(tiny_factor, FAST)
    assert r.status is Status.UNKNOWN and r.internal_error
    assert r.reason.startswith("internal error in the verifier (a bug, please report it): TypeError: a bug of ours")
    again = ClaimResult.from_json(r.to_json())
    assert again.internal_error and RunReport([again], 0, 40, 0.0).internal_errors() == 1


def test_a_builder_exception_is_still_the_users_error() -> None:
    @claim()
    def raises() -> Identity:
        raise ValueError("my mistake")

    r = verify_family(raises, FAST)
    assert r.status is Status.ERROR and not r.internal_error and "my mistake" in r.reason


# ----------------------------------------------------------------------------- class 4: stated sizes


@claim(n=range(2, 3))
def hall_identity(n: int) -> Identity:
    """[[A, B]², C] = 0: a theorem for 2×2 matrices."""
    a, b, c = _square("A", n), _square("B", n), _square("C", n)
    k = a * b - b * a
    return Identity(k * k * c - c * k * k, sp.ZeroMatrix(n, n), where={a: Real(), b: Real(), c: Real()})


@pytest.mark.slow
def test_the_hall_identity_holds_at_its_stated_size_and_the_failure_at_three_is_a_finding() -> None:
    r = verify_family(hall_identity, FAST)
    assert r.status in (Status.PROVED, Status.CHECKED), r.reason
    assert r.counterexample is None and r.n_values == [2]
    assert "does not hold for all n: fails at n = 3" in r.reason
    wider = verify_family(dataclasses.replace(hall_identity, n_values=(2, 3)), FAST)
    assert wider.status is Status.REFUTED and wider.counterexample is not None and wider.counterexample.n == 3
