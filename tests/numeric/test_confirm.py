"""High-precision confirmation: round-off never becomes a counterexample."""

from __future__ import annotations

import mpmath
import sympy as sp

from verifier.numeric.confirm import Decision, decide, decide_sign


def test_a_real_gap_is_confirmed() -> None:
    assert decide(lambda: ([mpmath.mpf(1) / 3], [mpmath.mpf("0.3333")])).decision is Decision.CONFIRMED


def test_cancellation_that_shrinks_with_precision_is_noise() -> None:
    def sides() -> tuple[list, list]:
        z = mpmath.mpf(40)
        return [z - mpmath.log(mpmath.exp(z))], [mpmath.mpf(0)]

    assert decide(sides).decision is Decision.NOISE


def test_gap_below_the_numerical_derivatives_floor_is_not_confirmed() -> None:
    """Seen in practice: mpmath.diff returns 0 for a second derivative of 4e-127 when |f| ≈ 1e-4."""

    def sides() -> tuple[list, list]:
        return [mpmath.mpf("3.79e-127")], [mpmath.mpf(0)]

    assert decide(sides).decision is Decision.CONFIRMED, "without a floor the gap looks real"
    assert decide(sides, floor=lambda: mpmath.mpf("1.2e-4")).decision is Decision.NOISE


def test_exact_agreement_at_one_precision_is_noise() -> None:
    calls = iter([mpmath.mpf(0), mpmath.mpf("3.8e-152")])

    def sides() -> tuple[list, list]:
        return [next(calls, mpmath.mpf("1e-200"))], [mpmath.mpf(0)]

    assert decide(sides).decision is Decision.NOISE


def test_closeness_measures_the_distance_to_a_confirmation() -> None:
    def cancellation() -> tuple[list, list]:
        z = mpmath.mpf(40)
        return [z - mpmath.log(mpmath.exp(z))], [mpmath.mpf(0)]

    noise = decide(cancellation)
    assert noise.decision is Decision.NOISE and noise.closeness < 1e-20
    real = decide(lambda: ([mpmath.mpf(1) / 3], [mpmath.mpf("0.3333")]))
    assert real.decision is Decision.CONFIRMED and real.closeness > 1e20


def test_sign_closeness_for_strict_and_non_strict_gaps() -> None:
    clear = decide_sign(lambda: mpmath.mpf("1e-18"), strict=True)
    assert clear.decision is Decision.NOISE and 0 < clear.closeness < 1e-15
    assert decide_sign(lambda: mpmath.mpf(0), strict=False).closeness == 0
    violated = decide_sign(lambda: mpmath.mpf("-0.5"), strict=False)
    assert violated.decision is Decision.CONFIRMED and violated.closeness >= 1


def test_a_gap_that_shrinks_between_tiny_values_is_far_from_confirming() -> None:
    """Both sides exactly 0: the gap at each precision is its own scale, so size alone says 1."""
    values = iter([mpmath.mpf("2.7e-52"), mpmath.mpf("-8.0e-102")])

    def sides() -> tuple[list, list]:
        return [next(values, mpmath.mpf("1e-150"))], [mpmath.mpf(0)]

    result = decide(sides)
    assert result.decision is Decision.NOISE and result.closeness < 1e-50


def test_a_cancellation_deeper_than_100_digits_is_not_a_counterexample() -> None:
    """At t = 240, 1 − σ(t) is 0 at 50 and at 100 digits, so (1 − σ)eᵗ looked like a stable 0
    against ½. Values near e²⁴⁰ ≈ 10¹⁰⁴ were computed, so the gap is confirmed only at
    104 + 60 digits and twice that, where the truth (σ(t) ≥ ½) shows."""
    from verifier import Inequality, Interval, claim
    from verifier.engine import EngineSettings, verify_family
    from verifier.language.mathlib import sigmoid
    from verifier.outcome import Status

    t = sp.Symbol("t")

    @claim()
    def sigma_tail() -> Inequality:
        "(1 − σ(t))eᵗ ≥ ½ for t ≥ 240."
        return Inequality((1 - sigmoid(t)) * sp.exp(t), ">=", sp.Rational(1, 2), where={t: Interval(240, 300)})

    @claim(expect="refuted")
    def sigma_tail_wrong() -> Inequality:
        "(1 − σ(t))eᵗ ≥ 2 for t ≥ 240: wrong, it is below 1."
        return Inequality((1 - sigmoid(t)) * sp.exp(t), ">=", 2, where={t: Interval(240, 300)})

    settings = EngineSettings(samples=40)
    assert verify_family(sigma_tail, settings).status is not Status.REFUTED
    assert verify_family(sigma_tail_wrong, settings).status is Status.REFUTED


def test_a_gap_between_tiny_values_made_of_terms_of_size_one_is_rechecked_deeper() -> None:
    """1 − σ(400) is 0 at 50 and at 100 digits, while σ(−400) ≈ 10⁻¹⁷⁴: a gap as stable as a real
    one, but no term larger than 1 was computed, so the peak alone did not call for more digits
    (seen as a false alarm of latex_attention at seeds 6 and 12: softmax weights near 10⁻¹⁸⁹).
    The values' own smallness does: at 174 + 60 digits and twice that the sides agree."""
    t = mpmath.mpf(400)
    same = decide(lambda: ([1 - 1 / (1 + mpmath.exp(-t))], [1 / (1 + mpmath.exp(t))]))
    assert same.decision is Decision.NOISE
    off = decide(lambda: ([2 * (1 - 1 / (1 + mpmath.exp(-t)))], [1 / (1 + mpmath.exp(t))]))
    assert off.decision is Decision.CONFIRMED, "a real factor of 2 between tiny values is still found"
