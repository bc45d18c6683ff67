"""Characters and spellings a student pastes that the grammar does not read: what each one means, or what to write.

Read as LaTeX reads them:

- a `%` comment, at the start of a line or after a space, runs to the end of the line and is dropped
  (`x^2 = x \\cdot x % expand`); `\\%` is no comment;
- `x^\\prime`, `x^{\\prime\\prime}` are `x'`, `x''`, as TeX prints them.

Refused, each with what to write instead (a guess would be a silent misreading):

- `p\\%` (a percent): `\\frac{p}{100}`; a `%` right after math (`50%`) would start a comment that drops the
  rest of the line, so it is refused too;
- `\\max\\{x, y\\}` (braces as brackets): `\\max(x, y)`;
- `\\|x\\|_\\infty` (the max norm): `\\max_i |x_i|`;
- `x_{\\text{max}}` (a word as a subscript): a letter, `x_m`;
- a character typed outside LaTeX (`−`, `×`, `²`): its LaTeX, never "remove it" (removing − from x − y leaves
  the product x y).
"""

from __future__ import annotations

import re
import unicodedata

from verifier.frontends.latex.errors import LatexError, Origin

TYPED = {"−": "-", "–": "-", "×": "\\times (or \\cdot)", "·": "\\cdot", "⋅": "\\cdot", "÷": "/", "²": "^2", "³": "^3",
         "√": "\\sqrt{…}", "≤": "\\le", "≥": "\\ge", "≠": "\\ne", "∑": "\\sum", "∏": "\\prod", "∂": "\\partial",
         "∇": "\\nabla", "∞": "\\infty", "ᵀ": "^\\top", "⊤": "^\\top", "‖": "\\|", "’": "'", "′": "'", "¹": "^1",
         "₁": "_1", "⩽": "\\le", "⩾": "\\ge", "∗": "*", "—": "-", "‒": "-", "µ": "\\mu", "∈": "\\in",
         "＝": "="}  # fmt: skip
NOT_TYPED = {"!": "factorials are not read in a chain; write the number",
             ".": "a full stop ends a display once, and a number starts with a digit (0.5, not .5)",
             "\u200b": "an invisible zero-width space: delete it", "…": "write \\dots",
             "≈": "no step the verifier checks; write = for an identity, or \\le for a bound"}  # fmt: skip

_COMMENT = re.compile(r"(?:^|(?<=\s))%[^\n]*")
_PRIME = re.compile(r"\^\s*(?:\\prime(?![a-zA-Z])|\{\s*((?:\\prime(?![a-zA-Z])\s*)+)\})(?!\s*\^)")
_OPERAND = re.compile(r"(\d+(?:\.\d+)?|\\?[a-zA-Z]+(?:_(?:\{[^{}]*\}|\w))?|\{[^{}]*\}|\([^()]*\))\s*$")
_INFINITY_NORM = re.compile(r"\\\|((?:(?!\\\|).)*?)\\\|\s*_\s*(?:\\infty|\{\s*\\infty\s*\})", re.DOTALL)
_SCRIPT_WORD = re.compile(
    r"(\\?[a-zA-Z]+(?:\{[^{}]*\})?)?\s*([_^])\s*(\{\s*)?\\(?:text|textrm|textit|mbox|mathrm|mathit|operatorname)"
    r"\s*\{\s*([a-zA-Z][a-zA-Z ]+)\}(?(3)\s*\})"
)


def uncommented(text: str) -> str:
    """text with its `%` comments blanked (offsets stay valid): a `%` at a line's start or after a space, to the
    end of the line. A `%` right after math (50%, p%) is left for the reader to refuse: a percent, most likely."""
    return _COMMENT.sub(lambda m: " " * len(m.group(0)), text)


def primed(text: str) -> str:
    """x^\\prime as x' (and x^{\\prime\\prime} as x''), offsets kept; not before another ^ (a double superscript)."""

    def prime(m: re.Match[str]) -> str:
        count = m.group(1).count("\\prime") if m.group(1) else 1
        return ("'" * count).ljust(len(m.group(0)))

    return _PRIME.sub(prime, text)


