"""The numeric check of a PSD claim: the smallest eigenvalue at each sample."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import mpmath
import numpy as np
import sympy as sp
from flint import arb

from verifier.language.claims import PSD
from verifier.numeric import balls, confirm, enclose
from verifier.numeric import batch as numeric
from verifier.numeric.batch import BatchComparison, Env
from verifier.numeric.checks import definedness, psd_minors
from verifier.numeric.checks.resolve import NEAR_MARGIN, NumericOutcome, evidence, opaque_outcome, resolve
from verifier.numeric.checks.sampling import (
    ExactSample,
    Settings,
    exact_point,
    mp_args,
    outside_domain,
    point_values,
    sample,
)
from verifier.numeric.confirm import Confirmation, Decision
from verifier.trusted.instantiate import ClaimError, Instance, as_matrix

# a non-strict claim's smallest eigenvalue that passes as round-off: decide_sign passes one at or above
# −10⁻⁶⁸·max(1, |λ|) at 100 digits (LOW_DPS − 12 digits, and 30 orders more); 2⁻²²⁶ ≈ 9.3·10⁻⁶⁹, exact in a ball
ROUND_OFF_SHIFT = arb(2) ** -226
CERTIFIED = Confirmation(Decision.NOISE, "> 0", "0", "positive definite (certified, arb)", 0.0)
AGREED = Confirmation(Decision.NOISE, "≥ 0", "0", "no leading minor shown negative (arb)", 0.0)
LOST_BITS = 100  # an entry's ball known to fewer bits than this at 100 digits: a cancellation ate the rest
FIRST_DEEPER_BITS = 2_000  # then H is tried again from these bits, doubling,
DEEPEST_BITS = 16_000  # up to these (4,800 digits: σ(t)(1 − σ(t)) near t = 11,000)
ASYMMETRY_PROBES = 3  # lopsided samples recomputed in high precision before the matrix is called not symmetric


def check_psd(inst: Instance, body: PSD, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    h = as_matrix(body.matrix)
    n = h.rows
    fn = numeric.compiled(inst.symbols, list(h))
    env = sample(inst, rng, s.samples, s)
    _real_or_error(inst, h, fn(env), env)
    low, asym, norm = _lowest(fn, n, env)
    underflowed = fn.underflowed
    low2, _, _ = _lowest(fn, n, numeric.perturbed(env, rng))
    valid = np.isfinite(norm)
    lopsided = valid & (asym > 1e-8 * np.nan_to_num(norm) + 1e-300)
    if lopsided.any() and (gap := _asymmetry(inst, h, env, np.flatnonzero(lopsided), asym)) is not None:
        raise ClaimError(
            f"the matrix is not symmetric (entries differ by {gap}, in high precision); "
            "a psd claim needs H = Hᵀ, e.g. state it for (H + Hᵀ)/2"
        )
    tol = 64 * n * numeric.EPS * np.nan_to_num(norm) + 8 * np.abs(low - low2) + 1e-300
    # strict: an eigenvalue at or below round-off level is a suspect
    error = np.where(low <= tol, 2 * tol - low, 0.0) if body.strict else np.maximum(-low, 0.0)
    error = np.maximum(error, np.where(asym > tol, asym, 0.0))
    cmp = BatchComparison(error=np.nan_to_num(error), tolerance=tol, scale=np.nan_to_num(norm) + 1e-300, valid=valid)
    numeric.blinded(cmp, underflowed, [fn], env, norm)  # entries below the normal range: eigenvalues say nothing
    method = f"smallest eigenvalue, {n}×{n}"
    if numeric.has_opaque(list(h)):
        return opaque_outcome(inst, cmp, method)
    # every entry must be real wherever the claim speaks (√x on ℝ is not: an error that asks to narrow the
    # domain); the eigenvalues of a matrix with an undefined or complex entry say nothing
    found = definedness.entries_everywhere(inst, env, list(h), s)
    if found.counterexample is None and s.points is None and (minor := psd_minors.probe(inst, body)).counterexample:
        return definedness.refuted(minor, evidence(inst, method, cmp, 0))  # a minor < 0 where no sample lands
    # near misses too, whatever their error, where a least eigenvalue lies within round-off of 0 at some sample:
    # −5·10⁻⁷¹ is 0 to floats, and arb's negative pivot confirms it (_certainly_not_psd); a matrix floats see
    # clearly positive definite everywhere spends no high precision on them
    singular = bool((cmp.valid & (low <= tol)).any())
    full = {int(i) for i in cmp.suspects} | {int(i) for i in np.flatnonzero(cmp.error >= NEAR_MARGIN * tol)}
    decide_at = _decider(inst, body, h, env, cmp.blind, full)
    out = resolve(inst, env, cmp, method, decide_at, exact_at_any_error=singular)
    if out.counterexample is not None:
        seen = out.counterexample.observed  # a strict claim fails at 0 too: "0.0 < 0" said nothing (helper-80)
        out.reason = f"smallest eigenvalue is {seen}, not > 0" if body.strict else f"smallest eigenvalue is {seen} < 0"
    return definedness.noted(found, out)


def _real_or_error(inst: Instance, h: sp.Matrix, values: np.ndarray, env: Env) -> None:
    """A ClaimError where an entry is complex at a sample of the domain, at 50 and 100 digits: [[1, i], [i, 1]] has
    minors 1, 1, 2 and real parts I, yet vᵀHv = 2 + 2i at v = (1, 1); the eigenvalues of the real parts say nothing."""
    if not np.iscomplexobj(values):
        return
    off = np.isfinite(values) & (np.abs(values.imag) > 1e-12 * np.maximum(np.abs(values.real), 1.0))
    mp_h = confirm.mp_compile(inst.symbols, list(h))
    for idx in np.flatnonzero(off.any(axis=1))[:ASYMMETRY_PROBES]:
        if outside_domain(inst, env, int(idx)) is not None:
            continue
        seen = []
        for dps in (confirm.LOW_DPS, confirm.HIGH_DPS):
            with mpmath.workdps(dps):
                try:
                    m = mp_h(*mp_args(inst, env, int(idx)))
                except (ValueError, ZeroDivisionError, TypeError):
                    m = []
                scale = max([abs(v) for v in m] + [mpmath.mpf(1)])
                seen.append(bool(m) and any(abs(mpmath.im(v)) > mpmath.mpf(10) ** (10 - dps) * scale for v in m))
        if all(seen):
            at = definedness.point_text(point_values(inst, env, int(idx)))
            raise ClaimError(
                f"the matrix has a complex entry{' at ' + at if at else ''} (in high precision); a psd claim speaks "
                "of real symmetric matrices: state it for the real [[Re H, −Im H], [Im H, Re H]] of a Hermitian H"
            )


def _asymmetry(inst: Instance, h: sp.Matrix, env: Env, found: np.ndarray, asym: np.ndarray) -> str | None:
    """The largest |Hᵢⱼ − Hⱼᵢ| at the samples floats found lopsided (the worst ASYMMETRY_PROBES of them, in
    the domain), if it stands at 50 and again at 100 digits; None where it vanishes in high precision:
    (1 − cos x²)/x⁴ and 2 sin²(x²/2)/x⁴ are one function whose floats differ by 0.02 at small x."""
    mp_h = confirm.mp_compile(inst.symbols, list(h))
    n = h.rows
    for idx in found[np.argsort(-asym[found])][:ASYMMETRY_PROBES]:
        if outside_domain(inst, env, int(idx)) is not None:
            continue
        args, seen = mp_args(inst, env, int(idx)), []
        for dps in (confirm.LOW_DPS, confirm.HIGH_DPS):
            with mpmath.workdps(dps):
                try:
                    m = mp_h(*args)
                except (ValueError, ZeroDivisionError, TypeError):
                    break
                gap = max(abs(m[i * n + j] - m[j * n + i]) for i in range(n) for j in range(i + 1, n))
                scale = max([abs(v) for v in m] + [mpmath.mpf(1)])
                if not mpmath.isfinite(gap) or gap <= mpmath.mpf(10) ** (10 - dps) * scale:
                    break
                seen.append(mpmath.nstr(gap, 3))
        if len(seen) == 2 and seen[0] == seen[1]:
            return seen[1]
    return None


def _lowest(fn: Callable[[Env], np.ndarray], n: int, e: Env) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per sample: the smallest eigenvalue of the symmetric part, the largest asymmetry, and the
    largest entry (NaN where an entry is not finite)."""
    mats = fn(e).real.reshape(-1, n, n)
    finite = np.all(np.isfinite(mats), axis=(1, 2))
    safe = np.where(finite[:, None, None], mats, 0.0)
    sym = (safe + np.swapaxes(safe, 1, 2)) / 2
    asym = np.max(np.abs(safe - np.swapaxes(safe, 1, 2)), axis=(1, 2))
    return np.linalg.eigvalsh(sym)[:, 0], asym, np.where(finite, np.max(np.abs(safe), axis=(1, 2)), np.nan)


