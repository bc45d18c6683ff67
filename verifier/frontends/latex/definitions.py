"""Definitions beside a chain, in the forms students write them.

    \\mu = \\frac{1}{k} \\sum_i x_i                 a name
    \\ell(w) = …, \\sigma(t) = …                     a function (its parameters are bound in the body)
    \\sigma^2 = …                                  a square (a bare \\sigma is its root)
    \\hat{x}_i = …, y_i = …, J_{ij} = …            a vector (matrix) by its entries, i over 1..k
    m_t = \\beta m_{t-1} + (1 - \\beta) g, \\; m_0 = 0     a sequence: a recurrence with its start
    \\hat{m}_t = \\frac{m_t}{1 - \\beta^t}              a sequence in a declared size t
    L = L(y_1, \\dots, y_k)                         an arbitrary function of those arguments
    \\frac{\\partial L}{\\partial y_j} = g_j          the name of its gradient (or g_j = …, \\nabla_y L = g)

A subscripted left side is a sequence if its index is a declared size or its body refers
to the name with a subscript (a recurrence), and a vector of entries otherwise; a digit
subscript (m_0, x_1) is a name of its own, such as a sequence's start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verifier.frontends.latex.document import Text
from verifier.frontends.latex.errors import LatexError
from verifier.frontends.latex.names import Name, parse_name

DEFINITION = re.compile(r"\s*([^=:(]+?)\s*(?:\(([^()]*)\))?\s*=(?!=)")
_SQUARED = re.compile(r"(.+?)\s*\^\s*(?:2|\{\s*2\s*\})$")
_ENTRY = re.compile(r"(.+?)\s*_\s*(?:([A-Za-z])|\{\s*([A-Za-z])\s*,?\s*([A-Za-z])?\s*\})$")
_PARTIAL = re.compile(r"\\[dt]?frac\s*\{\s*\\partial\s*(.+?)\s*\}\s*\{\s*\\partial\s*(.+?)\s*\}$")
_NABLA = re.compile(r"\\nabla\s*_\s*(\{[^{}]*\}|\\?[A-Za-z]+)\s*(.+)$")
_NEXT = re.compile(r"(?:\\[,;:! ]|\\q?quad(?![A-Za-z])|~|\\text\s*\{\s*(?:and)?\s*\}|\s)*")
_NAME_EQ = re.compile(r"[^=,]*?[A-Za-z}]\s*(?:_\s*(?:\{[^{}]*\}|\w))?\s*=(?!=)")


@dataclass(frozen=True)
class Definition:
    """name = body; with params a function, with an index the vector (two letters: matrix) of its entries,
    or, when recursive or indexed by a size, a sequence."""

    name: Name
    params: tuple[str, ...]
    body: Text
    index: str = ""
    recursive: bool = False


@dataclass(frozen=True)
class Upstream:
    """L = L(args): an arbitrary function of its arguments, known by the gradient named `gradient`."""

    name: Name
    args: Text
    gradient: str = ""


@dataclass(frozen=True)
class Gradient:
    """∂L/∂(variable) = name: declares `name` (a vector if `indexed`) as L's gradient."""

    function: str
    variable: str
    name: Name
    indexed: bool


Parsed = Definition | Upstream | Gradient


def split(entry: Text) -> list[Text]:
    """`m_t = …, \\; m_0 = 0`: one definition per piece, cut at top-level commas that start another `name =`."""
    pieces, depth, start = [], 0, 0
    text = entry.text
    for i, ch in enumerate(text):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch != "," or depth:
            continue
        gap = _NEXT.match(text, i + 1)
        after = gap.end() if gap else i + 1
        if _NAME_EQ.match(text, after) and "=" in text[start:i]:
            pieces.append(Text(text[start:i].strip(), entry.origin.at(1, start + 1)))
            start = after
    pieces.append(Text(text[start:].strip(), entry.origin.at(1, start + 1)))
    return pieces


