"""The functions scipy.special evaluates for the numeric walk (`verifier.numeric.compile`), and the module itself
imported on the first claim that needs it: 0.15 s of CPU and some 250 modules (scipy's array API layer loads
numpy.f2py) that a trivial `check` used to pay, and the claims of most derivation modules never use.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import sympy as sp

from verifier.strategies.budget import unmetered

Op = Callable[..., Any]


def scipy_special() -> ModuleType:
    """scipy.special, imported on first use, outside the claim's budget (like the search's scipy.optimize)."""
    if "scipy.special" not in sys.modules:  # else no unmetered block: its young collection would move the count
        with unmetered():
            importlib.import_module("scipy.special")
    return sys.modules["scipy.special"]


# the functions scipy.special evaluates, each looked up in it when a claim first needs one
SPECIAL: dict[type, Callable[[Any], Op]] = {
    sp.erf: lambda s: s.erf,
    sp.erfc: lambda s: s.erfc,
    sp.erfinv: lambda s: s.erfinv,
    sp.erfcinv: lambda s: s.erfcinv,
    sp.gamma: lambda s: s.gamma,
    sp.loggamma: lambda s: s.loggamma,
    sp.digamma: lambda s: s.psi,
    sp.polygamma: lambda s: lambda m, x: s.polygamma(np.asarray(np.real(m)).astype(int), x),
    sp.beta: lambda s: s.beta,
    sp.besselj: lambda s: s.jv,
    sp.bessely: lambda s: s.yv,
    sp.besseli: lambda s: s.iv,
    sp.besselk: lambda s: s.kv,
    sp.lowergamma: lambda s: lambda a, x: s.gamma(a) * s.gammainc(a, x),
    sp.uppergamma: lambda s: lambda a, x: s.gamma(a) * s.gammaincc(a, x),
}


# what a derivation file writes when its claims evaluate a function of scipy.special: one of those functions, or
# the library's and the LaTeX reader's names for the normal CDF and GELU (both are erf), called (`sp.erf(x)`,
# `\\operatorname{erf}(x)`, `Φ(x)`, `\\Phi`; not LaTeX's Greek `\\gamma (x)`); or scipy imported (an _imp_ may call it)
_NAMES = sorted({f.__name__ for f in SPECIAL} | {"gelu", "normal_cdf", "normalcdf", "normcdf", "ndtr", "Φ", "Phi"})
_NAMED = re.compile(
    r"(?<![A-Za-z0-9_\\])(?:" + "|".join(map(re.escape, _NAMES)) + r")\s*\}?\s*\(|\\Phi\b|(?:import|from)\s+scipy\b"
)


def named_in(text: str) -> bool:
    """Whether a derivation file's text names a function scipy.special evaluates (or imports scipy).

    The process that holds a module imports scipy.special before it forks the module's workers when the file does
    (`verifier.run.plan.hold_module`): once per module, where each of its claims imported it again, 0.24 s of CPU
    each. A pure function of the file's text, so a claim starts from the same state at every door; a name in a
    comment (`gamma` for batch norm's scale) only costs that holder the import."""
    return _NAMED.search(text) is not None
