"""Samples where a side of a claim is undefined (NaN, ±∞) or complex: findings, never noise.

Float64 only nominates such samples: NaN can be overflow (exp(800)/exp(800)). Each one is
re-evaluated side by side in mpmath at 50 and 100 digits, at its exact point, which must lie
in the claim's domain (see sampling.outside_domain). Then:

* one side real and the other undefined or complex (for a claim stated in real numbers): a
  counterexample, "the right side is complex at y = -2: log of a negative number";
* both sides undefined: at a random sample, the claim is undefined on a part of its domain of
  positive measure, an error that asks to narrow the domain; at a special point only
  (x = 0, drawn on purpose), a note "both sides undefined at x = 0; not checked there";
* both sides real in high precision: float overflow, or a float function that has no value where the true one
  has (scipy's binom(−3, 3) and Γ(a)·Q(a, x) at a ≤ 0 are NaN): listed (Finding.real), and the comparison
  decides them in high precision like any suspect (resolve.admit_real).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import mpmath
import numpy as np
import sympy as sp
from flint import arb

from verifier.numeric import balls, confirm, enclose
from verifier.numeric import batch as numeric
from verifier.numeric.batch import Env
from verifier.numeric.checks.culprit import culprit
from verifier.numeric.checks.exact_value import resolved
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import (
    ExactSample,
    Settings,
    exact_point,
    mp_args,
    outside_domain,
    point_values,
    specials,
)
from verifier.numeric.mpeval import Peak
from verifier.numeric.mpfunctions import NoRealValue
from verifier.outcome import Counterexample, NumericEvidence, NumericVerdict
from verifier.trusted.instantiate import ClaimError, Instance

PROBES = 16  # samples of each kind re-evaluated in high precision
SCREENED = 512  # float-undefined samples of each kind screened in arb for overflow first
UNDEFINED_NOTE = "both sides undefined at"
NOWHERE = ("both sides are undefined (or complex) in floating point at every sample, and in high precision at {at}: "
           "look for a division by zero, or a log or a root of a negative, whatever the values")  # fmt: skip
MAX_EXACT_OPS = 5000


class State(StrEnum):
    REAL = "real"
    COMPLEX = "complex"
    UNDEFINED = "undefined"


@dataclass
class Finding:
    """What the undefined samples showed: a counterexample, or a note, or nothing."""

    counterexample: Counterexample | None = None
    reason: str = ""
    note: str = ""
    real: list[int] = dataclasses.field(default_factory=list)  # float-undefined samples real in high precision
    exact: dict[sp.Symbol, sp.Expr] | None = None  # the counterexample's point, where it was found exactly


def is_real_claim(exprs: Sequence[sp.Basic]) -> bool:
    """A claim stated in real numbers: no imaginary unit anywhere."""
    return not numeric.kinds(exprs).imaginary


def defined(values: np.ndarray, real: bool) -> np.ndarray:
    """(K, m) values → (K,) True where every entry is finite (and real, for a real claim)."""
    ok = np.all(np.isfinite(values), axis=1)
    if real and np.iscomplexobj(values):
        ok &= np.all(np.abs(values.imag) <= 1e-12 * np.maximum(np.abs(values.real), 1.0), axis=1)
    return ok


def first_state(evaluator: confirm.MpEvaluator, args: list[mpmath.mpf], real: bool) -> tuple[State, int] | None:
    """A side's state at peak + headroom digits (at least 100), and those digits; None past MAX_DIGITS
    or if the side cannot be evaluated in mpmath (that says nothing about the claim). A state counts
    only once :func:`confirmed` at twice the digits."""
    Peak.reset()
    _state_at(evaluator, args, real, confirm.LOW_DPS)  # measures the magnitudes involved (Peak)
    dps = max(confirm.HIGH_DPS, int(Peak.digits) + confirm.HEADROOM)  # 1 − σ(297) is 0 at 100 digits
    if dps > confirm.MAX_DIGITS:
        return None
    seen = _state_at(evaluator, args, real, dps)
    return None if seen is None else (seen, dps)


def confirmed(
    evaluator: confirm.MpEvaluator, args: list[mpmath.mpf], real: bool, first: tuple[State, int]
) -> State | None:
    """The first state if twice its digits give it again, else None."""
    seen, dps = first
    return seen if _state_at(evaluator, args, real, 2 * dps) is seen else None


def _state_at(evaluator: confirm.MpEvaluator, args: list[mpmath.mpf], real: bool, dps: int) -> State | None:
    Peak.complex = False  # this evaluation's own (Peak.digits is kept: first_state reads it across two)
    with mpmath.workdps(dps):
        try:
            values = evaluator(*args)
        except ZeroDivisionError:
            return State.UNDEFINED
        except NoRealValue:  # erfinv(2): no real value, as √−2
            return State.COMPLEX
        except ValueError as e:  # mpmath at a pole: "gamma function pole", "polygamma pole", "zeta(1) pole"
            return State.UNDEFINED if "pole" in str(e) else None
        except Exception:  # the evaluator's limit (a numeric-only function, a type it cannot read)
            return None
        if not all(isinstance(v, mpmath.mpf | mpmath.mpc) for v in values):
            return None
        if any(not mpmath.isfinite(v) for v in values):
            return State.UNDEFINED
        tiny = mpmath.mpf(10) ** (-(dps - 10))
        if real and any(abs(mpmath.im(v)) > tiny * max(abs(v), 1) for v in values):
            return State.COMPLEX
        if real and Peak.complex:  # |√x|² at x = −2 ends real (2), but √−2 has no value in ℝ
            return State.COMPLEX
    return State.REAL


Sides = tuple[list[sp.Expr], list[sp.Expr]]
Chosen = np.ndarray | None  # (K,) True at the samples drawn on purpose
Oks = tuple[np.ndarray, np.ndarray]  # (K,) True where each side is defined in float64
SIMPLE_VALUES = (-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0)  # the domains' simple values (base.simple_values)


def on_purpose(inst: Instance, env: Env, corners: int) -> np.ndarray:
    """(K,) True at the samples drawn on purpose: every entry a simple value, or one of the last corners."""
    k = numeric.count(env)
    chosen = np.ones(k, dtype=bool)
    for symbol in inst.symbols:
        chosen &= np.isin(np.asarray(env[symbol], dtype=float), SIMPLE_VALUES)
    chosen[max(0, k - corners) :] = True
    return chosen


def probe(
    inst: Instance, env: Env, sides: Sides, ok: Oks, special: int, chosen: Chosen = None, ordered: bool = False
) -> Finding:
    """Decide the samples where a side is not defined in float64 (ok is False); special: how many
    samples at the start are the domains' special points (0 if the points were given); chosen: the other
    samples drawn on purpose (corners, small integers and halves), counted as special points are; ordered:
    the sides are compared by order (an inequality), so each must be real, i in it or not (x² + i ≥ i compares
    nothing), and two complex sides are undefined together, never a counterexample by their gap."""
    real = ordered or is_real_claim([*sides[0], *sides[1]])
    if numeric.has_opaque([*sides[0], *sides[1]]):
        return Finding()  # numeric-only functions: no high-precision value to confirm anything with
    same = sides[0] is sides[1]  # one list of expressions, each of which must be defined: evaluated once
    left = confirm.mp_compile(inst.symbols, list(sides[0]))
    right = left if same else confirm.mp_compile(inst.symbols, list(sides[1]))
    random = np.ones(len(ok[0]), dtype=bool) if chosen is None else ~chosen
    random[:special] = False
    screen = balls.BallEvaluator(inst.symbols, [*sides[0]] if same else [*sides[0], *sides[1]])

    seen_real: list[int] = []  # both sides real in high precision where floats had none: decided like suspects

    def uncertain(found: np.ndarray) -> np.ndarray:
        """The samples found that arb does not certify real (float overflow, exp(800)/exp(800), is), at most
        SCREENED of them: the probes' places are not taken by overflow."""
        kept: list[int] = []
        for i in found[:SCREENED]:
            (seen_real if certainly_real(screen, ExactSample(inst, env, int(i))) else kept).append(int(i))
        return np.array(kept, dtype=int)

    one_sided = _both_kinds(uncertain(np.flatnonzero(ok[0] ^ ok[1])), random)
    both = _both_kinds(uncertain(np.flatnonzero(~ok[0] & ~ok[1])), random)
    undefined_both: list[int] = []
    for idx in [*one_sided, *both]:
        args = mp_args(inst, env, int(idx))
        first = first_state(left, args, real)
        firsts = (first, first if same else first_state(right, args, real))
        if firsts[0] is None or firsts[1] is None or (firsts[0][0], firsts[1][0]) == (State.REAL, State.REAL):
            seen_real.extend([int(idx)] if firsts[0] is not None and firsts[1] is not None else [])
            continue  # not decided, or both real (float NaN or overflow): the comparison decides it in mpmath
        if outside_domain(inst, env, int(idx)) is not None:
            continue
        point = exact_point(inst, env, int(idx))
        state = exactly_undefined(sides[0], point, confirmed(left, args, real, firsts[0]))
        states = (state, state if same else exactly_undefined(sides[1], point, confirmed(right, args, real, firsts[1])))
        if states[0] is None or states[1] is None or states == (State.REAL, State.REAL):
            continue  # not decided, or float overflow: no information
        if State.REAL in states:
            return _counterexample(inst, env, int(idx), sides, (states[0], states[1]))
        if states == (State.COMPLEX, State.COMPLEX) and (
            gap := _both_complex(inst, env, int(idx), (left, right), ordered)
        ):
            return gap
        undefined_both.append(int(idx))
    drawn = [i for i in undefined_both if chosen is None or not chosen[i]]
    found = _both_undefined(inst, env, drawn, special, len(undefined_both), not (ok[0] | ok[1]).any())
    return dataclasses.replace(found, real=sorted(seen_real))


