"""A size the numerics cannot decide does not end the walk: a larger size may refute the claim (issue 37)."""

from __future__ import annotations

import re

import sympy as sp

from verifier import Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.stepwise import Implication, Relation
from verifier.outcome import Status

x, y = sp.symbols("x y")
WHERE = {x: Real(), y: Real()}


@claim(n=[2, 3])
def undecided_then_refuted(n: int) -> Implication:
    if n == 2:  # the circle is not linear in a symbol, and the samples meet it only at the special points on the
        # axes, where x ≤ 1 holds: undecided at n = 2 (x < 1 was here, which (1, 0) refutes, now that a premise held at
        # too few samples to pass on is still checked there)
        return Implication(Relation(x**2 + y**2, "=", 1), Relation(x, "<=", 1), where=WHERE)
    return Implication(Relation(x, "=", 1), Relation(x, "<", 1), where=WHERE)


@claim(n=[2, 3])
def undecided_then_holding(n: int) -> Implication:
    if n == 2:
        return Implication(Relation(x**2 + y**2, "=", 1), Relation(x, "<=", 1), where=WHERE)
    return Implication(Relation(x, "=", 1), Relation(x, "<=", 1), where=WHERE)


def test_an_undecided_size_does_not_stop_the_walk_before_a_refuting_one() -> None:
    r = verify_family(undecided_then_refuted, EngineSettings(samples=100))
    assert r.status is Status.REFUTED, r.reason
    assert r.counterexample is not None and r.counterexample.n == 3


def test_an_undecided_size_leaves_the_claim_unknown_and_says_where() -> None:
    r = verify_family(undecided_then_holding, EngineSettings(samples=100))
    assert r.status is Status.UNKNOWN, r.reason
    # the circle meets the samples only at special points on the axes (x = ±1, y = 0; x = 0, y = ±1)
    assert re.search(r"at n = 2: the premise held at [0-4] of \d+ samples", r.reason), r.reason
