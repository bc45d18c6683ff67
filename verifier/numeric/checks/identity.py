"""The numeric check of an Identity: both sides sampled and compared entry by entry."""

from __future__ import annotations

import numpy as np
import sympy as sp
from flint import arb

from verifier.language.claims import Identity
from verifier.numeric import balls, confirm
from verifier.numeric import batch as numeric
from verifier.numeric.checks import cancelled, case_points, definedness, lattice, poles, written
from verifier.numeric.checks.resolve import NumericOutcome, admit_real, evidence, opaque_outcome, resolve
from verifier.numeric.checks.sampling import ExactSample, Settings, sample, specials
from verifier.numeric.confirm import Confirmation
from verifier.trusted.divisors import written_divisors
from verifier.trusted.instantiate import Instance, as_matrix


def check_identity(inst: Instance, body: Identity, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    lhs, rhs = list(as_matrix(body.lhs)), list(as_matrix(body.rhs))
    left, right = written_divisors(inst.claim)
    lhs += [written.undefined_at_zero(d) for d in left] + [sp.Integer(0)] * len(right)
    rhs += [sp.Integer(0)] * len(left) + [written.undefined_at_zero(d) for d in right]
    return _compare_sides(inst, lhs, rhs, rng, s, "float64 batch")


def _compare_sides(
    inst: Instance, lhs: list[sp.Expr], rhs: list[sp.Expr], rng: np.random.Generator, s: Settings, method: str
) -> NumericOutcome:
    m = len(lhs)
    sizes = [numeric.magnitude(a) + numeric.magnitude(b) for a, b in zip(lhs, rhs, strict=True)]
    fn = numeric.compiled(inst.symbols, lhs + rhs + sizes)
    env = sample(inst, rng, s.samples, s)
    out = fn(env)
    underflowed, noisy = fn.underflowed, fn(numeric.perturbed(env, rng))  # complex values are compared in full
    cmp = numeric.compare(out[:, :m], out[:, m : 2 * m], noisy[:, :m], noisy[:, m : 2 * m], terms=out[:, 2 * m :].real)
    numeric.blinded(cmp, underflowed, [fn], env)
    if numeric.has_opaque(lhs + rhs):
        return opaque_outcome(inst, cmp, method)
    real = definedness.is_real_claim(lhs + rhs)
    ok = definedness.defined(out[:, :m], real), definedness.defined(out[:, m : 2 * m], real)
    cmp.valid &= ok[0] & ok[1]
    found = definedness.probe(inst, env, (lhs, rhs), ok, numeric.count(specials(inst, s.samples, s)))
    exact = s.points is None or s.premise is not None  # points of a premise: the poles where it holds
    if found.counterexample is None and exact and (pole := poles.probe(inst, (lhs, rhs), s.premise)).counterexample:
        found = pole  # an isolated point where one side is undefined, which no sample can hit
    if found.counterexample is None and (hit := lattice.probe(inst, env, (lhs, rhs))).counterexample is not None:
        found = hit  # a sample on a pole of Γ that floats passed (Γ(1)/Γ(0) = 0)
    if found.counterexample is None and exact:  # a point a Piecewise condition names (x = 1/3), where no sample lands
        named = case_points.probe(inst, lhs, rhs, s.premise)  # and where an implication's premise holds
        found = named if named.counterexample is not None else found
    mp_fn = confirm.mp_compile(inst.symbols, lhs + rhs)
    ball_fn = balls.BallEvaluator(inst.symbols, lhs + rhs)

    def decide_at(idx: int) -> Confirmation:
        at = ExactSample(inst, env, idx)
        entries = cmp.suspect_entries(idx)
        wanted = [*entries, *(m + e for e in entries)]

        def sides() -> tuple[list, list]:
            vals = mp_fn.entries(at.mp, wanted)
            return vals[: len(entries)], vals[len(entries) :]

        def enclosed() -> tuple[list, list, arb]:
            vals = ball_fn.entries(at.balls(), wanted)
            return vals[: len(entries)], vals[len(entries) :], arb(0)

        return confirm.decide(sides, balls=enclosed)

    if found.counterexample is not None:
        return definedness.refuted(found, evidence(inst, method, cmp, 0))
    admit_real(cmp, found.real)  # float NaN, real in high precision: decided there like a suspect
    outcome = definedness.noted(found, resolve(inst, env, cmp, method, decide_at))
    return cancelled.unless_undecided(inst, (lhs, rhs), outcome, exact, ("one side", "the other"))
