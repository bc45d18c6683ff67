"""Rational functions of plain symbols over QQ, in FLINT: certify's exact arithmetic, spelt back as sympy's.

certify eliminates and compares rational functions (an LDLᵀ's Schur complements, a Gram matrix's scale);
sympy's `cancel` spent most of the convexity claims' ladder there. Here an expression that is a rational
function of Symbols with rational coefficients is read into FLINT's `fmpq_mpoly` as a fraction N/D in
lowest terms, where every operation is exact, so a zero test here is the same decision as `cancel(e) == 0`.

The results go back in exactly the spelling sympy would have given, so that what certify proposes (and
what the kernel then checks) does not depend on which path computed it:

* :meth:`Field.cancel_form` is `cancel(e)`: P/Q with P, Q integer, coprime, of joint content 1 and the
  leading coefficient of Q positive, leading in sympy's order of generators (`_sort_gens`, lex);
* :meth:`Field.factor_form` is `factor(cancel(e))`: c·Π fᵢ^kᵢ with every fᵢ irreducible, primitive over ZZ
  and of positive leading coefficient.

Exponentials, where the caller asks (`Field.over(…, exponentials=True)`), are generators too: each exponent
is expanded and split into terms c·t as sympy's expansion splits them, and every e^{c·t} is a whole power of
one generator e^{t/L}. Every zero cancel finds is found (sympy's generators are powers of these), and some it
misses: cancel keeps e^{x/2} and eˣ as two generators. The spelling is cancel's where its generators are these;
elsewhere it is another spelling of the same value.

Anything else (a radical, a float, a noncommuting symbol, e^{x+1}: e is a number) is refused with
:class:`NotInField`, and the caller keeps sympy's own path. Nothing here is trusted: the kernel checks what
certify proposes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import flint
import sympy as sp
from sympy.core.mul import _keep_coeff
from sympy.polys.polyutils import _sort_gens

Poly = flint.fmpq_mpoly

__all__ = ["Field", "Fraction", "NotInField"]


class NotInField(Exception):
    """The expression is not a rational function of plain symbols over QQ (or divides by zero)."""


class Fraction:
    """num/den in lowest terms, den with leading coefficient 1 (in the field's order): one spelling per value."""

    __slots__ = ("den", "num")

    def __init__(self, num: Poly, den: Poly) -> None:
        if den.is_zero():
            raise NotInField("division by zero")
        common = num.gcd(den)
        if not common.is_one():
            num, den = _exact(num, common), _exact(den, common)
        lead = den.leading_coefficient()
        if lead != 1:
            num, den = num / lead, den / lead
        self.num, self.den = num, den

    def is_zero(self) -> bool:
        return bool(self.num.is_zero())

    def __add__(self, other: Fraction) -> Fraction:
        if self.den == other.den:
            return Fraction(self.num + other.num, self.den)
        return Fraction(self.num * other.den + other.num * self.den, self.den * other.den)

    def __sub__(self, other: Fraction) -> Fraction:
        return self + Fraction(-other.num, other.den)

    def __mul__(self, other: Fraction) -> Fraction:
        return Fraction(self.num * other.num, self.den * other.den)

    def __truediv__(self, other: Fraction) -> Fraction:
        return Fraction(self.num * other.den, self.den * other.num)


def _exact(a: Poly, b: Poly) -> Poly:
    quotient, remainder = divmod(a, b)
    assert remainder.is_zero()
    return quotient


class Field:
    """QQ(symbols), the symbols (and exponentials, where asked) in sympy's order of generators (so that "leading"
    means what it means there)."""

    def __init__(self, symbols: Iterable[sp.Basic]) -> None:
        self.symbols: tuple[sp.Basic, ...] = tuple(_sort_gens(list(dict.fromkeys(symbols))))
        names = tuple(f"g{i}" for i in range(max(1, len(self.symbols))))
        self.ctx = flint.fmpq_mpoly_ctx.get(names, "lex")
        self.gens = dict(zip(self.symbols, self.ctx.gens(), strict=False))
        self.memo: dict[sp.Basic, Fraction] = {}
        self.one = self.ctx.constant(1)
        self.scales: dict[sp.Expr, tuple[sp.Basic, int]] = {}  # an exponent's tail t: (e^{t/L}, L) (`_generators`)

    @classmethod
    def over(cls, exprs: Sequence[sp.Basic], polynomials: bool = False, exponentials: bool = False) -> Field | None:
        """The field of the expressions' symbols, if every one is a rational function of them over QQ
        (polynomials: a polynomial, where sympy's `expand(e) == 0` is the same zero test). exponentials: the
        exponentials' generators too (`_generators`), so that the zero test is `cancel(e) == 0` wherever sympy's
        expansion sees what the generators see."""
        symbols: dict[sp.Basic, None] = {}
        tails: dict[sp.Expr, set[sp.Rational]] | None = {} if exponentials else None
        for e in exprs:
            if not _rational_in_symbols(e, symbols, polynomials, tails):
                return None
        scales = _generators(tails or {})
        if scales is None:
            return None
        field = cls([*symbols, *(g for g, _ in scales.values())])
        field.scales = scales
        try:  # read now (the memo keeps them): a denominator that is 0 as a polynomial refuses the field
            for e in exprs:
                field.read(e)
        except NotInField:
            return None
        return field

    def read(self, expr: sp.Basic) -> Fraction:
        known = self.memo.get(expr)
        if known is None:
            known = self._read(expr)
            self.memo[expr] = known
        return known

    def _read(self, node: sp.Basic) -> Fraction:
        if node.is_Rational:
            return Fraction(self.ctx.constant(flint.fmpq(int(node.p), int(node.q))), self.one)
        gen = self.gens.get(node)
        if gen is not None:
            return Fraction(gen, self.one)
        if isinstance(node, sp.Add):
            parts = [self.read(a) for a in node.args]
            total = parts[0]
            for p in parts[1:]:
                total = total + p
            return total
        if isinstance(node, sp.Mul):
            product = Fraction(self.one, self.one)
            for a in node.args:
                product = product * self.read(a)
            return product
        if isinstance(node, sp.Pow) and node.exp.is_Integer:
            return self._power(self.read(node.base), int(node.exp))
        terms = _exponent_terms(node) if isinstance(node, sp.exp) else None
        if terms is None:
            raise NotInField(type(node).__name__)
        product = Fraction(self.one, self.one)
        for tail, c in terms:
            gen, scale = self.scales.get(tail, (None, 0))
            if gen is None or not (c * scale).is_Integer:
                raise NotInField("an exponential the field was not made for")
            product = product * self._power(Fraction(self.gens[gen], self.one), int(c * scale))
        return product

    @staticmethod
    def _power(base: Fraction, k: int) -> Fraction:
        if k < 0:
            base, k = Fraction(base.den, base.num), -k
        return Fraction(base.num**k, base.den**k)

    def polynomial(self, expr: sp.Basic) -> Poly:
        """expr, a polynomial of the field's symbols (NotInField if it is not one)."""
        f = self.read(expr)
        if not f.den.is_one():
            raise NotInField("a denominator")
        return f.num

    def quadratic_form(self, poly: Poly, pairs: Sequence[tuple[sp.Symbol, sp.Expr]]) -> sp.ImmutableMatrix | None:
        """M with poly = uᵀMu after each y = x + u (a pair (y, x), x a symbol or 0), if poly is then a homogeneous
        quadratic in the u's: what sympy's hessian of Poly(poly, *u) over 2 spells, entry for entry."""
        extra = [x for _, x in pairs if isinstance(x, sp.Symbol) and x not in self.gens]
        symbols = [*self.symbols, *dict.fromkeys(extra)]
        names = tuple(f"g{i}" for i in range(len(symbols) + len(pairs)))
        ctx = flint.fmpq_mpoly_ctx.get(names, "lex")
        gens = ctx.gens()
        at = {s: gens[i] for i, s in enumerate(symbols)}
        shift = {
            y: (at[x] if isinstance(x, sp.Symbol) else ctx.constant(0)) + gens[len(symbols) + k]
            for k, (y, x) in enumerate(pairs)
        }
        shifted = poly.compose(*[shift.get(s, at[s]) for s in self.symbols], ctx=ctx) if self.symbols else None
        if shifted is None or shifted.is_zero():
            return None
        width = len(symbols)
        entries: dict[tuple[int, int], dict[tuple[int, ...], flint.fmpq]] = {}
        for monom, c in zip(shifted.monoms(), shifted.coeffs(), strict=True):
            us = [i for i, e in enumerate(monom[width:]) for _ in range(e)]
            if len(us) != 2:
                return None
            i, j = us
            entries.setdefault((i, j), {})[monom[:width]] = c if i == j else c / 2
        n = len(pairs)
        matrix = [[sp.S.Zero] * n for _ in range(n)]
        for (i, j), terms in entries.items():
            matrix[i][j] = matrix[j][i] = _expr(symbols, terms)
        return sp.ImmutableMatrix(matrix)

    def constant(self, value: int) -> Fraction:
        return Fraction(self.ctx.constant(value), self.one)

    def cancel_form(self, f: Fraction) -> sp.Expr:
        """sympy's cancel(e) for the e that f is."""
        if f.is_zero():
            return sp.S.Zero
        num, den = self._integer_pair(f.num, f.den)
        return self.expr(num) / self.expr(den)

    def factor_form(self, f: Fraction) -> sp.Expr:
        """sympy's factor(cancel(e)) for the e that f is."""
        if f.is_zero():
            return sp.S.Zero
        if f.num.is_constant() and f.den.is_constant():
            return _rational(f.num.leading_coefficient() / f.den.leading_coefficient())
        coeff = flint.fmpq(1)
        factors = []
        for poly, sign in ((f.num, 1), (f.den, -1)):
            constant, found = poly.factor()
            coeff *= constant**sign
            for factor, k in found:
                primitive, content = self._primitive(factor)
                coeff *= content ** (sign * k)
                factors.append(self.expr(primitive) ** (sign * k))
        return _keep_coeff(_rational(coeff), sp.Mul(*factors))

    def expr(self, poly: Poly) -> sp.Expr:
        """The polynomial as sympy spells Poly.as_expr(): a sum of c·Π gᵢ^eᵢ."""
        return _expr(self.symbols, dict(zip(poly.monoms(), poly.coeffs(), strict=True)))

    def _primitive(self, poly: Poly) -> tuple[Poly, flint.fmpq]:
        """(p, c) with poly = c·p, p over ZZ with content 1 and a positive leading coefficient."""
        coeffs = poly.coeffs()
        scale = flint.fmpq(math.lcm(*[int(c.q) for c in coeffs]), math.gcd(*[int(c.p) for c in coeffs]))
        if coeffs[0] < 0:
            scale = -scale
        return poly * scale, 1 / scale

    def _integer_pair(self, num: Poly, den: Poly) -> tuple[Poly, Poly]:
        """num/den as P/Q over ZZ, of joint content 1 and Q's leading coefficient positive."""
        coeffs = num.coeffs() + den.coeffs()
        scale = flint.fmpq(math.lcm(*[int(c.q) for c in coeffs]), math.gcd(*[int(c.p) for c in coeffs]))
        if den.coeffs()[0] < 0:
            scale = -scale
        return num * scale, den * scale


def _expr(symbols: Sequence[sp.Basic], terms: dict[tuple[int, ...], flint.fmpq]) -> sp.Expr:
    """Σ c·Π sᵢ^eᵢ over the terms (exponents by symbol)."""
    out = []
    for monom, c in terms.items():
        powers = [s**e for s, e in zip(symbols, monom, strict=False) if e]
        out.append(sp.Mul(_rational(c), *powers))
    return sp.Add(*out)


def _rational(c: flint.fmpq) -> sp.Rational:
    return sp.Rational(int(c.p), int(c.q))


# the highest power of one exponential's generator the field takes: e^{x/97} beside e^{x/89} is g^{89} and g^{97}
# for g = e^{x/8633}; with e^{x/83} too, FLINT's factoring of a pivot 1 + g^{7387} (a red team's 2 × 2 matrix)
# did not finish in 120 s, in one C call that the work budget cannot stop; sympy's path took 1.2 s
MAX_POWER = 64


def _exponent_terms(node: sp.exp) -> list[tuple[sp.Expr, sp.Rational]] | None:
    """[(t, c), …] with node = Π e^{c·t}: its exponent expanded and split into terms c·t, c rational (as sympy's
    expansion splits e^{x+y} into eˣ·eʸ). None if a term is a number: sympy's polys then take e as a
    coefficient (e^{x+1} = e·eˣ), and this field has no e."""
    terms = []
    for term in sp.Add.make_args(sp.expand(node.args[0])):
        c, tail = term.as_coeff_Mul(rational=True)
        if not tail.free_symbols or tail.has(sp.Float):  # e^{0.5x}: a float, which the field refuses everywhere
            return None
        terms.append((tail, c))
    return terms


def _generators(tails: dict[sp.Expr, set[sp.Rational]]) -> dict[sp.Expr, tuple[sp.Basic, int]] | None:
    """For each tail t met with coefficients c: the generator e^{t/L}, L the least common denominator of the c's,
    so that every e^{c·t} is a whole power of it: e^{x/2} and eˣ are g and g² for g = e^{x/2}, never two
    generators, or (e^{x/2} + 1)² − eˣ − 2e^{x/2} − 1 would not read as 0. None if e^{t/L} evaluates to
    something else (e^{log x} is x), or if a power would pass MAX_POWER."""
    scales = {}
    for tail, coefficients in tails.items():
        scale = math.lcm(*(int(c.q) for c in coefficients))
        gen = sp.exp(tail / scale)
        if not (isinstance(gen, sp.exp) and gen.free_symbols) or max(abs(c * scale) for c in coefficients) > MAX_POWER:
            return None
        scales[tail] = (gen, scale)
    return scales


def _rational_in_symbols(
    expr: sp.Basic, symbols: dict[sp.Basic, None], polynomial: bool, tails: dict[sp.Expr, set[sp.Rational]] | None
) -> bool:
    """expr is built from Symbols and rational numbers by +, × and integer powers (symbols: those met), and
    exponentials where tails is given (tails: each exponent's terms, `_exponent_terms`); polynomial: no
    negative power of anything but a number."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if tails is not None and isinstance(node, sp.exp):
            terms = _exponent_terms(node)
            if terms is None:
                return False
            for tail, c in terms:
                tails.setdefault(tail, set()).add(c)
        elif isinstance(node, sp.Symbol):
            if not node.is_commutative:
                return False
            symbols[node] = None
        elif isinstance(node, sp.Add | sp.Mul):
            stack.extend(node.args)
        elif isinstance(node, sp.Pow) and node.exp.is_Integer:
            if polynomial and node.exp < 0 and not node.base.is_Rational:
                return False
            stack.append(node.base)
        elif not node.is_Rational:
            return False
    return True
