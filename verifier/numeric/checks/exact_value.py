"""Whether a side has a value at an exact point: the zeros of a denominator, of a logarithm's argument, the poles of
tan, sec, cot and csc, of ζ at 1, the lattice poles of Γ and its kin, and the row a Piecewise takes there.

A Piecewise's row is decided in Kleene's three-valued logic, as numeric/truth.py decides it in floats: a condition
holds, fails, or has no truth value (1/x > 1 at x = 0, √x > 1 at x = −1). A Piecewise has no value where its first
condition that does not fail has none, or where no condition holds. And is false where an operand is false, whatever
the others (x > 0 ∧ 1/x > 1 is false at 0), Or true where one is true; Implies is ¬a ∨ b; ITE needs its test and the
branch it takes; Xor and Equivalent need every operand. Each answer is exact, or "not decided" (None), never a guess:
poles.probe and definedness report only a point decided exactly.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.relational import Relational

Point = dict[sp.Symbol, sp.Expr]
_ZERO_OF = {sp.tan: sp.cos, sp.sec: sp.cos, sp.cot: sp.sin, sp.csc: sp.sin}


class _NoValue:
    """The truth value of a condition that has none."""


NO_VALUE = _NoValue()
Truth = bool | _NoValue | None  # None: not decided
_ORDERS = (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan, sp.GreaterThan)


def resolved(expr: sp.Expr, point: Point) -> sp.Expr | bool | None:
    """The expression with each Piecewise replaced by the row it takes at the point; True if a Piecewise in it has
    no value there, None if a row taken is not decided."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Piecewise):
        return expr
    if isinstance(expr, sp.Piecewise):
        row = taken(expr, point)
        return row if row is None or row is True else resolved(row, point)
    args = []
    for arg in expr.args:
        done = resolved(arg, point)
        if done is None or done is True:
            return done
        args.append(done)
    return expr.func(*args)


def taken(pw: sp.Piecewise, point: Point) -> sp.Expr | bool | None:
    """The value expression of the row the Piecewise takes at the point; True if it has no value there (its first
    condition that does not fail has none, or none holds), None if not decided."""
    for value, condition in pw.args:
        truth = holds(condition, point)
        if truth is None:
            return None
        if truth is NO_VALUE:
            return True
        if truth is True:
            return value
    return True


def holds(condition: sp.Basic, point: Point) -> Truth:
    """The condition's truth value at the point: True, False, NO_VALUE, or None if not decided."""
    if condition in (sp.true, sp.false):
        return bool(condition)
    if isinstance(condition, Relational):
        return _relation(condition, point)
    parts = [holds(a, point) for a in condition.args]
    if isinstance(condition, sp.Not):
        return _not(parts[0])
    if isinstance(condition, sp.And):
        return _and(parts)
    if isinstance(condition, sp.Or):
        return _not(_and([_not(p) for p in parts]))
    if isinstance(condition, sp.Implies):
        return _not(_and([parts[0], _not(parts[1])]))
    if isinstance(condition, sp.ITE):
        return parts[0] if parts[0] is None or parts[0] is NO_VALUE else parts[1 if parts[0] else 2]
    if isinstance(condition, sp.Xor | sp.Equivalent):
        if any(p is None for p in parts):
            return None
        if any(p is NO_VALUE for p in parts):
            return NO_VALUE
        return _truth(condition.func(*[sp.true if p else sp.false for p in parts]))
    return None


def _relation(relation: Relational, point: Point) -> Truth:
    """An order or an (in)equality between two exact values: no value where a side has none (an order also where
    a side is not real, and undefined_at answers None there: not decided)."""
    rows = [resolved(sp.sympify(s), point) for s in relation.args]
    if any(s is None for s in rows):
        return None
    sides = [s for s in rows if isinstance(s, sp.Basic)]
    if len(sides) < len(rows):  # a side is a Piecewise with no value here
        return NO_VALUE
    state = undefined_at([s for s in sides if s not in (sp.oo, -sp.oo)], point)  # x < oo: oo written is a value
    if state:
        return NO_VALUE
    values = [sp.simplify(s.xreplace(point)) for s in sides]
    if state is None:  # finite but maybe not real: an order of a number that is not real has no value
        unreal = isinstance(relation, _ORDERS) and any(v.is_extended_real is False for v in values)
        return NO_VALUE if unreal else None
    try:
        return _truth(sp.simplify(relation.func(*values)))
    except TypeError:
        return None


