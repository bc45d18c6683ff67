"""Red team 97: a chain's step whose where= left the chain's domain replaced it (the ledger's dict.update).

|x| = x "for x > 0" on x ∈ [−2, −1] was PROVED, on the step's domain, which the report then showed instead of the
declared one. A step's where= may now only narrow (verifier.language.domains.order); anything else is an ERROR
that says to declare the narrower domain on the chain. The true chains beside them narrow ℝ to x > 0, and
[0, 10] to its integers 1…5.

TRUTH maps each claim to (truth, class, witness); a malformed claim must not be PROVED or CHECKED.
"""

from __future__ import annotations

import sympy as sp

from verifier import Chain, Integer, Interval, Positive, Real, Step, claim

x, k = sp.symbols("x k")


@claim()
def step_declares_a_disjoint_domain() -> Chain:
    """|x| = x "for x > 0", declared on x ∈ [−2, −1] (false at x = −1)."""
    return Chain(sp.Abs(x), steps=(Step("=", x, "for x > 0", where={x: Positive()}),), where={x: Interval(-2, -1)})


@claim()
def second_step_leaves_the_domain() -> Chain:
    """√(x²) = |x| = x "for x > 0" on x ∈ [−2, −1] (false at x = −1)."""
    steps = (Step("=", sp.Abs(x), "√(x²) = |x|"), Step("=", x, "x > 0", where={x: Positive()}))
    return Chain(sp.sqrt(x**2), steps=steps, where={x: Interval(-2, -1)})


@claim()
def integers_swapped_for_others() -> Chain:
    """|k| = k "for k ≥ 1" on k ∈ {−3, …, −1} (false at k = −1)."""
    return Chain(sp.Abs(k), steps=(Step("=", k, "k ≥ 1", where={k: Integer(1, 5)}),), where={k: Integer(-3, -1)})


@claim()
def step_narrows_the_reals() -> Chain:
    """|x| = x for x > 0, the chain on ℝ.
    Proof: from the step on, x > 0, where |x| = x."""
    return Chain(sp.Abs(x), steps=(Step("=", x, "for x > 0", where={x: Positive()}),), where={x: Real()})


@claim()
def step_narrows_to_integers() -> Chain:
    """cos(2πk) = 1 for the integers k = 1…5 of [0, 10].
    Proof: cos is 2π-periodic and cos 0 = 1."""
    steps = (Step("=", 1, "k an integer", where={k: Integer(1, 5)}),)
    return Chain(sp.cos(2 * sp.pi * k), steps=steps, where={k: Interval(0, 10)})


TRUTH = {
    "step_declares_a_disjoint_domain": ("malformed", 1, None),
    "second_step_leaves_the_domain": ("malformed", 1, None),
    "integers_swapped_for_others": ("malformed", 1, None),
    "step_narrows_the_reals": ("true", 1, None),
    "step_narrows_to_integers": ("true", 1, None),
}
