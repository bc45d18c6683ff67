"""A ⇒ B with a non-strict premise is also checked where A holds with equality (helper-97: x ≤ 1 ⇒ 2x < 2 was
CHECKED on 602 samples; it fails only at x = 1, which no sample of x ≤ 1 lands on)."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.families import ClaimFamily
from verifier.language.stepwise import Implication, Relation
from verifier.outcome import Status

x, y = sp.symbols("x y")
SETTINGS = EngineSettings(samples=60)
REALS = {x: Real(), y: Real()}


@claim()
def strict_from_non_strict() -> Implication:
    return Implication(Relation(x, "<=", 1), Relation(2 * x, "<", 2), where={x: Real()})


@claim()
def strict_from_a_sum_at_most_one() -> Implication:
    return Implication(Relation(x + y, "<=", 1), Relation(x + y, "<", 1), where=REALS)


@claim()
def strict_from_at_least() -> Implication:
    return Implication(Relation(2 * x - y, ">=", 3), Relation(y, "<", 2 * x - 3), where=REALS)


@claim()
def non_strict_kept() -> Implication:
    """True: 2x ≤ 2 wherever x ≤ 1, x = 1 included."""
    return Implication(Relation(x, "<=", 1), Relation(2 * x, "<=", 2), where={x: Real()})


@claim()
def strict_where_the_edge_is_far() -> Implication:
    """True: x + y ≤ 1 gives x + y < 2 everywhere, its edge included."""
    return Implication(Relation(x + y, "<=", 1), Relation(x + y, "<", 2), where=REALS)


@pytest.mark.parametrize("family", [strict_from_non_strict, strict_from_a_sum_at_most_one, strict_from_at_least])
def test_a_conclusion_that_fails_only_on_the_premises_edge_is_refuted(family: ClaimFamily) -> None:
    r = verify_family(family, SETTINGS)
    assert r.status is Status.REFUTED, r.reason
    assert r.counterexample is not None and "the premise holds with equality" in r.counterexample.note


@pytest.mark.parametrize("family", [non_strict_kept, strict_where_the_edge_is_far])
def test_a_conclusion_that_holds_on_the_edge_is_not_refuted(family: ClaimFamily) -> None:
    assert verify_family(family, SETTINGS).status in (Status.PROVED, Status.CHECKED)
