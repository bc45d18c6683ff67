"""Split a .tex or .md file into its declaration block and its chains of $$…$$ displays.

A chain is a run of displays: the first one starts with an expression, every later one
starts with a relation (=, \\le, \\ge, <, >, \\Rightarrow, \\implies, \\iff); a display that starts with an expression
starts the next chain. Directives are comment lines: `% claim: NAME` names the next
chain, `% expect: refuted` marks it as a planted mistake and `% planted: N` names the step of
the slip (the verifier must name that step as the first wrong one). Declarations live in a
fenced ```verifier block (Markdown) or in the `%` lines after a `% verifier` line (TeX).
A display laid out with `aligned` (or `split`, `gathered`, and `align*`, `equation*` as displays
of their own) is one display per row: `&` marks are dropped and `\\\\` ends a row, so
`L &= … \\\\ &= …` is a chain of two lines, each with its own reason. A row that goes on with the
row above, as a textbook writes a long right side (it starts with +, −, \\cdot, \\times or /, or has no
relation at all: `&\\quad + 1`, `&\\qquad (x - 1)`), is joined to it. A plain display cut by `\\\\` is
read as rows too (it shows them as rows). A row with a second equation in a further `&` column
(`a &= b & c &= d`) is refused: each equation goes on its own row.
In a Markdown file a display inside an HTML comment (<!-- … -->), an inline code span or an indented code
block is no line: Markdown does not show it as math. Nothing here needs lark.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from verifier.frontends.latex import characters, fences, reasons
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
    refused: str = ""  # why the reader must refuse this display as laid out (its row holds two equations)


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


def _row_break(text: str, start: int, end: int) -> str:
    """A blanked row break [start, end) kept as a thin space, \\, (offsets stay valid): a function's argument
    written without parentheses does not run on into the next row in silence (spacing.py)."""
    gap = text[start:end]
    at = next((i for i in range(len(gap) - 1) if gap[i : i + 2] == "  "), None)
    if at is None:
        return text
    return text[: start + at] + "\\," + text[start + at + 2 :]


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _origin(path: str, starts: list[int], offset: int) -> Origin:
    line = max(i for i, s in enumerate(starts) if s <= offset)
    return Origin(path, line + 1, offset - starts[line] + 1)


def _declarations(path: str, lines: list[str], starts: list[int]) -> tuple[list[Text], list[tuple[int, int]]]:
    """The declaration lines, and the (start, end) offsets of every region the displays must skip: the fenced
    code blocks of a Markdown file (a .tex file has none: fences.py) and the % lines."""
    found: list[Text] = []
    skip: list[tuple[int, int]] = []
    fenced: dict[int, str] = {}  # the lines in a fenced block (its fences too), and the block's language
    for fence in [] if path.endswith(".tex") else fences.blocks(lines):
        end = fence.end - 1
        skip.append((starts[fence.first], starts[end] + len(lines[end])))
        fenced |= dict.fromkeys(range(fence.first, fence.end), "")
        if fence.language == "verifier":
            fenced |= dict.fromkeys(range(fence.first + 1, fence.end - 1 if fence.fenced else fence.end), "verifier")
    in_tex_block = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if i in fenced:
            if fenced[i]:
                found.append(Text(line, Origin(path, i + 1, 1)))
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
    return found, skip


SPACING = re.compile(r"(?:\s|~|\\(?:quad|qquad|[,;:! ]|[hv]space\*?\s*\{[^{}]*\}))*")
_RELATION = re.compile(
    r"[=<>]|\\(?:le|leq|leqslant|ge|geq|geqslant|ne|neq|lt|gt|approx|equiv|sim|simeq|cong|propto|Rightarrow"
    r"|Longrightarrow|implies|iff|Leftrightarrow|Longleftrightarrow)(?![a-zA-Z])"
)


def _top_level(text: str) -> str:
    """text with what is inside braces blanked: a subscript's i = 1 is no relation of the row."""
    out, depth = [], 0
    for i, ch in enumerate(text):
        escaped = i > 0 and text[i - 1] == "\\"
        if ch == "{" and not escaped:
            depth += 1
        elif ch == "}" and not escaped:
            depth = max(0, depth - 1)
        out.append(ch if depth == 0 and ch not in "{}" else " ")
    return "".join(out)


def has_relation(text: str) -> bool:
    """Whether a row states a relation of its own (=, ≤, ⇒, …), outside braces."""
    return _RELATION.search(_top_level(text)) is not None


def _goes_on(row: str) -> bool:
    """Whether a row (not the first) goes on with the row above: it has no relation at all (`&\\quad + 1`,
    `&\\qquad (x - 1)`), as a long right side is written on two rows."""
    body = row[SPACING.match(row).end() :]  # type: ignore[union-attr]  # the pattern matches the empty string
    return bool(body.strip()) and not has_relation(body)


@dataclass
class _Row:
    start: int
    end: int
    amps: list[int] = field(default_factory=list)  # the offsets of its & marks


