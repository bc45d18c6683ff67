"""The numeric check of an Expectation: exact enumeration of Bernoulli masks; exact moments for a
polynomial (evaluated at the sampled points, every suspect recomputed in high precision); certified
integration (arb) for any other it can integrate; else Monte Carlo alone, which can never refute, and says so."""

from __future__ import annotations

import math
from collections.abc import Mapping

import mpmath
import numpy as np
import sympy as sp

from verifier.language.claims import Expectation, Identity
from verifier.language.distributions import Bernoulli, Distribution
from verifier.language.text import rational_text
from verifier.numeric import batch as numeric
from verifier.numeric import confirm
from verifier.numeric.batch import BatchComparison, Compiled, Env
from verifier.numeric.checks import cancelled, case_points, definedness
from verifier.numeric.checks.certified import CERTIFIED_NOTE, MONTE_CARLO_NOTE, check_certified, with_decimals
from verifier.numeric.checks.jumps import STEPS
from verifier.numeric.checks.laws import check_laws
from verifier.numeric.checks.resolve import NumericOutcome, evidence, resolve
from verifier.numeric.checks.sampling import Settings, exact_point, exact_rational, mp_args, sample
from verifier.numeric.confirm import Confirmation, Decision
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import ClaimError, Instance, as_matrix
from verifier.trusted.obligations import expectation_by_moments

MC_DRAWS = 20_000
MC_ALPHA = 1e-6
HEAVY_SHARE = 0.01  # the largest |f| of the draws above this share of their sum: a heavy tail (≈ log n / n if bounded)


