"""Index-notation sums at a symbolic size, brought to a normal form by named rules (trusted base).

An expression is a scalar sympy expression in entries z[i], A[i, j] (Indexed), scalars, Kronecker
deltas, exp/log and other functions, and finite sums Sum(f, (i, lo, hi)). Every index that is not
bound by a sum is a *free index* whose range [lo, hi] the caller states. The rules, each an equality
for every n ≥ 1 and every value of the free indices in their ranges:

- linearity: Σ (a + b) = Σ a + Σ b, and Σ c·f = c·Σ f when c does not contain the index;
- constant: Σ_{i=lo}^{hi} c = (hi − lo + 1)·c, when hi − lo + 1 ≥ 0 for every n ≥ 1;
- δ contraction: Σ_{i=lo}^{hi} δ(i, x)·f(i) = f(x), when x does not contain i and the range of x lies
  inside [lo, hi] (x is a free or outer index with a known range, plus a whole number);
- a product of sums is one sum over both indices (Σ_i a_i Σ_j b_j = Σ_i Σ_j a_i b_j), and bound
  indices are renamed and the sums ordered canonically (swapping finite sums with fixed bounds);
- simplex: Σ_{i=1}^{n} y_i = 1 for a vector y declared on the simplex (of size n);
- log of a positive product: log(a·b) = log a + log b, log(a^p) = p·log a, log(exp(x)) = x, with
  positivity shown structurally (exp of a real, a positive declared symbol, a sum over a non-empty
  range of positive terms, products, quotients and powers of positives). Every entry is real.

What no rule covers stays as written, as an atom: the comparison then says "not shown", never
"false". Rejections are raised as :class:`OutsideFragment` with the rule's name.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy as sp

from verifier.trusted.decide.rational_zero import dag_nodes
from verifier.trusted.obligations import NotShowable

Range = tuple[sp.Expr, sp.Expr]
MAX_PERMUTED = 4  # bound indices of one sum renamed by trying every order (4! = 24)


class OutsideFragment(NotShowable):
    """The expression is outside what these rules read (a named rejection)."""


@dataclass
class Normaliser:
    """The rules at one size symbol, with the free indices' ranges and the facts the claim declares."""

    size: sp.Symbol
    ranges: dict[sp.Symbol, Range]
    simplex: frozenset[str] = frozenset()  # vectors of size n on the simplex (Σ y = 1)
    positive: frozenset[str] = frozenset()  # scalars and vectors declared positive
    used: set[str] = field(default_factory=set)  # the rules applied, by name
    _names: Mapping[int, sp.Symbol] = field(default_factory=dict)

    def normal(self, e: sp.Expr) -> sp.Expr:
        """The normal form of e: sums pushed through, contracted and renamed; atoms kept."""
        e = sp.sympify(e)
        if isinstance(e, sp.Sum):
            return self._sum(e)
        if isinstance(e, sp.log):
            return self._log(_rational_form(self.normal(e.args[0])))
        if not e.args or isinstance(e, sp.Indexed | sp.KroneckerDelta):
            return e
        args = [self.normal(a) for a in e.args]
        if (isinstance(e, sp.Pow) and not e.exp.is_Integer) or isinstance(e, sp.Function):
            args = [_rational_form(a) for a in args]  # √(a + b) and √(b + a) are one atom
        return e.func(*args)

    # sums ------------------------------------------------------------------------------------
    def _sum(self, s: sp.Sum) -> sp.Expr:
        """The outer index made fresh (no capture), the body normalised with that index's range known."""
        body: sp.Expr = s.function
        limits = list(s.limits)
        for index, lo, hi in reversed(limits[1:]):
            body = sp.Sum(body, (index, lo, hi))
        index, lo, hi = limits[0]
        if not (_whole(lo) and _whole(hi)):
            raise OutsideFragment(f"sum bounds: {lo}..{hi} are not whole numbers for every n")
        fresh = sp.Dummy(str(index), integer=True)
        self.ranges[fresh] = (lo, hi)
        try:
            return self._one_sum(self.normal(body.xreplace({index: fresh})), fresh, lo, hi)
        finally:
            del self.ranges[fresh]

    def _one_sum(self, body: sp.Expr, index: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
        if lo.has(index) or hi.has(index):
            raise OutsideFragment(f"sum bounds: {index} in its own bounds")
        total = sp.S.Zero
        for term in sp.Add.make_args(expanded(body)):
            total += self._term(term, index, lo, hi)
        return total

    def _term(self, term: sp.Expr, index: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
        """Σ_{index=lo}^{hi} of one product: constants out, δ contracted, else one canonical sum."""
        factors = sp.Mul.make_args(term)
        const = sp.Mul(*(f for f in factors if not f.has(index)))
        dep = [f for f in factors if f.has(index)]
        if not dep:
            self.used.add("constant")
            return const * self._count(lo, hi)
        if const != 1:
            self.used.add("linearity")
        for k, f in enumerate(dep):
            if isinstance(f, sp.KroneckerDelta):
                other = f.args[1] if f.args[0] == index else f.args[0] if f.args[1] == index else None
                if other is not None and not other.has(index) and self._inside(other, lo, hi):
                    self.used.add("δ contraction")
                    rest = sp.Mul(*(dep[:k] + dep[k + 1 :])).xreplace({index: other})
                    return const * self.normal(rest)
        return const * self._closed(sp.Mul(*dep), index, lo, hi)

    def _count(self, lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
        count = sp.expand(hi - lo + 1)
        poly = sp.Poly(count, self.size) if count.free_symbols <= {self.size} else None
        if poly is None or poly.degree() > 1 or any(c < 0 for c in poly.all_coeffs()[:-1]):
            raise OutsideFragment(f"sum of a constant: cannot show {count} terms is ≥ 0 for every n")
        if count.subs(self.size, 1) < 0:
            raise OutsideFragment(f"sum of a constant: {count} terms is negative at n = 1")
        return count

    def index_range(self, x: sp.Expr) -> Range | None:
        """The range of an index expression: a ranged symbol plus a whole number, or a whole number."""
        if x.is_Integer:
            return (x, x)
        sym = next((s for s in x.free_symbols if s in self.ranges), None)
        if sym is None or x.free_symbols != {sym}:
            return None
        shift = sp.expand(x - sym)
        if not shift.is_Integer:
            return None
        lo, hi = self.ranges[sym]
        return (lo + shift, hi + shift)

    def _inside(self, x: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> bool:
        """lo ≤ x ≤ hi for every n ≥ 1 and every value of x's index in its range."""
        found = self.index_range(x)
        if found is None:
            return False
        return _nonneg_for_all_n(found[0] - lo, self.size) and _nonneg_for_all_n(hi - found[1], self.size)

    def _closed(self, body: sp.Expr, index: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
        """One canonical sum: inner sums merged in, the simplex fact, bound indices renamed."""
        limits = [(index, lo, hi)]
        factors = list(sp.Mul.make_args(body))
        inner = [f for f in factors if isinstance(f, sp.Sum) and not _limits_mention(f, index)]
        if inner:
            self.used.add("product of sums")
            factors = [f for f in factors if f not in inner]
            for s in inner:  # each inner index made fresh: two inner sums may both bind b0
                fresh = {v: sp.Dummy(str(v), integer=True) for v, _, _ in s.limits}
                factors.append(s.function.xreplace(fresh))
                limits.extend((fresh[v], a.xreplace(fresh), b.xreplace(fresh)) for v, a, b in s.limits)
        if len(limits) == 1 and self._is_simplex(sp.Mul(*factors), index, lo, hi):
            self.used.add("simplex")
            return sp.S.One
        return self._renamed(sp.Mul(*factors), limits)

    def _is_simplex(self, body: sp.Expr, index: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> bool:
        return (
            isinstance(body, sp.Indexed)
            and body.base.name in self.simplex
            and body.indices == (index,)
            and (lo, hi) == (sp.S.One, self.size)
        )

    def _renamed(self, body: sp.Expr, limits: list[tuple[sp.Symbol, sp.Expr, sp.Expr]]) -> sp.Expr:
        """Bound indices named b0, b1, … in the order (of independent sums) that prints least."""
        if len(limits) > MAX_PERMUTED:
            raise OutsideFragment(f"renaming: {len(limits)} nested sums (at most {MAX_PERMUTED})")
        fixed = all(not _mentions(lim[1:], [v for v, _, _ in limits]) for lim in limits)
        orders = itertools.permutations(limits) if fixed else [tuple(limits)]
        taken = [int(s.name[1:]) for s in body.free_symbols | body.atoms(sp.Symbol) if _is_bound_name(s)]
        first = 1 + max(taken, default=-1)  # above every name an inner sum uses: no capture
        best: sp.Expr | None = None
        for order in orders:
            names = {v: _bound(first + k) for k, (v, _, _) in enumerate(order)}
            new = sp.Sum(body.xreplace(names), *((names[v], a.xreplace(names), b.xreplace(names)) for v, a, b in order))
            if best is None or sp.srepr(new) < sp.srepr(best):
                best = new
        if len(limits) > 1 or best != sp.Sum(body, *limits):
            self.used.add("renaming bound indices")
        assert best is not None
        return best

    # logs ------------------------------------------------------------------------------------
    def _log(self, arg: sp.Expr) -> sp.Expr:
        if isinstance(arg, sp.exp) and self.real_(arg.args[0]):
            self.used.add("log of exp")
            return arg.args[0]
        if isinstance(arg, sp.Mul) and all(self.positive_(f) for f in arg.args):
            self.used.add("log of a positive product")
            return sp.Add(*(self._log(f) for f in arg.args))
        if isinstance(arg, sp.Pow) and self.positive_(arg.base) and self.real_(arg.exp):
            self.used.add("log of a positive power")
            return arg.exp * self._log(arg.base)
        return sp.log(arg)

    def real_(self, e: sp.Expr) -> bool:
        """e is real, shown from its structure: entries, declared scalars (all real), numbers, δ, sums,
        products and integer powers of reals, exp of a real, log or a real power of a positive."""
        if e.is_Number:
            return bool(e.is_real)
        if isinstance(e, sp.Symbol | sp.Indexed | sp.KroneckerDelta):
            return True
        if isinstance(e, sp.Add | sp.Mul):
            return all(self.real_(a) for a in e.args)
        if isinstance(e, sp.Pow):
            whole = e.exp.is_Integer and self.real_(e.base)
            return bool(whole or (self.positive_(e.base) and self.real_(e.exp)))
        if isinstance(e, sp.exp):
            return self.real_(e.args[0])
        if isinstance(e, sp.log):
            return self.positive_(e.args[0])
        if isinstance(e, sp.Sum):
            return self.real_(e.function)
        return False

    def positive_(self, e: sp.Expr) -> bool:
        """e > 0, shown from its structure (every entry and scalar is real)."""
        if e.is_Number:
            return bool(e > 0)
        if isinstance(e, sp.exp):
            return self.real_(e.args[0])
        if isinstance(e, sp.Symbol):  # a bound or free index (a Dummy) is not the scalar it may shadow
            return not (isinstance(e, sp.Dummy) or _is_bound_name(e)) and e.name in self.positive
        if isinstance(e, sp.Indexed):
            return e.base.name in self.positive
        if isinstance(e, sp.Mul | sp.Add):
            return all(self.positive_(a) for a in e.args)
        if isinstance(e, sp.Pow):
            return self.positive_(e.base) and self.real_(e.exp)
        if isinstance(e, sp.Sum):
            counts = [b - a + 1 for _, a, b in e.limits]
            return self.positive_(e.function) and all(_nonneg_for_all_n(c - 1, self.size) for c in counts)
        return False


def expanded(e: sp.Expr) -> sp.Expr:
    """e expanded, each sum in it kept as it is (sympy writes exp(Σ f) as Π exp(f) otherwise)."""
    table = {a: sp.Dummy("s") for a in dag_nodes([e], lambda x: isinstance(x, sp.Sum))}  # never a set's order
    back = {v: k for k, v in table.items()}
    return sp.expand(e.xreplace(table)).xreplace(back)


def _rational_form(e: sp.Expr) -> sp.Expr:
    """e as one expanded fraction p/q of its atoms (sums, entries, δ, functions), as sympy's cancel gives it."""
    atoms = sorted(e.atoms(sp.Sum, sp.Indexed, sp.KroneckerDelta, sp.Function), key=sp.default_sort_key)
    table = {a: sp.Dummy("t") for a in atoms}
    back = {v: k for k, v in table.items()}
    return sp.cancel(sp.expand(e.xreplace(table))).xreplace(back)


def _bound(k: int) -> sp.Symbol:
    return sp.Symbol(f"b{k}", integer=True)


def _is_bound_name(s: sp.Symbol) -> bool:
    return isinstance(s, sp.Symbol) and not isinstance(s, sp.Dummy) and s.name[:1] == "b" and s.name[1:].isdigit()


def _whole(bound: sp.Expr) -> bool:
    """A bound that is a whole number for every n and index: a polynomial with integer coefficients."""
    bound = sp.expand(bound)
    if bound.is_Integer:
        return True
    if not bound.free_symbols or not bound.is_polynomial(*bound.free_symbols):
        return False
    return all(c.is_Integer for c in sp.Poly(bound, *sorted(bound.free_symbols, key=sp.default_sort_key)).coeffs())


def _limits_mention(s: sp.Sum, index: sp.Symbol) -> bool:
    return any(a.has(index) or b.has(index) for _, a, b in s.limits)


def _mentions(bounds: tuple[sp.Expr, ...], variables: list[sp.Symbol]) -> bool:
    return any(b.has(v) for b in bounds for v in variables)


def _nonneg_for_all_n(d: sp.Expr, size: sp.Symbol) -> bool:
    """d ≥ 0 for every whole n ≥ 1: d is a whole number ≥ 0, or c·n + m with c ≥ 0 and c + m ≥ 0."""
    d = sp.expand(d)
    if not d.free_symbols <= {size}:
        return False
    poly = sp.Poly(d, size)
    if poly.degree() > 1 or not all(c.is_Integer for c in poly.all_coeffs()):
        return False
    coeffs = poly.all_coeffs()
    slope = coeffs[0] if poly.degree() == 1 else sp.S.Zero
    return bool(slope >= 0 and d.subs(size, 1) >= 0)
