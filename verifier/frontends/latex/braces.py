"""Braces used as parentheses, refused where the grouping they carry does not print.

TeX's braces group without printing: `2{x+1}` is typeset 2x+1, `{x-1}^2` as x−1², `-{x+1}` as −x+1,
`\\frac{1}{2}{x+1}` as ½x+1 and `\\sin{x+1}` as sin x+1. The reader took them as parentheses, so
`2{x+1} = 2x + 2` and `\\sin{x+1} = \\sin(x+1)` were PROVED where the page shows 2x+1 = 2x+2 and sin x + 1 =
sin(x+1). A braced group is refused where a textbook reader, who sees no braces, would group differently:
a sum or a sign inside a product, a power, a quotient, a negation or after a minus, a product or a
quotient as a power's base or a divisor, a quotient before another factor (`{a/b}c`, typeset a/bc), a function
applied without parentheses before another factor or a `/` (`{\\sin x} y`, typeset sin x y: sin(xy)), and braces
inside braces (`{{x+1}}`), which print nothing either. Where the braces change nothing they stay: a whole side or term
(`{x+1} + 2`), a factor that is one atom or a product (`2{x}`, `\\sin{2x}`), the argument of `\\frac`,
`\\sqrt` or a font, and a script's braces (`x^{a+b}`).
"""

from __future__ import annotations

from lark import Tree

from verifier.frontends.latex.ambiguity import text
from verifier.frontends.latex.bigops import is_extremum
from verifier.frontends.latex.errors import LatexError, Origin
from verifier.frontends.latex.walker import Node, is_node, is_script

_SUM = ("add", "sub")
_SIGN = ("neg", "pos")
_PRODUCT = ("juxt", "mul", "div", "hadamard")
_HEADS = ("func", "opname")
_APPLIED = "application"


def check(tree: Node, origin: Origin) -> None:
    """A LatexError at the first braced group whose grouping does not print and matters."""
    if not isinstance(tree, Tree):
        return
    for i, child in enumerate(tree.children):
        if is_node(child, "braced"):
            content = _content(child)
            if isinstance(content, Tree) and _kind(content) in _grouping(tree, i):
                raise _fail(origin, child)
        check(child, origin)


def _content(node: Tree) -> Node:
    """What a braced group holds under any further braces: {{x+1}} prints as x+1 too."""
    content: Node = node.children[1]
    while is_node(content, "braced"):
        content = content.children[1]
    return content


def _kind(node: Tree) -> str:
    """A node's kind, with a subscript (x_1) told from a difference (x - 1): both are `sub` in the tree, and a
    function applied without parentheses (\\sin x, an `application`) told from another product."""
    if is_node(node, "juxt") and _head(node.children[0]) and not is_node(node.children[1], "paren"):
        return _APPLIED
    if is_script(node):
        return "power" if node.children[1] == "^" else "script"
    return str(node.data)


def _head(node: Node) -> bool:
    """A function's name with any scripts on it: \\sin, \\sin^2, \\log_2."""
    while is_script(node):
        node = node.children[0]
    return is_node(node, *_HEADS)


def _grouping(parent: Tree, i: int) -> tuple[str, ...]:
    """The kinds of content whose braces a reader of the page would miss at child i of parent: a function applied
    without parentheses wherever a product is, and before another factor or a `/` ({\\sin x} y is typeset sin x y,
    which reads sin(xy); {\\sin x}/2 as sin x/2, refused without the braces)."""
    kinds = _grouped(parent, i)
    more = is_node(parent, "juxt") and i < len(parent.children) - 1 and not _leads(parent.children[i + 1])
    numerator = is_node(parent, "div") and i == 0
    return (*kinds, _APPLIED) if "juxt" in kinds or more or numerator else kinds


def _leads(node: Node) -> bool:
    """A factor that starts with a function's name (\\cos x, {\\cos x}), where a function before it ends."""
    node = _content(node) if is_node(node, "braced") else node
    return _head(node.children[0] if is_node(node, "juxt") else node)


def _grouped(parent: Tree, i: int) -> tuple[str, ...]:
    if is_script(parent):  # {x-1}^2, {-2}^2, {2x}^2, and {2^3}^2, typeset 2³², as TeX refuses 2^3^2; {x_1}^2 stays
        power = ("power",) if parent.children[1] == "^" else ()
        return (*_SUM, *_SIGN, *_PRODUCT, *power) if i == 0 else ()  # a script's braces print
    kind = parent.data
    if kind == "juxt":
        after_head = i > 0 and _head(parent.children[i - 1])
        before_more = i < len(parent.children) - 1  # {a/b}c is typeset a/bc
        quotient = ("mul", "div", "hadamard") if after_head else ("div", "hadamard") if before_more else ()
        if i > 0 and is_extremum(parent.children[i - 1]):  # \\max_j {2 z_j}: typeset max_j 2 z_j
            quotient = (*quotient, "juxt")
        return (*_SUM, *(_SIGN if i > 0 else ()), *quotient)
    if kind in ("mul", "hadamard"):
        return _SUM
    if kind == "div":
        return (*_SUM, *(_PRODUCT if i == 2 else ()))  # {x+1}/2, y/{2x}
    if kind in _SIGN or (kind == "sub" and i == 2) or kind == "bigop":
        return _SUM  # -{x+1}, x - {x-1}, \\sum_i {x_i + 1}
    return ()


def _fail(origin: Origin, node: Tree) -> LatexError:
    content = text(_content(node))
    tok = next(iter(node.scan_values(lambda v: hasattr(v, "line"))), None)
    at = origin.at(tok.line or 1, tok.column or 1) if tok is not None else origin
    return LatexError(
        at,
        f"braces do not print: {{{content}}} is typeset as {content}, and a reader of the page groups it "
        f"otherwise here; write parentheses, ({content}), for the group",
    )
