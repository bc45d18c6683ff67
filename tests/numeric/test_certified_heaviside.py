"""A Heaviside step in an expectation is integrated with certainty (enclose.py), as sign already was.

sympy writes Heaviside(g) as Heaviside(g, 1/2), two arguments, so the enclosure refused it ("no enclosure for
Heaviside") and E[H(X − 1/3)] for X ~ N(0, 1), claimed 10⁻¹⁰ off, was Monte Carlo only: CHECKED (red team).
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from flint import arb

from verifier import Expectation, Interval, Normal, Uniform, claim
from verifier.engine import EngineSettings, verify_family
from verifier.numeric import enclose, integrate
from verifier.numeric.enclose import Unsupported
from verifier.outcome import Status

X = sp.Symbol("X")
THIRD = sp.Rational(1, 3)
TAIL = (1 - sp.erf(THIRD / sp.sqrt(2))) / 2  # P(X > 1/3) for X ~ N(0, 1)


def _holds(ball: arb, value: sp.Expr) -> bool:
    with mpmath.workdps(60):
        exact = mpmath.mpf(str(sp.N(value, 60)))
        mid = mpmath.mpf(ball.mid().str(50, radius=False))
        return bool(abs(exact - mid) <= float(ball.rad()) + 1e-45) and float(ball.rad()) < 1e-30


def test_a_step_under_a_normal_law_is_enclosed() -> None:
    assert _holds(integrate.gaussian_mean(sp.Heaviside(X - THIRD), X, 0, 1, 128), TAIL)


def test_a_step_under_a_uniform_law_is_enclosed() -> None:
    assert _holds(integrate.uniform_mean(sp.Heaviside(X - THIRD), X, 0, 1, 128), sp.Rational(2, 3))


def test_the_real_enclosure_keeps_sympys_value_at_the_jump() -> None:
    fn = enclose.compile_balls(sp.Heaviside(X), [X])
    assert fn([(arb(0), arb(0))]) == (arb(0.5), arb(0.5))


def test_a_step_with_another_value_at_zero_is_refused() -> None:
    with pytest.raises(Unsupported):
        enclose.compile_balls(sp.Heaviside(X, 0), [X])([(arb(0), arb(0))])


@claim()
def normal_tail_off_by_1e_10() -> Expectation:
    return Expectation(sp.Heaviside(X - THIRD), TAIL + sp.Rational(1, 10**10), noise={X: Normal(0, 1)})


@claim()
def uniform_step_mean() -> Expectation:
    return Expectation(X * sp.Heaviside(X - THIRD), sp.Rational(4, 9), noise={X: Uniform(0, 1)})


def test_a_false_step_expectation_is_refuted_and_a_true_one_certified() -> None:
    settings = EngineSettings(samples=40)
    off = verify_family(normal_tail_off_by_1e_10, settings)
    assert off.status is Status.REFUTED, off.reason
    true = verify_family(uniform_step_mean, settings)
    assert true.status is Status.CHECKED and "certified to within" in true.reason, true.reason


a = sp.Symbol("a")


@claim()
def relu_as_a_piecewise_off_by_1e_10() -> Expectation:
    """E[X − a if X > a else 0] = (1 − a)²/2 + 10⁻¹⁰ for X ~ U(0, 1), a ∈ [0, 1] (false: (1 − a)²/2)."""
    relu = sp.Piecewise((X - a, a < X), (0, True))
    value = (1 - a) ** 2 / 2 + sp.Rational(1, 10**10)
    return Expectation(relu, value, noise={X: Uniform(0, 1)}, where={a: Interval(0, 1)})


@claim()
def clip_as_a_piecewise() -> Expectation:
    """E clip(X, −1, 1) = 0 for X ~ N(0, 1) (odd)."""
    return Expectation(sp.Piecewise((-1, X < -1), (1, X > 1), (X, True)), 0, noise={X: Normal(0, 1)})


@claim()
def a_condition_flat_on_half_the_support() -> Expectation:
    """E[1 if max(X, 0) − X ≥ 0 else 0] = 1 for X ~ U(−1, 1): the condition holds everywhere, its g is 0 on (0, 1),
    where H(g) would be ½: the enclosure never excludes 0 there, so no certified value (Monte Carlo)."""
    flat = sp.Piecewise((1, sp.Max(X, 0) - X >= 0), (0, True))
    return Expectation(flat, 1, noise={X: Uniform(-1, 1)})


def test_a_piecewise_of_inequalities_in_the_noise_is_integrated_as_steps() -> None:
    """Written as a Piecewise, relu went to Monte Carlo alone ('no enclosure for StrictGreaterThan'): CHECKED."""
    settings = EngineSettings(samples=40)
    off = verify_family(relu_as_a_piecewise_off_by_1e_10, settings)
    assert off.status is Status.REFUTED, off.reason
    clip = verify_family(clip_as_a_piecewise, settings)
    assert clip.status is Status.CHECKED and "certified to within" in clip.reason, clip.reason
    flat = verify_family(a_condition_flat_on_half_the_support, settings)
    assert flat.status is Status.CHECKED and "Monte Carlo only" in flat.reason, flat.reason
