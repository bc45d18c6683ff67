"""Where f curves the wrong way, jumps or has a concave kink: pairs of points for the two-point convexity check.

The two-point check samples pairs (a, b) and a weight θ; a dent narrower than the pairs' spacing passes it
(x⁴ − 10⁻⁶x² is concave on |x| < 4·10⁻⁴, and 200 pairs never both land there). For f of one real variable
with f″ continuous, f is convex on an interval exactly where f″ ≥ 0 on it. So a point x₀ of the domain with
f″(x₀) < 0 (> 0 for a concavity claim), found exactly at the critical points of f″ (`critical.probe` on the
inequality f″ ≥ 0, as for any one-symbol inequality), makes f(x₀) > (f(x₀ − h) + f(x₀ + h))/2 for every h
small enough. The pairs x₀ ± 2⁻ᵏ, θ = ½ (k = 1 … 60) that lie in the domain are given to the two-point check
as its points, which confirms a failing pair in high precision like any sample: the probe proposes, the
check decides. x₀ is rounded to a float first; a dent narrower than a float's spacing is not found.

f″ ≥ 0 wherever it exists is not enough: a jump (x² − 10⁻¹² on x ≥ 0, 10⁻¹²·H(x), ⌊x⌋) or a concave kink
(x² − 10⁻¹²|x|, min(x², (x − 2·10⁻⁶)²)) breaks convexity within 10⁻⁷ of one point, with f″ ≥ 0 on both sides
(red team 121). So f's breaks are proposed too, found exactly as the critical module finds kinks: the zeros of
the arguments of |·|, sign and H, of max's and min's differences, of a Piecewise condition's sides (by solveset,
else at a sign change on a grid, bisected to a float: x = cos x has no closed form), the points
where the argument of ⌊·⌋, ⌈·⌉ or frac, linear in x, is an integer (the first few), and the domain's ends,
open ones included (x⁴ − 10⁻⁶x² on x > 0 has no least f″ to solve for: it dips towards 0). A jump is seen only
by a pair with one end on it, so around every point the pairs x₀ ± h, (x₀, x₀ + 2h) and (x₀ − 2h, x₀) are given.

f of several symbols (wrt a vector, or parameters beside it) is searched along each entry of wrt, one at a time,
with every other symbol at a base point (0, 1 or −1 where in its domain, else its domain's ends; up to
MAX_BASES of them): x⁴ − 10⁻⁶x² + y² along x at y = 0, x⁴ − cx² at c = 10⁻⁷ for c ∈ [10⁻⁷, 10⁻⁶]. A dent
along no axis ((x + y)⁴ − 10⁻⁶(x + y)² + (x − y)², x⁴ + y⁴ − 10⁻⁶xy) is searched along the eigenvector of the
Hessian's least eigenvalue at each base point (red team 162). One away from the base points, across a line through
the first of them ((x + 2y − 1/3)⁴ − 10⁻⁸(x + 2y − 1/3)² + (2x − y)²), is searched along each eigenvector's line
through that point as f of one variable is, and the pairs there that fail at 50 digits are proposed (red team 170);
one the lines miss is not found.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools

import numpy as np
import sympy as sp
from sympy.core.relational import Relational

from verifier.language.claims import Convex, Given, Inequality
from verifier.language.domains import General, Interval, Nonnegative, Positive, Real
from verifier.numeric.checks import critical
from verifier.numeric.checks.poles import MAX_OPS as MAX_SOLVE_OPS
from verifier.numeric.checks.poles import _inside, _window, exact_end, solve_bounded
from verifier.strategies import budget
from verifier.trusted.instantiate import Instance, instantiate

Env = dict[sp.Symbol, np.ndarray]
STEPS = range(1, 61)  # h = 2⁻ᵏ: the pair's half-width, from ½ down to a float's spacing at 1
MAX_OPS = 80  # f's size in sympy's count of operations: a larger f″ is not searched
MAX_BREAKS = 8  # break points proposed
LATTICE = range(-8, 9)  # the integers a ⌊·⌋'s argument is tried at on an unbounded domain
MAX_SYMBOLS = 4  # a claim in more scalar symbols is left to the sampler (as in poles.py)
ENTRYWISE = (Real, General, Positive, Nonnegative, Interval)  # a matrix domain each of whose entries moves alone
GRID = 1025  # points of the grid a condition's sign changes are looked for on
WIDE = 8.0  # on an unbounded domain, sign changes are looked for in [−WIDE, WIDE]
MAX_BASES = 3  # base points of the other symbols tried
SEARCH_BUDGET = 12  # heartbeats of work for the search along several entries (about a CPU second)
DENOMINATOR = 10**6  # an eigenvector's entries as fractions of this denominator at most: the line is searched exactly
Base = dict[sp.Symbol, float]
Section = tuple[sp.Symbol, Given, list[float]]  # an entry of wrt, its domain, the centres of pairs along it


def pairs(inst: Instance, body: Convex, derived: Instance) -> Env | None:
    """Points of the two-point check (derived) around points where f curves the wrong way, jumps or has a kink,
    along each entry of wrt with every other symbol at one of a few base points; None if none is found. With
    more than one symbol the search stops after SEARCH_BUDGET heartbeats, keeping the pairs found so far."""
    sections = _sections(inst, body)
    if sections is None:
        return None
    f, candidates, wrt = sections
    rows: list[dict[sp.Symbol, float]] = []
    lines = [(base, x) for base in _bases(candidates) for x in wrt.symbols()]
    try:
        with budget.budget(SEARCH_BUDGET) if len(inst.symbols) > 1 else contextlib.nullcontext():
            seen: set[tuple[sp.Symbol, sp.Basic]] = set()
            for base, x in lines:
                g = sp.sympify(f).xreplace({s: sp.Rational(v) for s, v in base.items() if s != x})
                if (x, g) not in seen and (section := _section(inst, body, g, x, wrt)) is not None:
                    rows += _rows(derived, wrt, base, [section])
                seen.add((x, g))
            rows += _hessian_rows(derived, wrt, f, _bases(candidates), body.concave)
    except budget.BudgetExceeded:
        pass  # the pairs found so far are kept
    with contextlib.suppress(budget.BudgetExceeded), budget.budget(SEARCH_BUDGET):  # a budget of its own
        rows += _line_rows(inst, derived, wrt, f, _bases(candidates)[:1], body.concave)
    if not rows or set(rows[0]) != set(derived.symbols):
        return None
    return {s: np.array([row[s] for row in rows]) for s in derived.symbols}


def _hessian_rows(derived: Instance, wrt: Given, f: sp.Expr, bases: list[Base], concave: bool) -> list[dict]:
    """Pairs base ± 2⁻ᵏv, θ = ½, where v is an eigenvector of the Hessian's least eigenvalue (of −H, concave) at a
    base point where that eigenvalue is negative in floats: a dent along no axis (x⁴ + y⁴ − 10⁻⁶xy at 0, whose
    Hessian [[0, −10⁻⁶], [−10⁻⁶, 0]] curves down along (1, 1) only). The floats only propose; the check decides."""
    xs = wrt.symbols()
    *_, first, second, mix = derived.given
    copies = list(zip(xs, first.symbols(), second.symbols(), strict=False))
    if len(xs) < 2 or len(copies) != len(xs) or not isinstance(mix.target, sp.Symbol) or sp.count_ops(f) > MAX_OPS:
        return []
    hessian = sp.hessian(f, xs)
    rows: list[dict] = []
    for base in bases:
        with contextlib.suppress(TypeError, ValueError):
            m = np.array(hessian.xreplace({s: sp.Rational(v) for s, v in base.items()}).evalf(), dtype=float)
            values, vectors = np.linalg.eigh(-m if concave else m) if np.all(np.isfinite(m)) else ([0.0], None)
            if values[0] < 0 and vectors is not None:
                rows += _along(wrt, base, vectors[:, 0], copies, mix.target)
    return rows


def _line_rows(inst: Instance, derived: Instance, wrt: Given, f: sp.Expr, bases: list[Base], concave: bool) -> list:
    """Along each eigenvector v of the Hessian at each base point, the line base + s·v: a point s₀ where f curves
    the wrong way along it (solved for exactly, as in one variable), and the pairs around base + s₀v that fail in
    high precision (f there is a difference of large terms, which floats do not order, and the check recomputes only
    its closest samples). A dent away from the base points, across the line (u⁴ − 10⁻⁸u² + (2x − y)² with
    u = x + 2y − 1/3, or x + y + z − √3 along (1, 1, 1), not the least eigenvector at 0) was CHECKED (red team 170)."""
    xs = wrt.symbols()
    *_, first, second, mix = derived.given
    copies = list(zip(xs, first.symbols(), second.symbols(), strict=False))
    if len(xs) < 2 or len(copies) != len(xs) or not isinstance(mix.target, sp.Symbol) or sp.count_ops(f) > MAX_OPS:
        return []
    hessian, rows = sp.hessian(f, xs), []
    for base in bases:
        with contextlib.suppress(TypeError, ValueError, np.linalg.LinAlgError):
            m = np.array(hessian.xreplace({k: sp.Rational(v) for k, v in base.items()}).evalf(), dtype=float)
            for v in np.linalg.eigh(m)[1].T if np.all(np.isfinite(m)) else []:
                centre = _wrong_way_on_line(inst, wrt, f, base, v, concave)
                if centre is not None:
                    found = _along(wrt, centre, v, copies, mix.target)
                    rows += [row for row in found if _fails(f, base, copies, row, concave)]
    return rows


def _wrong_way_on_line(inst: Instance, wrt: Given, f: sp.Expr, base: Base, v: np.ndarray, concave: bool) -> Base | None:
    """The point base + s₀v where f curves the wrong way along v, s₀ found exactly as in one variable; None if none."""
    xs, s = wrt.symbols(), sp.Dummy("s", real=True)
    direction = [sp.Rational(float(c)).limit_denominator(DENOMINATOR) for c in v]
    span = _line_span(wrt, [sp.Rational(base[x]) for x in xs], direction)
    if span is None:
        return None
    line = {x: sp.Rational(base[x]) + s * d for x, d in zip(xs, direction, strict=True)}
    g = sp.sympify(f).xreplace({**{k: sp.Rational(val) for k, val in base.items()}, **line})
    s0 = _wrong_way(inst, s, Given(s, span), sp.diff(g, s, 2), concave)
    if s0 is None:
        return None
    return {**base, **{x: base[x] + s0 * float(c) for x, c in zip(xs, v, strict=True)}}


def _fails(f: sp.Expr, base: Base, copies: list, row: dict, concave: bool) -> bool:
    """The pair of a row breaks the two-point inequality at 50 digits (a proposal only: the check decides)."""
    others = {k: sp.Rational(v) for k, v in base.items() if k not in {x for x, _, _ in copies}}
    a = {x: sp.Rational(row[x_a]) for x, x_a, _ in copies}
    b = {x: sp.Rational(row[x_b]) for x, _, x_b in copies}
    mid = {x: (a[x] + b[x]) / 2 for x in a}
    try:
        values = [sp.sympify(f).xreplace({**others, **point}).evalf(50) for point in (mid, a, b)]
        gap = values[0] - (values[1] + values[2]) / 2
        return bool(gap < 0 if concave else gap > 0)
    except (TypeError, ValueError):
        return False


def _line_span(wrt: Given, base: list[sp.Rational], direction: list[sp.Rational]) -> Interval | Real | None:
    """The s for which base + s·direction lies in wrt's box (its domain on every entry): all of ℝ for ℝ, an interval
    for an interval's box; None for other domains."""
    if isinstance(wrt.domain, Real | General):
        return Real()
    if not isinstance(wrt.domain, Interval):
        return None
    lo, hi = exact_end(wrt.domain.lo), exact_end(wrt.domain.hi)
    ends = [sorted(((lo - b) / d, (hi - b) / d)) for b, d in zip(base, direction, strict=True) if d != 0]
    if not ends:
        return None
    low, high = max(e[0] for e in ends), min(e[1] for e in ends)
    return Interval(low, high) if low < high else None


