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


def _definite_blind(h: sp.Matrix, at: dict[sp.Symbol, sp.Rational], blind: bool) -> bool:
    symbols = sorted(at, key=str)
    evaluator = balls.BallEvaluator(symbols, list(h))
    point = lambda: [enclose.exact(at[s]) for s in symbols]  # noqa: E731
    return psd.certainly_definite(evaluator, point, h.rows, NO_SHIFT, blind=blind)


def test_a_cancellation_that_ate_the_bits_of_an_entry_is_tried_again_at_more_bits() -> None:
    """σ(t)(1 − σ(t)) at t = 3,000 is 10⁻¹³⁰³: at 100 digits its ball holds 0 (it passed nothing, and the sample was
    left to the eigenvalue, undecided), at 8,000 bits it does not. A false matrix beside it never passes."""
    sigma = 1 / (1 + sp.exp(-x))
    at = {x: sp.Integer(3000)}
    assert _definite_blind(sp.Matrix([[sigma * (1 - sigma), 0], [0, 1]]), {x: sp.Integer(40)}, blind=False)
    assert _definite_blind(sp.Matrix([[sigma * (1 - sigma), 0], [0, 1]]), at, blind=False)
    assert not _definite_blind(sp.Matrix([[-sigma * (1 - sigma), 0], [0, 1]]), at, blind=False)
    assert not _definite_blind(sp.Matrix([[sigma * (1 - sigma) - sp.exp(-x), 0], [0, 1]]), at, blind=False)


def test_a_blind_sample_whose_least_eigenvalue_lies_far_below_its_entries_is_tried_again() -> None:
    """[[1, 1], [1, 1 + e⁻³⁰⁰⁰]]: precise entries, a pivot of 10⁻¹³⁰³ that 100 digits cannot tell from 0. At a
    sample floats could not see it is tried at more bits, and passes; elsewhere it is left to the eigenvalue; one
    pivot of −10⁻¹³⁰³, or exactly 0, never passes."""
    at = {x: sp.Integer(3000)}
    above, below = sp.Matrix([[1, 1], [1, 1 + sp.exp(-x)]]), sp.Matrix([[1, 1], [1, 1 - sp.exp(-x)]])
    assert _definite_blind(above, at, blind=True)
    assert not _definite_blind(above, at, blind=False)
    assert not _definite_blind(below, at, blind=True)
    assert not _definite_blind(sp.Matrix([[1, 1], [1, 1]]), at, blind=True)
    beyond = {x: sp.Integer(20000)}  # 10⁻⁸⁶⁸⁶: past the deepest bits, left undecided
    assert not _definite_blind(above, beyond, blind=True)


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


def test_a_claim_false_by_a_little_is_still_refuted_and_a_true_one_checked() -> None:
    settings = EngineSettings(samples=200, diagnose=False)
    false = PSD(sp.Matrix([[1 + x**2, 1], [1, 1 - sp.Rational(1, 10**6)]]), where={x: Real()})  # det < 0 near x = 0
    true = PSD(sp.Matrix([[sp.exp(x) + 1, 1], [1, 1]]), where={x: Real()})
    assert verify_family(claim(name="false")(lambda: false), settings).status is Status.REFUTED
    assert verify_family(claim(name="true")(lambda: true), settings).status in (Status.PROVED, Status.CHECKED)


def test_a_negative_pivot_confirms_a_failure_that_the_eigenvalues_round_off_hides() -> None:
    """eˣ·[[1, 1], [1, 1 − 10⁻⁷⁰]]: its least eigenvalue, −5·10⁻⁷¹ at x = 0, passes as round-off at 100 digits, and
    floats see no gap; arb's LDLᵀ at a near miss shows the second pivot below 0 (CHECKED before). The same matrix
    with + 10⁻⁷⁰ is still no failure."""
    settings = EngineSettings(samples=200, diagnose=False)
    gap = sp.Integer(10) ** -70
    false = PSD(sp.exp(x) * sp.Matrix([[1, 1], [1, 1 - gap]]), where={x: Real()})
    true = PSD(sp.exp(x) * sp.Matrix([[1, 1], [1, 1 + gap]]), where={x: Real()})
    result = verify_family(claim(name="false")(lambda: false), settings)
    assert result.status is Status.REFUTED and "-5.0e-71" in result.reason, result.reason
    assert verify_family(claim(name="true")(lambda: true), settings).status in (Status.PROVED, Status.CHECKED)
