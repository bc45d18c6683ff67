"""Compile a list of sympy expressions once into one vectorised numpy function.

The fast path is symengine's ``Lambdify`` (without its cse, which was measured wrong): its
cost grows with the size of the expression DAG, where sympy's ``lambdify`` spends most
of its time printing Python source (measured on the n = 16 logistic Hessian: 59 s for
sympy's printer, 0.4 s here, values agreeing to 3e-15). symengine knows the elementary
functions, erf/erfc, gamma/loggamma, atan2, Piecewise, Max/Min, Abs and sign. Anything
else (Heaviside, polygamma, Bessel functions, functions with an ``_imp_``) falls back to
sympy's ``lambdify`` over scipy.special and numpy, which knows nearly every special
function sympy can express. Complex inputs (the complex-step derivative) always take the
sympy path: symengine's complex kernels lose the 1e-30 imaginary part of a complex step
(measured: Im ≈ 1e-17 instead of 3e-30 on the logistic loss). The numeric side is evidence
only: the kernel never sees it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence

import mpmath
import numpy as np
import sympy as sp

from verifier.mpeval import MpEvaluator

Env = dict[sp.Symbol, np.ndarray]


class NoNumericForm(ValueError):
    """An expression uses a function that neither symengine nor scipy/numpy can evaluate."""


class Compiled:
    """Expressions compiled once; calling it on a dict of (K,) arrays gives a (K, entries) array."""

    def __init__(self, symbols: Sequence[sp.Symbol], exprs: Sequence[sp.Expr]) -> None:
        self.symbols = tuple(symbols)
        self.size = len(exprs)
        self._exprs = list(exprs)
        self.backend = "symengine"
        self._real = _symengine(self.symbols, self._exprs, real=True)
        self._checked = False
        if self._real is None:
            self.backend = "sympy lambdify (scipy, numpy)"
            self._fallback = _lambdify(self.symbols, self._exprs)

    def __call__(self, env: Env) -> np.ndarray:
        k = len(next(iter(env.values()))) if env else 1
        if self.size == 0:
            return np.empty((k, 0))
        if self._real is not None and not any(np.iscomplexobj(v) for v in env.values()):
            out = self._symengine_call(self._real, env, k)
            if not self._checked:
                self._checked = True
                if not self._agrees_with_mpmath(env, out):
                    self._real, self.backend = None, "sympy lambdify (scipy, numpy); symengine disagreed"
                    return self._fallback_call(env, k)
            return out
        return self._fallback_call(env, k)

    def _agrees_with_mpmath(self, env: Env, out: np.ndarray) -> bool:
        """Cross-check symengine against the independent mpmath walk on a few entries of one sample.

        symengine's cse=True returned wrong values for [a·b + c·d, |a·b| + |c·d|]; it is off
        now, and this check guards against the next such bug: a disagreement beyond
        round-off sends this expression list to sympy's lambdify for good.
        """
        finite = np.flatnonzero(np.all(np.isfinite(out), axis=1))
        if not len(finite):
            return True
        row = int(finite[0])
        picks = sorted(set(np.linspace(0, self.size - 1, min(self.size, 8)).round().astype(int).tolist()))
        point = [mpmath.mpf(float(env[s][row])) for s in self.symbols]
        try:
            with mpmath.workdps(40):
                exact = MpEvaluator(self.symbols, [self._exprs[i] for i in picks]).entries(point, range(len(picks)))
                exact_values = [complex(v) for v in exact]
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            return True  # no independent value to compare with
        scale = float(np.max(np.abs(out[row]))) + 1e-300
        for i, v in zip(picks, exact_values, strict=True):
            if np.isfinite(v) and abs(v.imag) < 1e-12 * scale and abs(out[row, i] - v.real) > 1e-8 * scale:
                return False
        return True

    def _symengine_call(self, kernel: Callable[[np.ndarray], np.ndarray], env: Env, k: int) -> np.ndarray:
        if not self.symbols:
            return np.repeat(np.asarray(kernel(np.empty((1, 0))), dtype=float).reshape(1, -1), k, axis=0)
        columns = np.column_stack([np.asarray(env[s], dtype=float) for s in self.symbols])
        with np.errstate(all="ignore"):
            out = kernel(columns)
        return np.asarray(out, dtype=float).reshape(k, self.size)

    def _fallback_call(self, env: Env, k: int) -> np.ndarray:
        if not hasattr(self, "_fallback"):
            self._fallback = _lambdify(self.symbols, self._exprs)
        args = [env[s] for s in self.symbols]
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                out = self._fallback(*args)
            except NameError as err:
                raise NoNumericForm(f"no numeric implementation for {err.name or err}") from None
            except TypeError as err:
                raise NoNumericForm(f"cannot evaluate numerically: {str(err)[:160]}") from None
        dtype = complex if any(np.iscomplexobj(o) for o in out) else float
        result = np.empty((k, self.size), dtype=dtype)
        for j, col in enumerate(out):
            result[:, j] = np.broadcast_to(np.asarray(col, dtype=dtype), (k,))
        return result


def _symengine(
    symbols: Sequence[sp.Symbol], exprs: Sequence[sp.Expr], real: bool
) -> Callable[[np.ndarray], np.ndarray] | None:
    """symengine's Lambdify of the expressions, or None where symengine cannot take them."""
    try:
        import symengine as se
    except ImportError:  # pragma: no cover - symengine is a dependency
        return None
    try:
        if len({s.name for s in symbols}) != len(symbols):  # symengine would merge them
            return None
        free: set[sp.Basic] = set().union(*(sp.sympify(e).free_symbols for e in exprs))
        if not free <= set(symbols):
            return None
        args = [se.Symbol(s.name) for s in symbols]
        body = [se.sympify(e) for e in exprs]
        fn = se.Lambdify(args, body, real=real, cse=False)  # its cse gave wrong values next to abs()
    except Exception:  # symengine refuses the function: sympy's lambdify takes over
        return None
    return fn


def _lambdify(symbols: Sequence[sp.Symbol], exprs: Sequence[sp.Expr]) -> Callable[..., list[np.ndarray]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return sp.lambdify(symbols, list(exprs), modules=["scipy", "numpy"], cse=True)
        except Exception as err:
            raise NoNumericForm(f"cannot compile for numpy: {type(err).__name__}: {str(err)[:160]}") from None
