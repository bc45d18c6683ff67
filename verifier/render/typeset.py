"""The author's own LaTeX, typeset as MathML for the HTML report (latex2mathml; no script, no network).

A LaTeX chain keeps each line as its author wrote it. The report shows that line, typeset,
rather than the expanded instance the engine verified: a student recognises their own
`\\frac{x}{\\sqrt{\\pi}} e^{-x^2/2}`, not a 2-vector of nested fractions. Rendering only: no
verdict depends on this module, and a line latex2mathml cannot read falls back to its source.

The LaTeX may be a student's (a graded chain): latex2mathml copies ``\\text{...}`` into the
page unescaped and turns ``\\href`` into a link, so its output is rebuilt from an allow-list
of MathML elements and attributes, every text escaped, before it reaches a page.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

_WORD = re.compile(r"[A-Za-z]{2,}[,.;:]?|[A-Za-z][,.;:]|a|A")  # a word of prose, not a variable such as x
_TEXT_BODY = re.compile(r"\\text\{([^{}]*)\}")


def _keep_spaces(latex: str) -> str:
    """Spaces at the edges of \\text{...} made non-breaking: MathML's <mtext> drops them otherwise."""
    return _TEXT_BODY.sub(lambda m: "\\text{" + m.group(1).replace(" ", "\u00a0") + "}", latex)


# fmt: off
_ELEMENTS = frozenset((
    "math", "mrow", "mi", "mn", "mo", "mtext", "mspace", "ms", "msub", "msup", "msubsup", "mfrac", "msqrt", "mroot",
    "mstyle", "merror", "mpadded", "mphantom", "mfenced", "menclose", "munder", "mover", "munderover", "mtable", "mtr",
    "mtd", "mlabeledtr", "mmultiscripts", "mprescripts", "none",
))
_ATTRIBUTES = frozenset((  # no href, style or event handler
    "display", "mathvariant", "stretchy", "fence", "form", "separator", "separators", "lspace", "rspace", "width",
    "height", "depth", "columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines", "rowlines", "frame",
    "displaystyle", "scriptlevel", "accent", "accentunder", "linethickness", "notation", "open", "close", "minsize",
    "maxsize", "movablelimits", "largeop", "symmetric", "columnspan", "rowspan", "bevelled", "mathsize",
))
# fmt: on


def _rebuilt(node: ET.Element) -> str:
    """node as MathML from the allow-lists, its texts escaped (ValueError: an element not on the list)."""
    tag = node.tag.rpartition("}")[2]
    if tag not in _ELEMENTS:
        raise ValueError(tag)
    attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in node.attrib.items() if k in _ATTRIBUTES)
    if tag == "math":
        attrs = ' xmlns="http://www.w3.org/1998/Math/MathML"' + attrs
    inner = html.escape(node.text or "") + "".join(_rebuilt(c) + html.escape(c.tail or "") for c in node)
    return f"<{tag}{attrs}>{inner}</{tag}>"


def mathml(latex: str, display: bool = False) -> str:
    """Presentation MathML of a LaTeX formula, or "" when it cannot be read (the caller shows the source)."""
    if not latex.strip():
        return ""
    from latex2mathml.converter import convert  # imported on first use: a report without chains never needs it

    try:
        raw = str(convert(_keep_spaces(latex.strip()), display="block" if display else "inline"))
        return _rebuilt(ET.fromstring(raw))
    except Exception:  # the third-party reader failed, or wrote what the allow-lists refuse: the source instead
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
