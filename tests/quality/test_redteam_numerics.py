"""The holes the red team of issue 37's numeric rules found (tests/quality/soundness/probes/
probe_edges_redteam_numerics.py), each tested at the rule that was wrong: a certified expectation
beyond a float's range, Monte Carlo on an expectation that does not exist, an Interval's float ends
read exactly (never by nsimplify), an irrational Interval end, Newton on a gradient lambdify cannot name.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
import sympy as sp
from flint import arb

from verifier import Expectation, Inequality, Interval, Normal, Uniform, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.domains.base import DomainError
from verifier.language.domains.scalar import Interval as IntervalDomain
from verifier.numeric import confirm, enclose
from verifier.numeric.checks import certified, enclosure, poles
from verifier.outcome import Status

X, x = sp.symbols("X x")
FAST = EngineSettings(samples=40)


def test_a_certified_comparison_beyond_a_float_still_sees_a_factor_of_two() -> None:
    """e^{800} overflows a float: compared as floats, inf against inf passed any claimed value."""
    with mpmath.workdps(40), enclose.precision(128):
        ball = arb(800).exp()
        claimed = confirm.mp_compile([], [2 * sp.exp(800)])
        row = certified._compare([ball], claimed, [])
    assert row is not None
    error, tolerance, scale, valid = row
    assert valid and scale == 1.0
    assert error == pytest.approx(0.5) and tolerance < 1e-30  # relative to max(1, |E|) = 2e^{800}


def test_a_certified_comparison_of_the_right_huge_value_passes() -> None:
    with mpmath.workdps(40):
        row = certified._compare([arb(800).exp()], confirm.mp_compile([], [sp.exp(800)]), [])
    assert row is not None and row[0] <= row[1]


@claim()
def doubled_exponential_mean() -> Expectation:
    return Expectation(sp.exp(40 * X), 2 * sp.exp(800), noise={X: Normal(0, 1)})


@claim()
def reciprocal_mean_is_zero() -> Expectation:
    return Expectation(1 / X**2, sp.Integer(5), noise={X: Uniform(-1, 1)})


@claim()
def log_abs_mean() -> Expectation:
    return Expectation(sp.log(sp.Abs(X)), -(sp.EulerGamma + sp.log(2)) / 2, noise={X: Normal(0, 1)})


def test_a_huge_false_expectation_is_refuted() -> None:
    r = verify_family(doubled_exponential_mean, FAST)
    assert r.status is Status.REFUTED, r.reason
    assert "e+347" in r.reason and "(certified, arb" in r.reason


def test_monte_carlo_does_not_pass_an_expectation_that_does_not_exist() -> None:
    r = verify_family(reciprocal_mean_is_zero, FAST)
    assert r.status is Status.UNKNOWN, r.reason
    assert "heavy tail" in r.reason


def test_monte_carlo_still_passes_an_integrable_singularity() -> None:
    r = verify_family(log_abs_mean, FAST)
    assert r.status is Status.CHECKED, r.reason
    assert "Monte Carlo only" in r.reason


def test_a_float_end_is_read_as_its_binary_value() -> None:
    assert poles.exact_end(0.30000000000000004) == sp.Rational(Fraction(0.30000000000000004))
    assert poles.exact_end(0.30000000000000004) > sp.Rational(3, 10)
    assert poles.exact_end(1.4142135623730951) != sp.sqrt(2)
    assert poles.exact_end(2) == 2


def test_an_irrational_point_below_a_float_end_is_outside() -> None:
    given = next(iter(Inequality(x, ">", 0, where={x: Interval(0.30000000000000004, 1)}).given()))
    point = sp.Rational(3, 10) + sp.sqrt(2) / 10**17
    assert poles._inside(given, point) is False
    assert poles._inside(given, sp.Rational(3, 10) + sp.sqrt(2) / 10**16) is True


@claim()
def root_below_a_float_end() -> Inequality:
    c = sp.Rational(3, 10) + sp.sqrt(2) / 10**17
    return Inequality((x - c) ** 2, ">", sp.Integer(0), where={x: Interval(0.30000000000000004, 1)})


@claim()
def square_below_two_up_to_a_float_end() -> Inequality:
    return Inequality(x**2, "<", sp.Integer(2), where={x: Interval(0, 1.4142135623730951, open_hi=True)})


def test_a_root_outside_the_float_domain_does_not_refute() -> None:
    r = verify_family(root_below_a_float_end, FAST)
    assert r.status is not Status.REFUTED, r.reason


def test_a_float_end_above_root_two_is_not_proved_as_root_two() -> None:
    r = verify_family(square_below_two_up_to_a_float_end, FAST)
    assert r.status is Status.REFUTED, r.reason
    assert IntervalDomain(0, 1.4142135623730951, open_hi=True).parametrisation(x) is not None
    entries = IntervalDomain(0, 1.4142135623730951, open_hi=True).parametrisation(x).entries  # type: ignore[union-attr]
    assert not entries[x].has(sp.sqrt(2))


def test_an_irrational_interval_end_is_a_domain_error() -> None:
    with pytest.raises(DomainError, match="not a rational number"):
        IntervalDomain(0, sp.pi).validate(())  # type: ignore[arg-type]


def test_newton_skips_a_gradient_mpmath_cannot_name() -> None:
    grad = sp.lambdify([x], [sp.diff(sp.Heaviside(x), x)], modules="mpmath")
    assert enclosure._root(grad, [Fraction(1, 2)]) is None


@claim()
def heaviside_at_least_half() -> Inequality:
    return Inequality(sp.Heaviside(x), ">=", sp.Rational(1, 2), where={x: Interval(0, 1)})


def test_a_heaviside_inequality_is_checked_not_crashed() -> None:
    r = verify_family(heaviside_at_least_half, FAST)
    assert r.status in (Status.CHECKED, Status.PROVED), r.reason
