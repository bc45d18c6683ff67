"""Evaluate a list of sympy expressions on batches of samples by walking their DAG in numpy.

Nothing is printed or compiled. The expressions are linearised once into their distinct subexpressions, children
first (sympy shares equal subtrees, so a sum that appears in every entry of a Jacobian is one node); each call then
runs one numpy operation per node on arrays of shape (K,). Cost grows with the size of the DAG, never with the
printed code: sympy's ``lambdify`` spent 59 s printing the n = 16 logistic Hessian. Real and complex inputs take the
same path, so the complex-step derivative keeps its 1e-30 imaginary parts exactly (symengine's complex kernels lost
them: Im ≈ 1e-17 instead of 3e-30, measured; its cse also returned wrong values beside abs()).

Functions come from numpy and scipy.special (`verifier.numeric.special`, imported on first use); a function of the
user's with an ``_imp_`` is called as it is (`verifier.numeric.users`), and any other (a rare special function) is
evaluated through sympy's own ``lambdify`` of that single node. The first evaluation is cross-checked against the
independent mpmath walk on a few entries; a disagreement beyond round-off sends the whole list to ``lambdify`` for
good. The numeric side is evidence only: the kernel never sees it.
"""

from __future__ import annotations

import functools
import operator
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import mpmath
import numpy as np
import sympy as sp
from sympy.functions.elementary.piecewise import ExprCondPair

from verifier.numeric.mpeval import MpEvaluator
from verifier.numeric.special import SPECIAL, scipy_special
from verifier.numeric.truth import RELATIONS, piecewise, real_or_nan
from verifier.numeric.users import NoNumericForm, Unsupported, own_implementation, through_lambdify

Env = dict[sp.Symbol, np.ndarray]
Op = Callable[..., Any]
__all__ = ["REAL_ONLY", "Compiled", "NoNumericForm", "Unsupported"]  # the errors are numeric.users'


def _at_zero_nan(x: Any, value: Any) -> Any:
    """value, but NaN where x is exactly 0: 1/0 and log 0 have no value, where floats give ±∞, which then reads as
    a value (e^{−1/x²} at 0 is e^{−∞} = 0, and 1/x > 1 at 0 is ∞ > 1, true). An overflow (e^{800}) stays ∞."""
    zero = np.asarray(x) == 0
    return np.where(zero, np.nan, value) if np.any(zero) else value


def _reciprocal(x: Any) -> Any:
    with np.errstate(divide="ignore"):
        return _at_zero_nan(x, 1 / x)


def _log(x: Any) -> Any:
    with np.errstate(divide="ignore"):
        return _at_zero_nan(x, np.log(x))


def _heaviside(x: Any, at_zero: Any = 0.5) -> Any:
    return np.heaviside(real_or_nan(x), np.real(at_zero))


FUNCTIONS: dict[type, Op] = {
    sp.exp: np.exp,
    sp.log: _log,
    sp.sin: np.sin,
    sp.cos: np.cos,
    sp.tan: np.tan,
    sp.cot: lambda x: _reciprocal(np.tan(x)),
    sp.sec: lambda x: _reciprocal(np.cos(x)),
    sp.csc: lambda x: _reciprocal(np.sin(x)),
    sp.asin: np.arcsin,
    sp.acos: np.arccos,
    sp.atan: np.arctan,
    sp.acot: lambda x: np.arctan(1 / x),
    sp.atan2: lambda y, x: np.arctan2(real_or_nan(y), real_or_nan(x)),
    sp.sinh: np.sinh,
    sp.cosh: np.cosh,
    sp.tanh: np.tanh,
    sp.coth: lambda x: _reciprocal(np.tanh(x)),
    sp.asinh: np.arcsinh,
    sp.acosh: np.arccosh,
    sp.atanh: np.arctanh,
    sp.Abs: np.abs,
    sp.sign: np.sign,
    sp.floor: lambda x: np.floor(real_or_nan(x)),
    sp.ceiling: lambda x: np.ceil(real_or_nan(x)),
    sp.re: np.real,
    sp.im: np.imag,
    sp.conjugate: np.conj,
    sp.Max: lambda *a: np.maximum.reduce(np.broadcast_arrays(*[real_or_nan(v) for v in a])),
    sp.Min: lambda *a: np.minimum.reduce(np.broadcast_arrays(*[real_or_nan(v) for v in a])),
    sp.Heaviside: _heaviside,
    sp.Piecewise: piecewise,
}


