"""Say which case of a branching claim a counterexample falls in (Abs, Max, Piecewise, ...).

Explanation only, never evidence. Each branching function in a residual entry takes one
branch at the counterexample's exact values: Abs(u) the branch u ≥ 0 or u < 0, Max(a, b) the
branch a ≥ b or b > a, a Piecewise its first condition that holds (and the negation of the
ones before it). The case is those comparisons together, each written the way it holds at the
point, and on one variable as its simplest interval ("1 <= x"). Reading the branches off the
nodes costs milliseconds; folding the entry's cases (obligations.cases) cost seconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sympy as sp
from sympy.core.relational import Relational

from verifier.language import walk
from verifier.language.claims import Derivative, Identity
from verifier.strategies.budget import BudgetExceeded, budget
from verifier.trusted import obligations
from verifier.trusted.instantiate import Instance

EXPLAIN_BUDGET = 60  # heartbeats: an explanation never costs more than a cheap probe
MAX_FACTS = 6  # comparisons in a case; past that it is no help to read (a ReLU layer's every unit)


def case_at(inst: Instance, values: dict[str, Any], exact: dict[sp.Symbol, sp.Expr] | None = None) -> str:
    """'in the case <condition>' for the first residual entry that branches, or ''. exact: the point where the
    counterexample was found exactly, if it was (its shown floats may lie in another case: sign(x − π)² = 1,
    refuted at π, was said to fail 'in the case x <= pi', where it holds)."""
    body = inst.claim.body
    if not isinstance(body, Identity | Derivative):
        return ""
    if not any(obligations.has_cases(part) for part in body.parts()):
        return ""
    point = _point(inst, values)
    point.update({inst.to_symbolic.get(x, x): v for x, v in (exact or {}).items()})
    try:
        with budget(EXPLAIN_BUDGET):
            return _first_case_holding(inst, point)
    except BudgetExceeded:
        return ""


def _first_case_holding(inst: Instance, point: dict[sp.Basic, sp.Basic]) -> str:
    try:
        for entry in obligations.residual(inst):
            if obligations.has_cases(entry):
                facts = _distinct(f for node in walk.nodes([entry]) for f in _branch_taken(node, point))
                return f"in the case {_readable(sp.And(*facts))}" if 0 < len(facts) <= MAX_FACTS else ""
    except (TypeError, ValueError, AttributeError):
        return ""
    return ""


def _branch_taken(node: sp.Basic, point: dict[sp.Basic, sp.Basic]) -> list[sp.Basic]:
    """The comparisons that say which branch node takes at the point ([] for other nodes)."""
    if isinstance(node, sp.Piecewise):
        earlier: list[sp.Basic] = []
        for _, condition in node.args:
            if sp.sympify(condition).xreplace(point) is sp.true:
                return _as_held([*earlier, condition], point)
            earlier.append(condition)
        return []
    if isinstance(node, sp.Abs):
        return _as_held([node.args[0] >= 0], point)
    if isinstance(node, sp.sign | sp.Heaviside):
        return _as_held([sp.Eq(node.args[0], 0), node.args[0] > 0], point)
    if isinstance(node, sp.Max | sp.Min):
        pick = sp.Ge if isinstance(node, sp.Max) else sp.Le
        first, *others = node.args
        return _as_held([pick(first, other) for other in others], point)
    return []


def _as_held(conditions: list[sp.Basic], point: dict[sp.Basic, sp.Basic]) -> list[sp.Basic]:
    """Each comparison in the conditions, written the way it holds at the point (a false equation
    says nothing worth reading, and is left out)."""
    held: list[sp.Basic] = []
    for relation in (r for c in conditions for r in sp.sympify(c).atoms(Relational)):
        holds = relation.xreplace(point)
        if holds is sp.true and not isinstance(relation, sp.Ne):
            held.append(relation)
        elif holds is sp.false and not isinstance(relation, sp.Eq):
            held.append(relation.negated)
    return held


def _distinct(facts: Iterable[sp.Basic]) -> list[sp.Basic]:
    """One of each comparison: x < y and x - y < 0 are the same."""
    seen: dict[tuple[sp.Expr, type], sp.Basic] = {}
    for fact in facts:
        if not isinstance(fact, Relational):
            continue
        gap, kind = fact.lhs - fact.rhs, type(fact)
        if isinstance(fact, sp.Gt | sp.Ge):
            gap, kind = -gap, sp.Lt if isinstance(fact, sp.Gt) else sp.Le
        seen.setdefault((sp.expand(gap), kind), fact)
    weaker = {(gap, sp.Le) for gap, kind in seen if kind is sp.Lt}  # x ≤ y beside x < y says nothing more
    # nor beside x = y, either way round (sin x = 0 and sin x ≤ 0)
    weaker |= {(sign * gap, sp.Le) for gap, kind in seen if kind is sp.Eq for sign in (1, -1)}
    return [fact for key, fact in seen.items() if key not in weaker]


def _readable(condition: sp.Basic) -> str:
    """A condition on one variable as its simplest relational (x >= 2, not a nest of Ors)."""
    symbols = list(condition.free_symbols)
    if len(symbols) == 1:
        try:
            return _words(condition.as_set().as_relational(symbols[0]))
        except (NotImplementedError, TypeError, ValueError, AttributeError):
            pass
    return _words(condition)


def _words(condition: sp.Basic) -> str:
    """A condition as a reader writes it: x = pi (not Eq(x, pi)), with 'or' and 'and' between equations."""
    if isinstance(condition, sp.Eq):
        return f"{sp.sstr(condition.lhs)} = {sp.sstr(condition.rhs)}"
    if isinstance(condition, sp.Or | sp.And) and any(isinstance(a, sp.Eq) for a in condition.args):
        word = " or " if isinstance(condition, sp.Or) else " and "
        return word.join(_words(a) for a in sorted(condition.args, key=sp.default_sort_key))
    return sp.sstr(condition)


def _point(inst: Instance, values: dict[str, Any]) -> dict[sp.Basic, sp.Basic]:
    point: dict[sp.Basic, sp.Basic] = {}
    for g in inst.given:
        value = values.get(g.label)
        targets = list(g.target) if isinstance(g.target, sp.MatrixBase) else [g.target]
        flat = _flatten(value)
        for target, v in zip(targets, flat, strict=False):
            symbolic = inst.to_symbolic.get(target, target)
            if isinstance(symbolic, sp.Symbol):
                point[symbolic] = sp.Rational(v) if isinstance(v, str) else sp.Rational(float(v))  # str: exact
    return point


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [x for item in value for x in _flatten(item)]
    return [value]
