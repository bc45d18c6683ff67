"""The numeric spot check of each claim kind, with high-precision confirmation.

Each check samples the claim's domains, evaluates both sides in one vectorised batch,
and nominates suspects beyond the round-off tolerance. Suspects are re-evaluated in
mpmath (see :mod:`verifier.confirm`); only a confirmed one becomes a counterexample.
NaN and infinite samples carry no information: they are skipped and counted.

Every check returns a :class:`NumericOutcome`: pass, fail (with a confirmed
counterexample) or inconclusive (with the reason).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp

from verifier import confirm, generic, numeric
from verifier.claims import PSD, Convergence, Derivative, Expectation, Identity, Inequality, Limit
from verifier.confirm import Confirmation, Decision
from verifier.domains import Orthogonal
from verifier.instantiate import ClaimError, Instance, as_matrix, expressions, instantiate
from verifier.numeric import Comparison, Compiled, Env
from verifier.obligations import expectation_by_moments, jacobian_layout
from verifier.outcome import Counterexample, NumericEvidence

MAX_CONFIRMATIONS = 64


@dataclass(frozen=True)
class Settings:
    seed: int = 0
    samples: int = 200
    corner_fraction: float = 0.1
    points: Env | None = None  # check exactly these points instead of sampling (used by the shrinker)


@dataclass
class NumericOutcome:
    verdict: str  # "pass", "fail" or "inconclusive"
    evidence: NumericEvidence
    counterexample: Counterexample | None = None
    reason: str = ""
    series: dict[str, list[float]] | None = None


# ----------------------------------------------------------------------------- sampling


def sample(inst: Instance, rng: np.random.Generator, k: int, s: Settings, corners_ok: bool = True) -> Env:
    """K points from the claim's domains (10% from ill-conditioned corners), or the given points."""
    if s.points is not None:
        return s.points
    corners = round(k * s.corner_fraction) if corners_ok else 0
    plain = numeric.draw(inst.given, rng, k - corners)
    if corners == 0 or not inst.given:
        return plain
    return numeric.concat([plain, numeric.draw(inst.given, rng, corners, corners=True)])


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


def _args(inst: Instance, env: Env, idx: int) -> list[mpmath.mpf]:
    """The sample as exact mpmath numbers, with the domain's relations imposed exactly.

    Floats cannot make Σy = 1 hold exactly; the high-precision check must see a point
    that really lies in the domain, or round-off in the sample would look like a
    counterexample. Related entries are computed from exact rationals at 250 digits.
    """
    args = confirm.exact_args([env[s][idx] for s in inst.symbols])
    position = {s: i for i, s in enumerate(inst.symbols)}
    for g in inst.given:  # float samples are orthogonal to ~1e-16 only; make them exactly so
        if isinstance(g.domain, Orthogonal):
            cells = [position[e] for e in g.target]
            with mpmath.workdps(250):
                q = _orthonormalise([args[c] for c in cells], g.target.rows, g.target.cols)
            for c, value in zip(cells, q, strict=True):
                args[c] = value
    for sym, expr in inst.relations:
        exact = {k: sp.Rational(float(env[k][idx])) for k in expr.free_symbols if k in env}
        value = sp.Rational(expr.xreplace(exact))
        with mpmath.workdps(250):
            args[position[sym]] = mpmath.mpf(value.p) / value.q
    return args


def _orthonormalise(values: list[mpmath.mpf], rows: int, cols_count: int) -> list[mpmath.mpf]:
    """Gram–Schmidt on the columns of a row-major matrix, at the current precision; row-major Q."""
    n = rows
    cols = [[values[i * cols_count + j] for i in range(n)] for j in range(cols_count)]
    basis: list[list[mpmath.mpf]] = []
    for col in cols:
        v = list(col)
        for b in basis:
            dot = mpmath.fsum(x * y for x, y in zip(v, b, strict=True))
            v = [x - dot * y for x, y in zip(v, b, strict=True)]
        norm = mpmath.sqrt(mpmath.fsum(x * x for x in v))
        basis.append([x / norm for x in v])
    return [basis[j][i] for i in range(n) for j in range(cols_count)]


def _exact_point(inst: Instance, env: Env, idx: int) -> dict[sp.Symbol, sp.Rational]:
    """The sample as exact rationals, with the domain's relations imposed exactly."""
    point = {s: sp.Rational(float(env[s][idx])) for s in inst.symbols}
    for sym, expr in inst.relations:
        point[sym] = sp.Rational(expr.xreplace(point))
    return point