def _both_kinds(found: np.ndarray, random: np.ndarray) -> np.ndarray:
    """Up to PROBES of the samples found that were drawn on purpose (the special points, first in the samples),
    then up to PROBES of those drawn at random: a claim undefined at 16 special points (x = 0, −1, … for log x
    on ℝ) is still looked at where it was drawn at random, where undefined is an error and not a note."""
    return np.concatenate([found[~random[found]][:PROBES], found[random[found]][:PROBES]])


SCREEN_BITS = 128


def certainly_real(screen: balls.BallEvaluator, at: ExactSample) -> bool:
    """Every expression's value at the sample's exact point lies in a finite real arb ball: it is defined and
    real there, certified (arb makes a log or a root of a ball that reaches below zero, and a division by one
    that holds zero, a non-finite ball, so those go on to mpmath). False where arb cannot tell or has no ball."""
    try:
        with enclose.precision(SCREEN_BITS):
            values = screen.entries(at.balls(), range(len(screen.exprs)))
    except (balls.Unsupported, ArithmeticError, ValueError):
        return False
    return all(isinstance(v, arb) and v.is_finite() for v in values)


def everywhere(inst: Instance, env: Env, exprs: list[sp.Expr], special: int, chosen: Chosen) -> Finding:
    """The expressions of a claim that has no two sides to compare (a function and its claimed derivative, an
    integrand), each of which must have a real value at every point of the domain: a random sample where one
    has none is an error that asks to narrow the domain; a special point only, a note (see :func:`probe`)."""
    values = numeric.compiled(inst.symbols, exprs)(env)
    ok = defined(values, is_real_claim(exprs))
    try:
        return probe(inst, env, (exprs, exprs), (ok, ok), special, chosen)
    except ClaimError as e:  # there are no two sides here: say what has no value
        raise ClaimError(str(e).replace("both sides are undefined", "the claim is undefined")) from None


