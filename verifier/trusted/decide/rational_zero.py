"""Is a rational expression identically zero? Decided exactly with FLINT's multivariate polynomials.

Part of the trusted base (:mod:`verifier.trusted.decide.normal_form` calls it). The expression is read
as a fraction N / D, where D is a product of powers of the denominators that appear in
it (kept as separate factors, so common ones are shared, never multiplied out), and N
is a polynomial over QQ. Symbols and any other atom (a function application, a constant
such as pi, a power with a symbolic exponent) are independent indeterminates: an identity
that holds for every value of an indeterminate holds for the value the atom stands for.
So N = 0 means the expression vanishes wherever it is defined (no denominator factor is
0). This is what ``together`` then ``expand`` decides, with exact arithmetic in FLINT
(python-flint's ``fmpq_mpoly``): measured 50-100× faster than sympy's sparse polynomials
on these products, and far faster than expanding sympy expression trees.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import flint
import sympy as sp

Poly = flint.fmpq_mpoly
_NOT_VALUES = (sp.oo, -sp.oo, sp.zoo, sp.nan)  # never read as indeterminates: they are not numbers
_INFINITE = frozenset(_NOT_VALUES)


@dataclass
class _Fraction:
    num: Poly
    den: list[tuple[Poly, int]]  # distinct factors with their exponents


class _NotRational(Exception):
    pass


class _TooLarge(_NotRational):
    """A product past the tester's size bound: no decision, never a wrong one."""


class RationalZeroTester:
    """Zero tests for several expressions over one polynomial ring, sharing the work on common parts.

    The entries of a residual share most of their subexpressions (a network's hidden
    activations, a softmax's denominator); one reader with one memo reads each of them
    into the ring once.

    relations (s, q, b) say s^q = b: a numerator is reduced modulo them first. With
    b = B/C, every s^k becomes s^(k mod q)·(B/C)^(k div q), and the whole numerator is
    multiplied by C^M (M the largest k div q), which is nonzero wherever b is defined; a
    zero result then vanishes wherever every s^q = b. (A zero test modulo a reducible
    s^q − b can miss zeros; it never invents one.)
    """

    def __init__(
        self,
        exprs: Sequence[sp.Expr],
        relations: Sequence[tuple[sp.Symbol, int, sp.Expr]] = (),
        values: Mapping[sp.Basic, sp.Expr] | None = None,
        max_product: int | None = None,
    ) -> None:
        values = values or {}
        parts = [*exprs, *[b for _, _, b in relations], *[s for s, _, _ in relations]]
        found: dict[sp.Basic, None] = {}  # in the order met, never a set's (strategies/budget.py: Dummy hashes)
        for p in parts:
            found.update(_indeterminates(sp.sympify(p), values))
        refused = {a for a in found if a in _INFINITE or a.has(*_NOT_VALUES)}
        self.atoms = sorted_by_sort_key([a for a in found if a not in refused])
        names = tuple(f"g{i}" for i in range(max(1, len(self.atoms))))
        self.ctx = flint.fmpq_mpoly_ctx.get(names, "lex")
        gens = dict(zip(self.atoms, self.ctx.gens(), strict=False))
        self.reader = _Reader(self.ctx, gens, values, max_product)
        self.reader.refused = refused
        self.relations = bool(relations)
        self.bases: list[tuple[int, int, _Fraction]] | None
        try:
            self.bases = [(self.atoms.index(s), q, self.reader.read(b)) for s, q, b in relations]
        except (_NotRational, ValueError):
            self.bases = None

    def is_zero(self, expr: sp.Expr) -> bool:
        """True only if expr is identically zero wherever defined; False means "not shown"."""
        return self.decide(expr) is True

    def decide(self, expr: sp.Expr) -> bool | None:
        """True: expr is identically zero wherever defined. False: expr is not zero as a rational function of
        independent indeterminates (no relations; so no sum of parts of it read in this ring is zero part by
        part either). None: not decided (not rational, past the size bound, undefined, or modulo relations)."""
        expr = sp.sympify(expr)
        if expr == 0:
            return True
        if self.bases is None or not expr.is_commutative:
            return None  # commuting indeterminates would make AB − BA zero
        try:  # the reader refuses ∞ and nan (and atoms that hold them): an indeterminate for ∞ would make ∞ − ∞ zero
            pieces = self.reader.pieces(expr)
            if any(factor.is_zero() for piece in pieces for factor, _ in piece.den):
                return None  # undefined everywhere: nothing to show
            groups = _by_denominator(pieces)
            if len(groups) > 1 and all(self._vanishes(self.reader.add(g)) for g in groups):
                return True  # a sum of zeros (each group's denominator is nonzero wherever the whole is defined)
            fraction = self.reader.read(expr)
        except (_NotRational, ValueError):
            return None
        if any(factor.is_zero() for factor, _ in fraction.den):
            return None  # undefined everywhere: nothing to show
        if self._vanishes(fraction):
            return True
        return None if self.relations else False

    def polynomial(self, expr: sp.Expr) -> Poly | None:
        """expr as a polynomial in self.atoms (the ring's generators, in order), or None if it is not one."""
        try:
            fraction = self.reader.read(sp.sympify(expr))
        except (_NotRational, ValueError):
            return None
        return None if fraction.den else fraction.num

    def _vanishes(self, fraction: _Fraction) -> bool:
        """The numerator is 0 (modulo the relations)."""
        numerator = fraction.num
        for _ in range(2):  # a base may mention another root
            for position, q, base in self.bases or []:
                numerator = _reduce(numerator, self.ctx, position, q, base)
        return bool(numerator.is_zero())


