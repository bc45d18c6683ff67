"""Say which case of a branching claim a counterexample falls in (Abs, Max, Piecewise, ...).

Explanation only, never evidence: the cases are those the kernel uses for a proof by
cases (obligations.cases), evaluated exactly at the counterexample's values.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from verifier import obligations
from verifier.budget import BudgetExceeded, budget
from verifier.claims import Derivative, Identity
from verifier.instantiate import Instance

EXPLAIN_BUDGET = 60  # heartbeats: an explanation never costs more than a cheap probe


def case_at(inst: Instance, values: dict[str, Any]) -> str:
    """'in the case <condition>' for the first residual entry that branches, or ''."""
    body = inst.claim.body
    if not isinstance(body, Identity | Derivative):
        return ""
    if not any(obligations.has_cases(part) for part in body.parts()):
        return ""
    point = _point(inst, values)
    try:
        with budget(EXPLAIN_BUDGET):
            return _first_case_holding(inst, point)
    except BudgetExceeded:
        return ""


def _first_case_holding(inst: Instance, point: dict[sp.Basic, sp.Basic]) -> str:
    try:
        for entry in obligations.residual(inst):
            if not obligations.has_cases(entry):
                continue
            for value, condition in obligations.cases(entry):
                holds = sp.sympify(condition).xreplace(point)
                if holds is sp.true and sp.sympify(value).xreplace(point) != 0:
                    return f"in the case {_readable(condition)}"
    except (obligations.NotShowable, TypeError, ValueError, AttributeError):
        return ""
    return ""


def _readable(condition: sp.Basic) -> str:
    """A condition on one variable as its simplest relational (x >= 2, not a nest of Ors)."""
    symbols = list(condition.free_symbols)
    if len(symbols) == 1:
        try:
            return sp.sstr(condition.as_set().as_relational(symbols[0]))
        except (NotImplementedError, TypeError, ValueError, AttributeError):
            pass
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
                point[symbolic] = sp.Rational(float(v))
    return point


def _flatten(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [x for item in value for x in _flatten(item)]
    return [value]
