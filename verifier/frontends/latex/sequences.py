"""Sequences: a recurrence with its start (`m_t = \\beta m_{t-1} + (1 - \\beta) g, \\; m_0 = 0`), or terms
given in a declared size (`\\hat{m}_t = \\frac{m_t}{1 - \\beta^t}`, with `t: 1..5`).

A term m_n is read at a whole number n (the value of its subscript at this size): a start
(m_0, a definition or a declared object) if there is one for n, else the body with t = n,
whose m_{t-1} is read the same way. Terms are computed once per size (memoised), and a
term that needs itself, or an index below every start, is an error that says what to give.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from verifier.frontends.latex import values
from verifier.frontends.latex.definitions import Definition
from verifier.frontends.latex.values import Fn, Value

Node = Any


def is_sequence(decls: Any, d: Definition) -> bool:
    return len(d.index) == 1 and (d.recursive or d.index in decls.sizes)


def _starts(w: Any, key: str) -> list[int]:
    decls = w.scope.decls
    found = []
    for name in (*decls.objects, *decls.definitions):
        m = re.fullmatch(rf"{re.escape(key)}_(\d+)", name)
        if m:
            found.append(int(m.group(1)))
    return sorted(found)


def term(w: Any, d: Definition, script: Node, node: Node) -> Value:
    """The term of the sequence d at the whole number its subscript has here."""
    at = values.collapse(w.value(script))
    shown = d.name.latex
    if not isinstance(at, sp.Integer):
        raise w.fail(node, f"{shown}_{{…}} needs a whole number here, not {at}; declare its index as a size (t: 1..5)")
    n = int(at)
    key = d.name.key
    decls = w.scope.decls
    start = f"{key}_{n}"
    if start in decls.objects or start in decls.definitions:
        found = w.lookup(start, f"{shown}_{{{n}}}", node)
        if isinstance(found, Fn | tuple):
            raise w.fail(node, f"the start {shown}_{{{n}}} is a function; define it as a value")
        return found
    starts = _starts(w, key)
    if d.recursive and (not starts or n < starts[0]):
        first = f"{shown}_{{0}} = …" if not starts else f"an index from {starts[0]} on"
        raise w.fail(node, f"{shown}_{{{n}}} comes before the start of the recurrence; give {first}")
    memo = (key, n, w.scope.printed_mode)
    if not w.held and memo in w.scope.memo:
        return w.scope.memo[memo]
    if (key, n) in w.scope.in_progress:
        raise w.fail(
            node, f"{shown}_{{{n}}} needs itself; a recurrence uses earlier terms ({shown}_{{t-1}}) and a start"
        )
    w.scope.in_progress.add((key, n))
    try:
        tree = w.parse_text(d.body.text, d.body.origin)
        value = w.child(d.body.origin, {d.index: sp.Integer(n)}).value(tree)
    finally:
        w.scope.in_progress.discard((key, n))
    if not w.held:
        w.scope.memo[memo] = value
    return value
