"""Red team 97: implications whose conclusion fails only where a non-strict premise holds with equality.

x ≤ 1 ⇒ 2x < 2 was CHECKED on 602 samples: it fails at x = 1 alone, which no sample of x ≤ 1 lands on. The
premise's equation is now solved like any premise and the conclusion checked on it. Beside them, true claims
whose conclusion holds on the edge too.

TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Real, claim
from verifier.language.stepwise import Implication, Relation

x, y = sp.symbols("x y")
REALS = {x: Real(), y: Real()}


@claim()
def strict_conclusion_from_at_most() -> Implication:
    """x ≤ 1 ⇒ 2x < 2 on ℝ (false at x = 1)."""
    return Implication(Relation(x, "<=", 1), Relation(2 * x, "<", 2), where={x: Real()})


@claim()
def strict_conclusion_from_at_least_in_two_symbols() -> Implication:
    """2x − y ≥ 3 ⇒ y < 2x − 3 on ℝ² (false at x = 2, y = 1)."""
    return Implication(Relation(2 * x - y, ">=", 3), Relation(y, "<", 2 * x - 3), where=REALS)


@claim()
def non_strict_conclusion_kept() -> Implication:
    """x + y ≤ 1 ⇒ 3(x + y) ≤ 3 on ℝ².
    Proof: multiply by 3 > 0."""
    return Implication(Relation(x + y, "<=", 1), Relation(3 * (x + y), "<=", 3), where=REALS)


@claim()
def strict_conclusion_with_room() -> Implication:
    """x ≤ 1 ⇒ x < 2 on ℝ.
    Proof: x ≤ 1 < 2."""
    return Implication(Relation(x, "<=", 1), Relation(x, "<", 2), where={x: Real()})


TRUTH = {
    "strict_conclusion_from_at_most": ("false", 1, {"x": 1}),
    "strict_conclusion_from_at_least_in_two_symbols": ("false", 1, {"x": 2, "y": 1}),
    "non_strict_conclusion_kept": ("true", 1, None),
    "strict_conclusion_with_room": ("true", 1, None),
}
