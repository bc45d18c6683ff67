"""Both sides of an Identity or Derivative claim in canonical Einstein form, compared (trusted base).

The layout of a derivative is the explicit engine's (:func:`verifier.trusted.obligations.jacobian_layout`):
a gradient of a scalar has the shape of its variable, (∂f/∂X)_pq = ∂f/∂X_pq; a Jacobian of a
column vector f by a column vector x has rows = outputs, J_ip = ∂f_i/∂x_p; a Hessian (order 2)
of a scalar by a column vector is H_pq = ∂²f/∂x_p∂x_q.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy as sp

from verifier.language.claims import Derivative, Identity, Statement
from verifier.language.domains import Domain
from verifier.language.domains.matrix import Symmetric
from verifier.trusted.decide.einsum.forms import (
    Canonical,
    Key,
    Letter,
    OutsideFragment,
    canonical,
    form_text,
    is_zero,
    same_size,
)
from verifier.trusted.decide.einsum.read import RULES, Form, Reader

ATOM_RULES = ("inverse", "det", "det⁻¹", "logdet", "det power", "cancel", "function", "power atom")


@dataclass(frozen=True)
class FormComparison:
    """The two canonical forms of a claim, compared term by term."""

    equal: bool
    rules: tuple[str, ...]  # the fragment's rules the forms used, in words
    atoms: tuple[str, ...]  # the atoms' derivative rules used (empty: atom-free)
    difference: Mapping[Key, sp.Expr]  # lhs − rhs per canonical term, where they differ
    letters: Mapping[Key, tuple[sp.Expr, ...]]  # the ranges of the letters of each differing term
    lhs: str
    rhs: str
    assumptions: tuple[str, ...] = ()  # the domains declared, and where the atoms are defined

    @property
    def detail(self) -> str:
        atoms = f"; atom rules: {', '.join(self.atoms)}" if self.atoms else ""
        return f"equal canonical Einstein forms ({'; '.join(self.rules)}{atoms})"

    @property
    def bound(self) -> int:
        """B: the most distinct letters in one differing term (0 if the forms are equal)."""
        return max((len(v) for v in self.letters.values()), default=0)


def _shape(e: sp.Basic) -> tuple[sp.Expr, sp.Expr]:
    return (e.shape[0], e.shape[1]) if isinstance(e, sp.MatrixExpr) else (sp.S.One, sp.S.One)


def _same_shape(a: tuple[sp.Expr, sp.Expr], b: tuple[sp.Expr, sp.Expr]) -> bool:
    return all(same_size(x, y) for x, y in zip(a, b, strict=True))


def _read(reader: Reader, e: sp.Basic, row: Letter | None, col: Letter | None) -> Form:
    if isinstance(e, sp.MatrixExpr):
        return reader.matrix(e, row, col)
    if row is not None or col is not None:
        raise OutsideFragment("a scalar compared with a matrix")
    return reader.scalar(sp.sympify(e), {})


def _identity(reader: Reader, body: Identity) -> tuple[Form, Form, tuple[Letter | None, ...]]:
    shape = _shape(body.lhs)
    if not _same_shape(shape, _shape(body.rhs)):
        raise OutsideFragment(f"sides of shapes {shape} and {_shape(body.rhs)}")
    row, col = reader.axes(shape)
    return _read(reader, body.lhs, row, col), _read(reader, body.rhs, row, col), (row, col)


def _tied(body: Derivative, x: sp.MatrixSymbol) -> bool:
    return any(g.target == x and type(g.domain).relations is not Domain.relations for g in body.given())


def _derivative(reader: Reader, body: Derivative) -> tuple[Form, Form, tuple[Letter | None, ...]]:
    x = body.wrt
    if not isinstance(x, sp.MatrixSymbol):
        raise OutsideFragment("a derivative with respect to something other than a matrix symbol")
    if _tied(body, x):
        raise OutsideFragment(f"{x.name} is tied by its domain (symmetric, diagonal, ...); differentiate a free one")
    if reader.symbols.setdefault(x.name, x) != x:
        raise OutsideFragment(f"two matrix symbols named {x.name}")
    f_shape, x_shape, c_shape = _shape(body.f), x.shape, _shape(body.equals)
    scalar_f = _same_shape(f_shape, (1, 1))
    if body.order == 2:
        if not (scalar_f and _same_shape(x_shape, (x_shape[0], 1)) and _same_shape(c_shape, (x_shape[0],) * 2)):
            raise OutsideFragment("a Hessian needs a scalar f, a column vector wrt and a square claimed matrix")
        p, q = reader.fresh(x_shape[0]), reader.fresh(x_shape[0])
        got = reader.derivative(reader.derivative(_read(reader, body.f, None, None), x, p, None), x, q, None)
        return got, _read(reader, body.equals, p, q), (p, q)
    if body.order != 1:
        raise OutsideFragment(f"a derivative of order {body.order}")
    if scalar_f and _same_shape(c_shape, x_shape):
        p, q = reader.axes(x_shape)
        got = reader.derivative(_read(reader, body.f, None, None), x, p, q)
        return got, _read(reader, body.equals, p, q), (p, q)
    if _same_shape((f_shape[1], x_shape[1]), (1, 1)) and _same_shape(c_shape, (f_shape[0], x_shape[0])):
        i, p = reader.fresh(f_shape[0]), reader.fresh(x_shape[0])
        got = reader.derivative(_read(reader, body.f, i, None), x, p, None)
        return got, _read(reader, body.equals, i, p), (i, p)
    raise OutsideFragment(f"derivative layout: f is {f_shape}, wrt is {x_shape}, claimed is {c_shape}")


def compare(statement: Statement) -> FormComparison:
    """Both sides of the claim in canonical form, and whether they are equal; OutsideFragment if
    the claim is not an Identity or Derivative in the fragment."""
    reader = Reader()
    statement, symmetric = _symmetrised(statement)
    if isinstance(statement, Identity):
        lhs_form, rhs_form, slots = _identity(reader, statement)
    elif isinstance(statement, Derivative):
        lhs_form, rhs_form, slots = _derivative(reader, statement)
    else:
        raise OutsideFragment(f"a {statement.kind} claim")
    if not reader.symbols:
        raise OutsideFragment("no matrix symbol of symbolic size")
    lhs, rhs = canonical(lhs_form, slots), canonical(rhs_form, slots)
    difference = _difference(lhs, rhs)
    letters = {k: lhs.letters[k] if k in lhs.letters else rhs.letters[k] for k in difference}  # () is a scalar's
    words = (*symmetric, *(RULES[r] for r in sorted(reader.rules) if r not in ATOM_RULES))
    atoms = tuple(RULES[r] for r in ATOM_RULES if r in reader.rules)
    where = ("wherever the inverses, logs and powers involved are defined",) if atoms else ()
    hyps = (*(f"{g.label} ∈ {g.domain.describe()}" for g in statement.given()), *where)
    return FormComparison(not difference, words, atoms, difference, letters, form_text(lhs), form_text(rhs), hyps)


def _symmetrised(statement: Statement) -> tuple[Statement, tuple[str, ...]]:
    """Each symmetric matrix A (not the variable) written (S + Sᵀ)/2 with S a new general matrix:
    every symmetric A is one (S = A), so equal forms for all S prove the claim for all such A."""
    wrt = statement.wrt if isinstance(statement, Derivative) else None
    names = {m.name for p in statement.parts() if isinstance(p, sp.Basic) for m in p.atoms(sp.MatrixSymbol)}
    table: dict[sp.MatrixSymbol, sp.MatrixExpr] = {}
    for g in statement.given():
        a = g.target
        if isinstance(g.domain, Symmetric) and isinstance(a, sp.MatrixSymbol) and a != wrt and a not in table:
            name = f"{a.name}ˢ"
            while name in names:
                name += "ˢ"
            names.add(name)
            s = sp.MatrixSymbol(name, *a.shape)
            table[a] = (s + s.T) / 2
    if not table:
        return statement, ()
    words = ", ".join(f"{a.name} = ({a.name}ˢ + {a.name}ˢᵀ)/2" for a in table)
    swapped = statement.map_parts(lambda p: p.xreplace(table) if isinstance(p, sp.Basic) else p)
    return swapped, (f"symmetric matrices by substitution: {words}",)


def _difference(lhs: Canonical, rhs: Canonical) -> dict[Key, sp.Expr]:
    out = {}
    for key in set(lhs.terms) | set(rhs.terms):
        gap = lhs.terms.get(key, sp.S.Zero) - rhs.terms.get(key, sp.S.Zero)
        if not is_zero(gap):
            out[key] = sp.expand(gap)
    return out


def _sums_done(e: object) -> object:
    """Sums of known bounds written out (the entry (XᵀY)[0, 0] is a Sum at symbolic n, an Add at n = 2)."""
    return e.replace(lambda x: isinstance(x, sp.Sum), lambda x: x.doit()) if isinstance(e, sp.Basic) else e


def first_unlike(statement: Statement, size: sp.Symbol, built: Mapping[int, Statement]) -> int | None:
    """The first n whose built claim is not the symbolic one with its size set to n (None: all alike).

    Each n is first written out term by term (:func:`_terms_written`), which is cheap; where that is not the
    built claim, n is written out again by sympy's Sum.doit (which factors, and evaluates entries) and compared
    by structure and by value, as before."""
    for n, concrete in sorted(built.items()):

        def at(e: object, n: int = n) -> object:
            return e.subs(size, n) if isinstance(e, sp.Basic) else e

        symbolic, built_n = statement.map_parts(at, with_where=True), concrete.map_parts(_sums_done, with_where=True)
        if _written_alike(symbolic, built_n):
            continue
        symbolic = symbolic.map_parts(_sums_done, with_where=True)
        if symbolic != built_n and _aligned(symbolic, built_n) != symbolic:
            return n
    return None


def _written_alike(symbolic: Statement, built_n: Statement) -> bool:
    """Each part of the symbolic claim at n, its sums written out term by term, is the built one's, as it stands."""
    try:
        written = symbolic.map_parts(_terms_written, with_where=True)
        if written == built_n:
            return True
        mine, theirs = written.parts(with_where=True), built_n.parts(with_where=True)
        return type(written) is type(built_n) and len(mine) == len(theirs) and all(map(_alike, mine, theirs))
    except (_NotWritten, ArithmeticError, AttributeError, TypeError, ValueError, sp.PolynomialError):  # to doit
        return False


