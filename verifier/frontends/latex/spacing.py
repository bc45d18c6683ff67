"""Explicit space commands, kept as a mark on the token that follows them.

The lexer drops spacing (`\\,`, `\\;`, `\\:`, `\\ `, `~`, `\\quad`, `\\qquad`), which means nothing to the value of an
expression, with two exceptions. A writer who spaces the factors after a function written without parentheses
(`\\sin x \\, y`) is separating them, and most mean (sin x)·y, where `\\sin x y` is sin(xy) as textbooks read
it. And a wide space between two terms (`x^2 = x \\quad x \\ge 0`) sets a condition apart more often than it
spaces a product. So the token right after a space command is made a `Spaced` token (a `WideSpaced` one, which
names the space, for any but the thin `\\,`), and the reader refuses a function's argument that runs across one
(functions.py) and two terms side by side across a wide one (gaps.py). A plain space means nothing in TeX math
and leaves no mark.

And the prose around the math: a full stop, comma or semicolon that ends a display as a sentence is dropped.
"""

from __future__ import annotations

import re

from lark import Token

from verifier.frontends.latex import macros
from verifier.frontends.latex.document import SPACING
from verifier.frontends.latex.walker import Spaced, WideSpaced

# dropped by the lexer (grammar.SPACE); \quad is a command token. A no-break space (U+00A0) typed in the source is
# TeX's ~ (inputenc maps it so): \sin x y with one between x and y was sin(xy) in silence
# (and so are the other typed spaces, and a line or paragraph separator)
_SPACE = re.compile(r"\\[,;: ]|~|[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_QUADS = ("\\quad", "\\qquad")
_THIN = "\u2009\u200a\u202f"  # a typed thin, hair or narrow no-break space: \\, as typed


def mark(text: str, raw: list[Token], toks: list[Token]) -> list[Token]:
    """toks (classified from raw, the lexer's tokens of text) with each token that a space command comes right
    before made a Spaced token, a WideSpaced one when a space other than the thin \\, is among them."""
    after: dict[int, str | None] = {}  # a marked token's offset: the wide space before it, if any
    pending, wide = False, None  # a space seen, and only dropped commands (\displaystyle, \big) since
    for before, tok in zip([None, *raw], raw, strict=False):
        start = 0 if before is None else before.end_pos
        gap = text[start : tok.start_pos] if start is not None and tok.start_pos is not None else ""
        wide = wide or _wide(gap)
        if tok.type == "ROWSEP" or (tok.type == "CMD" and (tok.value in _QUADS or tok.value[1:] in macros.DROPPED)):
            # a row break \\ counts as a space (a matrix's rows never share an argument)
            pending = pending or bool(_SPACE.search(gap)) or tok.value in _QUADS or tok.type == "ROWSEP"
            wide = wide or (str(tok.value) if tok.value in _QUADS else None)
            continue
        if (pending or _SPACE.search(gap)) and tok.start_pos is not None:
            after[tok.start_pos] = wide
        pending, wide = False, None
    if not after:
        return toks
    return [_marked(t, after[t.start_pos]) if t.start_pos in after else t for t in toks]


def _wide(gap: str) -> str | None:
    """The first wide space in gap, as written (\\;, ~, a typed em space), or None if it has none."""
    for m in _SPACE.finditer(gap):
        space = m.group(0)
        if space != "\\," and space not in _THIN:
            return space if space.isascii() else f"U+{ord(space):04X}, typed"
    return None


def _marked(tok: Token, wide: str | None) -> Token:
    if wide is None:
        return Spaced.new_borrow_pos(tok.type, tok.value, tok)
    marked = WideSpaced.new_borrow_pos(tok.type, tok.value, tok)
    marked.space = wide
    return marked


_END_MARK = re.compile(SPACING.pattern + r"(?<!\\)[.,;]" + SPACING.pattern + r"$")


def unpunctuated(math: str) -> str:
    """The math without the one full stop, comma or semicolon that ends it as a sentence (`… + 1.`, `… &= 2x,
    \\\\`), blanked so that offsets stay true: punctuation after the last term is prose, not math."""
    m = _END_MARK.search(math)
    return math if m is None else math[: m.start()] + " " * (len(math) - m.start())
