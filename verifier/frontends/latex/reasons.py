"""A display's reason, the words from its first \\text{…} on, checked before the math is read.

A reason is shown back, never checked. So a reason that says something the line would need, or that
goes on with another statement, is refused, with what to write instead:

- a condition, `\\text{for } x \\ge 0` or `\\text{(} x \\neq 1 \\text{)}`: the line is checked on the whole
  declared domain, so the condition would be shown but not used. Its words: for, if, when, whenever, where,
  wherever, provided, assuming, assume, suppose, supposing, given, on, unless, except, in case, as long as, so
  long as, each also after only, valid, true, defined or holds (`\\text{valid for } x > 0`, `\\text{which holds
  if } x \\ne 0`), then a relation; with and let, then an inequality (`\\text{with } x > 0`: `\\text{with } S =
  …` names S);
- a conjunction and a further relation, `x^2 = 1 \\text{ and } x^3 = -1`: the second statement would be
  cut off as a reason and never checked.

A justification stays, relations included: `\\text{since } \\tanh t = 2\\sigma(2t) - 1`, `\\text{(\\log u)' = u'/u}`,
`\\text{as } x^2 \\ge 0`, `\\text{because } …`.
"""

from __future__ import annotations

import re

from verifier.frontends.latex import macros
from verifier.frontends.latex.errors import LatexError, Origin

_TAG = re.compile(r"\\(?:tag|label)\s*\{[^{}]*\}|\\no(?:number|tag)(?![A-Za-z])")
_REASON = re.compile(r"\\(?:text|mbox|textrm)\s*\{")

# a condition: its words, after "it holds", "which is true", "valid", "only" (only for, valid when, which holds if)
_CONDITION = re.compile(
    r"^\W*(?:(?:it|this|which|that)\s+)?(?:(?:only|valid|true|defined|holds?|is\s+(?:valid|true|defined))\s+)?"
    r"(?:for|if|when|whenever|where|wherever|provided|assuming|assume|supposing|suppose|given|on|unless|except"
    r"|in\s+case|as\s+long\s+as|so\s+long\s+as)\b(.*)$",
    re.IGNORECASE,
)
_NARROWING = re.compile(r"^\W*(?:with|let)\b(.*)$", re.IGNORECASE)  # with x > 0; `with S = …` defines S: a reason
_RELATION = re.compile(r"\\(?:geq?|leq?|neq?|gt|lt|in|notin)(?![a-zA-Z])|[<>=≥≤≠∈]")
_INEQUALITY = re.compile(r"\\(?:geq?|leq?|neq?|gt|lt|in|notin)(?![a-zA-Z])|[<>≥≤≠∈]|!=")
_STATEMENT = re.compile(
    r"^\W*(and|or|nor|but|so|hence|thus|therefore|then|also|i\.?e\.?|that is|iff|implies)(?![a-zA-Z])(.*)$",
    re.IGNORECASE,
)
_ARROW = re.compile(r"\\(?:Rightarrow|Leftarrow|Leftrightarrow|implies|impliedby|iff|approx|equiv|sim)(?![a-zA-Z])")
_WORD = re.compile(r"(?<![\\a-zA-Z])[a-zA-Z]{2,}")
_COMMAND = re.compile(r"\\[a-zA-Z]+(?:\{[^{}]*\})?")


def untagged(text: str) -> str:
    """text with its \\tag{…}, \\label{…} and \\nonumber blanked (offsets stay valid)."""
    return _TAG.sub(lambda m: " " * len(m.group(0)), text)


def start(text: str) -> int | None:
    """Where a row's reason starts: at its first \\text{…} that names no operator, is no case's words and no
    script (x_{\\text{max}} is refused as math, never taken for a reason)."""
    text = untagged(text)
    found = (
        r
        for r in _REASON.finditer(text)
        if not _is_operator(text, r.end()) and not _in_cases(text, r.start()) and not _SCRIPT.search(text[: r.start()])
    )
    m = next(found, None)
    return None if m is None else m.start()


_SCRIPT = re.compile(r"[_^]\s*\{?\s*$")
_SPACES = re.compile(r"(?:\s|~|\\[,;:! ]|\\q?quad(?![a-zA-Z]))*")
_OPERATION = re.compile(r"[+*/]|\\(?:cdot|times|div)(?![a-zA-Z])")
_NO_MATH = re.compile(r"$|[.,;)\]}]|\\(?:text|textrm|mbox|hspace|tag|label|nonumber|notag)(?![a-zA-Z])")
_SPACES_AT_END = re.compile(r"(?:\s|~|\\[,;:! ]|\\q?quad(?![a-zA-Z]))*$")
_ANNOUNCED = re.compile(r"\S[\s:(]+$")  # words that lead into math ("since ", "expand:"); a blank \text{ } does not


