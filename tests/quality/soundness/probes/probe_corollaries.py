"""Class 7: a corollary says what was shown; chains and implications name their wrong step.

A Corollary only cites other claims and names a fact; the engine never sees its statement, so
a bare citation must never be PROVED (at most "follows from X, not checked"), and one whose
statement is false must not be CHECKED either. Its witness states the corollary as lhs op rhs.
Here too: a Corollary citing a `lemma` that has a namesake in twin/probe_corollaries.py (same base
name, another folder) must not borrow that file's verdict. Chains and implications complete the
claim kinds that relate lines: a chain with a wrong step is false (the witness names the step).

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Chain, Corollary, Identity, Inequality, Nonnegative, Positive, Real, Step, claim
from verifier.language.stepwise import Implication, Relation

x, y = sp.symbols("x y")


@claim(expect="refuted")
def lemma() -> Inequality:
    """x² ≥ 1 on ℝ (false at x = 0); its namesake in twin/ is true."""
    return Inequality(x**2, ">=", sp.Integer(1), where={x: Real()})


@claim()
def square_nonnegative() -> Inequality:
    """x² ≥ 0 on ℝ.

    Proof: a square of a real number.
    """
    return Inequality(x**2, ">=", sp.Integer(0), where={x: Real()})


@claim(expect="refuted")
def one_equals_two() -> Corollary:
    """1 = 2, citing a proved claim (false)."""
    return Corollary(of=("square_nonnegative",), because="since x² ≥ 0")


@claim(expect="refuted")
def fourth_power_at_least_one() -> Corollary:
    """x⁴ ≥ 1 on ℝ, citing the false lemma (false at x = 0)."""
    return Corollary(of=("lemma",), because="square both sides of x² ≥ 1")


@claim()
def fourth_power_nonnegative() -> Corollary:
    """x⁴ ≥ 0 on ℝ, citing square_nonnegative.

    Proof: x⁴ = (x²)² ≥ 0.
    """
    return Corollary(of=("square_nonnegative",), because="x⁴ = (x²)² and a square is ≥ 0")


@claim(expect="refuted")
def cites_nothing_that_exists() -> Corollary:
    """0 = 1, citing a claim that does not exist (undefined citation, ERROR wanted)."""
    return Corollary(of=("no_such_claim",), because="by a lemma nobody wrote")


@claim(expect="refuted")
def expand_square_chain_wrong() -> Chain:
    """(x + y)² = x² + y² = … (the first step forgets 2xy; false at x = y = 1)."""
    return Chain(
        (x + y) ** 2,
        steps=(Step("=", x**2 + y**2, "expand"), Step(">=", 2 * x * y, "AM–GM")),
        where={x: Real(), y: Real()},
    )


@claim(expect="refuted")
def chain_with_cancelling_slips() -> Chain:
    """(x + 1)² = x² + 1 = x² + 2x + 1: right end, wrong first step (false at x = 1)."""
    return Chain(
        (x + 1) ** 2, steps=(Step("=", x**2 + 1, "expand"), Step("=", x**2 + 2 * x + 1, "regroup")), where={x: Real()}
    )


@claim()
def square_of_sum_chain() -> Chain:
    """(x + y)² ≥ 4xy, line by line.

    Proof: (x + y)² − 4xy = (x − y)² ≥ 0.
    """
    return Chain(
        (x + y) ** 2,
        steps=(
            Step("=", x**2 + 2 * x * y + y**2, "expand"),
            Step("=", (x - y) ** 2 + 4 * x * y, "complete the square"),
            Step(">=", 4 * x * y, "a square is ≥ 0"),
        ),
        where={x: Real(), y: Real()},
    )


@claim()
def am_gm_two_chain() -> Chain:
    """(x + y)/2 ≥ √(xy) for x, y ≥ 0, line by line.

    Proof: (x + y)/2 − √(xy) = (√x − √y)²/2 ≥ 0.
    """
    return Chain(
        (x + y) / 2,
        steps=(
            Step("=", (sp.sqrt(x) - sp.sqrt(y)) ** 2 / 2 + sp.sqrt(x * y), "complete the square"),
            Step(">=", sp.sqrt(x * y), "a square is ≥ 0"),
        ),
        where={x: Nonnegative(), y: Nonnegative()},
    )


@claim(expect="refuted")
def square_above_one_implies_above_one() -> Implication:
    """x² > 1 ⇒ x > 1 on ℝ (false at x = −2)."""
    return Implication(Relation(x**2, ">", sp.Integer(1)), Relation(x, ">", sp.Integer(1)), where={x: Real()})


@claim()
def above_one_implies_square_above_one() -> Implication:
    """x > 1 ⇒ x² > 1 on ℝ.

    Proof: x² − 1 = (x − 1)(x + 1) > 0 when x > 1.
    """
    return Implication(Relation(x, ">", sp.Integer(1)), Relation(x**2, ">", sp.Integer(1)), where={x: Real()})


@claim(expect="refuted")
def stationarity_implication_wrong() -> Implication:
    """2x − 2 = 0 ⇒ x = 2 on ℝ (false at x = 1)."""
    return Implication(Relation(2 * x - 2, "=", sp.Integer(0)), Relation(x, "=", sp.Integer(2)), where={x: Real()})


@claim()
def log_monotone_implication() -> Implication:
    """x ≤ y ⇒ log x ≤ log y for x, y > 0.

    Proof: log is increasing on (0, ∞).
    """
    return Implication(Relation(x, "<=", y), Relation(sp.log(x), "<=", sp.log(y)), where={x: Positive(), y: Positive()})


@claim()
def identity_for_the_chain_end() -> Identity:
    """(x + 1)² = x² + 2x + 1.

    Proof: expand.
    """
    return Identity((x + 1) ** 2, x**2 + 2 * x + 1, where={x: Real()})


TRUTH = {
    "lemma": ("false", 7, {"x": 0}),
    "square_nonnegative": ("true", 7, None),
    "one_equals_two": ("false", 7, {"lhs": 1, "rhs": 2}),
    "fourth_power_at_least_one": ("false", 7, {"lhs": 0, "op": ">=", "rhs": 1}),
    "fourth_power_nonnegative": ("true", 7, None),
    "cites_nothing_that_exists": ("malformed", 7, {"lhs": 0, "rhs": 1}),
    "expand_square_chain_wrong": ("false", 7, {"x": 1, "y": 1, "step": 1}),
    "chain_with_cancelling_slips": ("false", 7, {"x": 1, "step": 1}),
    "square_of_sum_chain": ("true", 7, None),
    "am_gm_two_chain": ("true", 7, None),
    "square_above_one_implies_above_one": ("false", 7, {"x": -2}),
    "above_one_implies_square_above_one": ("true", 7, None),
    "stationarity_implication_wrong": ("false", 7, {"x": 1}),
    "log_monotone_implication": ("true", 7, None),
    "identity_for_the_chain_end": ("true", 7, None),
}
