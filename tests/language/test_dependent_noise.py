"""A noise law whose parameters mention a noise variable is the user's ERROR, with what to write instead.

The verifier draws noise variables independently and multiplies their moments: Y ~ N(X, 1) beside X ~ N(0, 1)
was integrated as if Y were independent of X (E[XY] = 1 was REFUTED "exact expectation 0", E[XY] = 0 CHECKED).
A law whose parameters mention only ordinary parameters (μ, p) is still verified.
"""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import Bernoulli, Expectation, Interval, Normal, Real, Uniform, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.families import ClaimFamily
from verifier.outcome import ClaimResult, Status

FAST = EngineSettings(samples=40)
X, Y, Z, B, U, mu, p = sp.symbols("X Y Z B U mu p")
WRITE_Y = "the law of Y depends on the noise X; write Y as X + Z with Z ~ N(0, 1) independent"


def _verdict(body: Expectation) -> ClaimResult:
    family: ClaimFamily = claim()(lambda: body)
    return verify_family(family, FAST)


@pytest.mark.parametrize(
    "body",
    [
        Expectation(X * Y, 1, noise={X: Normal(0, 1), Y: Normal(X, 1)}),  # true if Y = X + Z: was REFUTED
        Expectation(X * Y, 0, noise={X: Normal(0, 1), Y: Normal(X, 1)}),  # false: was CHECKED
        Expectation(X + Y, 6, noise={X: Normal(3, 1), Y: Normal(X, 1)}),  # was ERROR "no value for the symbol X"
    ],
    ids=["dependent_true", "dependent_false", "dependent_mean"],
)
def test_a_law_on_another_noise_is_an_error_that_says_what_to_write(body: Expectation) -> None:
    result = _verdict(body)
    assert result.status is Status.ERROR
    assert WRITE_Y in result.reason


def test_a_variance_on_the_noise_is_written_through_a_standard_normal() -> None:
    body = Expectation(Y, 0, noise={X: Bernoulli(sp.Rational(1, 2)), Y: Normal(0, X + 1)})
    result = _verdict(body)
    assert result.status is Status.ERROR
    assert "write Y as Z*sqrt(X + 1) with Z ~ N(0, 1) independent" in result.reason


def test_a_uniform_on_the_noise_is_written_through_a_unit_uniform_of_a_fresh_name() -> None:
    body = Expectation(U + Z, 1, noise={X: Normal(0, 1), U: Uniform(X, X + 2), Z: Normal(0, 1)})
    result = _verdict(body)
    assert result.status is Status.ERROR
    assert "the law of U depends on the noise X; write U as X + 2*Z1 with Z1 ~ U[0, 1] independent" in result.reason


def test_a_bernoulli_on_the_noise_asks_for_a_function_of_an_independent_noise() -> None:
    body = Expectation(B, sp.Rational(1, 2), noise={X: Uniform(0, 1), B: Bernoulli(X)})
    result = _verdict(body)
    assert result.status is Status.ERROR
    assert "the law of B depends on the noise X; write B as a function of X and an independent noise" in result.reason


def test_a_chain_of_laws_is_an_error() -> None:
    body = Expectation(Z, 0, noise={X: Normal(0, 1), Y: Normal(X, 1), Z: Normal(Y, 1)})
    result = _verdict(body)
    assert result.status is Status.ERROR
    assert "depends on the noise" in result.reason


def test_a_law_on_its_own_variable_is_an_error() -> None:
    result = _verdict(Expectation(Y, 0, noise={Y: Normal(Y, 1)}))
    assert result.status is Status.ERROR
    assert "the law of Y depends on Y itself" in result.reason


@pytest.mark.parametrize(
    "body",
    [
        Expectation(X, mu, noise={X: Normal(mu, 1)}, where={mu: Real()}),
        Expectation(B, p, noise={B: Bernoulli(p)}, where={p: Interval(0, 1)}),
        Expectation(X * Y, mu, noise={X: Normal(mu, 1), Y: Normal(1, mu**2)}, where={mu: Real()}),
    ],
    ids=["normal_mean", "bernoulli_p", "two_laws_one_parameter"],
)
def test_a_law_on_an_ordinary_parameter_is_still_proved(body: Expectation) -> None:
    assert _verdict(body).status is Status.PROVED


@pytest.mark.parametrize(
    "body",
    [
        Expectation(X, X, noise={X: Normal(0, 1)}),
        Expectation(X**2, X**2 + mu, noise={X: Normal(mu, 1)}),
    ],
    ids=["itself", "with_a_parameter"],
)
def test_a_claimed_value_that_holds_the_noise_is_an_error_that_says_what_to_write(body: Expectation) -> None:
    """Red team 101: E[X] = X said "no value for the symbol X … bound by a Subs, an Integral or a Lambda"."""
    result = _verdict(body)
    assert result.status is Status.ERROR
    assert "the claimed value holds the noise X" in result.reason and "without the noise" in result.reason
