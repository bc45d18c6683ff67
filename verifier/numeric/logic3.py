"""Kleene's three-valued logic on truth values (True, False, None: no truth value), as the mpmath walk decides a
Piecewise's conditions (mpeval._Walk._decide); numeric/truth.py computes the same in floats."""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp


def _all(parts: list[bool | None]) -> bool | None:
    return False if False in parts else (None if None in parts else True)


def _any(parts: list[bool | None]) -> bool | None:
    return True if True in parts else (None if None in parts else False)


def _exactly(rule: Callable[[list[bool]], bool]) -> Callable[[list[bool | None]], bool | None]:
    return lambda parts: None if None in parts else rule(parts)  # type: ignore[arg-type]


LOGIC: dict[type, Callable[[list[bool | None]], bool | None]] = {  # three-valued: None is no truth value
    sp.And: _all,
    sp.Or: _any,
    sp.Not: lambda p: None if p[0] is None else not p[0],
    sp.Implies: lambda p: _any([None if p[0] is None else not p[0], p[1]]),
    sp.ITE: lambda p: None if p[0] is None else (p[1] if p[0] else p[2]),
    sp.Xor: _exactly(lambda p: sum(p) % 2 == 1),
    sp.Equivalent: _exactly(lambda p: len(set(p)) == 1),
}
