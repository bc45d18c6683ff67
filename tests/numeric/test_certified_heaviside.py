"""A Heaviside step in an expectation is integrated with certainty (enclose.py), as sign already was.

sympy writes Heaviside(g) as Heaviside(g, 1/2), two arguments, so the enclosure refused it ("no enclosure for
Heaviside") and E[H(X − 1/3)] for X ~ N(0, 1), claimed 10⁻¹⁰ off, was Monte Carlo only: CHECKED (red team).
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp
from flint import arb

from verifier import Expectation, Normal, Uniform, claim
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
