"""Vectors and matrices of a symbolic size n, known by their entries: the arithmetic of index notation.

A column z is i ↦ z[i], a row (zᵀ) the same entries laid flat, a matrix A is (i, j) ↦ A[i, j]. A
product is a sum over the shared index ((A x)_i = Σ_m A_im x_m, xᵀy = Σ_m x_m y_m, x yᵀ the outer
product), a sum or a scalar multiple goes entry by entry, and a scalar added to a vector is added to
each entry (as the explicit reader does). Anything else (a column times a column, a vector to a
power) is :class:`NotEntries`: the caller then does not read the chain at a symbolic size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from verifier.language.families import NotGeneric

COL, ROW, MATRIX = "column", "row", "matrix"


class NotEntries(NotGeneric):
    """An operation on entries that this reading does not have; the message says which."""


@dataclass(frozen=True)
class Entries:
    """A column, a row or a square matrix of size n, by its entries: at(i) or at(i, j)."""

    label: str
    at: Callable[..., sp.Expr]
    kind: str
    n: sp.Expr

    @property
    def order(self) -> int:
        return 2 if self.kind == MATRIX else 1

    def map(self, f: Callable[[sp.Expr], sp.Expr], label: str = "") -> Entries:
        return Entries(label or self.label, lambda *i: f(self.at(*i)), self.kind, self.n)

    def transposed(self) -> Entries:
        if self.kind == MATRIX:
            return Entries(f"{self.label}ᵀ", lambda i, j: self.at(j, i), MATRIX, self.n)
        return Entries(f"{self.label}ᵀ", self.at, ROW if self.kind == COL else COL, self.n)

    def norm_of(self, kind: str) -> sp.Expr:
        """‖v‖ with a subscript (values.norm): ‖v‖₂, or ‖A‖_F; any other is not read at a symbolic size."""
        if kind in ("2", "") and self.kind == MATRIX:
            raise ValueError(
                "an induced (operator) norm of a matrix is not read; for the Frobenius norm write \\|A\\|_F"
            )
        if kind not in ("2", "F", ""):
            raise ValueError(f"the norm \\|\\cdot\\|_{kind} is read at each size, not at a symbolic size")
        return self.norm()

    def norm(self) -> sp.Expr:
        """‖v‖₂, or the Frobenius norm of a matrix."""
        a, b = sp.Dummy("a", integer=True), sp.Dummy("b", integer=True)
        if self.kind == MATRIX:
            return sp.sqrt(sp.Sum(self.at(a, b) ** 2, (a, 1, self.n), (b, 1, self.n)))
        return sp.sqrt(sp.Sum(self.at(a) ** 2, (a, 1, self.n)))

    # arithmetic -------------------------------------------------------------------------
    def __add__(self, other: object) -> Entries:
        if isinstance(other, Entries):
            if (other.kind, other.n) != (self.kind, self.n):
                raise NotEntries(f"{self.label} + {other.label}: a {self.kind} and a {other.kind}")
            return Entries(f"{self.label} + {other.label}", lambda *i: self.at(*i) + other.at(*i), self.kind, self.n)
        if self.kind == MATRIX:
            raise NotEntries("a scalar added to a matrix")
        s = _scalar(other)
        return self.map(lambda e: e + s)

    __radd__ = __add__

    def __neg__(self) -> Entries:
        return self.map(lambda e: -e, f"-{self.label}")

    def __sub__(self, other: object) -> Entries:
        return self + (-other if isinstance(other, Entries) else -_scalar(other))

    def __rsub__(self, other: object) -> Entries:
        return (-self) + other

    def __truediv__(self, other: object) -> Entries:
        s = _scalar(other)
        return self.map(lambda e: e / s)

    def __mul__(self, other: object) -> Entries | sp.Expr:
        if isinstance(other, Entries):
            return _product(self, other)
        s = _scalar(other)
        return self if s == 1 else self.map(lambda e: e * s)

    def __rmul__(self, other: object) -> Entries | sp.Expr:
        s = _scalar(other)
        return self if s == 1 else self.map(lambda e: s * e)

    def __pow__(self, other: object) -> Entries | sp.Expr:
        k = _scalar(other)
        if self.kind == MATRIX and k.is_Integer and 1 <= int(k) <= 4:
            result: Entries | sp.Expr = self
            for _ in range(int(k) - 1):
                result = _product(result, self) if isinstance(result, Entries) else result
            return result
        raise NotEntries(f"{self.label} to the power {k}")


def _scalar(v: object) -> sp.Expr:
    if isinstance(v, sp.MatrixBase):
        if v.shape != (1, 1):
            raise NotEntries("an explicit vector or matrix beside one of symbolic size")
        return v[0, 0]
    if isinstance(v, sp.Expr) and not isinstance(v, sp.IndexedBase):
        return v
    if isinstance(v, int):
        return sp.Integer(v)
    raise NotEntries(f"{type(v).__name__} where a number is expected")


def _product(a: Entries, b: Entries) -> Entries | sp.Expr:
    """a b, juxtaposed: the sum over the index they share (or the outer product of a column and a row)."""
    if a.n != b.n:
        raise NotEntries(f"{a.label} {b.label}: two sizes")
    m, n, label = sp.Dummy("m", integer=True), a.n, f"{a.label} {b.label}"
    kinds = (a.kind, b.kind)
    if kinds == (MATRIX, MATRIX):
        return Entries(label, lambda i, j: sp.Sum(a.at(i, m) * b.at(m, j), (m, 1, n)), MATRIX, n)
    if kinds == (MATRIX, COL):
        return Entries(label, lambda i: sp.Sum(a.at(i, m) * b.at(m), (m, 1, n)), COL, n)
    if kinds == (ROW, MATRIX):
        return Entries(label, lambda j: sp.Sum(a.at(m) * b.at(m, j), (m, 1, n)), ROW, n)
    if kinds == (ROW, COL):
        return sp.Sum(a.at(m) * b.at(m), (m, 1, n))
    if kinds == (COL, ROW):
        return Entries(label, lambda i, j: a.at(i) * b.at(j), MATRIX, n)
    raise NotEntries(f"{label}: a {a.kind} times a {b.kind}")


def hadamard(a: object, b: object) -> Entries | sp.Expr:
    """a ⊙ b: entry by entry."""
    if isinstance(a, Entries) and isinstance(b, Entries):
        if (a.kind, a.n) != (b.kind, b.n):
            raise NotEntries(f"{a.label} ⊙ {b.label}: a {a.kind} and a {b.kind}")
        return Entries(f"{a.label} ⊙ {b.label}", lambda *i: a.at(*i) * b.at(*i), a.kind, a.n)
    if isinstance(a, Entries):
        return a * b
    if isinstance(b, Entries):
        return b * a
    return _scalar(a) * _scalar(b)


def entry(v: Entries, idx: list[sp.Expr]) -> sp.Expr:
    """v_i or A_{ij}."""
    if len(idx) != v.order:
        raise NotEntries(f"{v.label} takes {v.order} indices, not {len(idx)}")
    return v.at(*idx)
