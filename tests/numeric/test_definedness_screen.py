"""The arb screen of float-undefined samples (definedness.certainly_real): it passes over a sample only where
every value is enclosed in a finite real ball, and sends everything else to mpmath as before."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import sympy as sp

from verifier import Derivative, Identity, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.numeric import balls
from verifier.numeric.checks import definedness
from verifier.numeric.checks.sampling import ExactSample
from verifier.outcome import Status

x = sp.Symbol("x", real=True)


class _At(ExactSample):
    """One sample at x = value, with no domain to move it."""

    def __init__(self, value: float) -> None:
        self.value = value

    @property
    def floats(self) -> list[float]:
        return [self.value]


def _real(expr: sp.Expr, value: float) -> bool:
    return definedness.certainly_real(balls.BallEvaluator([x], [expr]), _At(value))


def test_float_overflow_is_passed_over() -> None:
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.isnan(np.exp(800.0) / np.exp(800.0))
    assert _real(sp.exp(x) / sp.exp(x), 800.0)
    assert _real(sp.log(1 / (1 + sp.exp(-x))), -800.0)  # log σ(−800): log 0 in floats


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        (sp.log(x), -1.0),  # complex
        (sp.log(x), 0.0),  # undefined
        (1 / x, 0.0),
        (sp.sqrt(x - 1), 1 - 2.0**-52),  # a root of a negative number, by a hair
        (x ** sp.Rational(1, 3), -8.0),  # sympy's principal root: complex
        (sp.gamma(x), 0.0),  # no ball for Γ: mpmath decides
        (sp.I * x, 1.0),  # not a real claim's value
    ],
)
def test_anything_else_goes_on_to_mpmath(expr: sp.Expr, value: float) -> None:
    assert not _real(expr, value)


@claim(n=None)
def half_log_of_the_square() -> Identity:
    """Wrong on ℝ: log(x²)/2 = log x holds for x > 0 only; log x is complex (NaN in floats) for x < 0."""
    return Identity(sp.log(x**2) / 2, sp.log(x), where={x: Real()})


@claim(n=None)
def log_sigmoid_slope() -> Derivative:
    """d/dx log σ(1000x) = 1000 σ(−1000x), on ℝ: log σ(1000x) is −inf in floats left of x ≈ −0.75 (log 0)."""
    return Derivative(sp.log(1 / (1 + sp.exp(-1000 * x))), x, 1000 / (1 + sp.exp(1000 * x)), where={x: Real()})


def test_an_overflow_on_the_far_left_no_longer_costs_a_high_precision_look(monkeypatch: pytest.MonkeyPatch) -> None:
    looked: list[object] = []
    real_first_state = definedness.first_state

    def first_state(*args: Any) -> Any:
        looked.append(args)
        return real_first_state(*args)

    monkeypatch.setattr(definedness, "first_state", first_state)
    r = verify_family(log_sigmoid_slope, EngineSettings(samples=200))
    assert r.status is Status.PROVED, r.reason
    assert looked == []


def test_a_side_undefined_in_floats_and_in_truth_is_still_a_counterexample() -> None:
    r = verify_family(half_log_of_the_square, EngineSettings(samples=200))
    assert r.status is Status.REFUTED, r.reason
    assert r.counterexample is not None and "complex" in r.reason


q = (x + sp.Rational(7, 8)) * (x + sp.Rational(3, 4))


@claim(n=None)
def overflow_beside_a_narrow_gap() -> Identity:
    """Wrong on ℝ: 2 log √q = log(q²)/2 where q = (x + 7/8)(x + 3/4) < 0 on (−7/8, −3/4) has no real left side;
    2 cosh(x⁴⁰)/(e^{x⁴⁰} + e^{−x⁴⁰}) = 1 overflows in floats at every |x| > 1.02 (a red team's probe)."""
    a = x**40
    one = 2 * sp.cosh(a) / (sp.exp(a) + sp.exp(-a))
    return Identity(one + 2 * sp.log(sp.sqrt(q)), 1 + sp.log(q**2) / 2, where={x: Real()})


def test_overflowing_samples_do_not_take_the_places_of_the_ones_looked_at() -> None:
    """With 200 samples the one random sample in (−7/8, −3/4) came 20th among the float-undefined ones, after
    19 overflows; only 16 were looked at, so the claim was CHECKED."""
    r = verify_family(overflow_beside_a_narrow_gap, EngineSettings(samples=200))
    assert r.status is Status.REFUTED, r.reason
    assert "complex" in r.reason


@claim(n=None)
def log_of_a_negative_square() -> Identity:
    """log(−1 − x²) = log(−1 − x²): both sides undefined in ℝ at every x, whatever the domain is narrowed to."""
    return Identity(sp.log(-1 - x**2), sp.log(-1 - x**2), where={x: Real()})


@claim(n=None)
def log_undefined_for_negative_x() -> Identity:
    """log(x) = log(x): undefined for x ≤ 0 only, half of ℝ."""
    return Identity(sp.log(x), sp.log(x), where={x: Real()})


def test_a_claim_undefined_at_every_sample_says_so_and_what_to_look_for() -> None:
    """Undefined at all the samples, the error says it (narrowing the domain would not help); undefined on part of
    the domain, it says to narrow the domain, as before."""
    nowhere = verify_family(log_of_a_negative_square, EngineSettings(samples=200))
    assert nowhere.status is Status.ERROR, nowhere.reason
    assert "in floating point at every sample" in nowhere.reason and "division by zero" in nowhere.reason
    part = verify_family(log_undefined_for_negative_x, EngineSettings(samples=200))
    assert part.status is Status.ERROR and "undefined on part of its domain; narrow the domain" in part.reason
