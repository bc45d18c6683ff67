"""Is a rational expression identically zero? Decided in a sparse polynomial ring over QQ.

Part of the trusted base (:mod:`verifier.normal_form` calls it). The expression is read
as a fraction N / D, where D is a product of powers of the denominators that appear in
it (kept as separate factors, so common ones are shared, never multiplied out), and N
is a polynomial. Symbols and any other atom (a function application, a constant such as
pi, a power with a symbolic exponent) are independent indeterminates: an identity that
holds for every value of an indeterminate holds for the value the atom stands for. So
N = 0 in the ring means the expression vanishes wherever it is defined (no denominator
factor is 0). This is what ``together`` then ``expand`` decides, with ring arithmetic
(dicts of exponent tuples) instead of sympy's expression trees: measured about 10× faster
on the two-layer-net gradients at n = 8.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import sympy as sp
from sympy.polys.rings import PolyElement, PolyRing


@dataclass
class _Fraction:
    num: PolyElement
    den: Counter[PolyElement]  # factor -> exponent


class _NotRational(Exception):
    pass


def is_zero_rational(expr: sp.Expr) -> bool:
    """True only if expr is identically zero wherever defined; False means "not shown"."""
    atoms = _indeterminates(expr)
    if not atoms:
        return bool(sp.sympify(expr) == 0)
    ring = PolyRing([sp.Dummy(f"g{i}") for i in range(len(atoms))], sp.QQ, sp.polys.orderings.lex)
    reader = _Reader(ring, {a: g for a, g in zip(atoms, ring.gens, strict=True)})
    try:
        fraction = reader.read(sp.sympify(expr))
    except _NotRational:
        return False
    if any(factor == 0 for factor in fraction.den):
        return False  # undefined everywhere: nothing to show
    return bool(fraction.num == 0)


def _indeterminates(expr: sp.Basic) -> list[sp.Basic]:
    """The atoms read as indeterminates, in a fixed order (sorted by sympy's default key)."""
    found: set[sp.Basic] = set()
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, sp.Add | sp.Mul):
            stack.extend(node.args)
        elif isinstance(node, sp.Pow) and node.exp.is_Integer:
            stack.append(node.base)
        elif not node.is_Rational:
            found.add(node)
    return sorted(found, key=sp.default_sort_key)


class _Reader:
    def __init__(self, ring: PolyRing, gens: dict[sp.Basic, PolyElement]) -> None:
        self.ring = ring
        self.gens = gens
        self.memo: dict[sp.Basic, _Fraction] = {}

    def read(self, node: sp.Basic) -> _Fraction:
        known = self.memo.get(node)
        if known is None:
            known = self._read(node)
            self.memo[node] = known
        return known

    def _read(self, node: sp.Basic) -> _Fraction:
        if node.is_Rational:
            return _Fraction(self.ring(sp.QQ(int(node.p), int(node.q))), Counter())
        if node in self.gens:
            return _Fraction(self.gens[node], Counter())
        if isinstance(node, sp.Add):
            return self._add([self.read(a) for a in node.args])
        if isinstance(node, sp.Mul):
            parts = [self.read(a) for a in node.args]
            num = self.ring.one
            den: Counter[PolyElement] = Counter()
            for p in parts:
                num *= p.num
                den.update(p.den)
            return _Fraction(num, den)
        if isinstance(node, sp.Pow) and node.exp.is_Integer:
            return self._power(self.read(node.base), int(node.exp))
        raise _NotRational(type(node).__name__)

    def _add(self, parts: list[_Fraction]) -> _Fraction:
        common: Counter[PolyElement] = Counter()
        for p in parts:
            for factor, e in p.den.items():
                common[factor] = max(common[factor], e)
        total = self.ring.zero
        for p in parts:
            term = p.num
            for factor, e in common.items():
                missing = e - p.den.get(factor, 0)
                if missing:
                    term *= factor**missing
            total += term
        return _Fraction(total, common)

    def _power(self, base: _Fraction, k: int) -> _Fraction:
        if k == 0:
            return _Fraction(self.ring.one, Counter())
        if k > 0:
            return _Fraction(base.num**k, Counter({f: e * k for f, e in base.den.items()}))
        num = self.ring.one
        for factor, e in base.den.items():
            num *= factor ** (e * -k)
        return _Fraction(num, Counter({base.num: -k}))
