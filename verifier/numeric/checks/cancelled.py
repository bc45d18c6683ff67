"""A divisor on one side only, whose zeros in the declared domain are not decided: no PROVED, no CHECKED.

(e^(2x) − 9)/(eˣ − 3) = eˣ + 3 on [0, 2] was PROVED "wherever both sides are defined": the proof cancels eˣ − 3, and
the left side is 0/0 at x = log 3, where the right side is 9. The exact pole search (poles.py) refutes such a claim
where it finds the divisor's zero in the domain; where it can neither find one nor show there is none (a divisor
sympy's solveset is not given, eˣ − x − 2, or one whose zeros it does not write), nothing shows that the claim is
defined where its proof needs it, and the numeric check is inconclusive (UNKNOWN), with the divisor named. A divisor
that is on both sides (1/(eˣ − x − 2) = 1/(eˣ − x − 2)) leaves both undefined at the same points, and one sympy's
facts show nonzero (eˣ + 1), or whose enclosures in arb on the pieces of a bounded domain all miss 0 (eˣ − x − 2 on
[2, 3]), needs nothing. In a claim in several declared scalars a divisor in one of them is decided on that one's
domain (sinh x − 1 beside y ∈ ℝ was PROVED on x ∈ [0, 1], 0/0 at x = asinh 1: helper-170), and one in several is
ruled out only by facts or enclosures on the bounded box (eˣ − x − y on [0, 2] × [5/2, 3] was PROVED). Inequalities
and the parameters of expectations are held to the same rule (an expectation's zeros are not searched: one found in
the domain leaves it undecided too).
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


def undecided(
    inst: Instance, sides: tuple[list[sp.Expr], list[sp.Expr]], searched: bool = True
) -> tuple[sp.Expr, int] | None:
    """A divisor of one side only (not of the other), in declared scalars, whose zeros in the domain are neither
    found nor ruled out. searched: the exact pole search has looked at the zeros written exactly (an identity's, an
    inequality's), so a zero found in the domain has been tried there; else (an expectation's parameters) such a
    zero leaves the divisor undecided too. The divisor, and the side that divides by it (0 or 1)."""
    givens = _scalar_givens(inst)
    if givens is None:
        return None
    left, right = _divisors(sides[0]), _divisors(sides[1])
    one_sided = [*((d, 0) for d in left if d not in right), *((d, 1) for d in right if d not in left)]
    for divisor, side in one_sided:
        symbols = sorted(divisor.free_symbols, key=str)
        if not symbols or not set(symbols) <= set(givens) or _nonzero_by_facts(divisor, symbols, givens):
            continue
        if not _ruled_out(divisor, symbols, givens, searched):
            return divisor, side
    return None


def _nonzero_by_facts(divisor: sp.Expr, symbols: list[sp.Symbol], givens: dict[sp.Symbol, Given]) -> bool:
    """sympy shows the divisor nonzero, as written or with each symbol's domain's facts (eˣ + 1, x² + y² + 1)."""
    if divisor.is_nonzero is True:
        return True
    fresh = {}
    for x in symbols:
        domain = givens[x].domain
        facts = domain.assumptions() if hasattr(domain, "assumptions") else {}
        facts = {**facts, **_signs(_window(givens[x]))} if facts.get("real") else facts
        fresh[x] = sp.Dummy(str(x), **facts) if facts else x
    return bool(divisor.xreplace(fresh).is_nonzero is True)


def _signs(window: sp.Set) -> dict[str, bool]:
    """The sign facts of a real symbol an interval of one sign holds (t ∈ [−2, −1]: negative), for sympy to show a
    divisor nonzero (t² + u² with u real)."""
    if not isinstance(window, sp.Interval):
        return {}
    if window.inf.is_positive or (window.inf.is_zero and window.left_open):
        return {"positive": True}
    if window.sup.is_negative or (window.sup.is_zero and window.right_open):
        return {"negative": True}
    return {}


def _ruled_out(divisor: sp.Expr, symbols: list[sp.Symbol], givens: dict[sp.Symbol, Given], searched: bool) -> bool:
    """In one symbol: its zeros decided (:func:`_decided`); in any number: enclosures that miss 0 on the bounded
    box (eˣ − y on [1, 2] × [0, 1]). A divisor in one symbol of a claim in several (sinh x − 1 beside y) is decided
    on that symbol's domain alone: a zero there is a point of the claim's domain with any value of the others."""
    if len(symbols) == 1 and _decided(divisor, symbols[0], givens[symbols[0]], searched):
        return True
    return _enclosed_away_from_zero(divisor, symbols, [_window(givens[x]) for x in symbols])


def unless_undecided(
    inst: Instance,
    sides: tuple[list[sp.Expr], list[sp.Expr]],
    outcome: NumericOutcome,
    exact: bool,
    names: Sides,
    searched: bool = True,
) -> NumericOutcome:
    """The numeric check's outcome, inconclusive instead of a pass where a divisor on one side only is undecided
    (:func:`undecided`; exact: the domain is searched as declared, not at a premise's few points). A counterexample
    stays one: a false claim with such a divisor is still REFUTED."""
    if not exact or outcome.verdict is not NumericVerdict.PASS:
        return outcome
    found = undecided(inst, sides, searched)
    if found is None:
        return outcome
    divisor, side = found
    why = (
        f"where {divisor} = 0 in the declared domain is not decided ({names[side]} divides by it, {names[1 - side]} "
        "does not): "
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


def _decided(divisor: sp.Expr, x: sp.Symbol, given: Given, searched: bool) -> bool:
    """Every zero of the divisor in the domain's window is written exactly, or one of them lies in the domain (a
    periodic divisor's on an unbounded domain): the pole search has looked at it. Or the divisor simplifies to a
    number that is not 0 (cosh²x − sinh²x). Unsearched: every zero is written and none lies in the domain."""
    try:
        with budget.budget(SOLVE_BUDGET):
            if sp.simplify(divisor).is_nonzero is True:
                return True
        with budget.budget(SOLVE_BUDGET):
            solved = real_zeros(divisor, x, _window(given))
        if solved is None:
            return _no_polynomial_zero(divisor, x, given)
    except (budget.BudgetExceeded, RecursionError):
        return False
    inside = any(_inside(given, z) for z in solved[0])
    return (solved[1] or inside) if searched else (solved[1] and not inside)


def _no_polynomial_zero(divisor: sp.Expr, x: sp.Symbol, given: Given) -> bool:
    """A polynomial with rational coefficients of a degree real_zeros does not solve, none of whose real roots lies in
    the domain (1 − β³² for β ∈ (0, 1), Adam's bias correction: its root 1 is the open end). Within the caller's
    budget."""
    if not divisor.is_polynomial(x):
        return False
    poly = sp.Poly(divisor, x)
    if not (poly.get_domain().is_QQ or poly.get_domain().is_ZZ) or poly.degree() < 1:
        return False
    with budget.budget(SOLVE_BUDGET):
        roots = poly.real_roots()
    return not any(_inside(given, r) for r in roots)


PIECES = 256  # enclosures of a divisor on pieces of a bounded domain, at most


def _enclosed_away_from_zero(divisor: sp.Expr, symbols: list[sp.Symbol], windows: list[sp.Set]) -> bool:
    """The divisor's enclosure in arb misses 0 on each piece of the bounded box (its widest side halved where it
    does not), at most PIECES pieces."""
    if not all(isinstance(w, sp.Interval) and w.inf.is_Rational and w.sup.is_Rational for w in windows):
        return False
    try:
        fn = enclose.compile_balls(divisor, symbols)
    except enclose.Unsupported:
        return False
    todo: list[list[tuple[sp.Rational, sp.Rational]]] = [[(w.inf, w.sup) for w in windows]]
    for _ in range(PIECES):
        if not todo:
            return True
        box = todo.pop()
        with enclose.precision(128):
            try:
                value = fn([(enclose.exact(lo), enclose.exact(hi)) for lo, hi in box])  # spans (numeric/intervals.py)
            except (ZeroDivisionError, ValueError, OverflowError):
                return False
        if not (enclose.finite(value) and (value[0] > 0 or value[1] < 0)):
            todo += _halves(box)
    return not todo


def _halves(box: list[tuple[sp.Rational, sp.Rational]]) -> list[list[tuple[sp.Rational, sp.Rational]]]:
    """The box cut in two across its widest side."""
    i = max(range(len(box)), key=lambda k: box[k][1] - box[k][0])
    lo, hi = box[i]
    mid = (lo + hi) / 2
    return [[*box[:i], (lo, mid), *box[i + 1 :]], [*box[:i], (mid, hi), *box[i + 1 :]]]
