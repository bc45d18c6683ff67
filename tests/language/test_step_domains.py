"""A chain's step may only narrow a domain (helper-97): a step's where= that left the chain's domain replaced it,
and |x| = x "for x > 0" on x ∈ [−2, −1] was PROVED."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from verifier import Chain, Integer, Interval, Nonnegative, Nonzero, Positive, Real, Step, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.domains import Domain
from verifier.language.domains.matrix import SPD, Symmetric
from verifier.language.domains.order import narrows
from verifier.language.domains.vector import OneHot, Simplex
from verifier.outcome import Status

x = sp.Symbol("x")


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (Positive(), Real()),
        (Interval(1, 2), Positive()),
        (Interval(0, 2, open_lo=True), Positive()),
        (Interval(0, 2), Nonnegative()),
        (Positive(), Nonnegative()),
        (Interval(-3, -1), Nonzero()),
        (Integer(1, 5), Interval(0, 5)),
        (Integer(2, 3), Integer(1, 5)),
        (Interval(sp.Rational(1, 3), 1), Interval(0.25, 1)),
        (SPD(), Symmetric()),
        (Interval(Fraction(1, 3), 1), Interval(0, 1)),  # helper-100: a Fraction end was not read
        (OneHot(), Simplex()),
    ],
)
def test_narrower_domains(new: Domain, old: Domain) -> None:
    assert narrows(new, old)


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (Positive(), Interval(-2, -1)),
        (Real(), Positive()),
        (Interval(0, 2), Positive()),  # 0 is not positive
        (Interval(0, 1), Interval(0, 1, open_lo=True)),
        (Interval(-1, 1), Nonzero()),
        (Interval(0.5, 2), Integer(0, 3)),  # not only integers
        (Integer(1, 5), Integer(-3, -1)),
        (Interval(0.3, 1), Interval(sp.Rational(3, 10), 1)),  # the float 0.3 lies below 3/10
        (Symmetric(), SPD()),
    ],
)
def test_domains_that_do_not_narrow(new: Domain, old: Domain) -> None:
    assert not narrows(new, old)


@claim(expect="refuted")
def abs_for_positive_on_negatives() -> Chain:
    """|x| = x "for x > 0", declared on x ∈ [−2, −1]."""
    step = Step("=", x, "for x > 0", where={x: Positive()})
    return Chain(sp.Abs(x), steps=(step,), where={x: Interval(-2, -1)})


@claim()
def abs_for_positive_on_reals() -> Chain:
    """|x| = x for x > 0, the chain declared on ℝ: the step narrows, and the chain holds from it on."""
    return Chain(sp.Abs(x), steps=(Step("=", x, "for x > 0", where={x: Positive()}),), where={x: Real()})


def test_a_step_that_leaves_the_chains_domain_is_an_error_that_says_what_to_write() -> None:
    result = verify_family(abs_for_positive_on_negatives, EngineSettings(samples=40))
    assert result.status is Status.ERROR
    assert "a step's where= may only narrow a domain: x ∈ ℝ₊ (x > 0) is not inside x ∈ [-2, -1]" in result.reason
    assert "declare the narrower domain on the chain" in result.reason


def test_a_step_that_narrows_is_verified_on_the_narrower_domain() -> None:
    assert verify_family(abs_for_positive_on_reals, EngineSettings(samples=40)).status is Status.PROVED
