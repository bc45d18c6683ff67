"""What a builder made while it ran, before sympy evaluated it away.

sympy evaluates as an expression is made, and a builder's claim can lose what it was written with:

- ``x*(n - 5)/(n - 5)`` at a symbolic n is ``x``: the factor cancels as the product is made, though the
  builder has no value at n = 5;
- ``Sum(x, (k, 0, n - 3))*X`` is ``(n - 2)*x*X`` (matrix arithmetic calls doit): at n = 1 the sum runs down,
  from 0 to −2, and sympy's Karr convention reads it as −x where a textbook reads it as empty (a sum written
  so is refused, verifier.language.finite_sums), so the claim = (n − 2)·x·X was PROVED at n = 1.

- ``Sum(t*(k - 3)/(k - 3), (k, 1, 4))`` is ``Sum(t, (k, 1, 4))``: the term at k = 3 has no value as written.

While a builder runs under :func:`recording`, each power with a negative exponent, and each sum and product, is
recorded as it is made. The patches are undone when the builder returns. What was made is described here;
the callers refuse the claim (verifier.language.families) or withhold its proof for all n
(verifier.strategies.size_divisors).
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
    # for each range: the bases made since the last sum or product (its term's own, start and end in bases), and
    # its term
    windows: list[tuple[int, int, sp.Basic]] = field(default_factory=list)
    mark: int = 0  # bases[:mark] were made before the last sum or product
    # what divisors and cancelled_divisor read, computed once for the lists as they are (a claim of many sums asks
    # for each sum: 461 times for latex_layer_norm.backward_pass, 45 % of its CPU when each read all of them)
    memo: dict[tuple[str, int, int], Any] = field(default_factory=dict, repr=False, compare=False)


def recording(build: Callable[[], T]) -> tuple[T, Made]:
    """build(), and what it made: sums and products, and the bases of the negative powers."""
    made = Made()
    sums, products, powers = _ranges(made, "sum"), _ranges(made, "product"), _divisors(made)
    with _patched(sp.Sum, sums), _patched(sp.Product, products), _patched(sp.Pow, powers):
        return build(), made


def divisors(made: Made) -> list[sp.Expr]:
    """The bases in integer symbols alone (the size, an index), each once."""
    return [base for base, _ in _divisors_read(made)]


def _divisors_read(made: Made) -> list[tuple[sp.Expr, set[sp.Basic]]]:
    """divisors(made), each with its free symbols (read once for the bases made so far)."""
    key = ("divisors", len(made.bases), 0)
    if key not in made.memo:
        bases = dict.fromkeys(b for b in made.bases if isinstance(b, sp.Expr))
        free = ((b, b.free_symbols) for b in bases)
        made.memo[key] = [(b, symbols) for b, symbols in free if _in_integers(symbols)]
    return made.memo[key]


def _divided_in_terms(made: Made) -> set[sp.Basic]:
    """The bases of the negative powers in the terms of the sums and products made so far."""
    key = ("divided", len(made.terms), 0)
    if key not in made.memo:
        made.memo[key] = {p.base for term in made.terms for p in term.atoms(sp.Pow) if _negative(p.exp)}
    return made.memo[key]


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
            start, end = made.mark, len(made.bases)
            value = make(cls, function, *symbols, **assumptions)
            if isinstance(value, sp.Sum | sp.Product):
                limits = [limit for limit in value.limits if len(limit) == 3]
                made.ranges.extend((kind, *limit) for limit in limits)
                made.windows.extend((start, end, value.function) for _ in limits)
                made.terms.append(value.function)
            made.mark = len(made.bases)
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


MOST_TERMS = 10_000  # a range longer than this is searched for the divisor's roots by factoring, not term by term


def cancelled_in_range(made: Made) -> str:
    """A term of a sum or product with whole-number bounds whose divisor in its index sympy cancelled as it was made,
    and which is 0 within the range (Σ_{k=1}^{4} t(k − 3)/(k − 3): the term at k = 3 has no value as written),
    described ("" if none)."""
    for (kind, index, lo, hi), (start, end, term) in zip(made.ranges, made.windows, strict=True):
        if not (lo.is_Integer and hi.is_Integer) or isinstance(index, sp.Dummy):
            continue
        for base in dict.fromkeys(b for b in made.bases[start:end] if _in_index(b, index) and not _divides(term, b)):
            if (at := _root_within(base, index, int(lo), int(hi))) is None:
                continue
            return (
                f"the {kind}'s term over {index} divides by {sp.sstr(base)}, which sympy cancelled as the term was "
                f"made; at {index} = {at}, within the {kind}'s range {lo}..{hi}, the term as written has no value: "
                f"leave {index} = {at} out of the range, or write the term without the division"
            )
    return ""


def _in_index(base: Any, index: sp.Basic) -> bool:
    return isinstance(base, sp.Expr) and base.free_symbols == {index}


def _root_within(base: sp.Expr, index: sp.Basic, lo: int, hi: int) -> int | None:
    """The least integer in lo..hi where base is 0, or None if it is 0 at none of them."""
    if hi - lo < MOST_TERMS:
        return next((k for k in range(lo, hi + 1) if base.xreplace({index: sp.Integer(k)}).is_zero is not False), None)
    try:
        roots = sp.Poly(base, index).all_roots()
    except (sp.PolynomialError, sp.CoercionFailed, NotImplementedError, ValueError, TypeError):
        return lo  # not a polynomial in the index: not shown nonzero over the range
    return next((int(r) for r in sorted(roots, key=sp.default_sort_key) if r.is_integer and lo <= r <= hi), None)


def cancelled_divisor(made: Made, symbol: sp.Basic) -> sp.Expr | None:
    """A divisor in symbol alone that no term a sum or product was made with shows: sympy cancelled it
    (x·(k − 3)/(k − 3) is x), so the written term's value where it is 0 is lost."""
    if isinstance(symbol, sp.Dummy):  # sympy's own (its summation makes 1/_d): not a term the builder wrote
        return None
    divided = _divided_in_terms(made)
    return next((base for base, free in _divisors_read(made) if free == {symbol} and base not in divided), None)


def _divides(term: sp.Basic, base: sp.Expr) -> bool:
    return any(p.base == base and _negative(p.exp) for p in term.atoms(sp.Pow))
