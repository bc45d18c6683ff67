"""An implication whose conclusion is undefined at a point where its premise holds, found exactly.

xw = y ⇒ w = y/x on ℝ³: at x = 0 the premise holds when y = 0, whatever w, and the conclusion has
no value there. A claim holds at every point of its declared domain (definedness.py), so this is a
counterexample; but samples with the premise true almost never have x = 0 exactly. So, for an
implication in scalar symbols: each condition that leaves the conclusion without a value (a zero
denominator, a log of 0, a pole of tan; poles.py) is solved for one symbol, the premise is then
solved for the symbols it still constrains (one at a time, the others at simple values), the rest
get simple values of their domains, and the point is checked exactly: in the domain, premise true,
one side of the conclusion undefined and the other defined. Heuristics only choose the point; the
check decides, so a point that fails it is passed over. It only refutes.
"""

from __future__ import annotations

import sympy as sp

from verifier.language.stepwise import Relation
from verifier.numeric.checks import exact_value, poles
from verifier.numeric.checks.definedness import point_text
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.outcome import Counterexample, NumericEvidence, NumericVerdict
from verifier.trusted.instantiate import Instance, as_matrix

MAX_SYMBOLS = 4
MAX_CONDITIONS = 4
SIMPLE = (sp.Integer(0), sp.Integer(1), sp.Integer(-1), sp.Integer(2), sp.Rational(1, 2))
_HOLDS = {"=": "is_zero", "<": "is_negative", "<=": "is_nonpositive", ">": "is_positive", ">=": "is_nonnegative"}


def probe(inst: Instance, premise: Relation, conclusion: Relation) -> NumericOutcome | None:
    """A FAIL at a point of the domain where the premise holds and the conclusion is undefined, or None."""
    targets = [g.target for g in inst.given]
    if not all(isinstance(t, sp.Symbol) for t in targets) or len(targets) > MAX_SYMBOLS:
        return None
    sides = [list(as_matrix(conclusion.lhs)), list(as_matrix(conclusion.rhs))]
    conditions = exact_value.undefined_conditions([sp.sympify(e) for side in sides for e in side])[:MAX_CONDITIONS]
    for condition in conditions:
        for u in sorted(condition.free_symbols & set(targets), key=lambda s: s.name):
            for value in _roots(condition, u):
                point = _complete(inst, premise, {u: value})
                if point is not None and _undefined_where_premise_holds(inst, premise, sides, point):
                    return _refuted(inst, point, condition)
    return None


def _roots(condition: sp.Expr, u: sp.Symbol) -> list[sp.Expr]:
    if sp.count_ops(condition) > poles.MAX_OPS:
        return []
    found = poles.solve_bounded(condition, u, sp.S.Reals)
    if not isinstance(found, sp.FiniteSet):
        return []
    return [r for r in found if r.is_real][:2]


def _in_domain(inst: Instance, sym: sp.Symbol, value: sp.Expr) -> bool:
    given = next(g for g in inst.given if g.target == sym)
    return poles._inside(given, value)


def _complete(inst: Instance, premise: Relation, point: dict[sp.Symbol, sp.Expr]) -> dict[sp.Symbol, sp.Expr] | None:
    """The point extended to every declared symbol: the premise's equations solved one symbol at a time
    (the others in that equation at simple values), the remaining symbols at simple values of their domain."""
    point = dict(point)
    if premise.op == "=":
        for entry in as_matrix(premise.lhs) - as_matrix(premise.rhs):
            rest = sp.simplify(sp.sympify(entry).xreplace(point))
            if rest.free_symbols and not _solve_entry(inst, rest, point):
                return None
    for g in inst.given:
        sym = g.target
        if sym not in point:
            choice = next((v for v in SIMPLE if _in_domain(inst, sym, v)), None)
            if choice is None:
                return None
            point[sym] = choice
    return point


def _solve_entry(inst: Instance, entry: sp.Expr, point: dict[sp.Symbol, sp.Expr]) -> bool:
    """Solve entry = 0 for one of its symbols, the others set to simple values first; updates point."""
    syms = sorted(entry.free_symbols, key=lambda s: s.name)
    for v in syms:
        others = {s: next((c for c in SIMPLE if _in_domain(inst, s, c)), None) for s in syms if s != v}
        if None in others.values():
            continue
        for root in _roots(entry.xreplace(others), v):
            if _in_domain(inst, v, root):
                point.update(others)
                point[v] = root
                return True
    return False


def _undefined_where_premise_holds(
    inst: Instance, premise: Relation, sides: list[list[sp.Expr]], point: dict[sp.Symbol, sp.Expr]
) -> bool:
    """Exactly: every value in its domain, the premise true there, one side of the conclusion undefined
    and the other defined (both undefined says nothing)."""
    if not all(_in_domain(inst, s, v) for s, v in point.items()):
        return False
    gap = [sp.simplify(sp.sympify(e).xreplace(point)) for e in as_matrix(premise.lhs) - as_matrix(premise.rhs)]
    if any(g.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or getattr(g, _HOLDS[premise.op]) is not True for g in gap):
        return False
    states = [_state(side, point) for side in sides]
    return None not in states and states[0] != states[1]


def _state(side: list[sp.Expr], point: dict[sp.Symbol, sp.Expr]) -> bool | None:
    """True if the side has no value at the point, False if it has a finite real one, None if undecided."""
    exprs = [sp.sympify(e) for e in side]
    if any(sp.simplify(c.xreplace(point)).is_zero for c in exact_value.undefined_conditions(exprs)):
        return True
    values = [e.xreplace(point) for e in exprs]
    if any(v.has(sp.zoo, sp.nan) for v in values):
        return True
    return False if all(v.is_finite and v.is_extended_real for v in values) else None


def _refuted(inst: Instance, point: dict[sp.Symbol, sp.Expr], condition: sp.Expr) -> NumericOutcome:
    values: dict[str, object] = {g.label: float(point[g.target]) for g in inst.given}
    exact = ", ".join(f"{g.label} = {sp.sstr(point[g.target])}" for g in inst.given)
    needs = f"it needs {sp.sstr(condition)} ≠ 0 at every point of its declared domain where the premise holds"
    reason = f"the conclusion is undefined at {exact}, where the premise holds; {needs}: narrow the domain"
    cx = Counterexample(
        n=inst.claim.n, values=values, claimed="", observed="undefined", relation="defined",
        error="undefined", digits=0, note=f"found exactly at {point_text(values)}",
    )  # fmt: skip
    evidence = NumericEvidence(inst.claim.n, "solved exactly where the conclusion is undefined", 1, 0, 0)
    return NumericOutcome(NumericVerdict.FAIL, evidence, cx, reason)