def _cut(text: str) -> list[_Row]:
    """The rows of a display: cut at \\\\ outside matrices, each with the & marks outside them."""
    depth, rows = 0, [_Row(0, len(text))]
    marks = sorted(
        [*_MATRIX_ENV.finditer(text), *_ROW_END.finditer(text), *re.finditer(r"(?<!\\)&", text)],
        key=lambda m: m.start(),
    )
    for m in marks:
        token = m.group(0)
        if token.startswith("\\begin") or token.startswith("\\end"):
            depth += 1 if token.startswith("\\begin") else -1
        elif depth == 0 and token == "&":
            rows[-1].amps.append(m.start())
        elif depth == 0 and token.startswith("\\\\"):
            rows[-1].end = m.start()
            rows.append(_Row(m.end(), len(text)))
    return rows


def _rows(display: str) -> list[tuple[int, str, str]]:
    """A display's rows, each with its offset and why it is refused, if it is (layout commands and & blanked; a
    row that goes on with the row above joined to it; a row with a second equation in a further column refused)."""
    text = _LAYOUT.sub(lambda m: " " * len(m.group(0)), display)
    rows = _cut(text)
    refused = [len(r.amps) >= 2 and has_relation(text[r.amps[1] + 1 : r.end].replace("&", " ")) for r in rows]
    for row in rows:
        for at in row.amps:
            text = text[:at] + " " + text[at + 1 :]
    groups: list[tuple[list[_Row], str]] = []
    for row, two in zip(rows, refused, strict=True):
        why = _TWO_EQUATIONS if two else ""
        if (
            groups
            and text[groups[-1][0][0].start : groups[-1][0][-1].end].strip()
            and _goes_on(text[row.start : row.end])
        ):
            groups[-1] = ([*groups[-1][0], row], groups[-1][1] or why)
        else:
            groups.append(([row], why))
    return [(group[0].start, _joined(text, group), why) for group, why in groups]


def _joined(text: str, rows: list[_Row]) -> str:
    """Rows that go on one from another as one line: the breaks between them and the indentation after them
    blanked (`&\\qquad (x - 1)` sets nothing apart: gaps.py), and the reason of a row above the last (its
    \\text{…} on) moved after the last row, so the math that goes on below it is read as math
    (`x^2 = x^2 \\text{by X} \\\\ + 1` is x^2 = x^2 + 1, by X), never as words of the reason."""
    for above, below in itertools.pairwise(rows):
        indent = SPACING.match(text, below.start).end()  # type: ignore[union-attr]  # &\\qquad - 1: layout
        text = _row_break(_blank(text, above.end, indent), above.end, indent)
    moved: list[str] = []
    for row in rows[:-1]:
        at = reasons.start(text[row.start : row.end])
        if at is not None:
            moved.append(text[row.start + at : row.end])
            text = _blank(text, row.start + at, row.end)
    return text[rows[0].start : rows[-1].end] + "".join(" " + words for words in moved)


_TWO_EQUATIONS = (
    "this row holds a second equation in a further & column; put each equation on its own row (end the row "
    "with \\\\); a remark in a further column holds no relation (write it in \\text{...})"
)


_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:[^`\n]|`(?!\1)|\n(?![ \t]*\n))+?(?<!`)\1(?!`)")
_OPENER = re.compile(r"<!--|`+|\$\$|\\\[|\\begin\{(?:align|equation|gather)\*?\}")
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")


def _comment_end(text: str, start: int) -> tuple[int, bool] | None:
    """Where the HTML comment opened at start ends, and whether --> closes it (CommonMark): <!--> and <!---> close
    at once; one that opens a line (up to 3 spaces in) runs to --> or the end of the file; one within a line stays in
    its paragraph, and one its paragraph does not close is no comment but text."""
    if text.startswith(("<!-->", "<!--->"), start):
        return text.index(">", start) + 1, True
    close, line = text.find("-->", start + 4), text.rfind("\n", 0, start) + 1
    if start - line <= 3 and not text[line:start].strip(" "):
        return (close + 3, True) if close >= 0 else (len(text), False)
    limit = m.start() if (m := _PARAGRAPH_END.search(text, start)) else len(text)
    return (close + 3, True) if 0 <= close < limit else None


def _marks(text: str) -> tuple[list[tuple[int, int, bool]], list[tuple[int, int]], list[tuple[int, int]]]:
    """The HTML comments (start, end, closed), code spans and displays of a Markdown text, read from the left as
    Markdown reads them: `$$` in a comment or a span opens no display; `<!--` in a span or a display, no comment."""
    comments: list[tuple[int, int, bool]] = []
    spans: list[tuple[int, int]] = []
    displays: list[tuple[int, int]] = []
    at = 0
    while m := _OPENER.search(text, at):
        at = m.end()
        if m.group() == "<!--":
            if (found := _comment_end(text, m.start())) is not None:
                comments.append((m.start(), *found))
                at = found[0]
        elif (whole := (_CODE_SPAN if m.group()[0] == "`" else _DISPLAY).match(text, m.start())) is not None:
            (spans if m.group()[0] == "`" else displays).append(whole.span())
            at = whole.end()
    return comments, spans, displays


