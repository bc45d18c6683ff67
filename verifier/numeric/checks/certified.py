"""Certified integration of an expectation that is not polynomial in its noise (arb, not sampling).

Monte Carlo cannot see E σ(X) = ½ + 10⁻³: its tolerance is near 10⁻². Here, at each sampled point
of the claim's parameters (exact rationals), every entry's expectation is enclosed in an arb ball
by :mod:`verifier.numeric.integrate`: the noise is integrated out, one variable at a time.

- Bernoulli noise is summed out exactly first (p·f(1) + (1 − p)·f(0), at most MAX_BERNOULLI).
- Several continuous noise variables (independent) are handled when each term of the expression
  is a product of factors of one variable each: E Π gᵥ(Xᵥ) = Π E gᵥ(Xᵥ) (after one expand, if need be).
- Normal and uniform noise only; anything else, or an integrand the integrator refuses (no growth
  bound for the Gaussian tails, not real on [a, b], an unknown function), is no decision here:
  the caller falls back to Monte Carlo and says why.

The verdict at a point: the claimed value inside the ball passes ("certified to within" the
ball's width: evidence, never a proof); outside it, the point is a suspect that becomes a
counterexample only through the same confirmation as every other, :func:`confirm.decide`: first
:func:`confirm.certify` on balls (the integral at PASS_BITS and the claimed value enclosed at the
exact point), which confirms a gap the balls show to be clearly nonzero; else the integral
recomputed at 50 and 100 digits, and only if the 100-digit ball still excludes the claimed value.
The counterexample is the expectation itself, "E[f] ∈ [lo, hi] (certified, arb), claimed v", and
says the precision that confirmed it. (A claim written with decimals skips the balls: its 0.2 is 1/5.)
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp
from flint import arb

from verifier.language.claims import Expectation
from verifier.language.distributions import Bernoulli, Distribution, Normal, Uniform
from verifier.language.text import clipped
from verifier.numeric import confirm, enclose, integrate
from verifier.numeric.batch import BatchComparison
from verifier.numeric.checks.resolve import NumericOutcome, resolve
from verifier.numeric.checks.sampling import Settings, exact_point, mp_args, sample
from verifier.numeric.confirm import Confirmation, Decision
from verifier.numeric.enclose import Unsupported
from verifier.outcome import NumericEvidence, NumericVerdict
from verifier.trusted.instantiate import Instance, as_matrix

CERTIFIED_NOTE = "certified integration"
MONTE_CARLO_NOTE = "Monte Carlo only"
PASS_BITS = 128
MAX_BERNOULLI = 4
MAX_TERMS = 64
MAX_INTEGRALS = 96  # points × entries integrated at 128 bits per check (each takes milliseconds)
MAX_CONFIRMED = 2  # suspects confirmed per check; the rest are not recomputed (the verdict is already FAIL)
DECIDES = 2.0**-40  # a ball wider than this (relative to max(1, |E|)) decides nothing: no certified verdict


@dataclass(frozen=True)
class Plan:
    """The claim's entries with Bernoulli noise summed out, and its continuous noise."""

    exprs: tuple[sp.Expr, ...]
    shown: tuple[str, ...]  # each entry as written, for the counterexample
    continuous: dict[sp.Symbol, Distribution]


def plan(body: Expectation) -> Plan | str:
    """The plan, or why certified integration does not apply."""
    continuous = {v: d for v, d in body.noise.items() if not isinstance(d, Bernoulli)}
    coins = [v for v, d in body.noise.items() if isinstance(d, Bernoulli)]
    strange = sorted(d.describe() for d in continuous.values() if not isinstance(d, Normal | Uniform))
    if strange:
        return f"no certified integral for {', '.join(strange)}"
    if not continuous:
        return "no continuous noise"
    if len(coins) > MAX_BERNOULLI:
        return f"more than {MAX_BERNOULLI} Bernoulli variables beside continuous noise"
    exprs = [sp.sympify(e) for e in as_matrix(body.expr)]
    summed = tuple(_as_steps(_sum_out(e, coins, body.noise), set(continuous)) for e in exprs)
    return Plan(summed, tuple(sp.sstr(e) for e in exprs), continuous)


_SIDES = {sp.StrictGreaterThan: 1, sp.GreaterThan: 1, sp.StrictLessThan: -1, sp.LessThan: -1}


