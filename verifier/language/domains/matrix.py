"""Matrix domains: general, symmetric, SPD, PSD, invertible, orthogonal, diagonal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import sympy as sp

from verifier.language.domains.base import (
    Domain,
    Parametrisation,
    Shape,
    orthogonal_sample,
    scaled,
    spectral,
    symmetric_relations,
)
from verifier.language.domains.exact import (
    dyadic_gram,
    exactly_orthogonal,
    is_orthogonal,
    is_semidefinite,
    is_singular,
    is_symmetric,
    square,
)
from verifier.language.domains.scalar import Real


def _stack(*mats: np.ndarray) -> np.ndarray:
    return np.stack([np.asarray(m, dtype=float) for m in mats])


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
        return symmetric_relations(target)

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        a = Real().sample(rng, shape, k)
        return (a + np.swapaxes(a, -1, -2)) / 2

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        m = square(values)
        return None if m is None else is_symmetric(m)

    def special_points(self, shape: Shape) -> np.ndarray:
        n = shape[0]
        return _stack(np.zeros((n, n)), np.eye(n), -np.eye(n), np.ones((n, n)), np.eye(n)[::-1])


@dataclass(frozen=True)
class SPD(Symmetric):
    """A = Aᵀ and A ≻ 0 (eigenvalues in [0.1, 10] times a dyadic scale, 2⁻¹⁰ to 16; corners up to cond 1e6)."""

    def describe(self) -> str:
        return "symmetric positive definite"

    def relation_text(self, label: str) -> str | None:
        return f"{label} = {label}ᵀ ≻ 0"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        return scaled(rng, spectral(rng, shape[0], k, lambda: np.exp(rng.uniform(-2.3, 2.3, shape[0]))))

    def parametrisation(self, target: sp.Basic) -> Parametrisation | None:
        return cholesky(target, strict=True)

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        return spectral(rng, shape[0], k, lambda: np.geomspace(1e-6, 1.0, shape[0]))

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        m = square(values)
        return None if m is None else is_symmetric(m) and is_semidefinite(m, strict=True)

    def special_points(self, shape: Shape) -> np.ndarray:
        n = shape[0]
        return _stack(np.eye(n), 2 * np.eye(n), np.eye(n) + np.ones((n, n)), np.diag(np.arange(1.0, n + 1)))


@dataclass(frozen=True)
class PSDMatrix(Symmetric):
    """A = Aᵀ and A ⪰ 0; some samples are singular."""

    def describe(self) -> str:
        return "symmetric positive semidefinite"

    def relation_text(self, label: str) -> str | None:
        return f"{label} = {label}ᵀ ⪰ 0"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        """Well-conditioned points from a spectrum in [0.1, 10]; 20% singular ones, built as LLᵀ with
        L exactly representable and of rank n − 1, so that the float sample is exactly PSD; each times a
        dyadic scale, which keeps it exactly PSD."""
        n = shape[0]
        out = spectral(rng, n, k, lambda: np.exp(rng.uniform(-2.3, 2.3, n)))
        if n > 1:
            singular = np.flatnonzero(rng.uniform(size=k) < 0.2)
            out[singular] = dyadic_gram(rng, n, n - 1, len(singular))
        return scaled(rng, out)

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        m = square(values)
        return None if m is None else is_symmetric(m) and is_semidefinite(m, strict=False)

    def special_points(self, shape: Shape) -> np.ndarray:
        n = shape[0]
        e1 = np.zeros((n, n))
        e1[0, 0] = 1.0
        return _stack(np.zeros((n, n)), np.eye(n), np.ones((n, n)), e1)

    def parametrisation(self, target: sp.Basic) -> Parametrisation | None:
        return cholesky(target, strict=False)


CHOLESKY_MAX = 6  # LLᵀ stays cheap to expand up to here


def cholesky(target: sp.Basic, strict: bool) -> Parametrisation | None:
    """A = LLᵀ, L lower triangular with Lᵢᵢ > 0 (≥ 0 for PSD): every SPD (PSD) matrix has one (Horn &
    Johnson, Matrix Analysis, Cor. 7.2.9), so Aᵢᵢ = Σⱼ Lᵢⱼ² and the leading minors Π Lᵢᵢ² are > 0 (≥ 0)."""
    m = sp.ImmutableMatrix(target)
    n = m.rows
    symbols = all(isinstance(m[i, j], sp.Symbol) for i in range(n) for j in range(i, m.cols))
    if n != m.cols or n > CHOLESKY_MAX or not symbols:
        return None
    sign = {"positive": True} if strict else {"nonnegative": True}
    stem = m[0, 0].name

    def entry(i: int, j: int) -> sp.Expr:
        if j > i:
            return sp.Integer(0)
        return sp.Symbol(f"L{i + 1}{j + 1}_{stem}", real=True, **(sign if i == j else {}))

    ell = sp.Matrix(n, n, entry)
    a = ell * ell.T
    entries = {m[i, j]: sp.expand(a[i, j]) for i in range(n) for j in range(i, n)}
    word, rel = ("≻", ">") if strict else ("⪰", "≥")
    text = (
        f"{stem[:1]} {word} 0 as LLᵀ, L lower triangular, Lᵢᵢ {rel} 0 (Cholesky): diagonal entries, "
        f"leading principal minors and det = ΠLᵢᵢ² {rel} 0"
    )
    return Parametrisation(entries, text)


@dataclass(frozen=True)
class Invertible(Domain):
    """A square matrix; samples have singular values in [0.3, 3] (well conditioned) times a dyadic scale."""

    needs: ClassVar[str] = "square"

    def describe(self) -> str:
        return "invertible (well conditioned)"

    def relation_text(self, label: str) -> str | None:
        return f"det {label} ≠ 0"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        n = shape[0]
        out = np.empty((k, n, n))
        for i in range(k):
            u, v = orthogonal_sample(rng, n), orthogonal_sample(rng, n)
            out[i] = (u * np.exp(rng.uniform(-1.2, 1.1, n))) @ v
        return scaled(rng, out)

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        n = shape[0]
        out = np.empty((k, n, n))
        for i in range(k):
            u, v = orthogonal_sample(rng, n), orthogonal_sample(rng, n)
            out[i] = (u * np.geomspace(1e-6, 1.0, n)) @ v
        return out

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        m = square(values)
        return None if m is None else not is_singular(m)

    def special_points(self, shape: Shape) -> np.ndarray:
        n = shape[0]
        return _stack(np.eye(n), -np.eye(n), np.eye(n)[::-1], np.diag(np.arange(1.0, n + 1)))


@dataclass(frozen=True)
class Orthogonal(Domain):
    """QᵀQ = I."""

    needs: ClassVar[str] = "square"

    def describe(self) -> str:
        return "orthogonal"

    def relation_text(self, label: str) -> str | None:
        return f"{label}ᵀ{label} = I"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        return np.stack([orthogonal_sample(rng, shape[0]) for _ in range(k)])

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        m = square(values)
        return None if m is None else is_orthogonal(m)

    def special_points(self, shape: Shape) -> np.ndarray:
        n = shape[0]
        flip = np.eye(n)
        flip[0, 0] = -1.0
        return _stack(np.eye(n), -np.eye(n), np.eye(n)[::-1], flip)

    def exact_values(self, floats: np.ndarray) -> list[sp.Rational]:
        """Floats are orthogonal to ~1e-16 only: the nearby exactly orthogonal rational matrix (Cayley)."""
        plain = super().exact_values(floats)
        m = square(plain)
        if m is None or is_orthogonal(m):
            return plain
        try:
            return exactly_orthogonal(np.asarray(floats, dtype=float).reshape(len(m), len(m)))
        except (np.linalg.LinAlgError, ZeroDivisionError, StopIteration):
            return plain


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

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        m = square(values)
        return None if m is None else all(m[i][j] == 0 for i in range(len(m)) for j in range(len(m)) if i != j)

    def special_points(self, shape: Shape) -> np.ndarray:
        n = shape[0]
        mixed = np.diag([(0.0, 1.0, -1.0, 2.0)[i % 4] for i in range(n)])
        return _stack(np.zeros((n, n)), np.eye(n), mixed)

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        d = Real().sample(rng, (shape[0],), k)
        out = np.zeros((k, *shape))
        idx = np.arange(shape[0])
        out[:, idx, idx] = d
        return out


@dataclass(frozen=True)
class FullColumnRank(General):
    """A real m×n matrix of rank n (XᵀX invertible): least squares has one solution."""

    def describe(self) -> str:
        return "full column rank"

    def relation_text(self, label: str) -> str | None:
        return f"rank {label} = its number of columns ({label}ᵀ{label} invertible)"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        return Real().sample(rng, shape, k)  # Gaussian matrices have full rank with probability 1

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        return self.sample(rng, shape, k)

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        return None  # needs the shape

    def contains_exactly_shaped(self, values: Sequence[sp.Rational], shape: Shape) -> bool | None:
        if len(shape) != 2:
            return None
        return bool(sp.Matrix(shape[0], shape[1], list(values)).rank() == shape[1])

    def special_points(self, shape: Shape) -> np.ndarray:
        if len(shape) != 2 or shape[0] < shape[1]:
            return np.empty((0, *shape))
        return _stack(np.eye(shape[0], shape[1]), np.eye(shape[0], shape[1], k=-(shape[0] - shape[1])))
