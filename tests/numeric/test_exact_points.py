"""A one-symbol inequality that fails only at one point is refuted there, decided exactly (issue 37)."""

from __future__ import annotations

import sympy as sp

from verifier import Inequality, Integer, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.numeric.checks.psd import _rational_at
from verifier.outcome import Status

x = sp.Symbol("x")
SETTINGS = EngineSettings(samples=60)


@claim()
def entropy_term_strict() -> Inequality:
    """x log x > −1/e: equality at x = 1/e, the gap's critical point."""
    return Inequality(x * sp.log(x), ">", -sp.exp(-1), where={x: Positive()})


@claim()
def entropy_term() -> Inequality:
    """x log x ≥ −1/e: true (the minimum of x log x)."""
    return Inequality(x * sp.log(x), ">=", -sp.exp(-1), where={x: Positive()})


@claim()
def square_off_a_third() -> Inequality:
    return Inequality((x - sp.Rational(1, 3)) ** 2, ">", 0, where={x: Real()})


@claim()
def tight_at_an_end() -> Inequality:
    """x² < 4 on {−2..2}: equality at the ends, which are in the domain."""
    return Inequality(x**2, "<", 4, where={x: Integer(-2, 2)})


def test_a_strict_inequality_tight_at_an_irrational_critical_point_is_refuted_exactly() -> None:
    r = verify_family(entropy_term_strict, SETTINGS)
    assert r.status is Status.REFUTED, r.reason
    assert "violated at x = exp(-1), a critical point found exactly" in r.reason and "decided exactly" in r.reason


def test_the_same_inequality_not_strict_is_not_refuted() -> None:
    assert verify_family(entropy_term, SETTINGS).status in (Status.PROVED, Status.CHECKED)


def test_a_square_tight_at_a_third_and_an_end_of_an_integer_domain() -> None:
    assert verify_family(square_off_a_third, SETTINGS).status is Status.REFUTED
    assert verify_family(tight_at_an_end, SETTINGS).status is Status.REFUTED


def test_a_matrix_is_decided_exactly_where_every_entry_is_rational_there() -> None:
    """The PSD check decides a sample exactly over QQ where the matrix is rational there (exp(0) = 1 is), and
    nowhere else."""
    h = sp.Matrix([[x, sp.exp(x)], [sp.exp(x), 1]])
    assert _rational_at(h, {x: sp.Integer(0)}) == sp.Matrix([[0, 1], [1, 1]])
    assert _rational_at(h, {x: sp.Rational(1, 2)}) is None
