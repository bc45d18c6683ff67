"""The pole hunt of a Limit: points where the expression has no value, accumulating at the limit point.

sympy's limit bounds sin(1/x) at 0 by [−1, 1] and divides by the bound, so e^{−1/x²}/sin(1/x) → 0 came out of it,
and the samples (limit_points) never land near x = 1/(kπ), where the expression has no value and, next to it, no
bound (red team 118). A real limit needs the expression defined on a punctured neighbourhood of the point, on the
sides the claim names (limit_points.off_reals): a point where it has no value, one at every scale towards the
limit point, refutes the claim.

Where it looks: the factors whose zeros leave the expression without a value (a denominator, a logarithm's
argument, tan, sec, cot and csc's cos or sin: exact_value.undefined_conditions), split at |·|, products and
positive powers into pieces. Only a piece holding a function outside trusted.limits.TAME whose argument grows
without bound towards the point (by REACH at least, and by GROWTH over the sampled scales: sin(1/x) at 0, sin x,
tan x and Ai(−x) at ∞) is hunted; most claims have none, and cost nothing. From each sampled point, scale by scale
(limit_points.STEPS, then DEEP: 10⁻² … 10⁻²⁴, or 10² … 10²⁴), mpmath's findroot looks for a zero of the piece on
the claim's side within a factor of BAND of the point's distance to the limit point.

What a zero must show, at 100 digits (the narrowest bracket again at 130): the piece changes sign across it, the
same way on brackets of width 10⁻⁴⁰, 10⁻⁵⁰ and 10⁻⁶⁰ of that distance, and its size at each bracket's ends is
below SHRINK of that at the one before (a zero within the piece's linear reach, not a pole or a jump: tan changes
sign at its poles, sign(·) at its jump). The claim is refuted only where one is found at every scale, on every
side it names: a piece with finitely many zeros has none at most scales, and 2 + sin(1/x) none at all. A zero
must also fit the variable's sign assumptions (x positive: none left of 0).

Incomplete by design: zeros where a piece touches 0 without changing sign (1 − cos(1/x)), zeros sparser than the
bands (sin(log x) at 0⁺: e^{−kπ}), arguments that grow slower than REACH, and parameters other than at the first
sample. It never refutes from fewer than every scale, so a claim it cannot settle keeps the samples' verdict.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import mpmath
import sympy as sp

from verifier.numeric import confirm
from verifier.numeric.checks.exact_value import undefined_conditions
from verifier.numeric.checks.limit_points import DEEP, EVALUATION_ERRORS, PER_STEP, STEPS, Side
from verifier.trusted.limits import TAME

REACH = mpmath.mpf(10) ** 8  # an argument at least this large at the deepest point…
GROWTH = mpmath.mpf(10) ** 6  # …and this many times larger than at the first point
BAND = 3  # a zero counts for a point at distance d from the limit point if its distance is within [d/3, 3d]
BRACKETS = (40, 50, 60)  # the sign change is shown across r ± d·10⁻ᵏ
SHRINK = mpmath.mpf(10) ** -5  # the piece's size from one bracket to the next, 10¹⁰ times narrower: a zero
AGAIN = 130  # the narrowest bracket's signs, again at these digits
DPS = 100
BIG = mpmath.mpf(10) ** 6  # a size next to a zero worth reporting
Fn = Callable[..., list]


@dataclass(frozen=True)
class Pole:
    """A zero of a piece found at every scale of the claim's sides: the first side's finest, and the largest |f|
    seen next to any of its zeros."""

    sides: tuple[str, ...]
    piece: sp.Expr
    finest: mpmath.mpf
    scales: tuple[mpmath.mpf, mpmath.mpf]  # the coarsest and the finest zero's distance to the limit point
    size: mpmath.mpf  # |f| at the end of a narrow bracket (0 where none was finite)
    size_at: mpmath.mpf
    above: bool = True  # the finest zero lies above the limit point (or towards +∞)


def hunted_pieces(expr: sp.Expr, var: sp.Symbol, symbols: Sequence[sp.Symbol]) -> list[sp.Expr]:
    """The pieces of the expression's undefinedness conditions that hold a function whose argument may grow
    (outside TAME, depending on var): the only ones hunted."""
    if var.is_integer or var.is_rational or var.is_extended_real is False:
        return []
    allowed = {var, *symbols}
    out: list[sp.Expr] = []
    for condition in undefined_conditions([sp.sympify(expr)]):
        for piece in _split(condition):
            if var in piece.free_symbols and piece.free_symbols <= allowed and _wild_args(piece, var):
                out.append(piece)
    return list(dict.fromkeys(out))


def _split(e: sp.Expr) -> list[sp.Expr]:
    """e's pieces: a zero of one is a zero of e (|u| → u, uᵖ with p > 0 → u, a product → its factors)."""
    if isinstance(e, sp.Abs):
        return _split(e.args[0])
    if isinstance(e, sp.Pow) and e.exp.is_positive:
        return _split(e.base)
    if isinstance(e, sp.Mul):
        return [p for f in e.args for p in _split(f)]
    return [e]


