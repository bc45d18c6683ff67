"""The numeric check of a Convergence claim: order and constant from an mpmath iteration.

One-step scalar maps are checked here; maps with memory and vector maps in
:mod:`verifier.numeric.checks.multistep`.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import mpmath
import numpy as np
import sympy as sp

from verifier.language.claims import Convergence
from verifier.language.iteration import Iteration, iteration_of
from verifier.numeric import confirm
from verifier.numeric.batch import Env
from verifier.numeric.checks import basin, definedness
from verifier.numeric.checks.definedness import point_text
from verifier.numeric.checks.multistep import CONV_DPS, FROM_THE_START, MAX_LINEAR_STEPS, check_iteration
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import Settings, mp_args, outside_domain, point_values, sample, state_admits
from verifier.numeric.checks.settling import ORDER_TOL, constant_agrees, order_agrees, order_shown, remaining
from verifier.outcome import Counterexample, NumericEvidence, NumericVerdict
from verifier.trusted.instantiate import Instance


def _iterate(
    step: Callable[[mpmath.mpf], mpmath.mpf], root: mpmath.mpf, start: mpmath.mpf, steps: int = 400
) -> list[mpmath.mpf]:
    """|x_k − root| from the start until the precision's floor, or `steps` (a linear map at rate 1/2 reaches the
    floor in ~330: 40 steps left x/2 + x²'s rate known only to 10⁻¹⁵, and 1/2 + 10⁻¹⁵ was CHECKED, red team 119)."""
    errors, x = [abs(start - root)], start
    floor = mpmath.mpf(10) ** (-(mpmath.mp.dps - 15))
    for _ in range(steps):
        x = step(x)
        e = abs(x - root)
        if not mpmath.isfinite(e):
            break
        errors.append(e)
        if e < floor or e == 0:
            break
    return errors


