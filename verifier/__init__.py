"""A symbolic derivation verifier for machine-learning mathematics.

State claims as data (see :mod:`verifier.language.claims`), then prove them symbolically,
spot-check them numerically and get an honest verdict: PROVED, CHECKED, REFUTED,
UNKNOWN or ERROR.

``import verifier`` is light: the names below are imported on first use (PEP 562), so
``verifier --version`` and ``--help`` never load sympy. Claims and results get their
Jupyter display (:mod:`verifier.render.notebook`) when the first of those names is used, when
:func:`verify` runs, or at once inside IPython.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

from verifier import moved

if TYPE_CHECKING:
    from verifier.language.claims import (
        PSD,
        Certificate,
        Convergence,
        Convex,
        Corollary,
        Derivative,
        Expectation,
        Identity,
        Inequality,
        Limit,
    )
    from verifier.language.distributions import Bernoulli, Distribution, Normal, Uniform
    from verifier.language.domains import (
        SPD,
        Diagonal,
        Domain,
        FullColumnRank,
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
    from verifier.language.families import Claim, ClaimFamily, claim
    from verifier.language.mathlib import (
        Matrix,
        apply,
        covariance,
        diag,
        dot,
        frobenius_sq,
        gelu,
        hadamard,
        identity,
        log_sum_exp,
        matrix,
        normal_cdf,
        normal_pdf,
        numeric_function,
        ones,
        scalar,
        scalars,
        sigmoid,
        smooth_function,
        softmax,
        squared_norm,
        sum_entries,
        trace,
        vector,
    )
    from verifier.language.stepwise import Chain, Implication, Relation, Step
    from verifier.outcome import Expect

__version__ = "0.1.0"

_CLAIMS: tuple[str, ...] = ("PSD", "Certificate", "Convergence", "Convex", "Corollary")
_CLAIMS += ("Derivative", "Expectation", "Identity", "Inequality", "Limit")
_DOMAINS: tuple[str, ...] = ("SPD", "Diagonal", "General", "Integer", "Interval", "Invertible", "Nonnegative")
_DOMAINS += ("Nonzero", "OneHot", "Orthogonal", "Positive", "PSDMatrix", "Real", "Simplex", "Symmetric")
_MATHLIB: tuple[str, ...] = ("Matrix", "apply", "covariance", "diag", "dot", "frobenius_sq", "gelu", "hadamard")
_MATHLIB += ("identity", "log_sum_exp", "matrix", "normal_cdf", "normal_pdf", "numeric_function", "ones", "scalar")
_MATHLIB += ("scalars", "sigmoid", "smooth_function", "softmax", "squared_norm", "sum_entries", "trace", "vector")
_HOME = {
    **dict.fromkeys(_MATHLIB, "verifier.language.mathlib"),
    **dict.fromkeys(("Domain", "FullColumnRank"), "verifier.language.domains"),
    "Distribution": "verifier.language.distributions",
    **dict.fromkeys(("Implication", "Relation"), "verifier.language.stepwise"),
    **dict.fromkeys(_CLAIMS, "verifier.language.claims"),
    **dict.fromkeys(("Claim", "ClaimFamily", "claim"), "verifier.language.families"),
    **dict.fromkeys(_DOMAINS, "verifier.language.domains"),
    **dict.fromkeys(("Bernoulli", "Normal", "Uniform"), "verifier.language.distributions"),
    **dict.fromkeys(("Chain", "Step"), "verifier.language.stepwise"),
    "Expect": "verifier.outcome",
}


def __getattr__(name: str) -> object:
    """A public name, imported from its module on first use (and then kept here)."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'verifier' has no attribute {name!r}")
    _register_notebook_display()
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def _register_notebook_display() -> None:
    from verifier.render.notebook import register

    register()


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def verify(target: object, **options: object) -> object:
    """Verify a statement, a @claim function, or every claim of a file; see :func:`verifier.api.verify`."""
    from verifier.api import verify as _verify

    _register_notebook_display()
    return _verify(target, **options)  # type: ignore[arg-type]


moved.install()  # the import paths of earlier releases, with a DeprecationWarning (verifier/moved.py)

if "IPython" in sys.modules:  # a notebook: display claims and results whichever way they were imported
    _register_notebook_display()

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
    "Distribution",
    "Domain",
    "Expect",
    "Expectation",
    "FullColumnRank",
    "General",
    "Identity",
    "Implication",
    "Inequality",
    "Integer",
    "Interval",
    "Invertible",
    "Limit",
    "Matrix",
    "Nonnegative",
    "Nonzero",
    "Normal",
    "OneHot",
    "Orthogonal",
    "PSDMatrix",
    "Positive",
    "Real",
    "Relation",
    "Simplex",
    "Step",
    "Symmetric",
    "Uniform",
    "apply",
    "claim",
    "covariance",
    "diag",
    "dot",
    "frobenius_sq",
    "gelu",
    "hadamard",
    "identity",
    "log_sum_exp",
    "matrix",
    "normal_cdf",
    "normal_pdf",
    "numeric_function",
    "ones",
    "scalar",
    "scalars",
    "sigmoid",
    "smooth_function",
    "softmax",
    "squared_norm",
    "sum_entries",
    "trace",
    "vector",
    "verify",
]