def _along(wrt: Given, base: Base, v: np.ndarray, copies: list, mix: sp.Symbol) -> list[dict]:
    """The pairs base ± 2⁻ᵏv whose ends lie in wrt's domain, the other symbols at the base point."""
    common = {s: val for s, val in base.items() if s not in wrt.symbols()}
    rows = []
    for k in STEPS:
        h = 2.0**-k
        ends = [(base[x] - h * float(vi), base[x] + h * float(vi)) for (x, _, _), vi in zip(copies, v, strict=True)]
        if all(
            _inside(Given(x, wrt.domain), sp.Rational(e))
            for (x, _, _), pair in zip(copies, ends, strict=True)
            for e in pair
        ):
            row = {**common, mix: 0.5}
            row |= {a: lo for (_, a, _), (lo, _) in zip(copies, ends, strict=True)}
            row |= {b: hi for (_, _, b), (_, hi) in zip(copies, ends, strict=True)}
            rows.append(row)
    return rows


def _section(inst: Instance, body: Convex, g: sp.Basic, x: sp.Symbol, wrt: Given) -> Section | None:
    """f along the entry x of wrt (g: the other symbols at a base point): the centres of pairs along it."""
    given = wrt if not wrt.shape else Given(x, wrt.domain)
    if not isinstance(g, sp.Expr) or g.has(sp.zoo, sp.nan) or g.free_symbols != {x} or sp.count_ops(g) > MAX_OPS:
        return None
    curvature = sp.diff(g, x, 2)
    known = not curvature.has(sp.Derivative)  # f″ of ⌊x⌋ stays unevaluated: nothing to solve (x := 0 fails)
    wrong = _wrong_way(inst, x, given, curvature, body.concave) if known else None
    centres = [*([wrong] if wrong is not None else []), *_breaks(g, x, given)]
    return (x, given, centres) if centres else None


