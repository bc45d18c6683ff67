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

from verifier.language.domains.base import Domain, DomainError, Shape
from verifier.language.domains.matrix import (
    SPD,
    Diagonal,
    FullColumnRank,
    General,
    Invertible,
    Orthogonal,
    PSDMatrix,
    Symmetric,
)
from verifier.language.domains.scalar import Integer, Interval, Nonnegative, Nonzero, Positive, Real
from verifier.language.domains.vector import OneHot, Simplex

# the domains that are convex sets, by exact type (a FullColumnRank is a General and a OneHot a Simplex, and
# neither is convex): the only ones a convexity claim's variable may range over, since f(θa + (1 − θ)b) is
# evaluated between two points of the domain
CONVEX_SETS = (Real, General, Positive, Nonnegative, Interval, Simplex, Symmetric, SPD, PSDMatrix, Diagonal)


def is_convex(domain: Domain) -> bool:
    """Whether the domain is known to be a convex set (every segment between two of its points lies in it)."""
    return type(domain) in CONVEX_SETS


__all__ = [
    "CONVEX_SETS",
    "SPD",
    "Diagonal",
    "Domain",
    "DomainError",
    "FullColumnRank",
    "General",
    "Integer",
    "Interval",
    "Invertible",
    "Nonnegative",
    "Nonzero",
    "OneHot",
    "Orthogonal",
    "PSDMatrix",
    "Positive",
    "Real",
    "Shape",
    "Simplex",
    "Symmetric",
    "is_convex",
]
