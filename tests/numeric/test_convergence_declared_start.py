"""A start the claim names is part of the claim: Newton's step on atan has order 3 and constant −2/3 at 0, and runs
away from x₀ = 10 (10 → 138.6 → 2.99·10⁴ → …). The check looked again from 10⁻⁵, where it converges, and the claim
"from x₀ = 10" was PROVED. It is REFUTED now, and the kernel's local proof is no inconsistency with that."""

from __future__ import annotations

import dataclasses

import sympy as sp

from verifier import Convergence, claim
from verifier.engine import EngineSettings, verify_family
from verifier.numeric.checks.convergence import FROM_THE_START
from verifier.outcome import ClaimResult, Status

x = sp.Symbol("x")
NEWTON_ATAN = x - (1 + x**2) * sp.atan(x)
CONSTANT = -sp.Rational(2, 3)


def _verify(statement: Convergence) -> ClaimResult:
    return verify_family(claim(name="probe")(lambda: statement), EngineSettings(samples=200, diagnose=False))


def test_an_iteration_that_runs_away_from_the_claims_start_is_refuted() -> None:
    r = _verify(Convergence(NEWTON_ATAN, x, root=0, order=3, constant=CONSTANT, start=10))
    assert r.status is Status.REFUTED, r.reason
    assert FROM_THE_START in r.reason and "ENGINE INCONSISTENCY" not in r.reason, r.reason


def test_a_start_inside_the_basin_and_no_start_at_all_are_proved() -> None:
    for start in (sp.Rational(1, 2), None):
        r = _verify(Convergence(NEWTON_ATAN, x, root=0, order=3, constant=CONSTANT, start=start))
        assert r.status is Status.PROVED, (start, r.reason)


def test_a_wrong_constant_from_a_start_that_converges_is_refuted_by_its_constant() -> None:
    """Only a start from which the iteration does not converge refutes a claim by its start alone."""
    r = _verify(Convergence(x / 2 + x**2, x, root=0, order=1, constant=sp.Rational(1, 3), start=sp.Rational(1, 4)))
    assert r.status is Status.REFUTED and FROM_THE_START not in r.reason, r.reason


def test_a_vector_map_that_runs_away_from_the_claims_start_is_refuted() -> None:
    """(x, y) ↦ (x − (1 + x²)·atan x, y/2) has the rate 1/2 at 0 and runs away from (10, 1): it was PROVED, the
    check's generic start near the root standing in for the claim's own."""
    x_, y_ = sp.symbols("x y")
    step = sp.Matrix([x_ - (1 + x_**2) * sp.atan(x_), y_ / 2])
    far, near = sp.Matrix([10, 1]), sp.Matrix([sp.Rational(1, 2), 1])
    body = Convergence(step, sp.Matrix([x_, y_]), root=sp.zeros(2, 1), order=1, constant=sp.Rational(1, 2), start=far)
    r = _verify(body)
    assert r.status is Status.REFUTED, r.reason
    assert FROM_THE_START in r.reason and "more than 1e+100" in r.reason, r.reason
    assert _verify(dataclasses.replace(body, start=near)).status is Status.PROVED
