"""Sets a declaration may name: `x \\in \\mathbb{R}^k`, `X \\in \\mathbb{R}^{(k+1) \\times k}`, `\\beta \\in (0, 1)`,
`y \\in [0, 1]^k`, `y \\in \\{0, 1\\}^k`, `p \\in \\Delta^{k-1}`, `\\Sigma \\in \\mathbb{S}^k_{++}`, `\\mathbb{R}_{>0}`.

Each becomes a shape (canonical size texts, see :mod:`verifier.frontends.latex.shapes`) and a domain
word of :data:`verifier.frontends.latex.scope.DOMAINS`, or an interval "(lo,hi]" with exact rational
endpoints, which :func:`interval_bounds` reads back. An interval is the engine's own
`Interval` domain, so a counterexample is shown to lie in it in exact arithmetic. Endpoints
are whole numbers or binary fractions (0.5, \\frac{1}{4}), which a float holds exactly; an
infinite end makes the set ℝ, ℝ₊ or ℝ≥0 (a one-sided bound such as (1, ∞) is refused).
"""

from __future__ import annotations

import re
from fractions import Fraction

from verifier.frontends.latex.shapes import parse_size

_INTERVAL = re.compile(r"([(\[])\s*([^,]+?)\s*,\s*([^,]+?)\s*([)\]])$")
_FRAC = re.compile(r"(-?)\s*\\[dt]?frac\s*\{\s*(\d+)\s*\}\s*\{\s*(\d+)\s*\}$")
_NUMBER = re.compile(r"-?\s*\d+(?:\.\d+)?$")
_INFINITY = re.compile(r"([+-]?)\s*\\infty$")
_POWER = re.compile(r"\s*\^\s*(?:\{(.+)\}|(\w))\s*$")
_REALS = re.compile(r"\\mathbb\s*\{\s*R\s*\}\s*(?:_\s*(\{[^{}]*\}|\+))?")
_SYMMETRIC = re.compile(r"\\mathbb\s*\{\s*S\s*\}\s*\^\s*(\{[^{}]+\}|\w)\s*(?:_\s*(\{\s*\+\+?\s*\}|\+))?$")
_BINARY = re.compile(r"\\\{\s*0\s*,\s*1\s*\\\}")
_SIMPLEX = re.compile(r"\\Delta\s*(?:\^\s*(\{[^{}]+\}|\w)|_\s*(\{[^{}]+\}|\w))$")
_ORDERED = {"\\ge": ">=", "\\geq": ">=", ">": ">", "\\geqslant": ">="}
NOT_A_SET = (
    "write \\mathbb{R}, \\mathbb{R}^k, \\mathbb{R}^{k \\times k}, \\mathbb{R}_{>0}, an interval such as (0, 1) or "
    "[0, 1]^k, \\{0, 1\\}^k, \\Delta^{k-1} (the simplex) or \\mathbb{S}^k_{++}"
)


def endpoint(raw: str) -> Fraction | str:
    """An endpoint as an exact number, or "-inf"/"+inf"; ValueError with what to write otherwise."""
    text = raw.strip()
    if m := _INFINITY.match(text):
        return "-inf" if m.group(1) == "-" else "+inf"
    if m := _FRAC.match(text):
        value = Fraction(int(m.group(2)), int(m.group(3))) * (-1 if m.group(1) else 1)
    elif _NUMBER.match(text):
        value = Fraction(text.replace(" ", ""))
    else:
        raise ValueError(f"the endpoint {text} is not a number; write a number, \\frac{{1}}{{2}} or \\infty")
    if Fraction(float(value)) != value:
        raise ValueError(f"the endpoint {text} has no exact binary value; use a whole number or 0.5, 0.25, …")
    return value