def entries_everywhere(inst: Instance, env: Env, exprs: list[sp.Expr], s: Settings) -> Finding:
    """:func:`everywhere` on the samples of a check with settings s: the domains' special points and the
    corners drawn on purpose count as such (a note there, an error at a random sample)."""
    k = numeric.count(env)
    corners = round(k * s.corner_fraction) if s.points is None and inst.given else 0
    chosen = on_purpose(inst, env, corners)
    return everywhere(inst, env, exprs, numeric.count(specials(inst, k, s)), chosen)


def complex_gap(
    left: confirm.MpEvaluator, right: confirm.MpEvaluator, args: list[mpmath.mpf]
) -> tuple[str, str] | None:
    """Both sides complex: their values, if they differ clearly and alike at two precisions (log(x/y) is
    iπ and log x − log y is −iπ at x = 1, y = −1); None if they agree or it is not decided."""
    seen = []
    for dps in (confirm.HIGH_DPS, 2 * confirm.HIGH_DPS):
        with mpmath.workdps(dps):
            try:
                a, b = left(*args), right(*args)
            except Exception:  # the evaluator's limit: no information
                return None
            gap = max(abs(u - v) for u, v in zip(a, b, strict=True))
            scale = max([abs(u) for u in (*a, *b)] + [mpmath.mpf(1)])
            if gap <= mpmath.mpf(10) ** (10 - dps) * scale:
                return None
            seen.append((mpmath.nstr(a[0], 12), mpmath.nstr(b[0], 12)))
    return seen[-1] if seen[0] == seen[1] else None


