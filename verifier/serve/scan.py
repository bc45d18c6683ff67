"""A light look at a pasted derivation before any worker reads it: its displays, declaration lines and tokens.

This is not a LaTeX reader (that is `verifier.frontends.latex`, run in a worker, with every gate). It only
finds what the bounds of `verifier.serve.limits` measure: how deep the brackets nest, which numbers
and exponents there are, how many displays and relations, which sizes are declared. It runs in the
server process on untrusted text, so it is linear in the text and never evaluates anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_DISPLAY = re.compile(r"\$\$(.*?)\$\$|\\\[(.*?)\\\]", re.DOTALL)
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\d+(?:\.\d+)?|[A-Za-z]|\S")
OPENERS, CLOSERS = "{([", "})]"
RELATIONS = frozenset(
    {"=", "<", ">", r"\le", r"\leq", r"\ge", r"\geq", r"\leqslant", r"\geqslant", r"\Rightarrow",
     r"\Longrightarrow", r"\implies", r"\iff", r"\Leftrightarrow", r"\Longleftrightarrow"}
)  # fmt: skip
BIG_OPERATORS = frozenset({r"\sum", r"\prod", r"\int"})  # their ^ is a bound, not a power
_NUMERIC_COMMANDS = frozenset({r"\cdot", r"\times", r"\frac", r"\dfrac", r"\tfrac", r"\left", r"\right"})


@dataclass(frozen=True)
class Segment:
    """A display's math or a declaration line, and the offset in the whole text where it starts."""

    offset: int
    text: str
    kind: str  # "display" or "declaration"


@dataclass(frozen=True)
class Token:
    value: str
    offset: int  # in the whole text


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of text[offset]."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def displays(text: str) -> list[Segment]:
    """The math of every $$ … $$ or \\[ … \\] display."""
    out = []
    for m in _DISPLAY.finditer(text):
        group = 1 if m.group(1) is not None else 2
        out.append(Segment(m.start(group), m.group(group), "display"))
    return out


def declaration_lines(text: str) -> list[Segment]:
    """The lines of a ```verifier block, and every %-comment line (a TeX file's declarations are there)."""
    out: list[Segment] = []
    fenced = False
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced and stripped[3:].strip().lower() == "verifier"
        elif fenced or stripped.startswith("%"):
            out.append(Segment(offset, line, "declaration"))
        offset += len(line) + 1
    return out


def tokens(segment: Segment) -> list[Token]:
    return [Token(m.group(0), segment.offset + m.start()) for m in _TOKEN.finditer(segment.text)]


def too_deep(segment: Segment, limit: int) -> int | None:
    """The offset of the first bracket that opens a level deeper than limit, or None."""
    depth = 0
    for i, ch in enumerate(segment.text):
        if ch in OPENERS:
            depth += 1
            if depth > limit:
                return segment.offset + i
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
    return None


def top_level_relations(segment: Segment) -> Iterator[Token]:
    """The relations of a display outside any braces (the = of \\sum_{i=1} is not one)."""
    depth = 0
    for tok in tokens(segment):
        if tok.value in OPENERS:
            depth += 1
        elif tok.value in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and tok.value in RELATIONS:
            yield tok


def _matching(toks: list[Token], at: int, step: int) -> int:
    """The index of the bracket that matches the one at `at`: forward from an opener (step 1), back from a
    closer (step -1); the far end of the tokens if it is never matched."""
    opens, closes = (OPENERS, CLOSERS) if step == 1 else (CLOSERS, OPENERS)
    depth = 0
    i = at
    while 0 <= i < len(toks):
        if toks[i].value in opens:
            depth += 1
        elif toks[i].value in closes:
            depth -= 1
            if depth == 0:
                return i
        i += step
    return len(toks) - 1 if step == 1 else 0


@dataclass(frozen=True)
class Power:
    """One ^: its base and its exponent, each as tokens, and where the ^ is."""

    caret: Token
    base: list[Token]
    exponent: list[Token]
    bound: bool  # the ^ of \sum_{…}^{…}: an upper bound

    def numeric_base(self) -> bool:
        return bool(self.base) and is_numeric(self.base)

    def bare_exponent(self) -> int | None:
        """The exponent's value if it is one integer, x^{12} or x^2."""
        inner = [t for t in self.exponent if t.value not in "{}"]
        return int(inner[0].value) if len(inner) == 1 and inner[0].value.isdigit() else None


def is_numeric(toks: list[Token]) -> bool:
    """Numbers and operators only: no letter, no function (so its value is computed when it is read)."""
    return not any(t.value.isalpha() or (t.value.startswith("\\") and t.value not in _NUMERIC_COMMANDS) for t in toks)


def powers(segment: Segment) -> Iterator[Power]:
    toks = tokens(segment)
    for i, tok in enumerate(toks):
        if tok.value != "^" or i + 1 >= len(toks):
            continue
        nxt = i + 1
        exponent = toks[nxt : _matching(toks, nxt, 1) + 1] if toks[nxt].value in OPENERS else [toks[nxt]]
        start = _matching(toks, i - 1, -1) if i > 0 and toks[i - 1].value in CLOSERS else i - 1
        if start > 0 and toks[start - 1].value == "_":  # x_{i}^{2}, \sum_{i=1}^{k}: the base is before the _
            start = start - 2
        base = toks[max(start, 0) : i] if i > 0 else []
        bound = bool(base) and base[0].value in BIG_OPERATORS
        yield Power(tok, base, exponent, bound)


def numbers(segment: Segment) -> Iterator[Token]:
    return (t for t in tokens(segment) if t.value[0].isdigit())
