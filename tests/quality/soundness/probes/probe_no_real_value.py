"""Sides with no real value at a point of a real domain, which the numeric checks must see as findings (helper-77's
red team, /num_findings): sympy refusing Max(i, 0) or √x > 1 at x = −1 was an internal error of the verifier.

A "partial" probe is complex or undefined on part of its declared real domain: REFUTED there, or an ERROR "narrow the
domain", never PROVED or CHECKED. Where sympy itself refuses the witness (Max(i, 0) "is not comparable"), the probe
has no witness and its docstring says where it is undefined.
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Real, claim

x = sp.Symbol("x")


@claim(expect="refuted")
def max_of_a_root() -> Identity:
    """max(√x, 0) = √max(x, 0) on ℝ: the left side is undefined at x = −1 (max(i, 0) has no value)."""
    return Identity(sp.Max(sp.sqrt(x), 0), sp.sqrt(sp.Max(x, 0)), where={x: Real()})


@claim(expect="refuted")
def piecewise_on_a_root() -> Identity:
    """[√x > 1] = H(x − 1) (H(0) = 0) on ℝ: the left side is undefined at x = −1 (i > 1 is no statement)."""
    return Identity(sp.Piecewise((1, sp.sqrt(x) > 1), (0, True)), sp.Heaviside(x - 1, 0), where={x: Real()})


TRUTH = {
    "max_of_a_root": ("partial", 2, None),
    "piecewise_on_a_root": ("partial", 2, None),
}
