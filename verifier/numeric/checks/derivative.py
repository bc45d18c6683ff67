"""The numeric check of a Derivative: directional derivatives (complex step or Richardson) and Hessians."""

from __future__ import annotations

from collections.abc import Callable

import mpmath
import numpy as np
import sympy as sp
from flint import arb

from verifier.language.claims import Derivative
from verifier.numeric import balls, confirm
from verifier.numeric import batch as numeric
from verifier.numeric.batch import Env
from verifier.numeric.checks import cancelled, definedness, poles, switch_slopes, written
from verifier.numeric.checks.definedness import Finding
from verifier.numeric.checks.resolve import NumericOutcome, evidence, opaque_outcome, resolve
from verifier.numeric.checks.sampling import ExactSample, Settings, sample
from verifier.numeric.confirm import Confirmation, Decision
from verifier.trusted.instantiate import Instance
from verifier.trusted.obligations import jacobian_layout


def check_derivative(inst: Instance, body: Derivative, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    f, wrt, claimed = jacobian_layout(body)
    analytic = numeric.is_analytic(f)
    if body.order == 2:
        return _check_hessian(inst, f[0], wrt, claimed, rng, s, analytic)
    fn_f = numeric.compiled(inst.symbols, f)
    fn_d = numeric.compiled(inst.symbols, list(claimed) + [numeric.magnitude(e) for e in claimed])
    env = sample(inst, rng, s.samples, s)
    n_out, n_in = claimed.shape
    size = n_out * n_in
    dirs = numeric.basis_or_random(n_in, rng, limit=64, random_count=16)

    def both(e: Env) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        if analytic:
            ref = numeric.directional_complex_step(fn_f, e, wrt, dirs)
            err = np.zeros_like(ref)
        else:
            ref, err = numeric.directional_richardson(fn_f, e, wrt, dirs)
        values = fn_d(e)  # complex kept: d/dx x² = 2x + i must not pass on its real part
        jac = values[:, :size].reshape(-1, n_out, n_in)
        sizes = np.abs(values[:, size:]).reshape(-1, n_out, n_in)
        return np.einsum("koi,di->kdo", jac, dirs), ref, err, np.einsum("koi,di->kdo", sizes, np.abs(dirs))

    got, ref, err, terms = both(env)
    underflowed = fn_f.underflowed or fn_d.underflowed
    got2, ref2, _, _ = both(numeric.perturbed(env, rng))
    k = got.shape[0]
    cmp = numeric.compare(
        got.reshape(k, -1),
        ref.reshape(k, -1),
        got2.reshape(k, -1),
        ref2.reshape(k, -1),
        extra_tol=10 * err.reshape(k, -1),
        terms=terms.reshape(k, -1),
    )
    numeric.blinded(cmp, underflowed, [fn_f, fn_d], env)  # ∂(abc)/∂a = 2bc near 10⁻¹⁷⁰: 0 against 0 in floats
    method = ("complex step" if analytic else "central differences + Richardson") + (
        f", {len(dirs)} directions" if n_in > 1 else ""
    )
    if numeric.has_opaque(f + list(claimed)):
        return opaque_outcome(inst, cmp, method)
    found = _defined(inst, env, f, claimed, s)
    if found.counterexample is not None:
        return definedness.refuted(found, evidence(inst, method, cmp, 0))
    decide_at = _decider(inst, env, f, claimed, wrt, dirs, np.abs(got - ref), analytic)
    outcome = definedness.noted(found, resolve(inst, env, cmp, method, decide_at))
    return cancelled.unless_undecided(
        inst, (f, list(claimed)), outcome, s.points is None, ("f", "the claimed derivative")
    )


def _defined(inst: Instance, env: Env, f: list[sp.Expr], claimed: sp.ImmutableMatrix, s: Settings) -> Finding:
    """f and its claimed derivative have real values at every point of the domain (√x on ℝ does not: the
    claim is then an error that asks to narrow the domain), and a point found exactly where f has a value and
    the claimed derivative has none (1/(2√x) at 0) refutes it, as does one where a case switches and the
    claimed slope is not f′ there (switch_slopes)."""
    found = definedness.entries_everywhere(inst, env, [*f, *claimed], s)
    if found.counterexample is None and (s.points is None or s.premise is not None):  # a premise: where it holds
        pole = poles.probe(inst, (f, list(claimed)), s.premise)
        if pole.counterexample is not None:
            return pole
    if (
        found.counterexample is None
        and s.points is None
        and (at := switch_slopes.probe(inst, f, claimed)).counterexample
    ):
        return at  # a point where a case switches and the claimed slope is wrong: mpmath's derivative straddles it
    return written.refined(inst, env, (f, list(claimed)), s, found, names=written.DERIVATIVE)  # det(A)·(A⁻¹)₁₁


def _decider(
    inst: Instance,
    env: Env,
    f: list[sp.Expr],
    claimed: sp.ImmutableMatrix,
    wrt: list[sp.Symbol],
    dirs: np.ndarray,
    diff: np.ndarray,
    analytic: bool,
) -> Callable[[int], Confirmation]:
    """The high-precision decision at one sample: the claimed derivative along the direction and output
    entry with the largest float gap there, against mpmath's derivative of f along that direction."""
    n_in = claimed.shape[1]
    mp_f = confirm.mp_compile(inst.symbols, f)
    mp_d = confirm.mp_compile(inst.symbols, list(claimed))
    ball_f, ball_d = balls.BallEvaluator(inst.symbols, f), balls.BallEvaluator(inst.symbols, list(claimed))
    positions = [inst.symbols.index(w) for w in wrt]

    def decide_at(idx: int) -> Confirmation:
        d, o = (int(i) for i in np.unravel_index(int(np.argmax(diff[idx])), diff[idx].shape))
        v = [mpmath.mpf(float(x)) for x in dirs[d]]
        at = ExactSample(inst, env, idx)

        used = [i for i in range(n_in) if v[i] != 0]

        def sides() -> tuple[list, list]:
            base = at.mp
            row = mp_d.entries(base, [o * n_in + i for i in used])
            claimed_v = mpmath.fsum(value * v[i] for value, i in zip(row, used, strict=True))

            def along(t: mpmath.mpf) -> mpmath.mpf:
                moved = list(base)
                for i, p in enumerate(positions):
                    moved[p] = moved[p] + t * v[i]
                return mp_f.entries(moved, [o])[0]

            return [claimed_v], [mpmath.diff(along, 0)]

        def enclosed() -> tuple[list, list, arb]:
            point = at.balls()
            row = ball_d.entries(point, [o * n_in + i for i in used])
            claimed_v = sum((value * arb(float(dirs[d][i])) for value, i in zip(row, used, strict=True)), arb(0))
            slopes = dict(zip(positions, (arb(float(x)) for x in dirs[d]), strict=True))
            along = [balls.line(p, slopes.get(k, arb(0)), 1) for k, p in enumerate(point)]
            derivative = balls.coefficient(ball_f.entries(along, [o])[0], 1)
            return [claimed_v], [derivative], _largest(ball_f.entries(point, range(len(f))))

        if not analytic and _kink(lambda t: mp_f.entries(_moved(at.mp, positions, v, t), [o])[0]):
            kink = "not differentiable here (one-sided derivatives differ)"
            return Confirmation(Decision.NO_EVIDENCE, "", "", kink, 0)
        certified = enclosed if analytic else None
        return confirm.decide(sides, floor=lambda: max(abs(v) for v in mp_f(*at.mp)), balls=certified)

    return decide_at


def _check_hessian(
    inst: Instance,
    f: sp.Expr,
    wrt: list[sp.Symbol],
    claimed: sp.ImmutableMatrix,
    rng: np.random.Generator,
    s: Settings,
    analytic: bool,
) -> NumericOutcome:
    fn_f = numeric.compiled(inst.symbols, [f])
    fn_h = numeric.compiled(inst.symbols, list(claimed) + [numeric.magnitude(e) for e in claimed])
    n = len(wrt)
    u, v = numeric.hessian_pairs(n, rng)  # each pair compared both ways, uᵀHv and vᵀHu: every entry of H
    env = sample(inst, rng, max(20, s.samples // 4), s)

    def both(e: Env) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        values = fn_h(e)  # complex kept, as for the gradient
        h = values[:, : n * n].reshape(-1, n, n)
        sizes = np.abs(values[:, n * n :]).reshape(-1, n, n)
        got = np.concatenate([np.einsum("pi,kij,pj->kp", a, h, b) for a, b in ((u, v), (v, u))], axis=1)
        ref, err = numeric.second_directional(fn_f, e, wrt, (u, v), analytic)
        terms = [np.einsum("pi,kij,pj->kp", np.abs(a), sizes, np.abs(b)) for a, b in ((u, v), (v, u))]
        return got, np.tile(ref, 2), np.tile(err, 2), np.concatenate(terms, axis=1)

    got, ref, err, terms = both(env)
    underflowed = fn_f.underflowed or fn_h.underflowed
    got2, ref2, _, _ = both(numeric.perturbed(env, rng))
    cmp = numeric.compare(got, ref, got2, ref2, extra_tol=10 * err, terms=terms)
    numeric.blinded(cmp, underflowed, [fn_f, fn_h], env)
    method = ("complex step" if analytic else "central differences") + " + Richardson, " + f"{len(u)} direction pairs"
    if numeric.has_opaque([f, *claimed]):
        return opaque_outcome(inst, cmp, method)
    found = _defined(inst, env, [f], claimed, s)
    if found.counterexample is not None:
        return definedness.refuted(found, evidence(inst, method, cmp, 0))
    decide_at = _hessian_decider(inst, env, f, claimed, wrt, (u, v), np.abs(got - ref), analytic)
    return definedness.noted(found, resolve(inst, env, cmp, method, decide_at))


def _hessian_decider(
    inst: Instance,
    env: Env,
    f: sp.Expr,
    claimed: sp.ImmutableMatrix,
    wrt: list[sp.Symbol],
    pairs: tuple[np.ndarray, np.ndarray],
    diff: np.ndarray,
    analytic: bool,
) -> Callable[[int], Confirmation]:
    """The high-precision decision at one sample: uᵀHv for the direction pair with the largest float gap there,
    against the mixed derivative of f along u and v (mpmath's, or arb's series where it decides)."""
    mp_f = confirm.mp_compile(inst.symbols, [f])
    mp_h = confirm.mp_compile(inst.symbols, list(claimed))
    ball_f, ball_h = balls.BallEvaluator(inst.symbols, [f]), balls.BallEvaluator(inst.symbols, list(claimed))
    positions = [inst.symbols.index(w) for w in wrt]
    u, v = pairs
    n = len(wrt)

    def decide_at(idx: int) -> Confirmation:
        mirrored, p = divmod(int(np.argmax(diff[idx])), len(u))  # the second half compares vᵀHu: H's other triangle
        first, second = (v, u) if mirrored else (u, v)
        uu = [mpmath.mpf(float(x)) for x in first[p]]
        vv = [mpmath.mpf(float(x)) for x in second[p]]
        at = ExactSample(inst, env, idx)

        cells = [(i, j) for i in range(n) for j in range(n) if uu[i] != 0 and vv[j] != 0]

        def sides() -> tuple[list, list]:
            base = at.mp
            h = mp_h.entries(base, [i * n + j for i, j in cells])
            quad = mpmath.fsum(uu[i] * value * vv[j] for value, (i, j) in zip(h, cells, strict=True))

            def moved_by(a: mpmath.mpf, b: mpmath.mpf) -> mpmath.mpf:
                moved = list(base)
                for i, q in enumerate(positions):
                    moved[q] = moved[q] + a * uu[i] + b * vv[i]
                return mp_f(*moved)[0]

            return [quad], [mpmath.diff(moved_by, (0, 0), (1, 1))]

        def enclosed() -> tuple[list, list, arb]:
            point = at.balls()
            h = ball_h.entries(point, [i * n + j for i, j in cells])
            a, b = [arb(float(x)) for x in first[p]], [arb(float(x)) for x in second[p]]
            quad = sum((a[i] * value * b[j] for value, (i, j) in zip(h, cells, strict=True)), arb(0))
            c2 = [_second_coefficient(ball_f, point, positions, [x + sign * y for x, y in zip(a, b, strict=True)])
                  for sign in (1, -1)]  # fmt: skip
            return [quad], [(c2[0] - c2[1]) / 2], _largest(ball_f.entries(point, [0]))

        if not analytic and _hessian_kink(lambda point: mp_f(*point)[0], at.mp, positions, uu, vv):
            kink = "not twice differentiable here (one-sided derivatives of f or of its slope differ)"
            return Confirmation(Decision.NO_EVIDENCE, "", "", kink, 0)
        certified = enclosed if analytic else None
        return confirm.decide(sides, floor=lambda: abs(mp_f(*at.mp)[0]), balls=certified)

    return decide_at


def _second_coefficient(fn: balls.BallEvaluator, point: list[arb], positions: list[int], w: list[arb]) -> arb:
    """The t² coefficient of f(point + t·w): wᵀHw/2."""
    slopes = dict(zip(positions, w, strict=True))
    along = [balls.line(p, slopes.get(k, arb(0)), 2) for k, p in enumerate(point)]
    return balls.coefficient(fn.entries(along, [0])[0], 2)


def _largest(values: list[arb]) -> arb:
    """The value of largest magnitude: the floor below which a derivative's gap means nothing."""
    return max(values, key=lambda v: v.abs_upper())


def _moved(base: list[mpmath.mpf], positions: list[int], v: list[mpmath.mpf], t: mpmath.mpf) -> list[mpmath.mpf]:
    moved = list(base)
    for i, p in enumerate(positions):
        moved[p] = moved[p] + t * v[i]
    return moved


def _hessian_kink(
    f_at: Callable[[list[mpmath.mpf]], mpmath.mpf],
    base: list[mpmath.mpf],
    positions: list[int],
    u: list[mpmath.mpf],
    v: list[mpmath.mpf],
) -> bool:
    """f has no second derivative at base in the plane of u and v, by the first-order rule (`_kink`) applied to f
    along u and v, and to its slopes along u and v: f' = 2·max(x, 0) of max(x, 0)² has a kink at 0, where a
    central difference averages the one-sided values (1, neither 0 nor 2). A Hessian claim says nothing there."""
    lines = [u] if u == v else [u, v]

    def f_along(b: list[mpmath.mpf]) -> Callable[[mpmath.mpf], mpmath.mpf]:
        return lambda t: f_at(_moved(base, positions, b, t))

    def slope_along(a: list[mpmath.mpf], b: list[mpmath.mpf]) -> Callable[[mpmath.mpf], mpmath.mpf]:
        """t ↦ the derivative of f along a at base + t·b."""
        return lambda t: mpmath.diff(lambda s: f_at(_moved(_moved(base, positions, b, t), positions, a, s)), 0)

    if any(_kink(f_along(b)) for b in lines):
        return True
    return any(_kink(slope_along(a, b)) for i, a in enumerate(lines) for b in lines[i:])


def _kink(along: Callable[[mpmath.mpf], mpmath.mpf]) -> bool:
    """The function is not differentiable at t = 0 along this direction: its one-sided
    derivatives differ (a kink of Abs, Max, a Piecewise boundary). A claimed derivative
    cannot be refuted there, so such a sample is no evidence either way."""
    with mpmath.workdps(60):
        try:
            right = mpmath.diff(along, 0, direction=1)
            left = mpmath.diff(along, 0, direction=-1)
        except (ZeroDivisionError, ValueError, TypeError):
            return False
        return bool(abs(right - left) > mpmath.mpf(10) ** -20 * (1 + abs(right) + abs(left)))
