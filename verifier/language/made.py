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
    """The bases of the negative powers, and the ranges (sum or product, index, low, high) and terms of the sums and
    products a builder made. Recording allocates as little as it can (a builder's work is counted in allocations,
    verifier.strategies.budget): what the bases are is read afterwards, by :func:`divisors`."""

    bases: list[Any] = field(default_factory=list)
    ranges: list[tuple[str, sp.Basic, sp.Basic, sp.Basic]] = field(default_factory=list)
    terms: list[sp.Basic] = field(default_factory=list)


def recording(build: Callable[[], T], *, powers: bool) -> tuple[T, Made]:
    """build(), and what it made: sums and products, and with powers the bases of the negative powers (at a
    concrete n they are not recorded: the hook moved the work a claim is counted in, verifier.strategies.budget)."""
    made = Made()
    with _patched(sp.Sum, _ranges(made, "sum")), _patched(sp.Product, _ranges(made, "product")):
        if not powers:
            return build(), made
        with _patched(sp.Pow, _divisors(made)):
            return build(), made


def divisors(made: Made) -> list[sp.Expr]:
    """The bases in integer symbols alone (the size, an index), each once."""
    return list(dict.fromkeys(b for b in made.bases if isinstance(b, sp.Expr) and _in_integers(b.free_symbols)))


Hook = Callable[[Callable[..., Any]], Callable[..., Any]]


@contextmanager
def _patched(cls: type, hook: Hook) -> Iterator[None]:
    original = cls.__dict__["__new__"]
    cls.__new__ = staticmethod(hook(original.__func__))  # type: ignore[method-assign]
    try:
        yield
    finally:
        cls.__new__ = original  # type: ignore[method-assign]


def _divisors(made: Made) -> Hook:
    def hook(make: Callable[..., Any]) -> Callable[..., Any]:
        def new(cls: type, b: Any, e: Any, evaluate: Any = None) -> Any:
            if _negative(e):
                made.bases.append(b)
            return make(cls, b, e, evaluate)

        return new

    return hook


def _ranges(made: Made, kind: str) -> Hook:
    def hook(make: Callable[..., Any]) -> Callable[..., Any]:
        def new(cls: type, function: Any, *symbols: Any, **assumptions: Any) -> Any:
            value = make(cls, function, *symbols, **assumptions)
            if isinstance(value, sp.Sum | sp.Product):
                made.ranges.extend((kind, *limit) for limit in value.limits if len(limit) == 3)
                made.terms.append(value.function)
            return value

        return new

    return hook


_NUMBERS = (int, float)


def _in_integers(symbols: set[sp.Basic]) -> bool:
    return bool(symbols) and all(s.is_integer for s in symbols)


def _negative(e: Any) -> bool:
    if isinstance(e, _NUMBERS):
        return bool(e < 0)
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


def cancelled_divisor(made: Made, symbol: sp.Basic) -> sp.Expr | None:
    """A divisor in symbol alone that no term a sum or product was made with shows: sympy cancelled it
    (x·(k − 3)/(k − 3) is x), so the written term's value where it is 0 is lost."""
    if isinstance(symbol, sp.Dummy):  # sympy's own (its summation makes 1/_d): not a term the builder wrote
        return None
    for base in divisors(made):
        if base.free_symbols == {symbol} and not any(_divides(term, base) for term in made.terms):
            return base
    return None


def _divides(term: sp.Basic, base: sp.Expr) -> bool:
    return any(p.base == base and _negative(p.exp) for p in term.atoms(sp.Pow))
