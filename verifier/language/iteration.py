"""The iteration a Convergence claim states, in one canonical shape.

A claim writes its iterate x in one of three forms:

* a symbol: the one-step scalar map x_{k+1} = step(x_k);
* a column matrix of symbols: a vector map, whose claimed constant is the linear rate;
* a tuple (x_k, x_{k−1}, …), newest first, of symbols or of column matrices of one
  shape: a map with memory, such as the secant method x_{k+1} = step(x_k, x_{k−1}).

:func:`iteration_of` turns any of them into an :class:`Iteration`: m iterates of d
entries each, the d entries of the step and of the root, and (if given) the m starting
iterates, newest first. Malformed shapes raise :class:`IterationError` with what to change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from verifier.language.claims import Convergence

Entries = tuple[sp.Expr, ...]


class IterationError(ValueError):
    """The iterate, step, root and start of a Convergence claim do not fit together."""


@dataclass(frozen=True)
class Iteration:
    """x_{k+1} = step(x_k, …, x_{k−m+1}) in R^d, converging to root."""

    items: tuple[tuple[sp.Symbol, ...], ...]  # m iterates, newest first, d symbols each
    step: Entries  # d entries
    root: Entries  # d entries
    start: tuple[Entries, ...] | None  # m iterates of d entries, newest first

    @property
    def memory(self) -> int:
        return len(self.items)

    @property
    def dim(self) -> int:
        return len(self.items[0])

    @property
    def one_step_scalar(self) -> bool:
        """The original form x_{k+1} = step(x_k) of one scalar."""
        return self.memory == 1 and self.dim == 1

    @property
    def symbols(self) -> tuple[sp.Symbol, ...]:
        """Every iterate symbol, newest iterate first, entries in order."""
        return tuple(s for item in self.items for s in item)


def _entries(obj: object, what: str) -> Entries:
    """A scalar as one entry, a column matrix (or a list) as its entries."""
    if isinstance(obj, sp.MatrixBase):
        if obj.cols != 1:
            raise IterationError(f"{what} is a {obj.rows}×{obj.cols} matrix; use a column vector")
        return tuple(sp.sympify(e) for e in obj)
    if isinstance(obj, list):
        return tuple(sp.sympify(e) for e in obj)
    return (sp.sympify(obj),)


def _item(obj: object) -> tuple[sp.Symbol, ...]:
    entries = _entries(obj, "the iterate x")
    if not all(isinstance(e, sp.Symbol) for e in entries) or len(set(entries)) != len(entries):
        raise IterationError("the iterate x must be a symbol or a column vector of distinct symbols")
    return tuple(e for e in entries if isinstance(e, sp.Symbol))


def _items(x: object) -> tuple[tuple[sp.Symbol, ...], ...]:
    raw: Sequence[object] = x if isinstance(x, tuple) else (x,)
    if not raw:
        raise IterationError("x is an empty tuple; give (x_k, x_{k-1}, ...), newest first")
    items = tuple(_item(i) for i in raw)
    if len({len(i) for i in items}) != 1:
        raise IterationError("the iterates in x = (x_k, x_{k-1}, ...) must all have the same shape")
    if len({s for i in items for s in i}) != sum(len(i) for i in items):
        raise IterationError("the iterates in x = (x_k, x_{k-1}, ...) must use distinct symbols")
    return items


def _start(start: object, m: int, d: int) -> tuple[Entries, ...] | None:
    if start is None:
        return None
    raw: Sequence[object] = start if isinstance(start, tuple) else (start,)
    if len(raw) != m:
        raise IterationError(f"start has {len(raw)} iterate(s); x has {m}: give one starting value per iterate")
    out = tuple(_entries(s, "a starting value") for s in raw)
    if any(len(s) != d for s in out):
        raise IterationError(f"each starting value needs {d} entries, like the iterate")
    return out


def iteration_of(body: Convergence) -> Iteration:
    """The canonical iteration of a Convergence claim, or IterationError."""
    items = _items(body.x)
    d = len(items[0])
    step, root = _entries(body.step, "step"), _entries(body.root, "root")
    if len(step) != d or len(root) != d:
        raise IterationError(f"the iterate has {d} entries, step {len(step)} and root {len(root)}; they must agree")
    return Iteration(items, step, root, _start(body.start, len(items), d))


def parts(body: Convergence) -> list[sp.Basic]:
    """The sympy objects of a Convergence claim (step, root, order, constant, start), flattened."""
    out: list[sp.Basic] = []
    for part in (body.step, body.root, body.order, body.constant, body.start):
        if isinstance(part, tuple | list):
            out.extend(sp.ImmutableMatrix(p) if isinstance(p, sp.MatrixBase) else sp.sympify(p) for p in part)
        elif part is not None:
            out.append(sp.ImmutableMatrix(part) if isinstance(part, sp.MatrixBase) else sp.sympify(part))
    return out


def bound(body: Convergence) -> tuple[sp.Symbol, ...]:
    """The iterate symbols, which the claim binds itself; () if x is malformed (reported elsewhere)."""
    try:
        return iteration_of(body).symbols
    except IterationError:
        return ()
