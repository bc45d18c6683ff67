"""The numeric check of a Convergence claim with memory or with a vector iterate.

Both estimate what the claim states from an mpmath iteration at high precision, and a disagreement counts only if it
stands at twice the precision (a longer run, further into the asymptotic regime).

**Superlinear maps with memory** (the secant method). If the error map's leading term is
K·e_k^{a₀}···e_{k−m+1}^{a_{m−1}}, the log errors y_k = log|e_k| obey y_{k+1} = a₀y_k + … + a_{m−1}y_{k−m+1} + log|K| up
to O(e). The order could be read, as for one-step maps, from successive log ratios (they check the fit's); the constant
could not: |e_{k+1}|/|e_k|^q converges only as fast as the other roots of t^m = a₀t^{m−1} + … + a_{m−1} decay ((−1/φ)^k
for the secant method: after the ~8 steps 120 digits allow, 1% off). So the recurrence is fitted to the last 2m + 1 log
errors (exact up to O(e)); q is the largest root of its characteristic polynomial p and log C = log|K|/s(1) with s =
p/(t − q), the limit of y_{k+1} − q·y_k. These runs are a few dozen steps, so they use 300 digits (600 to confirm): the
fit sits 1e-12 or closer to the constant. They start right of the root (left where the domains hold only that side).

**Linear rates** (order 1: vector maps, and maps with memory that converge linearly). The rate is ρ = lim ‖E_k‖^{1/k}
for the error E_k of the whole state (the last m iterates). It is estimated as (‖E_N‖/‖E_{N/2}‖)^{2/N} over the second
half of the run, from two starts (the given one, or a generic point near the root, plus a second generic one on the
other side of the root where the state's declared domains hold it, else on the same side), keeping the larger estimate
(a start with no component along the dominant eigenvector shows a smaller rate). Its uncertainty is the difference
between the two quarters of that half; a rate that has not settled (equal moduli, Jordan blocks) within the run says
nothing, unless the gap is large against 1/N. A run that reaches the precision's floor within 40 steps (a superlinear
map) says nothing. An error that grows from a start the claim gives fails it as it stands.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import mpmath
import sympy as sp

from verifier.language.claims import Convergence
from verifier.language.iteration import Iteration
from verifier.numeric import confirm
from verifier.numeric.batch import Env
from verifier.numeric.checks import settling
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import mp_args, outside_domain, point_values, state_admits
from verifier.numeric.checks.settling import CONSTANT_TOL, ORDER_TOL, constant_agrees, remaining
from verifier.numeric.checks.starts import two_starts
from verifier.outcome import Counterexample, NumericEvidence, NumericVerdict
from verifier.trusted.instantiate import Instance

CONV_DPS = 120
SUPERLINEAR_DPS = 300  # a superlinear run is a few dozen steps: more digits cost little and sharpen the fit
FIT_AGREEMENT = 0.25  # the fitted order must be near the log-ratio one to be trusted
MAX_SUPERLINEAR_STEPS = 60  # from a declared start MAX_LINEAR_STEPS: secant for x² − 2 from 10²⁰ is linear ~100 steps
MAX_LINEAR_STEPS = 5000
DELTA = mpmath.mpf("1e-3")  # distance of the default starts from the root
NEARER = mpmath.mpf("1e-6")  # how much nearer the next starts are, while every run from the last grew
FROM_THE_START = "from the claim's own start"  # ends an iteration's "no convergence" there (convergence.beyond_a_proof)


def _deltas(dps: int) -> list[mpmath.mpf]:
    """The starts' distances from the root: 10⁻³, then 10⁶ times nearer each time, while 30 digits stay above
    the precision's floor."""
    out = [DELTA]
    while out[-1] * NEARER > mpmath.mpf(10) ** (30 - dps):
        out.append(out[-1] * NEARER)
    return out[:16]


@dataclass(frozen=True)
class Estimate:
    """What one run showed against what the claim says."""

    gap: float  # |order seen − order claimed|, or the relative rate gap
    seen: str
    want: str
    ok: bool
    errors: list[mpmath.mpf]
    margin: float  # the worst of the gaps over their acceptance tolerances (at most 1 when ok)
    tolerance: float  # the tolerance `gap` is held to


