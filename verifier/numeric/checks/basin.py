"""Whether the iteration from a Convergence claim's own start settles somewhere other than the root.

A start the claim gives is part of the claim (docs/reference/claim-kinds.md): the iterates from it must converge to
the root. The order near the root, which the kernel proves, is local and says nothing of the start. The error checks
(convergence.py, multistep.py) refute a start whose error only grows, and passed over a start whose iterates shrink
at first and then settle on another fixed point or a cycle: that gave no evidence, the generic starts near the root
passed, and the claim was PROVED. Newton's step for x² − 2 from x₀ = −1 goes to −√2, and "converges to √2 with
order 2 from −1" was PROVED; so was (x, y) ↦ (x², y/2) from (1, 1), which stays at x = 1 (red team, convergence).

An orbit settles when the newest iterates repeat with a period p ≤ MAX_PERIOD to below half the digits, after moving
far more earlier in the run (or repeating exactly), at points away from the root; seen at CONV_DPS digits and again at
twice as many. A slow orbit that creeps toward the root (x − x⁶⁰⁰ from 1/2) never stops moving by that much.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath
import sympy as sp

from verifier.language.claims import Convergence
from verifier.language.iteration import Iteration
from verifier.numeric import confirm
from verifier.numeric.batch import Env
from verifier.numeric.checks.multistep import CONV_DPS, FROM_THE_START
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import mp_args, outside_domain, point_values
from verifier.outcome import Counterexample, NumericEvidence, NumericVerdict
from verifier.trusted.instantiate import Instance

STEPS = 400
LONG = 5000  # steps a start is given to come a millionfold nearer, as multistep.MAX_LINEAR_STEPS: 0.995 takes 2760
MAX_PERIOD = 8
_FAILED = (ZeroDivisionError, ValueError, OverflowError, TypeError)


def _distance(a: list, b: list) -> mpmath.mpf:
    return mpmath.sqrt(sum(abs(u - v) ** 2 for u, v in zip(a, b, strict=True)))


def _norm(a: list) -> mpmath.mpf:
    return _distance(a, [0] * len(a))


def _value(step: Callable[..., list], args: list, flat: list) -> list:
    """The step at the state flat or, where it is 0/0 there, its limit: a removable singularity (x(x − 1)/(2(x − 1))
    at 1, the secant step at two equal iterates) is no pole, the values at flat + t·(1, 2, …) for t = h, h², −h agree
    to √h; the ZeroDivisionError where they do not."""
    try:
        return list(step(*args, *flat))
    except ZeroDivisionError:
        h = mpmath.mpf(10) ** (-(mpmath.mp.dps // 4))
        near = [list(step(*args, *(v + t * (i + 1) for i, v in enumerate(flat)))) for t in (h, h * h, -h)]
        if not all(mpmath.isfinite(v) and mpmath.im(v) == 0 for values in near for v in values):
            raise
        if any(_distance(near[1], other) > mpmath.sqrt(h) * (1 + _norm(near[1])) for other in (near[0], near[2])):
            raise
        return near[1]


def _orbit(step: Callable[..., list], args: list, start: list[list], root: list) -> tuple[list[list], bool] | None:
    """The states (newest iterate first, flattened) from the start, up to STEPS of them, or until the step breaks (the
    secant step is 0/0 once both its iterates sit on another root) or leaves the reals; and whether it broke on a
    pole (a division by zero, an infinite value). None where the run reaches the root."""
    state, floor = [list(item) for item in start], mpmath.mpf(10) ** (15 - mpmath.mp.dps) * (1 + _norm(root))
    history = [[v for item in state for v in item]]
    if _distance(state[0], root) <= floor:
        return None
    for _ in range(STEPS):
        try:
            new = _value(step, args, history[-1])
        except ZeroDivisionError:
            return history, True
        except _FAILED:
            return history, False
        if not all(mpmath.isfinite(v) and mpmath.im(v) == 0 for v in new):
            return history, any(mpmath.isinf(v) for v in new)
        state = [new, *state[:-1]]
        history.append([v for item in state for v in item])
        if _distance(new, root) <= floor:
            return None
    return history, False


def settles_elsewhere(step: Callable[..., list], args: list, start: list[list], root: list, dps: int) -> str | None:
    """Why the iterates from start do not converge to root (they settle on another fixed point or a cycle, or meet a
    pole of the step away from the root), at dps digits; None if they are not seen to."""
    with mpmath.workdps(dps):
        if (run := _orbit(step, args, start, root)) is None:
            return None
        history, pole = run
        d, far = len(root), mpmath.mpf(10) ** (-(dps // 4)) * (1 + _norm(root))
        if (settled := _settled(history, d, dps)) is not None:
            p, points = settled
            if min(_distance(x, root) for x in points) <= far:
                return None
            where = mpmath.nstr(points[-1][0] if d == 1 else points[-1], 8)
            what = "a fixed point of the step" if p == 1 else f"a cycle of period {p}"
            return f"no convergence to the root: the iterates settle on {what} at {where}"
        if pole and _distance(history[-1][:d], root) > far:
            where = mpmath.nstr(history[-1][0] if d == 1 else history[-1][:d], 8)
            return f"no convergence to the root: the step has no value at iterate {len(history) - 1}, {where} (a pole)"
        return None


def _settled(history: list[list], d: int, dps: int) -> tuple[int, list[list]] | None:
    """(p, the last p newest iterates) where the states repeat with period p ≤ MAX_PERIOD to below half the digits,
    after moving 10^(dps/4) times more earlier in the run (or exactly); None otherwise."""
    tiny = mpmath.mpf(10) ** (-(dps // 2))
    for p in range(1, min(MAX_PERIOD, len(history) - 2) + 1):
        gaps = [_distance(history[k], history[k - p]) for k in range(p, len(history))]
        last = gaps[-1]
        if last > tiny * (1 + _norm(history[-1])):
            continue
        if last != 0 and max(gaps) < last * mpmath.mpf(10) ** (dps // 4):
            return None  # it never moved much more than now: creeping, not settled
        return p, [h[:d] for h in history[-p:]]
    return None


def _compiled(inst: Instance, body: Convergence, shape: Iteration) -> tuple[Callable[..., list], Callable[..., list]]:
    step = confirm.mp_compile([*inst.symbols, *shape.symbols], list(shape.step))
    start = [e for item in shape.start or () for e in item]
    return step, confirm.mp_compile(list(inst.symbols), [*shape.root, *start])


def _at(step: Callable[..., list], info: Callable[..., list], args: list, shape: Iteration, dps: int) -> str | None:
    d = shape.dim
    with mpmath.workdps(dps):
        try:
            values = info(*args)
        except _FAILED:
            return None
        root, rest = list(values[:d]), list(values[d:])
        start = [rest[i * d : (i + 1) * d] for i in range(shape.memory)]
        if not all(isinstance(v, mpmath.mpf) for v in [*root, *rest]):
            return None
        return settles_elsewhere(step, args, start, root, dps)


def _reaches_the_root(step: Callable[..., list], args: list, start: list[list], root: list) -> bool:
    """The iterates from start come a millionfold nearer the root within LONG steps (or land on it)."""
    state = [list(item) for item in start]
    first = _distance(state[0], root)
    for _ in range(LONG):
        try:
            new = _value(step, args, [v for item in state for v in item])
        except _FAILED:
            return False
        if not all(mpmath.isfinite(v) and mpmath.im(v) == 0 for v in new):
            return False
        state = [new, *state[:-1]]
        if _distance(new, root) <= first * mpmath.mpf("1e-6"):
            return True
    return False


def wanders(inst: Instance, body: Convergence, shape: Iteration, env: Env) -> str | None:
    """Why no pass can speak for the claim's own start: at some sample its iterates neither come a millionfold nearer
    the root in LONG steps nor settle elsewhere (from_the_start); None if they do at every sample, or if no start."""
    if shape.start is None:
        return None
    step, info = _compiled(inst, body, shape)
    d = shape.dim
    for idx in range(len(next(iter(env.values()))) if env else 1):
        args = mp_args(inst, env, idx) if env else []
        with mpmath.workdps(CONV_DPS):
            try:
                values = info(*args)
            except _FAILED:
                continue
            root, rest = list(values[:d]), list(values[d:])
            start = [rest[i * d : (i + 1) * d] for i in range(shape.memory)]
            if all(isinstance(v, mpmath.mpf) for v in values) and not _reaches_the_root(step, args, start, root):
                return (
                    f"the iterates from the claim's own start came no millionfold nearer the root in {LONG} steps, "
                    "nor settled elsewhere: the start is not decided (the order near the root is another matter)"
                )
    return None


def from_the_start(inst: Instance, body: Convergence, shape: Iteration, env: Env) -> NumericOutcome | None:
    """A counterexample where the iterates from the claim's own start settle away from the root, at CONV_DPS digits
    and again at twice as many; None if no sample shows it (or the claim gives no start)."""
    if shape.start is None:
        return None
    step, info = _compiled(inst, body, shape)
    count = len(next(iter(env.values()))) if env else 1
    for idx in range(count):
        args = mp_args(inst, env, idx) if env else []
        why = _at(step, info, args, shape, CONV_DPS)
        if why is None or _at(step, info, args, shape, 2 * CONV_DPS) is None:
            continue
        if env and outside_domain(inst, env, idx) is not None:
            continue
        seen = f"{why} {FROM_THE_START}"
        want = f"convergence to the root, order {sp.sstr(body.order)}"
        cx = Counterexample(
            n=inst.claim.n, values=point_values(inst, env, idx) if env else {}, claimed=want, observed=seen,
            relation="=", error=seen, digits=2 * CONV_DPS, note="observed from the iterates of the claim's own start",
        )  # fmt: skip
        ev = NumericEvidence(inst.claim.n, f"mpmath iteration at {CONV_DPS} digits", idx + 1, 1.0, 0.05, escalated=1)
        return NumericOutcome(NumericVerdict.FAIL, ev, cx, f"observed {seen}; claimed {want}")
    return None
