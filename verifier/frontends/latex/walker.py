"""What the rules of the reader see of the evaluator: the Walker protocol, and tree-shape helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from lark import Token, Tree

from verifier.frontends.latex.errors import LatexError, Origin
from verifier.frontends.latex.scope import Scope
from verifier.frontends.latex.values import Fn, Value

Node = Any  # a lark Tree or Token: their children are untyped
Item = Value | Fn | tuple[Value, ...]


class Walker(Protocol):
    scope: Scope
    origin: Origin
    env: dict[str, Value]
    held: dict[str, Value]
    parse_text: Callable[[str, Origin], Tree]

    def value(self, node: Node) -> Value: ...
    def item(self, node: Node) -> Item: ...
    def fail(self, node: Node, message: str) -> LatexError: ...
    def letters(self, node: Node) -> str: ...
    def lookup(self, key: str, shown: str, node: Node) -> Value | Fn: ...
    def child(self, origin: Origin | None = None, env: dict[str, Value] | None = None) -> Walker: ...
    def holding(self, held: dict[str, Value]) -> Walker: ...


def is_node(node: Node, *kinds: str) -> bool:
    return isinstance(node, Tree) and node.data in kinds


def is_script(node: Node) -> bool:
    return (
        is_node(node, "sub", "sup")
        and isinstance(node.children[1], Token)
        and node.children[1].type in ("UNDER", "CARET")
    )


_PLAIN = ("number", "name", "decorated", "font", "blackboard")


def plain(node: Node) -> bool:
    """A plain factor: a number or a name, with its decorations and scripts (2, x, \\hat{y}_i, x^2)."""
    while is_script(node) or is_node(node, "prime"):
        node = node.children[0]
    return is_node(node, *_PLAIN) or (isinstance(node, Token) and node.type in ("NUMBER", "DIGIT", "LETTER", "NAMECMD"))


def inner(node: Node) -> Node:
    """A braced group's content, or the node itself."""
    return node.children[1] if is_node(node, "braced") else node


def literal(node: Node) -> str | None:
    """The one number or name a node (or its braced content) writes, without a leading backslash: 2, x, alpha."""
    body = inner(node)
    if is_node(body, "number", "name") and len(body.children) == 1:
        return str(body.children[0]).lstrip("\\")
    return None


class Spaced(Token):
    """A token that an explicit space command (\\, \\; \\: \\ ~ \\quad) comes right before in the text: the
    lexer drops the spacing, and this is what is left of it (see spacing.py)."""

    __slots__ = ()


class WideSpaced(Spaced):
    """A Spaced token whose space is wide (\\quad, \\qquad, \\;, \\:, \\ , ~): `space` is the command as
    written. Only the thin space \\, (and a row break) leaves a plain Spaced mark."""

    __slots__ = ("space",)
    space: str


def first_leaf(node: Node) -> Token | None:
    """The first token of a node, in the order written."""
    if isinstance(node, Token):
        return node
    for child in node.children:
        if (tok := first_leaf(child)) is not None:
            return tok
    return None


def spaced(node: Node) -> bool:
    """An explicit space command stands right before the node (\\sin x \\, y: before y)."""
    return isinstance(first_leaf(node), Spaced)


def wide_space(node: Node) -> str | None:
    """The wide space command written right before the node (x \\quad y: \\quad before y), or None."""
    tok = first_leaf(node)
    return tok.space if isinstance(tok, WideSpaced) else None