# evaluated here in real arithmetic only (scipy has no complex version, or the real part is
# taken): a complex step through them would be wrong, so derivatives use differences instead
REAL_ONLY: tuple[type, ...] = (
    sp.atan2, sp.erfinv, sp.erfcinv, sp.polygamma, sp.zeta, sp.beta, sp.lowergamma, sp.uppergamma,
    sp.floor, sp.ceiling, sp.Max, sp.Min, sp.Heaviside,
)  # fmt: skip


def _add(*a: Any) -> Any:
    return functools.reduce(operator.add, a)


def _mul(*a: Any) -> Any:
    return functools.reduce(operator.mul, a)


def _power(base: Any, exponent: Any) -> Any:
    """base**exponent; where both are Python numbers whose power Python refuses with an exception (0.0 to a negative
    power, a result beyond a float), numpy's value instead (inf): an undefined sample, as the same power of an array
    gives."""
    try:
        out = base**exponent
    except (ZeroDivisionError, OverflowError):
        with np.errstate(all="ignore"):
            out = np.asarray(base) ** np.asarray(exponent)
    if np.ndim(exponent) == 0 and not np.real(exponent) < 0:
        return out  # no pole: a nonnegative power
    pole = (np.asarray(base) == 0) & (np.real(exponent) < 0)  # 0 to a negative power: no value
    return np.where(pole, np.nan, out) if np.any(pole) else out


class Compiled:
    """Expressions linearised once; calling it on a dict of (K,) arrays gives a (K, entries) array."""

    def __init__(self, symbols: Sequence[sp.Symbol], exprs: Sequence[sp.Expr]) -> None:
        self.symbols = tuple(symbols)
        self.size = len(exprs)
        self._exprs = [sp.sympify(e) for e in exprs]
        self.backend = "numpy DAG walk"
        self._steps, self._outputs = _linearise(self._exprs, self.symbols)
        self._release = _last_uses(self._steps, self._outputs)
        self._checked = False
        self._tiny = any(op is _tiny_constant for op, _ in self._steps or ())  # 10⁻⁴⁰⁰ underflowed before any call
        self.underflowed = False  # the last call: some value, a constant's included, fell below floats' normal range

    def __call__(self, env: Env) -> np.ndarray:
        k, self.underflowed = len(next(iter(env.values()))) if env else 1, self._tiny
        if self.size == 0:
            return np.empty((k, 0))
        if self._steps is None:
            return _lambdify_call(self.symbols, self._exprs, env, k)
        columns = self._walk(env)
        dtype = complex if any(np.iscomplexobj(c) for c in columns) else float
        out = np.empty((k, self.size), dtype=dtype)
        for j, col in enumerate(columns):
            out[:, j] = col  # a constant entry (a scalar) broadcasts
        if not self._checked:
            self._checked = True
            if not _agrees_with_mpmath(self.symbols, self._exprs, env, out):
                self._steps, self.backend = None, "sympy lambdify (scipy, numpy); the DAG walk disagreed"
                return _lambdify_call(self.symbols, self._exprs, env, k)
        return out

    def _walk(self, env: Env) -> list[Any]:
        assert self._steps is not None
        values: list[Any] = []
        with np.errstate(all="ignore", under="call", call=self._underflow), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for position, (op, args) in enumerate(self._steps):
                if op is None:
                    values.append(env[args])
                elif not isinstance(args, tuple):
                    values.append(args)
                else:
                    try:
                        values.append(op(*[values[i] for i in args]))
                    except NameError as err:
                        raise NoNumericForm(
                            f"no numeric implementation for {err.name or err}; give the function an _imp_ "
                            "or wrap it with verifier.language.mathlib.numeric_function"
                        ) from None
                    except TypeError as err:
                        raise Unsupported(f"unsupported: cannot evaluate numerically: {str(err)[:160]}") from None
                for done in self._release[position]:  # intermediates no later step reads: free them
                    values[done] = None
        return [values[i] for i in self._outputs]

    def _underflow(self, *_: object) -> None:
        self.underflowed = True


Step = tuple[Op | None, Any]


