"""The sign of an inequality's gap at an exact critical point, decided by ball arithmetic (checks/critical.py).

A critical point in radicals makes sympy's simplify slow (a quartic's root: seconds per point) and its text
thousands of characters. arb decides the sign rigorously when its enclosure excludes 0, raising the precision
while it does not; a gap of exactly 0 still goes to sympy. Each false claim here has a gap below 0 only within
10⁻²⁰ of the point, where no float sample lands; each true one is built to tempt a sloppy sign."""

from __future__ import annotations

import sympy as sp

from verifier import Inequality, Interval, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import Status

FAST = EngineSettings(samples=40, diagnose=False)
x = sp.symbols("x")
ROOT = sp.sqrt(2) / 2
TINY = sp.Rational(1, 10**40)


@claim()
def square_above_minus_tiny() -> Inequality:
    """(x − √2/2)² + 10⁻⁴⁰ > 0 on [0, 1]: true, by a margin of 10⁻⁴⁰ at the critical point."""
    return Inequality((x - ROOT) ** 2 + TINY, ">", 0, where={x: Interval(0, 1)})


@claim()
def square_above_tiny() -> Inequality:
    """(x − √2/2)² ≥ 10⁻⁴⁰ on [0, 1]: false at x = √2/2 by 10⁻⁴⁰, which 64 bits cannot separate from 0."""
    return Inequality((x - ROOT) ** 2, ">=", TINY, where={x: Interval(0, 1)})


@claim()
def bump_at_a_quartic_root() -> Inequality:
    """x + 1 − 10⁻²⁰/((x − √2/2)² + 10⁻²²) ≥ 0 on [0, 1]: false near √2/2 (about −98), whose critical point
    sympy finds as a root of a quartic in radicals."""
    bump = sp.Rational(1, 10**20) / ((x - ROOT) ** 2 + sp.Rational(1, 10**22))
    return Inequality(x + 1 - bump, ">=", 0, where={x: Interval(0, 1)})


def _result(family: object):  # type: ignore[no-untyped-def]
    r = verify_family(family, FAST)  # type: ignore[arg-type]
    assert not r.internal_error, r.reason
    return r


def test_a_tiny_positive_margin_at_a_critical_point_is_not_refuted() -> None:
    assert _result(square_above_minus_tiny).status in (Status.PROVED, Status.CHECKED)


def test_a_tiny_negative_gap_is_refuted_once_the_precision_separates_it_from_zero() -> None:
    r = _result(square_above_tiny)
    assert r.status is Status.REFUTED
    assert "violated at x = sqrt(2)/2, a critical point found exactly: rhs − lhs = 1.0000000e-40" in r.reason
    assert r.counterexample is not None and r.counterexample.digits >= 57  # 64 bits could not: 192 did
    assert "its sign certified by arb at 192 bits" in r.counterexample.note


def test_a_point_in_radicals_is_shown_by_its_value_and_decided_at_once() -> None:
    r = _result(bump_at_a_quartic_root)
    assert r.status is Status.REFUTED
    assert "x = 0.70710678118654752 (an exact root; its closed form is" in r.reason
    assert "rhs − lhs = 98.292893" in r.reason
    assert len(r.reason) < 300, r.reason
