"""The author's own LaTeX, typeset as MathML for the HTML report (latex2mathml; no script, no network).

A LaTeX chain keeps each line as its author wrote it. The report shows that line, typeset,
rather than the expanded instance the engine verified: a student recognises their own
`\\frac{x}{\\sqrt{\\pi}} e^{-x^2/2}`, not a 2-vector of nested fractions. Rendering only: no
verdict depends on this module, and a line latex2mathml cannot read falls back to its source.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

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
        return clean(str(convert(_keep_spaces(latex.strip()), display="block" if display else "inline")))
    except Exception:  # any failure of the third-party reader: the report shows the source instead
        return ""


MATHML_TAGS = frozenset(
    {
        "math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msub", "msup", "msubsup", "mfrac", "msqrt",
        "mroot", "mover", "munder", "munderover", "mtable", "mtr", "mtd", "mstyle", "mpadded", "mphantom",
        "menclose", "merror", "mmultiscripts", "mprescripts", "none", "semantics", "annotation",
    }
)  # fmt: skip
MATHML_ATTRIBUTES = frozenset(
    {
        "display", "mathvariant", "stretchy", "fence", "separator", "lspace", "rspace", "voffset", "accent",
        "accentunder", "movablelimits", "minsize", "maxsize", "symmetric", "largeop", "form", "linethickness",
        "columnalign", "rowalign", "columnlines", "rowlines", "columnspacing", "rowspacing", "scriptlevel",
        "displaystyle", "width", "height", "depth", "notation", "align", "frame", "equalrows", "equalcolumns",
    }
)  # fmt: skip
MATHML_NS = "http://www.w3.org/1998/Math/MathML"


class _Cleaner(HTMLParser):
    """Rebuilds markup keeping only MathML elements and their presentational attributes; all else is text.

    latex2mathml copies the body of \\text{…} into <mtext> as it stands, so a line a student wrote,
    \\text{<img src=x onerror=…>}, would come out as a live element; and \\href, \\style or
    \\color become attributes. Here anything that is not MathML is shown as the text it was."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []  # the MathML elements open here: an end tag closes only the innermost

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], close: str) -> None:
        if tag not in MATHML_TAGS:
            self.out.append(html.escape(self.get_starttag_text() or ""))
            return
        kept = [(k, v or "") for k, v in attrs if k in MATHML_ATTRIBUTES or (k == "xmlns" and v == MATHML_NS)]
        shown = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in kept)
        self.out.append(f"<{tag}{shown}{close}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, "")
        if tag in MATHML_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs, " /")

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()
            self.out.append(f"</{tag}>")
        else:
            self.out.append(html.escape(f"</{tag}>"))

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))

    def unknown_decl(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))


def clean(markup: str) -> str:
    """MathML with nothing but MathML in it (see _Cleaner)."""
    cleaner = _Cleaner()
    cleaner.feed(markup)
    cleaner.close()
    return "".join(cleaner.out) + "".join(f"</{tag}>" for tag in reversed(cleaner.open))


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