def _alike(a: object, b: object) -> bool:
    """Equal, or two scalars (entries of matrices are atoms) whose difference vanishes identically."""
    if a == b:
        return True
    scalars = all(isinstance(e, sp.Expr) and not isinstance(e, sp.MatrixExpr) and e.is_commutative for e in (a, b))
    return scalars and is_zero(sp.Expr.__sub__(a, b))


class _NotWritten(Exception):
    """A sum this writer leaves to sympy: bounds not whole numbers, or a reversed range, or a body that binds."""


def _terms_written(e: object) -> object:
    """Every Sum with whole-number bounds written as the Add of its terms, innermost first: at each of its index's
    values, the body with the index replaced. Only ranges lo ≤ hi + 1 (sympy reads a reversed range by Karr's
    convention, Σ_{a..b} = −Σ_{b+1..a−1}: left to doit), and only bodies where nothing else binds a symbol."""
    if not isinstance(e, sp.Basic) or not e.args:
        return e
    args = [_terms_written(a) for a in e.args]
    if not isinstance(e, sp.Sum):
        return e.func(*args) if any(a is not b for a, b in zip(args, e.args, strict=True)) else e
    body = args[0]
    if isinstance(body, sp.MatrixExpr) or not isinstance(body, sp.Expr):
        raise _NotWritten("a sum of matrices")
    if any(getattr(x, "bound_symbols", ()) for x in sp.preorder_traversal(body)):
        raise _NotWritten("a body that binds a symbol")
    for index, lo, hi in e.limits:  # the first limit is the innermost
        if not (lo.is_Integer and hi.is_Integer and lo <= hi + 1):
            raise _NotWritten(f"a sum over {lo}..{hi}")
        body = sp.Add(*(body.xreplace({index: sp.Integer(k)}) for k in range(int(lo), int(hi) + 1)))
    return body


