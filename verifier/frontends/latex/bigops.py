"""Operators over an index: \\sum and \\prod (over the rest of the product), \\max_i and \\min_i (over the next factor).

An index runs over 1..k (the chain's size) unless bounds say otherwise: `\\sum_{i=1}^{k}`,
`\\sum_{j \\neq i}` (every j but the value i has here), `\\sum_{j=1, j \\neq i}^{k}`, and
`\\sum_{i,j}` (both over 1..k). Every term is evaluated at each value and the results are
added, multiplied or compared: nothing is left as a symbolic sum.
"""

from __future__ import annotations

from typing import Any

import sympy as sp
from lark import Token, Tree

from verifier.frontends.latex import conditions, values
from verifier.frontends.latex.errors import LatexError
from verifier.frontends.latex.values import Value

Node = Any  # a lark Tree or Token: their children are untyped
MAX_TERMS = 64
EXTREMA = {"\\max": sp.Max, "\\min": sp.Min}


def _is(node: Node, *kinds: str) -> bool:
    return isinstance(node, Tree) and node.data in kinds


def _inner(node: Node) -> Node:
    return node.children[1] if _is(node, "braced") else node


def _whole(w: Any, node: Node) -> int:
    """A bound's value, a whole number at each size; an undeclared or real name is told to be a size (n: 1..5)."""
    try:
        v = values.collapse(w.value(node))
    except LatexError as err:
        if not err.message.startswith("undeclared symbol "):
            raise
        name = err.message.removeprefix("undeclared symbol ").split(";", 1)[0]
        raise LatexError(err.where, f"undeclared symbol {name}; a bound is a whole number: declare {name} as a size, "
                                    f"the sizes the chain is checked at ({name}: 1..5)") from None  # fmt: skip
    if not isinstance(v, sp.Integer):
        size = f"; declare {v} as a size instead ({v}: 1..5)" if isinstance(v, sp.Symbol) else ""
        raise w.fail(node, f"a bound must be a whole number at each size, not {v}{size}")
    return int(v)


def _binding(w: Any, node: Node) -> tuple[str, str, Node]:
    lhs, rel, rhs = node.children
    return w.letters(lhs), str(rel.value), rhs


def index_ranges(w: Any, lower: Node | None, upper: Node | None, node: Node) -> list[tuple[str, list[int]]]:
    """The indices a big operator's scripts bind, each with the values it takes, outermost first."""
    op, word = _head(node)
    if lower is None:
        raise w.fail(node, f"this operator needs its index: {op}_i or {op}_{{i=1}}^{{k}}")
    inner = _inner(lower)
    if _is(inner, "items"):
        if upper is not None:
            raise w.fail(node, f"{op}_{{i,j}} runs each index over 1..k; give no upper bound, or nest the {word}s")
        letters = [w.letters(c) for c in inner.children if isinstance(c, Tree)]
        if len(set(letters)) < len(letters):  # \sum_{i,i} A_{ii}: the diagonal, or k times it (read so)?
            twice = next(x for x in letters if letters.count(x) > 1)
            other = "l" if twice == "j" else "j"
            says = f"write {op}_{{{twice}}} for one {word}, or {op}_{{{twice},{other}}} for a double {word}"
            raise w.fail(inner, f"ambiguous: the index {twice} is bound twice (the diagonal, or k times it?): {says}")
        return [(x, list(range(1, w.scope.size() + 1))) for x in letters]
    parts = [_binding(w, c) for c in inner.children if _is(c, "binding")] if _is(inner, "bindings") else []
    if _is(inner, "binding"):
        parts = [_binding(w, inner)]
    if not parts:
        var, lo = w.letters(inner), 1
    else:
        var, lo = parts[0][0], 1
    excluded: list[int] = []
    for name, rel, rhs in parts:
        if name != var:
            raise w.fail(inner, f"the bounds name two indices, {var} and {name}; bound one index")
        if rel == "=":
            lo = _whole(w, rhs)
        elif rel in ("\\neq", "\\ne"):
            excluded.append(_whole(w, rhs))
        else:
            other = "j" if var != "j" else "i"
            nested = f"{op}_{{{other}}} {op}_{{{var}=1}}^{{{other}-1}}"
            pairs = f"; for pairs, nest the {word}s: {nested}" if rel == "<" else ""
            raise w.fail(inner, f"a bound is written {var}=1 or {var} \\neq {other}, not with {rel}{pairs}")
    if var in w.scope.decls.sizes:  # \sum_{k=1}^{k} x_k: the size k, or an index that runs to itself?
        other = "i" if var != "i" else "j"
        raise w.fail(inner, f"ambiguous: the index {var} is also the name of a size; name the index another letter: "
                            f"{op}_{{{other}=1}}^{{{var}}}")  # fmt: skip
    if any(rel == "=" for _, rel, _ in parts) and upper is None:
        raise w.fail(node, f"{op}_{{{var}={lo}}} needs an upper bound: ^{{k}}")
    hi = _whole(w, upper) if upper is not None else w.scope.size()
    if hi - lo + 1 > MAX_TERMS:
        raise w.fail(node, f"{hi - lo + 1} terms; at most {MAX_TERMS} are expanded, use a smaller size")
    return [(var, [i for i in range(lo, hi + 1) if i not in excluded])]