def parse(entry: Text) -> Parsed:
    """The definition an entry `left = right` makes; LatexError with what to write otherwise."""
    m = DEFINITION.match(entry.text)
    assert m is not None
    raw = m.group(1).strip()
    rest = entry.text[m.end() :]
    lead = len(rest) - len(rest.lstrip())
    body = Text(rest.strip(), entry.origin.at(1, m.end() + lead + 1))
    if not body.text:
        raise LatexError(entry.origin, f"the definition of {raw} is empty; write {raw} = expression")
    if _PARTIAL.match(raw) or _NABLA.match(raw):
        return _gradient(entry, raw, body.text)
    name, index = _defined_name(entry, raw)
    if index and not _uses_index(body.text, index, name):  # \\mu_B = …: a name of its own, B is no index
        name, index = Name(f"{name.key}_{index}", f"{name.latex}_{{{index}}}", name.command), ""
    if index and m.group(2):
        raise LatexError(entry.origin, f"{name.latex}_{index} cannot have parameters as well; define one or the other")
    call = re.match(rf"{re.escape(raw)}\s*(?:\\left\s*)?\((.*?)(?:\\right\s*)?\)$", body.text)
    if call and not m.group(2) and not index:
        inner = body.text.index("(") + 1
        return Upstream(name, Text(call.group(1).strip(), body.origin.at(1, inner + 1)))
    params = tuple(p.key for piece in (m.group(2) or "").split(",") if piece.strip() for p in [parse_name(piece)] if p)
    recursive = bool(index) and re.search(rf"(?<![A-Za-z\\]){re.escape(name.latex)}\s*_", body.text) is not None
    return Definition(name, params, body, index, recursive)


def _uses_index(body: str, index: str, name: Name) -> bool:
    """The body mentions every letter of the index, or the name itself (a recurrence)."""
    if re.search(rf"(?<![A-Za-z\\]){re.escape(name.latex)}\s*_", body):
        return True
    return all(re.search(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])", body) for letter in index)


def reverse_gradient(d: Definition, functions: set[str]) -> Gradient | None:
    """g_j = \\frac{\\partial L}{\\partial y_j} with L an upstream function: the gradient's name, the other way."""
    m = _PARTIAL.match(d.body.text)
    if m is None or d.params:
        return None
    function = parse_name(m.group(1))
    if function is None or function.key not in functions:
        return None
    return Gradient(function.key, _base(m.group(2)), d.name, bool(d.index))


def _gradient(entry: Text, raw: str, right: str) -> Gradient:
    m = _PARTIAL.match(raw)
    function_raw, variable_raw = (m.group(1), m.group(2)) if m else _NABLA.match(raw).groups()[::-1]  # type: ignore[union-attr]
    function = parse_name(function_raw)
    entry_match = _ENTRY.match(right.strip())
    name = parse_name(entry_match.group(1) if entry_match else right)
    if function is None or name is None or "_" in name.key:
        raise LatexError(
            entry.origin,
            f"'{entry.text}' does not name a gradient; write \\frac{{\\partial L}}{{\\partial y_j}} = g_j "
            "beside L = L(y_1, \\dots, y_k)",
        )
    return Gradient(function.key, _base(variable_raw), name, entry_match is not None)


def _base(raw: str) -> str:
    """The key of a variable written y_j or y (or \\hat{y}_j): its name without the index."""
    text = raw.strip().strip("{}").strip()
    m = _ENTRY.match(text)
    name = parse_name(m.group(1) if m else text)
    return name.key if name is not None else text


def _defined_name(entry: Text, raw: str) -> tuple[Name, str]:
    """The name a definition's left side defines, and the index of an entrywise one or a sequence."""
    if (m := _SQUARED.match(raw)) and (base := parse_name(m.group(1))) is not None:
        return Name(base.key + "^2", base.latex + "^{2}", base.command), ""  # \\sigma^2, \\sigma_B^2
    if (m := _ENTRY.match(raw)) and (base := parse_name(m.group(1))) is not None and "_" not in base.key:
        return base, (m.group(2) or m.group(3)) + (m.group(4) or "")
    if (name := parse_name(raw)) is not None:
        return name, ""
    raise LatexError(
        entry.origin,
        f"'{raw}' is not a name to define; write a name (\\mu = …, \\hat{{x}} = …, x_1 = …), a function "
        "(f(x) = …), a square (\\sigma^2 = …), a vector by its entries (\\hat{x}_i = …) or a recurrence "
        "(m_t = \\beta m_{t-1} + …, \\; m_0 = 0)",
    )