def _as_steps(expr: sp.Expr, noise: set[sp.Symbol]) -> sp.Expr:
    """Each Piecewise whose conditions are single inequalities g > 0 (≥, <, ≤) in the continuous noise, with a
    last row for everything else, as steps: e₁·H(±g) + (rest)·(1 − H(±g)), equal but where g = 0, a set of
    measure zero (where g is 0 on a whole interval its enclosure never excludes 0: no certified value). Relu
    written as a Piecewise went to Monte Carlo alone ('no enclosure for StrictGreaterThan'). Others stay."""

    def steps(pw: sp.Piecewise) -> sp.Expr:
        *rows, (last, otherwise) = pw.args
        if otherwise is not sp.true or not all(_step_of(cond, noise) is not None for _, cond in rows):
            return pw
        out = last
        for value, cond in reversed(rows):
            h = _step_of(cond, noise)
            assert h is not None  # every row's condition was checked above
            out = value * h + out * (1 - h)
        return out

    return expr.replace(lambda e: isinstance(e, sp.Piecewise), steps) if expr.has(sp.Piecewise) else expr


def _step_of(cond: sp.Basic, noise: set[sp.Symbol]) -> sp.Expr | None:
    """H(±(lhs − rhs)) for an inequality in the noise; None for any other condition."""
    side = _SIDES.get(type(cond))
    if side is None or not (cond.free_symbols & noise):
        return None
    return sp.Heaviside(side * (cond.lhs - cond.rhs))


def _sum_out(expr: sp.Expr, coins: list[sp.Symbol], noise: Mapping[sp.Symbol, Distribution]) -> sp.Expr:
    """E over the Bernoulli variables, exactly: Σ over masks of the mask's probability times expr there."""
    total = sp.Integer(0)
    for mask in itertools.product((0, 1), repeat=len(coins)):
        weight = sp.Integer(1)
        for v, bit in zip(coins, mask, strict=True):
            p = noise[v].params()[0]
            weight *= p if bit else 1 - p
        total += weight * expr.xreplace({v: sp.Integer(bit) for v, bit in zip(coins, mask, strict=True)})
    return total


def expectation_at(p: Plan, i: int, point: dict[sp.Symbol, sp.Rational], bits: int) -> arb:
    """Entry i's expectation at an exact point of the parameters, as a ball (Unsupported if refused)."""
    expr = p.exprs[i].xreplace(point)
    dists = {v: d.map(lambda e: e.xreplace(point)) for v, d in p.continuous.items()}
    with enclose.precision(bits):  # every product and sum of balls at bits, not at flint's default
        try:
            return _separated(expr, dists, bits)
        except _Mixed:
            expanded = sp.expand(expr)
            if len(sp.Add.make_args(expanded)) > MAX_TERMS:
                raise Unsupported(f"noise variables mixed beyond {MAX_TERMS} separable terms") from None
            try:
                return _separated(expanded, dists, bits)
            except _Mixed as why:
                raise Unsupported(str(why)) from None


class _Mixed(Unsupported):
    """A factor depends on two noise variables."""


def _separated(expr: sp.Expr, dists: dict[sp.Symbol, Distribution], bits: int) -> arb:
    total = arb(0)
    for term in sp.Add.make_args(expr):
        groups: dict[sp.Symbol, list[sp.Expr]] = {}
        coefficient: list[sp.Expr] = []
        for factor in sp.Mul.make_args(term):
            among = factor.free_symbols & set(dists)
            if len(among) > 1:
                raise _Mixed("a factor that depends on two noise variables: " + clipped(factor, 60))
            if among:
                groups.setdefault(among.pop(), []).append(factor)
            else:
                coefficient.append(factor)
        value = integrate.ball(sp.Mul(*coefficient))
        for v, factors in groups.items():
            value = value * _one(sp.Mul(*factors), v, dists[v], bits)
        total = total + value
    return total


def _one(f: sp.Expr, v: sp.Symbol, dist: Distribution, bits: int) -> arb:
    if isinstance(dist, Normal):
        return integrate.gaussian_mean(f, v, dist.mean, dist.variance, bits)
    assert isinstance(dist, Uniform)
    return integrate.uniform_mean(f, v, dist.a, dist.b, bits)


def to_mp(value: arb) -> mpmath.mpf:
    """An arb's midpoint, exactly, as an mpmath number."""
    man, exp = value.mid().man_exp()
    return mpmath.ldexp(mpmath.mpf(int(man)), int(exp))


