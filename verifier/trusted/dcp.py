"""Disciplined convex programming: the curvature of an expression from the composition rules.

Boyd & Vandenberghe, *Convex Optimization* (2004), §3.2: nonnegative weighted sums keep convexity
(§3.2.1), affine pre-composition keeps it (§3.2.2), a pointwise maximum of convex functions is convex
(§3.2.3), and h(g₁, …, g_k) is convex when h is convex and, in each argument i, h is nondecreasing and gᵢ
convex, or nonincreasing and gᵢ concave, or gᵢ is affine (§3.2.4; the same with convex/concave swapped for
concave). The atoms below are facts with their source; each names when it applies (its arguments' signs,
shown by sympy's assumptions on the symbolic view). :func:`curvature` reads an expression bottom up and
returns what it shows with the rules it used; anything it does not recognise is of unknown curvature, so
an answer is sound and the method incomplete. The wrt symbols' domain must be convex (checked by the rule).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from verifier.trusted.decide import normal_form

SOURCE = "Boyd & Vandenberghe, Convex Optimization, §3.1.5"


@dataclass(frozen=True)
class Curvature:
    convex: bool
    concave: bool

    def word(self) -> str:
        return {(True, True): "affine", (True, False): "convex", (False, True): "concave"}.get(
            (self.convex, self.concave), "unknown"
        )


AFFINE, CONVEX = Curvature(True, True), Curvature(True, False)
CONCAVE, UNKNOWN = Curvature(False, True), Curvature(False, False)
UP, DOWN, NONE = 1, -1, 0  # monotonicity of an atom in one argument


@dataclass(frozen=True)
class Atom:
    """h with its curvature and its monotonicity in each argument, applied to args."""

    name: str
    curvature: Curvature
    monotone: tuple[int, ...]
    args: tuple[sp.Expr, ...]


@dataclass(frozen=True)
class Reading:
    curvature: Curvature
    steps: tuple[str, ...]  # the rules used, innermost first


def curvature(expr: sp.Expr, wrt: Sequence[sp.Symbol]) -> Reading:
    """The curvature of expr in the symbols wrt that the rules of §3.2 show (UNKNOWN if none)."""
    steps: list[str] = []
    found = _read(sp.sympify(expr), frozenset(wrt), steps)
    return Reading(found, tuple(dict.fromkeys(steps)))


def _read(e: sp.Expr, wrt: frozenset[sp.Symbol], steps: list[str]) -> Curvature:
    if not (e.free_symbols & wrt):
        return AFFINE  # constant in wrt
    if e in wrt:
        return AFFINE
    if isinstance(e, sp.Add):
        return _sum([_read(a, wrt, steps) for a in e.args], steps)
    if isinstance(e, sp.Mul):
        const = sp.Mul(*[a for a in e.args if not (a.free_symbols & wrt)])
        rest = sp.Mul(*[a for a in e.args if a.free_symbols & wrt])
        if const != 1:
            return _scaled(const, _read(rest, wrt, steps), steps)
    atom = _atom(e)
    if atom is None:
        return UNKNOWN
    return _compose(atom, [_read(a, wrt, steps) for a in atom.args], steps)


def _sum(parts: list[Curvature], steps: list[str]) -> Curvature:
    steps.append("sum (§3.2.1)")
    return Curvature(all(p.convex for p in parts), all(p.concave for p in parts))


def _scaled(c: sp.Expr, inner: Curvature, steps: list[str]) -> Curvature:
    if _sign(c) > 0:
        steps.append("nonnegative scaling (§3.2.1)")
        return inner
    if _sign(c) < 0:
        steps.append("negation (§3.2.1)")
        return Curvature(inner.concave, inner.convex)
    return UNKNOWN if inner != AFFINE else AFFINE


def _compose(atom: Atom, inner: list[Curvature], steps: list[str]) -> Curvature:
    """§3.2.4 (and §3.2.2, §3.2.3): each argument affine, or monotone the right way with the right curvature."""

    def fits(want_convex: bool) -> bool:
        for m, c in zip(atom.monotone, inner, strict=True):
            same, opposite = (c.convex, c.concave) if want_convex else (c.concave, c.convex)
            if c != AFFINE and not ((m == UP and same) or (m == DOWN and opposite)):
                return False
        return True

    out = Curvature(atom.curvature.convex and fits(True), atom.curvature.concave and fits(False))
    if out != UNKNOWN:
        steps.append(f"{atom.name} is {atom.curvature.word()}, {_monotone_words(atom)} ({SOURCE}; composition §3.2.4)")
    return out


def _monotone_words(atom: Atom) -> str:
    words = {UP: "nondecreasing", DOWN: "nonincreasing", NONE: "not monotone"}
    kinds = sorted({words[m] for m in atom.monotone})
    return " / ".join(kinds) + (" in each argument" if len(atom.monotone) > 1 else "")


def _sign(e: sp.Expr) -> int:
    """+1 if e ≥ 0, −1 if e ≤ 0, as sympy's assumptions show on a normal form; 0 if neither is shown."""
    forms = list(normal_form.nonnegative_forms(e))
    if any(f.is_nonnegative is True for f in forms):
        return UP
    if any(f.is_nonpositive is True for f in forms):
        return DOWN
    return NONE