def check_expectation(inst: Instance, body: Expectation, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    """E[expr] against the claimed value. A pass is tried at the parameters' case points (:func:`_at_case_points`),
    and is inconclusive where a divisor in the parameters on one side only may be 0 in the domain
    (E[X + (e^(2a) − 9)/(eᵃ − 3)] = eᵃ + 3 on a ∈ [0, 2] was PROVED, 0/0 at a = log 3: helper-170)."""
    outcome = _checked(inst, body, rng, s)
    if outcome.verdict is NumericVerdict.PASS and s.points is None:
        outcome = _at_case_points(inst, body, outcome)
    sides = (list(as_matrix(body.expr)), list(as_matrix(body.equals)))
    names = ("the expectation", "the claimed value")
    return cancelled.unless_undecided(inst, sides, outcome, s.points is None, names, searched=False)


def _at_case_points(inst: Instance, body: Expectation, outcome: NumericOutcome) -> NumericOutcome:
    """The pass refuted where the exact identity E = claimed (:func:`as_exact_identity`) fails at a point a case
    condition of a parameter names, decided exactly as for an identity (case_points.py): E[(X + t)²] = 1 + t² +
    10⁻⁶(1 − sign(t − √2)²) was CHECKED, false at t = √2 alone, on a bounded t (where the box search cannot decide
    the jump) and on ℝ (red team 140, 170)."""
    if not any(sp.sympify(e).has(sp.Piecewise, sp.sign, sp.Heaviside, *STEPS) for e in (body.expr, body.equals)):
        return outcome
    identity = as_exact_identity(body)
    if identity is None:
        return outcome
    found = case_points.probe(inst, list(as_matrix(identity.lhs)), list(as_matrix(identity.rhs)))
    return outcome if found.counterexample is None else definedness.refuted(found, outcome.evidence)


def _checked(inst: Instance, body: Expectation, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    noise = list(body.noise)
    exprs, claimed = list(as_matrix(body.expr)), list(as_matrix(body.equals))
    if len(exprs) != len(claimed):
        raise ClaimError("expectation: expr and equals have different shapes")
    check_laws(inst, body, s)
    if all(isinstance(body.noise[v], Bernoulli) for v in noise) and len(noise) <= 12:
        return _expectation_enumerated(inst, body, *_compiled_sides(inst, body), rng, s)
    try:
        exact = [expectation_by_moments(e, body.noise) for e in exprs]
    except sp.PolynomialError:
        if not all(isinstance(body.noise[v], Bernoulli) for v in noise):
            return _expectation_integrated(inst, body, rng, s)
        try:  # too many coins to enumerate: each term a product of factors of one coin each, E taken coin by coin
            exact = [_coin_by_coin(e, body.noise) for e in exprs]
        except sp.PolynomialError:
            return _expectation_integrated(inst, body, rng, s)
    return _expectation_by_moments(inst, body, exact, rng, s)


def as_exact_identity(body: Expectation) -> Identity | None:
    """The claim as the identity E[expr] = equals over its parameters, E written exactly (by moments for a polynomial
    in the noise, coin by coin for Bernoulli noise alone), for the searches that sampling cannot replace (a bump of
    width 10⁻⁴ in a parameter); None where E has no such exact form."""
    exprs = list(as_matrix(body.expr))
    try:
        exact = [expectation_by_moments(e, body.noise) for e in exprs]
    except sp.PolynomialError:
        if not all(isinstance(law, Bernoulli) for law in body.noise.values()):
            return None
        try:
            exact = [_coin_by_coin(e, body.noise) for e in exprs]
        except sp.PolynomialError:
            return None
    return Identity(sp.ImmutableMatrix(exact), as_matrix(body.equals), where=body.where)  # entry by entry, flattened


def _coin_by_coin(expr: sp.Expr, noise: Mapping[sp.Symbol, Distribution]) -> sp.Expr:
    """E expr over independent coins, exactly, when each term (after one expand) is a product of factors of one coin
    each: the factors of coin C are one function g(C), with E g(C) = p·g(1) + (1 − p)·g(0). Thirteen coins went to
    Monte Carlo, which passed E e^{(C₁ + … + C₁₃)/13} claimed 1/1000 too high. PolynomialError where a factor holds
    two coins, or a value is not finite (1/C at C = 0): then there is no such form."""
    total = sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(expr)):
        groups: dict[sp.Symbol, list[sp.Expr]] = {}
        rest: list[sp.Expr] = []
        for factor in sp.Mul.make_args(term):
            among = factor.free_symbols & set(noise)
            if len(among) > 1:
                raise sp.PolynomialError(f"{factor} holds two noise variables")
            if among:
                groups.setdefault(among.pop(), []).append(factor)
            else:
                rest.append(factor)
        value = sp.Mul(*rest)
        for coin, factors in groups.items():
            g, (p,) = sp.Mul(*factors), noise[coin].params()
            value *= p * g.subs(coin, 1) + (1 - p) * g.subs(coin, 0)
        total += value
    if total.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        raise sp.PolynomialError("an outcome where the expression has no finite value")
    return total


def _compiled_sides(inst: Instance, body: Expectation) -> tuple[Compiled, Compiled]:
    """expr over the parameters and the noise; the claimed value and the laws' parameters over the parameters."""
    dists = [body.noise[v] for v in body.noise]
    fn = numeric.compiled(list(inst.symbols) + list(body.noise), list(as_matrix(body.expr)))
    params = [p for d in dists for p in d.params()]
    return fn, numeric.compiled(inst.symbols, list(as_matrix(body.equals)) + params)


def _expectation_by_moments(
    inst: Instance, body: Expectation, exact: list[sp.Expr], rng: np.random.Generator, s: Settings
) -> NumericOutcome:
    """E[expr] from exact moments against the claimed value at every sampled point, compared in floats within
    round-off, as an identity is; the suspects, and on an exact claim the two largest errors whatever their
    size, recomputed in high precision (E[X²] = 1 + 10⁻²⁰ errs by 0 in floats). Monte Carlo at the points
    could see only a gap beyond its standard error (near 10⁻²), and nominated its suspects and near misses
    for this very recomputation: the exact comparison sees every gap it saw, and the smaller ones too."""
    claimed = list(as_matrix(body.equals))
    m = len(claimed)
    sizes = [numeric.magnitude(a) + numeric.magnitude(b) for a, b in zip(exact, claimed, strict=True)]
    fn = numeric.compiled(inst.symbols, exact + claimed + sizes)
    env = sample(inst, rng, s.samples, s)
    out, noisy = fn(env).real, fn(numeric.perturbed(env, rng)).real
    cmp = numeric.compare(out[:, m : 2 * m], out[:, :m], noisy[:, m : 2 * m], noisy[:, :m], terms=out[:, 2 * m :])
    mp_fn = confirm.mp_compile(inst.symbols, exact + claimed)
    decimals = with_decimals(body)

    def decide_at(idx: int) -> Confirmation:
        if not decimals and (exactly := _exactly(exact, claimed, exact_point(inst, env, idx))) is not None:
            return exactly  # E[10⁻⁴⁰⁰X²] = 0 differs by 10⁻⁴⁰⁰: no gap is too small for exact arithmetic
        args = mp_args(inst, env, idx)

        def sides() -> tuple[list, list]:
            vals = mp_fn(*args)
            return vals[m:], vals[:m]

        return confirm.decide(confirm.as_decimals(sides) if decimals else sides)

    return _against_exact(resolve(inst, env, cmp, "exact moments, float64 batch", decide_at, exact_at_any_error=True))


def _exactly(exact: list[sp.Expr], claimed: list[sp.Expr], point: dict[sp.Symbol, sp.Rational]) -> Confirmation | None:
    """The exact moments against the claimed values at a rational point, where both are rational there: confirmed if
    they differ at all, else agreeing (None where some side is not rational there)."""
    pairs = zip(exact, claimed, strict=True)
    found = [(exact_rational(sp.sympify(e), point), exact_rational(sp.sympify(c), point)) for e, c in pairs]
    values = [(e, c) for e, c in found if e is not None and c is not None]
    if len(values) < len(found):
        return None
    worst_e, worst_c = max(values, key=lambda pair: abs(pair[0] - pair[1]))
    gap = worst_e - worst_c
    relative = float(abs(gap) / max(abs(worst_e), abs(worst_c))) if gap else 0.0
    decision = Decision.CONFIRMED if gap else Decision.NOISE
    texts = rational_text(worst_c), rational_text(worst_e), rational_text(gap)
    return Confirmation(decision, *texts, relative, digits=0)  # 0 digits: decided exactly


def _expectation_integrated(inst: Instance, body: Expectation, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    """Certified integration where it applies; else Monte Carlo, which can pass or be inconclusive, never refute."""
    certified = check_certified(inst, body, rng, s)
    if isinstance(certified, NumericOutcome):
        return certified
    cmp, method, share = _monte_carlo(inst, body, *_compiled_sides(inst, body), rng, s)
    note = f"{MONTE_CARLO_NOTE}: no {CERTIFIED_NOTE} ({certified})"
    ev = evidence(inst, method, cmp, 0, note=note)
    if not np.all(cmp.valid):  # E √X for X ~ U[−1, 1], E log X for X ~ N(0, 1): no real mean, nothing to pass
        why = "a draw of the noise, or the claimed value, has no real value (NaN, complex or infinite)"
        return NumericOutcome(NumericVerdict.INCONCLUSIVE, ev, reason=f"Monte Carlo cannot support it: {why}")
    if share > HEAVY_SHARE:  # E 1/X, E tan X: the mean may not exist, and its standard error says nothing
        why = f"one draw of {MC_DRAWS} carries {share:.0%} of the total |f|: a heavy tail, E may not exist"
        return NumericOutcome(NumericVerdict.INCONCLUSIVE, ev, reason=f"Monte Carlo cannot support it: {why}")
    if np.any(cmp.valid & (cmp.error > cmp.tolerance)):  # a Monte Carlo tolerance is always wide
        return NumericOutcome(
            NumericVerdict.INCONCLUSIVE,
            ev,
            reason="Monte Carlo disagrees, but the expression is not polynomial in the noise, "
            "so it cannot be confirmed exactly",
        )
    return NumericOutcome(NumericVerdict.PASS, ev)


def _monte_carlo(
    inst: Instance, body: Expectation, fn: Compiled, fn_claimed: Compiled, rng: np.random.Generator, s: Settings
) -> tuple[BatchComparison, str, float]:
    """The mean of MC_DRAWS draws of the noise at each sampled point, against the claimed value, with a
    Bonferroni-corrected normal tolerance: the comparison, the method in words, and the largest
    share of one draw in the sum of |f| over the draws of a point (near 1/MC_DRAWS for a light tail)."""
    noise = list(body.noise)
    dists = [body.noise[v] for v in noise]
    claimed = len(as_matrix(body.equals))
    k = max(8, min(24, s.samples // 10))
    env = sample(inst, rng, k, s, corners_ok=False)
    k = len(next(iter(env.values()))) if env else 1  # no parameters: one point, the claim itself
    base = np.broadcast_to(fn_claimed(env), (k, claimed + sum(len(d.params()) for d in dists)))
    want, params = base[:, :claimed], base[:, claimed:]
    big = {sym: np.repeat(val, MC_DRAWS) for sym, val in env.items()}
    col = 0
    for var, dist in zip(noise, dists, strict=True):
        p = tuple(np.repeat(params[:, col + i].real, MC_DRAWS) for i in range(len(dist.params())))
        col += len(dist.params())
        big[var] = dist.draw(rng, p, (k * MC_DRAWS,))
    vals = fn(big).reshape(k, MC_DRAWS, -1)  # complex kept: E e^{iX} = sin 1 must not pass on its real part
    mean, se = vals.mean(axis=1), vals.std(axis=1, ddof=1) / math.sqrt(MC_DRAWS)
    z_crit = _z_critical(MC_ALPHA / (k * claimed))
    err = np.abs(mean - want)
    tol = z_crit * se + 64 * numeric.EPS * np.abs(want) + 1e-300
    valid = np.all(np.isfinite(mean), axis=1) & np.all(np.isfinite(want), axis=1)
    ratio = np.where(valid[:, None], err / tol, 0.0)
    worst = np.argmax(ratio, axis=1)
    rows = np.arange(k)
    cmp = BatchComparison(err[rows, worst], tol[rows, worst], np.abs(want[rows, worst]) + 1e-300, valid)
    sizes = np.abs(np.where(np.isfinite(vals), vals, 0.0))
    totals = sizes.sum(axis=1)
    shares = np.where(totals > 0, sizes.max(axis=1) / np.where(totals > 0, totals, 1.0), 0.0)
    share = float(shares[valid].max(initial=0.0))
    return cmp, f"Monte Carlo, {MC_DRAWS} draws × {k} points, α = {MC_ALPHA:g} (Bonferroni)", share


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
    k = len(next(iter(env.values()))) if env else 1  # no parameters: one point, the claim itself
    masks = np.array([[(b >> i) & 1 for i in range(m_noise)] for b in range(2**m_noise)], dtype=float)

    def expected(e: Env) -> tuple[np.ndarray, np.ndarray]:
        base = np.broadcast_to(fn_claimed(e), (k, len(claimed) + len(noise)))  # complex kept: E X = ½ + i fails
        want, probs = base[:, : len(claimed)], base[:, len(claimed) :]
        big = {sym: np.repeat(val, len(masks)) for sym, val in e.items()}
        weight = np.ones(k * len(masks))
        for i, var in enumerate(noise):
            bits = np.tile(masks[:, i], k)
            p = np.repeat(probs[:, i].real, len(masks))
            big[var] = bits
            weight *= np.where(bits == 1, p, 1 - p)
        vals = fn(big) * weight[:, None]
        return vals.reshape(k, len(masks), -1).sum(axis=1), want

    got, want = expected(env)
    got2, want2 = expected(numeric.perturbed(env, rng))
    cmp = numeric.compare(want, got, want2, got2)
    method = f"exact enumeration of {2**m_noise} Bernoulli masks"
    exprs = list(as_matrix(body.expr))
    mp_fn = confirm.mp_compile(list(inst.symbols) + noise, exprs)
    mp_claimed = confirm.mp_compile(inst.symbols, claimed + [d.params()[0] for d in body.noise.values()])
    n_claimed = len(claimed)

    decimals = with_decimals(body)

    def decide_at(idx: int) -> Confirmation:
        args = mp_args(inst, env, idx)

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

        return confirm.decide(confirm.as_decimals(sides) if decimals else sides)

    return _against_exact(resolve(inst, env, cmp, method, decide_at, exact_at_any_error=True))


def _against_exact(out: NumericOutcome) -> NumericOutcome:
    """A counterexample's reason: the claimed value against the exact expectation."""
    if out.counterexample is not None:
        out.reason = f"claimed {out.counterexample.claimed}, exact expectation {out.counterexample.observed}"
    return out
