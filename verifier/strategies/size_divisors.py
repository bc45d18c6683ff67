"""The divisions a builder makes at a symbolic n, before sympy cancels them.

A builder called with a symbolic n writes ``x*(n - 5)/(n - 5)``, and sympy cancels the factor as the
expression is made: the claim at symbolic n is ``x``, and was PROVED for all n, though the builder has no
value at n = 5 (the concrete claim there is nan). While the builder runs at the symbolic n, every power
with a negative exponent whose base is in n alone is recorded as it is made (before any cancelling), and
the for-all-n proof is asked for only if each such base is nonzero at every integer n from the family's
first size on. A base that may vanish is named; the claim keeps its verdicts at its stated sizes.

Nothing here is trusted: it only withholds the generic rung's attempt (verifier.strategies.dimension).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import sympy as sp

T = TypeVar("T")


def recording(build: Callable[[], T], size: sp.Symbol) -> tuple[T, list[sp.Expr]]:
    """build(), and the bases in size alone of the negative powers made while it ran."""
    found: list[sp.Expr] = []
    with _recorded(size, found):
        value = build()
    return value, list(dict.fromkeys(found))


@contextmanager
def _recorded(size: sp.Symbol, found: list[sp.Expr]) -> Iterator[None]:
    original = sp.Pow.__dict__["__new__"]
    make = original.__func__

    def new(cls: type, b: Any, e: Any, evaluate: Any = None) -> Any:
        if _negative(e) and isinstance(b, sp.Expr) and b.free_symbols == {size}:
            found.append(b)
        return make(cls, b, e, evaluate)

    sp.Pow.__new__ = staticmethod(new)
    try:
        yield
    finally:
        sp.Pow.__new__ = original


def _negative(e: Any) -> bool:
    if isinstance(e, int | float):
        return e < 0
    return isinstance(e, sp.Expr) and e.is_negative is True


def vanishing(bases: list[sp.Expr], size: sp.Symbol, start: int) -> str:
    """Why one of the bases may be 0 at an integer n ≥ start ("" if none may)."""
    for base in bases:
        why = _may_vanish(base, size, start)
        if why:
            return f"it divides by {sp.sstr(base)}, {why}"
    return ""


def _may_vanish(base: sp.Expr, size: sp.Symbol, start: int) -> str:
    m = sp.Dummy("m", integer=True, nonnegative=True)
    if base.xreplace({size: m + start}).is_zero is False:
        return ""
    try:
        factors = sp.factor_list(sp.Poly(base, size, domain=sp.QQ))[1]
    except (sp.PolynomialError, sp.CoercionFailed, NotImplementedError, ValueError, TypeError):
        return f"not shown nonzero at every n ≥ {start}"
    for factor, _ in factors:
        if factor.degree() == 1:  # a factor of degree ≥ 2, irreducible over ℚ, has no rational root
            a, b = factor.all_coeffs()
            root = -b / a
            if root.is_integer and root >= start:
                return f"0 at n = {root} (no value there; cancelled at a symbolic n)"
    return ""