def interval(text: str) -> str | None:
    """The domain an interval spells ("(0,1/2]", or "positive" for (0, ∞)), None if text is no interval."""
    m = _INTERVAL.match(text.strip())
    if m is None:
        return None
    left, lo_raw, hi_raw, right = m.groups()
    lo, hi = endpoint(lo_raw), endpoint(hi_raw)
    if lo == "-inf" and hi == "+inf":
        return "real"
    if hi == "+inf" and lo == 0:
        return "positive" if left == "(" else "nonnegative"
    if isinstance(lo, str) or isinstance(hi, str):
        raise ValueError(
            f"{text} is unbounded on one side; the domains are (0, \\infty), [0, \\infty), the reals and bounded "
            "intervals: shift the variable, or bound it"
        )
    if lo == hi and left == "[" and right == "]":
        raise ValueError(
            f"{text} is the one number {lo}, no range; write the number in the lines (or define it: x = {lo})"
        )
    if lo >= hi:
        raise ValueError(f"{text} is empty; write (lo, hi) with lo < hi")
    return f"{left}{lo},{hi}{right}"


def interval_bounds(domain: str) -> tuple[Fraction, Fraction, bool, bool] | None:
    """(lo, hi, open_lo, open_hi) of an interval domain word, None for a named domain."""
    if domain[:1] not in "([":
        return None
    lo, hi = domain[1:-1].split(",")
    return Fraction(lo), Fraction(hi), domain[0] == "(", domain[-1] == ")"


def _dims(raw: str) -> tuple[str, ...]:
    """The shape an exponent gives: k → (k,), {(k+1) \\times k} → (k+1, k)."""
    text = raw.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    parts = re.split(r"\\times|×", text)
    sizes = [parse_size(p) for p in parts]
    if len(parts) > 2 or any(s is None for s in sizes):
        raise ValueError(f"'{raw.strip()}' is not a size; write k, k+1, 2k or (k+1) \\times k")
    return tuple(s.text() for s in sizes if s is not None)


def _split_power(text: str) -> tuple[str, tuple[str, ...]]:
    """A set with its exponent taken off: ([0, 1], (k,)) for [0, 1]^k."""
    for m in re.finditer(r"\^", text):
        power = _POWER.match(text[m.start() :])
        if power is not None and text[: m.start()].strip():
            return text[: m.start()].strip(), _dims(power.group(1) or power.group(2))
    return text.strip(), ()


def _reals(subscript: str | None) -> str:
    sub = (subscript or "").strip("{} ")
    if not sub:
        return "real"
    if sub == "+":
        return "nonnegative"
    if sub == "++":
        return "positive"
    m = re.match(r"(\\geqslant|\\geq|\\ge|>)\s*0$", sub)
    if m is None:
        raise ValueError(f"\\mathbb{{R}}_{{{sub}}}: write \\mathbb{{R}}_{{>0}} or \\mathbb{{R}}_{{\\ge 0}}")
    return "positive" if _ORDERED[m.group(1)] == ">" else "nonnegative"


def member_of(text: str) -> tuple[tuple[str, ...], str]:
    """(shape, domain) of `\\in text`; ValueError with what to write if text is no set the reader knows."""
    raw = text.strip()
    if m := _SYMMETRIC.match(raw):
        (n,) = _dims(m.group(1))
        kind = (m.group(2) or "").strip("{} ")
        return (n, n), {"": "symmetric", "+": "psd", "++": "spd"}[kind]
    if m := _SIMPLEX.match(raw):
        if m.group(1):
            (dim,) = _dims(m.group(1))
            size = parse_size(dim)
            assert size is not None
            return (type(size)(size.coefficient, size.name, size.offset + 1).text(),), "simplex"
        return _dims(m.group(2)), "simplex"
    base, shape = _split_power(raw)
    if m := _REALS.fullmatch(base):
        return shape, _reals(m.group(1))
    if _BINARY.fullmatch(base):
        return shape, "binary"
    found = interval(base)
    if found is not None:
        return shape, found
    raise ValueError(f"'{raw}' is not a set the reader knows; {NOT_A_SET}")