def _both_complex(
    inst: Instance, env: Env, idx: int, sides: tuple[confirm.MpEvaluator, confirm.MpEvaluator], ordered: bool
) -> Finding | None:
    """Both sides complex at the sample: their gap, a counterexample where it is clear (:func:`complex_gap`);
    ordered (an inequality), an error: complex numbers have no order."""
    if ordered:
        at = point_text(point_values(inst, env, idx))
        raise ClaimError(f"both sides are complex at {at}, and complex numbers have no order: narrow the domain "
                         "to where they are real, or compare real numbers (a real part, a modulus |z|)")  # fmt: skip
    seen = complex_gap(*sides, mp_args(inst, env, idx))
    return None if seen is None else _complex_counterexample(inst, env, idx, seen)


def _complex_counterexample(inst: Instance, env: Env, idx: int, seen: tuple[str, str]) -> Finding:
    where = point_text(point_values(inst, env, idx))
    reason = f"both sides are complex (undefined in ℝ) at {where}, and they differ: {seen[0]} and {seen[1]}"
    cx = Counterexample(
        n=inst.claim.n, values=point_values(inst, env, idx), claimed=seen[1], observed=seen[0], relation="=",
        error="complex sides that differ", digits=2 * confirm.HIGH_DPS, note=reason,
    )  # fmt: skip
    return Finding(cx, reason)


def exactly_undefined(side: list[sp.Expr], point: dict[sp.Symbol, sp.Rational], seen: State | None) -> State | None:
    """An undefined state from mpmath confirmed exactly: a division by an exact zero leaves zoo or nan in
    sympy's exact value (1 − σ(1598) is 0 at 400 digits, never exactly); None if it does not."""
    if seen is not State.UNDEFINED:
        return seen
    if _operations(tuple(side)) > MAX_EXACT_OPS:
        return None
    try:  # a ValueError is sympy refusing the point as outside the function's domain (factorial2 of 1/3)
        rows = [resolved(sp.sympify(e), point) for e in side]  # a Piecewise as the row it takes (exact_value)
        if any(v is True for v in rows):
            return State.UNDEFINED
        values = [v.xreplace(point) for v in rows if isinstance(v, sp.Basic)]
    except ValueError:
        return State.UNDEFINED
    return State.UNDEFINED if any(v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) for v in values) else None


@functools.lru_cache(maxsize=256)
def _operations(side: tuple[sp.Expr, ...]) -> int:
    """The size of a side, counted once: the same sides come back at every undefined sample."""
    return sum(sp.count_ops(e) for e in side)