def _sections(inst: Instance, body: Convex) -> tuple[sp.Expr, dict[sp.Symbol, list[float]], Given] | None:
    """f in the claim's own symbols (the symbolic view's carry the domain's sign: x ≥ 0 on [0, 3]), the candidate
    base values of every scalar symbol, and wrt's given; None for more than MAX_SYMBOLS symbols, or a matrix whose
    domain is not entrywise (the simplex, symmetric matrices: an entry does not move alone)."""
    if len(inst.symbols) > MAX_SYMBOLS:
        return None
    if any(g.shape and not isinstance(g.domain, ENTRYWISE) for g in inst.given):
        return None
    wrt = [g for g in inst.given if inst.symbolic(g.target) == inst.symbolic(body.wrt)]
    f = inst.symbolic(body.f)
    f = (f[0, 0] if isinstance(f, sp.MatrixBase) else f).xreplace({inst.symbolic(s): s for s in inst.symbols})
    if len(wrt) != 1 or not isinstance(f, sp.Expr):
        return None
    candidates = {s: _candidates(Given(s, g.domain) if g.shape else g) for g in inst.given for s in g.symbols()}
    return (f, candidates, wrt[0]) if all(candidates.values()) else None


def _candidates(given: Given) -> list[float]:
    """A scalar symbol's base values: 0, 1 and −1 where in its domain, then its domain's ends (nudged inside)."""
    values = [float(v) for v in (0, 1, -1) if _inside(given, sp.Integer(v))]
    values += [e for e in (_float_inside(given, end) for end in _ends(given)) if e is not None]
    return list(dict.fromkeys(values))