def _head(node: Node) -> tuple[str, str]:
    """The operator as written (\\sum, \\prod, \\max) and the word for one ("sum", "product", "max")."""
    first = node.children[0]
    op = str(first.value if isinstance(first, Token) else first.children[0].value)
    return op, {"\\sum": "sum", "\\prod": "product"}.get(op, op[1:])


def big_operator(w: Any, node: Node) -> Value:
    """\\sum or \\prod over its bounds of the term that follows."""
    op = node.children[0].value[1:]
    bounds = node.children[1] if len(node.children) == 3 else None
    lower: Node = None
    upper: Node = None
    if bounds is not None:
        scripts = [c for c in bounds.children if isinstance(c, Tree)]
        lower, uppers = (scripts[0], scripts[1:]) if bounds.data == "lower_upper" else (scripts[1], scripts[:1])
        upper = uppers[0] if uppers else None
    ranges = index_ranges(w, lower, upper, node)
    if not ranges[0][1] and op == "sum":
        return _empty_sum(w, ranges, node.children[-1], _start(w, lower))
    return _nest(w, ranges, node.children[-1], op)


def _start(w: Any, lower: Node | None) -> int:
    """The first value the outer index is written to take (1 unless a bound i = a says otherwise)."""
    if lower is None:
        return 1
    inner = _inner(lower)
    bindings = [c for c in inner.children if _is(c, "binding")] if _is(inner, "bindings") else [inner]
    for _, rel, rhs in (_binding(w, b) for b in bindings if _is(b, "binding")):
        if rel == "=":
            return _whole(w, rhs)
    return 1


def _nest(w: Any, ranges: list[tuple[str, list[int]]], body: Node, op: str) -> Value:
    (var, at), rest = ranges[0], ranges[1:]
    if not at and op == "sum":
        return _empty_sum(w, ranges, body, 1)
    result: Value = sp.Integer(0 if op == "sum" else 1)
    for count, i in enumerate(at):
        inner = w.child(env={**w.env, var: sp.Integer(i)})
        term = _nest(inner, rest, body, op) if rest else inner.value(body)
        # a sum starts from its first term, which may be a vector
        result = values.multiply(result, term) if op == "prod" else term if count == 0 else values.add(result, term)
    return result


def _empty_sum(w: Any, ranges: list[tuple[str, list[int]]], body: Node, start: int) -> Value:
    """An empty sum is the zero of its terms' shape: Σ_{i=1}^{k−2} v at k = 2 is the zero vector (helper-90: it was
    the scalar 0, and ‖Σ_{i=1}^{k−2} v + t‖² = t² was PROVED in ℝ²). The shape is read off the term at the index's
    first value (x_{l−1} from l = 2: helper-91), else at 1, what it would need there (1/(i − 1)) forgotten; a term
    that cannot be read at either leaves the scalar 0."""
    (var, _), rest = ranges[0], ranges[1:]
    for at in dict.fromkeys((start, 1)):
        inner = w.child(env={**w.env, var: sp.Integer(at)})
        try:
            with conditions.recording():
                term = _nest(inner, rest, body, "sum") if rest else inner.value(body)
        except LatexError:
            continue
        return sp.ImmutableMatrix.zeros(*term.shape) if isinstance(term, sp.MatrixBase) else sp.Integer(0)
    return sp.Integer(0)


def is_extremum(node: Node) -> bool:
    """\\max_i or \\min_i: a max or min with an index under it."""
    return (
        _is(node, "sub")
        and isinstance(node.children[1], Token)
        and node.children[1].type == "UNDER"
        and _is(node.children[0], "func")
        and node.children[0].children[0].value in EXTREMA
    )


def extremum(w: Any, node: Node, operand: Node) -> Value:
    """\\max_i z_i: the largest of the operand's values over the index (the smallest for \\min_i)."""
    op = node.children[0].children[0].value
    ranges = index_ranges(w, node.children[2], None, node)
    if len(ranges) != 1:
        raise w.fail(node, f"{op} takes one index: {op}_i")
    var, at = ranges[0]
    if not at:
        raise w.fail(node, f"{op}_{var} over no values of {var}")
    terms = [values.scalar(w.child(env={**w.env, var: sp.Integer(i)}).value(operand), f"{op}'s operand") for i in at]
    return EXTREMA[op](*terms)
