"""Sound normalisers that decide "this expression is identically zero" (trusted base).

The kernel calls these; nothing else decides zero. Each normaliser may fail to show
zero (it is incomplete), but when it returns True the expression is zero for every
value of its symbols that the sympy assumptions allow, wherever it is defined.

The ``atoms`` normaliser is the workhorse. It turns transcendental parts into fresh
symbols, which is a sound generalisation: an identity that holds for every value of a
fresh symbol holds in particular for the value it stands for.

1. tanh, sinh, cosh and coth are rewritten through exp.
2. Every exp(c₁m₁ + c₂m₂ + … + c₀) becomes Πᵢ Eᵢ^(cᵢ·Lᵢ) · exp(c₀), where m is a monomial,
   c a rational coefficient, Lᵢ the lcm of the denominators of the coefficients that the
   monomial mᵢ carries anywhere in the expression, and Eᵢ a fresh symbol for exp(mᵢ/Lᵢ),
   positive when mᵢ is real. This is exp(a + b) = exp(a)·exp(b), which holds everywhere.
3. Every b^(p/q) with a non-integer rational exponent becomes s^p with a fresh s and the
   relation s^q = b (s positive when b is nonnegative).
4. The result is a rational function of symbols and opaque atoms (log, arbitrary functions,
   derivatives). It is put into the sparse rational function field over QQ, where zero
   is decided exactly. If relations were introduced, the numerator is reduced modulo
   s^q − b; a zero remainder shows the numerator vanishes wherever s^q = b.
"""

from __future__ import annotations

import contextlib
import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import lru_cache

import sympy as sp
from sympy.polys.fields import sfield

from verifier.trusted.decide.rational_zero import RationalZeroTester, dag_nodes, expanded, factored

_HYPERBOLIC = (sp.tanh, sp.sinh, sp.cosh, sp.coth)


def is_zero_exact(expr: sp.Expr) -> bool:
    return sp.sympify(expr) == 0


def is_zero_expand(expr: sp.Expr) -> bool:
    """Zero as a polynomial identity: first in FLINT's ring (the expression read as N/D, every non-polynomial
    part an indeterminate; exact, and complete for a rational function of plain symbols), then, where the
    ring's no is not final, by sympy's expand, whose hints see more (exp(a)·exp(b) = exp(a + b), ...)."""
    expr = sp.sympify(expr)
    if RationalZeroTester([expr]).is_zero(expr):
        return True
    if is_rational_in_symbols(expr):
        return False  # the ring decided it: expand could only redo it, slowly (6 s on a 4×4 AM–GM certificate)
    return sp.expand(expr) == 0


def is_zero_simplify(expr: sp.Expr) -> bool:
    """simplify's answer; where logs occur, first the log expansion simplify would try among others (expand_log,
    which splits log(ab) = log a + log b and log(aᵏ) = k·log a only where the assumptions show a > 0) and the atoms
    test on that: log pᵢ = zᵢ − log Σeᶻ is zero there in 2 ms, simplify took 0.1 s per entry."""
    if dag_nodes([expr], lambda n: isinstance(n, sp.log)) and is_zero_atoms(sp.expand_log(expr)):
        return True
    return sp.simplify(expr) == 0


def _fresh(expr: sp.Expr) -> list[sp.Basic]:
    return dag_nodes([expr], lambda n: isinstance(n, sp.Dummy))


def abstract_atoms(expr: sp.Expr) -> tuple[sp.Expr, list[tuple[sp.Symbol, int, sp.Expr]]]:
    """Steps 1–3 above: returns the rational form and the relations (s, q, b) for s^q = b."""
    expr = _through_exp(expr)
    expr = _abstract_exponentials(expr)
    return _abstract_radicals(expr)


def _through_exp(expr: sp.Expr) -> sp.Expr:
    """Step 1: tanh, sinh, cosh and coth rewritten through exp."""
    if not dag_nodes([expr], lambda n: isinstance(n, _HYPERBOLIC)):
        return expr
    return expr.replace(lambda e: isinstance(e, _HYPERBOLIC), lambda e: e.rewrite(sp.exp))


