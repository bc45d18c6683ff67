"""Slips found in the student's own LaTeX: one edit of the line as written (issue 41).

Some slips leave no trace in the line's value at a size n (a sum's bound, a transposed matrix
symbol, two swapped indices are read into explicit entries), and any repair reads best as the
student's line itself. So these edits work on the written LaTeX:

- sign, term: flip the sign of one top-level term, or drop one; flip one + or − inside brackets,
  drop a minus that opens a bracket, or put a minus in front of an exponent;
- transpose: add ^T to one capital letter (a matrix), or remove one ^T / ^\\top / ^{T};
- index: reverse one two-letter subscript (A_{ij} for A_{ji}), or write one single-letter
  subscript with the line's other index letter (y_j for y_i);
- bound: a \\sum's or \\prod's upper or lower bound shifted by one.

Each edit is only a proposal: the reader reads the edited line again (through the family's
`reread`) and the diagnosis verifies it at every size, as it verifies any candidate. The edited
part is marked: \\underline{…} in LaTeX, «…» in text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_EDITS = 40
_TRANSPOSED = re.compile(r"\^\s*(?:\{\s*(?:T|\\top|\\intercal|\\mathsf\{T\})\s*\}|T(?![A-Za-z])|\\top|\\intercal)")
_CAPITAL = re.compile(r"(?<![\\A-Za-z])([A-Z])(?![A-Za-z_^'])")
_SUBSCRIPT = re.compile(r"_\s*(?:\{\s*([a-z])\s*,?\s*([a-z])?\s*\}|([a-z]))")
_BOUNDS = re.compile(
    r"\\(?:sum|prod)\s*_\s*\{\s*([a-z])\s*=\s*([^{}]+?)\s*\}\s*\^\s*(?:\{\s*([^{}]+?)\s*\}|([A-Za-z0-9]))"
)


@dataclass(frozen=True)
class LineEdit:
    """The line as written with one edit: the new LaTeX, the kind of slip, the edit in words, and the marks."""

    written: str
    kind: str
    edit: str
    marked_latex: str
    marked_text: str


def _edit(line: str, start: int, end: int, new: str, kind: str, edit: str, shown: str | None = None) -> LineEdit:
    """The line with line[start:end] replaced by new; `shown` (default: new) is the part marked."""
    shown = new if shown is None else shown
    inner = new.replace(shown, f"\\underline{{{shown}}}", 1) if shown in new else f"\\underline{{{new}}}"
    text = new.replace(shown, f"«{shown}»", 1) if shown in new else f"«{new}»"
    return LineEdit(line[:start] + new + line[end:], kind, edit, line[:start] + inner + line[end:],
                    line[:start] + text + line[end:])  # fmt: skip


def transposes(line: str) -> Iterator[LineEdit]:
    """Remove one transpose; add one to a capital letter without one."""
    for m in _TRANSPOSED.finditer(line):
        before = line[: m.start()].rstrip()
        start = operand_start(before)
        name = before[start:]
        yield LineEdit(
            line[: m.start()] + line[m.end() :], "transpose", f"{name} for {name}ᵀ",
            before[:start] + f"\\underline{{{name}}}" + line[m.end() :], before[:start] + f"«{name}»" + line[m.end() :],
        )  # fmt: skip
    inside = [m.span() for m in _TRANSPOSED.finditer(line)]
    for m in _CAPITAL.finditer(line):
        rest = line[m.end() :].lstrip()
        if rest.startswith("^") or any(a <= m.start() < b for a, b in inside):
            continue
        name = m.group(1)
        yield _edit(line, m.start(), m.end(), f"{name}^T", "transpose", f"{name}ᵀ for {name}", f"{name}^T")


def operand_start(before: str) -> int:
    """Where the operand of a script at the end of `before` starts: (A B), \\mathbf{A}, x_i, A_{ij}, \\Sigma, A."""
    start = _atom_start(before, len(before))
    if start > 0 and before[start - 1] == "_":  # a subscript: its base with it
        start = _atom_start(before, start - 1)
    return start


def _atom_start(s: str, end: int) -> int:
    """The start of the atom ending at s[end - 1]: a bracketed group (with \\left, or a command before braces),
    a command (\\Sigma), or one character."""
    if end == 0:
        return 0
    close = s[end - 1]
    if close in ")]}":
        opening, depth = {")": "(", "]": "[", "}": "{"}[close], 0
        for j in range(end - 1, -1, -1):
            depth += (s[j] == close) - (s[j] == opening)
            if depth == 0:
                lead = re.search(r"\\[A-Za-z]+\s*$", s[:j])  # \mathbf{…}, \hat{…}, \left(…\right)
                keep = lead is not None and (close == "}" or lead.group().strip() == "\\left")
                return lead.start() if lead is not None and keep else j
        return end - 1
    command = re.search(r"\\[A-Za-z]+$", s[:end])
    return command.start() if command and close.isalpha() else end - 1


def index_letters(line: str) -> list[str]:
    """The letters of the line's subscripts (i, j in J_{ij} or \\hat{y}_i \\hat{y}_j), sorted."""
    return sorted({x for m in _SUBSCRIPT.finditer(line) for x in m.groups() if x})