def _linearise(exprs: Sequence[sp.Basic], symbols: Sequence[sp.Symbol]) -> tuple[list[Step] | None, list[int]]:
    """Distinct subexpressions, children first, as (operation, child positions) steps."""
    index: dict[sp.Basic, int] = {}
    steps: list[Step] = []
    declared = set(symbols)
    for root in exprs:
        stack: list[tuple[sp.Basic, bool]] = [(root, False)]
        while stack:
            node, ready = stack.pop()
            if node in index:
                continue
            leaf = _leaf(node, declared)
            if leaf is not None:
                index[node] = len(steps)
                steps.append(leaf)
                continue
            if not ready:
                stack.append((node, True))
                stack.extend((a, False) for a in reversed(node.args) if a not in index)
                continue
            op = _operation(node)
            index[node] = len(steps)
            steps.append((op, tuple(index[a] for a in node.args)))
    return steps, [index[e] for e in exprs]


def _last_uses(steps: list[Step] | None, outputs: list[int]) -> list[list[int]]:
    """For each step, the values that are read for the last time there (outputs are kept)."""
    if steps is None:
        return []
    last: dict[int, int] = {}
    for position, (_, args) in enumerate(steps):
        if isinstance(args, tuple):
            for i in args:
                last[i] = position
    keep = set(outputs)
    release: list[list[int]] = [[] for _ in steps]
    for value, position in last.items():
        if value not in keep:
            release[position].append(value)
    return release


def _leaf(node: sp.Basic, declared: set[sp.Symbol]) -> Step | None:
    if node.is_Symbol:
        if node not in declared:
            raise NoNumericForm(
                f"no value for the symbol {node}: no domain declares it here, so it is bound inside the claim (by a "
                "Subs, an Integral or a Lambda, which the numeric check does not evaluate); write that part's value"
            )
        return (None, node)
    if node.is_Number or node.is_NumberSymbol or node is sp.I:
        value = complex(node)
        tiny = abs(value) < _TINY and node.is_zero is False  # 10⁻⁴⁰⁰: 0.0 as a float
        return (_tiny_constant if tiny else _constant, value if value.imag else value.real)
    if isinstance(node, sp.logic.boolalg.BooleanAtom):
        return (_constant, bool(node))
    return None


def _constant() -> None:  # a marker: constant steps carry their value, not children
    return None


_tiny_constant: Op = lambda: None  # noqa: E731  # the same marker, for a nonzero constant below floats' normal range
_TINY = float(np.finfo(float).tiny)  # the smallest normal float, 2.2·10⁻³⁰⁸


def _operation(node: sp.Basic) -> Op:
    if isinstance(node, sp.Add):
        return _add
    if isinstance(node, sp.Mul):
        return _mul
    if isinstance(node, sp.Pow):
        return _power
    if type(node) in RELATIONS:
        return RELATIONS[type(node)]
    if isinstance(node, ExprCondPair):
        return lambda value, condition: (value, condition)
    if isinstance(node, sp.Piecewise):  # its value is a row's: a pole there is its functions'
        return FUNCTIONS[sp.Piecewise]
    kind = type(node)
    if kind in FUNCTIONS:
        return (
            FUNCTIONS[kind] if kind in _NO_POLES else _poles_without_value(FUNCTIONS[kind], kind in _POLE_OR_OVERFLOW)
        )
    if kind in SPECIAL:
        return _poles_without_value(SPECIAL[kind](scipy_special()), kind in _POLE_OR_OVERFLOW)
    return _poles_without_value(_single_node_lambdify(node), False)


_NO_POLES = (sp.exp, sp.sinh, sp.cosh)  # entire functions: an infinity is an overflow (e^{800}), a value
_POLE_OR_OVERFLOW = (sp.gamma, sp.factorial, sp.Ei)  # poles at small arguments, overflow at large ones
POLE_REACH = 100.0  # … and no overflow of these comes at arguments this small (Γ(171.7) is the first)


def _poles_without_value(op: Op, by_size: bool) -> Op:
    """The function, NaN where it is infinite at finite arguments: at a pole (Γ(0), atanh 1, erfinv 1, ζ(1, 200)),
    which has no value, where numpy and scipy give ±∞ and a condition read it as one ([atanh x > 0] ≥ 0 on [0, 1] was
    PROVED: helper-85; [B(x, 200) > 0] ≥ 0 on [0, 1] too: helper-87). by_size: only at arguments within ±POLE_REACH,
    for the functions whose larger arguments overflow (Γ(200) stays ∞, a value). Elsewhere an overflow is NaN too,
    and high precision decides the sample."""

    def call(*args: Any) -> Any:
        out = op(*args)
        infinite = np.isinf(out)
        if not np.any(infinite):
            return out
        with np.errstate(invalid="ignore"):
            bound = POLE_REACH if by_size else np.inf
            near = np.logical_and.reduce([np.abs(a) <= bound for a in np.broadcast_arrays(*args)])
        pole = infinite & near
        return np.where(pole, np.nan, out) if np.any(pole) else out

    return call