MAX_PRODUCT = 2_000_000  # the first, whole test's bound on one product's size (terms × terms)


def _decide_in_ring(exprs: list[sp.Expr]) -> list[bool | None]:
    """Steps 1–4 for each expression as a whole, the fresh symbols substituted as FLINT's reader meets them (the
    value each abstracted node stands for) rather than in sympy's trees: True (zero), or False where that is
    final (a rational function of symbols with no relation, as is_rational_in_symbols says of the rational
    form); None elsewhere, and where a product passes MAX_PRODUCT: the caller then goes step by step."""
    rewritten = [_through_exp(sp.sympify(e)) for e in exprs]
    nodes = dag_nodes(rewritten, lambda n: isinstance(n, sp.exp | sp.Pow))
    values = _exponential_values([n for n in nodes if isinstance(n, sp.exp)])
    radicals, relations = _radical_values([n for n in nodes if isinstance(n, sp.Pow)])
    tester = RationalZeroTester(rewritten, relations, {**values, **radicals}, MAX_PRODUCT)
    plain = all(a.is_Symbol for a in tester.atoms)
    decisions = [tester.decide(e) for e in rewritten]
    return [True if d is True else False if d is False and plain else None for d in decisions]


def decided_in_ring(expr: sp.Expr) -> bool | None:
    """Steps 1–4 on expr as a whole, in FLINT: True (zero wherever defined), False (not zero: final where
    expr is a rational function of plain symbols, is_rational_in_symbols), None (not decided)."""
    return _decide_in_ring([expr])[0]


@lru_cache(maxsize=65536)
def _split_exponent(arg: sp.Expr) -> tuple[tuple[tuple[sp.Rational, sp.Expr], ...], sp.Expr]:
    """arg = Σ c·m + rest, with c rational and m a monomial; rest holds the constants."""
    terms: list[tuple[sp.Rational, sp.Expr]] = []
    rest = sp.Integer(0)
    for term in sp.Add.make_args(expanded(arg)):
        coeff, mono = term.as_coeff_Mul()
        if mono == 1 or not mono.free_symbols:
            rest += term
        elif isinstance(coeff, sp.Rational):
            terms.append((coeff, mono))
        else:
            terms.append((sp.Integer(1), term))
    return tuple(terms), rest


def _abstract_exponentials(expr: sp.Expr) -> sp.Expr:
    values = _exponential_values(dag_nodes([expr], lambda n: isinstance(n, sp.exp)))
    return expr.xreplace(values) if values else expr


def _exponential_values(exps: list[sp.Basic]) -> dict[sp.Expr, sp.Expr]:
    """Step 2: each exponential's value in fresh symbols (families of proportional arguments, else monomials).
    exps: distinct, in an order that is the same in every process (never a set's: strategies/budget.py)."""
    if not exps:
        return {}
    split = {e: _split_exponent(e.args[0]) for e in sorted(exps, key=sp.default_sort_key)}
    by_family = _families(split)
    if by_family is not None:
        return _family_atoms(split, by_family)
    return _monomial_atoms(split)


def _families(
    split: dict[sp.Expr, tuple[tuple[tuple[sp.Rational, sp.Expr], ...], sp.Expr]],
) -> dict[frozenset[sp.Expr], list[sp.Expr]] | None:
    """Group exponentials whose arguments are rational multiples of one another.

    Returns None when two groups share a monomial (as exp(z) and exp(z + c) do): then
    only the per-monomial split expresses their relation.
    """
    families: dict[frozenset[sp.Expr], list[sp.Expr]] = defaultdict(list)
    for e, (terms, _) in split.items():
        families[frozenset(m for _, m in terms)].append(e)
    seen: set[sp.Expr] = set()
    for monos in families:
        if seen & monos:
            return None
        seen |= monos
    for members in families.values():
        base = dict((m, c) for c, m in split[members[0]][0])
        for e in members[1:]:
            ratios = {c / base[m] for c, m in split[e][0]}
            if len(ratios) > 1:
                return None
    return families