def _decider(
    inst: Instance, body: PSD, h: sp.Matrix, env: Env, blind: np.ndarray | None, full: set[int]
) -> Callable[[int], Confirmation]:
    """The high-precision decision at one sample: a pass where arb shows the matrix positive definite there
    (`certainly_definite`); else exactly over QQ where the matrix is rational there (an exact decision before any
    tolerance: [[1, 1], [1, 1 − 10⁻⁷⁰]] is not PSD); else, for a non-strict claim at a sample floats saw, a pass
    where arb shows H + εI positive definite; else its smallest eigenvalue at 50 and 100 digits (and more where
    values are large). A sample outside full (a near miss floats saw pass, well within their tolerance) is asked
    only whether arb shows a leading minor negative there (_certainly_not_psd): else it agrees, as floats said."""
    n = h.rows
    mp_h = confirm.mp_compile(inst.symbols, list(h))
    ball_h = balls.BallEvaluator(inst.symbols, list(h)) if _mirrored(h) else None

    def decide_at(idx: int) -> Confirmation:
        unseen = blind is not None and bool(blind[idx])
        at = ExactSample(inst, env, idx)
        if idx not in full:
            refuted = _certainly_not_psd(ball_h, at, mp_h, n) if ball_h is not None else None
            return refuted or AGREED
        if ball_h is not None and certainly_definite(ball_h, at.balls, n, None, blind=unseen):
            return CERTIFIED
        if ball_h is not None and (refuted := _certainly_not_psd(ball_h, at, mp_h, n)) is not None:
            return refuted
        exact = _rational_at(h, exact_point(inst, env, idx))
        if exact is not None:  # decide exactly over QQ
            if exact != exact.T:
                return Confirmation(Decision.CONFIRMED, "not symmetric", "0", "not symmetric", -1.0)
            ok = exact.is_positive_definite if body.strict else exact.is_positive_semidefinite
            with mpmath.workdps(40):
                low_exact = min(mpmath.eigsy(mpmath.matrix(exact.tolist()), eigvals_only=True))
                text = mpmath.nstr(low_exact, 20)
            if not ok and body.strict and exact.det() == 0:  # singular: its least eigenvalue is 0, not eigsy's −2e-41
                low_exact, text = mpmath.mpf(0), "0"
            return Confirmation(Decision.NOISE if ok else Decision.CONFIRMED, text, "0", text, float(low_exact))
        if (
            ball_h is not None
            and not (body.strict or unseen)
            and certainly_definite(ball_h, at.balls, n, ROUND_OFF_SHIFT)
        ):
            return CERTIFIED  # H + εI positive definite, ε within what decide_sign passes as round-off
        args = mp_args(inst, env, idx)
        return confirm.decide_sign(lambda: _smallest_eigenvalue(mp_h(*args), n), strict=body.strict, blind=unseen)

    return decide_at


