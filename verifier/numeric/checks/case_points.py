"""An identity in scalar symbols, decided exactly where a Piecewise's condition names a point, or a jump lies.

Piecewise((1, Eq(x, 1/3)), (0, True)) = 0 fails at x = 1/3 alone: no float sample is 1/3, and a float next to
it takes the other row. A condition x = c, or x ≠ c (the row after it is taken at c), in one symbol is solved
exactly (sympy's solveset, bounded as in poles.py), and so is the boundary g = 0 of a condition g < 0 (≤, >, ≥),
and the zero of the argument of sign and Heaviside, where they jump (red team 140: sign(x − π)² = 1 and
[x² ≥ 2] = [x² > 2] were CHECKED, each false at one irrational point), and on a bounded interval the points
where the argument a·x + b of floor, ceiling or frac is an integer (⌊x/√2⌋ − ⌈x/√2⌉ + 1 = 0 on [1, 3]). At each
point of the domain found the two sides are evaluated exactly, each Piecewise taking the row its conditions give
there. A difference sympy shows nonzero (and finite) at a point shown to lie in the domain is a counterexample
decided exactly; a difference it cannot decide proves nothing and is passed over. This only refutes: a claim that
survives it is as it was.
"""

from __future__ import annotations

import sympy as sp

from verifier.language.claims import Given
from verifier.numeric.checks.critical import SIGN_BUDGET
from verifier.numeric.checks.definedness import Finding
from verifier.numeric.checks.exact_value import holds
from verifier.numeric.checks.jumps import STEPS, jump_equations, step_points
from verifier.numeric.checks.poles import (
    MAX_OPS,
    MAX_POINTS,
    _held,
    _inside,
    _scalar_givens,
    _window,
    shown_value,
    solve_bounded,
)
from verifier.outcome import Counterexample
from verifier.strategies import budget
from verifier.trusted.instantiate import Instance


def probe(inst: Instance, lhs: list[sp.Expr], rhs: list[sp.Expr], premise: sp.Basic | None = None) -> Finding:
    """A point named by a case condition where the sides differ, decided exactly; else nothing. In several scalar
    symbols, each is solved for in turn with the others held at simple points inside their domains (as in
    poles.py): y·(2 − sign(x² − 2)²) = y is REFUTED at x = √2, y = 1/3. premise: an implication's, which must hold
    there, exactly (x > 1 ⇒ [x > 1] = 1 was UNKNOWN: its point x = 1 fails the premise; helper-141)."""
    givens = _scalar_givens(inst)
    sides = [sp.sympify(e) for e in lhs + rhs]
    if givens is None or not any(e.has(sp.Piecewise, sp.sign, sp.Heaviside, *STEPS) for e in sides):
        return Finding()
    for x, given in givens.items():
        for held in _held(givens, x):
            for value in _named_points([e.xreplace(held) for e in sides], x, given):
                point = {**held, x: value}
                if premise is not None and holds(premise, point) is not True:
                    continue
                for k, (a, b) in enumerate(zip(lhs, rhs, strict=True)):
                    gap = _exact_gap(sp.sympify(a), sp.sympify(b), point)
                    if gap is not None:
                        return _finding(inst, givens, point, gap, k if len(lhs) > 1 else None)
    return Finding()


def _named_points(sides: list[sp.Expr], x: sp.Symbol, given: object) -> list[sp.Expr]:
    """The points of the domain where an equation of jump_equations in x holds, and the jumps of floor and ceiling."""
    points: list[sp.Expr] = step_points(sides, x, _window(given), MAX_POINTS + 1)  # type: ignore[arg-type]
    for equation in jump_equations(sides):
        if equation.free_symbols != {x} or sp.count_ops(equation) > MAX_OPS:
            continue
        found = solve_bounded(equation, x, _window(given))  # type: ignore[arg-type]
        if isinstance(found, sp.FiniteSet):
            points += [p for p in found if p.is_real]
    return [p for p in dict.fromkeys(sorted(points, key=sp.default_sort_key)) if _inside(given, p)][:MAX_POINTS]  # type: ignore[arg-type]


def _exact_gap(a: sp.Expr, b: sp.Expr, point: dict[sp.Symbol, sp.Expr]) -> sp.Expr | None:
    """a − b at the point, exactly, if sympy shows it finite and nonzero (within SIGN_BUDGET heartbeats)."""
    try:
        with budget.budget(SIGN_BUDGET):
            left, right = a.xreplace(point), b.xreplace(point)
            if left.has(sp.Piecewise, sp.nan, sp.zoo, sp.oo, -sp.oo) or right.has(sp.Piecewise, sp.nan, sp.zoo):
                return None  # a row not decided, or a side with no value: not this probe's finding
            gap = sp.simplify(left - right)
    except (budget.BudgetExceeded, TypeError, ValueError, ArithmeticError):  # PrecisionExhausted: no sign
        return None
    if gap.is_zero is False and gap.is_finite and gap.is_real:
        return gap
    return None


def _finding(
    inst: Instance, givens: dict[sp.Symbol, Given], point: dict[sp.Symbol, sp.Expr], gap: sp.Expr, entry: int | None
) -> Finding:
    ordered = [(givens[x], point[x]) for x in givens]
    at = ", ".join(f"{g.label} = {sp.sstr(v)}" for g, v in ordered)
    exact = all(v.is_Rational for _, v in ordered)  # else the float shown is beside the point, where it can hold
    near = ", ".join(f"{g.label} ≈ {float(v):.6g}" for g, v in ordered) if exact else f"exactly at {at}, not its float"
    where = f" (entry {entry + 1})" if entry is not None else ""
    reason = f"violated at {at}, a point where a case switches: lhs − rhs = {gap}{where}"
    cx = Counterexample(
        n=inst.claim.n, values={g.label: shown_value(g, v) for g, v in ordered}, claimed="lhs − rhs = 0",
        observed=sp.sstr(gap), relation="=", error=sp.sstr(abs(gap)), digits=0,
        note=f"{near}, where a case switches (a Piecewise row, sign, Heaviside, floor)",
    )  # fmt: skip
    return Finding(cx, reason, exact=point)