def _family_atoms(
    split: dict[sp.Expr, tuple[tuple[tuple[sp.Rational, sp.Expr], ...], sp.Expr]],
    families: dict[frozenset[sp.Expr], list[sp.Expr]],
) -> dict[sp.Expr, sp.Expr]:
    """exp(q·a + c) → E^(q·L)·exp(c), one fresh E = exp(a/L) per family of proportional arguments."""
    replacement: dict[sp.Expr, sp.Expr] = {}
    for members in families.values():
        base_terms = split[members[0]][0]
        if not base_terms:
            continue
        base = dict((m, c) for c, m in base_terms)
        ratio = {e: split[e][0][0][0] / base[split[e][0][0][1]] if split[e][0] else sp.Integer(0) for e in members}
        lcm = 1
        for q in ratio.values():
            lcm = math.lcm(lcm, int(sp.Rational(q).q))
        argument = sp.Add(*[c * m for c, m in base_terms])
        fresh = sp.Dummy("E", positive=True) if argument.is_real else sp.Dummy("E")
        for e in members:
            rest = split[e][1]
            value = sp.exp(rest) if rest != 0 else sp.Integer(1)
            replacement[e] = value * fresh ** int(sp.Rational(ratio[e]) * lcm)
    return replacement


def _monomial_atoms(
    split: dict[sp.Expr, tuple[tuple[tuple[sp.Rational, sp.Expr], ...], sp.Expr]],
) -> dict[sp.Expr, sp.Expr]:
    """exp(Σ cᵢmᵢ + c₀) → Πᵢ Eᵢ^(cᵢLᵢ)·exp(c₀), one fresh Eᵢ = exp(mᵢ/Lᵢ) per monomial."""
    denominators: dict[sp.Expr, int] = defaultdict(lambda: 1)
    for terms, _ in split.values():
        for coeff, mono in terms:
            denominators[mono] = math.lcm(denominators[mono], int(coeff.q))
    fresh = {mono: sp.Dummy("E", positive=True) if mono.is_real else sp.Dummy("E") for mono in denominators}
    replacement = {}
    for e, (terms, rest) in split.items():
        if not terms:
            continue  # a constant, e^c: it stays itself (mapped to itself, the ring's reader followed it forever)
        value: sp.Expr = sp.exp(rest) if rest != 0 else sp.Integer(1)
        for coeff, mono in terms:
            value *= fresh[mono] ** int(coeff * denominators[mono])
        replacement[e] = value
    return replacement


def _abstract_radicals(expr: sp.Expr) -> tuple[sp.Expr, list[tuple[sp.Symbol, int, sp.Expr]]]:
    replacement, relations = _radical_values(dag_nodes([expr], lambda n: isinstance(n, sp.Pow)))
    return (expr.xreplace(replacement), relations) if replacement else (expr, [])


def _root_symbol(base: sp.Expr) -> sp.Dummy:
    """A fresh s standing for base^(1/q): positive only where base is positive everywhere; where base is only
    nonnegative, s = 0 wherever base = 0, so s is nonnegative (sign(√((3x − 1)² + (7y − 1)²)) = 1 was PROVED with
    a positive s, false at x = 1/3, y = 1/7: a red team's finding)."""
    if base.is_positive:
        return sp.Dummy("s", positive=True)
    return sp.Dummy("s", nonnegative=True) if base.is_nonnegative else sp.Dummy("s")


