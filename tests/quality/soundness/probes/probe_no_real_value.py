"""Sides with no real value at a point of a real domain, which the numeric checks must see as findings (helper-77's
red team, /num_findings): sympy refusing Max(i, 0) or √x > 1 at x = −1 was an internal error of the verifier.

A "partial" probe is complex or undefined on part of its declared real domain: REFUTED there, or an ERROR "narrow the
domain", never PROVED or CHECKED. Where sympy itself refuses the witness (Max(i, 0) "is not comparable"), the probe
has no witness and its docstring says where it is undefined.
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Inequality, Nonnegative, Real, claim

x = sp.Symbol("x")


@claim(expect="refuted")
def max_of_a_root() -> Identity:
    """max(√x, 0) = √max(x, 0) on ℝ: the left side is undefined at x = −1 (max(i, 0) has no value)."""
    return Identity(sp.Max(sp.sqrt(x), 0), sp.sqrt(sp.Max(x, 0)), where={x: Real()})


@claim(expect="refuted")
def piecewise_on_a_root() -> Identity:
    """[√x > 1] = H(x − 1) (H(0) = 0) on ℝ: the left side is undefined at x = −1 (i > 1 is no statement)."""
    return Identity(sp.Piecewise((1, sp.sqrt(x) > 1), (0, True)), sp.Heaviside(x - 1, 0), where={x: Real()})


@claim(expect="refuted")
def max_of_a_root_is_nonnegative() -> Inequality:
    """max(√x, 0) ≥ 0 on ℝ: undefined at x = −1 (PROVED "wherever both sides are real", every x < 0 skipped)."""
    return Inequality(sp.Max(sp.sqrt(x), 0), ">=", 0, where={x: Real()})


@claim(expect="refuted")
def atan2_of_a_root() -> Identity:
    """atan2(√x, 1) = atan √max(x, 0) on ℝ: the left side is undefined at x = −1 (atan2 of i)."""
    return Identity(sp.atan2(sp.sqrt(x), 1), sp.atan(sp.sqrt(sp.Max(x, 0))), where={x: Real()})


@claim(expect="refuted")
def min_of_a_logarithm() -> Inequality:
    """min(log x, 5) ≤ 5 on ℝ: undefined at x = −1 (min(iπ, 5))."""
    return Inequality(sp.Min(sp.log(x), 5), "<=", 5, where={x: Real()})


@claim()
def max_of_a_root_where_it_is_real() -> Inequality:
    """max(√x, 0) ≥ 0 for x ≥ 0.
    √x ≥ 0 there, so the maximum is √x ≥ 0."""
    return Inequality(sp.Max(sp.sqrt(x), 0), ">=", 0, where={x: Nonnegative()})


@claim()
def max_of_a_cosine_written_with_i() -> Identity:
    """max((e^{ix} + e^{−ix})/2, −1) = cos x on ℝ.
    Euler: (e^{ix} + e^{−ix})/2 = cos x ≥ −1, real; its float imaginary part is round-off, not a finding."""
    return Identity(sp.Max((sp.exp(sp.I * x) + sp.exp(-sp.I * x)) / 2, -1), sp.cos(x), where={x: Real()})


@claim(expect="refuted")
def piecewise_on_a_root_is_nonnegative() -> Inequality:
    """[√x > 1] ≥ 0 on ℝ: undefined at x = −1 (i > 1 is no statement). The float walk took the real part of √x
    in the condition, 0 > 1, and the claim was PROVED "wherever both sides are real" on samples that never saw
    its undefined half (helper-78)."""
    return Inequality(sp.Piecewise((1, sp.sqrt(x) > 1), (0, True)), ">=", 0, where={x: Real()})


@claim(expect="refuted")
def piecewise_on_a_logarithm_in_a_conjunction() -> Inequality:
    """[x < 5 and log x > 0] ≤ 1 on ℝ: undefined at x = −1, where x < 5 holds and log x > 0 is no statement."""
    cond = sp.And(x < 5, sp.log(x) > 0, evaluate=False)
    return Inequality(sp.Piecewise((1, cond), (0, True)), "<=", 1, where={x: Real()})


@claim()
def piecewise_whose_root_is_guarded() -> Inequality:
    """[x > 0 and √x > 1] ≥ 0 on ℝ: the condition is read left to right, as sympy and a textbook read it: where
    x ≤ 0 its first part fails, and √x is never compared, so the row is 0 there. True everywhere on ℝ."""
    cond = sp.And(x > 0, sp.sqrt(x) > 1, evaluate=False)
    return Inequality(sp.Piecewise((1, cond), (0, True)), ">=", 0, where={x: Real()})


@claim()
def piecewise_whose_first_row_decides_first() -> Identity:
    """[x < 0 ? 0 : (√x > 1 ? 1 : 0)] = H(x − 1) on ℝ (H(1) = 0).
    √x is compared only where x ≥ 0, and there √x > 1 iff x > 1; for x < 0 both sides are 0."""
    f = sp.Piecewise((0, x < 0), (1, sp.sqrt(x) > 1), (0, True))
    return Identity(f, sp.Heaviside(x - 1, 0), where={x: Real()})


TRUTH = {
    "max_of_a_root": ("partial", 2, None),
    "piecewise_on_a_root": ("partial", 2, None),
    "max_of_a_root_is_nonnegative": ("partial", 2, None),
    "atan2_of_a_root": ("partial", 2, None),
    "min_of_a_logarithm": ("partial", 2, None),
    "max_of_a_root_where_it_is_real": ("true", 2, None),
    "max_of_a_cosine_written_with_i": ("true", 2, None),
    "piecewise_on_a_root_is_nonnegative": ("partial", 2, None),
    "piecewise_on_a_logarithm_in_a_conjunction": ("partial", 2, None),
    "piecewise_whose_root_is_guarded": ("true", 2, None),
    "piecewise_whose_first_row_decides_first": ("true", 2, None),
}
