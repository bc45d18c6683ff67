"""A function known or declared by name (\\sigma, f: no parse of its own), or its power or prime (\\sigma^2, f'),
before a `/` without parentheses: σ(x/2) or σ(x)/2? Refused, as \\sin x/2 is in ambiguity.py. These need the
declarations (is \\sigma a variable or the sigmoid?), so they are checked as the tree is evaluated."""

from __future__ import annotations

from itertools import pairwise

from verifier.frontends.latex.ambiguity import applied, text
from verifier.frontends.latex.errors import LatexError
from verifier.frontends.latex.values import Fn
from verifier.frontends.latex.walker import Node, Walker, is_node, is_script


def named_function_slash(w: Walker, node: Node) -> None:
    """\\sigma x/2 or f x/2 with \\sigma, f functions (known or declared): σ(x/2) or σ(x)/2? Refused, as \\sin x/2."""
    left = node.children[0]
    items = list(left.children) if is_node(left, "juxt") else []
    for f, arg in pairwise(items):
        if not is_node(arg, "paren", "tuple", "braced") and _named_function(w, f):
            right = text(node.children[2])
            raise w.fail(
                node,
                f"ambiguous: {text(left)}/{right} can be read two ways; write {applied(items, f, node.children[2])} "
                f"or \\frac{{{text(left)}}}{{{right}}}",
            )


def _named_function(w: Walker, f: Node) -> bool:
    """Whether f is a function known or declared by name (\\sigma, f), or its power or prime (\\sigma^2, f')."""
    base = f
    while is_node(base, "prime") or (is_script(base) and base.children[1].type == "CARET"):
        base = base.children[0]
    if not is_node(base, "name", "decorated", "font"):
        return False
    if base is f:
        return isinstance(w.item(f), Fn)
    try:
        return isinstance(w.item(base), Fn)
    except LatexError:  # e^{x}, a power whose base is no name of its own: no function
        return False
