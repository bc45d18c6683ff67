"""The fenced code blocks of a Markdown file, found as CommonMark finds them, and the ones that hide a chain.

A fence is three or more backticks or tildes at the start of a line (in a list item or a blockquote too); it closes
at a line of the same mark, at least as long, with nothing after it, or where its blockquote ends, or, never closed,
at the end of the file; one in an HTML comment that opens a line is hidden with the comment. A ```` block can show a
``` block inside it; a ~~~ block, a line of ```; and a line ```x = 1``` is an inline code span, no fence. The reader
took any line that began with ``` for a fence, so a block shown inside another (or a ~~~ block holding ```) hid the
chains after it and showed the code after its inner fence to the reader as math; a ~~~math, ````math or ```math
title block holding a chain was passed over in silence.

GitHub draws a ```math block as an equation, so a student may write a chain in one; but a fenced block is code
to Markdown, and the reader takes chains from $$ … $$ (and \\[ … \\], align, equation, gather) only. Each such block
holding a relation is an error that says what to write instead; so is a block never closed that hides displays.
A .tex file has no fences: LaTeX prints ``` as quotes and typesets the displays between such lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.frontends.latex.errors import LatexError, Origin

MATH_LANGUAGES = frozenset({"math", "latex", "tex", "katex", "mathjax"})
# after the marks of the blockquotes and list items it opens in (- ```, 1. > ```): a fence all the same
_FENCE = re.compile(
    r"(?P<quote>[ \t]*(?:(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))[ \t]*)*)(?P<mark>`{3,}|~{3,})(?P<info>.*)$"
)
_COMMENT = re.compile(r"[ ]{0,3}<!--")
_QUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)*")
_RELATION = re.compile(r"[=<>]|\\(?:le|leq|ge|geq|Rightarrow|implies|iff)(?![a-zA-Z])")
_DISPLAY = re.compile(r"\$\$|\\\[|\\begin\{(?:align|equation|gather)")
_UNREAD = (
    "a {fence} block is code to Markdown, and its lines are not read as a chain; write the chain between "
    "$$ and $$ (GitHub draws those as mathematics too), or, if it is only shown as code, in a ```text block"
)
_UNCLOSED = (
    "this {mark} block is never closed, so Markdown shows the rest of the file as code and its displays are not "
    "read; close it with a line of {mark} where the code ends"
)


@dataclass(frozen=True)
class Fence:
    """A fenced code block: its language (the info string's first word), its opening line and its mark (0-based)."""

    language: str
    first: int
    end: int  # past its last line: the closing fence, or the last line of the file or of its blockquote
    closed: bool  # by a fence or its blockquote's end; not closed, it runs to the end of the file
    mark: str
    col: int  # 1-based, of the mark on the opening line
    fenced: bool = False  # its last line is a closing fence

    def body(self, lines: list[str]) -> str:
        """The lines between the fences, blockquote marks left out."""
        inside = lines[self.first + 1 : self.end - 1 if self.fenced else self.end]
        return "\n".join(_QUOTE.sub("", line) for line in inside)


def _language(info: str) -> str:
    words = info.strip().split()
    return words[0].strip("{}.").lower() if words else ""


def _closes(line: str, opening: Fence) -> bool:
    m = _FENCE.match(line)
    return bool(m and m["mark"][0] == opening.mark[0] and len(m["mark"]) >= len(opening.mark) and not m["info"].strip())


def _comment_end(lines: list[str], i: int, start: int) -> int:
    """The line after the one that closes the HTML comment opened on line i (at start), or the end of the file."""
    while i < len(lines) and "-->" not in lines[i][start:]:
        i, start = i + 1, 0
    return i + 1


def blocks(lines: list[str]) -> list[Fence]:
    """The fenced code blocks of a Markdown file's lines, in order."""
    found: list[Fence] = []
    i = 0
    while i < len(lines):
        if (c := _COMMENT.match(lines[i])) is not None:  # a fence in an HTML comment is hidden with it
            i = _comment_end(lines, i, c.end())
            continue
        m = _FENCE.match(lines[i])
        if m is None or (m["mark"][0] == "`" and "`" in m["info"]):
            i += 1
            continue
        opening = Fence(_language(m["info"]), i, len(lines), False, m["mark"], m.start("mark") + 1)
        quoted = ">" in m["quote"]
        j = i + 1
        while j < len(lines) and not _closes(lines[j], opening):
            if quoted and not lines[j].lstrip().startswith(">"):  # the blockquote ends, and the block with it
                break
            j += 1
        fenced = j < len(lines) and _closes(lines[j], opening)
        end = j + 1 if fenced else j
        found.append(Fence(opening.language, i, end, j < len(lines), opening.mark, opening.col, fenced))
        i = end
    return found


def unread_math_blocks(path: str, lines: list[str]) -> list[LatexError]:
    """An error at the opening line of each fenced math block that holds a relation, and of each block never closed
    that hides a display."""
    errors: list[LatexError] = []
    for fence in blocks(lines):
        body = fence.body(lines)
        where = Origin(path, fence.first + 1, fence.col)
        if fence.language in MATH_LANGUAGES and _RELATION.search(body):
            errors.append(LatexError(where, _UNREAD.format(fence=fence.mark + fence.language)))
        if not fence.closed and _DISPLAY.search(body):
            errors.append(LatexError(where, _UNCLOSED.format(mark=fence.mark)))
    return errors


_OPENS_QUOTED = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?=>)")


def unquoted(text: str, displays: list[tuple[int, int]]) -> str:
    """text with the > marks blanked on the lines of each display that opens in a blockquote (offsets kept):
    Markdown shows `> $$ x^2 + 1` over `> 0 $$` as one display, x² + 1 0, and the reader took the second line's
    mark for a relation (x² + 1 > 0, PROVED); so too where the display opens after words on the quoted line
    (`> so $$ x^2 + 1`) or in a blockquote in a list item (`- > $$ x^2 + 1` over `  > 0 $$`), the line's marks
    indented as deep as its first. A display that opens outside a blockquote keeps its lines as written."""
    for start, end in displays:
        line = text.rfind("\n", 0, start) + 1
        if (opening := _OPENS_QUOTED.match(text, line, start)) is None:
            continue
        marks = re.compile(rf"\n[ ]{{0,{opening.end() - line + 3}}}(?:>[ ]?)+")
        inside = marks.sub(lambda m: re.sub(">", " ", m.group()), text[start:end])
        text = text[:start] + inside + text[end:]
    return text