def no_math_after(text: str, origin: Origin) -> None:
    """A LatexError if the row's reason, \\text{…}, is followed by math that would be read as words of the reason
    and never checked: an operation (`\\text{trivially} + 1`), or a term after words that do not lead into it
    (`\\text{trivially} - 1`, `\\text{by X} x`). Let through: words that end with a space, a colon or a comma
    (`\\text{since } -x \\le |x|`, `\\text{expand: } -t \\log p`), words that name a known function
    (`\\text{erf}'(u) = …`). A relation right after words that do not lead into it is refused like any term:
    `a = b \\text{(by X)} = c` would read the step to c as words (write `\\text{a square is } \\ge 0`)."""
    text = untagged(text)
    at = start(text)
    if at is None:
        return
    end = _closing(text, text.index("{", at))
    after = _SPACES.match(text, end + 1).end()  # type: ignore[union-attr]  # the pattern matches the empty string
    reason, where = text[at : end + 1].strip(), origin.shifted(at, text)
    operation = _OPERATION.match(text, after) is not None
    words = text[text.index("{", at) + 1 : end]
    # a relation right after the words is refused too: a = b \\text{(by X)} = c would drop the step to c
    if not operation and (_NO_MATH.match(text, after) or _ANNOUNCED.search(words) or _named(words)):
        return
    math = " ".join(text[after:].split("\\text")[0].split())
    row = " ".join(f"{_SPACES_AT_END.sub('', text[:at])} {math} \\quad {reason}".split())
    raise LatexError(
        where,
        f"math after a reason: '{reason}' is followed by '{math}', which would be taken for words of the reason and "
        f"never checked; put the reason at the end of the line{', ' + row if len(row) <= 80 else ''}, "
        + (
            "or the whole remark inside \\text{…}"
            if operation
            else "or end its words with a colon if the math justifies the step (\\text{expand: } -t \\log p)"
        ),
    )


def _closing(text: str, opened: int) -> int:
    """The offset of the brace that closes the one at `opened` (the end of the text if none does)."""
    depth = 0
    for i in range(opened, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0) if text[i - 1] != "\\" else 0
        if depth == 0:
            return i
    return len(text)


def _named(words: str) -> bool:
    """\\text{erf}'(u) = …: the words name a known function, whose math goes on after them."""
    return words.strip() in macros.TEXT_OPERATORS


def _is_operator(text: str, at: int) -> bool:
    """\\text{tr}(A): the \\text whose braces open at `at` names a known operator applied to what follows."""
    m = re.match(r"\s*([A-Za-z]+)\s*\}\s*(?:\\left\s*)?[(\[]", text[at:])
    return m is not None and m.group(1) in macros.TEXT_OPERATORS


def _in_cases(text: str, at: int) -> bool:
    """The \\text at `at` is inside a cases environment (\\text{otherwise}, \\text{if}), not a reason."""
    before = text[:at]
    opened = before.count("\\begin{cases}") + before.count("\\begin{dcases}")
    return opened > before.count("\\end{cases}") + before.count("\\end{dcases}")


def check(reason: str, origin: Origin) -> None:
    """A LatexError if the reason states a condition or another statement; nothing for a justification."""
    m, narrowing = _CONDITION.match(reason), _NARROWING.match(reason)
    if (
        (m is not None and _RELATION.search(m.group(1)))
        or (narrowing is not None and _INEQUALITY.search(narrowing.group(1)))
        or _bare_condition(reason)
    ):
        raise LatexError(
            origin,
            f"the condition '{reason}' in \\text is not used: a line is checked on the whole declared domain; "
            "declare the domain instead (x: nonnegative, x: (0, 1)) and drop the condition",
        )
    m = _STATEMENT.match(reason)
    if m is not None and (_RELATION.search(m.group(2)) or _ARROW.search(m.group(2))):
        raise LatexError(
            origin,
            f"'{reason}' goes on with another relation after \\text, which would be taken for a reason and never "
            "checked; write one statement per display (each is checked), and a reason only to justify a step; "
            "a disjunction ('or') of relations is not read",
        )


def _bare_condition(reason: str) -> bool:
    """(x \\neq 1), x > 0: an inequality with no words around it, in \\text or between \\text{(} and \\text{)}."""
    math = _COMMAND.sub(" ", reason)
    return _INEQUALITY.search(reason) is not None and _WORD.search(math) is None
