"""Vector domains: the probability simplex and its one-hot corners."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import ClassVar

import numpy as np
import sympy as sp

from verifier.language.domains.base import (
    Domain,
    Shape,
    symbol_entries,
)
from verifier.language.domains.exact import fractions

MAX_VERTICES = 8


@dataclass(frozen=True)
class Simplex(Domain):
    """y_i >= 0 and Σ y_i = 1: a probability vector."""

    needs: ClassVar[str] = "vector"

    def assumptions(self) -> dict[str, bool]:
        return {"real": True, "nonnegative": True}

    def describe(self) -> str:
        return "Δ (probability simplex)"

    def relation_text(self, label: str) -> str | None:
        return f"Σ {label}ᵢ = 1"

    def relations(self, target: sp.Basic) -> dict[sp.Symbol, sp.Expr]:
        entries = list(symbol_entries(target))
        if len(entries) < 2:
            return {entries[0]: sp.Integer(1)} if entries else {}
        return {entries[-1]: 1 - sum(entries[:-1])}

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        n = shape[0]
        out = rng.dirichlet(np.ones(n), size=k)
        vertex = rng.uniform(size=k) < 0.1
        out[vertex] = np.eye(n)[rng.integers(0, n, size=int(vertex.sum()))]
        return exactly_on_simplex(out).reshape((k, *shape))

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        n = shape[0]
        out = rng.dirichlet(np.full(n, 0.05), size=k)
        return exactly_on_simplex(out).reshape((k, *shape))

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        exact = fractions(values)
        return None if exact is None else all(v >= 0 for v in exact) and sum(exact) == 1

    def special_points(self, shape: Shape) -> np.ndarray:
        """The vertices (at most MAX_VERTICES), the barycentre and an edge's midpoint."""
        n = shape[0]
        rows = [*np.eye(n)[:MAX_VERTICES], np.full(n, 1.0 / n)]
        if n > 1:
            rows.append(np.array([0.5, 0.5] + [0.0] * (n - 2)))
        return exactly_on_simplex(np.stack(rows)).reshape((len(rows), *shape))


def exactly_on_simplex(rows: np.ndarray) -> np.ndarray:
    """Rows whose first n − 1 entries sum to at most 1 exactly, as rationals.

    The symbolic side and the high-precision check take the last entry to be exactly
    1 − Σ of the others; a float row summing to 1 + 1e-16 would make that entry negative,
    a point off the simplex, where a true claim such as diag(p) − ppᵀ ⪰ 0 can fail.
    Only rows whose head sums to nearly 1 are checked exactly; the largest entry of the
    head is lowered ulp by ulp until the exact sum is ≤ 1.
    """
    out = np.array(rows, dtype=float)
    if out.shape[1] < 2:
        return out
    for i in np.flatnonzero(np.sum(out[:, :-1], axis=1) > 1 - 1e-9):
        row = out[i]  # a view: the changes land in out
        head = row[:-1]
        while sum(map(Fraction, head.tolist())) > 1:
            j = int(np.argmax(head))
            head[j] = np.nextafter(head[j], 0.0)
        row[-1] = float(1 - sum(map(Fraction, head.tolist())))
    return out


@dataclass(frozen=True)
class OneHot(Simplex):
    """A standard basis vector e_k (a hard label); a special case of the simplex."""

    def describe(self) -> str:
        return "one-hot"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        n = shape[0]
        return np.eye(n)[rng.integers(0, n, size=k)].reshape((k, *shape))

    corner_sample = sample

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        exact = fractions(values)
        return None if exact is None else all(v in (0, 1) for v in exact) and sum(exact) == 1

    def special_points(self, shape: Shape) -> np.ndarray:
        n = shape[0]
        return np.eye(n)[:MAX_VERTICES].reshape((min(n, MAX_VERTICES), *shape))
