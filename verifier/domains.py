"""Domains: where each symbol of a claim lives.

A domain does three jobs, and they must agree with each other:

* ``assumptions`` gives the sympy assumptions for the symbols' entries (real, positive, ...);
* ``relations`` rewrites entries that the domain ties together (a symmetric matrix has
  A[j, i] = A[i, j], a point of the simplex has y_n = 1 - Σ y_i), for the symbolic side;
* ``sample`` draws numeric points that satisfy all of the above, for the numeric side,
  mixing ordinary points with special scales (tiny, unit, large) and simple values
  (small integers), so that counterexamples come out readable.

Every domain also says in words what it assumes; those words become the assumptions
listed beside a verdict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import sympy as sp

Shape = tuple[int, ...]


class DomainError(ValueError):
    """A domain that cannot hold the symbol given to it, or cannot be sampled."""


def _scales(rng: np.random.Generator, k: int) -> np.ndarray:
    """Per-sample scale factors: mostly unit, some tiny, some large."""
    scale = np.exp(rng.uniform(-0.7, 0.7, size=k))
    kinds = rng.uniform(size=k)
    scale[kinds < 0.08] *= 1e-3
    scale[(kinds >= 0.08) & (kinds < 0.16)] *= 8.0
    return scale


def _simple_values(rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
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


# ----------------------------------------------------------------------------- scalars


@dataclass(frozen=True)
class Real(Domain):
    """Any real number (elementwise for vectors and matrices)."""

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        base = rng.standard_normal((k, *shape))
        base *= _scales(rng, k).reshape((k,) + (1,) * len(shape))
        simple = rng.uniform(size=k) < 0.15
        base[simple] = _simple_values(rng, shape, int(simple.sum()))
        return base

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        return rng.choice([-40.0, -12.0, 12.0, 40.0], size=(k, *shape)) + rng.standard_normal((k, *shape))


@dataclass(frozen=True)
class Positive(Domain):
    """x > 0."""

    def assumptions(self) -> dict[str, bool]:
        return {"real": True, "positive": True}

    def describe(self) -> str:
        return "ℝ₊ (x > 0)"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        base = np.exp(rng.uniform(-1.5, 1.5, size=(k, *shape)))
        base *= _scales(rng, k).reshape((k,) + (1,) * len(shape))
        simple = rng.uniform(size=k) < 0.15
        base[simple] = rng.choice([0.5, 1.0, 2.0, 3.0], size=(int(simple.sum()), *shape))
        return base

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        return np.exp(rng.choice([-9.0, 9.0], size=(k, *shape)))


@dataclass(frozen=True)
class Nonnegative(Positive):
    """x >= 0."""

    def assumptions(self) -> dict[str, bool]:
        return {"real": True, "nonnegative": True}

    def describe(self) -> str:
        return "ℝ≥0 (x >= 0)"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        base = super().sample(rng, shape, k)
        zero = rng.uniform(size=(k, *shape)) < 0.05
        base[zero] = 0.0
        return base


@dataclass(frozen=True)
class Nonzero(Real):
    """x != 0."""

    def assumptions(self) -> dict[str, bool]:
        return {"real": True, "nonzero": True}

    def describe(self) -> str:
        return "ℝ∖{0}"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        base = super().sample(rng, shape, k)
        tiny = np.abs(base) < 1e-6
        base[tiny] = 1.0
        return base


@dataclass(frozen=True)
class Interval(Domain):
    """lo <= x <= hi (or open at either end)."""

    lo: float = 0.0
    hi: float = 1.0
    open_lo: bool = False
    open_hi: bool = False

    def assumptions(self) -> dict[str, bool]:
        out = {"real": True}
        if self.lo > 0 or (self.lo == 0 and self.open_lo):
            out["positive"] = True
        elif self.lo >= 0:
            out["nonnegative"] = True
        return out

    def describe(self) -> str:
        left = "(" if self.open_lo else "["
        right = ")" if self.open_hi else "]"
        return f"{left}{_num(self.lo)}, {_num(self.hi)}{right}"

    def validate(self, shape: Shape) -> None:
        empty = self.lo > self.hi or (self.lo == self.hi and (self.open_lo or self.open_hi))
        if empty or not (math.isfinite(self.lo) and math.isfinite(self.hi)):
            raise DomainError(f"interval {self.describe()} is empty or unbounded; give finite lo < hi")

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        width = self.hi - self.lo
        pad = width * 1e-9
        lo = self.lo + (pad if self.open_lo else 0.0)
        hi = self.hi - (pad if self.open_hi else 0.0)
        base = rng.uniform(lo, hi, size=(k, *shape))
        ends = rng.uniform(size=k) < 0.1
        base[ends] = rng.choice([lo, hi, (lo + hi) / 2], size=(int(ends.sum()), *shape))
        return base

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        width = self.hi - self.lo
        near = rng.choice([1e-7, 1 - 1e-7], size=(k, *shape))
        return self.lo + width * near


@dataclass(frozen=True)
class Integer(Domain):
    """lo <= x <= hi, x an integer."""

    lo: int = 1
    hi: int = 10

    def assumptions(self) -> dict[str, bool]:
        out = {"integer": True}
        if self.lo > 0:
            out["positive"] = True
        elif self.lo >= 0:
            out["nonnegative"] = True
        return out

    def describe(self) -> str:
        return f"{{{self.lo}, …, {self.hi}}}"

    def validate(self, shape: Shape) -> None:
        if self.lo > self.hi:
            raise DomainError(f"integer range {self.describe()} is empty")

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        return rng.integers(self.lo, self.hi + 1, size=(k, *shape)).astype(float)


# ----------------------------------------------------------------------------- vectors


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
        entries = list(_entries(target))
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


# ----------------------------------------------------------------------------- matrices


@dataclass(frozen=True)
class General(Real):
    """Any real matrix (some samples are rank-deficient)."""

    def describe(self) -> str:
        return "ℝ^{m×n}"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        out = super().sample(rng, shape, k)
        if len(shape) == 2 and min(shape) > 1:
            low = np.flatnonzero(rng.uniform(size=k) < 0.1)
            for i in low:
                r = int(rng.integers(1, min(shape)))
                out[i] = rng.standard_normal((shape[0], r)) @ rng.standard_normal((r, shape[1]))
        return out


@dataclass(frozen=True)
class Symmetric(Domain):
    """A = Aᵀ."""

    needs: ClassVar[str] = "square"

    def describe(self) -> str:
        return "symmetric"

    def relation_text(self, label: str) -> str | None:
        return f"{label} = {label}ᵀ"

    def relations(self, target: sp.Basic) -> dict[sp.Symbol, sp.Expr]:
        return _symmetric_relations(target)

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        a = Real().sample(rng, shape, k)
        return (a + np.swapaxes(a, -1, -2)) / 2


@dataclass(frozen=True)
class SPD(Symmetric):
    """A = Aᵀ and A ≻ 0 (eigenvalues in [0.1, 10] by default; corners up to cond 1e6)."""

    def describe(self) -> str:
        return "symmetric positive definite"

    def relation_text(self, label: str) -> str | None:
        return f"{label} = {label}ᵀ ≻ 0"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        return _spectral(rng, shape[0], k, lambda: np.exp(rng.uniform(-2.3, 2.3, shape[0])))

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        return _spectral(rng, shape[0], k, lambda: np.geomspace(1e-6, 1.0, shape[0]))


@dataclass(frozen=True)
class PSD(Symmetric):
    """A = Aᵀ and A ⪰ 0; some samples are singular."""

    def describe(self) -> str:
        return "symmetric positive semidefinite"

    def relation_text(self, label: str) -> str | None:
        return f"{label} = {label}ᵀ ⪰ 0"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        n = shape[0]

        def spectrum() -> np.ndarray:
            lam = np.exp(rng.uniform(-2.3, 2.3, n))
            if n > 1 and rng.uniform() < 0.2:
                lam[rng.integers(0, n)] = 0.0
            return lam

        return _spectral(rng, n, k, spectrum)


@dataclass(frozen=True)
class Invertible(Domain):
    """A square matrix with singular values in [0.3, 3] (well conditioned)."""

    needs: ClassVar[str] = "square"

    def describe(self) -> str:
        return "invertible (well conditioned)"

    def relation_text(self, label: str) -> str | None:
        return f"det {label} ≠ 0"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        n = shape[0]
        out = np.empty((k, n, n))
        for i in range(k):
            u, v = _orthogonal(rng, n), _orthogonal(rng, n)
            out[i] = (u * np.exp(rng.uniform(-1.2, 1.1, n))) @ v
        return out

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        n = shape[0]
        out = np.empty((k, n, n))
        for i in range(k):
            u, v = _orthogonal(rng, n), _orthogonal(rng, n)
            out[i] = (u * np.geomspace(1e-6, 1.0, n)) @ v
        return out


@dataclass(frozen=True)
class Orthogonal(Domain):
    """QᵀQ = I."""

    needs: ClassVar[str] = "square"

    def describe(self) -> str:
        return "orthogonal"

    def relation_text(self, label: str) -> str | None:
        return f"{label}ᵀ{label} = I"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        return np.stack([_orthogonal(rng, shape[0]) for _ in range(k)])


@dataclass(frozen=True)
class Diagonal(Domain):
    """A diagonal matrix with real entries."""

    needs: ClassVar[str] = "square"

    def describe(self) -> str:
        return "diagonal"

    def relation_text(self, label: str) -> str | None:
        return f"{label} diagonal"

    def relations(self, target: sp.Basic) -> dict[sp.Symbol, sp.Expr]:
        m = sp.ImmutableMatrix(target)
        return {
            m[i, j]: sp.Integer(0)
            for i in range(m.rows)
            for j in range(m.cols)
            if i != j and isinstance(m[i, j], sp.Symbol)
        }

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        d = Real().sample(rng, (shape[0],), k)
        out = np.zeros((k, *shape))
        idx = np.arange(shape[0])
        out[:, idx, idx] = d
        return out


# ----------------------------------------------------------------------------- helpers


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(x)


def _entries(target: sp.Basic) -> list[sp.Symbol]:
    if isinstance(target, sp.MatrixBase):
        return [e for e in target if isinstance(e, sp.Symbol)]
    return [target] if isinstance(target, sp.Symbol) else []


def _symmetric_relations(target: sp.Basic) -> dict[sp.Symbol, sp.Expr]:
    m = sp.ImmutableMatrix(target)
    return {m[i, j]: m[j, i] for i in range(m.rows) for j in range(i) if isinstance(m[i, j], sp.Symbol)}


def _orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def _spectral(rng: np.random.Generator, n: int, k: int, spectrum: object) -> np.ndarray:
    out = np.empty((k, n, n))
    for i in range(k):
        q = _orthogonal(rng, n)
        lam = spectrum()  # type: ignore[operator]
        out[i] = (q * lam) @ q.T
        out[i] = (out[i] + out[i].T) / 2
    return out
