"""The numeric check of a Limit: the sequence along var → to, in mpmath."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import mpmath
import numpy as np
import sympy as sp

from verifier import confirm
from verifier.checks.resolve import NumericOutcome
from verifier.checks.sampling import Settings, mp_args, point_values, sample
from verifier.claims import Limit
from verifier.instantiate import Instance
from verifier.outcome import Counterexample, NumericEvidence, NumericVerdict


def check_limit(inst: Instance, body: Limit, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    var, to = body.var, sp.sympify(body.to)
    symbols = list(inst.symbols)
    fn = confirm.mp_compile([*symbols, var], [sp.sympify(body.expr)])
    want_fn = confirm.mp_compile(symbols, [sp.sympify(body.equals)])
    env = sample(inst, rng, 8, s, corners_ok=False) if symbols else {}
    count = len(next(iter(env.values()))) if env else 1
    if to in (sp.oo, -sp.oo):
        sign = 1 if to == sp.oo else -1
        points = [mpmath.mpf(sign * 10**j) for j in (2, 3, 4, 6, 8)]
    else:
        a = mpmath.mpf(str(sp.N(to, 60)))
        points = [a + mpmath.mpf(10) ** (-j) for j in (2, 3, 4, 6, 8)]
    worst_gap, failures = 0.0, []
    for idx in range(count):
        args = mp_args(inst, env, idx) if env else []
        result = _limit_at(fn, want_fn, args, points)
        if result is None:
            continue
        gap, stalled = result
        worst_gap = max(worst_gap, gap)
        if stalled:
            observe = partial(_limit_at, fn, want_fn, args, points)
            _, stands = confirm.stands_at_twice_the_digits(observe, _stalled, 50)
            if stands:
                failures.append(idx)
    ev = NumericEvidence(inst.claim.n, "mpmath along var → " + sp.sstr(to), count, worst_gap, 1e-4)
    if failures:
        idx = failures[0]
        args = mp_args(inst, env, idx) if env else []
        with mpmath.workdps(50):
            seen = mpmath.nstr(fn(*args, points[-1])[0], 15)
            want = mpmath.nstr(want_fn(*args)[0], 15)
        values = point_values(inst, env, idx) if env else {}
        cx = Counterexample(
            n=inst.claim.n,
            values=values,
            claimed=want,
            observed=seen,
            relation="=",
            error=f"value at {sp.sstr(var)} = {mpmath.nstr(points[-1], 3)}: {seen}",
            digits=100,
            note="the sequence settles away from the claimed limit",
        )
        return NumericOutcome(NumericVerdict.FAIL, ev, cx, f"settles at {seen}, not {want}")
    if worst_gap > 1e-4:
        return NumericOutcome(
            NumericVerdict.INCONCLUSIVE,
            ev,
            reason=f"still {worst_gap:.3g} away from the claimed limit at the last point",
        )
    return NumericOutcome(NumericVerdict.PASS, ev)


def _stalled(observed: tuple[float, bool] | None) -> bool:
    return observed is not None and observed[1]


def _limit_at(
    fn: Callable[..., list], want_fn: Callable[..., list], args: list, points: Sequence[mpmath.mpf], dps: int = 50
) -> tuple[float, bool] | None:
    with mpmath.workdps(dps):
        try:
            vals = [fn(*args, p)[0] for p in points]
            want = want_fn(*args)[0]
        except (ZeroDivisionError, ValueError, OverflowError):
            return None
        if any(not mpmath.isfinite(v) for v in [*vals, want]):
            return None
        scale = 1 + abs(want)
        gap = float(abs(vals[-1] - want) / scale)
        moving = float(abs(vals[-1] - vals[-2]) / scale)
        stalled = gap > 1e-3 and moving < 1e-3 * gap
        return gap, stalled
