"""A noise law's parameters are real: E X² = 0 for X ~ N(i, 1) was PROVED from the moment μ² + σ², as was
E X² = a − 1 for X ~ N(√(a − 2), 1) on a ∈ [0, 1], where the mean is imaginary at every point, and Bernoulli(½ + i)
or U[a, i] was an internal error (sympy's Ge refused the complex parameter) (red team D)."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import Bernoulli, Expectation, Interval, Normal, Uniform, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import ClaimResult, Status

X, a = sp.symbols("X a")


def _verify(statement: Expectation) -> ClaimResult:
    return verify_family(claim(name="probe")(lambda: statement), EngineSettings(samples=200, diagnose=False))


@pytest.mark.parametrize(
    "statement",
    [
        Expectation(X**2, 0, noise={X: Normal(sp.I, 1)}),
        Expectation(X**2, 1 + sp.cos(3), noise={X: Normal(sp.sqrt(sp.cos(3)), 1)}),
        Expectation(X, sp.Rational(1, 2), noise={X: Bernoulli(sp.Rational(1, 2) + sp.I)}),
        Expectation(X, (a + sp.I) / 2, noise={X: Uniform(a, sp.I)}, where={a: Interval(0, 1)}),
    ],
)
def test_a_law_with_a_complex_parameter_is_no_distribution(statement: Expectation) -> None:
    r = _verify(statement)
    assert r.status is Status.ERROR and "is not real; it is no distribution" in r.reason, r.reason


def test_a_parameter_complex_on_the_domain_is_an_error_that_asks_to_narrow_it() -> None:
    r = _verify(Expectation(X**2, a - 1, noise={X: Normal(sp.sqrt(a - 2), 1)}, where={a: Interval(0, 1)}))
    assert r.status is Status.ERROR and "not real: narrow the domain" in r.reason, r.reason


def test_a_real_parameter_with_a_root_stays() -> None:
    r = _verify(Expectation(X**2, a + 2, noise={X: Normal(sp.sqrt(a + 1), 1)}, where={a: Interval(0, 1)}))
    assert r.status is Status.PROVED, r.reason