def _single_node_lambdify(node: sp.Basic) -> Op:
    """A function the tables do not know (an _imp_, a rare special function), through lambdify."""
    sympy_own = (getattr(type(node), "__module__", None) or "").startswith("sympy.")
    implementation = None if sympy_own else getattr(node.func, "_imp_", None)
    if callable(implementation):  # what lambdify would call: scipy is not needed (nor imported, 0.24 s of CPU)
        return own_implementation(implementation, node.func)
    slots = sp.symbols(f"a0:{len(node.args)}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scipy_special()  # lambdify's "scipy" namespace imports it: outside the claim's budget
        try:
            fn = sp.lambdify(slots, node.func(*slots), modules=["scipy", "numpy"])
        except Exception as err:
            if sympy_own:
                raise Unsupported(f"unsupported: {node.func} has no numeric implementation here") from None
            raise NoNumericForm(f"no numeric implementation for {node.func}: {str(err)[:120]}") from None
    if not sympy_own:
        return through_lambdify(fn, node.func)

    def guarded(*args: Any) -> Any:
        try:
            return fn(*args)
        except (NameError, TypeError, ValueError):
            return _elementwise_mpmath(node, args)

    return guarded


def _elementwise_mpmath(node: sp.Basic, args: Sequence[Any]) -> Any:
    """A sympy function numpy and scipy lack (polylog, dirichlet_eta, ...), through mpmath at
    double precision, one element at a time: slow, but every function sympy can evaluate."""
    slots = sp.symbols(f"a0:{len(args)}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            scalar = sp.lambdify(slots, node.func(*slots), modules=["mpmath"])
        except Exception as err:
            raise Unsupported(f"unsupported: {node.func} has no numeric implementation ({str(err)[:80]})") from None

    def one(*values: Any) -> complex:
        with mpmath.workdps(17):
            try:
                return complex(scalar(*values))
            except NameError:
                why = f"unsupported: {node.func} has no numeric implementation (numpy, scipy, mpmath)"
                raise Unsupported(why) from None
            except (TypeError, ValueError, ZeroDivisionError):
                return complex("nan")

    out = np.frompyfunc(one, len(args), 1)(*args).astype(complex)
    return out.real if not np.any(out.imag) else out


def _lambdify_call(symbols: Sequence[sp.Symbol], exprs: Sequence[sp.Basic], env: Env, k: int) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scipy_special()
        try:
            fn = sp.lambdify(symbols, list(exprs), modules=["scipy", "numpy"], cse=True)
        except Exception as err:
            raise NoNumericForm(f"cannot compile for numpy: {type(err).__name__}: {str(err)[:160]}") from None
        with np.errstate(all="ignore"):
            try:
                out = fn(*[env[s] for s in symbols])
            except (NameError, TypeError) as err:
                raise NoNumericForm(f"no numeric implementation: {str(err)[:160]}") from None
    dtype = complex if any(np.iscomplexobj(o) for o in out) else float
    result = np.empty((k, len(exprs)), dtype=dtype)
    for j, col in enumerate(out):
        result[:, j] = col  # a constant entry (a scalar) broadcasts
    return result


def _agrees_with_mpmath(symbols: Sequence[sp.Symbol], exprs: Sequence[sp.Basic], env: Env, out: np.ndarray) -> bool:
    """Cross-check a few entries of one finite real sample against the independent mpmath walk."""
    if np.iscomplexobj(out) or any(np.iscomplexobj(env[s]) for s in symbols):
        return True
    finite = np.flatnonzero(np.all(np.isfinite(out), axis=1))
    if not len(finite):
        return True
    row = int(finite[0])
    picks = sorted(set(np.linspace(0, len(exprs) - 1, min(len(exprs), 8)).round().astype(int).tolist()))
    point = [mpmath.mpf(float(env[s][row])) for s in symbols]
    try:
        with mpmath.workdps(40):
            exact = MpEvaluator(symbols, [exprs[i] for i in picks]).entries(point, range(len(picks)))
            values = [complex(v) for v in exact]
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return True  # no independent value to compare with
    scale = float(np.max(np.abs(out[row]))) + 1e-300
    return all(
        not (np.isfinite(v) and abs(v.imag) < 1e-12 * scale and abs(out[row, i] - v.real) > 1e-8 * scale)
        for i, v in zip(picks, values, strict=True)
    )