def _converges(errors: list[mpmath.mpf]) -> bool:
    """The iteration closed in on the root: at least a millionfold smaller error by the end, and the last error the
    least yet. Newton's step for x² − 2 from −10²⁰ (the mirror image of a declared start 10²⁰) halves its error to
    2√2 at −√2 and stays: a millionfold smaller, and its order 'seen' there (≈ 0) REFUTED the true claim."""
    margin = 1 - mpmath.mpf(10) ** (-(mpmath.mp.dps // 4))
    return len(errors) >= 3 and errors[-1] < errors[0] * mpmath.mpf("1e-6") and errors[-1] < min(errors[:-1]) * margin


def _order_and_constant(
    errors: list[mpmath.mpf], order: float, signed: list[mpmath.mpf]
) -> tuple[list[float], mpmath.mpf, mpmath.mpf | None] | None:
    """The orders seen at the last (up to ORDER_HISTORY) usable triples of errors, the last one's constant, and how
    far the constant seen may still be from the limit of those estimates (settling.remaining)."""
    floor = mpmath.mpf(10) ** (-(mpmath.mp.dps - 25))
    usable = [i for i in range(len(errors)) if errors[i] > floor]
    triples = [i for i in usable if i + 2 in usable and errors[i] > errors[i + 1] > errors[i + 2]]
    if not triples:
        return None

    def order_at(i: int) -> float:
        return float(mpmath.log(errors[i + 2] / errors[i + 1]) / mpmath.log(errors[i + 1] / errors[i]))

    def constant(j: int) -> mpmath.mpf:
        return signed[j + 1] / signed[j] ** order if float(order).is_integer() else errors[j + 1] / errors[j] ** order

    estimates = [constant(t + 1) for t in triples[-3:]]
    return [order_at(t) for t in triples[-ORDER_HISTORY:]], estimates[-1], remaining(estimates)


ORDER_HISTORY = 8  # order estimates given to settling.order_agrees: enough to see a wobble turn (red team 130)


NO_VALUE_NOTE = "the claimed root or constant has no real value at"


def beyond_a_proof(cx: Counterexample | None) -> bool:
    """A counterexample that a symbolic proof does not speak to, so no inconsistency: a side undefined or complex
    there (definedness.is_definedness), or an iteration that does not converge from the start the claim names (a
    proof of the order is local: Newton's step on atan has order 3 at 0 and runs away from x₀ = 10)."""
    return definedness.is_definedness(cx) or (cx is not None and cx.observed.endswith(FROM_THE_START))


def check_convergence(inst: Instance, body: Convergence, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    """The claim's own start first (its iterates settle elsewhere: a counterexample), then the order and constant
    near the root; a pass there does not speak for a start whose iterates wander (basin.wanders)."""
    shape = iteration_of(body)
    env = sample(inst, rng, 6, s, corners_ok=False) if inst.symbols else {}
    if (elsewhere := basin.from_the_start(inst, body, shape, env)) is not None:  # the claim's start, not the root's
        return elsewhere
    outcome = _near_the_root(inst, body, shape, env, s)
    if outcome.verdict is NumericVerdict.PASS and (why := basin.wanders(inst, body, shape, env)) is not None:
        return dataclasses.replace(outcome, verdict=NumericVerdict.INCONCLUSIVE, reason=why)
    return outcome


def _near_the_root(inst: Instance, body: Convergence, shape: Iteration, env: Env, s: Settings) -> NumericOutcome:
    if not shape.one_step_scalar:
        return _with_values(
            inst, env, [*shape.root, body.order, body.constant], s, check_iteration(inst, body, shape, env)
        )
    x = shape.items[0][0]
    symbols = list(inst.symbols)
    step_mp = confirm.mp_compile([*symbols, x], [shape.step[0]])
    extra = [shape.root[0], sp.sympify(body.order), sp.sympify(body.constant)]
    start_expr = shape.start[0][0] if shape.start is not None else None
    info_mp = confirm.mp_compile(symbols, extra + ([start_expr] if start_expr is not None else []))
    count = len(next(iter(env.values()))) if env else 1
    seen, admits = _Observed(), state_admits(inst, shape.items)
    for idx, mirror in [(idx, mirror) for idx in range(count) for mirror in (False, True)]:
        # the claim is local: the root is approached from both sides, those the state's declared domain holds
        args = mp_args(inst, env, idx) if env else []
        at = partial(_convergence_at, step_mp, info_mp, args, start_expr is not None, admits, mirror=mirror)
        seen.trial(idx, mirror, at, declared=start_expr is not None and not mirror)
    return _with_values(inst, env, extra, s, seen.outcome(inst, env, count))


def _with_values(inst: Instance, env: Env, claimed: list, s: Settings, outcome: NumericOutcome) -> NumericOutcome:
    """The outcome, unless the claimed root, order or constant has no real value at a sample (1/(2√a) at a = 0),
    which says nothing of the iteration but is not passed over in silence: a note at a special point, an error that
    asks to narrow the domain at a random one (as for every claim with no two sides)."""
    exprs = [e for e in (sp.sympify(c) for c in claimed) if e.free_symbols]
    if not env or not exprs:
        return outcome
    found = definedness.entries_everywhere(inst, env, exprs, s)
    said = found.note.replace(definedness.UNDEFINED_NOTE, NO_VALUE_NOTE)
    return definedness.noted(dataclasses.replace(found, note=said), outcome)


@dataclass
class _Observed:
    """What the iterations from every sampled point showed: the worst order estimate, the confirmed
    failures, the error series of the first point."""

    worst: tuple[float, int, float, str] | None = None  # (gap in order, sample, order seen, constant seen)
    series: dict[str, list[float]] = field(default_factory=dict)
    failures: list[tuple[int, str, str]] = field(default_factory=list)  # (sample, seen, claimed)
    recomputed: int = 0
    informative: set[int] = field(default_factory=set)  # the samples whose iteration said something
    unsettled: list[int] = field(default_factory=list)  # a failure seen from 10⁻³ that nothing nearer confirmed

    def trial(self, idx: int, mirror: bool, observe: Callable[..., tuple | None], declared: bool = False) -> None:
        """One start (or its mirror image across the root), at CONV_DPS digits; a failure is observed again at
        twice the digits, and from a start CLOSER orders of magnitude nearer the root, and stands only if it is
        seen both times: the claim is about the limit, and a start outside the root's basin (x/2 cos 1 + 10⁶x² from
        10⁻³) or where a higher-order term still dominates says nothing about it (helper-72). A pass is observed again
        at twice the digits, where the constant's estimates settle closer: 120 digits hold Newton's constant at √2
        only to 10⁻¹⁷, and 1/(2√2) + 10⁻¹⁸ was CHECKED (red team 119). declared: the start is the claim's own, and
        an iteration that does not converge from it is a failure as it stands (Newton's step on atan from x₀ = 10 was
        looked at again from 10⁻⁵, and PROVED)."""
        verdict, dps = observe(), CONV_DPS
        if verdict is not None and verdict[5] is True and _off_claim(finer := observe(2 * CONV_DPS)):
            verdict, dps = finer, 2 * CONV_DPS
        if verdict is None:
            return
        q_est, c_est, q, c, errors, ok, why = verdict
        if ok is None:  # the constant's estimates still settling, off the claim by more than CONSTANT_TOL
            self.unsettled.append(idx)  # no pass (a rate of 1 for a < 1/2 was CHECKED on the other samples)
            return
        if idx == 0:
            self.series["log10 |e_k|"] = [float(mpmath.log10(e)) if e > 0 else float("nan") for e in errors]
        if not ok:
            self.recomputed += 1
            again, stands = confirm.stands_at_twice_the_digits(observe, _off_claim, dps)
            if not stands and again is not None and again[5] is None:
                self.unsettled.append(idx)  # off at 120 digits, still settling at 240: no pass (Newton of order 1.99)
                return
            diverged = declared and why.startswith("no convergence")
            finer = _nearer(observe) if stands and not diverged else again
            if stands and (finer is None or finer[5] is None):
                self.unsettled.append(idx)  # nothing seen nearer the root: no verdict either way
                return
            if stands and _off_claim(finer):
                self.failures.append(
                    (
                        idx,
                        (why or _seen(q_est, c_est, q))
                        + (" (started on the other side of the root)" if mirror else "")
                        + (f" {FROM_THE_START}" if diverged else ""),
                        f"order {q}, constant {mpmath.nstr(c, 12)}",
                    )
                )
            elif finer is not None:  # the finer estimate stands for this sample
                q_est, c_est = finer[0], finer[1]
        self.informative.add(idx)
        gap = abs(q_est - q)
        if self.worst is None or gap > self.worst[0]:
            self.worst = (gap, idx, q_est, mpmath.nstr(c_est, 12))

    def outcome(self, inst: Instance, env: Env, count: int) -> NumericOutcome:
        worst, series = self.worst, self.series
        checked = len(self.informative)
        ev = NumericEvidence(
            inst.claim.n,
            f"mpmath iteration at {CONV_DPS} digits",
            checked,
            worst[0] if worst else 0.0,
            ORDER_TOL,
            escalated=self.recomputed,
        )
        if worst is None:
            return NumericOutcome(
                NumericVerdict.INCONCLUSIVE,
                ev,
                reason="iteration did not produce three usable errors (diverged or started too far)",
                series=series,
            )
        if self.unsettled and not self.failures:  # a failure seen and not settled is not a pass (helper-73)
            at = point_text(point_values(inst, env, self.unsettled[0])) if env else "the claim's numbers"
            why = f"the iteration disagreed with the claim from 10⁻³ at {at}, and said nothing nearer the root"
            return NumericOutcome(NumericVerdict.INCONCLUSIVE, ev, reason=why, series=series)
        # a failure at a sample not shown, exactly, to lie in the domain (a rounded singular matrix) is no evidence
        failures = [f for f in self.failures if not env or outside_domain(inst, env, f[0]) is None]
        if self.failures and not failures:
            why = "the iteration settled away from the claim only at samples not shown to lie in the domain"
            return NumericOutcome(NumericVerdict.INCONCLUSIVE, ev, reason=why, series=series)
        if failures:
            idx, seen, want = failures[0]
            values = point_values(inst, env, idx) if env else {}
            cx = Counterexample(
                n=inst.claim.n,
                values=values,
                claimed=want,
                observed=seen,
                relation="=",
                error=seen,
                digits=2 * CONV_DPS,
                note="observed from successive errors |e_k| of the iteration",
            )
            return NumericOutcome(NumericVerdict.FAIL, ev, cx, f"observed {seen}; claimed {want}", series=series)
        return NumericOutcome(NumericVerdict.PASS, ev, series=series)


CLOSER = 6  # orders of magnitude nearer the root for a failure's second look, again while the error grows
NEAREST = 90  # orders of magnitude: the nearest start looked from (at 240 digits)



def _seen(q_est: float, c_est: mpmath.mpf, q: float) -> str:
    """The order seen, and the constant where the order is the claimed one: at another order the constant was
    estimated at the claimed order (Newton's order 2 claimed of order 1 showed 'constant ≈ 9.9e-25'), as a multistep
    map's is not shown."""
    if abs(q_est - q) >= ORDER_TOL:
        return f"order ≈ {order_shown(q_est, q)}"
    return f"order ≈ {order_shown(q_est, q)}, constant ≈ {mpmath.nstr(c_est, 12)}"

def _nearer(observe: Callable[..., tuple | None]) -> tuple | None:
    """The failure's second look, at twice the digits from a start CLOSER orders of magnitude nearer the root; while
    the error grows from there ("no convergence"), nearer again, down to NEAREST: a true claim converges from near
    enough (C·x + 10¹²x² from below 10⁻¹³: helper-73), x ↦ 2x from nowhere."""
    seen = None
    for closer in range(CLOSER, NEAREST + 1, CLOSER):
        seen = observe(2 * CONV_DPS, closer=closer)
        if seen is None or not seen[6].startswith("no convergence"):
            return seen
    return seen


def _off_claim(observed: tuple | None) -> bool:
    return observed is not None and observed[5] is False  # None: a constant still settling is not off the claim


def _convergence_at(
    step_mp: Callable[..., list], info_mp: Callable[..., list], args: list, has_start: bool,
    admits: Callable[[list[list]], bool], dps: int = CONV_DPS, mirror: bool = False, closer: int = 0,
) -> tuple | None:  # fmt: skip
    """(order and constant seen, claimed, errors, whether they agree) from the start, or from its mirror
    image across the root (mirror=True), 10^−closer times as far from the root; None where the iteration says
    nothing, or where that start lies outside the state's declared domain and its mirror image inside:
    x/2 + 2(x − |x|) on x ≥ 0 grows from every x < 0 (red team 119)."""
    with mpmath.workdps(dps):
        try:  # the root or the constant undefined at this sample (1/(2√a) at a = 0): the iteration says nothing
            info = info_mp(*args)
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            return None
        root, q, c = info[0], info[1], info[2]
        start = info[3] if has_start else root + _default_distance(root, q, c)
        start = root + (start - root) * mpmath.mpf(10) ** -closer
        start, other = (2 * root - start, start) if mirror else (start, 2 * root - start)
        if _real(start, other) and not admits([[start]]) and admits([[other]]):
            return None
        try:
            errors = _iterate(lambda v: step_mp(*args, v)[0], root, start)
            if has_start and len(errors) > 400 and errors[-1] < min(errors[:-1]):  # still closing in: a far start
                # Newton for x² − 2 from 10²⁰⁰ halves its error ~665 steps, 400 showed 'order ≈ 1': REFUTED
                errors = _iterate(lambda v: step_mp(*args, v)[0], root, start, MAX_LINEAR_STEPS)
            with mpmath.workdps(dps):
                signed_x = [start]
                xv = start
                for _ in range(len(errors) - 1):
                    xv = step_mp(*args, xv)[0]
                    signed_x.append(xv)
                signed = [v - root for v in signed_x]
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            return None
        if (why := _no_convergence(step_mp, args, root, errors)) is not None:
            return 0.0, mpmath.mpf(0), float(q), c, errors, False, why
        if not _converges(errors) or any(mpmath.im(v) != 0 for v in signed):
            return None  # started outside the root's basin (it found another root, or cycles): no evidence
        est = _order_and_constant(errors, float(q), signed)
        if est is None:
            return None
        orders, c_est, left = est
        q_est, order_ok = orders[-1], order_agrees(orders[-1], float(q), orders)
        agrees = constant_agrees(c_est, c, left)
        if agrees is None and order_ok:  # the order is the claim's, the constant's estimates
            return q_est, c_est, float(q), c, errors, None, ""  # still on their way: unsettled, not a pass
        return q_est, c_est, float(q), c, errors, order_ok and bool(agrees), ""


def _real(*values: mpmath.mpf) -> bool:
    return all(isinstance(v, mpmath.mpf) and mpmath.isfinite(v) for v in values)


def _default_distance(root: mpmath.mpf, q: mpmath.mpf, c: mpmath.mpf) -> mpmath.mpf:
    """How far from the root the iteration starts: 10⁻³(1 + |root|), or closer where the claimed leading term
    would not shrink the error there (|C|·e^(q−1) ≥ 1/100): with C = 3·10⁹ and q = 2 a start at 10⁻³ is outside
    the root's basin, and its growing error said "no convergence" of a true claim (a red team's finding). Never
    nearer than halfway (in digits) to where errors stop being usable: order 1.01 with constant 1/2 asked for a start
    at 10⁻¹⁷⁰, and the iteration had nothing to show (UNKNOWN for x ↦ x/2, which is not of order 1.01)."""
    near = mpmath.mpf("1e-3") * (1 + abs(root))
    if mpmath.im(c) != 0 or mpmath.im(q) != 0 or q <= 1 or c == 0:
        return near
    nearest = mpmath.mpf(10) ** (-((mpmath.mp.dps - 25) // 2)) * (1 + abs(root))
    return max(min(near, (100 * abs(c)) ** (-1 / (q - 1))), nearest)


def _no_convergence(step_mp: Callable[..., list], args: list, root: mpmath.mpf, errors: list[mpmath.mpf]) -> str | None:
    """Why the iteration shows the claim false, whatever its order: the root is no fixed point of the step
    (x/2 + 10⁻³⁰ at 0), or the error from a start near the root did not shrink at all (x ↦ 2x); None if
    neither. A start outside the root's basin shrinks its error at first or lands on another root."""
    try:
        moved = step_mp(*args, root)[0]
    except (ZeroDivisionError, ValueError, OverflowError, TypeError):  # Newton's step at a double root: 0/0
        moved = root
    if mpmath.im(moved) == 0 and abs(moved - root) > mpmath.mpf(10) ** (15 - mpmath.mp.dps) * (1 + abs(root)):
        return f"the root is not a fixed point: step(root) − root ≈ {mpmath.nstr(moved - root, 6)}"
    flat = len(errors) >= 3 and errors[0] > 0 and all(b >= a for a, b in itertools.pairwise(errors))
    if flat and errors[-1] >= errors[0]:
        return f"no convergence: the error went from {_shown(errors[0])} to {_shown(errors[-1])}"
    return None


def _shown(error: mpmath.mpf) -> str:
    """An error's size in a few characters: beyond 10¹⁰⁰ (an iteration that ran away: 10^(3·10¹²⁰)), only that."""
    return mpmath.nstr(error, 3) if error < mpmath.mpf(10) ** 100 else "more than 1e+100"
