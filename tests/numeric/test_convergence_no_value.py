"""A convergence check's sample where the claimed root or constant has no real value is said, not passed over:
Newton's step for √a on a ≥ 0 claims the constant 1/(2√a), which a = 0 (a special point, where the iteration is
only linear) leaves without a value; the check skipped that sample in silence and said "numerics agree"."""

from __future__ import annotations

import sympy as sp

from verifier import Convergence, Nonnegative, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.numeric.checks.convergence import NO_VALUE_NOTE
from verifier.outcome import ClaimResult, Status

x, a = sp.symbols("x a")


def _verify(statement: Convergence) -> ClaimResult:
    return verify_family(claim(name="probe")(lambda: statement), EngineSettings(samples=200, diagnose=False))


def test_a_special_point_where_the_constant_has_no_value_is_noted() -> None:
    where = {x: Positive(), a: Nonnegative()}
    r = _verify(Convergence((x + a / x) / 2, x, root=sp.sqrt(a), order=2, constant=1 / (2 * sp.sqrt(a)), where=where))
    assert r.status is not Status.PROVED, r.reason
    assert NO_VALUE_NOTE in r.reason, r.reason


def test_a_random_point_where_the_root_has_no_value_is_an_error_that_asks_to_narrow_the_domain() -> None:
    where = {x: Positive(), a: Real()}  # √a has no real value for every a < 0: half the domain
    r = _verify(Convergence((x + a / x) / 2, x, root=sp.sqrt(a), order=2, constant=1 / (2 * sp.sqrt(a)), where=where))
    assert r.status is Status.ERROR, r.reason
    assert "narrow the domain" in r.reason, r.reason


def test_a_claim_defined_at_every_sample_says_nothing_more() -> None:
    where = {x: Positive(), a: Positive()}
    r = _verify(Convergence((x + a / x) / 2, x, root=sp.sqrt(a), order=2, constant=1 / (2 * sp.sqrt(a)), where=where))
    assert r.status is Status.PROVED, r.reason
    assert NO_VALUE_NOTE not in r.reason


def _secant(where: dict) -> Convergence:
    """The secant step for √a: a map with memory, checked by another path (multistep.check_iteration)."""
    now, prev = sp.symbols("x_now x_prev")
    f_now, f_prev = now**2 - a, prev**2 - a
    step = now - f_now * (now - prev) / (f_now - f_prev)
    phi = (1 + sp.sqrt(5)) / 2
    return Convergence(
        step, (now, prev), root=sp.sqrt(a), order=phi, constant=(1 / (2 * sp.sqrt(a))) ** (phi - 1), where=where
    )


def test_a_two_point_map_whose_constant_has_no_value_on_half_its_domain_is_an_error() -> None:
    r = _verify(_secant({a: Real()}))
    assert r.status is Status.ERROR, r.reason
    assert "narrow the domain" in r.reason, r.reason


def test_a_two_point_map_whose_constant_has_no_value_at_a_special_point_is_noted_not_a_crash() -> None:
    """At a = 0 the constant's 1/(2√a) divided by zero in the iteration's own code: an internal error."""
    r = _verify(_secant({a: Nonnegative()}))
    assert not r.internal_error, r.reason
    assert NO_VALUE_NOTE in r.reason, r.reason
