"""High-precision confirmation of candidate counterexamples (arb where it is clear, else mpmath).

Float64 only nominates suspects. A suspect becomes a counterexample only when the two sides, recomputed in mpmath
at 50 digits and again at 100 digits from the exact same inputs (float samples are exact binary rationals), differ
by the same clearly nonzero amount both times. If the difference shrinks with precision, it was round-off, and the
sample passes. Anything else is undecided, which can never become REFUTED. Where values beyond 10²⁰ were computed,
both are decided again with digits beyond their size.

Where the sides have arb enclosures (:mod:`verifier.numeric.balls`), one certified evaluation at 100 digits decides
the clear cases first (:func:`certify`); mpmath decides the rest.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

import mpmath
import sympy as sp
from flint import arb

from verifier.numeric import enclose
from verifier.numeric.mpeval import MpEvaluator, Peak

LOW_DPS = 50
HIGH_DPS = 100
TOP_DPS = 150
HEADROOM = 60  # digits kept beyond the largest magnitude a walk computed
CANCELLATION_DIGITS = LOW_DPS - 30  # beyond 10^20, 50 digits could keep fewer than 30 after a cancellation
MAX_DIGITS = 2000  # past 10^2000 a confirmation is out of reach: UNDECIDED
SWITCH_DIGITS = LOW_DPS - 10  # a jump's argument nearer its switch than 10⁻⁴⁰ is not resolved at 50 digits
SWITCH_DPS = 400  # ... so the sides are computed again at 400 and 800 digits (_beyond_switches)
NOISE_RELATIVE = mpmath.mpf(10) ** -45
CONFIRM_RELATIVE = mpmath.mpf(10) ** -30
SHRINK = mpmath.mpf(10) ** -25
STABLE = mpmath.mpf(10) ** -10
ONE = mpmath.mpf(1)

Vector = list[mpmath.mpf]
BallSides = Callable[[], tuple[list[arb], list[arb], arb]]  # lhs, rhs and the floor (arb(0) if none), as balls
CERTIFY_BITS = int(HIGH_DPS * 3.33) + 8  # the 100 digits a certified confirmation is made at
CONFIRM_RELATIVE_ARB = "1e-30"
NOISE_RELATIVE_ARB = "1e-45"
Observation = TypeVar("Observation")
Sides = Callable[[], tuple[Vector, Vector]]


class Decision(StrEnum):
    CONFIRMED = "confirmed"  # a real counterexample
    NOISE = "noise"  # the sides agree in high precision: float round-off
    UNDECIDED = "undecided"
    NO_EVIDENCE = "no evidence"  # the claim says nothing checkable here (a kink of a derivative claim)


@dataclass(frozen=True)
class Confirmation:
    decision: Decision
    lhs: str
    rhs: str
    error: str
    relative: float
    # how close the high-precision gap came to confirming, as a fraction of the threshold:
    # below 1 for every sample that is not CONFIRMED (shown as the distance to a false alarm)
    closeness: float = 0.0
    digits: int = HIGH_DPS  # the precision that confirmed it (a certified ball's bits, in digits)


def mp_compile(symbols: Sequence[sp.Symbol], exprs: Sequence[sp.Expr]) -> MpEvaluator:
    """Expressions for mpmath: a DAG walk at the current mpmath.mp.dps, no code generation."""
    return MpEvaluator(symbols, exprs)


def _at(dps: int, sides: Sides) -> tuple[Vector, Vector] | None:
    Peak.reset()
    with mpmath.workdps(dps):
        try:
            lhs, rhs = sides()
        except (ZeroDivisionError, ValueError, TypeError, OverflowError):
            return None
        if any(not mpmath.isfinite(v) for v in [*lhs, *rhs]):
            return None
        return lhs, rhs


def _worst(lhs: Vector, rhs: Vector) -> tuple[int, mpmath.mpf, mpmath.mpf]:
    diffs = [abs(a - b) for a, b in zip(lhs, rhs, strict=True)]
    i = max(range(len(diffs)), key=lambda j: diffs[j])
    scale = max([abs(v) for v in [*lhs, *rhs]] + [mpmath.mpf(1e-300)])
    return i, diffs[i], scale


DECIMAL_DIGITS = 12  # a claim written with decimals states its values to this many digits (float64 keeps 15–17)
DECIMAL_SLACK = mpmath.mpf(10) ** -DECIMAL_DIGITS


def has_decimals(*exprs: object) -> bool:
    """Whether a claim is written with decimals (0.2, a float): its numbers are then known to ~15 digits only,
    since 0.2 is 0.2000000000000000111 in binary; an exact or certified decision must not see that rounding."""
    return any(isinstance(e, sp.Basic) and bool(e.atoms(sp.Float)) for e in exprs)


def decimal_gap(gap: sp.Expr, big: sp.Expr, small: sp.Expr) -> tuple[sp.Expr, bool]:
    """An inequality's gap big − small as an exact or certified decision may read it, and whether it was widened:
    for a claim written with decimals, the gap plus DECIMAL_SLACK · max(1, |big|, |small|), so that only a failure
    larger than the decimals' rounding counts (the widened gap is then read as not strict: an equality within the
    rounding is no failure either)."""
    if not has_decimals(big, small):
        return gap, False
    slack = sp.Rational(1, 10**DECIMAL_DIGITS) * sp.Max(1, sp.Abs(big), sp.Abs(small))
    return gap + slack, True


def decimal_residual(lhs: sp.Expr, rhs: sp.Expr) -> sp.Expr:
    """An identity's residual lhs − rhs as an exact or certified decision may read it: for a claim written with
    decimals, max(0, |lhs − rhs| − DECIMAL_SLACK · max(1, |lhs|, |rhs|)), which is 0 within their rounding."""
    if not has_decimals(lhs, rhs):
        return lhs - rhs
    slack = sp.Rational(1, 10**DECIMAL_DIGITS) * sp.Max(1, sp.Abs(lhs), sp.Abs(rhs))
    return sp.Max(0, sp.Abs(lhs - rhs) - slack)


def as_decimals(sides: Sides) -> Sides:
    """The sides of a claim written with decimals: a gap within DECIMAL_SLACK · max(1, |values|) is the decimals'
    rounding, and the sides are taken as equal there; a larger gap is confirmed as any other."""

    def rounded() -> tuple[Vector, Vector]:
        left, right = sides()
        pairs = list(zip(left, right, strict=True))
        return left, [a if abs(a - b) <= DECIMAL_SLACK * max(mpmath.mpf(1), abs(a), abs(b)) else b for a, b in pairs]

    return rounded


def decide(sides: Sides, floor: Callable[[], mpmath.mpf] | None = None, balls: BallSides | None = None) -> Confirmation:
    """Certified by arb where the gap is clear (balls, see certify); else evaluate the sides at 50 and 100
    digits (and 150 if needed) and classify the gap.

    floor, if given, is a magnitude below which a gap means nothing even in high
    precision: for a derivative computed by mpmath's numerical differentiation, the
    error is relative to |f|, not to the derivative, so |f| is the floor.

    Round-off shrinks when the precision grows; a real discrepancy does not. So the gap
    is NOISE if it is negligible against the values, or if it shrank by 25+ orders of
    magnitude between two precisions; it is CONFIRMED if it is the same (to 10
    significant digits) at two precisions and not negligible; otherwise UNDECIDED.
    """
    certified = certify(balls) if balls is not None else None
    if certified is not None:
        return certified
    Peak.reset_switch()
    pair = _pair(sides, LOW_DPS, HIGH_DPS)
    if pair is None:
        return Confirmation(Decision.UNDECIDED, "", "", "not finite in high precision", 0.0)
    peak, near_switch = Peak.digits, _near_switch()
    with mpmath.workdps(HIGH_DPS):
        least = abs(floor()) if floor is not None else mpmath.mpf(0)
    verdict = _classify(list(pair), least)
    if verdict.decision is Decision.CONFIRMED and near_switch:
        return _beyond_switches(sides, lambda finer: _classify(list(finer), least))
    if verdict.decision is Decision.UNDECIDED:
        third = _at(TOP_DPS, sides)
        if third is not None:
            verdict = _classify([pair[1], third], least)
    depth = peak + _smallness(pair[1], least)
    if verdict.decision is Decision.CONFIRMED and depth > CANCELLATION_DIGITS:
        finer = _with_headroom(sides, depth)
        verdict = _classify(list(finer), least) if finer is not None else _too_large(depth)
    return verdict


def certify(balls: BallSides) -> Confirmation | None:
    """The gap decided from arb's enclosures at HIGH_DPS digits, or None where they do not decide it (mpmath
    then does). CONFIRMED: the worst gap's ball lies above CONFIRM_RELATIVE of the largest value (or the
    floor), so the gap is certainly that large. NOISE: every gap's ball lies within NOISE_RELATIVE of the
    smallest the scale can be. The same thresholds as the two-precision test, on certified bounds."""
    with enclose.precision(CERTIFY_BITS):
        try:
            lhs, rhs, floor = balls()
        except (ZeroDivisionError, ValueError, TypeError, OverflowError):  # Unsupported is a ValueError
            return None
        if not all(v.is_finite() for v in [*lhs, *rhs, floor]) or not lhs:
            return None
        gaps = [a - b for a, b in zip(lhs, rhs, strict=True)]
        i = max(range(len(gaps)), key=lambda j: gaps[j].abs_upper())
        values = [*lhs, *rhs, floor]
        top = max(v.abs_upper() for v in values)
        least = max(v.abs_lower() for v in values)
        if gaps[i].abs_lower() > top * arb(CONFIRM_RELATIVE_ARB):
            return _certified(Decision.CONFIRMED, lhs[i], rhs[i], gaps[i], top, gaps[i].abs_lower() / top)
        if least > 0 and all(g.abs_upper() <= least * arb(NOISE_RELATIVE_ARB) for g in gaps):
            return _certified(Decision.NOISE, lhs[i], rhs[i], gaps[i], least, gaps[i].abs_upper() / least)
    return None


def _certified(decision: Decision, lhs: arb, rhs: arb, gap: arb, scale: arb, ratio: arb) -> Confirmation:
    with mpmath.workdps(TOP_DPS):
        closeness = float(_to_mp(ratio) / CONFIRM_RELATIVE)
        texts = mpmath.nstr(_to_mp(lhs), 20), mpmath.nstr(_to_mp(rhs), 20), mpmath.nstr(abs(_to_mp(gap)), 6)
        relative = float(abs(_to_mp(gap)) / _to_mp(scale))
    if decision is Decision.NOISE:
        closeness = min(closeness, 1.0)
    return Confirmation(decision, *texts, relative, closeness)


def _to_mp(value: arb) -> mpmath.mpf:
    man, exp = value.mid().man_exp()
    return mpmath.ldexp(mpmath.mpf(int(man)), int(exp))


def _smallness(values: tuple[Vector, Vector], floor: mpmath.mpf) -> float:
    """How many decimal orders the compared values lie below 1: a gap of 10⁻¹⁸⁹ between sides
    computed from terms of size 1 (a softmax weight of 10⁻¹⁸⁹, 1 − a for a ≈ 1) is below what
    100 digits resolve, however stable it looks at 50 and 100."""
    _, _, scale = _worst(*values)
    scale = max(scale, floor)
    return max(0.0, -float(mpmath.log10(scale)))


def _pair(sides: Sides, low: int, high: int) -> tuple[tuple[Vector, Vector], tuple[Vector, Vector]] | None:
    first, second = _at(low, sides), _at(high, sides)
    return (first, second) if first is not None and second is not None else None


def _with_headroom(sides: Sides, peak: float) -> tuple[tuple[Vector, Vector], tuple[Vector, Vector]] | None:
    """Values as large as 10^peak were computed, and a cancellation among them can eat that many digits (1 − σ(240)
    is 0 at both 50 and 100), so a gap stable at 50 and 100 digits proves nothing: evaluate again at peak + HEADROOM
    digits and twice that, which a real gap survives and round-off does not. None past MAX_DIGITS (out of reach)."""
    if peak > MAX_DIGITS:
        return None
    dps = int(peak) + HEADROOM
    return _pair(sides, dps, 2 * dps)


def _near_switch() -> bool:
    """A jump was taken at 50 or 100 digits within 10⁻⁴⁰ of its switch, or exactly at it."""
    return Peak.at_switch or Peak.near_switch > SWITCH_DIGITS


Pair = tuple[tuple[Vector, Vector], tuple[Vector, Vector]]


def _beyond_switches(sides: Sides, judge: Callable[[Pair], Confirmation]) -> Confirmation:
    """A gap that rests on a jump taken near its switch: rounding may have put its argument on the wrong side
    (e^{10⁻¹²⁰} − 1 is exactly 0 at 50 and 100 digits, sin π about 10⁻⁵¹ and 10⁻¹⁰¹: the same wrong sign twice
    reads as a stable gap). The sides again at SWITCH_DPS and twice that: an argument farther than 10⁻³⁹⁰ from
    its switch is resolved there; a nearer one leaves the gap UNDECIDED. One exactly at its switch at every
    precision (sign(k) at k = 0) is taken as exact: a value below 10⁻⁸⁰⁰ computed as exactly 0 is not seen."""
    Peak.reset_switch()
    finer = _pair(sides, SWITCH_DPS, 2 * SWITCH_DPS)
    if finer is None or Peak.near_switch > SWITCH_DPS - 10:
        why = f"a jump's argument lies within 10^-{SWITCH_DPS - 10} of its switch: its side cannot be decided"
        return Confirmation(Decision.UNDECIDED, "", "", why, 0.0)
    return judge(finer)


def _too_large(peak: float) -> Confirmation:
    why = f"values near 10^{peak:.0f} were computed: too large to confirm a gap in high precision"
    return Confirmation(Decision.UNDECIDED, "", "", why, 0.0)


def _classify(pair: list[tuple[Vector, Vector]], floor: mpmath.mpf) -> Confirmation:
    (low_l, low_r), (high_l, high_r) = pair
    i, d_high, scale = _worst(high_l, high_r)
    scale = max(scale, floor)
    d_low = abs(low_l[i] - low_r[i])
    with mpmath.workdps(TOP_DPS):
        rel = float(d_high / scale)
        closeness = _closeness(d_low, d_high, scale)
        lhs_s, rhs_s, err_s = mpmath.nstr(high_l[i], 20), mpmath.nstr(high_r[i], 20), mpmath.nstr(d_high, 6)
        # exact agreement at one precision: a gap that could pass CONFIRM_RELATIVE never vanishes there
        exact = d_low == 0 or d_high == 0
        if exact or d_high <= scale * NOISE_RELATIVE or d_high <= d_low * SHRINK:
            return Confirmation(Decision.NOISE, lhs_s, rhs_s, err_s, rel, min(closeness, 1.0))
        if abs(d_low - d_high) <= STABLE * d_high and d_high > scale * CONFIRM_RELATIVE:
            return Confirmation(Decision.CONFIRMED, lhs_s, rhs_s, err_s, rel, closeness)
    return Confirmation(Decision.UNDECIDED, lhs_s, rhs_s, err_s, rel, closeness)


def _closeness(d_low: mpmath.mpf, d_high: mpmath.mpf, scale: mpmath.mpf) -> float:
    """How near a gap came to confirming, 1 at the threshold. Confirming takes both a gap
    above CONFIRM_RELATIVE·scale and the same gap at both precisions; this is the smaller of
    the two ratios, so a gap that shrank with precision is far away even if both sides are
    tiny (scale is then the gap itself)."""
    if d_low == 0 or d_high == 0:
        return 0.0  # exact agreement at one precision: a real gap never vanishes
    size = d_high / (scale * CONFIRM_RELATIVE)
    drift = abs(d_low - d_high)
    stability = STABLE * d_high / drift if drift else mpmath.inf
    return float(min(size, stability))


def decide_sign(value: Callable[[], mpmath.mpf], strict: bool, blind: bool = False) -> Confirmation:
    """Confirm that a gap that must be >= 0 (> 0 if strict) is in fact negative (or zero).

    blind: a sample whose values fell below floats' normal range, so that floats said nothing. Its margins are
    measured against the largest value the walk computed where all of them are below 1 (A₁₁A₂₂ − A₁₂A₂₁ with
    entries near 10⁻¹⁷⁰ is decided at that scale), and a gap within them is never noise that passes: (e^a − 1) − a
    at a = 10⁻¹⁷⁰ is −10⁻¹⁷⁰ at 50 and at 100 digits, the round-off of e^a next to 1. Such a gap is computed again
    with as many more digits as it lies orders below the largest value (`_below_the_margin`), else UNDECIDED."""

    def sides() -> tuple[Vector, Vector]:
        v = value()
        if isinstance(v, mpmath.mpc):  # a side with i in it: real only where its imaginary part is exactly 0
            v = v.real if v.imag == 0 else mpmath.nan  # else no sign: the definedness probe says it is not real
        return [v], [mpmath.mpf(0)]

    Peak.reset_switch()
    pair = _pair(sides, LOW_DPS, HIGH_DPS)
    if pair is None:
        return Confirmation(Decision.UNDECIDED, "", "", "not finite in high precision", 0.0)
    peak, near_switch = Peak.digits, _near_switch()
    unit = mpmath.mpf(10) ** min(math.ceil(Peak.top) + 1, 0) if blind and Peak.top > -math.inf else ONE
    verdict = _sign(pair, strict, LOW_DPS, unit, blind)
    if blind and verdict.decision is Decision.UNDECIDED:
        verdict = _below_the_margin(sides, strict, pair[1][0][0], peak, verdict)
    if verdict.decision is Decision.CONFIRMED and near_switch:
        return _beyond_switches(sides, lambda finer: _sign(finer, strict, SWITCH_DPS, unit, blind))
    # HEADROOM digits survive a cancellation, of a failure or of a pass within it (10⁴⁰⁰ + sin x ≥ 10⁴⁰⁰ + 2 at x = 0)
    near_round_off = verdict.decision is Decision.NOISE and _within_cancellation(pair[1][0][0], peak)
    if peak > CANCELLATION_DIGITS and (verdict.decision is Decision.CONFIRMED or near_round_off):
        finer = _with_headroom(sides, peak)
        verdict = _sign(finer, strict, HEADROOM, ONE, blind) if finer is not None else _too_large(peak)
    return verdict


def _within_cancellation(gap: mpmath.mpf, peak: float) -> bool:
    """A gap a cancellation among values of size 10^peak may leave at LOW_DPS digits (30 orders to spare)."""
    return bool(not mpmath.isfinite(gap) or abs(gap) < mpmath.mpf(10) ** (peak - CANCELLATION_DIGITS))


BLIND_ROUNDS = 2  # a blind gap computed again at most this many times, each with the digits the last one asked for
FLOOR_ORDERS = 330  # a float's smallest magnitude, 4.9·10⁻³²⁴, and a few orders more


def _below_the_margin(sides: Sides, strict: bool, gap: mpmath.mpf, peak: float, verdict: Confirmation) -> Confirmation:
    """A blind sample's gap, within the margin of the values it was computed from (a Hessian entry σ(1 − σ)x² of
    10⁻³³⁰ beside inputs of size 40), computed again at HEADROOM digits beyond its own size and twice that: the
    round-off of values of size 10^peak is then far below it, so a gap stable there is decided as any other. A gap of
    exactly 0 (1 − σ(800) at 100 digits) is computed again as if it lay FLOOR_ORDERS below 1, beyond any float: still
    exactly 0 at both precisions, it is taken as 0, which a non-strict claim allows (a gap hidden below 10⁻⁷⁸⁰ by a
    rounding next to 1 is not seen: docs/explanation/known-limits.md)."""
    for _ in range(BLIND_ROUNDS):
        if not mpmath.isfinite(gap):
            return verdict
        orders = FLOOR_ORDERS if gap == 0 else max(0, -int(mpmath.floor(mpmath.log10(abs(gap)))))
        dps = int(peak) + orders + HEADROOM
        finer = _pair(sides, dps, 2 * dps) if dps <= MAX_DIGITS else None
        if finer is None:
            return verdict
        if gap == 0 and finer[0][0][0] == 0 and finer[1][0][0] == 0:
            return verdict if strict else Confirmation(Decision.NOISE, "0", "0", "0", 0.0)
        verdict = _sign(finer, strict, dps - int(peak), ONE, blind=True)
        if verdict.decision is not Decision.UNDECIDED:
            return verdict
        gap = finer[1][0][0]
    return verdict


def _sign(pair: tuple[tuple[Vector, Vector], tuple[Vector, Vector]], strict: bool, low_dps: int,
          unit: mpmath.mpf = ONE, blind: bool = False) -> Confirmation:  # fmt: skip
    """low_dps: the digits the lower of the two evaluations keeps (after any cancellation); unit: the size that
    round-off is measured against (1, or less at a blind sample: decide_sign); blind: a gap within the margin is
    UNDECIDED, unless it shrank by SHRINK from low_dps to the higher precision (round-off of a zero: NOISE)."""
    g_low, g_high = pair[0][0][0], pair[1][0][0]
    with mpmath.workdps(2 * low_dps):
        text = mpmath.nstr(g_high, 20)
        tiny = mpmath.mpf(10) ** (-(low_dps - 12)) * max(abs(g_high), unit)
        stable = abs(g_low - g_high) <= tiny
        closeness = _sign_closeness(g_high, tiny, strict)
        if stable and g_high < -tiny:
            return Confirmation(Decision.CONFIRMED, text, "0", text, float(g_high), closeness)
        if g_high > tiny or (not blind and not strict and g_high >= -tiny / 10**30):
            return Confirmation(Decision.NOISE, text, "0", text, float(g_high), min(closeness, 1.0))
        if blind and not strict and g_high != 0 and abs(g_high) <= abs(g_low) * SHRINK:  # round-off, shrinking with
            return Confirmation(Decision.NOISE, text, "0", text, float(g_high), min(closeness, 1.0))  # the precision
    return Confirmation(Decision.UNDECIDED, text, "0", text, float(g_high), closeness)


def _sign_closeness(gap: mpmath.mpf, tiny: mpmath.mpf, strict: bool) -> float:
    """How close a gap that must be >= 0 (> 0) came to confirming a violation: a negative
    gap against the threshold tiny; for a strict claim also a positive gap near zero."""
    if gap < 0:
        return float(-gap / tiny)
    if strict:
        return float(tiny / gap) if gap > 0 else float("inf")
    return 0.0


def stands_at_twice_the_digits(
    observe: Callable[[int], Observation | None], fails: Callable[[Observation], bool], dps: int
) -> tuple[Observation | None, bool]:
    """The refutation protocol for observations with no closed-form gap (an iteration's order
    and constant, the value a sequence settles at): a failure seen at dps digits becomes a
    counterexample only if the whole observation, repeated at 2·dps digits, fails again.
    Returns the finer observation (None: it says nothing) and whether the failure stands."""
    again = observe(2 * dps)
    return again, again is not None and fails(again)
