"""Class 1 and 7: a namesake of probe_corollaries.py in another folder (derivations are paths).

Its `lemma` is true and PROVED; the other file's corollaries cite their own (false) `lemma`, and
must not borrow this verdict. Its own corollary cites this lemma and states something false.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Corollary, Inequality, Real, claim

x = sp.Symbol("x")


@claim()
def lemma() -> Inequality:
    """x² + 1 ≥ 1 on ℝ.

    Proof: x² ≥ 0.
    """
    return Inequality(x**2 + 1, ">=", sp.Integer(1), where={x: Real()})


@claim(expect="refuted")
def square_plus_one_above_two() -> Corollary:
    """x² + 1 ≥ 2 on ℝ, citing lemma (false at x = 0)."""
    return Corollary(of=("lemma",), because="add 1 to both sides")


TRUTH = {
    "lemma": ("true", 1, None),
    "square_plus_one_above_two": ("false", 7, {"lhs": 1, "op": ">=", "rhs": 2}),
}
