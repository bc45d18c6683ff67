"""Arithmetic on the values a LaTeX expression denotes: scalars and explicit matrices.

Juxtaposition of matrices is the matrix product, a 1×1 result is a scalar again,
x^\\top is the transpose and A^{-1} the inverse; anything else of the wrong shape is a
ValueError whose message the evaluator turns into a positioned error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias

import sympy as sp

Matrix: TypeAlias = sp.ImmutableMatrix
Value: TypeAlias = sp.Expr | Matrix


@dataclass(frozen=True)
class Fn:
    """A function item in a product: applied to the next factor, or (greedy) to the rest of the product."""

    label: str
    apply: Callable[[object], Value]
    greedy: bool = False


def shape_of(v: Value) -> str:
    if isinstance(v, sp.MatrixBase):
        return f"a vector of size {v.rows}" if v.cols == 1 else f"a {v.rows}×{v.cols} matrix"
    return "a scalar"


def collapse(v: Value) -> Value:
    if isinstance(v, sp.MatrixBase):
        return v[0, 0] if v.shape == (1, 1) else Matrix(v)
    return v


def multiply(a: Value, b: Value) -> Value:
    if isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase):
        if a.cols != b.rows:
            hint = "; transpose one (x^\\top y)" if a.cols == b.cols == 1 else ""
            raise ValueError(f"cannot multiply {shape_of(a)} by {shape_of(b)}{hint}")
        return collapse(a * b)
    return collapse(a * b)


def add(a: Value, b: Value) -> Value:
    if isinstance(a, sp.MatrixBase) != isinstance(b, sp.MatrixBase) or (
        isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase) and a.shape != b.shape
    ):
        raise ValueError(f"cannot add {shape_of(a)} and {shape_of(b)}")
    return collapse(a + b)


def divide(a: Value, b: Value) -> Value:
    if isinstance(b, sp.MatrixBase):
        raise ValueError(f"cannot divide by {shape_of(b)}")
    return collapse(a / b)


def power(base: Value, exponent: Value) -> Value:
    if isinstance(exponent, sp.MatrixBase):
        raise ValueError(f"an exponent must be a scalar, not {shape_of(exponent)}")
    if not isinstance(base, sp.MatrixBase):
        return base**exponent
    if base.rows != base.cols:
        raise ValueError(f"cannot raise {shape_of(base)} to a power; did you mean ^\\top?")
    if exponent == -1:  # adj(A)/det A, both by Berkowitz: 70× faster than inv(method="ADJ") at 4×4, same entries
        return Matrix(base.adjugate(method="berkowitz") / base.det(method="berkowitz"))
    if isinstance(exponent, sp.Integer) and exponent > 0:
        return Matrix(base ** int(exponent))
    raise ValueError(f"a matrix power must be ^{{-1}} or a positive integer, not {exponent}")


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

    if isinstance(var, sp.MatrixBase):
        if not all(is_variable(e) for e in var):
            raise ValueError("differentiate with respect to a declared symbol or an entry of one")
        if isinstance(f, sp.MatrixBase):
            if f.cols != 1 or var.cols != 1:
                raise ValueError("a Jacobian needs a vector over a vector")
            return Matrix(f.rows, var.rows, lambda i, j: sp.diff(f[i], var[j]))
        return Matrix(var.rows, var.cols, lambda i, j: sp.diff(f, var[i, j]))
    if not is_variable(var):
        raise ValueError(f"differentiate with respect to a declared symbol or an entry of one, not {var}")
    return collapse(f.applyfunc(lambda e: sp.diff(e, var))) if isinstance(f, sp.MatrixBase) else sp.diff(f, var)


def norm(v: Value, kind: str) -> sp.Expr:
    """‖v‖₂ (Frobenius for a matrix), ‖v‖₁, or |v| for a scalar."""
    if not isinstance(v, sp.MatrixBase):
        return sp.Abs(v)
    if kind == "1":
        return sp.Add(*(sp.Abs(e) for e in v))
    if kind in ("2", "F", ""):
        return sp.sqrt(sp.Add(*(e**2 for e in v)))
    raise ValueError(f"unknown norm ‖·‖_{kind}; use ‖x‖, ‖x‖_1, ‖x‖_2 or ‖A‖_F")