def _radical_values(
    atoms: list[sp.Basic],
) -> tuple[dict[sp.Expr, sp.Expr], list[tuple[sp.Symbol, int, sp.Expr]]]:
    """Step 3: each b^(p/q) as s^p with a fresh s, and the relations (s, q, b) (atoms: as for step 2)."""
    powers = [p for p in atoms if isinstance(p.exp, sp.Rational) and not p.exp.is_integer and p.base.free_symbols]
    if not powers:
        return {}, []
    by_base: dict[sp.Expr, int] = defaultdict(lambda: 1)
    for p in sorted(powers, key=sp.default_sort_key):
        by_base[p.base] = math.lcm(by_base[p.base], int(p.exp.q))
    roots = {b: _root_symbol(b) for b in by_base}
    replacement = {p: roots[p.base] ** int(p.exp * by_base[p.base]) for p in powers}
    return replacement, [(roots[b], q, b) for b, q in by_base.items()]


def is_zero_atoms(expr: sp.Expr) -> bool:
    """Decide zero as a rational function after abstracting atoms (steps 1–4).

    First group by group: terms that involve different sets of fresh atoms (a sum over
    samples, each with its own exponentials) are tested separately, which is sound (a sum
    of zeros is zero) and avoids one enormous common denominator. If some group is not
    zero on its own, the whole sum is tested.

    together() writes an expression as N/D with D a product of its denominators, so the
    expression vanishes identically exactly when N does; N is expanded over the
    (algebraically independent) generators. With radical relations, N is first reduced
    modulo s^q − b.
    """
    decided = _decide_in_ring([expr])[0]
    if decided is not None:
        return decided
    rational, relations = abstract_atoms(sp.sympify(expr))
    return _abstracted_is_zero(rational, relations, RationalZeroTester([rational], relations))


def are_zero_atoms(exprs: list[sp.Expr]) -> list[bool]:
    """is_zero_atoms for several expressions at once, abstracted together (the same fresh
    symbol for the same exponential in every entry) and read into one shared ring; each as a
    whole first (_decide_in_ring), then, where that decided nothing, step by step."""
    decided = _decide_in_ring(exprs)
    if all(d is not None for d in decided):
        return [bool(d) for d in decided]
    joint, relations = abstract_atoms(sp.Tuple(*[sp.sympify(e) for e in exprs]))
    rationals = list(joint)
    tester = RationalZeroTester(rationals, relations)
    return [
        d if d is not None else _abstracted_is_zero(r, relations, tester)
        for d, r in zip(decided, rationals, strict=True)
    ]


def _abstracted_is_zero(
    rational: sp.Expr, relations: list[tuple[sp.Symbol, int, sp.Expr]], tester: RationalZeroTester
) -> bool:
    if rational == 0:
        return True
    distributed = [
        t
        for term in sp.Add.make_args(rational)  # x·(a + b) → x·a + x·b, one level only
        for t in sp.Add.make_args(sp.expand_mul(term, deep=False))
    ]
    groups = _linked_by_fresh_atoms(distributed)
    if len(groups) > 1 and all(tester.is_zero(sp.Add(*terms)) for terms in groups):
        return True
    if tester.is_zero(rational):
        return True
    if not relations and is_rational_in_symbols(rational):
        return False  # the ring's test is complete here: expand could only redo it, slowly (14 s on a 2×2 inverse)
    return _numerator_vanishes(rational, relations)


def is_rational_in_symbols(expr: sp.Expr) -> bool:
    """A rational function of plain symbols (integer powers, rational numbers; no function, no constant such as
    pi or I): its zero test in the polynomial ring is complete and exact."""
    if any(not p.exp.is_Integer for p in expr.atoms(sp.Pow)) or expr.atoms(sp.Function):
        return False
    return all(a.is_Symbol or a.is_Rational for a in expr.atoms())


def _linked_by_fresh_atoms(terms: list[sp.Expr]) -> list[list[sp.Expr]]:
    """Terms grouped so that terms sharing a fresh atom (an exponential of one sample, say)
    are in the same group: the connected components of "shares an atom"."""
    parent: dict[sp.Basic, sp.Basic] = {}

    def root(a: sp.Basic) -> sp.Basic:
        while parent.setdefault(a, a) is not a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    atoms_of = [_fresh(t) for t in terms]
    for atoms in atoms_of:
        for other in atoms[1:]:
            parent[root(other)] = root(atoms[0])
    groups: dict[object, list[sp.Expr]] = defaultdict(list)
    for term, atoms in zip(terms, atoms_of, strict=True):
        groups[root(atoms[0]) if atoms else None].append(term)
    return list(groups.values())