def with_decimals(body: Expectation) -> bool:
    """Whether the claim is written with decimals anywhere: its values, its integrand, its noise's parameters."""
    params = [q for d in body.noise.values() for q in d.params()]
    return confirm.has_decimals(*as_matrix(body.expr), *as_matrix(body.equals), *params)


def check_certified(inst: Instance, body: Expectation, rng: np.random.Generator, s: Settings) -> NumericOutcome | str:
    """The certified check at sampled points of the parameters, or why it does not apply."""
    body = real_and_imaginary(body)
    p = plan(body)
    if isinstance(p, str):
        return p
    points = max(4, min(max(8, min(24, s.samples // 10)), MAX_INTEGRALS // len(p.exprs)))  # fewer for many entries
    env = sample(inst, rng, points, s, corners_ok=False)
    k = len(next(iter(env.values()))) if env else 1
    equals = [sp.sympify(e) for e in as_matrix(body.equals)]
    claimed = confirm.mp_compile(inst.symbols, equals)
    decimals = with_decimals(body)
    rows = []
    for idx in range(k):
        try:
            balls = [expectation_at(p, i, exact_point(inst, env, idx), PASS_BITS) for i in range(len(p.exprs))]
        except (ValueError, ZeroDivisionError, OverflowError) as why:  # Unsupported is a ValueError
            return str(why) or type(why).__name__
        rows.append(_compare(balls, claimed, mp_args(inst, env, idx), decimals))
        if rows[-1] is None:
            return "an enclosure too wide to decide (an integrand arb cannot resolve within its evaluation limit)"
    cmp = BatchComparison(*(np.array(col) for col in zip(*rows, strict=True)))
    texts: dict[tuple[str, str], str] = {}
    method = f"{CERTIFIED_NOTE} (arb, {PASS_BITS}-bit) at {k} point(s)"

    def decide_at(idx: int) -> Confirmation:
        if len(texts) >= MAX_CONFIRMED:  # a confirmation may integrate at 50 and 100 digits: enough are enough
            return Confirmation(Decision.UNDECIDED, "", "", "not recomputed: a counterexample is confirmed", 0.0)
        return _decide(inst, env, p, (claimed, equals), idx, texts, decimals)

    out = resolve(inst, env, cmp, method, decide_at)
    cx = out.counterexample
    if cx is not None:
        out.reason = texts.get((cx.claimed, cx.observed), out.reason)
    elif out.verdict is NumericVerdict.PASS:
        out.evidence = _with_note(out, p, float((cmp.tolerance / cmp.scale)[cmp.valid].max(initial=0.0)))
    return out


def real_and_imaginary(body: Expectation) -> Expectation:
    """A claim written with i, E f = c, as E Re f = Re c and E Im f = Im c, every symbol real (the noise and the
    parameters are): E e^{iX} = e^{−1/2} + 1/1000 for X ~ N(0, 1) went to Monte Carlo, whose tolerance near 10⁻²
    passed it, where E cos X and E sin X are each integrated with certified bounds. A claim without i is as it was."""
    entries, equals = as_matrix(body.expr), as_matrix(body.equals)
    if not any(sp.sympify(e).has(sp.I) for e in (*entries, *equals)):
        return body
    symbols = set().union(*(sp.sympify(e).free_symbols for e in (*entries, *equals)))
    real = {s: sp.Dummy(s.name, real=True) for s in symbols if isinstance(s, sp.Symbol) and s.is_real is None}
    back = {d: s for s, d in real.items()}

    def parts(values: list[sp.Expr]) -> sp.ImmutableMatrix:
        split = [sp.sympify(e).xreplace(real).as_real_imag() for e in values]
        return sp.ImmutableMatrix([*(re for re, _ in split), *(im for _, im in split)]).xreplace(back)

    return dataclasses.replace(body, expr=parts(entries), equals=parts(equals))


def _compare(
    balls: list[arb], claimed: confirm.MpEvaluator, args: list[mpmath.mpf], decimals: bool = False
) -> tuple | None:
    """(error, tolerance, scale, valid) of one point: the claimed value against the balls' midpoints, the
    error and the tolerance relative to max(1, |E|) (scale 1), computed in mpmath so that no size overflows."""
    with mpmath.workdps(40):
        try:
            want = claimed(*args)
        except (ZeroDivisionError, ValueError, TypeError, OverflowError):
            return (0.0, 1.0, 1.0, False)
        if any(not mpmath.isfinite(w) or mpmath.im(w) != 0 for w in want):
            return (0.0, 1.0, 1.0, False)
        found = []
        for b, w in zip(balls, want, strict=True):
            if not b.is_finite():
                return None
            mid = to_mp(b)  # in mpmath, relative to the scale: e^{800} overflows a float, and inf/inf passes
            scale = max(mpmath.mpf(1), abs(w), abs(mid))
            width = to_mp(arb(b.rad())) / scale
            if width > DECIDES:
                return None
            slack = float(confirm.DECIMAL_SLACK) if decimals else 1e-36  # 0.2 is 0.2000000000000000111
            found.append((float(abs(mid - w) / scale), float(width) + slack, 1.0))
    worst = max(found, key=lambda t: t[0] / t[1])
    return (*worst, True)


def _decide(
    inst: Instance,
    env: dict,
    p: Plan,
    claim: tuple[confirm.MpEvaluator, list[sp.Expr]],
    idx: int,
    texts: dict[tuple[str, str], str],
    decimals: bool = False,
) -> Confirmation:
    """Confirm a suspect: first the claimed value and the integrals as arb balls at PASS_BITS (certified apart,
    they confirm it at once: confirm.certify); else the integrals again at 50 and 100 digits against the
    claimed value, and the 100-digit ball must exclude it (else UNDECIDED). Records the counterexample's words
    in texts. A claim written with decimals skips the balls (its 0.2 means 1/5, not the binary float)."""
    claimed, equals = claim
    point, args = exact_point(inst, env, idx), mp_args(inst, env, idx)
    seen: dict[int, list[arb]] = {}  # bits → the integrals' balls at those bits

    def sides() -> tuple[list, list]:
        bits = int(mpmath.mp.dps * 3.33) + 16
        balls = [expectation_at(p, i, point, bits) for i in range(len(p.exprs))]
        seen[bits] = balls
        return list(claimed(*args)), [to_mp(b) for b in balls]

    def ball_sides() -> tuple[list[arb], list[arb], arb]:
        want = [integrate.ball(e.xreplace(point)) for e in equals]  # exact inputs: an enclosure of each value
        balls = [expectation_at(p, i, point, PASS_BITS) for i in range(len(p.exprs))]
        seen[PASS_BITS] = balls
        return want, balls, arb(0)

    balls = None if decimals else ball_sides
    result = confirm.decide(confirm.as_decimals(sides) if decimals else sides, balls=balls)
    if result.decision is not Decision.CONFIRMED:
        return result
    top = max(seen)
    if top == PASS_BITS:  # the balls decided it: confirmed at their precision, not at 100 digits
        result = dataclasses.replace(result, digits=int(PASS_BITS / 3.33))
    with mpmath.workdps(round((top - 16) / 3.33)), enclose.precision(top):
        want = claimed(*args)
        i = max(range(len(want)), key=lambda j: abs(to_mp(seen[top][j]) - want[j]))
        b = seen[top][i]
        if abs(to_mp(b) - want[i]) <= 2 * to_mp(arb(b.rad())):
            why = "the claimed value is not outside the certified enclosure"
            return Confirmation(Decision.UNDECIDED, result.lhs, result.rhs, why, result.relative)
        gap, size = abs(to_mp(b) - want[i]), max(abs(want[i]), abs(to_mp(b)))
        digits = min(60, max(20, int(-mpmath.log10(gap / size)) + 6))  # enough to tell them apart
        mid, rad = mpmath.nstr(to_mp(b), digits), mpmath.nstr(to_mp(arb(b.rad())), 2)
        texts[(result.lhs, result.rhs)] = (
            f"E[{p.shown[i]}] ∈ [{mid} − {rad}, {mid} + {rad}] (certified, arb, {top}-bit), "
            f"claimed {mpmath.nstr(want[i], digits)}"
        )
    return result


def _with_note(out: NumericOutcome, p: Plan, width: float) -> NumericEvidence:
    """The evidence of a pass, with what certified it."""
    tails = any(isinstance(d, Normal) for d in p.continuous.values())
    how = ", Gaussian tails bounded in closed form" if tails else ""
    note = f"{CERTIFIED_NOTE} (arb{how}): certified to within {width:.1e} (relative to max(1, |E|)) at every point"
    joined = f"{out.evidence.note}; {note}" if out.evidence.note else note
    return dataclasses.replace(out.evidence, note=joined)