def expanded(expr: sp.Expr) -> sp.Expr:
    """sympy's expand(expr), by FLINT where expr is a polynomial over QQ in commuting Symbols (the same Add of
    c·Π sᵢ^eᵢ, canonical either way, without expand's hints walking every node); else sympy's own expand."""
    symbols = _indeterminates(expr, {})
    if all(isinstance(s, sp.Symbol) and s.is_commutative for s in symbols):
        atoms = list(symbols)
        ctx = flint.fmpq_mpoly_ctx.get(tuple(f"g{i}" for i in range(max(1, len(atoms)))), "lex")
        try:
            fraction = _Reader(ctx, dict(zip(atoms, ctx.gens(), strict=False))).read(expr)
        except (_NotRational, ValueError):
            fraction = None
        if fraction is not None and not fraction.den:
            return _to_sympy(fraction.num, atoms)
    return sp.expand(expr)


def factored(expr: sp.Expr) -> sp.Expr | None:
    """expr as c·Π fᵢ^eᵢ / Π gⱼ^kⱼ in lowest terms, every fᵢ, gⱼ irreducible over QQ in expr's indeterminates
    (FLINT's factorisation: what sympy's factor(cancel(expr)) computes, at a fraction of the cost); None if
    expr is not a rational function of its indeterminates. The form is checked equal to expr in the ring."""
    expr = sp.sympify(expr)
    if not expr.is_commutative or expr.has(*_NOT_VALUES):
        return None
    tester = RationalZeroTester([expr])
    try:
        fraction = tester.reader.read(expr)
    except (_NotRational, ValueError):
        return None
    den = tester.ctx.constant(1)
    for factor, e in fraction.den:
        den *= factor**e
    if den.is_zero():
        return None
    common = fraction.num.gcd(den)
    num, left = divmod(fraction.num, common)
    den, also_left = divmod(den, common)
    if not (left.is_zero() and also_left.is_zero()):
        return None
    top, bottom = num.factor(), den.factor()
    constant = top[0] / bottom[0]
    parts = [_to_sympy(f, tester.atoms) ** e for f, e in top[1]]
    parts += [_to_sympy(f, tester.atoms) ** -e for f, e in bottom[1]]
    form = sp.Mul(sp.Rational(int(constant.p), int(constant.q)), *parts)
    return form if tester.is_zero(form - expr) else None


def _to_sympy(poly: Poly, atoms: list[sp.Basic]) -> sp.Expr:
    terms = []
    for monom, coeff in poly.to_dict().items():
        powers = [atom**k for atom, k in zip(atoms, monom, strict=False) if k]
        terms.append(sp.Mul(sp.Rational(int(coeff.p), int(coeff.q)), *powers))
    return sp.Add(*terms)


