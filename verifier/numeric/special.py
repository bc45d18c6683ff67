"""The functions scipy.special evaluates for the numeric walk (`verifier.numeric.compile`), and the module itself
imported on the first claim that needs it: 0.15 s of CPU and some 250 modules (scipy's array API layer loads
numpy.f2py) that a trivial `check` used to pay, and the claims of most derivation modules never use.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import sympy as sp

from verifier.strategies.budget import first_use

Op = Callable[..., Any]


def scipy_special() -> ModuleType:
    """scipy.special, imported on first use, outside the claim's budget (like the search's Clarabel)."""
    (special,) = first_use("scipy.special")
    return special


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
