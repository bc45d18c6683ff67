"""From a batch of float comparisons to a verdict: suspects confirmed in high precision.

Suspects beyond the round-off tolerance are re-evaluated in mpmath (see
:mod:`verifier.numeric.confirm`); only a confirmed one becomes a counterexample. NaN and
infinite samples carry no information: they are skipped and counted, unless both sides are real in high
precision there (:func:`admit_real`): then they are decided like suspects. Once one suspect is
confirmed the verdict is FAIL, and only the suspects simpler than it are recomputed, for the
counterexample shown (:func:`recompute`). Over the library's 1,147 refutations (the shrinker's
included), that is 1,431 suspects recomputed where all of them took 20,154, for the same counterexamples.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy as sp

from verifier.language.claims import PSD, Derivative, Expectation, Identity, Inequality
from verifier.language.text import plural, rational_text
from verifier.numeric.batch import BatchComparison, Env, kinds
from verifier.numeric.checks.sampling import in_domain_only, point_values, simplicity
from verifier.numeric.confirm import Confirmation, Decision
from verifier.outcome import Counterexample, NumericEvidence, NumericVerdict
from verifier.trusted.instantiate import Instance, as_matrix

MAX_CONFIRMATIONS = 64  # suspects recomputed in high precision at most, at the default 200 samples ...
UNDERFLOW_NOTE = "underflow:"  # the evidence's note on blind samples (_blind_noted), which the reason repeats
CONFIRMED_SHARE = 4  # ... and one sample in this many beyond: more samples must not leave more unrecomputed
NEAR_MISSES = 2  # samples below the float tolerance recomputed in high precision, on an exact claim
NEAR_MARGIN = 1 / 16  # ... if their error is at least this fraction of the tolerance (round-off is far below)

NOWHERE_DEFINED = "every sample was NaN or infinite"
NO_EVIDENCE = "no evidence"


@dataclass
class NumericOutcome:
    """What a numeric check concluded at one n; a FAIL carries its confirmed counterexample."""

    verdict: NumericVerdict
    evidence: NumericEvidence
    counterexample: Counterexample | None = None
    reason: str = ""
    series: dict[str, list[float]] | None = None
    undecided: int = 0  # inconclusive only because this many samples could not be decided in high precision
    exact: dict[sp.Symbol, sp.Expr] | None = None  # a counterexample's point found exactly (its values show floats)


def exact_confirmation(gap: sp.Rational, strict: bool) -> Confirmation:
    text = rational_text(gap)
    violated = gap <= 0 if strict else gap < 0
    decision = Decision.CONFIRMED if violated else Decision.NOISE
    return Confirmation(decision, text, "0", text, float(gap), digits=0)  # 0 digits: decided exactly


def evidence(inst: Instance, method: str, cmp: BatchComparison, escalated: int, note: str = "") -> NumericEvidence:
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
        unrecomputed_margin=_finite(cmp.worst_margin()),
    )


def admit_real(cmp: BatchComparison, real: list[int]) -> None:
    """Samples where floats have no value but both sides are real in high precision (Finding.real): wide suspects,
    which float64 says nothing about, decided in high precision within the suspects' cap (a confirmed one refutes,
    an agreeing one is evidence). Skipped as NaN, binomial(k, 3) ≥ 0 on −20..20 was CHECKED (scipy's binom(−3, 3)
    is NaN; binomial(−3, 3) = −10), and Γ(s, 1) ≥ 1/5 on [−1, 1] too (helper-77)."""
    for idx in real:
        if not cmp.valid[idx]:
            cmp.valid[idx] = True
            cmp.error[idx] = 0.0
            for sizes in (cmp.scale, cmp.reference):  # finite, so that the tolerance makes it wide
                if sizes is not None and not math.isfinite(sizes[idx]):
                    sizes[idx] = 0.0
            cmp.tolerance[idx] = max(float(cmp.magnitude[idx]), 1.0)
            if cmp.entry_margin is not None:
                cmp.entry_margin[idx] = np.where(np.isfinite(cmp.entry_margin[idx]), cmp.entry_margin[idx], 0.0)


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


def resolve(
    inst: Instance,
    env: Env,
    cmp: BatchComparison,
    method: str,
    decide_at: Callable[[int], Confirmation],
    describe: str = "",
    exact_at_any_error: bool = False,
    closeness: np.ndarray | None = None,
) -> NumericOutcome:
    """Confirm the worst suspects in high precision (up to the first confirmed, then the simpler ones: `recompute`)
    and turn the batch into an outcome.

    exact_at_any_error: on an exact claim, the near misses recomputed are the largest errors whatever
    their size, 0 included (sides computed from exact formulas that floats cannot tell apart); with closeness
    (lower: nearer to failing, as an inequality's relative gap), the closest samples instead of the first."""
    if not cmp.valid.any():
        ev = evidence(inst, method, cmp, 0)
        return NumericOutcome(
            NumericVerdict.INCONCLUSIVE,
            ev,
            reason=f"{NOWHERE_DEFINED}; check the domains (log of a negative? division by zero?)",
        )
    decide_at = in_domain_only(inst, env, decide_at)  # a counterexample must lie in the domain, exactly
    float_margin = _finite(cmp.worst_margin())
    picked = _spread(cmp.suspects, max(MAX_CONFIRMATIONS, len(cmp.valid) // CONFIRMED_SHARE))
    done = Recomputed(_without_unpicked_wide(cmp, picked))
    recompute(done, cmp, picked, decide_at, lambda i: simplicity(point_values(inst, env, i)))
    confirmed = done.confirmed
    if not confirmed and built_from_exact_numbers(inst):
        least = 0.0 if exact_at_any_error else NEAR_MARGIN
        confirmed = _confirmed_near_misses(cmp, picked, decide_at, least, closeness)
    ev = evidence(inst, method, cmp, done.escalated)
    ev = dataclasses.replace(
        ev,
        float_margin=float_margin,
        unescalated=max(0, len(done.suspects) - done.escalated),
        precise_margin=done.precise_margin,
    )
    if confirmed:
        return _refutation(inst, env, cmp, confirmed, ev, describe)
    return _blind_noted(cmp, _without_counterexample(cmp, ev, len(done.suspects), done.escalated, done.undecided))


def _blind_noted(cmp: BatchComparison, outcome: NumericOutcome) -> NumericOutcome:
    """The outcome, saying how many samples were blind (below floats' normal range) where there were some."""
    blind = 0 if cmp.blind is None else int(cmp.blind.sum())
    if blind:
        said = (
            f"{UNDERFLOW_NOTE} {plural(blind, 'sample')} fell below floats' normal range, where they cannot order the "
            "sides; they count only where high precision decided them, the rest are skipped"
        )
        note = f"{outcome.evidence.note}; {said}" if outcome.evidence.note else said
        outcome.evidence = dataclasses.replace(outcome.evidence, note=note)
        if outcome.verdict is NumericVerdict.INCONCLUSIVE:
            outcome.reason = f"{outcome.reason} ({said})"
    return outcome


def recompute(done: Recomputed, cmp: BatchComparison, picked: list[int],
              decide_at: Callable[[int], Confirmation], score: Callable[[int], float]) -> None:  # fmt: skip
    """The picked suspects in high precision, in turn, until one is confirmed (the worst: the verdict is then FAIL);
    after it, only those simpler than it (score: lower is simpler), for the counterexample shown."""
    for at, idx in enumerate(picked):
        done.decide(cmp, idx, decide_at(int(idx)))
        if done.confirmed:
            _confirm_simpler(done, cmp, picked[at + 1 :], decide_at, score)
            return


def _confirm_simpler(done: Recomputed, cmp: BatchComparison, rest: list[int],
                     decide_at: Callable[[int], Confirmation], score: Callable[[int], float]) -> None:  # fmt: skip
    """Once the worst suspect is confirmed (the verdict is then FAIL): of the rest, only those simpler than it, the
    simplest first, until one is confirmed. The counterexample shown is the simplest confirmed suspect, as if every
    one had been recomputed: each simpler suspect not recomputed comes after a confirmed one at least as simple, and a
    suspect no simpler than the worst loses to it (the worst comes first in the list)."""
    bar = score(done.confirmed[0][0])
    ranked = sorted((s, at, idx) for at, idx in enumerate(rest) if (s := score(idx)) < bar)
    for _, _, idx in ranked:
        done.decide(cmp, idx, decide_at(int(idx)))
        if len(done.confirmed) > 1:
            return


def _without_unpicked_wide(cmp: BatchComparison, picked: list[int]) -> np.ndarray:
    """The suspects, less the wide samples within tolerance that are not recomputed: no evidence either way."""
    suspects, wide = cmp.suspects, cmp.wide.copy()
    for idx in suspects:
        if wide[idx] and cmp.error[idx] <= cmp.tolerance[idx] and int(idx) not in picked:
            cmp.valid[idx] = False
    return np.array([i for i in suspects if cmp.valid[i]], dtype=int)


@dataclass
class Recomputed:
    """The suspects recomputed in high precision so far, and what each showed."""

    suspects: np.ndarray  # the valid suspects (a sample with no evidence leaves them)
    escalated: int = 0
    confirmed: list[tuple[int, Confirmation]] = dataclasses.field(default_factory=list)
    undecided: int = 0
    precise_margin: float = 0.0

    def decide(self, cmp: BatchComparison, idx: int, result: Confirmation) -> None:
        self.escalated += 1
        if result.decision is Decision.CONFIRMED:
            self.confirmed.append((int(idx), result))
        elif result.decision is Decision.UNDECIDED:
            self.undecided += 1
        elif result.decision is Decision.NO_EVIDENCE:  # skipped, like a NaN sample
            cmp.valid[idx] = False
            self.suspects = np.array([i for i in self.suspects if i != idx], dtype=int)
            self.escalated -= 1
        else:  # round-off: in high precision the sides agree, so the sample's error is none
            cmp.error[idx] = 0.0
            cmp.tolerance[idx] = min(cmp.tolerance[idx], max(cmp.scale[idx], 1e-300))
            self.precise_margin = max(self.precise_margin, _finite(result.closeness))


def _refutation(
    inst: Instance,
    env: Env,
    cmp: BatchComparison,
    confirmed: list[tuple[int, Confirmation]],
    ev: NumericEvidence,
    describe: str,
) -> NumericOutcome:
    """A FAIL at the simplest confirmed sample; the note names the worst one if that is another."""
    worst_idx, worst = confirmed[0]
    scored = [(simplicity(point_values(inst, env, i)), i, c) for i, c in confirmed]
    _, idx, conf = min(scored, key=lambda t: t[0])
    note = describe or ""
    if idx != worst_idx:
        note = (note + "; " if note else "") + f"worst sample is off by {worst.error} (relative {worst.relative:.3g})"
    claimed, observed, relation = read_sides(inst.claim.body, conf)
    cx = Counterexample(
        n=inst.claim.n,
        values=point_values(inst, env, idx),
        claimed=claimed,
        observed=observed,
        relation=relation,
        error=conf.error,
        digits=conf.digits,
        note=note,
        entries=differing_entries(inst.claim.body, cmp, idx),
    )
    return NumericOutcome(NumericVerdict.FAIL, ev, cx, f"sides differ by {conf.error} (relative {conf.relative:.3g})")


def _without_counterexample(
    cmp: BatchComparison, ev: NumericEvidence, suspects: int, escalated: int, undecided: int
) -> NumericOutcome:
    """PASS, or INCONCLUSIVE with why: no informative sample, suspects not recomputed or not decided."""
    if not cmp.valid.any():
        return NumericOutcome(NumericVerdict.INCONCLUSIVE, ev, reason=f"{NO_EVIDENCE}: no sample was informative")
    unchecked = suspects - escalated
    if unchecked > 0:
        return NumericOutcome(
            NumericVerdict.INCONCLUSIVE,
            ev,
            reason=f"{suspects} samples beyond the round-off tolerance; "
            f"{escalated} recomputed in high precision agreed, {unchecked} were not recomputed",
        )
    if undecided and suspects == escalated and undecided == escalated:
        return NumericOutcome(
            NumericVerdict.INCONCLUSIVE,
            ev,
            reason=f"{undecided} sample(s) beyond tolerance could not be decided in high precision",
            undecided=undecided,
        )
    if suspects > escalated and undecided:
        return NumericOutcome(
            NumericVerdict.INCONCLUSIVE,
            ev,
            reason=f"{suspects} samples beyond tolerance; {undecided} undecided in high precision",
        )
    return NumericOutcome(NumericVerdict.PASS, ev)


def read_sides(body: object, conf: Confirmation) -> tuple[str, str, str]:
    """(claimed, observed, relation) of a confirmed point, as the claim's kind orders its sides.

    An identity's check compares left (the truth) with right (the claimed value); a
    derivative's and an expectation's put the claimed value first; an inequality's and a
    PSD check's first side is the gap or the smallest eigenvalue, which must be ≥ 0.
    """
    if isinstance(body, Inequality):
        gap = "rhs − lhs" if body.op in ("<=", "<") else "lhs − rhs"
        return "", conf.lhs, f"{gap} {'>' if body.op in ('<', '>') else '≥'} 0"
    if isinstance(body, PSD):
        return "", conf.lhs, f"smallest eigenvalue {'>' if body.strict else '≥'} 0"
    if isinstance(body, Derivative | Expectation):
        return conf.lhs, conf.rhs, "="
    return conf.rhs, conf.lhs, "="


def differing_entries(body: object, cmp: BatchComparison, idx: int) -> tuple[tuple[int, ...], ...]:
    """The 1-based positions of a vector or matrix identity beyond tolerance at sample idx."""
    if not isinstance(body, Identity) or cmp.entry_margin is None:
        return ()
    shape = as_matrix(body.lhs).shape
    row = cmp.entry_margin[idx]
    if len(row) < 2 or len(row) != shape[0] * shape[1]:
        return ()
    picked = [int(i) for i in np.flatnonzero(row > 1)] or [int(np.argmax(row))]
    cols = shape[1]
    return tuple((i + 1,) if cols == 1 else (i // cols + 1, i % cols + 1) for i in picked)


def built_from_exact_numbers(inst: Instance) -> bool:
    """No float literal anywhere in the claim: its sides are exact, so any nonzero gap is real."""
    exprs = [p for p in inst.claim.body.parts() if isinstance(p, sp.Basic)]
    return not kinds(exprs).floats  # each distinct node once, and each claim's parts once


def _confirmed_near_misses(
    cmp: BatchComparison,
    done: list[int],
    decide_at: Callable[[int], Confirmation],
    least: float,
    closeness: np.ndarray | None = None,
) -> list[tuple[int, Confirmation]]:
    """The largest errors below the float tolerance (at least `least` of it), recomputed in high precision:
    on an exact claim, x·(1 + 10⁻¹⁴) = x errs by less than round-off at every sample, yet the gap is real; and
    (1 + 10⁻⁴⁰⁰) + x² ≤ 1 + x² has a gap of 0 in floats at every sample, which the closest samples decide."""
    if least > 0:
        margin = np.where(cmp.valid & (cmp.error > 0), cmp.error / cmp.tolerance, 0.0)
        ranked = np.argsort(-margin)
    else:  # every valid sample qualifies, an error of 0 too (the first, or closest, first); the invalid ones never
        margin = np.where(cmp.valid, cmp.error / cmp.tolerance, -1.0)
        ranked = np.argsort(-margin if closeness is None else closeness, kind="stable")
    order = [int(i) for i in ranked[:NEAR_MISSES] if margin[i] >= least and int(i) not in done]
    found = [(idx, decide_at(idx)) for idx in order]
    return [(idx, c) for idx, c in found if c.decision is Decision.CONFIRMED]


def opaque_outcome(inst: Instance, cmp: BatchComparison, method: str) -> NumericOutcome:
    ev = evidence(inst, method + " (numeric-only functions)", cmp, 0)
    bad = len(cmp.suspects)
    if bad:
        return NumericOutcome(
            NumericVerdict.INCONCLUSIVE,
            ev,
            reason=f"{bad} samples beyond tolerance; numeric-only functions cannot be confirmed in high precision",
        )
    return NumericOutcome(NumericVerdict.PASS, ev)