def _bases(candidates: dict[sp.Symbol, list[float]]) -> list[Base]:
    """The base points: the k-th candidate of every symbol (its last if it has fewer), k < MAX_BASES."""
    bases = [{s: c[min(k, len(c) - 1)] for s, c in candidates.items()} for k in range(MAX_BASES)]
    return [dict(b) for b in dict.fromkeys(tuple(b.items()) for b in bases)]


def _wrong_way(inst: Instance, wrt: sp.Symbol, given: Given, curvature: sp.Expr, concave: bool) -> float | None:
    """A point of the domain where f″ < 0 (> 0 if concave), decided exactly, as a float in the domain."""
    op = "<=" if concave else ">="
    statement = Inequality(curvature, op, 0, where={given.target: given.domain})
    try:
        probed = instantiate(dataclasses.replace(inst.claim, body=statement))
    except (TypeError, ValueError):
        return None
    small, big = (curvature, sp.S.Zero) if concave else (sp.S.Zero, curvature)
    found = critical.probe(probed, small, big, False, op)
    if found.counterexample is None or not found.exact:
        return None
    (point,) = found.exact.values()
    return _float_inside(given, point)


def _float_inside(given: Given, point: sp.Expr) -> float | None:
    """point rounded to a float; if that leaves the domain (a point at a closed end), the next one inward."""
    try:
        x0 = float(point)
    except (TypeError, ValueError):
        return None
    near = (x0, float(np.nextafter(x0, np.inf)), float(np.nextafter(x0, -np.inf)))
    return next((v for v in near if np.isfinite(v) and _inside(given, sp.Rational(v))), None)


