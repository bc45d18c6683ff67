"""An expectation written with i is integrated with certified bounds, its real and imaginary parts apart:
E e^{iX} = e^{−1/2} + 1/1000 for X ~ N(0, 1) was CHECKED, by Monte Carlo (certified integration refused the
complex integrand, and Monte Carlo's tolerance is near 10⁻²), where E cos X = e^{−1/2} + 1/1000 was REFUTED."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import Expectation, Interval, Normal, Uniform, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import ClaimResult, Status

X, a = sp.symbols("X a")
HALF = sp.Rational(1, 2)


def _verify(statement: Expectation) -> ClaimResult:
    return verify_family(claim(name="probe")(lambda: statement), EngineSettings(samples=200, diagnose=False))


@pytest.mark.parametrize(
    ("statement", "part"),
    [
        (Expectation(sp.exp(sp.I * X), sp.exp(-HALF) + sp.Rational(1, 1000), noise={X: Normal(0, 1)}), "cos(X)"),
        (Expectation(sp.exp(sp.I * X), sp.exp(-HALF) + sp.I / 1000, noise={X: Normal(0, 1)}), "sin(X)"),
        (
            Expectation(
                sp.exp(sp.I * X), sp.sin(1) + sp.I * (1 - sp.cos(1)) + sp.Rational(1, 10**6), noise={X: Uniform(0, 1)}
            ),
            "cos(X)",
        ),
    ],
)
def test_a_small_gap_in_a_complex_expectation_is_refuted_from_certified_bounds(
    statement: Expectation, part: str
) -> None:
    r = _verify(statement)
    assert r.status is Status.REFUTED, r.reason
    assert f"E[{part}]" in r.reason and "certified" in r.reason


@pytest.mark.parametrize(
    "statement",
    [
        Expectation(sp.exp(sp.I * X), sp.exp(-HALF), noise={X: Normal(0, 1)}),
        Expectation(sp.exp(sp.I * a * X), sp.exp(-(a**2) / 2), noise={X: Normal(0, 1)}, where={a: Interval(-2, 2)}),
        Expectation(sp.exp(sp.I * X), sp.sin(1) + sp.I * (1 - sp.cos(1)), noise={X: Uniform(0, 1)}),
    ],
)
def test_a_true_complex_expectation_passes_on_certified_bounds(statement: Expectation) -> None:
    r = _verify(statement)
    assert r.status in (Status.PROVED, Status.CHECKED), r.reason
    assert "certified to within" in r.reason and "Monte Carlo" not in r.reason
