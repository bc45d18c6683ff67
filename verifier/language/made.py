"""What a builder made while it ran, before sympy evaluated it away.

sympy evaluates as an expression is made, and a builder's claim can lose what it was written with:

- ``x*(n - 5)/(n - 5)`` at a symbolic n is ``x``: the factor cancels as the product is made, though the
  builder has no value at n = 5;
- ``Sum(x, (k, 0, n - 3))*X`` is ``(n - 2)*x*X`` (matrix arithmetic calls doit): at n = 1 the sum runs down,
  from 0 to −2, and sympy's Karr convention reads it as −x where a textbook reads it as empty (a sum written
  so is refused, verifier.language.finite_sums), so the claim = (n − 2)·x·X was PROVED at n = 1.

While a builder runs under :func:`recording`, each power with a negative exponent whose base is in the size
alone, and each sum and product, is recorded as it is made. The patches are undone when the builder
returns; nothing here decides anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import sympy as sp

T = TypeVar("T")


@dataclass
class Made:
    """The divisors in the size alone and the ranges (sum or product, index, low, high) a builder made."""

    divisors: list[sp.Expr] = field(default_factory=list)
    ranges: list[tuple[str, sp.Basic, sp.Basic, sp.Basic]] = field(default_factory=list)


def recording(build: Callable[[], T], size: sp.Symbol | None) -> tuple[T, Made]:
    """build(), and what it made: divisors in size alone (none recorded when size is None), sums and products."""
    made = Made()
    with _patched(sp.Sum, _ranges(made, "sum")), _patched(sp.Product, _ranges(made, "product")):
        if size is None:
            value = build()
        else:
            with _patched(sp.Pow, _divisors(made, size)):
                value = build()
    made.divisors = list(dict.fromkeys(made.divisors))
    made.ranges = list(dict.fromkeys(made.ranges))
    return value, made


Hook = Callable[[Callable[..., Any]], Callable[..., Any]]


@contextmanager
def _patched(cls: type, hook: Hook) -> Iterator[None]:
    original = cls.__dict__["__new__"]
    cls.__new__ = staticmethod(hook(original.__func__))  # type: ignore[method-assign]
    try:
        yield
    finally:
        cls.__new__ = original  # type: ignore[method-assign]


def _divisors(made: Made, size: sp.Symbol) -> Hook:
    def hook(make: Callable[..., Any]) -> Callable[..., Any]:
        def new(cls: type, b: Any, e: Any, evaluate: Any = None) -> Any:
            if _negative(e) and isinstance(b, sp.Expr) and b.free_symbols == {size}:
                made.divisors.append(b)
            return make(cls, b, e, evaluate)

        return new

    return hook


def _ranges(made: Made, kind: str) -> Hook:
    def hook(make: Callable[..., Any]) -> Callable[..., Any]:
        def new(cls: type, function: Any, *symbols: Any, **assumptions: Any) -> Any:
            value = make(cls, function, *symbols, **assumptions)
            if isinstance(value, sp.Sum | sp.Product):
                made.ranges.extend((kind, *limit) for limit in value.limits if len(limit) == 3)
            return value

        return new

    return hook


def _negative(e: Any) -> bool:
    if isinstance(e, int | float):
        return e < 0
    return isinstance(e, sp.Expr) and e.is_negative is True


def running_down(made: Made) -> str:
    """A sum or product made with whole-number bounds that run down (from 0 to −2), described ("" if none)."""
    for kind, index, lo, hi in made.ranges:
        if lo.is_Integer and hi.is_Integer and hi < lo - 1:
            karr = "minus the sum" if kind == "sum" else "one over the product"
            return (
                f"the {kind} over {index} runs down, from {lo} to {hi} (evaluated as it was made, by matrix "
                f"arithmetic or doit): sympy reads that as {karr} from "
                f"{hi + 1} to {lo - 1}, a textbook as empty; bound it so that it runs upward, or is empty "
                "(from k + 1 to k)"
            )
    return ""