def _numerator_vanishes(rational: sp.Expr, relations: list[tuple[sp.Symbol, int, sp.Expr]]) -> bool:
    """together() then expand: slower than the ring, but expand's hints may see more."""
    numerator, _ = sp.fraction(sp.together(rational))
    numerator = sp.expand(numerator)
    if numerator == 0:
        return True
    if not relations:
        return False
    for _ in range(2):
        for s, q, base in relations:
            try:
                numerator = sp.rem(numerator, s**q - base, s)
            except sp.PolynomialError:  # s inside a function (sign(s)): no reduction modulo sᵠ − b, not decided
                return False
            numerator = sp.expand(numerator)
    return bool(numerator == 0)


def is_zero_field(expr: sp.Expr) -> bool:
    """The same decision in the sparse rational function field over QQ (gcd-reduced)."""
    rational, relations = abstract_atoms(sp.sympify(expr))
    if relations:
        return False
    _, element = sfield(rational)
    return bool(element == 0)


NORMALISERS: dict[str, Callable[[sp.Expr], bool]] = {
    "exact": is_zero_exact,
    "expand": is_zero_expand,
    "atoms": is_zero_atoms,
    "field": is_zero_field,
    "simplify": is_zero_simplify,
}


def nonnegative_forms(expr: sp.Expr) -> Iterator[sp.Expr]:
    """Equivalent forms of expr on which sympy's assumptions may see the sign, each made only when asked for
    (a caller that stops at the first form whose sign it sees never pays for the abstraction and the factoring)."""
    yield sp.sympify(expr)
    rational, relations = abstract_atoms(sp.sympify(expr))
    yield rational
    if not relations:
        try:
            factored_form = _factor(rational)
        except sp.PolynomialError:
            return
        yield factored_form


def _factor(expr: sp.Expr) -> sp.Expr:
    """factor(cancel(expr)): by FLINT where it reads the same indeterminates as sympy's polynomials (the form checked
    equal), else by sympy, whose polynomials also see exp(2z) as exp(z)² (FLINT would read them as two
    indeterminates). sympy's factor can take minutes where FLINT takes milliseconds: Wang's algorithm looks for a
    prime above a coefficient's bound, and a gap of 10⁻⁴⁴⁵ sends it through nextprime near 10⁴⁴⁵."""
    form = factored(expr) if is_rational_in_symbols(expr) or _opaque_atoms_only(expr) else None
    return form if form is not None else sp.factor(sp.cancel(expr))


def _opaque_atoms_only(expr: sp.Expr) -> bool:
    """A rational function of symbols and applications that both sympy's polynomials and FLINT's reader take as
    independent indeterminates (sin(x), log(y)): integer powers, rational numbers, no exp (sympy reads exp(2z) as
    exp(z)²), no Piecewise (sympy refuses it as a generator), no I (sympy factors over QQ<I>)."""
    if any(not p.exp.is_Integer for p in expr.atoms(sp.Pow)) or expr.has(sp.exp, sp.Piecewise, sp.I):
        return False
    return all(a.is_Symbol or a.is_Rational for a in expr.atoms())


def quotient_of_nonnegatives(expr: sp.Expr) -> bool:
    """expr = N/D with N >= 0 and D >= 0 as sympy's assumptions see them (so expr >= 0 wherever D ≠ 0)."""
    with contextlib.suppress(sp.PolynomialError):
        num, den = sp.fraction(_factor(expr))
        signed = [any(f.is_nonnegative is True for f in nonnegative_forms(part)) for part in (num, den)]
        return den != 1 and all(signed)
    return False
