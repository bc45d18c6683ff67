"""Truth values in the float walk: the conditions of a Piecewise, their orders and their logic.

A condition's value is 1.0 (holds), 0.0 (fails) or NaN (no truth value: an order of a non-real number, √x > 1 at
x = −1). And, Or, Implies are Kleene's three-valued ones, in any order of their operands (sympy sorts them, so the
order written is gone): false where an operand is false, whatever the others. ITE, Xor and Equivalent have no value
where an operand they need has none, and a Piecewise none where its first condition that does not fail has none.
The mpmath walk (mpeval._decide) computes the same, so a sample undefined in high precision is undefined here
too, and goes to the definedness probe.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import sympy as sp

Op = Callable[..., Any]
__all__ = ["RELATIONS", "piecewise", "real_or_nan"]


def real_or_nan(x: Any) -> Any:
    """x's real part, NaN where x is not real: a function defined on the reals only (max, atan2, floor, H) has no
    value at a non-real argument, and NaN sends the sample to the definedness probe (np.real made max(√x, 0) real,
    0, at every x < 0, and max(√x, 0) ≥ 0 on ℝ was PROVED on its samples: helper-77). Any imaginary part, however
    small: floats cannot tell round-off (cos x written with e^{ix}) from a number nearly real (e^{40} + i, taken
    for round-off below 10⁻¹² of its real part, and [e^x + i > 0] ≥ 0 was CHECKED); the probe decides it in high
    precision, where round-off is 10⁻¹⁰⁰."""
    if not np.iscomplexobj(x):
        return np.real(x)
    x = np.asarray(x)
    off = x.imag != 0
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
        with np.errstate(invalid="ignore"):
            undecided = np.isnan(ra) | np.isnan(rb) | (np.isinf(ra) & np.isinf(rb))  # two overflows: which is larger?
        return np.where(undecided, np.nan, held)

    return order


def equation(compare: Callable[[Any, Any], Any]) -> Op:
    """= and ≠, of complex numbers too: no value where a side has none (1/x = 1 at x = 0: 1/0 is NaN here, see
    compile._at_zero_nan, and NaN = 1 was false), and not decided in floats where a side is ∞ (e^{x} ≠ e^{x+1} at
    x = 800 is ∞ ≠ ∞, false): NaN sends the sample to high precision, which decides it."""

    def equation(a: Any, b: Any) -> Any:
        with np.errstate(invalid="ignore"):
            held = _truth(compare(a, b))
        return np.where(np.isfinite(a) & np.isfinite(b), held, np.nan)

    return equation


def _and(*a: Any) -> Any:
    """Kleene's: false where some operand is false, whatever the others; else no value where one has none. In
    any order: sympy sorts the operands, so the order written is gone (x² ≤ 1 ∧ asin x > 0 is false at x = 2)."""
    parts = np.broadcast_arrays(*[_truth(v) for v in a])
    false = np.logical_or.reduce([p == 0.0 for p in parts])
    unknown = np.logical_or.reduce([np.isnan(p) for p in parts])
    return np.where(false, 0.0, np.where(unknown, np.nan, 1.0))


def _or(*a: Any) -> Any:
    return _not(_and(*[_not(v) for v in a]))


def _not(a: Any) -> Any:
    return 1.0 - _truth(a)  # NaN stays NaN


def _implies(a: Any, b: Any) -> Any:
    return _or(_not(a), b)


def _if_then_else(a: Any, b: Any, c: Any) -> Any:
    a = _truth(a)
    return np.where(np.isnan(a), np.nan, np.where(a == 1.0, _truth(b), _truth(c)))


def _exactly(rule: Callable[[Sequence[Any]], Any]) -> Op:
    """Xor, Equivalent: every operand counts, so no value where one has none."""

    def decide(*a: Any) -> Any:
        parts = np.broadcast_arrays(*[_truth(v) for v in a])
        unknown = np.logical_or.reduce([np.isnan(p) for p in parts])
        with np.errstate(invalid="ignore"):
            return np.where(unknown, np.nan, _truth(rule(parts)))

    return decide


RELATIONS: dict[type, Op] = {  # truth values: 1.0, 0.0, NaN (no statement)
    sp.StrictLessThan: order(np.less),
    sp.LessThan: order(np.less_equal),
    sp.StrictGreaterThan: order(np.greater),
    sp.GreaterThan: order(np.greater_equal),
    sp.Equality: equation(np.equal),
    sp.Unequality: equation(np.not_equal),
    sp.And: _and,
    sp.Or: _or,
    sp.Not: _not,
    sp.Implies: _implies,
    sp.ITE: _if_then_else,
    sp.Xor: _exactly(lambda p: np.sum(p, axis=0) % 2 == 1),
    sp.Equivalent: _exactly(lambda p: np.logical_and.reduce([q == p[0] for q in p])),
}
