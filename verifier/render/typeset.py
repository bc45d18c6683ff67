"""The author's own LaTeX, typeset as MathML for the HTML report (latex2mathml; no script, no network).

A LaTeX chain keeps each line as its author wrote it. The report shows that line, typeset,
rather than the expanded instance the engine verified: a student recognises their own
`\\frac{x}{\\sqrt{\\pi}} e^{-x^2/2}`, not a 2-vector of nested fractions. Rendering only: no
verdict depends on this module, and a line latex2mathml cannot read falls back to its source.
"""

from __future__ import annotations

import html
import re

_WORD = re.compile(r"[A-Za-z]{2,}[,.;:]?|[A-Za-z][,.;:]|a|A")  # a word of prose, not a variable such as x
_TEXT_BODY = re.compile(r"\\text\{([^{}]*)\}")


def _keep_spaces(latex: str) -> str:
    """Spaces at the edges of \\text{...} made non-breaking: MathML's <mtext> drops them otherwise."""
    return _TEXT_BODY.sub(lambda m: "\\text{" + m.group(1).replace(" ", "\u00a0") + "}", latex)


def mathml(latex: str, display: bool = False) -> str:
    """Presentation MathML of a LaTeX formula, or "" when it cannot be read (the caller shows the source)."""
    if not latex.strip():
        return ""
    from latex2mathml.converter import convert  # imported on first use: a report without chains never needs it

    try:
        return str(convert(_keep_spaces(latex.strip()), display="block" if display else "inline"))
    except Exception:  # any failure of the third-party reader: the report shows the source instead
        return ""


def formula(latex: str) -> str:
    """A line of a chain: typeset, or its LaTeX source in code type when it cannot be read."""
    return mathml(latex) or f"<code>{html.escape(latex)}</code>"


def reason(text: str) -> str:
    """A step's "because" as the LaTeX reader keeps it, words and math mixed ("since \\Phi' = \\phi"):
    runs of plain words stay words, and each run of math between them is typeset."""
    out: list[str] = []
    for is_word, run in _runs(text.split()):
        out.append(html.escape(" ".join(run)) if is_word else formula(" ".join(run)))
    return " ".join(out)


def _runs(tokens: list[str]) -> list[tuple[bool, list[str]]]:
    runs: list[tuple[bool, list[str]]] = []
    for token in tokens:
        is_word = _WORD.fullmatch(token) is not None
        if runs and runs[-1][0] == is_word:
            runs[-1][1].append(token)
        else:
            runs.append((is_word, [token]))
    return runs