def _wild_args(piece: sp.Expr, var: sp.Symbol) -> list[sp.Expr]:
    """The arguments, depending on var, of the piece's functions outside TAME."""
    nodes = [n for n in sp.preorder_traversal(piece) if isinstance(n, sp.Function) and not isinstance(n, TAME)]
    return [a for n in nodes for a in n.args if isinstance(a, sp.Expr) and var in a.free_symbols]


def hunt(
    expr: sp.Expr, var: sp.Symbol, symbols: Sequence[sp.Symbol], args: list, sides: list[Side], at: mpmath.mpf | None
) -> Pole | None:
    """A zero of a hunted piece at every scale of every side the claim names (at: the finite limit point, None
    towards ±∞); the first piece that has one, else None."""
    for piece in hunted_pieces(expr, var, symbols):
        if not all(_grows(piece, var, symbols, args, side) for side in sides):
            continue
        g = confirm.mp_compile([*symbols, var], [piece])
        fn = confirm.mp_compile([*symbols, var], [sp.sympify(expr)])
        found: list[Pole] = []
        for side in sides:  # every side the claim names, or none
            if (pole := _along(piece, g, fn, args, side, at, var)) is None:
                break
            found.append(pole)
        if found and len(found) == len(sides):
            return replace(found[0], sides=tuple(side.name for side in sides))
    return None


def _grows(piece: sp.Expr, var: sp.Symbol, symbols: Sequence[sp.Symbol], args: list, side: Side) -> bool:
    """Some wild argument of the piece is at least REACH at the side's deepest point and GROWTH times its size at
    the first."""
    first, last = side.points[0], (side.deep or side.points)[-1]
    for arg in _wild_args(piece, var):
        f = confirm.mp_compile([*symbols, var], [arg])
        with mpmath.workdps(60):
            try:
                a, b = abs(f(*args, first)[0]), abs(f(*args, last)[0])
            except EVALUATION_ERRORS:
                continue
            if mpmath.isfinite(b) and b >= REACH and b >= GROWTH * a:
                return True
    return False


def _scales(side: Side) -> list[tuple[mpmath.mpf, ...]]:
    """The side's points, one tuple per scale, coarsest first (the DEEP scales last)."""
    pts = [*side.points, *side.deep]
    return [tuple(pts[i * PER_STEP : (i + 1) * PER_STEP]) for i in range(len(STEPS) + len(DEEP))]


def _along(piece: sp.Expr, g: Fn, fn: Fn, args: list, side: Side, at: mpmath.mpf | None, var: sp.Symbol) -> Pole | None:
    """A confirmed zero of g near some point of each scale of the side, else None."""
    zeros: list[tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf]] = []  # (zero, |f| next to it, where)
    for scale in _scales(side):
        zero = next((z for p in scale if (z := _zero_near(g, fn, args, p, at, var)) is not None), None)
        if zero is None:
            return None
        zeros.append(zero)
    size, size_at = max(((s, w) for _, s, w in zeros), key=lambda t: t[0])
    dist = [abs(z - at) if at is not None else abs(z) for z, _, _ in zeros]
    above = zeros[-1][0] > (at if at is not None else 0)
    return Pole((side.name,), piece, zeros[-1][0], (dist[0], dist[-1]), size, size_at, above)


def _zero_near(
    g: Fn, fn: Fn, args: list, p: mpmath.mpf, at: mpmath.mpf | None, var: sp.Symbol
) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf] | None:
    """A zero of g within the band around p on p's side, confirmed at DPS digits: (zero, |f| next to it, where)."""
    d = abs(p - at) if at is not None else abs(p)
    with mpmath.workdps(DPS):
        try:
            with mpmath.workdps(60):
                r = mpmath.findroot(lambda t: g(*args, t)[0], (p, p + d * mpmath.mpf(10) ** -12), verify=False)
            r = mpmath.findroot(lambda t: g(*args, t)[0], (r, r + d * mpmath.mpf(10) ** -55), verify=False)
        except EVALUATION_ERRORS:
            return None
        if not isinstance(r, mpmath.mpf) or not mpmath.isfinite(r) or not _on_side(r, p, at, d) or not _admits(var, r):
            return None
        ends = _bracket(g, args, r, abs(r - at) if at is not None else abs(r))
        if ends is None:
            return None
        size, where = _size_next_to(fn, args, ends)
        return r, size, where


