"""The Domain base class and the sampling helpers the concrete domains share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import sympy as sp

Shape = tuple[int, ...]


@dataclass(frozen=True)
class Parametrisation:
    """target's entries as expressions in fresh symbols, onto the whole domain, and the facts it shows in words."""

    entries: dict[sp.Symbol, sp.Expr]
    text: str


class DomainError(ValueError):
    """A domain that cannot hold the symbol given to it, or cannot be sampled."""


def scales(rng: np.random.Generator, k: int) -> np.ndarray:
    """Per-sample scale factors: mostly unit, some tiny, some large."""
    scale = np.exp(rng.uniform(-0.7, 0.7, size=k))
    kinds = rng.uniform(size=k)
    scale[kinds < 0.08] *= 1e-3
    scale[(kinds >= 0.08) & (kinds < 0.16)] *= 8.0
    return scale


def simple_values(rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
    """Small integers and halves: the values a minimal counterexample should use."""
    choices = np.array([-2.0, -1.0, -0.5, 0.5, 1.0, 2.0, 3.0])
    return rng.choice(choices, size=(k, *shape))


@dataclass(frozen=True)
class Domain:
    """Base class: a set that a scalar, vector or matrix symbol ranges over."""

    needs: ClassVar[str] = "any"  # "any", "vector", "square"

    def assumptions(self) -> dict[str, bool]:
        return {"real": True}

    def describe(self) -> str:
        return "ℝ"

    def relation_text(self, label: str) -> str | None:
        """A relation the symbolic side relies on, in words, if any."""
        return None

    def relations(self, target: sp.Basic) -> dict[sp.Symbol, sp.Expr]:
        return {}

    def parametrisation(self, target: sp.Basic) -> Parametrisation | None:
        """Entries written through fresh symbols whose sympy assumptions show the domain's facts (a map
        onto the whole domain, so a sign shown for every parameter holds on the domain), or None."""
        return None

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        raise NotImplementedError

    def validate(self, shape: Shape) -> None:
        if self.needs == "vector" and not (len(shape) == 2 and shape[1] == 1):
            raise DomainError(f"{self.describe()} needs a column vector, got shape {shape}")
        if self.needs == "square" and not (len(shape) == 2 and shape[0] == shape[1]):
            raise DomainError(f"{self.describe()} needs a square matrix, got shape {shape}")

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        """Ill-conditioned but legal points; by default, the ordinary sampler."""
        return self.sample(rng, shape, k)


def number_text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(x)


def symbol_entries(target: sp.Basic) -> list[sp.Symbol]:
    if isinstance(target, sp.MatrixBase):
        return [e for e in target if isinstance(e, sp.Symbol)]
    return [target] if isinstance(target, sp.Symbol) else []


def symmetric_relations(target: sp.Basic) -> dict[sp.Symbol, sp.Expr]:
    m = sp.ImmutableMatrix(target)
    return {m[i, j]: m[j, i] for i in range(m.rows) for j in range(i) if isinstance(m[i, j], sp.Symbol)}


def orthogonal_sample(rng: np.random.Generator, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def spectral(rng: np.random.Generator, n: int, k: int, spectrum: object) -> np.ndarray:
    out = np.empty((k, n, n))
    for i in range(k):
        q = orthogonal_sample(rng, n)
        lam = spectrum()  # type: ignore[operator]
        out[i] = (q * lam) @ q.T
        out[i] = (out[i] + out[i].T) / 2
    return out
