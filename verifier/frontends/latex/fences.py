"""Markdown code blocks that hold mathematics the reader does not read: a ```math or ```latex block.

GitHub draws a ```math block as an equation, so a student may write a chain in one; but a fenced block is code
to Markdown, and the reader takes chains from $$ … $$ (and \\[ … \\], align, equation, gather) only. Such a
block was passed over in silence: "no claims found" when it was the file's only chain, nothing at all beside
another chain. Each one holding a relation is now an error that says what to write instead.
"""

from __future__ import annotations

import re

from verifier.frontends.latex.errors import LatexError, Origin

MATH_LANGUAGES = frozenset({"math", "latex", "tex", "katex", "mathjax"})
_RELATION = re.compile(r"[=<>]|\\(?:le|leq|ge|geq|Rightarrow|implies|iff)(?![a-zA-Z])")
_UNREAD = (
    "a ```{language} block is code to Markdown, and its lines are not read as a chain; write the chain between "
    "$$ and $$ (GitHub draws those as mathematics too), or, if it is only shown as code, in a ```text block"
)


def unread_math_blocks(path: str, lines: list[str]) -> list[LatexError]:
    """An error at the opening line of each fenced math block that holds a relation."""
    errors: list[LatexError] = []
    language: str | None = None
    opened = 0
    body: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("```"):
            body.append(line)
            continue
        if language is None:
            language, opened, body = stripped[3:].strip().lower(), i, []
            continue
        if language in MATH_LANGUAGES and _RELATION.search("\n".join(body)):
            where = Origin(path, opened + 1, lines[opened].index(lines[opened].strip()) + 1)
            errors.append(LatexError(where, _UNREAD.format(language=language)))
        language = None
    return errors
