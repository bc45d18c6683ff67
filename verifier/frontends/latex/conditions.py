"""The conditions a line's even roots and logarithms need on ℝ, kept while sympy reads the line.

sympy rewrites as it builds, with identities of ℂ: (\\sqrt{x})^2 is x, \\sqrt{x}\\sqrt{x} is x and
e^{\\log x} is x. On ℝ each drops a condition, x ≥ 0 for the root and x > 0 for the logarithm, and
the line then reads as an expression defined where the line as written is not: on x: real,
(\\sqrt{x})^2 = x was PROVED and (\\sqrt{x})^2 = |x| REFUTED at x = -1, a point where its left side
is undefined. So the reader records each condition as it builds the root or the logarithm
(:func:`needs`, inside :func:`recording`; inside a case of a cases environment, or after an
implication's premise, only where that holds: :func:`guarded`), and once the line is read,
:func:`lost` asks each one again. A root or logarithm still in the line keeps its condition (the
engine asks it); one sympy rewrote away must be shown on the declared domain by its sympy facts,
or else, at sample points of the domain where the condition fails, the line as read must be
undefined too. A point where the condition fails and the line as read is a finite real number
refuses the line, with what to write.

The samples are evidence, not proof: a condition that fails only on a tiny region of the domain can
go unseen here, as it can by the engine's own check of where a line is defined.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from verifier.frontends.latex import divisor_zeros
from verifier.language.domains import Domain
from verifier.language.domains.exact import holds_at

SAMPLES = 48  # points of the domain looked at for a condition its facts do not show
ZEROS = 8  # … of which the simplest, for a division: a random point is never a zero of a denominator
IRRATIONAL = 10**9  # the simplicity of an irrational coordinate: after any rational one
BASES = 12  # simplest points at which a condition in several symbols is solved for each symbol in turn
DIGITS = 30
ROUND_OFF = sp.Float("1e-20")  # a value at 30 digits within this of 0 may be 0: it is looked at again at 60


@dataclass(frozen=True)
class Condition:
    """arg > 0 (a logarithm), arg ≥ 0 (an even root) or arg ≠ 0 (a division): `relation`, needed by `what` (the
    roots, logarithms or reciprocals built, `atoms`) where `guard` holds (a case's condition, a premise)."""

    arg: sp.Expr
    relation: str
    what: str
    atoms: frozenset[sp.Basic] = frozenset()
    guard: sp.Basic = sp.true

    def shown(self, arg: sp.Expr) -> bool | None:
        """What sympy's facts say of the condition for arg (None: they do not decide)."""
        return {">": arg.is_positive, "≥": arg.is_nonnegative, "≠": arg.is_nonzero}[self.relation]

    def fails_at(self, value: sp.Number) -> bool:
        if self.relation == "≠":
            return bool(value.is_zero)
        return bool(value.is_negative or (self.relation == ">" and value.is_zero))


_NEEDED: ContextVar[list[Condition] | None] = ContextVar("latex_conditions", default=None)
_GUARDS: ContextVar[tuple[sp.Basic, ...]] = ContextVar("latex_guards", default=())


@contextlib.contextmanager
def recording() -> Iterator[list[Condition]]:
    """The conditions the roots and logarithms built inside the block need."""
    needed: list[Condition] = []
    token = _NEEDED.set(needed)
    try:
        yield needed
    finally:
        _NEEDED.reset(token)


@contextlib.contextmanager
def guarded(*guards: sp.Basic) -> Iterator[None]:
    """The conditions recorded inside the block are needed only where every guard holds."""
    token = _GUARDS.set(_GUARDS.get() + tuple(g for g in guards if g is not sp.true))
    try:
        yield
    finally:
        _GUARDS.reset(token)


def premises(values: list[Any], lines: Sequence[Any], i: int) -> tuple[sp.Basic, ...]:
    """In a chain of statements A ⇒ B ⇒ … (each line's `relation` joins it to the line before), the statements before
    line i's, while only ⇒ joins them: B is claimed where A holds, so a root or logarithm in B needs its sign only
    there (⇔ claims both everywhere)."""
    relations = [line.relation for line in lines]
    held: list[sp.Basic] = []
    for m in range(i // 2):
        if relations[2 * m + 2] != "=>":
            return ()
        left, right, relation = values[2 * m], values[2 * m + 1], relations[2 * m + 1]
        if relation in _RELATIONALS and isinstance(left, sp.Expr) and isinstance(right, sp.Expr):
            held.append(_RELATIONALS[relation](left, right))
    return tuple(held)


_RELATIONALS = {"=": sp.Eq, "<=": sp.Le, ">=": sp.Ge, "<": sp.Lt, ">": sp.Gt}


def needs(arg: object, relation: str, what: str, built: object) -> None:
    """Record that arg must be positive (">"), nonnegative ("≥") or nonzero ("≠") where the guards hold, unless it
    visibly is; `built` is the root, logarithm or quotient as sympy built it."""
    needed = _NEEDED.get()
    if needed is None or not isinstance(arg, sp.Expr):
        return  # a number is asked too: 1/k at an index k = 0 of a sum is sympy's zoo, and x/(1 + zoo) is 0
    condition = Condition(arg, relation, what, guard=sp.And(*_GUARDS.get()))
    if condition.shown(arg) is True:
        return
    parts = list(built) if isinstance(built, sp.MatrixBase) else [built]
    atoms = {a for e in parts if isinstance(e, sp.Basic) for a in e.atoms(sp.Pow, sp.log)}
    kept = frozenset(a for a in atoms if _carries(a, condition))
    needed.append(dataclasses.replace(condition, atoms=kept))


def nonzero(denominator: object, what: str, built: object) -> None:
    """Record that each factor of a denominator must be nonzero: sympy cancels one factor of x y and keeps the
    other (\\frac{x}{x y} is \\frac{1}{y}), so each is asked on its own."""
    if isinstance(denominator, sp.Expr):
        for factor in sp.Mul.make_args(denominator):
            needs(_base(factor) if factor.is_Pow and factor.exp.is_positive else factor, "≠", what, built)


def _base(e: sp.Basic) -> sp.Basic:
    return e.base if isinstance(e, sp.Pow) else e


def _carries(atom: sp.Basic, condition: Condition) -> bool:
    """Whether the atom still asks the condition: the logarithm of its argument, a root of it (a power of it that
    is no whole number), or a reciprocal of it (a negative power of its base)."""
    if isinstance(atom, sp.log):
        return condition.relation == ">" and atom.args[0] == condition.arg
    if condition.relation == "≠":
        return bool(atom.exp.is_negative) and _base(atom) == _base(condition.arg)
    return not atom.exp.is_integer and atom.base == condition.arg


def logarithm(arg: sp.Expr) -> sp.Expr:
    """\\log, recording that its argument must be positive."""
    value = sp.log(arg)
    needs(arg, ">", "\\log", value)
    return value


def square_root(arg: sp.Expr) -> sp.Expr:
    """\\sqrt as a declared function (\\rho: sqrt), recording that its argument must be nonnegative."""
    value = sp.sqrt(arg)
    needs(arg, "≥", "\\sqrt", value)
    return value


def lost(
    value: object, needed: list[Condition], where: list[tuple[object, Domain]]
) -> tuple[Condition, dict | None] | None:
    """A condition the line as read no longer shows, and a point of the declared domain where it fails while the
    line is a finite real number there (None if there is none). A divisor the line no longer shows must be shown
    nonzero on the domain, or its zeros there found (divisor_zeros): one that is neither comes with no point."""
    entries = [e for e in _entries(value) if isinstance(e, sp.Expr)]
    if len(entries) != len(_entries(value)):
        return None
    points: list[dict[sp.Basic, sp.Rational]] | None = None
    fresh: dict[sp.Basic, sp.Basic] | None = None
    for condition in dict.fromkeys(needed):
        if not (condition.arg.free_symbols or condition.guard.free_symbols):  # a number, where it is needed
            arg = _decided(condition.arg)
            if condition.guard is sp.true and arg is not None and condition.fails_at(arg):
                return condition, {}  # √(-1) at a sum's index: undefined, whatever sympy made of it (i, or i² = -1)
            continue
        if any(e.has(a) for e in entries for a in condition.atoms):
            continue  # the root or logarithm is still in the line: the engine asks its condition itself
        fresh = _fresh(where) if fresh is None else fresh
        if condition.shown(condition.arg.xreplace(fresh)) is True:
            continue
        points = _points(where) if points is None else points
        exact = divisor_zeros.zeros(condition.arg, where, points) if condition.relation == "≠" else []
        tried = _near_roots(condition, where, points) + (points[:ZEROS] if condition.relation == "≠" else points)
        point = _hidden_failure(condition, entries, sorted([*(exact or []), *tried], key=_simplicity))
        if point is not None or exact is None:
            return condition, point  # None: a divisor not shown nonzero, whose zeros are not found either
    return None


def surely_nonnegative(arg: object, where: list[tuple[object, Domain]]) -> bool:
    """Whether sympy's facts on the declared domains (x: positive) show arg ≥ 0."""
    return isinstance(arg, sp.Expr) and arg.xreplace(_fresh(where)).is_nonnegative is True


def _entries(value: object) -> list[sp.Basic]:
    return list(value) if isinstance(value, sp.MatrixBase) else [value]


def _fresh(where: list[tuple[object, Domain]]) -> dict[sp.Basic, sp.Basic]:
    """Each entry of the declared objects as a fresh symbol with its domain's sympy facts (x > 0 for positive)."""
    fresh: dict[sp.Basic, sp.Basic] = {}
    for value, domain in where:
        try:
            facts = domain.assumptions()
            fresh.update({s: sp.Dummy(str(s), **facts) for s in _entries(value) if isinstance(s, sp.Symbol)})
        except (ValueError, TypeError, AttributeError):
            continue
    return fresh


def _hidden_failure(condition: Condition, entries: list[sp.Expr], points: list[dict]) -> dict | None:
    """The simplest point where the condition fails and every entry of the line is a finite real number."""
    for point in points:
        if condition.guard is not sp.true and not _holds(condition.guard, point):
            continue
        arg = _decided(condition.arg.xreplace(point))
        if arg is None or not condition.fails_at(arg):
            continue
        values = [_number(e.xreplace(point)) for e in entries]
        if all(v is not None for v in values):
            return point
    return None


def _holds(guard: sp.Basic, point: dict) -> bool:
    """Whether the guard is true at the point (not where it compares a number that is not real: √x ≥ 1 at x = -1)."""
    try:
        return guard.xreplace(point) is sp.true
    except (TypeError, ValueError, ArithmeticError):
        return False


def _decided(e: sp.Basic) -> sp.Number | None:
    """e's value where its sign is sure: exact for a rational; else at 30 digits, or at 60 where that is within
    round-off of 0 (sin²1 + cos²1 - 1 is 0, not the -10⁻³¹ the 30 digits show); 0 where sympy shows it is
    exactly 0; None where it stays within round-off of 0, or is no real number."""
    if isinstance(e, sp.Rational):
        return e
    value = _number(e)
    if value is None or abs(value) > ROUND_OFF:
        return value
    finer = _number(e, 2 * DIGITS)
    if finer is not None and abs(finer) > ROUND_OFF**2:
        return finer
    return sp.Integer(0) if e.is_zero is True or sp.simplify(e) == 0 else None  # e^{log(9)/2} - 3


def _number(e: sp.Basic, digits: int = DIGITS) -> sp.Float | None:
    """e as a finite real number (None if it is not one: complex, infinite, undefined, or still symbolic)."""
    try:
        n = sp.N(e, digits)
    except (TypeError, ValueError, ZeroDivisionError, ArithmeticError):
        return None
    if not isinstance(n, sp.Number) or not n.is_finite or n.is_real is not True:
        return None
    return sp.Float(n, digits)


def _points(where: list[tuple[object, Domain]]) -> list[dict[sp.Basic, sp.Rational]]:
    """Points of the declared domain, each shown to lie in it exactly: its special points (0, ±1, …) and random
    samples, entries rounded to two decimals where the domain still holds them; simplest first (whole numbers
    first), the same on every run."""
    rng = np.random.default_rng(0)
    drawn: list[dict[sp.Basic, sp.Rational] | None] = [{} for _ in range(SAMPLES)]
    for value, domain in where:
        symbols = _entries(value)
        shape = value.shape if isinstance(value, sp.MatrixBase) else ()
        try:
            samples = np.concatenate([domain.special_points(shape), domain.sample(rng, shape, SAMPLES)])
        except (NotImplementedError, ValueError):
            return []
        for k in range(SAMPLES):
            exact = _inside(domain, np.asarray(samples[k], dtype=float), shape)
            point = drawn[k]
            if exact is None or point is None:
                drawn[k] = None
                continue
            point.update((s, v) for s, v in zip(symbols, exact, strict=True) if isinstance(s, sp.Symbol))
    kept = list({tuple(sorted(p.items(), key=str)): p for p in drawn if p is not None}.values())
    return sorted(kept, key=_simplicity)


def _simplicity(point: dict[sp.Basic, sp.Expr]) -> tuple[int, float]:
    """Whole numbers first, then the smallest; an irrational root (√2) after every rational point."""
    return sum(v.q if isinstance(v, sp.Rational) else IRRATIONAL for v in point.values()), sum(
        abs(float(v)) for v in point.values()
    )


def _near_roots(condition: Condition, where: list[tuple[object, Domain]], points: list[dict]) -> list[dict]:
    """Points where a polynomial condition turns: for each of its symbols (at most 3), the others as at the simplest
    points, the rational roots in that symbol (a denominator's zeros: x - 3 at x = 3, x y - 6 at x = 2, y = 3) and
    the points beside them (where 4 - x turns negative: x = 5), each shown to lie in the domain."""
    free = sorted(condition.arg.free_symbols, key=str)
    if not points or len(free) > 3:
        return []
    steps = [sp.Integer(0)] + ([] if condition.relation == "≠" else [sp.Rational(s, 2) for s in (-2, 2, -1, 1)])
    near: list[dict] = []
    for symbol in free:
        home = next(((v, d) for v, d in where if symbol in _entries(v)), None)
        if home is None:
            continue
        objects, shape = _entries(home[0]), home[0].shape if isinstance(home[0], sp.MatrixBase) else ()
        for base in points[: BASES if len(free) > 1 else 1]:
            others = condition.arg.xreplace({k: v for k, v in base.items() if k != symbol})
            roots = _rational_roots(others, symbol)
            for root in roots:
                for step in steps:
                    point = {**base, symbol: sp.Rational(root + step)}
                    if home[1].contains_exactly_shaped([point.get(e, e) for e in objects], shape) is True:
                        near.append(point)
            if condition.relation != "≠" or shape:
                continue
            for root in _irrational_roots(others, symbol):  # a division's zero at x = √2: no rational point has it
                if holds_at(home[1], root, ()):
                    near.append({**base, symbol: root})
    return near


def _irrational_roots(e: sp.Expr, symbol: sp.Basic) -> list[sp.Expr]:
    """The real irrational roots of e as a polynomial of degree 1 to 8 in symbol alone, exact (in radicals, or as
    sympy's CRootOf where there are none: x³ - 3x + 1 has three real roots radicals write with i; x⁵ - 2), each
    shown to be a root exactly (e is 0 there). Roots in radicals alone were missed: \\frac{x^3-3x+1}{x^3-3x+1} = 1
    was PROVED on ℝ."""
    if e.free_symbols != {symbol}:
        return []
    try:
        poly = sp.Poly(e, symbol)
        if not 1 <= poly.degree() <= 8:
            return []
        found = _real_roots(poly)
    except (sp.PolynomialError, NotImplementedError, ValueError):
        return []
    return [r for r in found if not r.is_Rational and _zero_at(e, symbol, r)]


def _real_roots(poly: sp.Poly) -> list[sp.Expr]:
    """A polynomial's real roots, exact: isolated for rational coefficients, in radicals otherwise (√2·x - 2)."""
    if poly.get_domain().is_QQ or poly.get_domain().is_ZZ:
        return list(dict.fromkeys(poly.real_roots()))
    return [r for r in sp.roots(poly) if r.is_real is True]


def _zero_at(e: sp.Expr, symbol: sp.Basic, root: sp.Expr) -> bool:
    value = e.xreplace({symbol: root})
    return sp.expand(value) == 0 or value.is_zero is True


def _rational_roots(e: sp.Expr, symbol: sp.Basic) -> list[sp.Rational]:
    """The rational roots of e as a polynomial of degree 1 to 4 in symbol alone (none otherwise)."""
    if e.free_symbols != {symbol}:
        return []
    try:
        poly = sp.Poly(e, symbol)
        return [r for r in sp.roots(poly, filter="Q") if r.is_Rational] if 1 <= poly.degree() <= 4 else []
    except (sp.PolynomialError, NotImplementedError, ValueError):
        return []


def _inside(domain: Domain, sample: np.ndarray, shape: tuple[int, ...]) -> list[sp.Rational] | None:
    """The sample's entries as exact numbers that lie in the domain (rounded to two decimals if that keeps them
    in it), or None if neither is shown to."""
    rounded = [sp.Rational(round(float(v), 2)).limit_denominator(100) for v in sample.reshape(-1)]
    if domain.contains_exactly_shaped(rounded, shape) is True:
        return rounded
    exact = domain.exact_values(sample)
    return exact if domain.contains_exactly_shaped(exact, shape) is True else None
