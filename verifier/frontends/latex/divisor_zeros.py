"""Where a divisor sympy cancelled as it read the line is 0 in the declared domain, found exactly, or None.

sympy reads \\frac{e^x-2}{e^x-2} as 1, defined everywhere, though the line as written is undefined at x = log 2. A
divisor in one declared scalar that the line no longer shows must be shown nonzero on the declared domain, or its
zeros there found: every real zero of a polynomial (to degree 8) or of a polynomial in one exponential, sine, cosine
or logarithm (verifier.language.zeros) in the domain's window, each shown to lie in the domain exactly. Where none is
found and none is shown impossible (a divisor of a kind solveset is not given, eˣ − x − 2, or a periodic one on an
unbounded domain with no zero near the origin), the zeros are undecided: None, and the line is refused with what to
write. In several symbols, or an entry of a vector or matrix, the zeros in each symbol are found with the others at
the simplest points of the domain (x²y²z²w² − 2 at x = y = z = 1, w = √2); none found there is not shown to be none,
and the line is read (left open: σ² + ε over a vector's entries is positive, det(A + tB) is not decided).
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from verifier.language.domains import Domain
from verifier.language.domains.exact import exact_end, holds_at
from verifier.language.zeros import real_zeros

BASES = 12  # simplest points of the domain at which each symbol of a divisor in several is solved for
MAX_SYMBOLS = 6  # a divisor in more symbols is undecided

Point = dict[sp.Basic, Any]


def zeros(arg: sp.Expr, where: list[tuple[object, Domain]], bases: list[Point]) -> list[Point] | None:
    """Points of the declared domain where arg is 0, exactly (each with the other symbols at simple points, where
    the line is to be read); [] where arg in one scalar is shown to have no zero in the domain, or none is found in
    several; None where that is undecided in one scalar."""
    free = sorted(arg.free_symbols, key=str)
    homes = [_home(s, where) for s in free]
    if not free or len(free) > MAX_SYMBOLS or any(h is None for h in homes):
        return []  # a definition's parameter, with no declared domain: nothing is decided here (left open)
    if len(free) == 1 and homes[0] is not None and _shape(homes[0][0]) == ():
        return _in_one_scalar(arg, free[0], homes[0][1], bases)
    found: list[Point] = []
    for symbol, home in zip(free, homes, strict=True):
        for base in bases[:BASES]:
            rest = {k: v for k, v in base.items() if k != symbol and k in arg.free_symbols}
            if len(rest) == len(free) - 1 and home is not None:
                found += _at(arg.xreplace(rest), symbol, home, base)
    return found  # none found is not shown to be none (left open: σ² + ε over a vector's entries is positive)


def _in_one_scalar(arg: sp.Expr, symbol: sp.Basic, domain: Domain, bases: list[Point]) -> list[Point] | None:
    """Every zero of arg in the domain, with the line's other symbols at a few simple points; None if undecided."""
    solved = real_zeros(arg, symbol, _window(domain))
    if solved is None:
        return None
    roots, complete = solved
    inside = [r for r in roots if holds_at(domain, r, ())]
    if not all(_zero_at(arg, symbol, r) for r in inside):
        return None
    if not inside and not complete:
        return None
    return [{**base, symbol: r} for r in inside for base in (bases[:BASES] or [{}])]


def _at(arg: sp.Expr, symbol: sp.Basic, home: tuple[object, Domain], base: Point) -> list[Point]:
    """The zeros of arg in symbol alone (the others put in), each a point of the domain, exactly."""
    value, domain = home
    shape = _shape(value)
    solved = real_zeros(arg, symbol, _window(domain) if shape == () else sp.Reals)
    found: list[Point] = []
    for root in solved[0] if solved is not None else []:
        point = {**base, symbol: root}
        if _inside(value, domain, point, root) and _zero_at(arg, symbol, root):
            found.append(point)
    return found


def _inside(value: object, domain: Domain, point: Point, root: sp.Expr) -> bool:
    """The point lies in the domain, exactly: a scalar by holds_at, an entry of a vector or matrix if rational."""
    shape = _shape(value)
    if shape == ():
        return holds_at(domain, root, ())
    entries = list(value) if isinstance(value, sp.MatrixBase) else [value]
    return bool(root.is_Rational) and domain.contains_exactly_shaped([point.get(e, e) for e in entries], shape) is True


def _zero_at(arg: sp.Expr, symbol: sp.Basic, root: sp.Expr) -> bool:
    value = arg.xreplace({symbol: root})
    return value.is_zero is True or sp.expand(value) == 0 or sp.simplify(value) == 0


def _home(symbol: sp.Basic, where: list[tuple[object, Domain]]) -> tuple[object, Domain] | None:
    for value, domain in where:
        if symbol in (list(value) if isinstance(value, sp.MatrixBase) else [value]):
            return value, domain
    return None


def _shape(value: object) -> tuple[int, ...]:
    return value.shape if isinstance(value, sp.MatrixBase) else ()


def _window(domain: Domain) -> sp.Set:
    """The domain's interval where it has finite ends, else ℝ (holds_at decides each zero)."""
    lo, hi = getattr(domain, "lo", None), getattr(domain, "hi", None)
    if isinstance(lo, int | float | sp.Rational) and isinstance(hi, int | float | sp.Rational):
        return sp.Interval(exact_end(lo), exact_end(hi))
    return sp.Reals
