"""Where a numeric check looks: sampled points, their exact versions, and their simplicity."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

import mpmath
import numpy as np
import sympy as sp
from flint import arb

from verifier.language.claims import Given
from verifier.language.domains.base import Domain
from verifier.numeric import balls
from verifier.numeric import batch as numeric
from verifier.numeric.batch import Env
from verifier.numeric.confirm import Confirmation, Decision
from verifier.numeric.uncached import untouched
from verifier.trusted.instantiate import Instance


@dataclass(frozen=True)
class Settings:
    seed: int = 0
    samples: int = 200
    corner_fraction: float = 0.1
    points: Env | None = None  # check exactly these points instead of sampling (used by the shrinker)
    premise: sp.Basic | None = None  # the points are an implication's: exact probes keep points where this holds


MAX_SPECIAL = 48


def specials(inst: Instance, k: int, s: Settings) -> Env:
    """The domains' special points that open every sample set of size k (none for given points)."""
    if s.points is not None:
        return {}
    return numeric.special_draw(inst.given, min(MAX_SPECIAL, k // 4))


def sample(inst: Instance, rng: np.random.Generator, k: int, s: Settings, corners_ok: bool = True) -> Env:
    """K points from the claim's domains: their special points first (0, ±1, endpoints, I,
    vertices; see specials), then random ones, 10% of them from ill-conditioned corners; or the
    given points."""
    if s.points is not None:
        return s.points
    first = specials(inst, k, s)
    corners = round(k * s.corner_fraction) if corners_ok else 0
    # the random samples drawn as beside the special points taken together, then the last ones dropped for the
    # rows along each symbol's axis: k samples in all, the same draws, and the generator where it was
    diagonal = numeric.count(numeric.special_draw(inst.given, min(MAX_SPECIAL, k // 4), axes=False))
    plain = numeric.draw(inst.given, rng, k - corners - diagonal)
    extra = numeric.count(first) - diagonal
    if 0 < extra < numeric.count(plain):
        plain = {symbol: values[:-extra] for symbol, values in plain.items()}
    parts = [first] if first else []
    parts.append(plain)
    if corners and inst.given:
        parts.append(numeric.draw(inst.given, rng, corners, corners=True))
    return numeric.concat(parts) if inst.given else plain


def point_values(inst: Instance, env: Env, idx: int) -> dict[str, object]:
    """The sample idx as {label: value or nested list}, for a counterexample."""
    out: dict[str, object] = {}
    for g in inst.given:
        if isinstance(g.target, sp.MatrixBase):
            m = g.target
            vals = [[_num(env, m[i, j], idx) for j in range(m.cols)] for i in range(m.rows)]
            out[g.label] = [row[0] for row in vals] if m.cols == 1 else vals
        else:
            out[g.label] = _num(env, g.target, idx)
    return out


def _num(env: Env, entry: sp.Basic, idx: int) -> float:
    if isinstance(entry, sp.Symbol) and entry in env:
        return float(env[entry][idx])
    return float(sp.sympify(entry).xreplace({s: env[s][idx] for s in env}))


def simplicity(values: dict[str, object]) -> float:
    """Lower is simpler: small integers and halves beat arbitrary floats."""
    flat: list[float] = []

    def walk(v: object) -> None:
        if isinstance(v, list):
            for x in v:
                walk(x)
        else:
            flat.append(float(v))  # type: ignore[arg-type]

    for v in values.values():
        walk(v)
    return sum(0.0 if (2 * x).is_integer() and abs(x) <= 3 else 1.0 + abs(x) / 100 for x in flat)


EXACT_DPS = 1000  # digits of a point that is no float (an exactly orthogonal Q): beyond the 800 a jump is checked at


def mp_args(inst: Instance, env: Env, idx: int) -> list[mpmath.mpf]:
    """The sample as mpmath numbers at EXACT_DPS digits, from its exact point (see exact_point).

    Floats cannot make Σy = 1 or QᵀQ = I hold exactly; the high-precision check must see a
    point that really lies in the domain, or round-off in the sample would look like a
    counterexample.
    """
    return ExactSample(inst, env, idx).mp


class ExactSample:
    """One sample's exact point (see exact_point), made once on first use, as mpmath numbers (mp_args) and as
    arb balls: a confirmation that arb decides never builds the mpmath form. Where the exact point is the
    floats themselves (no domain moves them, no relation imposes a value: the usual case), both forms are
    made from the floats directly, with no rational in between: a float is a dyadic rational, which an mpf
    and an arb hold exactly, so the numbers are the same."""

    def __init__(self, inst: Instance, env: Env, idx: int) -> None:
        self.inst, self.env, self.idx = inst, env, idx

    @cached_property
    def point(self) -> dict[sp.Symbol, sp.Rational]:
        return exact_point(self.inst, self.env, self.idx)

    @cached_property
    def floats(self) -> list[float] | None:
        """The sample's floats, if they are its exact point (all finite, none moved); else None."""
        if self.inst.relations or _moved_blocks(self.inst, self.env):
            return None
        values = [float(self.env[s][self.idx]) for s in self.inst.symbols]
        return values if all(math.isfinite(v) for v in values) else None

    @cached_property
    def mp(self) -> list[mpmath.mpf]:
        with mpmath.workdps(EXACT_DPS):
            if self.floats is not None:
                return [mpmath.mpf(v) for v in self.floats]
            return [mpmath.mpf(int(self.point[s].p)) / int(self.point[s].q) for s in self.inst.symbols]

    def balls(self) -> list[arb]:
        """Balls at flint's working precision (exact for a dyadic value, else the tightest there)."""
        if self.floats is not None:
            return [arb(v) for v in self.floats]
        return [balls.exact(self.point[s]) for s in self.inst.symbols]


def exact_point(inst: Instance, env: Env, idx: int) -> dict[sp.Symbol, sp.Rational]:
    """The sample as exact rationals: each domain's exact version of its block (the floats
    themselves, or an exactly orthogonal matrix near them), then the relations imposed exactly."""
    point = {s: exact_float(float(env[s][idx])) for s in inst.symbols}
    for g, entries in _moved_blocks(inst, env):
        exact = g.domain.exact_values(np.array([env[e][idx] for e in entries], dtype=float))
        point.update(zip(entries, exact, strict=True))
    for sym, expr in inst.relations:
        point[sym] = sp.Rational(expr.xreplace(point))
    return point


def _moved_blocks(inst: Instance, env: Env) -> list[tuple[Given, list[sp.Basic]]]:
    """The declared blocks whose domain moves their floats to an exact point of its own (an exactly orthogonal
    matrix near them), with their entries; any other block's exact point is its floats."""
    moved = []
    for g in inst.given:
        if type(g.domain).exact_values is Domain.exact_values:
            continue  # the floats themselves: the point holds them already
        entries = _entries(g.target)
        if len(entries) > 1 and all(isinstance(e, sp.Symbol) and e in env for e in entries):
            moved.append((g, entries))
    return moved


def exact_float(x: float) -> sp.Rational:
    """sp.Rational(x), exactly, in half its time (the integer ratio of a finite float is in lowest terms)."""
    if not math.isfinite(x):
        return sp.Rational(x)
    p, q = x.as_integer_ratio()
    return sp.Integer(p) if q == 1 else sp.Rational(p, q)


def outside_domain(inst: Instance, env: Env, idx: int) -> str | None:
    """Why the sample idx is not shown to lie in the claim's domains, decided exactly; None if it is."""
    point = exact_point(inst, env, idx)
    for g in inst.given:
        values = [sp.sympify(e).xreplace(point) for e in _entries(g.target)]
        inside = g.domain.contains_exactly_shaped(values, g.shape)
        if inside is not True:
            how = "not decided exactly" if inside is None else "exact arithmetic"
            return f"{g.label} is not in {g.domain.describe()} ({how})"
    return None


def in_domain_only(inst: Instance, env: Env, decide_at: Callable[[int], Confirmation]) -> Callable[[int], Confirmation]:
    """decide_at, except that a confirmed failure at a point not shown to lie in the domain is no
    evidence: such a point is no counterexample (a rounded singular PSD sample, say)."""

    def decide(idx: int) -> Confirmation:
        with untouched():  # which samples are recomputed turns on floats' last bits: leave sympy's cache alone
            result = decide_at(idx)
            if result.decision is not Decision.CONFIRMED:
                return result
            why = outside_domain(inst, env, idx)
        if why is None:
            return result
        return Confirmation(Decision.NO_EVIDENCE, result.lhs, result.rhs, f"no counterexample: {why}", 0.0)

    return decide


def _entries(target: sp.Basic) -> list[sp.Basic]:
    return list(target) if isinstance(target, sp.MatrixBase) else [target]


def exact_rational(expr: sp.Expr, point: dict[sp.Symbol, sp.Rational]) -> sp.Rational | None:
    """expr at a rational point, if it is exactly rational there (no transcendental parts)."""
    if not _rational_form(expr):
        return None
    value = expr.xreplace(point)
    return value if isinstance(value, sp.Rational) else None


def _low(exponent: sp.Expr) -> bool:
    """A polynomial exponent of degree at most 8: (−1)^(k¹⁰⁰⁰⁰⁰) at k = 2⁶⁰ + 1 took 36 s to write out."""
    return all(sum(m) <= 8 for m in sp.Poly(exponent).monoms()) if exponent.free_symbols else True


@lru_cache(maxsize=256)
def _rational_form(expr: sp.Expr) -> bool:
    """No function and no fractional power in expr (asked once per expression, not once per sample); −1 to a
    polynomial power may be rational at the point ((−1)ᵏ at an integer k), and is kept when it is (another base's
    power, 2ᵏ at k = 2⁶⁰, would be too large to compute, as would a power of high degree)."""
    return not expr.atoms(sp.Function) and all(
        p.exp.is_Integer or (p.base == -1 and p.exp.is_polynomial() and _low(p.exp)) for p in expr.atoms(sp.Pow)
    )


def state_admits(inst: Instance, items: tuple[tuple[sp.Symbol, ...], ...]) -> Callable[[list[list]], bool]:
    """Whether a start (iterates of mpf entries, as items lists their symbols) lies in the state's domains."""
    return lambda start: in_state_domains(
        inst, {s: v for xs, vs in zip(items, start, strict=True) for s, v in zip(xs, vs, strict=True)}
    )


def in_state_domains(inst: Instance, point: dict[sp.Symbol, mpmath.mpf]) -> bool:
    """Whether an iterate's entries (mpf values of the state's symbols) lie in every domain declared for them,
    decided exactly (a domain that also names a parameter: not shown, False)."""
    exact = {s: (-1 if v < 0 else 1) * sp.Integer(int(v.man)) * sp.Rational(2) ** int(v.exp) for s, v in point.items()}
    for g in inst.given:
        entries = _entries(g.target)
        if not any(sp.sympify(e).free_symbols & set(exact) for e in entries):
            continue
        values = [sp.sympify(e).xreplace(exact) for e in entries]
        if g.domain.contains_exactly_shaped(values, g.shape) is not True:
            return False
    return True
