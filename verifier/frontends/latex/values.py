"""Arithmetic on the values a LaTeX expression denotes: scalars and explicit matrices.

Juxtaposition of matrices is the matrix product, x^\\top is the transpose and A^{-1} the
inverse; anything else of the wrong shape is a ValueError whose message the evaluator
turns into a positioned error.

Sizes of one: a vector of size 1 stays a vector and a 1×1 product stays a 1×1 matrix, so
that \\hat{y}_j, \\operatorname{tr}(AB) and x^\\top A x + c read alike at every size. A 1×1
value is accepted wherever a scalar is expected (a sum with a scalar, a factor, a
divisor, an exponent, |·|), and a line's value is a scalar once it is read (`collapse`).
A scalar is never taken for a vector: a subscript on it stays an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeAlias

import sympy as sp

from verifier.frontends.latex import conditions

Matrix: TypeAlias = sp.ImmutableMatrix
Value: TypeAlias = sp.Expr | Matrix


@dataclass(frozen=True)
class Fn:
    """A function item in a product: applied to the next factor, or (greedy) to the rest of the product."""

    label: str
    apply: Callable[[object], Value]
    greedy: bool = False
    hold: dict[str, Value] = field(default_factory=dict)  # bindings a greedy operator's operand is read with
    of_entries: bool = False  # takes a vector, which may be written by its generic entry: diag(α_i)


def shape_of(v: Value) -> str:
    if isinstance(v, sp.MatrixBase):
        return f"a vector of size {v.rows}" if v.cols == 1 else f"a {v.rows}×{v.cols} matrix"
    return "a scalar"


def values_shape(v: Value) -> tuple[int, int]:
    """(rows, cols) of a value, (1, 1) for a scalar."""
    return tuple(v.shape) if isinstance(v, sp.MatrixBase) else (1, 1)


def collapse(v: Value) -> Value:
    """A 1×1 value as the scalar it is; anything else as it stands."""
    if isinstance(v, sp.MatrixBase):
        return v[0, 0] if v.shape == (1, 1) else Matrix(v)
    return v


def is_one_by_one(v: object) -> bool:
    return isinstance(v, sp.MatrixBase) and v.shape == (1, 1)


def scalar(v: Value, what: str) -> sp.Expr:
    """v where a scalar is expected: a scalar, or the entry of a 1×1 value; else a ValueError naming what."""
    if isinstance(v, sp.MatrixBase):
        if v.shape != (1, 1):
            raise ValueError(f"{what} must be a scalar, not {shape_of(v)}")
        return v[0, 0]
    return v


def multiply(a: Value, b: Value) -> Value:
    if isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase):
        if a.cols == b.rows:
            return Matrix(a * b)
        if is_one_by_one(a) or is_one_by_one(b):  # (x^\\top y) z: a 1×1 factor is a scalar
            return Matrix(collapse(a) * collapse(b))
        hint = "; transpose one (x^\\top y)" if a.cols == b.cols == 1 else ""
        raise ValueError(f"cannot multiply {shape_of(a)} by {shape_of(b)}{hint}")
    return a * b


def are_two_columns(a: Value, b: Value) -> bool:
    """Two column vectors of one size (more than one entry): u \\cdot v between them is the dot product."""
    return (
        isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase) and a.cols == b.cols == 1 and a.rows == b.rows > 1
    )


def broadcasts(a: Value, b: Value) -> bool:
    """A scalar added to a vector (not a matrix, where A + λ could mean A + λI): to each entry, as in 1 - σ(a)."""
    for v, s in ((a, b), (b, a)):
        if isinstance(v, sp.MatrixBase) and 1 in v.shape and v.shape != (1, 1) and not isinstance(s, sp.MatrixBase):
            return True
    return False


def add(a: Value, b: Value) -> Value:
    if isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase) and a.shape == b.shape:
        return Matrix(a + b)
    matrices = isinstance(a, sp.MatrixBase) + isinstance(b, sp.MatrixBase)
    if matrices == 0 or (matrices == 1 and (is_one_by_one(a) or is_one_by_one(b))):
        return collapse(a) + collapse(b)  # x^\\top A x + c: a 1×1 term is a scalar
    if broadcasts(a, b):
        vector, number = (a, b) if isinstance(a, sp.MatrixBase) else (b, a)
        return Matrix(vector.applyfunc(lambda e: e + number))
    what = "; for A + λI write the identity (I: identity k×k)" if matrices == 1 else ""
    raise ValueError(f"cannot add {shape_of(a)} and {shape_of(b)}{what}")


def divide(a: Value, b: Value) -> Value:
    if isinstance(b, sp.MatrixBase) and not is_one_by_one(b):
        raise ValueError(f"cannot divide by {shape_of(b)}")
    value = a / collapse(b)
    conditions.nonzero(collapse(b), "division", value)
    return value


MAX_DIGITS = 1000  # an exact number written as a power: 10^{10^{10}} would hang sympy
MAX_MATRIX_POWER = 64  # A^{n} is n products


def root(base: Value, index: Value, real: bool = True) -> Value:
    """\\sqrt[n]{a}: for an odd n and a real scalar a the real root, sign(a)·|a|^{1/n} (\\sqrt[3]{-8} = -2);
    otherwise the principal root a^{1/n}. real=False reads a line sympy printed, whose \\sqrt[n] is a power, and
    a base known ≥ 0 on its domain, whose real root is the principal one (|e^x| is e^{re(x)} to sympy)."""
    n = scalar(index, "the index of a root")
    if is_one_by_one(base):
        base = collapse(base)
    odd = isinstance(n, sp.Integer) and n % 2 == 1
    if odd and real and isinstance(base, sp.Expr) and base.is_real is not False and not base.is_nonnegative:
        _bounded(base, 1 / n)
        return as_real(lambda b: sp.sign(b) * sp.Abs(b) ** (1 / n), base)  # |x e^x| is |x| e^x, not |x| e^{re(x)}
    return power(base, 1 / n)


def power(base: Value, exponent: Value) -> Value:
    exponent = scalar(exponent, "an exponent")
    _bounded(base, exponent)
    if is_one_by_one(base) and not (isinstance(exponent, sp.Integer) and exponent != 0):
        base = collapse(base)  # (x^\\top x)^{1/2}
    if not isinstance(base, sp.MatrixBase):
        value = base**exponent
        if isinstance(exponent, sp.Rational) and exponent.q % 2 == 0:  # an even root: its base ≥ 0 (> 0 below 0)
            what = "\\sqrt" if exponent.q == 2 else f"\\sqrt[{exponent.q}]"
            conditions.needs(base, ">" if exponent < 0 else "≥", what, value)
        elif isinstance(exponent, sp.Integer) and exponent < 0:  # x^{-1}: a division
            conditions.nonzero(base, "division", value)
        return value
    if base.rows != base.cols:
        raise ValueError(f"cannot raise {shape_of(base)} to a power; did you mean ^\\top?")
    if isinstance(exponent, sp.Integer) and exponent < 0:  # adj(A)/det A by Berkowitz: 70× faster than inv("ADJ")
        det = base.det(method="berkowitz")
        inverse = Matrix(base.adjugate(method="berkowitz") / det)
        conditions.nonzero(det, "inverse", inverse)
        return _repeated(inverse, int(-exponent))
    if isinstance(exponent, sp.Integer) and exponent > 0:
        return _repeated(Matrix(base), int(exponent))
    raise ValueError(f"a matrix power must be a whole number (^{{-1}}, ^2), not {exponent}")


def _bounded(base: Value, exponent: sp.Expr) -> None:
    """Refuse a power too large to compute exactly: a number of more than MAX_DIGITS digits, or a matrix
    raised beyond MAX_MATRIX_POWER."""
    if not isinstance(exponent, sp.Rational):
        return
    if isinstance(base, sp.MatrixBase):
        if abs(exponent) > MAX_MATRIX_POWER:
            raise ValueError(f"a matrix power up to {MAX_MATRIX_POWER}, not {exponent}")
        return
    if isinstance(base, sp.Rational) and abs(base) not in (0, 1):
        size = max(abs(base.p), abs(base.q))
        if abs(exponent) * size.bit_length() * 0.30103 > MAX_DIGITS:
            raise ValueError(
                f"a number of more than {MAX_DIGITS} digits ({_short(base)} to the power {_short(exponent)});"
                " write a smaller power, or declare a symbol for it"
            )


def _short(number: sp.Rational) -> str:
    text = str(number)
    return text if len(text) <= 20 else f"{text[:8]}…({len(text)} digits)"


def _repeated(base: Matrix, n: int) -> Matrix:
    """base·base·…·base (n factors), by plain products: sympy's A**n simplifies as it goes (3 s for a 2×2 inverse
    squared), and the result is the same matrix of expressions."""
    out = base
    for _ in range(n - 1):
        out = Matrix(out * base)
    return out


def negate(v: Value) -> Value:
    return Matrix(-v) if isinstance(v, sp.MatrixBase) else -v


def transpose(v: Value) -> Value:
    return Matrix(v.T) if isinstance(v, sp.MatrixBase) else v


def index(v: Value, at: list[sp.Expr]) -> sp.Expr:
    """v_i of a vector, A_{ij} of a matrix (1-based)."""
    if not isinstance(v, sp.MatrixBase):
        raise ValueError("a subscript on a scalar; declare the subscripted name (x_1: real) or make it a vector")
    if v.cols == 1 and len(at) == 1:
        at = [at[0], sp.Integer(1)]
    if len(at) != 2:
        raise ValueError(f"{shape_of(v)} takes {1 if v.cols == 1 else 2} indices, not {len(at)}")
    i, j = (_position(a, n) for a, n in zip(at, v.shape, strict=True))
    return v[i, j]


def _position(a: sp.Expr, n: int) -> int:
    if not isinstance(a, sp.Integer) or not 1 <= int(a) <= n:
        raise ValueError(f"index {a} is not one of 1..{n}")
    return int(a) - 1


def derivative(f: Value, var: Value) -> Value:
    """∂f/∂var: a gradient has the shape of var, a Jacobian's rows are f's entries."""

    def is_variable(v: object) -> bool:
        return isinstance(v, sp.Symbol)

    f = collapse(f)  # a 1×1 function is a scalar one: its gradient has the shape of var

    if isinstance(var, sp.MatrixBase):
        if not all(is_variable(e) for e in var):
            raise ValueError("differentiate with respect to a declared symbol or an entry of one")
        if isinstance(f, sp.MatrixBase):  # ∂f/∂w and ∂f/∂w^\\top are both the Jacobian
            if f.cols != 1 or min(var.shape) != 1:
                raise ValueError("a Jacobian needs a vector over a vector")
            entries = list(var)
            return Matrix(f.rows, len(entries), lambda i, j: real_diff(f[i], entries[j]))
        return Matrix(var.rows, var.cols, lambda i, j: real_diff(f, var[i, j]))
    if not is_variable(var):
        raise ValueError(f"differentiate with respect to a declared symbol or an entry of one, not {var}")
    return Matrix(f.applyfunc(lambda e: real_diff(e, var))) if isinstance(f, sp.MatrixBase) else real_diff(f, var)


# each plain symbol's real twin, made once (budget.MEMOS empties it when a claim starts): a fresh Dummy for every
# entry of every line had sympy derive its assumptions again each time, a quarter of a LaTeX document's reading
_REAL_TWINS: dict[sp.Symbol, sp.Dummy] = {}


def real_diff(e: sp.Expr, var: sp.Symbol) -> sp.Expr:
    """∂e/∂var with every symbol taken as real, as every domain a block declares is: d|r|/dr = sign(r),
    not an expression in re(r) and im(r). A twin stands for its symbol only between the two replacements,
    so the same twin in two derivatives is the same as two fresh ones."""
    if not isinstance(e, sp.Basic):
        return sp.Integer(0)  # a number: its derivative is 0
    ordered = sorted(e.free_symbols | {var}, key=sp.default_sort_key)  # fresh symbols made in one order
    plain = [s for s in ordered if isinstance(s, sp.Symbol) and s.is_real is None]
    if not plain:
        return _drop_vanishing_deltas(sp.diff(e, var))
    real = {s: _real_twin(s) for s in plain}
    back = {d: s for s, d in real.items()}
    return _drop_vanishing_deltas(sp.diff(e.xreplace(real), real.get(var, var)).xreplace(back))


def _drop_vanishing_deltas(e: sp.Expr) -> sp.Expr:
    """δ(u)·|u|^p with p > 0 is 0 (|u|^p is continuous and 0 where δ(u) lives): the slope of the sign in
    the real root sign(u)·|u|^{1/3} contributes nothing."""
    if not e.has(sp.DiracDelta):
        return e

    def vanishes(t: sp.Basic) -> bool:
        if not t.is_Mul:
            return False
        at = {f.args[0] for f in t.args if isinstance(f, sp.DiracDelta) and len(f.args) == 1}
        powers = [f for f in t.args if f.is_Pow and isinstance(f.base, sp.Abs) and f.exp.is_positive]
        return any(f.base.args[0] in at or -f.base.args[0] in at for f in powers)

    return e.replace(vanishes, lambda t: sp.Integer(0))


def as_real(fn: Callable[[sp.Expr], sp.Expr], e: sp.Expr) -> sp.Expr:
    """fn(e) with every symbol taken as real, as every domain a block declares is: |e^x| is e^x, where sympy,
    for an x of no sign, writes e^{re(x)}, and the reader then refused the line for an undeclared function re."""
    if not isinstance(e, sp.Basic):
        return fn(e)
    plain = [s for s in sp.ordered(e.free_symbols) if isinstance(s, sp.Symbol) and s.is_real is None]
    real = {s: _real_twin(s) for s in plain}
    return fn(e.xreplace(real)).xreplace({d: s for s, d in real.items()}) if real else fn(e)


def _real_twin(s: sp.Symbol) -> sp.Dummy:
    twin = _REAL_TWINS.get(s)
    if twin is None:
        twin = _REAL_TWINS[s] = sp.Dummy(s.name, real=True)
    return twin


def norm(v: Value, kind: str) -> sp.Expr:
    """‖v‖₂ (Frobenius for a matrix), ‖v‖₁, or |v| for a scalar."""
    if hasattr(v, "norm_of"):  # a vector or matrix at a symbolic size (entries.Entries)
        return v.norm_of(kind)
    if not isinstance(v, sp.MatrixBase):
        return as_real(sp.Abs, v)
    if v.rows > 1 and v.cols > 1 and kind != "F":
        shown = f"\\|A\\|_{kind}" if kind else "\\|A\\|"
        raise ValueError(
            f"ambiguous: {shown} of a matrix can be an induced (operator) norm or the Frobenius norm, and only the "
            "Frobenius norm is read; write \\|A\\|_F for the Frobenius norm"
        )
    if kind == "1":
        return sp.Add(*(as_real(sp.Abs, e) for e in v))
    if kind in ("2", "F", ""):
        return sp.sqrt(sp.Add(*(e**2 for e in v)))
    raise ValueError(f"unknown norm ‖·‖_{kind}; use ‖x‖, ‖x‖_1, ‖x‖_2 or ‖A‖_F")