_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")


def _not_math(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of what Markdown shows as no math: HTML comments, inline code spans and indented code
    blocks (4 spaces or a tab after a blank line, below a line that is flush left and no list item). A display in
    them is shown as written, or not at all, so it is no line of a chain."""
    comments, spans, _ = _marks(text)
    found = [(start, end) for start, end, _ in comments] + spans
    for start, end in found:
        text = _blank(text, start, end)
    lines, starts = text.split("\n"), _line_starts(text)
    blocks: list[tuple[int, int]] = []
    code, above = False, ""  # in a code block; the last line with text before the blank line(s)
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        indented = line.startswith(("    ", "\t"))
        opens = (i == 0 or not lines[i - 1].strip()) and not above[:1].isspace() and not _LIST_ITEM.match(above)
        code = indented and (code or opens)
        if code:
            blocks.append((starts[i], starts[i] + len(line)))
        above = line
    for m in _DISPLAY.finditer(text):  # a display begun outside a code block keeps its indented rows
        if not any(s <= m.start() < e for s, e in blocks):
            blocks = [(s, e) for s, e in blocks if not m.start() < s < m.end()]
    return found + blocks


def _hiding_comments(text: str, path: str, starts: list[int]) -> list[LatexError]:
    """An HTML comment that hides lines the writer meant to show: one opened inside a display (Markdown reads
    `<!--` in `\\text{ <!-- a note }` as a comment, which hides the display's end and what follows), and one
    never closed, which hides every display after it. Both were read in silence ("no claims found")."""
    comments, _, displays = _marks(text)
    errors: list[LatexError] = []
    for start, end in displays:
        if (opener := text.find("<!--", start, end)) >= 0:
            errors.append(LatexError(_origin(path, starts, opener), _IN_DISPLAY))
    for start, end, closed in comments:
        if not closed and (hidden := len(_DISPLAY.findall(text, start, end))):
            errors.append(LatexError(_origin(path, starts, start), _UNCLOSED.format(hidden=hidden)))
    return errors


_IN_DISPLAY = (
    "<!-- inside a display starts an HTML comment in Markdown, which hides the rest of the display and what "
    "follows up to -->; take it out of the display (a note goes in \\text{...} without <!--)"
)
_UNCLOSED = (
    "this HTML comment (<!--) is never closed, so Markdown hides the rest of the file, {hidden} display(s) with "
    "it; close it with --> where the comment ends"
)


def split(text: str, path: str) -> Document:
    """The declarations and chains of a file's text."""
    lines = text.split("\n")
    starts = _line_starts(text)
    doc = Document(path)
    doc.declarations, skip = _declarations(path, lines, starts)
    visible = text
    for start, end in skip:
        visible = _blank(visible, start, end)
    if not path.endswith(".tex"):
        doc.errors += _hiding_comments(visible, path, starts) + fences.unread_math_blocks(path, lines)
        for start, end in _not_math(visible):
            visible = _blank(visible, start, end)
        visible = fences.unquoted(visible, [m.span() for m in _DISPLAY.finditer(visible)])
    events: list[tuple[int, str, str, str]] = []
    for i, line in enumerate(lines):
        m = _DIRECTIVE.match(line)
        if m and line.lstrip().startswith("%"):
            events.append((starts[i], m.group(1), m.group(2), ""))
    for m in _DISPLAY.finditer(visible):
        group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
        rows = _rows(characters.uncommented(m.group(group)))  # a % comment runs to the end of its line
        events += [(m.start(group) + at, "display", row, why) for at, row, why in rows if row.strip()]
    pending = ChainSource(Origin(path, 1, 1))
    current: ChainSource | None = None
    for offset, kind, value, refused in sorted(events, key=lambda e: e[0]):
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
            current.displays.append(Text(value, where, refused))
        else:
            current = ChainSource(
                where, pending.name, pending.expect, pending.planted, pending.planted_at, [Text(value, where, refused)]
            )
            doc.chains.append(current)
            pending = ChainSource(where)
    return doc


DEEPEST, LONGEST = 100, 2000  # brackets, characters: a line past either may run out of the reader's recursion


def past_recursion(source: ChainSource) -> str:
    """Why reading the chain ran out of Python's recursion: its deepest or longest line, when one is past what the
    reader follows ("" when none is: then a definition refers to itself)."""
    for display in source.displays:
        depth = deepest = 0
        for ch in display.text:
            depth = depth + 1 if ch in "({[" else max(0, depth - 1) if ch in ")}]" else depth
            deepest = max(deepest, depth)
        where, past = f"{display.origin.path}:{display.origin.line}:{display.origin.col}", ""
        if deepest > DEEPEST:
            past = f"this line nests {deepest} brackets deep"
        elif len(display.text) > LONGEST:
            past = f"this line of {len(display.text):,} characters"
        if past:
            return f"{where}: {past} is past what the reader can follow; write it in steps"
    return ""
