"""A PSD claim's sample passes without eigenvalues where arb shows H (+ a round-off shift, for a non-strict claim)
positive definite (psd.certainly_definite): the pass must be one the eigenvalue at 100 digits would also give, and
a matrix that is not so, by however little beyond the shift, must never pass there."""

from __future__ import annotations

import pytest
import sympy as sp
from flint import arb

from verifier import PSD, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.numeric import balls, enclose
from verifier.numeric.checks import psd
from verifier.outcome import Status

x, y = sp.symbols("x y", real=True)
NO_SHIFT = None


def _definite(h: sp.Matrix, at: dict[sp.Symbol, sp.Rational], shift: arb | None) -> bool:
    symbols = sorted(at, key=str)
    evaluator = balls.BallEvaluator(symbols, list(h))
    return psd.certainly_definite(evaluator, lambda: [enclose.exact(at[s]) for s in symbols], h.rows, shift)


def test_a_positive_definite_matrix_is_certified_and_an_indefinite_one_is_not() -> None:
    at = {x: sp.Rational(3, 7), y: sp.Rational(-5, 2)}
    assert _definite(sp.Matrix([[1 + x**2, x], [x, 1]]), at, NO_SHIFT)
    assert not _definite(sp.Matrix([[1, y], [y, 1]]), at, psd.ROUND_OFF_SHIFT)  # 1 − y² < 0
    assert not _definite(sp.Matrix([[-1, 0], [0, 2]]), at, psd.ROUND_OFF_SHIFT)


def test_a_singular_matrix_passes_only_with_the_shift_of_a_non_strict_claim() -> None:
    at = {x: sp.Rational(1, 3), y: sp.Rational(2, 9)}
    outer = sp.Matrix([x, y]) * sp.Matrix([[x, y]])  # ppᵀ: eigenvalues 0 and |p|²
    assert not _definite(outer, at, NO_SHIFT)
    assert _definite(outer, at, psd.ROUND_OFF_SHIFT)


def test_a_least_eigenvalue_beyond_the_shift_never_passes() -> None:
    at = {x: sp.Integer(1)}
    for gap in (sp.Integer(10) ** -40, sp.Integer(10) ** -60, sp.Integer(10) ** -67):
        below = sp.Matrix([[x, x], [x, x - gap]])  # least eigenvalue ≈ −gap/2, below −2⁻²²⁶ ≈ −9.3·10⁻⁶⁹
        assert not _definite(below, at, psd.ROUND_OFF_SHIFT), gap
    within = sp.Matrix([[x, x], [x, x - sp.Integer(10) ** -80]])  # −5·10⁻⁸¹: round-off at 100 digits, as before
    assert _definite(within, at, psd.ROUND_OFF_SHIFT)
    small = sp.Integer(10) ** -80 * sp.Matrix([[x, 2 * x], [2 * x, x]])  # −10⁻⁸⁰: the shift is scaled to its size
    assert not _definite(small, at, psd.ROUND_OFF_SHIFT)


@pytest.mark.parametrize(
    ("matrix", "domain"),
    [
        (sp.Matrix([[1, 1], [1, 1 - sp.Integer(10) ** -70]]), None),  # rational: decided exactly before any shift
        (sp.Integer(10) ** -80 * x * sp.Matrix([[1, 2], [2, 1]]), Positive()),
        (sp.Integer(10) ** -80 * sp.exp(x) * sp.Matrix([[1, 2], [2, 1]]), Real()),
    ],
)
def test_a_matrix_that_is_not_psd_by_a_little_or_at_a_small_scale_is_refuted(matrix: sp.Matrix, domain: object) -> None:
    statement = PSD(matrix, where={x: domain} if domain is not None else {})
    r = verify_family(claim(name="probe")(lambda: statement), EngineSettings(samples=200, diagnose=False))
    assert r.status is Status.REFUTED, r.reason


def test_a_cancellation_that_eats_the_bits_decides_nothing() -> None:
    """σ(t)(1 − σ(t)) at t = 400 is about 10⁻¹⁷⁴, all of it lost to 1 − σ at 100 digits: no pass, and no wrong one."""
    sigma = 1 / (1 + sp.exp(-x))
    h = sp.Matrix([[sigma * (1 - sigma), 0], [0, 1]])
    assert not _definite(h, {x: sp.Integer(400)}, NO_SHIFT)
    assert _definite(h, {x: sp.Integer(40)}, NO_SHIFT)


def test_a_claim_false_by_a_little_is_still_refuted_and_a_true_one_checked() -> None:
    settings = EngineSettings(samples=200, diagnose=False)
    false = PSD(sp.Matrix([[1 + x**2, 1], [1, 1 - sp.Rational(1, 10**6)]]), where={x: Real()})  # det < 0 near x = 0
    true = PSD(sp.Matrix([[sp.exp(x) + 1, 1], [1, 1]]), where={x: Real()})
    assert verify_family(claim(name="false")(lambda: false), settings).status is Status.REFUTED
    assert verify_family(claim(name="true")(lambda: true), settings).status in (Status.PROVED, Status.CHECKED)
