"""How closely a convergence constant seen from an iteration's errors may be compared with the claim.

The constant is estimated from successive errors (a one-step map) or fitted over successive windows of them (a
map with memory); the estimates approach their limit as the errors shrink. The distance still left is
extrapolated from the last three estimates as a geometric tail; the comparison is never looser than
CONSTANT_TOL, and where the estimates settle too slowly to extrapolate, a gap refutes nothing.
"""

from __future__ import annotations

import itertools

import mpmath

CONSTANT_TOL = mpmath.mpf("1e-6")  # relative: the loosest comparison of a constant with the claim
SETTLED = 10  # a constant's estimates: their extrapolated remaining distance to their limit, times this
RATIO = mpmath.mpf("0.9")  # successive steps of the estimates shrinking by less than this: no extrapolation
TIGHTEST = mpmath.mpf("1e-40")  # relative: no tolerance on a constant is tighter than this
SETTLE = 20  # a linear rate's gap below SETTLE/N (N steps) may be the run's own transient: no evidence
SETTLED_SPREAD = mpmath.mpf("1e-20")  # relative: a linear rate's window estimates this close have settled
RATE_TIGHTEST = mpmath.mpf("1e-30")  # relative: no tolerance on a settled linear rate is tighter than this
ORDER_TOL = 0.05  # absolute: the loosest comparison of an order with the claim
ORDER_TIGHTEST = 1e-10  # absolute: an order is seen as a float, so no comparison of one is tighter than this


def remaining(estimates: list[mpmath.mpf]) -> mpmath.mpf | None:
    """How far the last of successive estimates may be from their limit: the last step times ρ/(1 − ρ), ρ the
    ratio of the last two steps, as for a geometric tail (SETTLED times that, for safety); ∞ where the steps shrink
    by less than RATIO (a tail too slow to extrapolate: x/2 + |x|^1.1 at 0 shows 1/2 + e^0.1); None with fewer than
    three estimates, or steps that do not shrink at all (nothing to extrapolate from)."""
    if len(estimates) < 3:
        return None
    last, before = abs(estimates[2] - estimates[1]), abs(estimates[1] - estimates[0])
    if before == 0:
        return mpmath.inf if last else mpmath.mpf(0)
    rho = last / before
    if rho >= 1:
        return None  # steps that do not shrink: the estimates settle nowhere (x² claimed of order 2 + 10⁻⁶)
    return SETTLED * last * rho / (1 - rho) if rho < RATIO else mpmath.inf


def constant_agrees(seen: mpmath.mpf, claimed: mpmath.mpf, left: mpmath.mpf | None) -> bool | None:
    """Whether the constant seen is the claimed one: within CONSTANT_TOL (relative), and within how far its
    estimates may still move (left, from remaining) where that is less: Newton's step at √2 shows 1/(2√2) to 17
    digits from 10⁻³, so 1/(2√2) + 10⁻¹² is not it, and the secant's fits over its last three windows settle as
    fast; never below TIGHTEST (relative). None (undecided) where it is off by more than CONSTANT_TOL but the
    estimates still move too slowly to say where they end."""
    size = abs(claimed) + mpmath.mpf("1e-30")
    gap = abs(seen - claimed)
    if left is None:
        return bool(gap <= CONSTANT_TOL * size)
    if gap <= min(CONSTANT_TOL * size, max(left, TIGHTEST * size)):
        return True
    return None if gap <= left else False


def order_agrees(seen: float, claimed: float, estimates: list[float]) -> bool:
    """Whether the order seen is the claimed one: within ORDER_TOL, and within how far its last successive
    estimates may still move (remaining) where they settle: Newton's step shows order 2 to 14 digits, yet order
    1.99 was CHECKED (within 0.05), and so was the secant's order written 1.618 or 1.6 (φ = 1.6180339…). Estimates
    that agree to ORDER_TIGHTEST have settled; never tighter than that. Estimates that settle too slowly to
    extrapolate (x − x³ at 0, order 1 seen as 1 − O(1/k)) keep the loose comparison, and so do estimates that do not
    close in steadily (steps of one sign, or alternating, never growing) over the whole history given, or whose
    every window of three says they may still move that far: a log-periodic wobble (x ↦ (x/2)(1 + sin(w·ln(1/|x|)
    + φ)|x|^0.03), rate 1/2) turns between its last three estimates, whose small last step looked like settling,
    and the true claim was REFUTED (red team 130)."""
    gap = abs(seen - claimed)
    if gap >= ORDER_TOL:
        return False
    steps = [b - a for a, b in itertools.pairwise(estimates)]
    if len(estimates) >= 3 and max(abs(d) for d in steps) <= ORDER_TIGHTEST:
        return gap <= ORDER_TIGHTEST  # settled to what a float shows
    if not _steady(steps):
        return True
    windows = [remaining([mpmath.mpf(q) for q in estimates[i : i + 3]]) for i in range(len(estimates) - 2)]
    lefts = [float(left) for left in windows if left is not None and mpmath.isfinite(left)]
    if not windows or len(lefts) < len(windows):
        return True
    return gap <= max(*lefts, ORDER_TIGHTEST)


def _steady(steps: list[float]) -> bool:
    """Steps of successive estimates that close in on one limit: all of one sign, or alternating, and none larger
    than the step before it."""
    signs = [d > 0 for d in steps if d != 0]
    one_way = len(set(signs)) <= 1 or all(a != b for a, b in itertools.pairwise(signs))
    return one_way and all(abs(b) <= abs(a) for a, b in itertools.pairwise(steps))


def order_shown(seen: float, claimed: float) -> str:
    """The order seen, with digits enough to tell it from the claimed one (1.61803 beside a claimed 1.618)."""
    gap = abs(seen - claimed)
    digits = 4 if gap == 0 or gap >= 1e-3 else min(15, 3 - int(mpmath.floor(mpmath.log10(gap))))
    return f"{seen:.{digits}g}"


def rate_tolerance(spread: mpmath.mpf) -> mpmath.mpf:
    """How closely a vector map's linear rate seen over the second half of its run (relative spread: how far the
    rates of its two quarters differ) is compared with the claim: 8 spreads, and at least CONSTANT_TOL while the
    quarters differ visibly (a Jordan block's k·ρᵏ, two close eigenvalues, a non-normal map's wobble); quarters that
    agree to SETTLED_SPREAD show one rate alone, held to RATE_TIGHTEST: gradient descent with rate 9/10 claimed
    9/10 + 10⁻⁹ was CHECKED (within 10⁻⁶), and a nonlinear map's 10⁻¹² off too."""
    if spread <= SETTLED_SPREAD:
        return max(8 * spread, RATE_TIGHTEST)
    return max(CONSTANT_TOL, 8 * spread)


def within_transient(gap: mpmath.mpf, tol: mpmath.mpf, spread: mpmath.mpf, steps: int) -> bool:
    """A gap beyond the tolerance that a transient of the run could still explain (a polynomial factor kᵐ moves
    the rate by about m/N over N steps), where the quarters' rates differ visibly; where they agree to
    SETTLED_SPREAD no such factor is there, and a rate 10⁻³ off (9/10 claimed for an exact 9/10 + 10⁻³) is a
    finding, not 'no usable errors'."""
    return gap > tol and gap <= SETTLE / steps and spread > SETTLED_SPREAD
