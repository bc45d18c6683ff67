"""One pass over the distinct subexpressions of a list of sympy objects.

sympy's ``atoms`` and ``has`` walk a tree, so a subexpression shared by every entry of a
Jacobian (the softmax denominator, say) is walked once per entry. These helpers walk the
DAG instead: each distinct node once. Measured on the library: ``atoms`` calls were 12%
of all verification time before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import sympy as sp
from sympy.core.function import Application


def nodes(objs: Iterable[object]) -> Iterator[sp.Basic]:
    """Every distinct sympy node in objs (matrices are entered entry by entry)."""
    seen: set[sp.Basic] = set()
    stack: list[sp.Basic] = []
    for obj in objs:
        if isinstance(obj, sp.MatrixBase):
            stack.extend(obj)
        elif isinstance(obj, sp.Basic):
            stack.append(obj)
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        yield node
        stack.extend(a for a in node.args if isinstance(a, sp.Basic))


def function_applications(objs: Iterable[object]) -> list[sp.Basic]:
    """The distinct function applications (f(x), exp(x), Abs(x), Piecewise(...), ...) in objs."""
    return [n for n in nodes(objs) if isinstance(n, Application)]
