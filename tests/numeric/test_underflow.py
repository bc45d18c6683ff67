"""Inequalities whose sides fall below floats' normal range: blind samples, decided in high precision only."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import sympy as sp

from verifier import PSD, Interval, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.text import clipped, rational_text
from verifier.numeric.batch import compiled
from verifier.outcome import Status

SETTINGS = EngineSettings(samples=200)
_PROBES = Path(__file__).parents[1] / "quality" / "soundness" / "probes" / "probe_redteam_underflow.py"
_SPEC = importlib.util.spec_from_file_location("probe_redteam_underflow", _PROBES)
assert _SPEC is not None and _SPEC.loader is not None
probes = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(probes)


def test_a_walk_that_underflows_says_so() -> None:
    x, y = sp.symbols("x y")
    fn = compiled([x, y], [x * y])
    fn({x: np.array([1e-170, 2.0]), y: np.array([1e-170, 3.0])})
    assert fn.underflowed
    fn({x: np.array([1e-17, 2.0]), y: np.array([1e-17, 3.0])})
    assert not fn.underflowed


def test_products_that_underflow_to_zero_are_no_evidence_of_order() -> None:
    """ad ≥ bc near 10⁻¹⁷⁰ was CHECKED on 200 samples of 0 ≥ 0; the rational gap is decided exactly now."""
    result = verify_family(probes.tiny_determinant_nonnegative, SETTINGS)
    assert result.status is Status.REFUTED, result.reason


def test_a_gap_below_the_margin_is_computed_again_with_more_digits() -> None:
    """ad·eᵃ ≥ bc: eᵃ ≈ 1 sets the margin at 10⁻³⁸, far above the 10⁻³⁴⁰ gap; at 400 and 800 digits it is decided."""
    result = verify_family(probes.tiny_determinant_times_exp_nonnegative, SETTINGS)
    assert result.status is Status.REFUTED, result.reason


def test_a_rank_one_hessian_of_underflowing_weights_stays_proved() -> None:
    """σ(1 − σ)·xxᵀ ⪰ 0 where σ(1 − σ) is 10⁻³⁴⁸: its 0 eigenvalue is round-off that shrinks with the digits, and
    1 − σ(800) is exactly 0 at 100 digits (the first version of the blind rule made the library's claim UNKNOWN)."""
    z = sp.Symbol("z", real=True)
    x = sp.Matrix(sp.symbols("x1:4", real=True))
    s = 1 / (1 + sp.exp(-z))
    where = {z: Interval(-900, 900), **{xi: Interval(-2, 2) for xi in x}}
    claim_ = claim()(lambda: PSD(s * (1 - s) * x * x.T, where=where))
    assert verify_family(claim_, SETTINGS).status is Status.PROVED


def test_round_off_next_to_one_is_not_a_counterexample() -> None:
    """eᵃ − 1 ≥ a at a ≈ 10⁻¹⁷⁰: the gap is −a at 50 and at 100 digits (eᵃ rounds to 1), stable but round-off."""
    result = verify_family(probes.tiny_exp_minus_one_bound, SETTINGS)
    assert result.status is not Status.REFUTED, result.reason


def test_a_true_claim_of_tiny_values_keeps_its_verdict() -> None:
    result = verify_family(probes.tiny_sum_of_products_nonnegative, SETTINGS)
    assert result.status is Status.PROVED, result.reason


def test_a_long_exact_gap_is_shown_by_its_value_and_size() -> None:
    """The gap at a float point near 10⁻¹⁷⁰ is a fraction of 372 digits: printed whole, it filled a screen (and the
    counterexample's sides were cut at 200 characters, a different number)."""
    assert rational_text(sp.Rational(5, 7)) == "5/7"
    assert rational_text(sp.Rational(-1, 10**340)) == "-1.0e-340 (exactly: 1 digit over 341)"
    shown = rational_text(sp.Rational(2**200, 3**100))
    assert shown.startswith("3.117982410207942e+12") and shown.endswith("(exactly: 61 digits over 48)")
    result = verify_family(probes.tiny_determinant_nonnegative, SETTINGS)
    assert result.counterexample is not None and "digits over" in result.reason
    assert all(len(line) < 200 for line in result.reason.splitlines())


def test_a_derivative_of_tiny_values_is_decided_in_high_precision() -> None:
    """∂(abc·eᵈ)/∂a = 2bc·eᵈ near 10⁻¹⁷⁰ was CHECKED: both sides 0 in floats, and the complex step's too."""
    assert verify_family(probes.tiny_gradient_doubled, SETTINGS).status is Status.REFUTED
    assert verify_family(probes.tiny_hessian_tripled, SETTINGS).status is Status.REFUTED
    assert verify_family(probes.tiny_gradient, SETTINGS).status is Status.PROVED


def test_a_constant_below_the_normal_range_is_an_underflow_of_every_call() -> None:
    """10⁻⁴⁰⁰ is 0.0 as a float before any sample is taken: x² ≥ 10⁻⁴⁰⁰ compared 0 with 0 at x = 0 (CHECKED)."""
    x = sp.Symbol("x")
    fn = compiled([x], [x**2 - sp.Rational(1, 10**400)])
    fn({x: np.array([1.0, 2.0])})
    assert fn.underflowed
    fn = compiled([x], [x**2 - sp.Rational(1, 10**300)])  # a normal float: no underflow
    fn({x: np.array([1.0, 2.0])})
    assert not fn.underflowed


def test_messages_show_a_long_number_by_its_ends_and_never_cut_it_silently() -> None:
    """The kernel cut a gap's text at 80 characters: a² + b² − 1/10⁴⁰⁰ read as a² + b² − 1/10⁶⁶."""
    a, b = sp.symbols("a b")
    shown = clipped(a**2 + b**2 - sp.Rational(1, 10**400), 80)
    assert shown == "a**2 + b**2 - 1/1000…000 (401 digits)"
    assert clipped("x" * 100, 10) == "x" * 9 + "…" and clipped("short", 10) == "short"
    assert clipped(10**23, 40) == str(10**23)  # 24 digits are shown, 25 are shortened
    assert clipped(10**24, 40) == "1000…000 (25 digits)"