def _breaks(f: sp.Expr, x: sp.Symbol, given: Given) -> list[float]:
    """Points of the domain where f may jump or have a kink (see the module's docstring), as floats."""
    conditions = [*critical._kinks(f), *(node.args[0] for node in f.atoms(sp.sign, sp.Heaviside))]
    for node in f.atoms(sp.Piecewise):
        conditions += [r.lhs - r.rhs for _, cond in node.args for r in sp.sympify(cond).atoms(Relational)]
    points: list[sp.Expr] = []
    for condition in dict.fromkeys(conditions):
        found = solve_bounded(condition, x, _window(given)) if sp.count_ops(condition) <= MAX_SOLVE_OPS else None
        exact = [p for p in found if p.is_real] if isinstance(found, sp.FiniteSet) else None
        points += exact if exact is not None else [sp.Float(z) for z in _sign_changes(condition, x, given)]
    points += [*_integer_points(f, x, given), *_ends(given)]
    inside = [_float_inside(given, p) for p in dict.fromkeys(points)]
    return [p for p in dict.fromkeys(inside) if p is not None][:MAX_BREAKS]


def _sign_changes(condition: sp.Expr, x: sp.Symbol, given: Given) -> list[float]:
    """Zeros of the condition that solveset gives no closed form for (x = cos x): its sign changes on a grid of
    GRID points over the domain (its part in [−WIDE, WIDE] if unbounded), each bisected to a float's spacing."""
    window = _window(given)
    lo = float(window.inf) if window.inf.is_finite else -WIDE
    hi = float(window.sup) if window.sup.is_finite else WIDE
    try:
        fn = sp.lambdify(x, condition, "numpy")
        grid = np.linspace(max(lo, -WIDE), min(hi, WIDE), GRID)
        with np.errstate(all="ignore"):
            values = np.real(np.broadcast_to(fn(grid), grid.shape)).astype(float)
    except (TypeError, ValueError, NameError, ZeroDivisionError, OverflowError):
        return []
    found: list[float] = []
    for i in np.flatnonzero(np.isfinite(values[:-1]) & np.isfinite(values[1:]) & (values[:-1] * values[1:] < 0)):
        a, b, left = float(grid[i]), float(grid[i + 1]), values[i] < 0
        for _ in range(80):  # halves [a, b] until its ends are neighbouring floats
            mid = (a + b) / 2
            if mid in (a, b):
                break
            with np.errstate(all="ignore"):
                if (float(np.real(fn(mid))) < 0) == left:
                    a = mid
                else:
                    b = mid
        found.append(a)
    return found[:MAX_BREAKS]


