"""An implication whose premise holds at too few samples to pass on is still refuted at one of them.

A² = I ⇒ A = I over invertible 2×2 A was UNKNOWN, "the premise held at 3 of 800 samples; too few to check the
conclusion", though two of the three (−I and the swap [[0, 1], [1, 0]], special points of the domain) break the
conclusion: the check never looked at them. Too few points still pass nothing (A² = A ⇒ A = I over invertible A
stays UNKNOWN), but a counterexample among them, confirmed as any other, refutes.
"""

from __future__ import annotations

import sympy as sp

from verifier import Invertible, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.mathlib import identity, matrix
from verifier.language.stepwise import Implication, Relation
from verifier.outcome import Status

SETTINGS = EngineSettings(samples=200)


@claim(n=[2])
def involution_is_the_identity(n: int) -> Implication:
    """A² = I ⇒ A = I for invertible A (false at A = −I)."""
    a = matrix("A", n)
    return Implication(Relation(a * a, "=", identity(n)), Relation(a, "=", identity(n)), where={a: Invertible()})


@claim(n=[2])
def invertible_idempotent_is_the_identity(n: int) -> Implication:
    """A² = A ⇒ A = I for invertible A: multiply A² = A by A⁻¹."""
    a = matrix("A", n)
    return Implication(Relation(a * a, "=", a), Relation(a, "=", identity(n)), where={a: Invertible()})


@claim()
def square_one_is_one() -> Implication:
    """x² = 1 ⇒ x = 1 on ℝ (false at x = −1)."""
    x = sp.Symbol("x")
    return Implication(Relation(x**2, "=", 1), Relation(x, "=", 1), where={x: Real()})


def test_a_counterexample_among_too_few_premise_points_refutes() -> None:
    result = verify_family(involution_is_the_identity, SETTINGS)
    assert result.status is Status.REFUTED, result.reason


def test_a_scalar_premise_that_holds_at_two_points_refutes_too() -> None:
    result = verify_family(square_one_is_one, SETTINGS)
    assert result.status is Status.REFUTED, result.reason


def test_too_few_premise_points_still_pass_nothing() -> None:
    result = verify_family(invertible_idempotent_is_the_identity, SETTINGS)
    assert result.status is Status.UNKNOWN, result.reason
    assert "too few to check the conclusion" in result.reason


@claim()
def stationary_gaussian_bump(n: int = 0) -> Implication:
    """x·e^{−x²} = 0 ⇒ sin x = 0 on ℝ: the premise holds at x = 0 only (e^{−x²} > 0)."""
    x = sp.Symbol("x")
    return Implication(Relation(x * sp.exp(-(x**2)), "=", 0), Relation(sp.sin(x), "=", 0), where={x: Real()})


def test_a_premise_that_underflows_is_not_confirmed_where_it_is_a_tiny_nonzero() -> None:
    """At x = −38 the premise x·e^{−x²} is 0 in floats and about −38·10⁻⁶³² at 100 digits, under the 40-digit margin
    an equation held to: it was confirmed there, and the true implication REFUTED. A difference that is the same
    nonzero number at 50 and at 100 digits is a value, not round-off: the premise does not hold there."""
    result = verify_family(stationary_gaussian_bump, SETTINGS)
    assert result.status is not Status.REFUTED, result.reason
