"""The mpmath implementation of each sympy function the high-precision walk evaluates: a table for the common
ones, sympy's own mpmath printer for the rest (once per kind), and a refusal where sympy prints a name mpmath
does not have."""

from __future__ import annotations

import builtins
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import mpmath
import sympy as sp

Value = Any  # mpmath.mpf, mpmath.mpc or bool


class NoRealValue(ValueError):
    """A function's argument outside its real domain, where mpmath has no (complex) value to give: the point is one
    where the side has no real value, as a root of a negative number, and not a limit of the evaluator."""


def real_argument(v: Value, name: str = "an order", digits: float = 0.0) -> Value:
    """v as a real number for a function defined on the reals only (max, atan2, H, an order <): mpmath refused an mpc
    there with a TypeError, which read as "cannot evaluate", so max(√x, 0) ≥ 0 on ℝ skipped every x < 0 (helper-77).
    An imaginary part beyond round-off at the working precision has no real value: NoRealValue. Round-off is
    relative to v, or to 10^digits, the largest value the walk met on the way (e^{40}(w − 1) + 1 with w = 1 up to
    round-off is real: helper-79)."""
    if not isinstance(v, mpmath.mpc):
        return v
    scale = max(abs(v), 1, mpmath.mpf(10) ** min(digits, mpmath.mp.dps / 2))
    if abs(v.imag) > mpmath.mpf(10) ** (10 - mpmath.mp.dps) * scale:
        raise NoRealValue(f"{name} of the non-real number {mpmath.nstr(v, 6)}")
    return v.real


def _max(*a: Value) -> Value:
    return max(real_argument(v, "max") for v in a)


def _min(*a: Value) -> Value:
    return min(real_argument(v, "min") for v in a)


def _atan2(y: Value, x: Value) -> Value:
    return mpmath.atan2(real_argument(y, "atan2"), real_argument(x, "atan2"))


def _heaviside(x: Value, at_zero: Value = None) -> Value:
    x = real_argument(x, "Heaviside")
    if x < 0:
        return mpmath.mpf(0)
    if x > 0:
        return mpmath.mpf(1)
    return mpmath.mpf(1) / 2 if at_zero is None else at_zero


def _erfinv(x: Value) -> Value:
    """erfinv, whose real values stop at ±1: mpmath's ValueError there read as "cannot evaluate", and the definedness
    check skipped the sample in silence (erfinv(7x) on ℝ: 173 of 200 samples)."""
    if mpmath.im(x) != 0 or not -1 <= mpmath.re(x) <= 1:
        raise NoRealValue(f"erfinv of {mpmath.nstr(x, 6)}, outside [−1, 1]")
    return mpmath.erfinv(x)


def _odd_or_natural(n: Value) -> bool:
    """Where sympy's n!! is defined (as numpy's, through sympy's printer): n an integer ≥ −1, or a negative odd one;
    mpmath's fac2 extends it to every real n, which would make the two evaluators disagree (helper-70)."""
    return bool(mpmath.isint(n)) and (mpmath.re(n) >= -1 or int(mpmath.re(n)) % 2 == 1)


FUNCTIONS: dict[type, Callable[..., Value]] = {
    sp.exp: mpmath.exp,
    sp.log: mpmath.log,
    sp.sin: mpmath.sin,
    sp.cos: mpmath.cos,
    sp.tan: mpmath.tan,
    sp.cot: mpmath.cot,
    sp.sec: mpmath.sec,
    sp.csc: mpmath.csc,
    sp.asin: mpmath.asin,
    sp.acos: mpmath.acos,
    sp.atan: mpmath.atan,
    sp.acot: mpmath.acot,
    sp.atan2: _atan2,
    sp.sinh: mpmath.sinh,
    sp.cosh: mpmath.cosh,
    sp.tanh: mpmath.tanh,
    sp.coth: mpmath.coth,
    sp.asinh: mpmath.asinh,
    sp.acosh: mpmath.acosh,
    sp.atanh: mpmath.atanh,
    sp.Abs: abs,
    sp.sign: mpmath.sign,
    sp.floor: mpmath.floor,
    sp.ceiling: mpmath.ceil,
    sp.re: mpmath.re,
    sp.im: mpmath.im,
    sp.conjugate: mpmath.conj,
    sp.Max: _max,
    sp.Min: _min,
    sp.Heaviside: _heaviside,
    sp.erf: mpmath.erf,
    sp.erfc: mpmath.erfc,
    sp.erfi: mpmath.erfi,
    sp.erfinv: lambda x: _erfinv(x),
    sp.erfcinv: lambda x: _erfinv(1 - x),
    sp.gamma: mpmath.gamma,
    sp.loggamma: mpmath.loggamma,
    sp.digamma: mpmath.digamma,
    sp.polygamma: mpmath.polygamma,
    sp.beta: mpmath.beta,
    sp.zeta: mpmath.zeta,
    sp.lowergamma: lambda s, x: mpmath.gammainc(s, 0, x),
    sp.uppergamma: lambda s, x: mpmath.gammainc(s, x),
    sp.besselj: mpmath.besselj,
    sp.bessely: mpmath.bessely,
    sp.besseli: mpmath.besseli,
    sp.besselk: mpmath.besselk,
    sp.LambertW: mpmath.lambertw,
    sp.factorial: mpmath.factorial,
    sp.factorial2: lambda n: mpmath.fac2(n) if _odd_or_natural(n) else mpmath.nan,
    sp.binomial: mpmath.binomial,
    sp.Ei: mpmath.ei,
    sp.Si: mpmath.si,
    sp.Ci: mpmath.ci,
}


_FALLBACKS: dict[tuple[Any, int], Callable[..., Value]] = {}


def fallback(kind: Any, arity: int) -> Callable[..., Value]:
    """A function the table does not know, through sympy's own mpmath printer (once per kind)."""
    if (kind, arity) not in _FALLBACKS:
        _FALLBACKS[kind, arity] = _print_for_mpmath(kind, arity)
    return _FALLBACKS[kind, arity]


def _print_for_mpmath(kind: Any, arity: int) -> Callable[..., Value]:
    slots = sp.symbols(f"a0:{arity}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fn = sp.lambdify(slots, kind(*slots), modules=["mpmath"])
        except Exception as err:
            raise TypeError(f"no high-precision implementation of {kind.__name__}: {err}") from None
    unknown = [name for name in fn.__code__.co_names if name not in fn.__globals__ and not hasattr(builtins, name)]
    if unknown:  # sympy prints a function mpmath lacks (yn, jn, lucas, ...) by its own name: a NameError when called
        raise TypeError(f"no high-precision implementation of {kind.__name__}")
    return fn


def call(kind: Any, values: Sequence[Value]) -> Value:
    """kind(*values) in mpmath. Where mpmath's series do not converge (ζ close to s = 1: a red team's polylog ended
    in an internal error), a ValueError: a value mpmath cannot give, as at a pole."""
    fn = FUNCTIONS.get(kind) or fallback(kind, len(values))
    try:
        return fn(*values)
    except mpmath.libmp.NoConvergence:
        raise ValueError(f"mpmath did not converge evaluating {getattr(kind, '__name__', kind)}") from None