def _ends(given: Given) -> list[sp.Expr]:
    """The domain's finite ends, open or closed (x > 0: 0): a dent that reaches an open end has no least f″ to solve
    for (x⁴ − 10⁻⁶x² on x > 0), and the pairs from the end inward span it."""
    if isinstance(given.domain, Positive | Nonnegative):
        return [sp.S.Zero]
    ends = (getattr(given.domain, "lo", None), getattr(given.domain, "hi", None))
    return [exact_end(v) for v in ends if isinstance(v, int | float | sp.Rational)]


def _integer_points(f: sp.Expr, x: sp.Symbol, given: Given) -> list[sp.Expr]:
    """Where the argument u = s·x + t of a ⌊·⌋, ⌈·⌉ or frac is an integer: in a bounded domain the first
    MAX_BREAKS from its low end, else at u ∈ LATTICE."""
    window, points = _window(given), []
    for node in f.atoms(sp.floor, sp.ceiling, sp.frac):
        u = node.args[0]
        if u.free_symbols != {x} or not u.is_polynomial(x) or sp.Poly(u, x).degree() != 1:
            continue
        slope, shift = sp.Poly(u, x).all_coeffs()
        values: range | list[int] = LATTICE
        if isinstance(window, sp.Interval) and window.inf.is_finite and window.sup.is_finite:
            ends = sorted([u.xreplace({x: window.inf}), u.xreplace({x: window.sup})], key=float)
            values = range(int(sp.ceiling(ends[0])), int(sp.floor(ends[1])) + 1)[:MAX_BREAKS]
        points += [(m - shift) / slope for m in values]
    return points


def _rows(derived: Instance, wrt: Given, base: Base, found: list[Section]) -> list[dict[sp.Symbol, float]]:
    """Each section's pairs, the other entries and symbols at the base point, θ = ½, as points of the two-point
    check (derived: the claim's other symbols, then wrt's copies a and b, then θ)."""
    *_, first, second, mix = derived.given
    copies = list(zip(wrt.symbols(), first.symbols(), second.symbols(), strict=False))
    if not isinstance(mix.target, sp.Symbol) or len(copies) != len(wrt.symbols()):
        return []
    common = {s: v for s, v in base.items() if s not in wrt.symbols()}
    common |= {c: base[s] for s, a, b in copies for c in (a, b)}
    rows = []
    for x, given, centres in found:
        (a_x, b_x) = next((a, b) for s, a, b in copies if s == x)
        rows += [{**common, a_x: lo, b_x: hi, mix.target: 0.5} for lo, hi in _spans(given, centres)]
    return rows


def _spans(given: Given, centres: list[float]) -> list[tuple[float, float]]:
    """The pairs x0 ± 2⁻ᵏ, (x0, x0 + 2·2⁻ᵏ) and (x0 − 2·2⁻ᵏ, x0) around each centre x0 with both ends in the
    domain (next to an end of it, only the pairs on its side)."""
    kept: list[tuple[float, float]] = []
    for x0, k in itertools.product(centres, STEPS):
        h = 2.0**-k
        for a, b in ((x0 - h, x0 + h), (x0, x0 + 2 * h), (x0 - 2 * h, x0)):
            if a < b and all(_inside(given, sp.Rational(v)) for v in (a, b)):
                kept.append((a, b))
    return kept
