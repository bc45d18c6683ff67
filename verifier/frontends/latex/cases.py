"""\\begin{cases} … \\end{cases}: a piecewise definition, as students write the softmax Jacobian (i = j,
i ≠ j) or the Huber derivative (|r| ≤ δ, otherwise). Each row is a value & its condition; the first
condition that holds gives the value, and \\text{otherwise} (or no condition) is the last case.
"""

from __future__ import annotations

import sympy as sp
from lark import Token, Tree

from verifier.frontends.latex import conditions, macros, printing, values
from verifier.frontends.latex.values import Value
from verifier.frontends.latex.walker import Node, Walker, is_node

_RELATIONS = {"=": sp.Eq, "!=": sp.Ne, "<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge}


def piecewise(w: Walker, node: Node) -> Value:
    rows = [[c for c in row.children if isinstance(c, Tree | Token) and _cell(c)] for row in _rows(node)]
    pieces: list[tuple[sp.Expr, sp.Basic]] = []
    for k, row in enumerate(rows):
        if len(row) > 2:
            raise w.fail(node, "a case has a value and its condition: write value & condition \\")
        condition = _condition(w, row[1], node) if len(row) == 2 else sp.true
        written_last = len(row) < 2 or is_node(row[1], "otherwise")  # i = j at i = 1, j = 1 is true, and fine
        if written_last and k < len(rows) - 1:  # it would take every point the rows after it name
            raise w.fail(node, "\\text{otherwise} (or a case without a condition) comes last: move it below the others")
        with conditions.guarded(condition, *(sp.Not(c) for _, c in pieces)):  # a root needs its sign in its case
            value = values.scalar(values.collapse(w.value(row[0])), "each value of a cases environment")
        if condition is not sp.true and k == len(rows) - 1 and len(rows) > 1:
            pieces.append((value, condition))
            break
        pieces.append((value, condition))
    _one_value_where_rows_meet(w, node, pieces)
    w.scope.readings["cases"] = "a cases environment read as a piecewise value: the first condition that holds"
    return sp.Piecewise(*pieces, evaluate=False)  # the rows as written: evaluating joins rows of one value


_REGIONS: dict[type, tuple[bool, bool, bool]] = {  # where t − c holds the condition: below c, at c, above c
    sp.StrictGreaterThan: (False, False, True),
    sp.GreaterThan: (False, True, True),
    sp.StrictLessThan: (True, False, False),
    sp.LessThan: (True, True, False),
    sp.Equality: (False, True, False),
    sp.Unequality: (True, False, True),
}


def _one_value_where_rows_meet(w: Walker, node: Node, pieces: list[tuple[sp.Expr, sp.Basic]]) -> None:
    """Two rows whose conditions hold at once (x ≥ 0 and x ≤ 0 meet at x = 0, x > 0 and x > 1 on x > 1) must give
    one value there, as a textbook's definition by cases does; the first row used to win in silence. Decided for
    two conditions on one expression (x, x − 1, 1 − x: the same up to its sign and a constant); rows on
    different expressions (x > 0, y > 0) keep the first row that holds, as the reading says."""
    for i, (first, c1) in enumerate(pieces):
        for second, c2 in pieces[i + 1 :]:
            t = _expression(c1)
            meet = _meeting(c1, c2, t) if t is not None else None
            if meet is not None and meet is not sp.EmptySet and not _agree(first, second, t, meet):
                where = _shown(t, meet)
                raise w.fail(
                    node,
                    f"ambiguous: the cases {printing.latex(c1)} and {printing.latex(c2)} both hold where {where}, with "
                    f"different values ({sp.latex(first)} and {sp.latex(second)}); a case gives one value: make "
                    "the conditions exclusive (< against \\ge), or write \\text{otherwise} for the last",
                )


def _shown(t: sp.Expr, meet: sp.Set) -> str:
    """Where the rows meet, said of their symbol where t is linear in one (x ∈ [1, 2], not x − 2 ∈ [−1, 0])."""
    if len(t.free_symbols) == 1:
        (x,) = t.free_symbols
        slope = t.diff(x)
        if slope.is_number and slope != 0 and not (t - slope * x).has(x):
            u = sp.Dummy("u")
            meet, t = sp.imageset(sp.Lambda(u, (u - (t - slope * x)) / slope), meet), x
    if isinstance(meet, sp.FiniteSet) and len(meet) == 1:
        return f"{sp.latex(t)} = {sp.latex(meet.args[0])}"
    shown = sp.latex(meet).replace("\\left", "").replace("\\right", "")
    return f"{sp.latex(t)} \\in {shown}"


def _region(kind: type, at: sp.Expr, flip: bool) -> sp.Set:
    below, on, above = _REGIONS[kind]
    if flip:
        below, above = above, below
    parts = [sp.Interval.open(-sp.oo, at) if below else sp.EmptySet, sp.FiniteSet(at) if on else sp.EmptySet,
             sp.Interval.open(at, sp.oo) if above else sp.EmptySet]  # fmt: skip
    return sp.Union(*parts)


def _expression(c: sp.Basic) -> sp.Expr | None:
    """t = lhs − rhs of the condition's (first) relation: the expression the rows' regions are read on."""
    if isinstance(c, sp.And):
        return _expression(c.args[0])
    if type(c) not in _REGIONS:
        return None
    t = sp.expand(c.lhs - c.rhs)
    return -t if t.could_extract_minus_sign() else t  # x ∈ [1, 2], not −x ∈ [−2, −1]


def _meeting(c1: sp.Basic, c2: sp.Basic, t: sp.Expr) -> sp.Set | None:
    """Where, in t, both conditions hold; None when one is not on t (±t + c), or not decided."""
    a, b = _set_on(c1, t), _set_on(c2, t)
    return None if a is None or b is None else sp.Intersection(a, b)


def _set_on(c: sp.Basic, t: sp.Expr) -> sp.Set | None:
    """The values of t where the condition holds: a relation on ±t + c, or a chain of them (0 ≤ x ≤ 1, an And)."""
    if isinstance(c, sp.And):
        parts = [_set_on(a, t) for a in c.args]
        return None if any(p is None for p in parts) else sp.Intersection(*parts)
    if type(c) not in _REGIONS:
        return None
    d = sp.expand(c.lhs - c.rhs)
    for flip in (False, True):
        shift = sp.simplify(d - t if not flip else d + t)  # d = ±t + shift, holding at t = ∓shift
        if shift.is_number and shift.is_real:
            return _region(type(c), -shift if not flip else shift, flip)
    return None


def _agree(a: sp.Expr, b: sp.Expr, t: sp.Expr, meet: sp.Set) -> bool:
    """The two values agree where both rows hold: everywhere, or, where they meet at one point t = p only, after
    solving t = p for a symbol t is linear in (relu's x and 0 at x = 0)."""
    gap = sp.expand(a - b)
    if gap == 0:
        return True
    if not (isinstance(meet, sp.FiniteSet) and len(meet) == 1):
        return False
    (p,) = meet.args
    d = sp.expand(t - p)
    for s in sorted(d.free_symbols, key=str):
        slope = d.coeff(s, 1)
        if slope != 0 and not slope.has(s) and s not in sp.expand(d - slope * s).free_symbols:
            return sp.simplify(gap.subs(s, s - d / slope)).is_zero is not False  # refused only if shown to differ
    return True  # one point not solved for (|x| = δ of Huber's rows): not shown to differ, so not refused


def _rows(node: Node) -> list[Tree]:
    return [r for r in node.children[1].children if isinstance(r, Tree)]


def _cell(c: Node) -> bool:
    return not (isinstance(c, Token) and c.type == "AMP")


def _condition(w: Walker, cell: Node, node: Node) -> sp.Basic:
    if is_node(cell, "otherwise"):
        return sp.true
    if is_node(cell, "chained"):
        return _chained(w, cell, node)
    if not is_node(cell, "binding"):
        raise w.fail(node, "a case's condition is a relation (x > 0, i = j, i \\ne j) or \\text{otherwise}")
    left, rel, right = cell.children
    op = macros.RELATIONS.get(str(rel).removeprefix("\\"), str(rel))
    if op not in _RELATIONS:
        raise w.fail(node, f"{rel} is no condition of a case; use =, \\ne, <, >, \\le or \\ge")
    a = values.scalar(values.collapse(w.value(left)), "each side of a case's condition")
    b = values.scalar(values.collapse(w.value(right)), "each side of a case's condition")
    return _RELATIONS[op](a, b)


def _chained(w: Walker, cell: Node, node: Node) -> sp.Basic:
    """0 \\le x < 1 as a textbook means it: 0 ≤ x and x < 1. Both relations must point the same way (a < b > c, or
    one with =, ≠, says no one thing: refused)."""
    a, first, b, second, c = cell.children
    ops = [macros.RELATIONS.get(str(r).removeprefix("\\"), str(r)) for r in (first, second)]
    up, down = {"<", "<="}, {">", ">="}
    if not (set(ops) <= up or set(ops) <= down):
        raise w.fail(
            node,
            f"a condition chains {first} with {second}, which bounds no one interval; chain one way (0 \\le x \\le 1)",
        )
    a, b, c = (values.scalar(values.collapse(w.value(v)), "each side of a case's condition") for v in (a, b, c))
    return sp.And(_RELATIONS[ops[0]](a, b), _RELATIONS[ops[1]](b, c), evaluate=False)
