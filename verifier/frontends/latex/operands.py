"""A `+` or `-` after a derivative operator's operand written without parentheses, refused: where does it end?

`\\frac{d}{dx} x^2 + 3x` was read as (d/dx x²) + 3x = 5x, as a function's argument ends at `+`; but a student
writing it may well mean d/dx (x² + 3x) = 2x + 3, so a true line was REFUTED (and a
false one PROVED) with nothing in the reading shown back (5x) to tell which. The two readings differ by the
terms after the sign less their derivative, which is never zero for a whole line, so the line is refused with
both ways to write it. Let through: an operand in parentheses (`\\frac{d}{dx}(x^2) + 3x`), one function applied to
its argument in parentheses (`\\nabla_w L(w) + \\lambda w`, a regularised gradient; L declared a function, or
defined as one, or a known one: a declared variable before parentheses is a product, `\\frac{d}{dx} x(x+1) + x`),
and a sum of
derivatives, where the term after the sign has an operator of its own (`\\frac{d}{dx} x^2 + \\frac{d}{dx} x^3`,
the sum rule written out: no one means the first derivative to take the second).
"""

from __future__ import annotations

from lark import Token, Tree

from verifier.frontends.latex.ambiguity import is_operator, text
from verifier.frontends.latex.errors import LatexError, Origin
from verifier.frontends.latex.walker import Node, is_node

_SIGNS = ("PLUS", "MINUS")


def check(tree: Node, origin: Origin, applied: frozenset[str] = frozenset()) -> Node:
    """The tree, or a LatexError at the first sign that may or may not end a derivative operator's operand.
    applied: the names that are functions where this line is read (L in L(w)); any other name before parentheses
    multiplies them."""
    if not isinstance(tree, Tree):
        return tree
    for child in tree.children:
        check(child, origin, applied)
    if _is_sum(tree):
        reach = _open_operand(tree.children[0], applied)
        if reach is not None and not _has_operator(tree.children[2]):
            raise _refusal(tree, reach, origin)
    return tree


def _is_sum(node: Node) -> bool:
    sign = node.children[1] if is_node(node, "add", "sub") else None
    return isinstance(sign, Token) and sign.type in _SIGNS


def _open_operand(node: Node, applied: frozenset[str]) -> tuple[Node, str] | None:
    """The derivative operator whose operand, not in parentheses, runs to the right end of node, and that
    operand's text; None if there is none."""
    if _is_sum(node):
        if is_operator(node.children[0]) and node.children[1].type == "MINUS":  # \\frac{d}{dx} - x^2: d/dx (−x²)
            return node.children[0], f"- {text(node.children[2])}"
        return _open_operand(node.children[2], applied)
    if is_node(node, "neg", "pos"):
        return _open_operand(node.children[1], applied)
    if is_node(node, "mul", "div", "hadamard", "bigop"):
        return _open_operand(node.children[-1], applied)
    if not is_node(node, "juxt"):
        return None
    items = node.children
    for i, item in enumerate(items[:-1]):
        rest = items[i + 1 :]
        if is_operator(item) and not _closed(rest, applied):
            return item, " ".join(text(c) for c in rest)
    return _open_operand(items[-1], applied)


def _closed(operand: list[Node], applied: frozenset[str]) -> bool:
    """An operand that ends where it is written: in parentheses, \\frac{d}{dx}(x^2), or one function applied to
    its argument in parentheses, \\nabla_w L(w) and \\frac{d}{dx} \\sin(x): the gradient of L, then + \\lambda w,
    as every ML text writes a regularised gradient. A name that is no function there multiplies the parentheses:
    \\frac{d}{dx} x(x+1) + x, x declared real, was read as (d/dx x(x+1)) + x = 3x + 1 and PROVED so."""
    if len(operand) == 1:
        return is_node(operand[0], "paren")
    if len(operand) != 2 or not is_node(operand[1], "paren"):
        return False
    return is_node(operand[0], "func") or (is_node(operand[0], "name") and _name_key(operand[0]) in applied)


def _name_key(node: Node) -> str:
    tok = node.children[0] if isinstance(node, Tree) else None
    return tok.value.removeprefix("\\") if isinstance(tok, Token) else ""


def _has_operator(node: Node) -> bool:
    """The term after the sign is a derivative, or a multiple of one: \\frac{d}{dx} x^3, 2 \\frac{d}{dx} x^3."""
    while is_node(node, "neg", "pos", "mul", "hadamard"):
        node = node.children[1] if is_node(node, "neg", "pos") else node.children[0]
    items = node.children if is_node(node, "juxt") else [node]
    return any(is_operator(c) for c in items)


def _refusal(node: Tree, reach: tuple[Node, str], origin: Origin) -> LatexError:
    op, operand = text(reach[0]), reach[1]
    sign, after = text(node.children[1]), text(node.children[2])
    left = text(node.children[0])
    tok = node.children[1]
    assert isinstance(tok, Token)  # a sum's sign (_is_sum)
    return LatexError(
        origin.at(tok.line or 1, tok.column or 1),
        f"ambiguous: does {op} take {operand} only, or {operand} {sign} {after}? write "
        f"\\left({left}\\right) {sign} {after} for the first; for the second, "
        f"{op}\\left({operand} {sign} {after}\\right) in place of {op} {operand} {sign} {after}",
    )


def parenthesised(node: Tree) -> tuple[str, str] | None:
    """The reading of a product whose left factor ends in a derivative operator with its operand in parentheses,
    `\\frac{d}{dx}(x^2) \\cdot x`: the operator takes the parentheses only, (2x)·x, as the product rule is written
    (ambiguity._extend), which the value shown back, 2x², does not say. (key, note) for the line's readings; None
    when the product is no such one, or the factor after it has an operator of its own (a product of derivatives)."""
    left, right = node.children[0], node.children[2]
    while is_node(left, "neg", "pos"):  # - \\frac{d}{dx}(x^2) \\cdot x
        left = left.children[1]
    items = left.children if is_node(left, "juxt") else []
    if len(items) < 2 or not is_operator(items[-2]) or not is_node(items[-1], "paren") or _has_operator(right):
        return None
    op, operand, rest = text(items[-2]), text(items[-1]), f"{text(node.children[1])} {text(right)}"
    return f"operand {op} {operand}", f"{op} takes only its parentheses: \\left({op}{operand}\\right) {rest}"
