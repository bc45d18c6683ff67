"""Two terms written side by side across a wide space, refused: a product, or a term and a condition?

`x^2 = x \\quad x \\ge 0` is read by a textbook's reader as "x² = x, for x ≥ 0", but terms side by side are a
product, so it was x² = x·x ≥ 0, and PROVED. A wide space (`\\quad`, `\\qquad`, `\\;`, `\\:`, `\\ `, `~`, a typed
space) between two terms is refused, with both ways to write it: declare the domain for a condition, `\\cdot`
for a product. A thin space `\\,` stays a product: it is how TeX spaces factors (`x\\,y`, `2\\,\\pi`,
`p(x)\\,q(y)`), and no one sets a condition off with it. Let through: a wide space right after a function or a
derivative operator (`\\frac{d}{dx} \\; x^2`, `\\nabla_w \\quad L`), which takes what follows; a space inside a
script (`A_{i \\; j}`, indices); and the indentation of a row that goes on with the row above, which is layout
(document.py blanks it).
"""

from __future__ import annotations

from itertools import pairwise

from lark import Token, Tree

from verifier.frontends.latex.ambiguity import is_operator, text
from verifier.frontends.latex.errors import LatexError, Origin
from verifier.frontends.latex.walker import Node, first_leaf, is_node, is_script, plain, wide_space

_HEADS = ("func", "opname", "partial", "nabla")  # they take the operand that follows, whatever the space


def check(tree: Node, origin: Origin) -> Node:
    """The tree, or a LatexError at the first product of two terms across a wide space."""
    if not isinstance(tree, Tree):
        return tree
    if is_script(tree):
        check(tree.children[0], origin)  # what is inside a script is indices or an exponent
        return tree
    for child in tree.children:
        check(child, origin)
    if is_node(tree, "juxt"):
        items = tree.children
        run = False  # among the plain factors after a function written without parentheses (\\sin x y)
        for k, (a, b) in enumerate(pairwise(items)):
            run = _function(a) or (run and plain(a))
            space = wide_space(b)
            # \\sin x \\quad y: the function's argument running across the space is refused in functions.py
            if space is not None and not _takes_operand(a) and not (run and plain(b)):
                raise _refusal(origin, Tree("juxt", items[: k + 1]), Tree("juxt", items[k + 1 :]), space)
    return tree


def _function(node: Node) -> bool:
    while is_script(node):
        node = node.children[0]
    return is_node(node, "func", "opname")


def _takes_operand(node: Node) -> bool:
    """A function or a derivative operator, with its scripts (\\sin^2, \\nabla_w, \\frac{d}{dx})."""
    while is_script(node):
        node = node.children[0]
    return is_node(node, *_HEADS) or is_operator(node)


def _refusal(origin: Origin, a: Node, b: Node, space: str) -> LatexError:
    tok = first_leaf(b)
    at = origin.at(tok.line or 1, tok.column or 1) if isinstance(tok, Token) else origin
    ta, tb = text(a), text(b)
    return LatexError(
        at,
        f"a wide space ({space}) between {ta} and {tb}: terms side by side are a product, and a wide space sets "
        "them apart; if what follows is a condition, declare the domain instead (x: nonnegative, x: (0, 1)) "
        f"and drop it; if it is a product, write {ta} \\cdot {tb}",
    )