def _exact_rational(expr: sp.Expr, point: dict[sp.Symbol, sp.Rational]) -> sp.Rational | None:
    """expr at a rational point, if it is exactly rational there (no transcendental parts)."""
    if expr.atoms(sp.Function) or any(not p.exp.is_Integer for p in expr.atoms(sp.Pow)):
        return None
    value = expr.xreplace(point)
    return value if isinstance(value, sp.Rational) else None


def _exact_confirmation(gap: sp.Rational, strict: bool) -> Confirmation:
    text = str(gap)
    violated = gap <= 0 if strict else gap < 0
    return Confirmation(Decision.CONFIRMED if violated else Decision.NOISE, text, "0", text, float(gap))


def _evidence(inst: Instance, method: str, cmp: Comparison, escalated: int, note: str = "") -> NumericEvidence:
    skipped = int((~cmp.valid).sum())
    suspects = len(cmp.suspects)
    return NumericEvidence(
        n=inst.claim.n,
        method=method,
        samples=int(cmp.valid.sum()),
        max_error=_finite(cmp.worst_relative()),
        tolerance=_finite(cmp.typical_tolerance()),
        escalated=escalated,
        skipped=skipped,
        note=note,
        float_margin=_finite(cmp.worst_margin()),
        unescalated=max(0, suspects - escalated),
        residual=_finite(cmp.worst_margin()),
    )


def _finite(x: float) -> float:
    return x if math.isfinite(x) else 0.0


def _spread(suspects: np.ndarray, count: int) -> list[int]:
    """The worst suspects first, then others spread evenly over the rest of the list."""
    if len(suspects) <= count:
        return [int(i) for i in suspects]
    head = count // 2
    rest = suspects[head:]
    picks = np.linspace(0, len(rest) - 1, count - head).round().astype(int)
    return [int(i) for i in suspects[:head]] + [int(rest[j]) for j in dict.fromkeys(picks)]


def _resolve(
    inst: Instance, env: Env, cmp: Comparison, method: str, decide_at: Callable[[int], Confirmation], describe: str = ""
) -> NumericOutcome:
    """Confirm the worst suspects in high precision and turn the batch into an outcome."""
    if not cmp.valid.any():
        ev = _evidence(inst, method, cmp, 0)
        return NumericOutcome(
            "inconclusive",
            ev,
            reason="every sample was NaN or infinite; check the domains (log of a negative? division by zero?)",
        )
    suspects = cmp.suspects
    escalated, confirmed, undecided, precise_margin = 0, [], 0, 0.0
    float_margin = _finite(cmp.worst_margin())
    wide = cmp.wide.copy()
    picked = _spread(suspects, MAX_CONFIRMATIONS)
    for idx in suspects:  # wide samples left out of the recomputation are no evidence either way
        if wide[idx] and cmp.error[idx] <= cmp.tolerance[idx] and int(idx) not in picked:
            cmp.valid[idx] = False
    suspects = np.array([i for i in suspects if cmp.valid[i]], dtype=int)
    for idx in picked:
        escalated += 1
        result = decide_at(int(idx))
        if result.decision is Decision.CONFIRMED:
            confirmed.append((int(idx), result))
        elif result.decision is Decision.UNDECIDED:
            undecided += 1
        else:  # round-off: in high precision the sides agree, so the sample's error is none
            cmp.error[idx] = 0.0
            cmp.tolerance[idx] = min(cmp.tolerance[idx], max(cmp.scale[idx], 1e-300))
            precise_margin = max(precise_margin, _finite(result.closeness))
    ev = _evidence(inst, method, cmp, escalated)
    ev = dataclasses.replace(
        ev,
        float_margin=float_margin,
        unescalated=max(0, len(suspects) - escalated),
        precise_margin=precise_margin,
    )
    if confirmed:
        worst_idx, worst = confirmed[0]
        scored = [(simplicity(point_values(inst, env, i)), i, c) for i, c in confirmed]
        _, idx, conf = min(scored, key=lambda t: t[0])
        note = describe or ""
        if idx != worst_idx:
            note = (
                note + "; " if note else ""
            ) + f"worst sample is off by {worst.error} (relative {worst.relative:.3g})"
        cx = Counterexample(
            inst.claim.n, point_values(inst, env, idx), conf.lhs, conf.rhs, conf.error, confirm.HIGH_DPS, note
        )
        return NumericOutcome("fail", ev, cx, f"sides differ by {conf.error} (relative {conf.relative:.3g})")
    unchecked = len(suspects) - escalated
    if unchecked > 0:
        return NumericOutcome(
            "inconclusive",
            ev,
            reason=f"{len(suspects)} samples beyond the round-off tolerance; "
            f"{escalated} recomputed in high precision agreed, {unchecked} were not recomputed",
        )
    if undecided and len(suspects) == escalated and undecided == escalated:
        return NumericOutcome(
            "inconclusive", ev, reason=f"{undecided} sample(s) beyond tolerance could not be decided in high precision"
        )
    if len(suspects) > escalated and undecided:
        return NumericOutcome(
            "inconclusive",
            ev,
            reason=f"{len(suspects)} samples beyond tolerance; {undecided} undecided in high precision",
        )
    return NumericOutcome("pass", ev)


