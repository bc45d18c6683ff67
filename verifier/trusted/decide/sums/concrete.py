"""The symbolic-size claim set to a concrete n, and compared with the claim built at that n (trusted base).

At n = k every sum is written out, every entry z[i] becomes the plain symbol the explicit build uses
(z3; A12, or A1_12 from size 10 on: :func:`verifier.language.mathlib.vector` and ``matrix``), and a
FunctionMatrix side becomes its explicit matrix. The claim at k is this one when every entry of the
difference is exactly zero and each assumption the symbolic claim makes (y on the simplex, a > 0) is
one the concrete claim makes too.
"""

from __future__ import annotations

import itertools

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


def written_out(e: sp.Basic, size: sp.Symbol, n: int, vectors: frozenset[str] = frozenset()) -> sp.Basic:
    """e at size n: sums done, entries as the explicit build's symbols, a FunctionMatrix explicit.

    One pass from the top: each term of a sum is its body read with the index set to a whole number
    (an environment of index values), each entry named as soon as its indices are whole numbers. An entry of
    a declared vector (its name in `vectors`, of size n) past its ends is refused: the rules read its facts
    (positive) by name, and z_{n+1}, a scalar declared on its own at n, is not the positive vector's."""
    fixed: dict[sp.Basic, sp.Basic] = {size: sp.Integer(n)}
    if isinstance(e, sp.FunctionMatrix) and isinstance(e.lamda, sp.Lambda) and len(e.lamda.variables) == 2:
        rows, cols = (sp.sympify(x).xreplace(fixed) for x in e.shape)
        if not (rows.is_Integer and cols.is_Integer):
            raise NotShowable(f"a matrix of size {rows}×{cols} once n is set")
        (r, c), entry = e.lamda.variables, e.lamda.expr
        return sp.ImmutableMatrix(
            int(rows),
            int(cols),
            lambda i, j: _Writer({**fixed, r: sp.Integer(i), c: sp.Integer(j)}, n, vectors).out(entry),
        )
    if isinstance(e, sp.MatrixBase):
        return e.applyfunc(_Writer(fixed, n, vectors).out)
    if isinstance(e, sp.MatrixExpr):
        raise NotShowable("a matrix side that is neither explicit nor a FunctionMatrix of its entries")
    return _Writer(fixed, n, vectors).out(e)


class _Writer:
    """The claim's expressions at whole-number indices: `fixed` (n, the free indices) and, inside a sum, its
    index's value; an index's bounds are whole numbers from `fixed` alone (a bound on an outer sum's index
    is refused), and an entry whose indices are not whole numbers is refused."""

    def __init__(self, fixed: dict[sp.Basic, sp.Basic], n: int, vectors: frozenset[str] = frozenset()) -> None:
        self.fixed, self.width, self.vectors = fixed, n, vectors

    def out(self, e: sp.Basic, env: dict[sp.Basic, sp.Basic] | None = None) -> sp.Basic:
        env = self.fixed if env is None else env
        if e in env:
            return env[e]
        if not e.args:
            return e
        if isinstance(e, sp.Sum):
            return self._terms(e, env)
        if isinstance(e, sp.Indexed):
            at = [self.out(i, env) for i in e.indices]
            if not all(i.is_Integer for i in at):
                raise NotShowable("an entry whose index is not a whole number once n is set")
            if e.base.name in self.vectors and not (len(at) == 1 and 1 <= int(at[0]) <= self.width):
                raise NotShowable(f"the entry {e.base.name}{list(at)} is not one of the vector's 1..{self.width}")
            return _entry_name(sp.Indexed(e.base, *at), self.width)
        return e.func(*(self.out(a, env) for a in e.args))

    def _terms(self, s: sp.Sum, env: dict[sp.Basic, sp.Basic]) -> sp.Expr:
        """A sum written out term by term: every value of its indices (the first limit is the innermost)."""
        ranges = []
        for index, lo, hi in s.limits:
            lo, hi = lo.xreplace(self.fixed), hi.xreplace(self.fixed)
            if not (lo.is_Integer and hi.is_Integer):
                raise NotShowable(f"a sum whose bounds are not whole numbers once n is set: {lo}..{hi}")
            ranges.append((index, range(int(lo), int(hi) + 1)))
        values = itertools.product(*(r for _, r in reversed(ranges)))
        indices = [index for index, _ in reversed(ranges)]
        return sp.Add(
            *(self.out(s.function, {**env, **dict(zip(indices, map(sp.Integer, ks), strict=True))}) for ks in values)
        )


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
    vectors = frozenset(g.target.name for g in symbolic.given() if isinstance(g.target, sp.IndexedBase))
    for mine, theirs in ((symbolic.lhs, concrete.lhs), (symbolic.rhs, concrete.rhs)):
        a, b = _values(written_out(sp.sympify(mine), size, n, vectors)), _values(theirs)  # a side may be a Python int
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
