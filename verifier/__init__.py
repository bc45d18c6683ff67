"""A symbolic derivation verifier for machine-learning mathematics.

State claims as data (see :mod:`verifier.claims`), then prove them symbolically,
spot-check them numerically and get an honest verdict: PROVED, CHECKED, REFUTED,
UNKNOWN or ERROR.
"""

from __future__ import annotations

from verifier.claims import (
    PSD,
    Certificate,
    Claim,
    ClaimFamily,
    Convergence,
    Convex,
    Corollary,
    Derivative,
    Expect,
    Expectation,
    Identity,
    Inequality,
    Limit,
    claim,
)
from verifier.distributions import Bernoulli, Normal, Uniform
from verifier.domains import (
    SPD,
    Diagonal,
    General,
    Integer,
    Interval,
    Invertible,
    Nonnegative,
    Nonzero,
    OneHot,
    Orthogonal,
    Positive,
    PSDMatrix,
    Real,
    Simplex,
    Symmetric,
)
from verifier.notebook import register as _register_notebook_display
from verifier.stepwise import Chain, Step

_register_notebook_display()

__version__ = "0.1.0"


def verify(target: object, **options: object) -> object:
    """Verify a claim, or every claim of a derivation file; see :func:`verifier.api.verify`."""
    from verifier.api import verify as _verify

    return _verify(target, **options)  # type: ignore[arg-type]


__all__ = [
    "PSD",
    "SPD",
    "Bernoulli",
    "Certificate",
    "Chain",
    "Claim",
    "ClaimFamily",
    "Convergence",
    "Convex",
    "Corollary",
    "Derivative",
    "Diagonal",
    "Expect",
    "Expectation",
    "General",
    "Identity",
    "Inequality",
    "Integer",
    "Interval",
    "Invertible",
    "Limit",
    "Nonnegative",
    "Nonzero",
    "Normal",
    "OneHot",
    "Orthogonal",
    "PSDMatrix",
    "Positive",
    "Real",
    "Simplex",
    "Step",
    "Symmetric",
    "Uniform",
    "claim",
    "verify",
]