# ----------------------------------------------------------------------------- identity


def check_identity(inst: Instance, body: Identity, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    lhs, rhs = list(as_matrix(body.lhs)), list(as_matrix(body.rhs))
    return _compare_sides(inst, lhs, rhs, rng, s, "float64 batch")


def _compare_sides(
    inst: Instance, lhs: list[sp.Expr], rhs: list[sp.Expr], rng: np.random.Generator, s: Settings, method: str
) -> NumericOutcome:
    m = len(lhs)
    sizes = [numeric.magnitude(a) + numeric.magnitude(b) for a, b in zip(lhs, rhs, strict=True)]
    fn = numeric.compiled(inst.symbols, lhs + rhs + sizes)
    env = sample(inst, rng, s.samples, s)
    out, noisy = fn(env).real, fn(numeric.perturbed(env, rng)).real
    cmp = numeric.compare(out[:, :m], out[:, m : 2 * m], noisy[:, :m], noisy[:, m : 2 * m], terms=out[:, 2 * m :])
    if numeric.has_opaque(lhs + rhs):
        return _opaque_outcome(inst, cmp, method)
    mp_fn = confirm.mp_compile(inst.symbols, lhs + rhs)

    def decide_at(idx: int) -> Confirmation:
        args = _args(inst, env, idx)
        entries = cmp.suspect_entries(idx)

        def sides() -> tuple[list, list]:
            vals = mp_fn.entries(args, [*entries, *(m + e for e in entries)])
            return vals[: len(entries)], vals[len(entries) :]

        return confirm.decide(sides)

    return _resolve(inst, env, cmp, method, decide_at)


def _opaque_outcome(inst: Instance, cmp: Comparison, method: str) -> NumericOutcome:
    ev = _evidence(inst, method + " (numeric-only functions)", cmp, 0)
    bad = len(cmp.suspects)
    if bad:
        return NumericOutcome(
            "inconclusive",
            ev,
            reason=f"{bad} samples beyond tolerance; numeric-only functions cannot be confirmed in high precision",
        )
    return NumericOutcome("pass", ev)


# ----------------------------------------------------------------------------- derivative


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
        values = fn_d(e).real
        jac = values[:, :size].reshape(-1, n_out, n_in)
        sizes = np.abs(values[:, size:]).reshape(-1, n_out, n_in)
        return np.einsum("koi,di->kdo", jac, dirs), ref, err, np.einsum("koi,di->kdo", sizes, np.abs(dirs))

    got, ref, err, terms = both(env)
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
    method = ("complex step" if analytic else "central differences + Richardson") + (
        f", {len(dirs)} directions" if n_in > 1 else ""
    )
    if numeric.has_opaque(f + list(claimed)):
        return _opaque_outcome(inst, cmp, method)
    mp_f = confirm.mp_compile(inst.symbols, f)
    mp_d = confirm.mp_compile(inst.symbols, list(claimed))
    positions = [inst.symbols.index(w) for w in wrt]
    diff = np.abs(got - ref)

    def decide_at(idx: int) -> Confirmation:
        d, o = (int(i) for i in np.unravel_index(int(np.argmax(diff[idx])), diff[idx].shape))
        v = [mpmath.mpf(float(x)) for x in dirs[d]]
        base = _args(inst, env, idx)

        used = [i for i in range(n_in) if v[i] != 0]

        def sides() -> tuple[list, list]:
            row = mp_d.entries(base, [o * n_in + i for i in used])
            claimed_v = mpmath.fsum(value * v[i] for value, i in zip(row, used, strict=True))

            def along(t: mpmath.mpf) -> mpmath.mpf:
                moved = list(base)
                for i, p in enumerate(positions):
                    moved[p] = moved[p] + t * v[i]
                return mp_f.entries(moved, [o])[0]

            return [claimed_v], [mpmath.diff(along, 0)]

        return confirm.decide(sides, floor=lambda: max(abs(v) for v in mp_f(*base)))

    return _resolve(inst, env, cmp, method, decide_at)


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
    u, v = numeric.hessian_pairs(n, rng)
    env = sample(inst, rng, max(20, s.samples // 4), s)

    def both(e: Env) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        values = fn_h(e).real
        h = values[:, : n * n].reshape(-1, n, n)
        sizes = np.abs(values[:, n * n :]).reshape(-1, n, n)
        got = np.einsum("pi,kij,pj->kp", u, h, v)
        ref, err = numeric.second_directional(fn_f, e, wrt, (u, v), analytic)
        return got, ref, err, np.einsum("pi,kij,pj->kp", np.abs(u), sizes, np.abs(v))

    got, ref, err, terms = both(env)
    got2, ref2, _, _ = both(numeric.perturbed(env, rng))
    cmp = numeric.compare(got, ref, got2, ref2, extra_tol=10 * err, terms=terms)
    method = ("complex step" if analytic else "central differences") + " + Richardson, " + f"{len(u)} direction pairs"
    if numeric.has_opaque([f, *claimed]):
        return _opaque_outcome(inst, cmp, method)
    mp_f = confirm.mp_compile(inst.symbols, [f])
    mp_h = confirm.mp_compile(inst.symbols, list(claimed))
    positions = [inst.symbols.index(w) for w in wrt]
    diff = np.abs(got - ref)

    def decide_at(idx: int) -> Confirmation:
        p = int(np.argmax(diff[idx]))
        uu = [mpmath.mpf(float(x)) for x in u[p]]
        vv = [mpmath.mpf(float(x)) for x in v[p]]
        base = _args(inst, env, idx)

        cells = [(i, j) for i in range(n) for j in range(n) if uu[i] != 0 and vv[j] != 0]

        def sides() -> tuple[list, list]:
            h = mp_h.entries(base, [i * n + j for i, j in cells])
            quad = mpmath.fsum(uu[i] * value * vv[j] for value, (i, j) in zip(h, cells, strict=True))

            def at(a: mpmath.mpf, b: mpmath.mpf) -> mpmath.mpf:
                moved = list(base)
                for i, q in enumerate(positions):
                    moved[q] = moved[q] + a * uu[i] + b * vv[i]
                return mp_f(*moved)[0]

            return [quad], [mpmath.diff(at, (0, 0), (1, 1))]

        return confirm.decide(sides, floor=lambda: abs(mp_f(*base)[0]))

    return _resolve(inst, env, cmp, method, decide_at)


# ----------------------------------------------------------------------------- psd


def check_psd(inst: Instance, body: PSD, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    h = as_matrix(body.matrix)
    n = h.rows
    fn = numeric.compiled(inst.symbols, list(h))
    env = sample(inst, rng, s.samples, s)

    def lowest(e: Env) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        mats = fn(e).real.reshape(-1, n, n)
        finite = np.all(np.isfinite(mats), axis=(1, 2))
        safe = np.where(finite[:, None, None], mats, 0.0)
        sym = (safe + np.swapaxes(safe, 1, 2)) / 2
        asym = np.max(np.abs(safe - np.swapaxes(safe, 1, 2)), axis=(1, 2))
        return np.linalg.eigvalsh(sym)[:, 0], asym, np.where(finite, np.max(np.abs(safe), axis=(1, 2)), np.nan)

    low, asym, norm = lowest(env)
    low2, _, _ = lowest(numeric.perturbed(env, rng))
    valid = np.isfinite(norm)
    lopsided = valid & (asym > 1e-8 * np.nan_to_num(norm) + 1e-300)
    if lopsided.any():
        raise ClaimError(
            f"the matrix is not symmetric (entries differ by {float(np.max(asym[lopsided])):.3g}); "
            "a psd claim needs H = Hᵀ, e.g. state it for (H + Hᵀ)/2"
        )
    tol = 64 * n * numeric.EPS * np.nan_to_num(norm) + 8 * np.abs(low - low2) + 1e-300
    # strict: an eigenvalue at or below round-off level is a suspect
    error = np.where(low <= tol, 2 * tol - low, 0.0) if body.strict else np.maximum(-low, 0.0)
    error = np.maximum(error, np.where(asym > tol, asym, 0.0))
    cmp = Comparison(error=np.nan_to_num(error), tolerance=tol, scale=np.nan_to_num(norm) + 1e-300, valid=valid)
    method = f"smallest eigenvalue, {n}×{n}"
    if numeric.has_opaque(list(h)):
        return _opaque_outcome(inst, cmp, method)
    mp_h = confirm.mp_compile(inst.symbols, list(h))

    def decide_at(idx: int) -> Confirmation:
        exact = h.xreplace(_exact_point(inst, env, idx))
        if all(isinstance(e, sp.Rational) for e in exact):  # decide exactly over QQ
            if exact != exact.T:
                return Confirmation(Decision.CONFIRMED, "not symmetric", "0", "not symmetric", -1.0)
            ok = exact.is_positive_definite if body.strict else exact.is_positive_semidefinite
            with mpmath.workdps(40):
                low_exact = min(mpmath.eigsy(mpmath.matrix(exact.tolist()), eigvals_only=True))
                text = mpmath.nstr(low_exact, 20)
            return Confirmation(Decision.NOISE if ok else Decision.CONFIRMED, text, "0", text, float(low_exact))
        args = _args(inst, env, idx)

        def smallest() -> mpmath.mpf:
            vals = mp_h(*args)
            m = mpmath.matrix(n, n)
            for i in range(n):
                for j in range(n):
                    m[i, j] = vals[i * n + j]
            if max(abs(m[i, j] - m[j, i]) for i in range(n) for j in range(n)) > mpmath.mpf(10) ** (
                -mpmath.mp.dps + 10
            ):
                return -abs(m[0, 1] - m[1, 0])  # not symmetric: report the asymmetry as negative
            return min(mpmath.eigsy(m, eigvals_only=True))

        return confirm.decide_sign(smallest, strict=body.strict)

    out = _resolve(inst, env, cmp, method, decide_at)
    if out.counterexample is not None:
        out.reason = f"smallest eigenvalue is {out.counterexample.lhs} < 0"
    return out


# ----------------------------------------------------------------------------- inequality


def check_inequality(inst: Instance, body: Inequality, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    lhs, rhs = sp.sympify(body.lhs), sp.sympify(body.rhs)
    if isinstance(body.lhs, sp.MatrixBase):
        lhs = as_matrix(body.lhs)[0, 0]
    if isinstance(body.rhs, sp.MatrixBase):
        rhs = as_matrix(body.rhs)[0, 0]
    small, big = (lhs, rhs) if body.op in ("<=", "<") else (rhs, lhs)
    strict = body.op in ("<", ">")
    fn = numeric.compiled(inst.symbols, [small, big])
    env = sample(inst, rng, s.samples, s)
    out, noisy = fn(env).real, fn(numeric.perturbed(env, rng)).real
    gap = out[:, 1] - out[:, 0]
    valid = np.all(np.isfinite(out), axis=1)
    scale = np.max(np.abs(out), axis=1)
    tol = 64 * numeric.EPS * scale + 8 * np.abs(gap - (noisy[:, 1] - noisy[:, 0])) + 1e-300
    error = np.where(strict, np.maximum(tol - gap, 0.0) * (gap <= tol), np.maximum(-gap, 0.0))
    error = np.where(valid, np.nan_to_num(error), 0.0)
    if strict:
        tol = np.where(gap <= tol, tol / 2, tol)
    cmp = Comparison(error=error, tolerance=tol, scale=np.nan_to_num(scale) + 1e-300, valid=valid)
    method = f"sampled {body.op}"
    if numeric.has_opaque([small, big]):
        return _opaque_outcome(inst, cmp, method)
    mp_fn = confirm.mp_compile(inst.symbols, [small, big])

    def decide_at(idx: int) -> Confirmation:
        exact = _exact_rational(big - small, _exact_point(inst, env, idx))
        if exact is not None:  # rational claims are decided exactly, tight points included
            return _exact_confirmation(exact, strict)
        args = _args(inst, env, idx)

        def value() -> mpmath.mpf:
            a, b = mp_fn(*args)
            return b - a

        return confirm.decide_sign(value, strict=strict)

    result = _resolve(inst, env, cmp, method, decide_at)
    if result.counterexample is not None:
        result.reason = (
            f"violated: {'lhs − rhs' if body.op in ('<=', '<') else 'rhs − lhs'} = {_neg(result.counterexample.lhs)}"
        )
    return result


def _neg(text: str) -> str:
    return text[1:] if text.startswith("-") else "-" + text


# ----------------------------------------------------------------------------- expectation


MC_DRAWS = 20_000
MC_ALPHA = 1e-6


def check_expectation(inst: Instance, body: Expectation, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    noise = list(body.noise)
    dists = [body.noise[v] for v in noise]
    exprs, claimed = list(as_matrix(body.expr)), list(as_matrix(body.equals))
    if len(exprs) != len(claimed):
        raise ClaimError("expectation: expr and equals have different shapes")
    symbols = list(inst.symbols) + noise
    fn = numeric.compiled(symbols, exprs)
    fn_claimed = numeric.compiled(inst.symbols, claimed + [p for d in dists for p in d.params()])
    from verifier.noise import Bernoulli

    if all(isinstance(d, Bernoulli) for d in dists) and len(noise) <= 12:
        return _expectation_enumerated(inst, body, fn, fn_claimed, rng, s)
    k = max(8, min(24, s.samples // 10))
    env = sample(inst, rng, k, s, corners_ok=False)
    base = fn_claimed(env).real
    want, params = base[:, : len(claimed)], base[:, len(claimed) :]
    big = {sym: np.repeat(val, MC_DRAWS) for sym, val in env.items()}
    col = 0
    for var, dist in zip(noise, dists, strict=True):
        p = tuple(np.repeat(params[:, col + i], MC_DRAWS) for i in range(len(dist.params())))
        col += len(dist.params())
        big[var] = dist.draw(rng, p, (k * MC_DRAWS,))
    vals = fn(big).real.reshape(k, MC_DRAWS, -1)
    mean, se = vals.mean(axis=1), vals.std(axis=1, ddof=1) / math.sqrt(MC_DRAWS)
    z_crit = _z_critical(MC_ALPHA / (k * len(exprs)))
    err = np.abs(mean - want)
    tol = z_crit * se + 64 * numeric.EPS * np.abs(want) + 1e-300
    valid = np.all(np.isfinite(mean), axis=1) & np.all(np.isfinite(want), axis=1)
    ratio = np.where(valid[:, None], err / tol, 0.0)
    worst = np.argmax(ratio, axis=1)
    rows = np.arange(k)
    cmp = Comparison(err[rows, worst], tol[rows, worst], np.abs(want[rows, worst]) + 1e-300, valid)
    method = f"Monte Carlo, {MC_DRAWS} draws × {k} points, α = {MC_ALPHA:g} (Bonferroni)"
    try:
        exact = [expectation_by_moments(e, body.noise) for e in exprs]
    except sp.PolynomialError:
        ev = _evidence(inst, method, cmp, 0)
        if len(cmp.suspects):
            return NumericOutcome(
                "inconclusive",
                ev,
                reason="Monte Carlo disagrees, but the expression is not polynomial in the noise, "
                "so it cannot be confirmed exactly",
            )
        return NumericOutcome("pass", ev)
    mp_fn = confirm.mp_compile(inst.symbols, exact + claimed)
    m = len(exprs)

    def decide_at(idx: int) -> Confirmation:
        args = _args(inst, env, idx)

        def sides() -> tuple[list, list]:
            vals = mp_fn(*args)
            return vals[m:], vals[:m]

        return confirm.decide(sides)

    out = _resolve(inst, env, cmp, method, decide_at)
    if out.counterexample is not None:
        out.reason = f"claimed {out.counterexample.lhs}, exact expectation {out.counterexample.rhs}"
    return out


def _z_critical(alpha: float) -> float:
    """Two-sided normal critical value for level alpha (bisection on erfc)."""
    lo, hi = 0.0, 40.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if math.erfc(mid / math.sqrt(2)) > alpha:
            lo = mid
        else:
            hi = mid
    return hi


def _expectation_enumerated(
    inst: Instance, body: Expectation, fn: Compiled, fn_claimed: Compiled, rng: np.random.Generator, s: Settings
) -> NumericOutcome:
    noise = list(body.noise)
    m_noise = len(noise)
    claimed = list(as_matrix(body.equals))
    env = sample(inst, rng, max(20, s.samples // 4), s)
    k = len(next(iter(env.values())))
    masks = np.array([[(b >> i) & 1 for i in range(m_noise)] for b in range(2**m_noise)], dtype=float)

    def expected(e: Env) -> tuple[np.ndarray, np.ndarray]:
        base = fn_claimed(e).real
        want, probs = base[:, : len(claimed)], base[:, len(claimed) :]
        big = {sym: np.repeat(val, len(masks)) for sym, val in e.items()}
        weight = np.ones(k * len(masks))
        for i, var in enumerate(noise):
            bits = np.tile(masks[:, i], k)
            p = np.repeat(probs[:, i], len(masks))
            big[var] = bits
            weight *= np.where(bits == 1, p, 1 - p)
        vals = fn(big).real * weight[:, None]
        return vals.reshape(k, len(masks), -1).sum(axis=1), want

    got, want = expected(env)
    got2, want2 = expected(numeric.perturbed(env, rng))
    cmp = numeric.compare(want, got, want2, got2)
    method = f"exact enumeration of {2**m_noise} Bernoulli masks"
    exprs = list(as_matrix(body.expr))
    mp_fn = confirm.mp_compile(list(inst.symbols) + noise, exprs)
    mp_claimed = confirm.mp_compile(inst.symbols, claimed + [d.params()[0] for d in body.noise.values()])
    n_claimed = len(claimed)

    def decide_at(idx: int) -> Confirmation:
        args = _args(inst, env, idx)

        def sides() -> tuple[list, list]:
            base = mp_claimed(*args)
            want, probs = base[:n_claimed], base[n_claimed:]
            total = [mpmath.mpf(0)] * n_claimed
            for mask in masks:
                w = mpmath.mpf(1)
                for bit, p in zip(mask, probs, strict=True):
                    w *= p if bit else 1 - p
                vals = mp_fn(*args, *[mpmath.mpf(int(b)) for b in mask])
                total = [t + w * v for t, v in zip(total, vals, strict=True)]
            return want, total

        return confirm.decide(sides)

    out = _resolve(inst, env, cmp, method, decide_at)
    if out.counterexample is not None:
        out.reason = f"claimed {out.counterexample.lhs}, exact expectation {out.counterexample.rhs}"
    return out


# ----------------------------------------------------------------------------- convergence


CONV_DPS = 120


def _iterate(
    step: Callable[[mpmath.mpf], mpmath.mpf], root: mpmath.mpf, start: mpmath.mpf, steps: int = 40
) -> list[mpmath.mpf]:
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
    """The iteration closed in on the root: at least a millionfold smaller error by the end."""
    return len(errors) >= 3 and errors[-1] < errors[0] * mpmath.mpf("1e-6")


def _order_and_constant(
    errors: list[mpmath.mpf], order: float, signed: list[mpmath.mpf]
) -> tuple[float, mpmath.mpf] | None:
    floor = mpmath.mpf(10) ** (-(mpmath.mp.dps - 25))
    usable = [i for i in range(len(errors)) if errors[i] > floor]
    triples = [i for i in usable if i + 2 in usable and errors[i] > errors[i + 1] > errors[i + 2]]
    if not triples:
        return None
    i = triples[-1]
    q = float(mpmath.log(errors[i + 2] / errors[i + 1]) / mpmath.log(errors[i + 1] / errors[i]))
    j = i + 1
    c = signed[j + 1] / signed[j] ** order if float(order).is_integer() else errors[j + 1] / errors[j] ** order
    return q, c


def check_convergence(inst: Instance, body: Convergence, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    x = body.x
    symbols = list(inst.symbols)
    step_mp = confirm.mp_compile([*symbols, x], [sp.sympify(body.step)])
    extra = [sp.sympify(body.root), sp.sympify(body.order), sp.sympify(body.constant)]
    start_expr = sp.sympify(body.start) if body.start is not None else None
    info_mp = confirm.mp_compile(symbols, extra + ([start_expr] if start_expr is not None else []))
    env = sample(inst, rng, 6, s, corners_ok=False) if symbols else {}
    count = len(next(iter(env.values()))) if env else 1
    worst: tuple[float, int, float, str] | None = None
    series: dict[str, list[float]] = {}
    failures: list[tuple[int, str, str]] = []
    recomputed = 0
    for idx in range(count):
        args = _args(inst, env, idx) if env else []
        verdict = _convergence_at(step_mp, info_mp, args, start_expr is not None)
        if verdict is None:
            continue
        q_est, c_est, q, c, errors, ok = verdict
        if idx == 0:
            series["log10 |e_k|"] = [float(mpmath.log10(e)) if e > 0 else float("nan") for e in errors]
        if not ok:
            recomputed += 1
            again = _convergence_at(step_mp, info_mp, args, start_expr is not None, dps=2 * CONV_DPS)
            if again is not None and not again[5]:
                failures.append(
                    (
                        idx,
                        f"order ≈ {q_est:.4g}, constant ≈ {mpmath.nstr(c_est, 12)}",
                        f"order {q}, constant {mpmath.nstr(c, 12)}",
                    )
                )
            elif again is not None:  # the finer estimate stands for this sample
                q_est, c_est = again[0], again[1]
        gap = abs(q_est - q)
        if worst is None or gap > worst[0]:
            worst = (gap, idx, q_est, mpmath.nstr(c_est, 12))
    checked = count if worst is not None else 0
    ev = NumericEvidence(
        inst.claim.n,
        f"mpmath iteration at {CONV_DPS} digits",
        checked,
        worst[0] if worst else 0.0,
        0.05,
        escalated=recomputed,
    )
    if worst is None:
        return NumericOutcome(
            "inconclusive",
            ev,
            reason="iteration did not produce three usable errors (diverged or started too far)",
            series=series,
        )
    if failures:
        idx, seen, want = failures[0]
        values = point_values(inst, env, idx) if env else {}
        cx = Counterexample(
            inst.claim.n,
            values,
            want,
            seen,
            seen,
            2 * CONV_DPS,
            "observed from successive errors |e_k| of the iteration",
        )
        return NumericOutcome("fail", ev, cx, f"observed {seen}; claimed {want}", series=series)
    return NumericOutcome("pass", ev, series=series)


def _convergence_at(
    step_mp: Callable[..., list], info_mp: Callable[..., list], args: list, has_start: bool, dps: int = CONV_DPS
) -> tuple | None:
    with mpmath.workdps(dps):
        info = info_mp(*args)
        root, q, c = info[0], info[1], info[2]
        start = info[3] if has_start else root + mpmath.mpf("1e-3") * (1 + abs(root))
        try:
            errors = _iterate(lambda v: step_mp(*args, v)[0], root, start)
            with mpmath.workdps(dps):
                signed_x = [start]
                xv = start
                for _ in range(len(errors) - 1):
                    xv = step_mp(*args, xv)[0]
                    signed_x.append(xv)
                signed = [v - root for v in signed_x]
        except (ZeroDivisionError, ValueError, OverflowError):
            return None
        if not _converges(errors):
            return None  # started outside the root's basin (it found another root, or cycles): no evidence
        est = _order_and_constant(errors, float(q), signed)
        if est is None:
            return None
        q_est, c_est = est
        ok = abs(q_est - float(q)) < 0.05 and abs(c_est - c) <= mpmath.mpf("1e-6") * (abs(c) + mpmath.mpf("1e-30"))
        return q_est, c_est, float(q), c, errors, ok


# ----------------------------------------------------------------------------- limit


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
        args = _args(inst, env, idx) if env else []
        result = _limit_at(fn, want_fn, args, points)
        if result is None:
            continue
        gap, stalled = result
        worst_gap = max(worst_gap, gap)
        if stalled:
            again = _limit_at(fn, want_fn, args, points, dps=100)
            if again is not None and again[1]:
                failures.append(idx)
    ev = NumericEvidence(inst.claim.n, "mpmath along var → " + sp.sstr(to), count, worst_gap, 1e-4)
    if failures:
        idx = failures[0]
        args = _args(inst, env, idx) if env else []
        with mpmath.workdps(50):
            seen = mpmath.nstr(fn(*args, points[-1])[0], 15)
            want = mpmath.nstr(want_fn(*args)[0], 15)
        values = point_values(inst, env, idx) if env else {}
        cx = Counterexample(
            inst.claim.n,
            values,
            want,
            seen,
            f"value at {sp.sstr(var)} = {mpmath.nstr(points[-1], 3)}: {seen}",
            100,
            "the sequence settles away from the claimed limit",
        )
        return NumericOutcome("fail", ev, cx, f"settles at {seen}, not {want}")
    if worst_gap > 1e-4:
        return NumericOutcome(
            "inconclusive", ev, reason=f"still {worst_gap:.3g} away from the claimed limit at the last point"
        )
    return NumericOutcome("pass", ev)


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


CHECKS: dict[type, Callable[..., NumericOutcome]] = {
    Identity: check_identity,
    Derivative: check_derivative,
    PSD: check_psd,
    Inequality: check_inequality,
    Expectation: check_expectation,
    Convergence: check_convergence,
    Limit: check_limit,
}


def spot_check(inst: Instance, rng: np.random.Generator, settings: Settings) -> NumericOutcome:
    body = inst.claim.body
    functions = generic.undefined_functions(expressions(body))
    if functions:  # arbitrary smooth functions: check random concrete instances
        table = {fn: generic.random_smooth(arity, rng) for fn, arity in functions.items()}
        concrete = generic.map_statement(body, lambda obj: generic.concretise(obj, table))
        inst = instantiate(dataclasses.replace(inst.claim, body=concrete))
        outcome = CHECKS[type(concrete)](inst, concrete, rng, settings)
        outcome.evidence = dataclasses.replace(
            outcome.evidence,
            note="generic functions "
            + ", ".join(sorted(str(f) for f in functions))
            + " replaced by random smooth functions",
        )
        return outcome
    return CHECKS[type(body)](inst, body, rng, settings)
