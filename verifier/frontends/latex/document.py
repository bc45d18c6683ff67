"""Split a .tex or .md file into its declaration block and its chains of $$…$$ displays.

A chain is a run of displays: the first one starts with an expression, every later one
starts with a relation (=, \\le, \\ge, <, >, \\Rightarrow, \\implies, \\iff); a display that starts with an expression
starts the next chain. Directives are comment lines: `% claim: NAME` names the next
chain, `% expect: refuted` marks it as a planted mistake and `% planted: N` names the step of
the slip (the verifier must name that step as the first wrong one). Declarations live in a
fenced ```verifier block (Markdown) or in the `%` lines after a `% verifier` line (TeX).
A display laid out with `aligned` (or `split`, `gathered`, and `align*`, `equation*` as displays
of their own) is one display per row: `&` marks are dropped and `\\\\` ends a row, so
`L &= … \\\\ &= …` is a chain of two lines, each with its own reason.
Nothing here needs lark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from verifier.frontends.latex.errors import LatexError, Origin

_DISPLAY = re.compile(
    r"\$\$(?P<a>.*?)\$\$|\\\[(?P<b>.*?)\\\]|\\begin\{(?P<env>(?:align|equation|gather)\*?)\}(?P<c>.*?)\\end\{(?P=env)\}",
    re.DOTALL,
)
_LAYOUT = re.compile(r"\\(?:begin|end)\s*\{\s*(?:aligned|split|gathered|alignedat)\s*\}(?:\{\d+\})?")
_MATRIX_ENV = re.compile(r"\\(begin|end)\s*\{\s*(?:[pbvBV]?matrix|d?cases)\s*\}")
_ROW_END = re.compile(r"\\\\(?:\[[^\]]*\])?")
_LEADING_RELATION = re.compile(
    r"\s*(=|<|>|\\(?:le|leq|leqslant|ge|geq|geqslant|Rightarrow|Longrightarrow|implies|iff|Leftrightarrow"
    r"|Longleftrightarrow)(?![a-zA-Z]))"
)
_DIRECTIVE = re.compile(r"\s*%\s*(claim|expect|planted)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class Text:
    """A piece of the file and where it starts."""

    text: str
    origin: Origin


@dataclass
class ChainSource:
    """The displays of one chain, with its name and expectation as the file gives them."""

    origin: Origin
    name: str = ""
    expect: str = "holds"
    planted: str = ""  # `% planted: N`: the step of a student's slip, which must be named first
    planted_at: Origin | None = None
    displays: list[Text] = field(default_factory=list)


@dataclass
class Document:
    path: str
    declarations: list[Text] = field(default_factory=list)
    chains: list[ChainSource] = field(default_factory=list)
    errors: list[LatexError] = field(default_factory=list)


def starts_with_relation(text: str) -> bool:
    return _LEADING_RELATION.match(text) is not None


def _blank(text: str, start: int, end: int) -> str:
    """text with [start, end) replaced by spaces, newlines kept (offsets stay valid)."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _origin(path: str, starts: list[int], offset: int) -> Origin:
    line = max(i for i, s in enumerate(starts) if s <= offset)
    return Origin(path, line + 1, offset - starts[line] + 1)


def _declarations(path: str, lines: list[str], starts: list[int]) -> tuple[list[Text], list[tuple[int, int]]]:
    """The declaration lines, and the (start, end) offsets of every region the displays must skip."""
    found: list[Text] = []
    skip: list[tuple[int, int]] = []
    fence: str | None = None
    fence_start = 0
    in_tex_block = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith("```"):
                skip.append((fence_start, starts[i] + len(line)))
                fence = None
            elif fence == "verifier":
                found.append(Text(line, Origin(path, i + 1, 1)))
            continue
        if stripped.startswith("```"):
            fence, fence_start = stripped[3:].strip().lower(), starts[i]
            continue
        if stripped.startswith("%"):
            skip.append((starts[i], starts[i] + len(line)))
            body = stripped[1:].strip()
            if body.lower() == "verifier":
                in_tex_block = True
            elif in_tex_block and not _DIRECTIVE.match(line):
                col = line.index("%") + 2
                found.append(Text(line[col - 1 :], Origin(path, i + 1, col)))
            continue
        in_tex_block = False
    if fence is not None:
        skip.append((fence_start, len("\n".join(lines))))
    return found, skip


def _rows(display: str) -> list[tuple[int, str]]:
    """An aligned display's rows, each with its offset: layout commands and & blanked, cut at \\\\ outside matrices."""
    text = _LAYOUT.sub(lambda m: " " * len(m.group(0)), display)
    depth, out, start = 0, [], 0
    marks = sorted(
        [*_MATRIX_ENV.finditer(text), *_ROW_END.finditer(text), *re.finditer(r"(?<!\\)&", text)],
        key=lambda m: m.start(),
    )
    for m in marks:
        token = m.group(0)
        if token.startswith("\\begin") or token.startswith("\\end"):
            depth += 1 if token.startswith("\\begin") else -1
        elif depth == 0 and token == "&":
            text = text[: m.start()] + " " + text[m.end() :]
        elif depth == 0 and token.startswith("\\\\"):
            out.append((start, text[start : m.start()]))
            start = m.end()
    out.append((start, text[start:]))
    return out


def split(text: str, path: str) -> Document:
    """The declarations and chains of a file's text."""
    lines = text.split("\n")
    starts = _line_starts(text)
    doc = Document(path)
    doc.declarations, skip = _declarations(path, lines, starts)
    visible = text
    for start, end in skip:
        visible = _blank(visible, start, end)
    events: list[tuple[int, str, str]] = []
    for i, line in enumerate(lines):
        m = _DIRECTIVE.match(line)
        if m and line.lstrip().startswith("%"):
            events.append((starts[i], m.group(1), m.group(2)))
    for m in _DISPLAY.finditer(visible):
        group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
        laid_out = m.group("env") is not None or _LAYOUT.search(m.group(group)) is not None
        for start, row in _rows(m.group(group)) if laid_out else [(0, m.group(group))]:
            if row.strip():
                events.append((m.start(group) + start, "display", row))
    pending = ChainSource(Origin(path, 1, 1))
    current: ChainSource | None = None
    for offset, kind, value in sorted(events, key=lambda e: e[0]):
        where = _origin(path, starts, offset)
        if kind == "claim":
            current, pending = None, ChainSource(where, name=value)
        elif kind == "expect":
            pending.expect = value.lower()
        elif kind == "planted":
            pending.planted, pending.planted_at = value, where
        elif starts_with_relation(value):
            if current is None:
                doc.errors.append(
                    LatexError(
                        where,
                        "this line starts with a relation but no chain comes before it; "
                        "start the chain with an expression",
                    )
                )
                continue
            current.displays.append(Text(value, where))
        else:
            current = ChainSource(
                where, pending.name, pending.expect, pending.planted, pending.planted_at, [Text(value, where)]
            )
            doc.chains.append(current)
            pending = ChainSource(where)
    return doc
