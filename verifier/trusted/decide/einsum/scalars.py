"""Scalar index expressions → Einstein forms, and scalar function atoms (trusted base).

The base of :class:`verifier.trusted.decide.einsum.read.Reader`: fresh letters, and the scalar side of the
fragment (coefficients, sums, products, integer powers, entries, sympy's index sums, δ).
A scalar function of an index expression u is an opaque atom f(u): exp, log and the
analytic functions of FUNCTIONS, and a power uᵏ with k negative or not an integer. Its
factor carries the letters of u that come from outside u (created before u was read), and
is named by f and u's canonical text with those letters as slots, so equal names at equal
letters are equal values. Its derivative is the chain rule, ∂f(u) = f′(u)·∂u, with f′ by
sympy's scalar calculus (never its matrix calculus), read again with u in place of t.
Each time an atom's argument is used again its own summed letters are renamed fresh, so
two copies never share a summed letter. An elementwise function f∘M (ElementwiseApplyFunction,
``M.applyfunc(f)``) is read entry by entry as the scalar f(M_ij) (see read.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from verifier.language.text import clipped
from verifier.trusted.decide.einsum.forms import (
    PLACEHOLDER,
    Applied,
    Factor,
    Letter,
    OutsideFragment,
    Term,
    canonical,
    delta,
    form_text,
    key_text,
    merge_sizes,
    power_name,
    product,
    same_size,
    scaled,
)

Form = list[Term]
Scope = dict[sp.Symbol, Letter]
FUNCTIONS: tuple[type[sp.Function], ...] = (sp.exp, sp.log, sp.tanh, sp.sinh, sp.cosh, sp.sin, sp.cos, sp.atan)
Bound = tuple[Sequence[Term], Mapping[Letter, Letter]]  # a placeholder's form, and its outer letters


def is_one(size: sp.Expr) -> bool:
    return bool(sp.sympify(size) == 1)


def _is_det_power(e: sp.Expr) -> bool:
    return isinstance(e, sp.Determinant) or (isinstance(e, sp.Pow) and isinstance(e.base, sp.Determinant))


def _number(letter: Letter) -> int:
    return int(letter[1:])


class ScalarReader:
    """Fresh letters, and scalar expressions with their function atoms; records the rules it used."""

    def __init__(self) -> None:
        self.count = 0
        self.sizes: dict[Letter, sp.Expr] = {}
        self.rules: set[str] = set()
        self.symbols: dict[str, sp.MatrixSymbol] = {}
        self.bound: dict[sp.Symbol, Bound] = {}  # placeholders standing for forms (f∘M, f′(u))

    def fresh(self, size: sp.Expr) -> Letter | None:
        """A new letter ranging over size; None for an axis of size 1 (which needs no letter)."""
        if is_one(size):
            return None
        self.count += 1
        letter = f"_{self.count}"
        self.sizes[letter] = sp.sympify(size)
        return letter

    def axes(self, shape: tuple[sp.Expr, sp.Expr]) -> tuple[Letter | None, Letter | None]:
        return self.fresh(shape[0]), self.fresh(shape[1])

    def _sized(self, *letters: Letter | None) -> dict[Letter, sp.Expr]:
        return {x: self.sizes[x] for x in letters if x is not None}

    def matrix(self, e: sp.Basic, row: Letter | None, col: Letter | None) -> Form:
        raise NotImplementedError

    def _determinant(self, m: sp.MatrixExpr) -> Form:
        raise NotImplementedError

    def _det_inverse(self, m: sp.MatrixExpr) -> Term:
        raise NotImplementedError

    def _log_det(self, arg: sp.Expr) -> Form:
        raise NotImplementedError

    # ------------------------------------------------------------------ scalars

    def scalar(self, e: sp.Basic, scope: Scope) -> Form:
        """A scalar expression; scope maps the dummies of enclosing sums to their letters."""
        if isinstance(e, sp.MatrixExpr):
            if not (is_one(e.shape[0]) and is_one(e.shape[1])):
                raise OutsideFragment(f"a {e.shape[0]}×{e.shape[1]} matrix used as a scalar")
            return self.matrix(e, None, None)
        if not isinstance(e, sp.Expr) or e.has(sp.Float):
            raise OutsideFragment(f"{clipped(e, 60)} (floats and non-expressions are not read)")
        if e in self.bound:
            return self.copy(*self.bound[e])
        if not e.has(sp.MatrixExpr, sp.MatrixSymbol, sp.Sum) and not (e.free_symbols & (set(scope) | set(self.bound))):
            return [Term(e, (), {})]  # a coefficient: numbers and scalar symbols
        if isinstance(e, sp.Add):
            self.rules.add("sum")
            return [t for a in e.args for t in self.scalar(a, scope)]
        if isinstance(e, sp.Mul):
            return product(self.scalar(a, scope) for a in e.args)
        if isinstance(e, sp.Pow):
            return self._power(e, scope)
        if isinstance(e, sp.Trace):
            self.rules.add("trace")
            a = self.fresh(e.arg.shape[0])
            return self.matrix(e.arg, a, a)
        if isinstance(e, MatrixElement):
            return self._element(e, scope)
        if isinstance(e, sp.Sum):
            return self._sum(e, scope)
        if isinstance(e, sp.KroneckerDelta) and len(e.args) == 2 and all(i in scope for i in e.args):
            i, j = (scope[x] for x in e.args[:2])
            return [delta(i, j, self.sizes[i])]
        if isinstance(e, sp.Determinant):
            return self._determinant(e.arg)
        if isinstance(e, sp.log) and _is_det_power(e.args[0]):
            return self._log_det(e.args[0])
        if isinstance(e, FUNCTIONS) and len(e.args) == 1:
            return [self.applied(type(e)(PLACEHOLDER), type(e).__name__, e.args[0], scope)]
        raise OutsideFragment(f"{type(e).__name__} ({clipped(e, 60)})")

    def _power(self, e: sp.Pow, scope: Scope) -> Form:
        base, k = e.args
        if not isinstance(k, sp.Rational):
            raise OutsideFragment(f"power {sp.sstr(k)} of {clipped(base, 40)} (only rational powers)")
        if isinstance(k, sp.Integer) and k >= 0:
            self.rules.add("power")
            return product(self.scalar(base, scope) for _ in range(int(k)))
        if isinstance(base, sp.Determinant) and isinstance(k, sp.Integer):
            return product([self._det_inverse(base.arg)] for _ in range(-int(k)))
        return [self.applied(PLACEHOLDER**k, power_name("", k), base, scope, k)]

    def applied(self, body: sp.Expr, label: str, arg: sp.Expr, scope: Scope, power: sp.Rational | None = None) -> Term:
        """The atom f(arg), f given by its body in the placeholder t."""
        self.rules.add("power atom" if power is not None else "function")
        start = self.count
        form = self.scalar(arg, scope)
        if arg in self.bound:  # f′(u) in a derivative: u's outer letters in the order u had them
            free = tuple(self.bound[arg][1].values())
        else:
            used = {x for t in form for x in t.sizes}
            free = tuple(sorted((x for x in used if _number(x) <= start), key=_number))
        c = self._content(form, free, power) if power is not None else sp.S.One
        form = scaled(form, 1 / c)
        base = form_text(canonical(form, free))
        name = power_name(base, power) if power is not None else f"{label}⟨{base}⟩"
        factor = Factor(name, free, "atom", Applied(body, form, free, base, power))
        return Term(c**power if power is not None else sp.S.One, (factor,), self._sized(*free))

    def _content(self, form: Form, free: tuple[Letter, ...], power: sp.Rational) -> sp.Expr:
        """A factor c of u taken out of uᵏ = cᵏ·(u/c)ᵏ: the part of the first coefficient made of
        numbers and sizes, if c > 0, or c ≠ 0 and k is an integer (both identities where defined)."""
        terms = canonical(form, free).terms
        if not terms:
            return sp.S.One
        first = terms[min(terms, key=key_text)]
        sizes = set().union(*(sp.sympify(v).free_symbols for v in self.sizes.values()))
        c = first.as_independent(*(first.free_symbols - sizes), as_Add=False)[0]
        if c.is_positive or (isinstance(power, sp.Integer) and c.is_zero is False):
            return c
        return sp.S.One

    def copy(self, form: Sequence[Term], outer: Mapping[Letter, Letter]) -> Form:
        """The form with its outer letters renamed as given and every other letter fresh."""
        out = []
        for t in form:
            table = dict(outer)
            for x, size in t.sizes.items():
                if x not in table:
                    new = self.fresh(size)
                    assert new is not None  # a letter never ranges over 1
                    table[x] = new
            sizes = {table[x]: size for x, size in t.sizes.items()}
            out.append(Term(t.coeff, tuple(f.renamed(table) for f in t.factors), sizes))
        return out

    def with_bound(self, body: sp.Expr, placeholder: sp.Symbol, value: Bound) -> Form:
        """The scalar body read with the placeholder standing for a form."""
        token = sp.Dummy("u")
        self.bound[token] = value
        try:
            return self.scalar(body.xreplace({placeholder: token}), {})
        finally:
            del self.bound[token]

    def applied_derivative(self, f: Factor, dform: Form) -> Form:
        """∂f(u) = f′(u)·∂u; dform is ∂u (of a copy of u at the factor's letters)."""
        data: Applied = f.atom
        outer = dict(zip(data.free, f.letters, strict=True))
        slope = self.with_bound(sp.diff(data.body, PLACEHOLDER), PLACEHOLDER, (data.form, outer))
        return product([slope, dform])

    def argument(self, f: Factor) -> Form:
        """A fresh copy of the atom's argument at the factor's letters."""
        data: Applied = f.atom
        return self.copy(data.form, dict(zip(data.free, f.letters, strict=True)))

    def _element(self, e: MatrixElement, scope: Scope) -> Form:
        m, i, j = e.args
        return self.matrix(m, self._index(i, m.shape[0], scope), self._index(j, m.shape[1], scope))

    def _index(self, i: sp.Expr, size: sp.Expr, scope: Scope) -> Letter | None:
        """The letter of a sum's index on an axis it runs over whole: Σ_{k=0}^{n−1} X_kk on an (n + 1)-square X
        misses X_nn, and its letter of n values was taken for the axis's n + 1: = tr X was PROVED for all n."""
        if i in scope:
            letter = scope[i]
            if not same_size(self.sizes[letter], size):
                raise OutsideFragment(f"a sum's index {i} over {self.sizes[letter]} values on an axis of size {size}")
            return letter
        if i == 0 and is_one(size):
            return None
        raise OutsideFragment(f"the fixed index {i} of an axis of size {size}")

    def _sum(self, e: sp.Sum, scope: Scope) -> Form:
        inner = dict(scope)
        for dummy, lo, hi in e.limits:
            letter = self.fresh(hi - lo + 1)
            if lo != 0 or letter is None or (hi.free_symbols & set(inner)):
                raise OutsideFragment(f"a sum over {dummy} from {lo} to {hi}")
            if sp.sympify(hi - lo + 1).is_nonnegative is not True:  # Σ_{k=0}^{n−3} c is 0 at n = 1, not (n − 2)c
                raise OutsideFragment(f"a sum over {dummy} of {hi - lo + 1} terms, not shown ≥ 0 for every n")
            inner[dummy] = letter
        ranges = {inner[d]: self.sizes[inner[d]] for d, _, _ in e.limits}
        return [Term(t.coeff, t.factors, merge_sizes(t.sizes, ranges)) for t in self.scalar(e.function, inner)]
