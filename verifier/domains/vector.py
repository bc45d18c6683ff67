"""Vector domains: the probability simplex and its one-hot corners."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import sympy as sp

from verifier.domains.base import (
    Domain,
    Shape,
    symbol_entries,
)


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
        return out.reshape((k, *shape))

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        n = shape[0]
        out = rng.dirichlet(np.full(n, 0.05), size=k)
        return out.reshape((k, *shape))


@dataclass(frozen=True)
class OneHot(Simplex):
    """A standard basis vector e_k (a hard label); a special case of the simplex."""

    def describe(self) -> str:
        return "one-hot"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        n = shape[0]
        return np.eye(n)[rng.integers(0, n, size=k)].reshape((k, *shape))

    corner_sample = sample