def _certainly_not_psd(
    ball_h: balls.BallEvaluator, at: ExactSample, mp_h: confirm.MpEvaluator, n: int
) -> Confirmation | None:
    """A confirmed failure where arb shows a leading principal minor of H negative at the sample (an exact point of
    the domain): the LDLᵀ of H's balls at 100 digits has every pivot before the k-th above 0 and the k-th below,
    so the k×k leading minor, their product, is below 0, and H is not PSD (Horn and Johnson 7.1.2: a PSD matrix's
    principal minors are ≥ 0). A least eigenvalue of −5·10⁻⁷¹ at 100 digits passed as round-off before. The
    failure is said by that eigenvalue, at 100 digits; None where it is not below 0 there (it is left to the
    decisions below), or where the balls decide nothing."""
    with enclose.precision(confirm.CERTIFY_BITS):
        entries = _entries(ball_h, at.balls, n)
        if entries is None or _pivots(_rows(entries, n, arb(0)))[1] != "negative":
            return None
    with mpmath.workdps(confirm.HIGH_DPS):
        low = _smallest_eigenvalue(mp_h(*at.mp), n)
        if not low < 0:
            return None
        text = mpmath.nstr(low, 20)
    return Confirmation(Decision.CONFIRMED, text, "0", text, float(low))


def _mirrored(h: sp.Matrix) -> bool:
    """Whether each entry below the diagonal is the same expression as its mirror image above it: H is then
    symmetric at every point, exactly, and its balls' LDLᵀ speaks of H itself (an asymmetry of 10⁻⁵⁰ would hide
    within balls; an H that is not so is decided as before, where symmetry is checked)."""
    return all(h[i, j] == h[j, i] for i in range(h.rows) for j in range(i))