Estimator = Callable[[list[mpmath.mpf], int], Estimate | None]


@dataclass(frozen=True)
class IterationFns:
    """The step and the claim's numbers, for mpmath at any precision."""

    shape: Iteration
    step: Callable[..., list]
    info: Callable[..., list]  # root entries, order, constant, then the start entries (if given)
    admits: Callable[[list[list]], bool]  # a start in the state's declared domains (a mirrored one may not be)


def compile_iteration(inst: Instance, body: Convergence, shape: Iteration) -> IterationFns:
    symbols = list(inst.symbols)
    step = confirm.mp_compile([*symbols, *shape.symbols], list(shape.step))
    start = [e for item in shape.start for e in item] if shape.start is not None else []
    info = confirm.mp_compile(symbols, [*shape.root, sp.sympify(body.order), sp.sympify(body.constant), *start])
    return IterationFns(shape, step, info, state_admits(inst, shape.items))


# ----------------------------------------------------------------------------- running the map


def _unpack(fns: IterationFns, args: list) -> tuple[list, mpmath.mpf, mpmath.mpf, list[list] | None]:
    """(root entries, order, constant, start iterates newest first or None) at the current precision."""
    d, m = fns.shape.dim, fns.shape.memory
    info = fns.info(*args)
    root, q, c = info[:d], info[d], info[d + 1]
    rest = info[d + 2 :]
    start = [rest[i * d : (i + 1) * d] for i in range(m)] if rest else None
    return root, q, c, start


def _run(
    fns: IterationFns, args: list, start: list[list], root: list, steps: int, floor: mpmath.mpf, newest: bool = False
) -> list:
    """‖error‖ after 0, 1, … steps, until below floor or broken: of the newest iterate, or of the
    whole state (the last m iterates)."""
    state = [list(item) for item in start]

    def norm() -> mpmath.mpf:
        items = state[:1] if newest else state
        return mpmath.sqrt(sum(abs(v - r) ** 2 for item in items for v, r in zip(item, root, strict=True)))

    norms = [norm()]
    for _ in range(steps):
        try:
            new = fns.step(*args, *(v for item in state for v in item))
        except (ZeroDivisionError, ValueError, OverflowError):
            break
        if not all(mpmath.isfinite(v) and mpmath.im(v) == 0 for v in new):
            break  # left the reals (or overflowed): the run ends here
        state = [list(new), *state[:-1]]
        norms.append(norm())
        if norms[-1] < floor:
            break
    return norms


def _converged(errors: Sequence[mpmath.mpf]) -> bool:
    """The iteration closed in on the root: at least a millionfold smaller error by the end."""
    return len(errors) >= 3 and errors[-1] < errors[0] * mpmath.mpf("1e-6")


# ----------------------------------------------------------------------------- superlinear, with memory


def _log_ratio_order(errors: list[mpmath.mpf], floor: mpmath.mpf) -> float | None:
    usable = [i for i in range(len(errors)) if errors[i] > floor]
    triples = [i for i in usable if i + 2 in usable and errors[i] > errors[i + 1] > errors[i + 2]]
    if not triples:
        return None
    i = triples[-1]
    return float(mpmath.log(errors[i + 2] / errors[i + 1]) / mpmath.log(errors[i + 1] / errors[i]))


def fit_recurrence(logs: list[mpmath.mpf], m: int) -> tuple[list[mpmath.mpf], mpmath.mpf] | None:
    """(a, b) with y_{j+1} = Σ a_i y_{j−i} + b on the last m + 1 equations; None if singular."""
    rows = [[logs[j - i] for i in range(m)] + [1] for j in range(len(logs) - m - 2, len(logs) - 1)]
    rhs = [logs[j + 1] for j in range(len(logs) - m - 2, len(logs) - 1)]
    try:
        sol = mpmath.lu_solve(mpmath.matrix(rows), mpmath.matrix(rhs))
    except ZeroDivisionError:
        return None
    return [sol[i] for i in range(m)], sol[m]