def _truth(value: sp.Basic) -> bool | None:
    return bool(value) if value in (sp.true, sp.false) else None


def _not(truth: Truth) -> Truth:
    return truth if truth is None or truth is NO_VALUE else not truth


def _and(parts: list[Truth]) -> Truth:
    if any(p is False for p in parts):
        return False
    if any(p is None for p in parts):
        return None
    return NO_VALUE if any(p is NO_VALUE for p in parts) else True


def lattice_poles(node: sp.Basic) -> list[tuple[sp.Expr, int]]:
    """(u, top) for each argument u of the node that has no value at u = top, top − 1, top − 2, …: Γ, log Γ,
    ψ and ψ⁽ⁿ⁾ at the nonpositive integers (DLMF 5.2.1), B(a, b) where a or b is one, n! and H_n at the
    negative integers."""
    if isinstance(node, sp.gamma | sp.loggamma | sp.digamma):
        return [(node.args[0], 0)]
    if isinstance(node, sp.polygamma):
        return [(node.args[1], 0)]
    if isinstance(node, sp.beta):
        return [(a, 0) for a in node.args]
    if isinstance(node, sp.factorial) or (isinstance(node, sp.harmonic) and len(node.args) == 1):
        return [(node.args[0], -1)]
    return []


def _lattice(exprs: list[sp.Expr]) -> list[tuple[sp.Expr, int]]:
    """The lattice poles of every node of the expressions, outside Piecewise branches (see undefined_conditions)."""
    found: list[tuple[sp.Expr, int]] = []
    todo, seen = list(exprs), set()
    while todo:
        node = todo.pop()
        if node in seen or isinstance(node, sp.Piecewise):
            continue  # a subtree shared by many entries (a Jacobian's softmax) is walked once
        seen.add(node)
        found += lattice_poles(node)
        todo += [a for a in node.args if isinstance(a, sp.Basic)]
    return list(dict.fromkeys(found))


def on_lattice(value: sp.Expr, top: int) -> bool:
    """The exact value is an integer at most top: a pole of its lattice."""
    return bool(value.is_integer and (value - top).is_nonpositive)


def undefined_conditions(exprs: list[sp.Expr]) -> list[sp.Expr]:
    """The expressions whose zeros leave a side without a value. A branch of a Piecewise is not
    looked into: at a point where it is not taken, its operations need no value."""
    found: list[sp.Expr] = []
    todo, seen = list(exprs), set()
    while todo:
        node = todo.pop()
        if node in seen or isinstance(node, sp.Piecewise):
            continue
        seen.add(node)
        if isinstance(node, sp.Pow) and node.exp.is_negative:
            found.append(node.base)
        elif isinstance(node, sp.log):
            found.append(node.args[0])
        elif type(node) in _ZERO_OF:
            found.append(_ZERO_OF[type(node)](node.args[0]))
        elif isinstance(node, sp.zeta) and len(node.args) == 1:
            found.append(node.args[0] - 1)
        todo += [a for a in node.args if isinstance(a, sp.Basic)]
    return list(dict.fromkeys(found))


def undefined_at(side: list[sp.Expr], point: dict[sp.Symbol, sp.Expr]) -> bool | None:
    """True if an operation of the side has no value at the exact point, False if the side has a finite
    real value there, None if neither is decided exactly."""
    exprs: list[sp.Expr] = []
    for e in side:  # each Piecewise as the row it takes there
        done = resolved(sp.sympify(e), point)
        if not isinstance(done, sp.Basic):
            return None if done is None else True
        exprs.append(done)
    for condition in undefined_conditions(exprs):
        if sp.simplify(condition.xreplace(point)).is_zero:
            return True
    if any(on_lattice(sp.simplify(u.xreplace(point)), top) for u, top in _lattice(exprs)):
        return True
    for e in exprs:
        value = e.xreplace(point)
        if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return True
        if not (value.is_finite and value.is_extended_real):
            return None
    return False