def _positive(e: sp.Expr) -> bool:
    return any(f.is_positive is True for f in normal_form.nonnegative_forms(e))


def _atom(e: sp.Expr) -> Atom | None:
    """The atom of the table at the root of e, with its arguments, or None."""
    if isinstance(e, sp.exp):
        return Atom("exp", CONVEX, (UP,), (e.args[0],))
    if isinstance(e, sp.log):
        return _log_atom(e.args[0])
    if isinstance(e, sp.Abs):
        return Atom("|·|", CONVEX, (_sign(e.args[0]),), (e.args[0],))
    if isinstance(e, sp.Max):
        return Atom("max", CONVEX, (UP,) * len(e.args), tuple(e.args))
    if isinstance(e, sp.Min):
        return Atom("min", CONCAVE, (UP,) * len(e.args), tuple(e.args))
    if isinstance(e, sp.Pow) and e.exp.is_Rational:
        return _power_atom(e.base, sp.Rational(e.exp))
    if isinstance(e, sp.Mul):
        return _product_atom(e)
    return None


def _log_atom(arg: sp.Expr) -> Atom | None:
    """log-sum-exp log Σ e^{uᵢ} (a positive constant c is e^{log c}; softplus is log(1 + eᵘ)); else log."""
    terms = sp.Add.make_args(arg)
    exps = [t for t in terms if isinstance(t, sp.exp)]
    consts = [t for t in terms if not isinstance(t, sp.exp)]
    if exps and all(c.is_number and c.is_positive for c in consts):
        args = tuple(t.args[0] for t in exps) + tuple(sp.log(c) for c in consts)
        return Atom("log-sum-exp", CONVEX, (UP,) * len(args), args)
    return Atom("log", CONCAVE, (UP,), (arg,)) if _positive(arg) else None


def _power_atom(base: sp.Expr, p: sp.Rational) -> Atom | None:
    """xᵖ: even p convex on ℝ; p ≥ 1 convex nondecreasing and 0 < p < 1 concave nondecreasing on x ≥ 0;
    p < 0 convex nonincreasing on x > 0; √(Σ cᵢuᵢ²), cᵢ > 0, is a (weighted) Euclidean norm."""
    if p == sp.Rational(1, 2) and (norm := _norm_atom(base)) is not None:
        return norm
    if p.is_integer and p.is_even and p > 0:
        return Atom(f"x^{p}", CONVEX, (_sign(base),), (base,))
    if p >= 1 and _sign(base) > 0:
        return Atom(f"x^{p} on x ≥ 0", CONVEX, (UP,), (base,))
    if 0 < p < 1 and _sign(base) > 0:
        return Atom(f"x^{p} on x ≥ 0", CONCAVE, (UP,), (base,))
    if p < 0 and _positive(base):
        return Atom(f"x^{p} on x > 0", CONVEX, (DOWN,), (base,))
    return None


def _norm_atom(base: sp.Expr) -> Atom | None:
    args: list[sp.Expr] = []
    for t in sp.Add.make_args(base):
        c, rest = t.as_coeff_Mul()
        if not (isinstance(rest, sp.Pow) and rest.exp == 2 and c.is_positive):
            return None
        args.append(sp.sqrt(c) * rest.base)
    return Atom("‖·‖₂", CONVEX, tuple(_sign(a) for a in args), tuple(args))


def _product_atom(e: sp.Expr) -> Atom | None:
    """u·log u (negative entropy, u > 0) and u²/v (quadratic over linear, v > 0)."""
    factors = e.args
    if len(factors) != 2:
        return None
    a, b = factors
    for u, lg in ((a, b), (b, a)):
        if isinstance(lg, sp.log) and lg.args[0] == u and _positive(u):
            return Atom("x·log x", CONVEX, (NONE,), (u,))
    for sq, inv in ((a, b), (b, a)):
        if isinstance(sq, sp.Pow) and sq.exp == 2 and isinstance(inv, sp.Pow) and inv.exp == -1 and _positive(inv.base):
            return Atom("x²/y on y > 0", CONVEX, (_sign(sq.base), DOWN), (sq.base, inv.base))
    return None