def index_swaps(line: str) -> Iterator[LineEdit]:
    """Reverse one two-letter subscript; change one single-letter subscript to the line's other index."""
    letters = index_letters(line)
    for m in _SUBSCRIPT.finditer(line):
        if line[: m.start()].rstrip().endswith(("\\sum", "\\prod")):
            continue  # a bound variable, not an index
        first, second, single = m.groups()
        if first and second and first != second:
            swapped = f"_{{{second}{first}}}"
            edit = f"swap the indices: {swapped} for _{{{first}{second}}}"
            yield _edit(line, m.start(), m.end(), swapped, "index", edit, f"{second}{first}")
            continue
        own = single or (first if not second else None)
        for other in letters if own else ():
            if other != own:
                yield _edit(line, m.start(), m.end(), f"_{{{other}}}", "index", f"the index {other} for {own}", other)


def _shifted(bound: str, by: int) -> str:
    bound = bound.strip()
    if re.fullmatch(r"-?\d+", bound):
        return str(int(bound) + by)
    m = re.fullmatch(r"(.+?)\s*([+-])\s*(\d+)", bound)
    if m is not None:
        value = (1 if m.group(2) == "+" else -1) * int(m.group(3)) + by
        return m.group(1) if value == 0 else f"{m.group(1)}{'+' if value > 0 else '-'}{abs(value)}"
    return f"{bound}{'+' if by > 0 else '-'}{abs(by)}"


def bound_shifts(line: str) -> Iterator[LineEdit]:
    """Shift one sum's or product's upper bound, then its lower bound, by one either way."""
    for m in _BOUNDS.finditer(line):
        upper_at = 3 if m.group(3) is not None else 4
        for by in (-1, 1):
            new = _shifted(m.group(upper_at), by)
            s, e = m.span(upper_at)
            yield _edit(line, s - (1 if upper_at == 3 else 0), e + (1 if upper_at == 3 else 0), f"{{{new}}}", "bound",
                        f"the upper bound {new} for {m.group(upper_at).strip()}", new)  # fmt: skip
        for by in (-1, 1):
            new = _shifted(m.group(2), by)
            s, e = m.span(2)
            yield _edit(line, s, e, new, "bound", f"the lower bound {new} for {m.group(2).strip()}")


def term_spans(line: str) -> list[tuple[int, int]]:
    """The spans of the line's top-level terms, each from its + or − (if any) to its end."""
    depth, starts = 0, [0]
    for i, ch in enumerate(line):
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif ch in "+-" and depth == 0 and line[:i].strip():
            before = line[:i].rstrip()
            if before[-1] not in "^_=,+-*/" and not re.search(r"\\(?:cdot|times|left|right)$", before):
                starts.append(i)
    spans = [(a, a + len(line[a:b].rstrip())) for a, b in zip(starts, [*starts[1:], len(line)], strict=True)]
    return [(a, b) for a, b in spans if b > a]


def term_edits(line: str) -> Iterator[LineEdit]:
    """Flip the sign of one top-level term; drop one (the line's other terms kept as written)."""
    spans = term_spans(line)
    for k, (a, b) in enumerate(spans):
        term = line[a:b].strip()
        sign, body = (term[0], term[1:].strip()) if term[0] in "+-" else ("", term)
        flipped = ("+ " if k else "") + body if sign == "-" else f"- {body}"
        yield _edit(line, a, b, flipped, "sign", f"flip the sign of the term {body}")
        if len(spans) > 1:
            rest = " ".join((line[:a] + line[b:] if k else line[b:].lstrip().removeprefix("+")).split())
            yield LineEdit(rest, "term", f"drop the term {body}", rest, rest)


def inner_signs(line: str) -> Iterator[LineEdit]:
    """Flip one + or − inside brackets (σ(1 + σ) for σ(1 − σ)); drop a minus that opens a bracket (σ(−z));
    put a minus in front of an exponent, or take it away (e^{t} for e^{−t})."""
    top = {a for a, _ in term_spans(line) if line[a] in "+-"}
    for i, ch in enumerate(line):
        if ch not in "+-" or i in top or not line[:i].strip():
            continue
        before = line[:i].rstrip()
        if before[-1] in "({[" and ch == "-":
            rest = line[:i] + line[i + 1 :]
            yield LineEdit(rest, "sign", "drop the minus sign", rest, rest)
        elif before[-1] not in "({[^_=,+-*/" and not re.search(r"\\(?:cdot|times|left|right)$", before):
            flipped = "-" if ch == "+" else "+"
            yield _edit(line, i, i + 1, flipped, "sign", f"{flipped} for {ch} inside the brackets")
    for m in re.finditer(r"\^\s*\{\s*(?!-)", line):
        yield _edit(line, m.end(), m.end(), "-", "sign", "a minus sign in the exponent")


def edits(line: str) -> list[LineEdit]:
    """Every edit of the catalogue for this line, terms first, at most MAX_EDITS."""
    found = [*term_edits(line), *inner_signs(line), *bound_shifts(line), *index_swaps(line), *transposes(line)]
    return [e for e in found if e.written != line][:MAX_EDITS]
