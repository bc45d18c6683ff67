"""Einstein forms: a matrix expression as a sum of terms c·Π factor[letters] (trusted base).

A term is a coefficient (a scalar sympy expression free of matrices) times a product of
factors, each a matrix symbol, a Kronecker δ or an opaque atom, carrying one index letter
per axis of size > 1. Letters that are not output slots are summed over their range.
Every step here is an identity of finite sums that holds at every dimension:

* a δ with a summed letter is contracted (the letter is renamed away); δ_aa = 1;
* an atom times its reciprocal is 1 (det M·(det M)⁻¹), and powers of one scalar atom
  argument multiply as uᵃ·uᵇ = uᵃ⁺ᵇ (principal powers, u ≠ 0: both are exp((a + b)·Log u));
* a summed letter that no factor carries contributes its range, the size (a closed δ
  loop is the dimension n itself);
* summed letters are relabelled canonically: the least labelling over every order of
  interchangeable factors (brute force, with letters first coloured by where they occur);
* equal terms are merged and their coefficients added.

Two expressions whose canonical forms are equal are therefore equal for every size.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from verifier.trusted.decide import normal_form
from verifier.trusted.obligations import NotShowable

Letter = str
Key = tuple[tuple[str, tuple[str, ...]], ...]
MAX_ORDERINGS = 50_000  # labellings tried per term before giving up (the term is too large)
DELTA = "δ"
PLACEHOLDER = sp.Dummy("t")  # the argument of a scalar function atom's body


class OutsideFragment(NotShowable):
    """The expression is not in the generic fragment; the message says what is not."""

    def __init__(self, what: str) -> None:
        super().__init__(f"outside the generic fragment: {what}")


@dataclass(frozen=True)
class Factor:
    """One factor of a term: a matrix symbol, δ, or an atom (name, how it differentiates)."""

    name: str
    letters: tuple[Letter, ...]
    kind: str = "symbol"  # "symbol", "delta" or "atom"
    atom: Any = field(default=None, compare=False)  # the atom's data, for its derivative rule
    symmetric: bool = False  # a symmetric 2-index factor (δ, the inverse of a symmetric matrix)

    def renamed(self, table: Mapping[Letter, Letter]) -> Factor:
        return Factor(self.name, tuple(table.get(x, x) for x in self.letters), self.kind, self.atom, self.symmetric)


@dataclass(frozen=True)
class Applied:
    """A scalar function atom f(u): body f(t) in the placeholder t, the argument u as a form whose
    outer letters are `free` (in order, the factor's letters at creation), and u's canonical text."""

    body: sp.Expr
    form: Sequence[Term]
    free: tuple[Letter, ...]
    base: str
    power: sp.Rational | None = None  # body = tᵏ: the exponent k


@dataclass(frozen=True)
class Term:
    """coeff · Π factors, summed over every letter of `sizes` that is not an output slot."""

    coeff: sp.Expr
    factors: tuple[Factor, ...]
    sizes: Mapping[Letter, sp.Expr]  # the range of every letter the term uses


def same_size(a: sp.Expr, b: sp.Expr) -> bool:
    return sp.expand(sp.sympify(a) - sp.sympify(b)) == 0


def merge_sizes(*tables: Mapping[Letter, sp.Expr]) -> dict[Letter, sp.Expr]:
    out: dict[Letter, sp.Expr] = {}
    for table in tables:
        for letter, size in table.items():
            if letter in out and not same_size(out[letter], size):
                raise OutsideFragment(f"index {letter} ranges over {out[letter]} and {size}")
            out[letter] = size
    return out


def multiply(left: Sequence[Term], right: Sequence[Term]) -> list[Term]:
    """The product of two sums of terms (letters shared between them are the same index)."""
    return [
        Term(a.coeff * b.coeff, a.factors + b.factors, merge_sizes(a.sizes, b.sizes))
        for a, b in itertools.product(left, right)
    ]


def product(forms: Iterable[Sequence[Term]]) -> list[Term]:
    out: list[Term] = [Term(sp.S.One, (), {})]
    for form in forms:
        out = multiply(out, form)
    return out


def scaled(form: Sequence[Term], c: sp.Expr) -> list[Term]:
    return [Term(c * t.coeff, t.factors, t.sizes) for t in form]


def delta(a: Letter, b: Letter, size: sp.Expr) -> Term:
    return Term(sp.S.One, (Factor(DELTA, (a, b), "delta", symmetric=True),), {a: size, b: size})


# ----------------------------------------------------------------------------- normal form


def _contract(term: Term, free: frozenset[Letter]) -> Term:
    """Contract every δ that has a summed letter; δ_aa = 1."""
    factors, sizes = list(term.factors), dict(term.sizes)
    changed = True
    while changed:
        changed = False
        for k, f in enumerate(factors):
            if f.kind != "delta":
                continue
            a, b = f.letters
            if a == b or b not in free or a not in free:
                old, new = (a, b) if a not in free else (b, a)
                factors = [g.renamed({old: new}) for i, g in enumerate(factors) if i != k]
                if old != new:
                    sizes.pop(old, None)
                changed = True
                break
    return Term(term.coeff, tuple(factors), sizes)


def _cancel_inverses(term: Term) -> Term:
    """An atom times its reciprocal atom (det M · (det M)⁻¹) is 1, wherever both are defined."""
    factors = list(term.factors)
    for f in list(factors):
        partner = next((g for g in factors if g.kind == "atom" and g.name == f"({f.name})⁻¹" and not g.letters), None)
        if f.kind == "atom" and not f.letters and partner is not None and f in factors:
            factors.remove(f)
            factors.remove(partner)
    return _merge_powers(Term(term.coeff, tuple(factors), term.sizes))


def power_name(base: str, power: sp.Rational) -> str:
    return f"pow[{power}]⟨{base}⟩"


def _merge_powers(term: Term) -> Term:
    """uᵃ·uᵇ = uᵃ⁺ᵇ for power atoms of the same argument at the same letters; u⁰ = 1."""
    groups: dict[tuple[str, tuple[Letter, ...]], list[Factor]] = {}
    for f in term.factors:
        if isinstance(f.atom, Applied) and f.atom.power is not None:
            groups.setdefault((f.atom.base, f.letters), []).append(f)
    factors = [f for f in term.factors if not (isinstance(f.atom, Applied) and f.atom.power is not None)]
    for (base, letters), group in groups.items():
        first: Applied = group[0].atom
        power = sp.Rational(sum(g.atom.power for g in group))
        if power != 0:
            data = Applied(PLACEHOLDER**power, first.form, first.free, base, power)
            factors.append(Factor(power_name(base, power), letters, "atom", data))
    return Term(term.coeff, tuple(factors), term.sizes)


def _closed_ranges(term: Term, free: frozenset[Letter]) -> Term:
    """A summed letter no factor carries contributes its whole range: Σ_a 1 = size."""
    used = {x for f in term.factors for x in f.letters}
    coeff = term.coeff
    for letter, size in term.sizes.items():
        if letter not in used and letter not in free:
            coeff *= size
    return Term(coeff, term.factors, {k: v for k, v in term.sizes.items() if k in used or k in free})


def _colours(factors: Sequence[Factor], free: frozenset[Letter]) -> dict[Letter, tuple[Any, ...]]:
    """A relabelling-invariant colour of each summed letter: where it occurs."""
    seen: dict[Letter, list[tuple[str, int]]] = {}
    for f in factors:
        for pos, x in enumerate(f.letters):
            if x not in free:
                seen.setdefault(x, []).append((f.name, -1 if f.symmetric else pos))
    return {x: tuple(sorted(v)) for x, v in seen.items()}


def _invariant(f: Factor, free: frozenset[Letter], colour: Mapping[Letter, tuple[Any, ...]]) -> tuple[Any, ...]:
    marks = [(0, x, ()) if x in free else (1, "", colour[x]) for x in f.letters]
    return (f.name, tuple(sorted(marks)) if f.symmetric else tuple(marks))


def canonical_key(factors: Sequence[Factor], free: frozenset[Letter]) -> Key:
    """The least labelling of the summed letters, over every order of interchangeable factors."""
    colour = _colours(factors, free)
    ordered = sorted(factors, key=lambda f: _invariant(f, free, colour))
    groups = [list(g) for _, g in itertools.groupby(ordered, key=lambda f: _invariant(f, free, colour))]
    flips = [f for f in ordered if f.symmetric and len(set(f.letters)) == 2]
    count = math.prod(math.factorial(len(g)) for g in groups) * 2 ** len(flips)
    if count > MAX_ORDERINGS:
        raise OutsideFragment(f"a term with {len(factors)} factors is too large to relabel ({count} orders)")
    best: Key | None = None
    for perm in itertools.product(*(itertools.permutations(g) for g in groups)):
        order = [f for g in perm for f in g]
        for flip in itertools.product((False, True), repeat=len(flips)):
            reversed_ = {id(f) for f, r in zip(flips, flip, strict=True) if r}
            key = _labelled(order, free, reversed_)
            if best is None or key < best:
                best = key
    return best if best is not None else ()


def _labelled(order: Sequence[Factor], free: frozenset[Letter], reversed_: set[int]) -> Key:
    labels: dict[Letter, str] = {}
    out = []
    for f in order:
        letters = f.letters[::-1] if id(f) in reversed_ else f.letters
        named = tuple(x if x in free else labels.setdefault(x, f"a{len(labels):02d}") for x in letters)
        out.append((f.name, named))
    return tuple(out)


@dataclass(frozen=True)
class Canonical:
    """A canonical form: coefficient per canonical term, and the letters of each term with their sizes."""

    terms: Mapping[Key, sp.Expr]
    letters: Mapping[Key, tuple[sp.Expr, ...]]  # the ranges of every letter of the term (free ones included)


def is_zero(c: sp.Expr) -> bool:
    """c vanishes identically (by expansion, or as a rational function): both are identities."""
    return _vanishes(sp.sympify(c))


@functools.lru_cache(maxsize=4096)
def _vanishes(c: sp.Expr) -> bool:
    """is_zero, remembered by the expression: sympy's equality is structural (a symbol's assumptions, a Float
    against an Integer, a dummy's index all count), so an answer is reused only for the same expression, and
    it is the answer computing it again gives (a chain's end and its steps ask about the same entries).

    The atoms ring decides first (normal_form.decided_in_ring: exp and radicals as fresh symbols, the
    rational function in FLINT): its zero is a zero wherever c is defined, as cancel's is, and its "not
    zero" is final for a rational function of plain symbols, where cancel's test is the same one. Anything
    else goes to sympy's expand and cancel, as before. A layer-norm backward step's entries at n = 3, with
    (ε + σ²)^{-3/2} in them, took 0.25 to 0.3 s each in sympy and 0.003 to 0.02 s in the ring."""
    decided = normal_form.decided_in_ring(c)
    if decided is True:
        return True
    if decided is False and normal_form.is_rational_in_symbols(c):
        return False
    return bool(sp.expand(c) == 0 or sp.cancel(c) == 0)


def canonical(form: Sequence[Term], slots: Sequence[Letter | None]) -> Canonical:
    """The canonical form of a sum of terms whose output slots carry the given letters (None: an axis of size 1)."""
    names = {x: f"§{i}" for i, x in enumerate(slots) if x is not None}
    free = frozenset(names.values())
    coeffs: dict[Key, sp.Expr] = {}
    letters: dict[Key, tuple[sp.Expr, ...]] = {}
    for raw in form:
        renamed = Term(
            raw.coeff, tuple(f.renamed(names) for f in raw.factors), {names.get(k, k): v for k, v in raw.sizes.items()}
        )
        term = _closed_ranges(_cancel_inverses(_contract(renamed, free)), free)
        key = canonical_key(term.factors, free)
        coeffs[key] = coeffs.get(key, sp.S.Zero) + term.coeff
        letters[key] = tuple(term.sizes.values())
    kept = {k: sp.expand(c) for k, c in coeffs.items() if not is_zero(c)}
    return Canonical(kept, {k: letters[k] for k in kept})


def key_text(key: Key) -> str:
    """A canonical term as text, e.g. A[§0,a00]·x[a00]."""
    return "·".join(f"{name}[{','.join(letters)}]" if letters else name for name, letters in key) or "1"


def form_text(form: Canonical) -> str:
    """A canonical form as text, in a fixed order (also the name of an atom's argument)."""
    parts = sorted((key_text(k), sp.sstr(c)) for k, c in form.terms.items())
    return " + ".join(f"{c}*{t}" for t, c in parts) or "0"
