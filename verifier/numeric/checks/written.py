"""The divisors a claim in matrix notation is written with, as entries the numeric checks sample.

A side written with an inverted matrix or a divisor holding a matrix's entry is undefined where that divisor is 0,
though the side made explicit may have cancelled it: det(A)·(A⁻¹)₁₁ is A₂₂ once made explicit, and is undefined at
every singular A (`instantiate.written_divisors`). Each such divisor d joins its side as 0·(1/d), unevaluated: 0
where d is not 0, and undefined where it is, so the definedness probe finds a point such as A = 0 as it finds any
pole, and confirms it exactly (an exact zero divisor, never round-off). The comparison of the sides never sees them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np
import sympy as sp

from verifier.numeric import batch as numeric
from verifier.numeric.batch import Env
from verifier.numeric.checks import definedness
from verifier.numeric.checks.definedness import Finding, Sides
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import Settings, sample, specials
from verifier.outcome import NumericEvidence
from verifier.trusted.divisors import written_divisors
from verifier.trusted.instantiate import Instance

Guards = tuple[list[sp.Expr], ...]  # each declared side's 0·(1/d), from guards()


def undefined_at_zero(divisor: sp.Expr) -> sp.Expr:
    """0·(1/divisor), unevaluated: 0 beside the other side's 0 where the divisor is not 0, undefined where it is. A
    side written with a divisor its explicit form cancelled (det(A)·A⁻¹ = adj A) is undefined where the divisor is
    0, though no entry of it shows that: the definedness probe finds such a point (A = 0) as for any side."""
    return sp.Mul(sp.Integer(0), sp.Pow(divisor, -1), evaluate=False)


def guards(inst: Instance) -> Guards:
    """For each declared side of the claim (`instantiate.declared_sides`), 0·(1/d) for each divisor d it is written
    with; empty lists for a claim not written in matrix notation."""
    return tuple([undefined_at_zero(d) for d in side] for side in written_divisors(inst.claim))


def refined(inst: Instance, env: Env, sides: Sides, s: Settings, found: Finding, *, ordered: bool = False,
            names: Mapping[str, str] | None = None) -> Finding:  # fmt: skip
    """found, or where it has no counterexample, a point where a side is undefined by a divisor it is written with
    (A⁻¹A, cancelled by sympy while the claim was built, included: `divisors.written_divisors`)."""
    if found.counterexample is not None:
        return found
    at = probe(inst, env, sides, guards(inst), s, ordered, names)
    return at if at.counterexample is not None else found


WHOLE = {"the left side": "the claim as written", "right side defined": "claim defined",
         "left side undefined": "claim as written undefined"}  # fmt: skip


def undefined_as_written(inst: Instance, rng: np.random.Generator, s: Settings) -> NumericOutcome | None:
    """For a claim with no two sides to compare (PSD, convexity, an expectation): a FAIL at a sample where a divisor
    it is written with, or an inverse sympy cancelled while building it, is 0 (PSD(A⁻¹A) over every real A, at
    A = 0); None where it has none, or none is 0 at a sample (no sample is drawn for a claim with none)."""
    cut = [g for side in guards(inst) for g in side]
    cut = [g for g in cut if g.free_symbols <= set(inst.symbols)]  # a noise variable's divisor: E[·] decides it
    if not cut or s.points is not None:
        return None
    env = sample(inst, rng, s.samples, s)
    found = probe(inst, env, ([], []), (cut, []), s, names=WHOLE)
    if found.counterexample is None:
        return None
    return definedness.refuted(found, NumericEvidence(inst.claim.n, "divisors as written", numeric.count(env), 0, 0))


DERIVATIVE = {
    "the left side": "f",
    "the right side": "the claimed derivative",
    "left side": "f",
    "right side": "derivative",
}


def probe(inst: Instance, env: Env, sides: Sides, written: Guards, s: Settings, ordered: bool = False,
          names: Mapping[str, str] | None = None) -> Finding:  # fmt: skip
    """A point of the samples where a side is undefined by a divisor it is written with (written: each side's
    guards, from :func:`guards`) and the other side is defined: the definedness probe of the sides with their
    guards joined, its words renamed as given (DERIVATIVE: f and the claimed derivative). Nothing to find (an
    empty Finding) for sides written with no divisor."""
    if len(written) != 2 or not (written[0] or written[1]):
        return Finding()
    found = _probe(inst, env, ([*sides[0], *written[0]], [*sides[1], *written[1]]), s, ordered)
    if found.counterexample is None or names is None:
        return found
    cx = found.counterexample
    named = dataclasses.replace(cx, claimed=_renamed(cx.claimed, names), observed=_renamed(cx.observed, names),
                                note=_renamed(cx.note, names))  # fmt: skip
    return dataclasses.replace(found, counterexample=named, reason=_renamed(found.reason, names))


def _renamed(text: str, names: Mapping[str, str]) -> str:
    for old, new in names.items():
        text = text.replace(old, new)
    return text


def _probe(inst: Instance, env: Env, sides: Sides, s: Settings, ordered: bool) -> Finding:
    left, right = sides
    values = numeric.compiled(inst.symbols, [*left, *right])(env)
    real = ordered or definedness.is_real_claim([*left, *right])
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        ok = definedness.defined(values[:, : len(left)], real), definedness.defined(values[:, len(left) :], real)
    special = numeric.count(specials(inst, s.samples, s))
    return definedness.probe(inst, env, (left, right), ok, special, ordered=ordered)
