"""The symbolic-size claim set to a concrete n, and compared with the claim built at that n (trusted base).

At n = k every sum is written out, every entry z[i] becomes the plain symbol the explicit build uses
(z3; A12, or A1_12 from size 10 on: :func:`verifier.language.mathlib.vector` and ``matrix``), and a
FunctionMatrix side becomes its explicit matrix. The claim at k is this one when every entry of the
difference is exactly zero and each assumption the symbolic claim makes (y on the simplex, a > 0) is
one the concrete claim makes too.
"""

from __future__ import annotations

import sympy as sp

from verifier.language.claims import Identity, Statement
from verifier.trusted.decide.einsum.forms import is_zero
from verifier.trusted.obligations import NotShowable


def _entry_name(e: sp.Indexed, width: int) -> sp.Symbol:
    at = [int(i) for i in e.indices]
    name = e.base.name
    if len(at) == 1:
        return sp.Symbol(f"{name}{at[0]}")
    sep = "_" if width >= 10 else ""
    return sp.Symbol(f"{name}{at[0]}{sep}{at[1]}")


def written_out(e: sp.Basic, size: sp.Symbol, n: int) -> sp.Basic:
    """e at size n: sums done, entries as the explicit build's symbols, a FunctionMatrix explicit."""
    e = e.xreplace({size: sp.Integer(n)})
    if isinstance(e, sp.FunctionMatrix):
        e = sp.ImmutableMatrix(e.as_explicit())
    e = e.replace(lambda x: isinstance(x, sp.Sum), _terms)
    entries = e.atoms(sp.Indexed)
    if any(not all(i.is_Integer for i in x.indices) for x in entries):
        raise NotShowable("an entry whose index is not a whole number once n is set")
    return e.xreplace({x: _entry_name(x, n) for x in entries})


def _terms(s: sp.Sum) -> sp.Expr:
    """A sum with whole-number bounds written out term by term (its inner sums already are)."""
    body: sp.Expr = s.function
    for index, lo, hi in s.limits:  # the first limit is the innermost
        if not (lo.is_Integer and hi.is_Integer):
            raise NotShowable(f"a sum whose bounds are not whole numbers once n is set: {lo}..{hi}")
        body = sp.Add(*(body.xreplace({index: sp.Integer(k)}) for k in range(int(lo), int(hi) + 1)))
    return body


def _values(e: sp.Basic) -> list[sp.Expr]:
    return list(e) if isinstance(e, sp.MatrixBase) else [sp.sympify(e)]


def same_claim(symbolic: Identity, concrete: Statement, size: sp.Symbol, n: int) -> bool:
    """The symbolic claim at n is the concrete one: equal sides, and its assumptions among the concrete's (each
    the same domain: an interval that moves at n is another claim there)."""
    if not isinstance(concrete, Identity):
        return False
    try:
        return _same(symbolic, concrete, size, n)
    except (ArithmeticError, AttributeError, TypeError, ValueError) as err:
        raise NotShowable(f"the claim at n = {n} could not be written out: {err}") from None


def _same(symbolic: Identity, concrete: Identity, size: sp.Symbol, n: int) -> bool:
    for mine, theirs in ((symbolic.lhs, concrete.lhs), (symbolic.rhs, concrete.rhs)):
        a, b = _values(written_out(mine, size, n)), _values(theirs)
        shape_a = mine.shape if isinstance(mine, sp.MatrixExpr) else (1, 1)
        shape_b = theirs.shape if isinstance(theirs, sp.MatrixBase) else (1, 1)
        if tuple(sp.sympify(s).subs(size, n) for s in shape_a) != tuple(shape_b) or len(a) != len(b):
            return False
        if not all(is_zero(x - y) for x, y in zip(a, b, strict=True)):
            return False
    given = {g.target: g.domain for g in concrete.given()}  # the same domain, not only the same kind of one
    return all(given.get(_target(g.target, n)) == g.domain for g in symbolic.given())


def _target(t: sp.Basic, n: int) -> sp.Basic:
    """An assumption's target at n: a vector's entries as the explicit build's column, a scalar as itself."""
    if isinstance(t, sp.IndexedBase):
        return sp.ImmutableMatrix([sp.Symbol(f"{t.name}{i + 1}") for i in range(n)])
    return t