def constant_from_fit(a: list[mpmath.mpf], b: mpmath.mpf) -> tuple[mpmath.mpf, mpmath.mpf] | None:
    """(q, C): q the largest real root of t^m − Σ a_i t^{m−1−i}, log C = b/s(1), s = p/(t − q)."""
    coeffs = [mpmath.mpf(1), *(-ai for ai in a)]
    try:
        roots = mpmath.polyroots(coeffs, maxsteps=200, extraprec=2 * mpmath.mp.prec)
    except mpmath.libmp.NoConvergence:
        return None
    real = [mpmath.re(r) for r in roots if abs(mpmath.im(r)) <= mpmath.mpf(10) ** (-mpmath.mp.dps // 2)]
    if not real:
        return None
    q = max(real)
    s = [coeffs[0]]
    for c in coeffs[1:-1]:
        s.append(c + q * s[-1])
    s1 = mpmath.fsum(s)
    if s1 == 0:
        return None
    return q, mpmath.exp(b / s1)


def _fitted(tail: list[mpmath.mpf], m: int) -> tuple[mpmath.mpf, mpmath.mpf] | None:
    """(order, constant) of the recurrence fitted to the last 2m + 1 log-errors of tail, or None."""
    fit = fit_recurrence(tail[-(2 * m + 1) :], m) if len(tail) >= 2 * m + 1 else None
    return constant_from_fit(*fit) if fit is not None else None


def _superlinear_start(r: mpmath.mpf, m: int, admits: Callable[[list[list]], bool]) -> list[list]:
    """m iterates right of the root, or left of it where only that side lies in the state's declared domains:
    −x_k·x_(k−1) + 2(x_k + |x_k|)·x_(k−1) on [−1, 0] is 3·x_k·x_(k−1) right of 0, whose constant is not the claim's
    (red team 119)."""
    step = DELTA * (1 + abs(r))
    right, left = ([[r + side * step * (1 + mpmath.mpf("0.7") * i)] for i in range(m)] for side in (1, -1))
    if not isinstance(r, mpmath.mpf) or admits(right) or not admits(left):
        return right
    return left


def superlinear_estimator(fns: IterationFns) -> Estimator:
    m = fns.shape.memory

    def estimate(args: list, dps: int) -> Estimate | None:
        with mpmath.workdps(dps):
            root, q, c, start = _unpack(fns, args)
            r, steps = root[0], MAX_SUPERLINEAR_STEPS if start is None else MAX_LINEAR_STEPS  # a start may be far
            start = start or _superlinear_start(r, m, fns.admits)
            errors = [abs(item[0] - r) for item in reversed(start)]
            floor = mpmath.mpf(10) ** (-(dps - 15))
            errors += _run(fns, args, start, root, steps, floor, newest=True)[1:]
            if not _converged(errors):
                return None  # outside the root's basin: no evidence
            usable = mpmath.mpf(10) ** (-(dps - 25))
            q_ratio = _log_ratio_order(errors, usable)
            if q_ratio is None:
                return None
            tail = [mpmath.log(e) for e in errors if e > usable]
            fits = [_fitted(tail[: len(tail) - back], m) for back in (2, 1, 0)]  # the last three windows
            found = fits[-1]
            if found is not None and abs(found[0] - q_ratio) >= FIT_AGREEMENT:
                found = None  # the errors do not follow a monomial leading term
            q_seen = float(found[0]) if found is not None else q_ratio
            want = f"order {mpmath.nstr(q, 6)}, constant {mpmath.nstr(c, 12)}"
            order_gap, orders = abs(q_seen - float(q)), [float(f[0]) for f in fits if f is not None]
            if not settling.order_agrees(q_seen, float(q), orders if found is not None and len(orders) == 3 else []):
                seen = f"order ≈ {settling.order_shown(q_seen, float(q))}"
                return Estimate(order_gap, seen, want, False, errors, order_gap / ORDER_TOL, ORDER_TOL)
            if found is None:
                return None  # the order agrees, but there is no word on the constant
            c_seen = found[1]
            left = remaining([f[1] for f in fits]) if all(f is not None for f in fits) else None  # type: ignore[index]
            if (agrees := constant_agrees(c_seen, c, left)) is None:
                return None  # the fits still move too slowly to say where the constant ends
            constant_margin = float(abs(c_seen - c) / (CONSTANT_TOL * (abs(c) + mpmath.mpf("1e-30"))))
            margin = max(order_gap / ORDER_TOL, constant_margin)
            seen = f"order ≈ {q_seen:.6g}, constant ≈ {mpmath.nstr(c_seen, 12)}"
            return Estimate(order_gap, seen, want, agrees, errors, margin, ORDER_TOL)

    return estimate


# ----------------------------------------------------------------------------- linear rates


def _window_rate(norms: list, lo: int, hi: int) -> mpmath.mpf:
    if norms[hi] == 0:
        return mpmath.mpf(0)
    return (norms[hi] / norms[lo]) ** (mpmath.mpf(1) / (hi - lo))


def _rate_of(norms: list) -> tuple[mpmath.mpf, mpmath.mpf, int] | None:
    """(ρ over the second half of the run, its uncertainty, N); None if too short or not converging."""
    if norms[-1] == 0:  # finitely many steps to the root
        return mpmath.mpf(0), mpmath.mpf(0), len(norms) - 1
    n = len(norms) - 1
    if n < 40 or not _converged(norms):
        return None
    rho = _window_rate(norms, n // 2, n)
    spread = abs(_window_rate(norms, (3 * n) // 4, n) - _window_rate(norms, n // 2, (3 * n) // 4))
    return rho, spread, n


def linear_estimator(fns: IterationFns) -> Estimator:
    def estimate(args: list, dps: int) -> Estimate | None:
        with mpmath.workdps(dps):
            root, _, c, start = _unpack(fns, args)
            floor = mpmath.mpf(10) ** (-(dps - 20)) * (1 + max(abs(r) for r in root))
            steps = MAX_LINEAR_STEPS * dps // CONV_DPS
            rated, grew, declared = _nearer_while_growing(fns, args, start, root, (steps, floor))
            if grew is not None:  # grown from starts down to 10⁻⁹⁰: x/2 + 10⁶x² converges from 10⁻⁹ (helper-72, -73)
                return _diverged(grew, c, declared)
            if not rated:
                return None  # too slow, or not converging
            norms, (rho, spread, n) = max(rated, key=lambda item: item[1][0])
            scale = max(abs(rho), abs(c), mpmath.mpf("1e-30"))
            gap, tol = abs(rho - c) / scale, settling.rate_tolerance(spread / scale)
            if settling.within_transient(gap, tol, spread / scale, n):
                return None  # within the run's own transient: no evidence either way
            seen = f"rate ≈ {mpmath.nstr(rho, 12)} (over {n} steps)"
            want = f"rate {mpmath.nstr(c, 12)}"
            return Estimate(float(gap), seen, want, gap <= tol, norms, float(gap / tol), float(tol))

    return estimate


def _nearer_while_growing(
    fns: IterationFns, args: list, start: list[list] | None, root: list, run: tuple[int, mpmath.mpf]
) -> tuple[list[tuple[list, tuple]], list | None, bool]:
    """The rated runs from two starts on opposite sides of the root where the state's domains allow (acot x at 0 throws
    one side away), nearer by NEARER while one grew (at once the nearest once the other converged); the norms of a
    generic start that grew down to the nearest, or of the claim's own start that grew (None: none did); and which."""
    m, (steps, floor) = fns.shape.memory, run
    rated: list[tuple[list, tuple]] = []
    again = [0, 1]  # the starts run again nearer: those that grew (a start the claim gives only once)
    deltas = _deltas(mpmath.mp.dps)
    farther = iter(deltas)
    while True:
        delta = deltas[-1] if rated else next(farther)
        first, second = two_starts(root, m, delta, fns.admits)
        starts = [start or first, second]
        runs = {i: _run(fns, args, starts[i], root, steps, floor) for i in again}
        if start is not None and 0 in runs and _grew(runs[0]):
            return rated, runs[0], True  # from the claim's own start: a failure as it stands
        rated = rated or [(norms, rate) for norms in runs.values() if (rate := _rate_of(norms)) is not None]
        again = [i for i, norms in runs.items() if _grew(norms) and (i == 1 or start is None)]
        if not again or delta == deltas[-1]:
            return rated, runs[again[0]] if again else None, False


def _grew(norms: list) -> bool:
    """The error never shrank in the whole run, and ended no smaller than it began (x ↦ 2x): no convergence.
    A map that converges after a transient growth (a non-normal Jacobian) shrinks at some step."""
    return len(norms) >= 3 and norms[0] > 0 and all(b >= a for a, b in itertools.pairwise(norms))


def _diverged(norms: list, c: mpmath.mpf, declared: bool) -> Estimate:
    went = [mpmath.nstr(v, 3) if v < mpmath.mpf(10) ** 100 else "more than 1e+100" for v in (norms[0], norms[-1])]
    seen = f"no convergence: the error went from {went[0]} to {went[1]}" + (f" {FROM_THE_START}" if declared else "")
    return Estimate(1.0, seen, f"rate {mpmath.nstr(c, 12)}", False, norms, 1 / float(CONSTANT_TOL), float(CONSTANT_TOL))


# ----------------------------------------------------------------------------- the check


def _off_claim(observed: Estimate | None) -> bool:
    return observed is not None and not observed.ok


def check_iteration(inst: Instance, body: Convergence, shape: Iteration, env: Env) -> NumericOutcome:
    """Order and constant (or linear rate) of a map with memory or a vector map, at the samples env."""
    fns = compile_iteration(inst, body, shape)
    linear = sp.sympify(body.order) == 1
    estimate = linear_estimator(fns) if linear else superlinear_estimator(fns)
    dps = CONV_DPS if linear else SUPERLINEAR_DPS
    count = len(next(iter(env.values()))) if env else 1
    seen: list[tuple[int, Estimate]] = []
    failures: list[tuple[int, Estimate]] = []
    recomputed = 0
    for idx in range(count):
        args = mp_args(inst, env, idx) if env else []
        try:
            est = estimate(args, dps)
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):  # no root or constant here: see _with_values
            est = None
        if est is not None and not est.ok:
            recomputed += 1
            again, stands = confirm.stands_at_twice_the_digits(partial(estimate, args), _off_claim, dps)
            if again is None:
                continue  # the finer run says nothing: neither evidence nor counterexample
            if stands and env and outside_domain(inst, env, idx) is not None:
                continue  # a sample not shown, exactly, to lie in the domain (a rounded singular matrix): no evidence
            if stands:
                failures.append((idx, again))
            est = again
        if est is not None:
            seen.append((idx, est))
        if failures:
            break  # one confirmed counterexample decides; the other samples cannot undo it
    kind = "rate from ‖e_k‖ over the run, 2 starts" if linear else f"log-error fit over {shape.memory} iterates"
    worst = max((e for _, e in seen), key=lambda e: e.gap, default=None)
    method = f"mpmath iteration at {dps} digits ({kind})"
    ev = NumericEvidence(
        inst.claim.n,
        method,
        len(seen),
        worst.gap if worst else 0.0,
        worst.tolerance if worst else ORDER_TOL,
        escalated=recomputed,
        unrecomputed_margin=max((e.margin for _, e in seen), default=0.0),
    )
    series = {"log10 ‖e_k‖": [_log10(e) for e in seen[0][1].errors]} if seen else {}
    if not seen:
        why = "iteration did not produce usable errors (diverged, too slow, or started too far)"
        return NumericOutcome(NumericVerdict.INCONCLUSIVE, ev, reason=why, series=series)
    if failures:
        return _failed(inst, env, failures[0], 2 * dps, ev, series)
    return NumericOutcome(NumericVerdict.PASS, ev, series=series)


def _failed(
    inst: Instance, env: dict, failure: tuple[int, Estimate], digits: int, ev: NumericEvidence, series: dict
) -> NumericOutcome:
    """The counterexample at the failing sample, confirmed at `digits`."""
    idx, bad = failure
    values = point_values(inst, env, idx) if env else {}
    note = "observed from successive errors of the iteration"
    cx = Counterexample(
        n=inst.claim.n, values=values, claimed=bad.want, observed=bad.seen, relation="=", error=bad.seen,
        digits=digits, note=note,
    )  # fmt: skip
    return NumericOutcome(NumericVerdict.FAIL, ev, cx, f"observed {bad.seen}; claimed {bad.want}", series=series)


def _log10(e: mpmath.mpf) -> float:
    return float(mpmath.log10(e)) if e > 0 else float("nan")
