"""A divisor on one side only, whose zeros in the declared domain are not decided: no PROVED, no CHECKED.

(e^(2x) − 9)/(eˣ − 3) = eˣ + 3 on [0, 2] was PROVED "wherever both sides are defined": the proof cancels eˣ − 3, and
the left side is 0/0 at x = log 3, where the right side is 9. The exact pole search (poles.py) refutes such a claim
where it finds the divisor's zero in the domain; where it can neither find one nor show there is none (a divisor
sympy's solveset is not given, eˣ − x − 2, or one whose zeros it does not write), nothing shows that the claim is
defined where its proof needs it, and the numeric check is inconclusive (UNKNOWN), with the divisor named. A divisor
that is on both sides (1/(eˣ − x − 2) = 1/(eˣ − x − 2)) leaves both undefined at the same points, and one sympy's
facts show nonzero (eˣ + 1), or whose enclosures in arb on the pieces of a bounded domain all miss 0 (eˣ − x − 2 on
[2, 3]), needs nothing. Claims in one declared scalar only: in several, a divisor's zeros are
looked for on lines (poles.py) and not ruled out (left open).
"""

from __future__ import annotations

import dataclasses

import sympy as sp

from verifier.language import walk
from verifier.language.claims import Given
from verifier.language.zeros import real_zeros
from verifier.numeric import enclose
from verifier.numeric.checks.poles import SOLVE_BUDGET, _inside, _scalar_givens, _unwrapped, _window
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.outcome import NumericVerdict
from verifier.strategies import budget
from verifier.trusted.instantiate import Instance


def undecided(inst: Instance, sides: tuple[list[sp.Expr], list[sp.Expr]]) -> sp.Expr | None:
    """A divisor of one side only (not of the other) whose zeros in the domain are neither found nor ruled out."""
    givens = _scalar_givens(inst)
    if givens is None or len(givens) != 1:
        return None
    ((x, given),) = givens.items()
    left, right = _divisors(sides[0]), _divisors(sides[1])
    facts = given.domain.assumptions() if hasattr(given.domain, "assumptions") else {}
    fresh = sp.Dummy("x", **facts) if facts else None
    for divisor in [*(d for d in left if d not in right), *(d for d in right if d not in left)]:
        if divisor.free_symbols != {x} or divisor.is_nonzero is True:
            continue
        if fresh is not None and divisor.xreplace({x: fresh}).is_nonzero is True:
            continue
        if not _decided(divisor, x, given) and not _enclosed_away_from_zero(divisor, x, _window(given)):
            return divisor
    return None


def unless_undecided(
    inst: Instance, sides: tuple[list[sp.Expr], list[sp.Expr]], outcome: NumericOutcome, exact: bool, names: Sides
) -> NumericOutcome:
    """The numeric check's outcome, inconclusive instead of a pass where a divisor on one side only is undecided
    (:func:`undecided`; exact: the domain is searched as declared, not at a premise's few points). A counterexample
    stays one: a false claim with such a divisor is still REFUTED."""
    if not exact or outcome.verdict is not NumericVerdict.PASS:
        return outcome
    divisor = undecided(inst, sides)
    if divisor is None:
        return outcome
    why = (
        f"where {divisor} = 0 in the declared domain is not decided ({names[0]} divides by it, {names[1]} does not): "
        f"narrow the domain to where {divisor} ≠ 0 if the claim holds only there"
    )
    return dataclasses.replace(outcome, verdict=NumericVerdict.INCONCLUSIVE, reason=why)


Sides = tuple[str, str]


def _divisors(side: list[sp.Expr]) -> list[sp.Expr]:
    """The bases of the negative powers in the side's entries, |·| taken off."""
    found = [
        _unwrapped(n.base) for n in walk.nodes([sp.sympify(e) for e in side]) if isinstance(n, sp.Pow) and _negative(n)
    ]
    return list(dict.fromkeys(found))


def _negative(power: sp.Pow) -> bool:
    return bool(power.exp.is_negative)


def _decided(divisor: sp.Expr, x: sp.Symbol, given: Given) -> bool:
    """Every zero of the divisor in the domain's window is written exactly, or one of them lies in the domain (a
    periodic divisor's on an unbounded domain): the pole search has looked at it. Or the divisor simplifies to a
    number that is not 0 (cosh²x − sinh²x)."""
    try:
        with budget.budget(SOLVE_BUDGET):
            if sp.simplify(divisor).is_nonzero is True:
                return True
        with budget.budget(SOLVE_BUDGET):
            solved = real_zeros(divisor, x, _window(given))
    except (budget.BudgetExceeded, RecursionError):
        return False
    return solved is not None and (solved[1] or any(_inside(given, z) for z in solved[0]))


PIECES = 256  # enclosures of a divisor on pieces of a bounded domain, at most


def _enclosed_away_from_zero(divisor: sp.Expr, x: sp.Symbol, window: sp.Set) -> bool:
    """The divisor's enclosure in arb misses 0 on each piece of the bounded window (halved where it does not)."""
    if not (isinstance(window, sp.Interval) and window.inf.is_Rational and window.sup.is_Rational):
        return False
    try:
        fn = enclose.compile_balls(divisor, [x])
    except enclose.Unsupported:
        return False
    todo, spent = [(window.inf, window.sup)], 0
    while todo:
        lo, hi = todo.pop()
        spent += 1
        if spent > PIECES:
            return False
        with enclose.precision(128):
            try:
                value = fn([(enclose.exact(lo), enclose.exact(hi))])  # a span [lo, hi] (numeric/intervals.py)
            except (ZeroDivisionError, ValueError, OverflowError):
                return False
        if not (enclose.finite(value) and (value[0] > 0 or value[1] < 0)):
            todo += [(lo, (lo + hi) / 2), ((lo + hi) / 2, hi)]
    return True
