"""\\dots in a list: `(y_1, \\dots, y_k)`, `\\operatorname{diag}(z_1(1 - z_1), \\dots, z_k(1 - z_k))`, \\vdots.

The item after the dots is the pattern: it is written with the size (k), and with k
standing for an index it gives every item, T(s), T(s+1), …, T(k). The start s is the one
at which the pattern gives the first item as written (s = 1 for `x_1, \\dots, x_k`, s = 0 for
`x_1, \\dots, x_{k+1}`), and every item written before the dots must be the pattern's item
at its place, or the list is refused: the dots never stand for anything the written items
do not show. At a size smaller than the number of items written, the list is the
pattern's items up to k, and the written items beyond k are not read.
"""

from __future__ import annotations

from typing import Any

import sympy as sp
from lark import Token, Tree

from verifier.frontends.latex.errors import LatexError
from verifier.frontends.latex.values import Value

Node = Any  # a lark Tree or Token: their children are untyped
STARTS = (1, 0, 2, -1)


def is_dots(node: Node) -> bool:
    return isinstance(node, Tree) and node.data == "dots"


def has_dots(nodes: list[Node]) -> bool:
    return any(is_dots(n) for n in nodes)


def _sizes_in(w: Any, node: Node) -> list[str]:
    names = {
        str(t.value).lstrip("\\")
        for t in node.scan_values(lambda v: isinstance(v, Token) and v.type in ("LETTER", "NAMECMD"))
    }
    return sorted(n for n in names if n in w.scope.decls.sizes and n not in w.env)


def _same(a: Value, b: Value) -> bool:
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        return (
            isinstance(a, sp.MatrixBase)
            and isinstance(b, sp.MatrixBase)
            and a.shape == b.shape
            and all(_same(x, y) for x, y in zip(a, b, strict=True))
        )
    return bool(a == b or sp.expand(a - b) == 0)


def expand(w: Any, nodes: list[Node], where: Node) -> list[Value]:
    """The values of a list's items, with one \\dots between the written items and the pattern."""
    if not has_dots(nodes):
        return [w.value(n) for n in nodes]
    at = [i for i, n in enumerate(nodes) if is_dots(n)]
    if len(at) > 1 or at[0] != len(nodes) - 2 or at[0] == 0:
        raise w.fail(where, "write one \\dots, between the first items and the last: x_1, \\dots, x_k")
    written, last = nodes[: at[0]], nodes[-1]
    sizes = _sizes_in(w, last)
    if len(sizes) != 1:
        raise w.fail(
            last, "the item after \\dots must be written with the size (x_1, \\dots, x_k), so that it shows every item"
        )
    size = sizes[0]
    n = w.scope.size(size)

    def pattern(i: int) -> Value:
        return w.child(env={**w.env, size: sp.Integer(i)}).value(last)

    first = w.value(written[0])
    start = next((s for s in STARTS if _matches(pattern, s, first)), None)
    if start is None:
        raise w.fail(
            written[0],
            f"the first item is not the last one with {size} = 1 (or 0, 2): \\dots cannot say what comes between; "
            f"write the items as one pattern (x_1, \\dots, x_{size})",
        )
    for p, item in enumerate(written[1:], start=start + 1):
        if p <= n and not _same(w.value(item), pattern(p)):
            raise w.fail(item, f"this item is not the last one with {size} = {p}; write the items as one pattern")
    return [first, *(pattern(i) for i in range(start + 1, n + 1))] if start <= n else [first]


def _matches(pattern: Any, s: int, first: Value) -> bool:
    try:
        return _same(pattern(s), first)
    except (LatexError, ValueError, LookupError):  # an index out of range: this start does not fit
        return False
