"""An index bound by a big operator and written free right after its scope, refused as ambiguous.

`\\sum_j x_j - y_j`: the sum takes the product after it, so y_j is outside it, with j free, but a
reader can as well take the sum over the difference; `\\max_j 2 z_j`: the max takes the next factor,
2, and z_j is outside it. Either reading is plausible, and the letter says the writer meant one
index, so the line is refused with both readings to write. Checked on the tree, before it is read.
An index used free before the operator (`z_j - \\max_j z_j` is no such case: \\max takes one factor),
or after a `+`/`-` that ends a max, stays.
"""

from __future__ import annotations

from lark import Token, Tree

from verifier.frontends.latex.ambiguity import text
from verifier.frontends.latex.bigops import is_extremum
from verifier.frontends.latex.errors import LatexError, Origin
from verifier.frontends.latex.walker import Node, inner, is_node


def check(tree: Node, origin: Origin) -> None:
    """A LatexError at a big operator whose index is free just after its scope; nothing otherwise."""
    if not isinstance(tree, Tree):
        return
    if _is_difference(tree):
        tail, after = _last_term(tree.children[0]), tree.children[2]
        _refuse_if_free(tail, set().union(*map(_bound, _trailing(tail))), after, tree, origin)
    if is_node(tree, "bigop") and len(tree.children) == 3:
        _refuse_if_rebound(tree, tree.children[-1], origin)
    if is_node(tree, "juxt"):
        items = tree.children
        for k, item in enumerate(items[:-1]):
            if is_extremum(item):
                _refuse_if_rebound(item, items[k + 1], origin)
                if k < len(items) - 2:
                    _refuse_if_free(item, _bound(item), Tree("juxt", items[k + 2 :]), items[k + 1], origin)
    for child in tree.children:
        check(child, origin)


def _refuse_if_free(op: Node, bound: set[str], after: Node, where: Node, origin: Origin) -> None:
    free = bound & _free(after, frozenset())
    if not free:
        return
    letter = sorted(free)[0]
    if is_node(op, "bigop"):
        op = next(b for b in _trailing(op) if letter in _bound(b))
        head, sign, rest = text(op.children[0]), _joined(where), text(after)
        header = text(Tree("bigop", op.children[:-1]))
        how = f"write {header} ({text(op.children[-1])} {sign} {rest}) for one {head[1:]}"
        what = f"{header} … {sign} {rest}"
    else:
        head = text(op.children[0])
        how = f"write {text(op)} ({text(where)} {text(after)}) for the {head[1:]} of the product"
        what = f"{text(op)} {text(where)} {text(after)}"
    tok = next(iter(after.scan_values(lambda v: isinstance(v, Token))), None) if isinstance(after, Tree) else after
    at = origin.at(tok.line or 1, tok.column or 1) if isinstance(tok, Token) else origin
    raise LatexError(
        at,
        f"ambiguous: in {what}, {letter} is bound by {head}_{letter} and free after its scope; {how}, "
        "or another letter for the free index",
    )


def _refuse_if_rebound(op: Node, body: Node, origin: Origin) -> None:
    """\\sum_i \\sum_i A_{ii}: the outer index bound again inside its term and used nowhere else there, so the outer
    operator runs over a term it does not change (read as k·tr A, the inner i shadowing the outer): the diagonal,
    or k times it? Refused. An index also used outside the inner operator (\\sum_l z_l \\sum_l x_l) is read with
    the inner one its own."""
    for letter in sorted(_bound(op) - _free(body, frozenset())):
        again = next((n for n in _nodes(body) if letter in _bound(n)), None)
        if again is None:
            continue
        outer, inside = (text(n.children[0]) for n in (op, again))
        other = "l" if letter == "j" else "j"
        tok = next(iter(again.scan_values(lambda v: isinstance(v, Token))), None)
        at = origin.at(tok.line or 1, tok.column or 1) if isinstance(tok, Token) else origin
        raise LatexError(
            at,
            f"ambiguous: the index {letter} of {outer}_{letter} is bound again inside, by {inside}_{letter}, and used "
            f"nowhere else, so {outer}_{letter} would run over a term it does not change (the inner {inside} once, "
            f"or k times?): write {inside}_{letter} alone for the inner one once, or name the inner index another "
            f"letter, {outer}_{letter} {inside}_{other}",
        )


def _nodes(node: Node) -> list[Node]:
    return list(node.iter_subtrees_topdown()) if isinstance(node, Tree) else []


def _joined(node: Node) -> str:
    return str(node.children[1].value) if _is_difference(node) else ""


def _is_difference(node: Node) -> bool:
    return (
        is_node(node, "add", "sub")
        and isinstance(node.children[1], Token)
        and node.children[1].type in ("PLUS", "MINUS")
    )


def _last_term(node: Node) -> Node:
    """The term a sum or difference ends with, and of that the product's last factor (a big operator takes the rest)."""
    while True:
        if _is_difference(node):
            node = node.children[2]
        elif is_node(node, "neg", "pos"):
            node = node.children[1]
        elif is_node(node, "juxt"):
            node = node.children[-1]
        else:
            return node


def _trailing(node: Node) -> list[Node]:
    """A big operator, and the big operators its term ends with (\\sum_i \\sum_j A_{ij}: both)."""
    out: list[Node] = []
    while is_node(node, "bigop"):
        out.append(node)
        node = _last_term(node.children[-1])
    return out


def _bound(node: Node) -> set[str]:
    """The letters a \\sum, \\prod, \\max_i or \\min_i binds (none for anything else)."""
    if is_node(node, "bigop") and len(node.children) == 3:
        bounds = node.children[1]
        scripts = [c for c in bounds.children if isinstance(c, Tree)]
        lower = scripts[0] if bounds.data == "lower_upper" else scripts[1]
    elif is_extremum(node):
        lower = node.children[2]
    else:
        return set()
    lower = inner(lower)
    parts = lower.children if is_node(lower, "items", "bindings") else [lower]
    letters = set()
    for part in parts:
        name = part.children[0] if is_node(part, "binding") else part
        if is_node(name, "name") and isinstance(name.children[0], Token) and name.children[0].type == "LETTER":
            letters.add(str(name.children[0].value))
    return letters


def _free(node: Node, bound: frozenset[str]) -> set[str]:
    """The letters written in the node outside every big operator that binds them."""
    if isinstance(node, Token):
        return {str(node.value)} - bound if node.type == "LETTER" else set()
    if is_node(node, "juxt"):
        out: set[str] = set()
        items, k = node.children, 0
        while k < len(items):
            if is_extremum(items[k]) and k + 1 < len(items):
                inside = bound | _bound(items[k])
                out |= _free(items[k], inside) | _free(items[k + 1], inside)
                k += 2
            else:
                out |= _free(items[k], bound)
                k += 1
        return out
    inside = bound | _bound(node)
    return set().union(*(_free(c, inside) for c in node.children)) if node.children else set()
