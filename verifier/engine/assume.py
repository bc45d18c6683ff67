"""The catalogue of missing assumptions: a declared symbol narrowed to a domain students forget (issue 41).

For a symbol declared on the whole real line (or a size range from 1): a vector on the simplex
(Σy = 1), a square matrix symmetric or invertible, a scalar positive (x > 0), nonnegative (g ≥ 0 for
√(g²) = g) or nonzero, an integer n ≥ 2. A narrowing that still holds the counterexample is skipped
at once (the step fails inside it). Like the slips, these are proposals: the diagnosis verifies each.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sympy as sp

from verifier.language.domains import General, Invertible, Nonnegative, Nonzero, Positive, Real, Simplex, Symmetric
from verifier.language.domains.base import Domain
from verifier.language.domains.scalar import Integer


@dataclass(frozen=True)
class Assumption:
    """One narrowing: the where list with one symbol's domain replaced, and how to say and declare it."""

    where: list[tuple[Any, Domain]]
    said: str  # "y ∈ Δ (probability simplex)"
    declare: str  # "y: simplex"


def _narrowers(target: Any, domain: Domain) -> list[tuple[Domain, str, str]]:
    """(narrower domain, its condition in words, the declaration's word) for a symbol of this shape."""
    shape = getattr(target, "shape", ())
    if isinstance(domain, Integer) and domain.lo < 2 <= domain.hi and not shape:
        return [(Integer(2, domain.hi), "≥ 2", f"2..{domain.hi}")]
    if type(domain) not in (Real, General):
        return []
    if shape and shape[1] == 1 and shape[0] > 1:
        return [(Simplex(), "∈ Δ (probability simplex)", "simplex")]
    if shape and shape[0] == shape[1] and shape[0] > 1:
        return [(Symmetric(), "symmetric", "symmetric"), (Invertible(), "invertible", "invertible")]
    if not shape or shape == (1, 1):
        return [(Nonnegative(), "≥ 0", "nonnegative"), (Positive(), "> 0", "positive"), (Nonzero(), "≠ 0", "nonzero")]
    return []


def _inside(domain: Domain, target: Any, point: dict[sp.Symbol, sp.Rational]) -> bool:
    """The counterexample lies in the narrowed domain (so the step fails there too)."""
    entries = list(target) if isinstance(target, sp.MatrixBase) else [target]
    values = [point.get(e) for e in entries]
    if any(v is None for v in values):
        return False
    try:
        return bool(domain.contains_exactly([sp.Rational(v) for v in values if v is not None]))
    except Exception:  # a domain that cannot say: try the narrowing
        return False


def assumptions(
    where: list[tuple[Any, Domain]], labels: list[str], point: dict[sp.Symbol, sp.Rational]
) -> Iterator[Assumption]:
    """Each catalogue narrowing of one declared symbol, in declaration order, that excludes the counterexample."""
    for i, (target, domain) in enumerate(where):
        label = labels[i] if i < len(labels) else sp.sstr(target)
        for narrower, condition, word in _narrowers(target, domain):
            if point and _inside(narrower, target, point):
                continue
            narrowed = [*where[:i], (target, narrower), *where[i + 1 :]]
            said = f"{label} is {condition}" if condition in ("symmetric", "invertible") else f"{label} {condition}"
            yield Assumption(narrowed, said, f"{label}: {word}")


def off_diagonal(matrix: Any) -> Any:
    """The entries of a square matrix off its diagonal, as a column (i ≠ j)."""
    return sp.ImmutableMatrix([matrix[i, j] for i in range(matrix.rows) for j in range(matrix.cols) if i != j])
