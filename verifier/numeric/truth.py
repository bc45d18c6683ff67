"""Truth values in the float walk: the conditions of a Piecewise, their orders and their logic.

A condition's value is 1.0 (holds), 0.0 (fails) or NaN (no statement: an order of a non-real number). The
mpmath walk (mpeval) raises NoRealValue at such an order and takes And, Or and Piecewise left to right, stopping
at the first operand that decides; the float walk computes the same thing for a whole batch of samples at once,
so a sample undefined in high precision is undefined here too, and goes to the definedness probe.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sympy as sp

Op = Callable[..., Any]
__all__ = ["RELATIONS", "piecewise", "real_or_nan"]


def real_or_nan(x: Any) -> Any:
    """x's real part, NaN where x is not real beyond round-off: a function defined on the reals only (max, atan2,
    floor, H) has no value at a non-real argument, and NaN sends the sample to the definedness probe (np.real made
    max(√x, 0) real, 0, at every x < 0, and max(√x, 0) ≥ 0 on ℝ was PROVED on its samples: helper-77)."""
    if not np.iscomplexobj(x):
        return np.real(x)
    x = np.asarray(x)
    with np.errstate(invalid="ignore"):
        off = np.abs(x.imag) > 1e-12 * np.maximum(np.abs(x.real), 1.0)
    return np.where(off, np.nan, x.real) if np.any(off) else x.real


def piecewise(*pairs: tuple[Any, Any]) -> Any:
    """The first row whose condition holds, as sympy and the mpmath walk take it. A condition is a truth value
    (1.0, 0.0, or NaN where it has no value: an order of a non-real number, see order); a point whose first
    undecided condition has no value has no value either, as in the mpmath walk, which stops there."""
    values, conditions = [p[0] for p in pairs], [_truth(p[1]) for p in pairs]
    shape = np.broadcast(*values, *conditions).shape
    out = np.full(shape, np.nan, dtype=np.result_type(*values, float))
    taken = np.zeros(shape, dtype=bool)
    for value, cond in zip(values, conditions, strict=True):
        cond = np.broadcast_to(cond, shape)
        pick = (cond == 1.0) & ~taken
        out = np.where(pick, value, out)
        taken |= pick | np.isnan(cond)
    return out


def _truth(x: Any) -> Any:
    return np.asarray(x, dtype=float)


def order(compare: Callable[[Any, Any], Any]) -> Op:
    """An order between two numbers, as a truth value: NaN where either is not real beyond round-off (√x > 1 at
    x = −1 is no statement; np.real made it 0 > 1, false, and Piecewise((1, √x > 1), (0, True)) ≥ 0 on ℝ was
    PROVED on samples that never saw its undefined half: helper-78)."""

    def order(a: Any, b: Any) -> Any:
        ra, rb = real_or_nan(a), real_or_nan(b)
        with np.errstate(invalid="ignore"):
            held = _truth(compare(ra, rb))
        return np.where(np.isnan(ra) | np.isnan(rb), np.nan, held)

    return order


def _and(*a: Any) -> Any:
    """Left to right, stopping at the first false or undefined operand, as the mpmath walk does."""
    out = _truth(a[0])
    for v in a[1:]:
        out = np.where(out == 1.0, _truth(v), out)
    return out


def _or(*a: Any) -> Any:
    out = _truth(a[0])
    for v in a[1:]:
        out = np.where(out == 0.0, _truth(v), out)
    return out


def _not(a: Any) -> Any:
    return 1.0 - _truth(a)  # NaN stays NaN


RELATIONS: dict[type, Op] = {  # truth values: 1.0, 0.0, NaN (no statement)
    sp.StrictLessThan: order(np.less),
    sp.LessThan: order(np.less_equal),
    sp.StrictGreaterThan: order(np.greater),
    sp.GreaterThan: order(np.greater_equal),
    sp.Equality: lambda a, b: _truth(a == b),
    sp.Unequality: lambda a, b: _truth(a != b),
    sp.And: _and,
    sp.Or: _or,
    sp.Not: _not,
}