def certainly_definite(
    ball_h: balls.BallEvaluator, point: Callable[[], list[arb]], n: int, shift: arb | None, blind: bool = False
) -> bool:
    """Whether arb shows H + εI positive definite at the point (balls at the 100 digits a certified confirmation
    takes; point gives them at flint's working precision, as ExactSample.balls does): an LDLᵀ of the entries' balls
    whose every pivot lies above 0. Every symmetric matrix within the balls is then positive definite, H + εI with
    them, so H's least eigenvalue lies above −ε: a pass, with no eigenvalue computed. ε is 0 for a shift of None
    (H itself positive definite), else the shift scaled down to a matrix smaller than 1 (_shift). False where the
    balls decide nothing (a singular H, a pivot within round-off of 0, an entry arb cannot enclose): the caller
    decides as before. Where a cancellation ate an entry's bits (σ(t)(1 − σ(t)) at t = 3000 needs 1,300 digits), or
    at a blind sample (one floats could not see: its least eigenvalue may lie 1,400 orders below its entries), H
    itself is tried again at twice the bits, up to DEEPEST_BITS: the samples of logistic_loss.hessian_psd that
    floats could not see are decided so, in 0.2 s at most each, where 100 digits left most undecided and their
    batch was drawn again."""
    bits, lost = confirm.CERTIFY_BITS, False
    while True:
        with enclose.precision(bits):
            entries = _entries(ball_h, point, n)
            if entries is None:
                return False
            if bits == confirm.CERTIFY_BITS:
                lost = any(not e.is_exact() and e.rel_accuracy_bits() < LOST_BITS for e in entries)
            if _pivots_positive(_rows(entries, n, _shift(shift, entries))):
                return True
        if shift is not None or not (lost or blind) or bits >= DEEPEST_BITS:
            return False
        bits = max(2 * bits, FIRST_DEEPER_BITS)


def _entries(ball_h: balls.BallEvaluator, point: Callable[[], list[arb]], n: int) -> list[arb] | None:
    """H's entries as balls at flint's working precision, or None where arb cannot enclose one."""
    try:
        entries = ball_h.entries(point(), range(n * n))
    except (ZeroDivisionError, ValueError, TypeError, OverflowError):  # balls.Unsupported is a ValueError
        return None
    return entries if all(e.is_finite() for e in entries) else None


def _shift(shift: arb | None, entries: list[arb]) -> arb:
    """ε for H + εI: none (0) for a shift of None, else ROUND_OFF_SHIFT times the largest entry where that is below
    1: decide_sign's round-off is absolute (10⁻⁶⁸) for values up to 1, so 10⁻⁸⁰·[[1, 2], [2, 1]], whose least
    eigenvalue −10⁻⁸⁰ it would pass, is measured against its own size here."""
    if shift is None:
        return arb(0)
    size = max((e.abs_upper() for e in entries), default=arb(0))
    return shift * (size if size < 1 else arb(1))


def _pivots_positive(a: list[list[arb]]) -> bool:
    """Whether every pivot of the LDLᵀ of a (a symmetric matrix of balls) is certainly positive."""
    return _pivots(a)[1] == "positive"


def _pivots(a: list[list[arb]]) -> tuple[int, str]:
    """Gaussian elimination without pivoting on a symmetric matrix of balls (LDLᵀ), in place: (n, "positive") if
    every pivot is certainly positive (arb's > holds only for every point of both balls); (k, "negative") if the
    k-th is certainly negative, every one before it certainly positive; else (k, "undecided") at the first pivot
    whose ball holds 0."""
    n = len(a)
    for k in range(n):
        if not a[k][k] > 0:
            return k + 1, "negative" if a[k][k] < 0 else "undecided"
        for i in range(k + 1, n):
            factor = a[i][k] / a[k][k]
            for j in range(k + 1, n):
                a[i][j] = a[i][j] - factor * a[k][j]
    return n, "positive"


def _rows(entries: list[arb], n: int, eps: arb) -> list[list[arb]]:
    """The n×n matrix of row-major entries, with eps added to its diagonal."""
    return [[e + eps if i == j else e for j, e in enumerate(entries[i * n : (i + 1) * n])] for i in range(n)]


def _rational_at(h: sp.Matrix, point: dict[sp.Symbol, sp.Rational]) -> sp.Matrix | None:
    """h at the exact point where every entry is rational there, else None, found at the first entry that is not
    (h.xreplace made every entry first: softmax's 16×16 Hessian, whose entries hold exponentials, took 0.5 s of
    CPU per claim in exponentials of rationals that were never used)."""
    entries = []
    for entry in h:
        value = entry.xreplace(point)
        if not isinstance(value, sp.Rational):
            return None
        entries.append(value)
    return sp.Matrix(h.rows, h.cols, entries)


def _smallest_eigenvalue(vals: Sequence[mpmath.mpf], n: int) -> mpmath.mpf:
    """The smallest eigenvalue of the n×n matrix of row-major vals, at the current precision; the
    asymmetry, negated, if it is not symmetric there."""
    m = mpmath.matrix(n, n)
    for i in range(n):
        for j in range(n):
            m[i, j] = vals[i * n + j]
    if max(abs(m[i, j] - m[j, i]) for i in range(n) for j in range(n)) > mpmath.mpf(10) ** (-mpmath.mp.dps + 10):
        return -abs(m[0, 1] - m[1, 0])  # not symmetric: report the asymmetry as negative
    return min(mpmath.eigsy(m, eigvals_only=True))
