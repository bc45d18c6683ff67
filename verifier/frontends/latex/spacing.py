"""Explicit space commands, kept as a mark on the token that follows them.

The lexer drops spacing (`\\,`, `\\;`, `\\:`, `\\ `, `~`, `\\quad`, `\\qquad`), which means nothing to the value of an
expression, with one exception: a writer who spaces the factors after a function written without parentheses
(`\\sin x \\, y`) is separating them, and most mean (sin x)·y, where `\\sin x y` is sin(xy) as textbooks read
it. So the token right after a space command is made a `Spaced` token, and the reader refuses a function's
argument that runs across one (functions.py). A plain space means nothing in TeX math and leaves no mark.

And the prose around the math: a full stop, comma or semicolon that ends a display as a sentence is dropped.
"""

from __future__ import annotations

import re

from lark import Token

from verifier.frontends.latex import macros
from verifier.frontends.latex.document import SPACING
from verifier.frontends.latex.walker import Spaced

# dropped by the lexer (grammar.SPACE); \quad is a command token. A no-break space (U+00A0) typed in the source is
# TeX's ~ (inputenc maps it so): \sin x y with one between x and y was sin(xy) in silence
# (and so are the other typed spaces, and a line or paragraph separator)
_SPACE = re.compile(r"\\[,;: ]|~|[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_QUADS = ("\\quad", "\\qquad")


def mark(text: str, raw: list[Token], toks: list[Token]) -> list[Token]:
    """toks (classified from raw, the lexer's tokens of text) with each token that a space command comes right
    before made a Spaced token."""
    after: set[int] = set()
    pending = False  # a space seen, and only dropped commands (\displaystyle, \big) since
    for before, tok in zip([None, *raw], raw, strict=False):
        start = 0 if before is None else before.end_pos
        gap = start is not None and tok.start_pos is not None and bool(_SPACE.search(text[start : tok.start_pos]))
        if tok.type == "ROWSEP" or (tok.type == "CMD" and (tok.value in _QUADS or tok.value[1:] in macros.DROPPED)):
            # a row break \\ counts as a space (a matrix's rows never share an argument)
            pending = pending or gap or tok.value in _QUADS or tok.type == "ROWSEP"
            continue
        if (pending or gap) and tok.start_pos is not None:
            after.add(tok.start_pos)
        pending = False
    if not after:
        return toks
    return [Spaced.new_borrow_pos(t.type, t.value, t) if t.start_pos in after else t for t in toks]


_END_MARK = re.compile(SPACING.pattern + r"(?<!\\)[.,;]" + SPACING.pattern + r"$")


def unpunctuated(math: str) -> str:
    """The math without the one full stop, comma or semicolon that ends it as a sentence (`… + 1.`, `… &= 2x,
    \\\\`), blanked so that offsets stay true: punctuation after the last term is prose, not math."""
    m = _END_MARK.search(math)
    return math if m is None else math[: m.start()] + " " * (len(math) - m.start())