def _reduce(numerator: Poly, ctx: flint.fmpq_mpoly_ctx, position: int, q: int, base: _Fraction) -> Poly:
    """numerator with s^k → s^(k mod q)·B^(k div q)·C^(M − k div q), where s is gen `position`, b = B/C."""
    terms = numerator.to_dict()
    top = max((monom[position] // q for monom in terms), default=0)
    if top == 0:
        return numerator
    den = ctx.constant(1)
    for factor, e in base.den:
        den *= factor**e
    s = ctx.gens()[position]
    total = ctx.constant(0)
    for monom, coeff in terms.items():
        k = monom[position]
        rest = ctx.from_dict({tuple(0 if i == position else e for i, e in enumerate(monom)): coeff})
        total += rest * s ** (k % q) * base.num ** (k // q) * den ** (top - k // q)
    return total


def sorted_by_sort_key(items: Sequence[sp.Basic]) -> list[sp.Basic]:
    """sorted(items, key=sympy.default_sort_key), its work the same in every process.

    The key of a compound expression sorts the bases of its terms, gathered in a set
    (sympy's Expr.as_terms), and looks up a cached key for each in that set's order; a Dummy's
    hash is drawn per process (strategies/budget.py), and in sympy's bounded cache a hit keeps an
    entry while a miss drops the oldest, so in another order other keys were dropped and computed
    again, and the work moved with the process (linear_algebra.frobenius_bounds_trace, 599 or 600
    heartbeats of 97 allocations at n = 8). The keys of the fresh symbols inside compound items are
    looked up first, in the order met: the set then finds every one of them cached."""
    compound = [a for a in items if not a.is_Atom]
    for d in dag_nodes(compound, lambda x: isinstance(x, sp.Dummy)) if compound else ():
        sp.default_sort_key(d)
    return sorted(items, key=sp.default_sort_key)


def dag_nodes(exprs: Sequence[sp.Basic], wanted: Callable[[sp.Basic], bool]) -> list[sp.Basic]:
    """The distinct nodes of the expressions' DAG that are wanted, each shared subexpression visited once
    (sympy's atoms and has walk the tree, every path to a shared node again)."""
    seen: set[sp.Basic] = set()
    found: list[sp.Basic] = []
    stack = list(exprs)
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        if wanted(node):
            found.append(node)
        stack.extend(node.args)
    return found


def _indeterminates(expr: sp.Basic, values: Mapping[sp.Basic, sp.Expr]) -> dict[sp.Basic, None]:
    """The atoms read as indeterminates, in the order met (a node with a value stands for its value's)."""
    found: dict[sp.Basic, None] = {}
    stack = [expr]
    while stack:
        node = stack.pop()
        if node in values:
            stack.append(values[node])
        elif isinstance(node, sp.Add | sp.Mul):
            stack.extend(node.args)
        elif isinstance(node, sp.Pow) and node.exp.is_Integer:
            stack.append(node.base)
        elif not node.is_Rational:
            found[node] = None
    return found


def _exponent(den: list[tuple[Poly, int]], factor: Poly) -> int:
    return next((e for f, e in den if f == factor), 0)


def _merge(den: list[tuple[Poly, int]], factor: Poly, e: int, combine: str) -> None:
    """Put factor^e into den, adding exponents (a product) or taking the larger (a common multiple)."""
    for i, (f, old) in enumerate(den):
        if f == factor:
            den[i] = (f, old + e if combine == "add" else max(old, e))
            return
    den.append((factor, e))


class _Reader:
    """Reads a node into the ring; a node in values is read as its value (an equal expression: the atoms
    rung's fresh symbols for exponentials and radicals, substituted as the reader meets them)."""

    def __init__(
        self,
        ctx: flint.fmpq_mpoly_ctx,
        gens: dict[sp.Basic, Poly],
        values: Mapping[sp.Basic, sp.Expr] | None = None,
        max_product: int | None = None,
    ) -> None:
        self.ctx = ctx
        self.gens = gens
        self.values = values or {}
        self.max_product = max_product
        self.memo: dict[sp.Basic, _Fraction] = {}
        self.refused: set[sp.Basic] = set()

    def pieces(self, expr: sp.Basic) -> list[_Fraction]:
        """expr's terms, each product with a sum among its factors distributed over that sum once (x·(a + b) is
        x·a and x·b): fractions that add up to expr."""
        out = []
        for term in sp.Add.make_args(expr):
            sums = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.Add)] if isinstance(term, sp.Mul) else []
            if not sums:
                out.append(self.read(term))
                continue
            rest = self.mul([self.read(f) for f in sp.Mul.make_args(term) if f is not sums[0]])
            out.extend(self.mul([rest, self.read(u)]) for u in sums[0].args)
        return out

    def mul(self, parts: list[_Fraction]) -> _Fraction:
        num = self.ctx.constant(1)
        den: list[tuple[Poly, int]] = []
        for part in parts:
            num = self.times(num, part.num)
            for factor, e in part.den:
                _merge(den, factor, e, "add")
        return _Fraction(num, den)

    def times(self, a: Poly, b: Poly) -> Poly:
        if self.max_product is not None and len(a) * len(b) > self.max_product:
            raise _TooLarge
        return a * b

    def read(self, node: sp.Basic) -> _Fraction:
        known = self.memo.get(node)
        if known is None:
            known = self._read(node)
            self.memo[node] = known
        return known

    def _read(self, node: sp.Basic) -> _Fraction:
        if node in self.refused or node in _INFINITE:
            raise _NotRational(str(node))
        if node in self.values:
            return self.read(self.values[node])
        if node.is_Rational:
            return _Fraction(self.ctx.constant(flint.fmpq(int(node.p), int(node.q))), [])
        if node in self.gens:
            return _Fraction(self.gens[node], [])
        if isinstance(node, sp.Add):
            return self.add([self.read(a) for a in node.args])
        if isinstance(node, sp.Mul):
            return self.mul([self.read(a) for a in node.args])
        if isinstance(node, sp.Pow) and node.exp.is_Integer:
            return self._power(self.read(node.base), int(node.exp))
        raise _NotRational(type(node).__name__)

    def add(self, parts: list[_Fraction]) -> _Fraction:
        parts = _merge_equal_denominators(parts)
        common: list[tuple[Poly, int]] = []
        for p in parts:
            for factor, e in p.den:
                _merge(common, factor, e, "max")
        total = self.ctx.constant(0)
        for p in parts:
            term = p.num
            for factor, e in common:
                missing = e - _exponent(p.den, factor)
                if missing:
                    term = self.times(term, factor**missing)
            total += term
        return _Fraction(total, common)

    def _power(self, base: _Fraction, k: int) -> _Fraction:
        if k == 0:
            return _Fraction(self.ctx.constant(1), [])
        if k > 0:
            return _Fraction(base.num**k, [(f, e * k) for f, e in base.den])
        num = self.ctx.constant(1)
        for factor, e in base.den:
            num *= factor ** (e * -k)
        return _Fraction(num, [(base.num, -k)])


def _by_denominator(pieces: list[_Fraction]) -> list[list[_Fraction]]:
    """The pieces in groups that share no denominator factor (an equal polynomial: the logistic Hessian's
    1 + E from e^{z} and from 1/(1 + e^{−z}) are two objects, and one sample's pieces must meet to cancel),
    polynomials in a group of their own: any partition of a sum serves, this one keeps each small."""
    distinct: list[Poly] = []

    def key(factor: Poly) -> int:
        for i, known in enumerate(distinct):
            if known is factor or known == factor:
                return i + 1
        distinct.append(factor)
        return len(distinct)

    groups: list[tuple[list[int], list[_Fraction]]] = []  # (keys of the group's factors, its pieces)
    for piece in pieces:
        keys = [key(f) for f, _ in piece.den] or [0]
        joined = [g for g in groups if any(k in g[0] for k in keys)]
        merged: tuple[list[int], list[_Fraction]] = ([*keys], [piece])
        for g in joined:
            merged[0].extend(g[0])
            merged[1].extend(g[1])
            groups.remove(g)
        groups.append(merged)
    return [g[1] for g in groups]


def _same_denominator(a: list[tuple[Poly, int]], b: list[tuple[Poly, int]]) -> bool:
    return len(a) == len(b) and all(_exponent(b, f) == e for f, e in a)


def _merge_equal_denominators(parts: list[_Fraction]) -> list[_Fraction]:
    """Terms over the same denominator are added as they stand: no common multiple needed."""
    merged: list[_Fraction] = []
    for p in parts:
        twin = next((m for m in merged if _same_denominator(m.den, p.den)), None)
        if twin is None:
            merged.append(_Fraction(p.num, list(p.den)))
        else:
            twin.num = twin.num + p.num
    return merged
