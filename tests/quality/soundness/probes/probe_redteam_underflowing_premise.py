"""Red team: an implication whose premise underflows to 0 in floats far from where it holds.

x·e^{−x²} = 0 holds at x = 0 only, since e^{−x²} > 0; at a sample x ≈ −38 it is 0 in floats and about −38·10⁻⁶³² at
100 digits, under the 40-digit margin an equation is confirmed to. The premise was confirmed there, and the
conclusion's failure (sin(−38) ≠ 0, x² > 1) REFUTED two true implications. A difference of the sides that is the same
nonzero number at 50 and at 100 digits is a value, not round-off: the premise does not hold there
(tests/numeric/test_premise_few.py).

TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Real, claim
from verifier.language.stepwise import Implication, Relation


@claim()
def gaussian_bump_stationary_sin() -> Implication:
    """x·e^{−x²} = 0 ⇒ sin x = 0 on ℝ.

    Proof: e^{−x²} > 0, so the premise gives x = 0, and sin 0 = 0."""
    x = sp.Symbol("x")
    return Implication(Relation(x * sp.exp(-(x**2)), "=", 0), Relation(sp.sin(x), "=", 0), where={x: Real()})


@claim()
def gaussian_bump_stationary_small() -> Implication:
    """x·e^{−x²} = 0 ⇒ x² ≤ 1 on ℝ.

    Proof: e^{−x²} > 0, so the premise gives x = 0."""
    x = sp.Symbol("x")
    return Implication(Relation(x * sp.exp(-(x**2)), "=", 0), Relation(x**2, "<=", 1), where={x: Real()})


TRUTH = {
    "gaussian_bump_stationary_sin": ("true", 3, None),
    "gaussian_bump_stationary_small": ("true", 3, None),
}
