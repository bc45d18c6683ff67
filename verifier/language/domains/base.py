"""The Domain base class and the sampling helpers the concrete domains share."""

from __future__ import annotations

from collections.abc import Sequence
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


def dyadic_scales(rng: np.random.Generator, k: int) -> np.ndarray:
    """scales rounded to powers of two, for a matrix domain whose samples must stay in it exactly: a float times
    a power of two is exact, so a singular LLᵀ stays exactly PSD and a spectrum keeps its signs."""
    return np.exp2(np.round(np.log2(scales(rng, k))))


def scaled(rng: np.random.Generator, out: np.ndarray) -> np.ndarray:
    """The k matrices out[i], each times its own dyadic scale (mostly about 1, some 2⁻¹⁰, some 8): a matrix domain
    samples its whole size range, as Real does, and not only a spectrum near 1."""
    return out * dyadic_scales(rng, len(out)).reshape((len(out),) + (1,) * (out.ndim - 1))


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

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        """Whether the point (entries row-major, exact rationals) lies in the domain, decided exactly;
        None if it cannot be decided. A point that is not shown to lie in it is no counterexample."""
        return None

    def contains_exactly_shaped(self, values: Sequence[sp.Rational], shape: Shape) -> bool | None:
        """contains_exactly for a domain that needs the object's shape to decide (a rank)."""
        return self.contains_exactly(values)

    def special_points(self, shape: Shape) -> np.ndarray:
        """The domain's special points (0, ±1, endpoints, I, vertices, ...), drawn before any random one."""
        return np.empty((0, *shape))

    def exact_values(self, floats: np.ndarray) -> list[sp.Rational]:
        """A float sample's entries (row-major) as the exact point confirmation uses: the floats
        themselves by default; a domain that floats cannot hold exactly (orthogonal) moves them."""
        return [sp.Rational(float(v)) for v in np.asarray(floats).reshape(-1)]


def number_text(x: float) -> str:
    if isinstance(x, int):  # exactly, even past the floats (10**400)
        return str(x)
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


def inside(points: np.ndarray, keep: object) -> np.ndarray:
    """The candidate points (P, *shape) for which keep(point) is true, in order, without repeats."""
    seen: list[np.ndarray] = []
    for p in points:
        if keep(p) and not any(np.array_equal(p, q) for q in seen):  # type: ignore[operator]
            seen.append(p)
    return np.stack(seen) if seen else np.empty((0, *points.shape[1:]))


def scalar_specials(shape: Shape, values: Sequence[float]) -> np.ndarray:
    """Each value broadcast over the whole shape (every entry equal)."""
    return np.stack([np.full(shape, float(v)) for v in values]) if values else np.empty((0, *shape))


SIMPLE = (0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0)