def _on_side(r: mpmath.mpf, p: mpmath.mpf, at: mpmath.mpf | None, d: mpmath.mpf) -> bool:
    """r lies on p's side of the limit point, its distance within a factor BAND of p's."""
    if at is None:
        return r * p > 0 and d / BAND <= abs(r) <= d * BAND
    return (r - at) * (p - at) > 0 and d / BAND <= abs(r - at) <= d * BAND


def _admits(var: sp.Symbol, r: mpmath.mpf) -> bool:
    """var's sign assumptions allow the value r."""
    return not (
        (var.is_extended_positive and r <= 0)
        or (var.is_extended_negative and r >= 0)
        or (var.is_extended_nonnegative and r < 0)
        or (var.is_extended_nonpositive and r > 0)
    )


def _bracket(g: Fn, args: list, r: mpmath.mpf, d: mpmath.mpf) -> tuple[mpmath.mpf, mpmath.mpf] | None:
    """The narrowest bracket's ends, where g changes sign across r the same way on every bracket, at DPS digits and
    again at AGAIN on the narrowest, and shrinks by SHRINK from each bracket to the next (a zero, not a pole or a
    jump, and within g's linear reach: sin(1/x²) at 10⁻²⁴ turns 10³ times across the widest); None otherwise."""
    ends = [(r - d * mpmath.mpf(10) ** -k, r + d * mpmath.mpf(10) ** -k) for k in BRACKETS]
    seen = [_signed(g, args, lo, hi) for lo, hi in ends]
    with mpmath.workdps(AGAIN):
        seen.append(_signed(g, args, *ends[-1]))
    if any(v is None for v in seen):
        return None
    values = [v for v in seen if v is not None]
    if len({(lo > 0, hi > 0) for lo, hi in values}) != 1 or values[0][0] * values[0][1] > 0:
        return None
    for (wide_lo, wide_hi), (lo, hi) in itertools.pairwise(values[:-1]):
        if abs(lo) > SHRINK * abs(wide_lo) or abs(hi) > SHRINK * abs(wide_hi):
            return None
    return ends[-1]


def _signed(g: Fn, args: list, lo: mpmath.mpf, hi: mpmath.mpf) -> tuple[mpmath.mpf, mpmath.mpf] | None:
    """g at both ends, where both are finite, real and nonzero."""
    try:
        values = (g(*args, lo)[0], g(*args, hi)[0])
    except EVALUATION_ERRORS:
        return None
    return values if all(isinstance(v, mpmath.mpf) and mpmath.isfinite(v) and v != 0 for v in values) else None


def _size_next_to(fn: Fn, args: list, ends: tuple[mpmath.mpf, mpmath.mpf]) -> tuple[mpmath.mpf, mpmath.mpf]:
    """The larger |f| at the narrow bracket's ends, and where (0 where neither is finite and real)."""
    best, where = mpmath.mpf(0), ends[0]
    for e in ends:
        try:
            v = fn(*args, e)[0]
        except EVALUATION_ERRORS:
            continue
        if mpmath.isfinite(v) and mpmath.im(v) == 0 and abs(v) > best:
            best, where = abs(mpmath.re(v)), e
    return best, where


def described(pole: Pole, var: sp.Symbol, to: sp.Expr) -> str:
    """The finding in a sentence: where the expression has no value, why, and how far the zeros were followed."""
    name, how = sp.sstr(var), " and ".join(s for s in pole.sides if s)
    coarse, fine = (mpmath.nstr(s, 3) for s in pole.scales)
    where = "∞" if to == sp.oo else "−∞" if to == -sp.oo else sp.sstr(to)
    text = (
        f"the expression is undefined at {name} = {_near(pole, to)} ({sp.sstr(pole.piece)} = 0)"
        f" and at such points at every scale from {coarse} to {fine}{f' ({how})' if how else ''}, accumulating at"
        f" {where}: the limit does not exist in ℝ"
    )
    if pole.size >= BIG:
        text += f"; |f| ≈ {mpmath.nstr(pole.size, 3)} at {name} = {mpmath.nstr(pole.size_at, 15)}, next to one"
    return text


def _near(pole: Pole, to: sp.Expr) -> str:
    """The finest zero as a number, or as a finite nonzero limit point plus or minus its distance (1 + 8.6·10⁻²⁵ is
    not 1.0)."""
    if to.is_infinite or to == 0:
        return mpmath.nstr(pole.finest, 15)
    return f"{sp.sstr(to)} {'+' if pole.above else '−'} {mpmath.nstr(pole.scales[1], 15)}"