def is_special(inst: Instance, env: Env, idx: int) -> bool:
    """The sample idx is made of its domains' special points (0, endpoints, I, ...), whatever its index."""
    for g in inst.given:
        entries = list(g.target) if isinstance(g.target, sp.MatrixBase) else [g.target]
        if not all(isinstance(e, sp.Symbol) and e in env for e in entries):
            return False
        block = np.array([env[e][idx] for e in entries], dtype=float)
        specials = g.domain.special_points(g.shape).reshape(-1, len(entries))
        if not any(np.array_equal(block, row) for row in specials):
            return False
    return True


def _counterexample(inst: Instance, env: Env, idx: int, sides: Sides, states: tuple[State, State]) -> Finding:
    bad = 0 if states[0] is not State.REAL else 1
    name, what = ("left", "right")[bad], states[bad].value
    where = point_text(point_values(inst, env, idx))
    why = culprit(sides[bad], exact_point(inst, env, idx))
    reason = f"the {name} side is {what}{' (undefined in ℝ)' if what == 'complex' else ''} at {where}"
    reason += f": {why}" if why else ""
    texts = ["defined", "defined"]
    texts[bad] = what
    cx = Counterexample(
        n=inst.claim.n, values=point_values(inst, env, idx), claimed=f"right side {texts[1]}",
        observed=f"left side {texts[0]}", relation="both sides defined and equal", error=what,
        digits=confirm.HIGH_DPS, note=reason,
    )  # fmt: skip
    return Finding(cx, reason)


def _both_undefined(inst: Instance, env: Env, found: list[int], special: int, seen: int, nowhere: bool) -> Finding:
    if not seen:
        return Finding()
    if not found:
        return Finding(
            note=f"{UNDEFINED_NOTE} {seen} sample(s) drawn on purpose (simple values, corners); not checked there"
        )
    where = point_text(point_values(inst, env, found[0]))
    random = [i for i in found if i >= special and not is_special(inst, env, i)]
    if random:
        at = point_text(point_values(inst, env, random[0]))
        raise ClaimError(NOWHERE.format(at=at) if nowhere else (
            f"both sides are undefined (or complex) at {at}, a random point of the domain, and at "
            f"{len(found) - 1} other sample(s): the claim is undefined on part of its domain; narrow the domain"
        ))  # fmt: skip
    return Finding(note=f"{UNDEFINED_NOTE} {where}; not checked there")


def point_text(values: dict[str, object]) -> str:
    return ", ".join(f"{k} = {_short(v)}" for k, v in values.items())


def _short(v: object) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_short(x) for x in v) + "]"
    x = float(v)  # type: ignore[arg-type]
    if x.is_integer():
        return str(int(x))
    text = f"{x:.6g}"
    near = abs(float(text) - x) < 1e-9 * max(1.0, abs(x))  # 1.0000000000009999 is not "1": shown in full
    return repr(x) if near and float(text) != x else text


def refuted(finding: Finding, ev: NumericEvidence) -> NumericOutcome:
    """The outcome of a check whose undefined samples gave a counterexample."""
    return NumericOutcome(NumericVerdict.FAIL, ev, finding.counterexample, finding.reason, exact=finding.exact)


def noted(finding: Finding, outcome: NumericOutcome) -> NumericOutcome:
    """The check's outcome, with the finding's note (if any) joined to its evidence."""
    if finding.note:
        note = f"{outcome.evidence.note}; {finding.note}" if outcome.evidence.note else finding.note
        outcome.evidence = dataclasses.replace(outcome.evidence, note=note)
    return outcome


def is_definedness(cx: Counterexample | None) -> bool:
    """A counterexample where a side is undefined or complex, not where two values differ: a symbolic
    proof of the identity where both sides are defined (a rational function's) does not contradict it."""
    return cx is not None and cx.error in (State.UNDEFINED.value, State.COMPLEX.value)