def checked(text: str, origin: Origin) -> str:
    """text with its primes read, after a LatexError for the first spelling the grammar would misread or misname."""
    m = _INFINITY_NORM.search(text)
    if m is not None:
        inner = m.group(1).strip()
        entry = f"{inner}_i" if re.fullmatch(r"\\?[a-zA-Z]+", inner) else "x_i"
        raise LatexError(
            origin.shifted(m.start(), text),
            f"{' '.join(m.group(0).split())} (the max norm) is not read; write \\max_i |{entry}| for a vector",
        )
    m = _SCRIPT_WORD.search(text)
    if m is not None:
        base, script, word = (m.group(1) or "x").strip(), m.group(2), m.group(4).strip()
        instead = f"{base}{script}{word[0]} (declare it: {base}{script}{word[0]}: real)"
        if base in ("\\sum", "\\prod", "\\max", "\\min"):
            instead = f"its index, {base}_i or {base}_{{i=1}}^{{k}}"
        raise LatexError(
            origin.shifted(m.start(), text),
            f"{' '.join(m.group(0).split())}: a word as a {'subscript' if script == '_' else 'superscript'} is "
            f"not read; write {instead}",
        )
    return primed(text)


def unexpected(text: str, at: int) -> str:
    """The message for the character at text[at] that the lexer does not read."""
    char = text[at]
    if char == "\\" and at + 1 < len(text):
        return _escaped(text, at)
    if char == "%":
        operand = _operand(text[:at])
        return (
            f"'{operand}%': a % right after math starts a LaTeX comment, which drops the rest of the line; for a "
            f"percent write \\frac{{{_bare(operand)}}}{{100}}; for a comment put a space before the %"
        )
    return f"unexpected character {char!r}; {typed_character(char)}"


_SIZE_BEFORE = re.compile(r"\\(?:left|[bB]igg?l?)\s*$")
_SIZE = re.compile(r"\\(?:left|right|[bB]igg?[lr]?)\s*(?=\\[{}])")


def _escaped(text: str, at: int) -> str:
    """The message for \\%, \\{, \\} or another escaped character."""
    char = text[at + 1]
    if char == "%":
        operand = _operand(text[:at]) or "p"
        return f"{operand}\\% (a percent) is not read; write \\frac{{{_bare(operand)}}}{{100}}"
    if char in "{}":
        close = text.find("\\}", at) if char == "{" else -1
        sized = _SIZE_BEFORE.search(text[:at])  # \\left\\{: the size goes with the brace
        before = text[: sized.start()] if sized is not None else text[:at]
        fn = re.search(r"\\(max|min)\s*$", before)
        start = fn.start() if fn is not None and close >= 0 else len(before)
        written = _SIZE.sub("", text[start : close + 2]) if close >= 0 else f"\\{char}"
        instead = written.replace("\\{", "(").replace("\\}", ")") if close >= 0 else "( … )"
        return (
            f"{' '.join(written.split())}: braces \\{{ \\}} are not read as brackets in a line; write "
            f"{' '.join(instead.split())}"
        )
    return f"\\{char} is not read in math; write the math it stands for"


def _operand(before: str) -> str:
    m = _OPERAND.search(before)
    return "" if m is None else m.group(1)


def _bare(operand: str) -> str:
    """The operand without the braces around it: {p} is p (\\frac{p}{100}, not \\frac{{p}}{100})."""
    return operand[1:-1] if operand.startswith("{") else operand or "p"


def typed_character(char: str) -> str:
    """What to write for a character the reader does not read: its LaTeX, never just "remove it" (removing − from
    x − y leaves the product x y)."""
    name = unicodedata.name(char, "").lower()
    if char in TYPED:
        return f"write {TYPED[char]} instead"
    if char in NOT_TYPED:
        return NOT_TYPED[char]
    if name.startswith("greek"):
        letter = {"lamda": "lambda"}.get(name.split()[-1], name.split()[-1])  # Unicode spells it lamda
        return f"write \\{letter.capitalize() if 'capital' in name else letter} instead"
    return "write it as LaTeX math"
