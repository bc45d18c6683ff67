"""\\begin{cases} … \\end{cases}: a piecewise definition, as students write the softmax Jacobian (i = j,
i ≠ j) or the Huber derivative (|r| ≤ δ, otherwise). Each row is a value & its condition; the first
condition that holds gives the value, and \\text{otherwise} (or no condition) is the last case.
"""

from __future__ import annotations

import sympy as sp
from lark import Token, Tree

from verifier.frontends.latex import conditions, macros, values
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
        with conditions.guarded(condition, *(sp.Not(c) for _, c in pieces)):  # a root needs its sign in its case
            value = values.scalar(values.collapse(w.value(row[0])), "each value of a cases environment")
        if condition is not sp.true and k == len(rows) - 1 and len(rows) > 1:
            pieces.append((value, condition))
            break
        pieces.append((value, condition))
    w.scope.readings["cases"] = "a cases environment read as a piecewise value: the first condition that holds"
    return sp.Piecewise(*pieces)


def _rows(node: Node) -> list[Tree]:
    return [r for r in node.children[1].children if isinstance(r, Tree)]


def _cell(c: Node) -> bool:
    return not (isinstance(c, Token) and c.type == "AMP")


def _condition(w: Walker, cell: Node, node: Node) -> sp.Basic:
    if is_node(cell, "otherwise"):
        return sp.true
    if not is_node(cell, "binding"):
        raise w.fail(node, "a case's condition is a relation (x > 0, i = j, i \\ne j) or \\text{otherwise}")
    left, rel, right = cell.children
    op = macros.RELATIONS.get(str(rel).removeprefix("\\"), str(rel))
    if op not in _RELATIONS:
        raise w.fail(node, f"{rel} is no condition of a case; use =, \\ne, <, >, \\le or \\ge")
    a = values.scalar(values.collapse(w.value(left)), "each side of a case's condition")
    b = values.scalar(values.collapse(w.value(right)), "each side of a case's condition")
    return _RELATIONS[op](a, b)
