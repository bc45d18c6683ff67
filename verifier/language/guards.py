"""sympy's rewrites that drop a side condition, switched off where a claim is written (issue 37).

sympy cancels M⁻¹M to I when it builds a product: ``(X*X.T).I * (X*X.T) * y`` *is* ``y`` before
any claim sees it, although XXᵀ is singular for every tall X. A claim must be checked as its
author wrote it, so the cancellation is kept only where it is safe to state "where defined":
M a matrix symbol, its transpose, the identity, or the Gram matrix XᵀX of a tall X, each invertible
somewhere at every size. For any other M (XXᵀ of a tall X, a sum such as A − Aᵀ) the product
keeps M⁻¹ and M side by side, and the engine decides whether M is invertible on the declared domain.
A cancellation kept is recorded (:func:`recording`): a claim built while it is on is undefined where det M = 0, as
written (A⁻¹A = I at A = 0), though nothing of M⁻¹ is left in it; so is det(M⁻¹), which sympy writes 1/det(M)
and then cancels against det(M) (det(A⁻¹)·det(A) = 1).

Importing this module installs the guard once, in every process that builds claims.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import sympy as sp
from sympy.matrices.expressions import matmul
from sympy.strategies import do_one, exhaust, typed

_original: Callable[[sp.MatMul], sp.Basic] = matmul.combine_powers


def is_plain_matrix(m: sp.Basic) -> bool:
    """M⁻¹M = I where defined, and defined somewhere at every size: M a matrix symbol, its transpose,
    the identity, or a Gram matrix XᵀX of a tall X (XXᵀ of a wide one), of full rank for almost all X."""
    if isinstance(m, sp.Transpose):
        m = m.arg
    return isinstance(m, sp.MatrixSymbol | sp.Identity) or _full_rank_gram(m)


def _full_rank_gram(m: sp.Basic) -> bool:
    """XᵀX with X at least as tall as wide (rows − cols ≥ 0 for every size), or XXᵀ with X at least as wide."""
    if not isinstance(m, sp.MatMul) or len(m.args) != 2:
        return False
    a, b = m.args
    if isinstance(a, sp.Transpose) and a.arg == b and isinstance(b, sp.MatrixSymbol):
        return bool(sp.simplify(b.rows - b.cols).is_nonnegative)
    if isinstance(b, sp.Transpose) and b.arg == a and isinstance(a, sp.MatrixSymbol):
        return bool(sp.simplify(a.cols - a.rows).is_nonnegative)
    return False


def _inverted_base(m: sp.Basic) -> sp.Basic | None:
    if isinstance(m, sp.Inverse):
        return m.arg
    if isinstance(m, sp.MatPow) and m.exp.is_negative:
        return m.base
    return None


_CANCELLED: ContextVar[list[sp.Basic] | None] = ContextVar("cancelled_inverses", default=None)


@contextmanager
def recording(on: bool = True) -> Iterator[list[sp.Basic]]:
    """The plain matrices M whose inverse sympy cancelled against M (M⁻¹M → I) while the block ran, in order and
    each once; off (on=False), nothing is recorded in the block, not even for an outer recording."""
    found: list[sp.Basic] = []
    token = _CANCELLED.set(found if on else None)
    try:
        yield found
    finally:
        _CANCELLED.reset(token)


_STRICT: ContextVar[bool] = ContextVar("no_inverse_cancelled", default=False)


@contextmanager
def strictly() -> Iterator[None]:
    """No inverse is cancelled in the block, a plain matrix's either: A⁻¹A stays as its author wrote it."""
    token = _STRICT.set(True)
    try:
        yield
    finally:
        _STRICT.reset(token)


def guarded_combine_powers(mul: sp.MatMul) -> sp.Basic:
    """sympy's combine_powers, except that it leaves alone a product with the inverse of anything
    but a plain matrix: there, cancelling M⁻¹M needs M invertible, which sympy never asks. An inverse it cancels
    is recorded (:func:`recording`)."""
    inverses = [(arg, _inverted_base(arg)) for arg in mul.args]
    strict = _STRICT.get()
    if any(base is not None and (strict or not is_plain_matrix(base)) for _, base in inverses):
        return mul
    out = _original(mul)
    found = _CANCELLED.get()
    if found is not None and out != mul:
        gone = [base for arg, base in inverses if base is not None and not out.has(arg)]
        found.extend(b for b in gone if not isinstance(b, sp.Identity) and b not in found)
    return out


_original_det: Callable[[sp.Inverse], sp.Basic] = sp.Inverse._eval_determinant


def guarded_inverse_determinant(inverse: sp.Inverse) -> sp.Basic | None:
    """det(M⁻¹) as sympy writes it, 1/det(M), recorded (:func:`recording`): det(A⁻¹)·det(A) is then 1, undefined
    where det A = 0 as written. Left as det(M⁻¹) while no inverse may be cancelled (:func:`strictly`), so that the
    claim built again keeps the divisor its author wrote."""
    if _STRICT.get():
        return None
    found = _CANCELLED.get()
    if found is not None and not isinstance(inverse.arg, sp.Identity) and inverse.arg not in found:
        found.append(inverse.arg)
    return _original_det(inverse)


def install() -> None:
    sp.Inverse._eval_determinant = guarded_inverse_determinant
    if matmul.combine_powers is guarded_combine_powers:
        return
    rules = tuple(guarded_combine_powers if r is _original else r for r in matmul.rules)
    matmul.combine_powers = guarded_combine_powers
    matmul.rules = rules
    matmul.canonicalize = exhaust(typed({sp.MatMul: do_one(*rules)}))


install()
