"""An explicit space inside the argument of a function written without parentheses, refused.

`\\sin x y` is sin(xy), as textbooks read it (functions.py), but a writer who puts `\\,`, `\\;`, `\\:`,
`\\ `, `~` or `\\quad` between the factors (`\\sin x \\, y`) is separating them: most mean (sin x)·y.
Spacing is dropped by the lexer, so the reading would be sin(xy) in silence; it is refused here, on the
tokens and the text they came from, with both ways to write it. A plain space means nothing in TeX math
and stays allowed (`\\sin 2 x` is sin(2x)).
"""

from __future__ import annotations

import re

from lark import Token

from verifier.frontends.latex.errors import LatexError, Origin

_SPACE = re.compile(r"\\[,;: ]|~|\\q?quad(?![A-Za-z])|\\[hm]space\s*\{")
_FACTORS = ("LETTER", "DIGIT", "NUMBER", "NAMECMD")
_SCRIPTS = ("CARET", "UNDER")


def check(text: str, toks: list[Token], origin: Origin) -> None:
    """A LatexError at the first explicit space between two factors that a bare function takes."""
    for i, tok in enumerate(toks):
        if tok.type == "FUNC" and i + 1 < len(toks) and toks[i + 1].type in _FACTORS:
            _run(text, toks, i + 1, tok.value, origin)
        elif tok.type == "OPNAME" and (end := _closing(toks, i + 1)) is not None:
            name = "".join(t.value for t in toks[i + 2 : end])
            if end + 1 < len(toks) and toks[end + 1].type in _FACTORS:
                _run(text, toks, end + 1, f"\\operatorname{{{name}}}", origin)


def _run(text: str, toks: list[Token], j: int, label: str, origin: Origin) -> None:
    """Walk the factors from toks[j] on (with their scripts); refuse at a spaced gap between two of them."""
    start = toks[j].start_pos
    while j < len(toks):
        j = _after_scripts(toks, j + 1)
        if j >= len(toks) or toks[j].type not in _FACTORS or _applied(toks, j):
            return
        before, tok = toks[j - 1], toks[j]
        if None in (start, before.end_pos, tok.start_pos, tok.end_pos):
            return  # a token made by the reader, not read from the text: no gap to look at
        if _SPACE.search(text[before.end_pos : tok.start_pos]):
            arg, first = text[start : before.end_pos].strip(), text[tok.start_pos : tok.end_pos]
            raise LatexError(
                origin.at(tok.line or 1, tok.column or 1),
                f"{label} {arg} followed by a space and {first} can be read two ways; write {label}({arg})\\, "
                f"{first} for the product of the function, or {label}({arg} {first}) for the function of the product",
            )


def _applied(toks: list[Token], j: int) -> bool:
    """A name followed by an opening parenthesis: a function applied (\\sigma(y)), which ends the run."""
    return toks[j].type == "NAMECMD" and j + 1 < len(toks) and toks[j + 1].type == "LPAR"


def _after_scripts(toks: list[Token], j: int) -> int:
    """The index after any ^ or _ scripts that start at j (each a single token or a braced group)."""
    while j < len(toks) and toks[j].type in _SCRIPTS and j + 1 < len(toks):
        j = (_closing(toks, j + 1) or j + 1) + 1 if toks[j + 1].type == "LBRACE" else j + 2
    return j


def _closing(toks: list[Token], j: int) -> int | None:
    """The index of the brace that closes the group opened at toks[j], if toks[j] opens one."""
    if j >= len(toks) or toks[j].type != "LBRACE":
        return None
    depth = 0
    for k in range(j, len(toks)):
        depth += {"LBRACE": 1, "RBRACE": -1}.get(toks[k].type, 0)
        if depth == 0:
            return k
    return None