def _aligned(symbolic: Statement, concrete: Statement) -> Statement:
    """The concrete claim with each part that equals the symbolic one's in value (sympy builds
    OneMatrix(1, 1) at n = 1 where it builds I(1) elsewhere) replaced by it."""
    theirs = symbolic.parts(with_where=True)
    if type(symbolic) is not type(concrete) or len(theirs) != len(concrete.parts(with_where=True)):
        return concrete
    pending = iter(theirs)

    def swap(part: object) -> object:
        mine = next(pending)
        return mine if _same_value(mine, part) else part

    return concrete.map_parts(swap, with_where=True)


def _same_value(a: object, b: object) -> bool:
    """a = b, structurally or by equal canonical forms (at the concrete size both have)."""
    if a == b:
        return True
    if not (isinstance(a, sp.Basic) and isinstance(b, sp.Basic)) or isinstance(a, sp.MatrixSymbol):
        return False
    try:
        if compare(Identity(a, b)).equal:
            return True
    except (OutsideFragment, TypeError, ValueError):
        pass
    return _explicit_equal(a, b)


def _explicit_equal(a: sp.Basic, b: sp.Basic) -> bool:
    """Entry by entry, written out at their concrete size, the difference is zero by expansion or cancellation."""
    try:
        ea, eb = (sp.Matrix(e.as_explicit()) if isinstance(e, sp.MatrixExpr) else sp.Matrix([e]) for e in (a, b))
    except (TypeError, ValueError, AttributeError):  # not of concrete size
        return False
    return ea.shape == eb.shape and all(is_zero(x - y) for x, y in zip(ea, eb, strict=True))
