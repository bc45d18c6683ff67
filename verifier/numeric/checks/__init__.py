"""The numeric spot check of each claim kind, with high-precision confirmation.

Each check samples the claim's domains (:mod:`.sampling`), evaluates both sides in one
vectorised batch, and nominates suspects beyond the round-off tolerance; :mod:`.resolve`
confirms them in mpmath, and only a confirmed one becomes a counterexample. Every check
returns a :class:`NumericOutcome`: pass, fail (with a confirmed counterexample) or
inconclusive (with the reason).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np

from verifier.language import random_functions
from verifier.language.claims import PSD, Convergence, Convex, Derivative, Expectation, Identity, Inequality, Limit
from verifier.language.stepwise import Implication
from verifier.numeric import batch as numeric
from verifier.numeric.checks import enclosure, written
from verifier.numeric.checks.constant import check_constant, is_constant
from verifier.numeric.checks.convergence import check_convergence
from verifier.numeric.checks.convex import check_convex
from verifier.numeric.checks.derivative import check_derivative
from verifier.numeric.checks.expectation import check_expectation
from verifier.numeric.checks.identity import check_identity
from verifier.numeric.checks.implication import check_implication
from verifier.numeric.checks.inequality import check_inequality
from verifier.numeric.checks.limit import check_limit
from verifier.numeric.checks.psd import check_psd
from verifier.numeric.checks.resolve import NO_EVIDENCE, NumericOutcome
from verifier.numeric.checks.sampling import Settings
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import Instance, instantiate

CHECKS: dict[type, Callable[..., NumericOutcome]] = {
    Identity: check_identity,
    Derivative: check_derivative,
    PSD: check_psd,
    Inequality: check_inequality,
    Expectation: check_expectation,
    Convergence: check_convergence,
    Convex: check_convex,
    Limit: check_limit,
    Implication: check_implication,
}
REDRAWS = 2  # fresh batches drawn in place of one whose only doubt is undecidable samples


def spot_check(inst: Instance, rng: np.random.Generator, settings: Settings) -> NumericOutcome:
    """The numeric verdict on one instance; undefined functions become random smooth ones."""
    body = inst.claim.body
    parts = body.parts()
    functions = random_functions.undefined_functions(parts) if numeric.kinds(parts).arbitrary else {}
    if functions:  # arbitrary smooth functions: check random concrete instances
        table = {fn: random_functions.random_smooth(arity, rng) for fn, arity in functions.items()}
        concrete = body.map_parts(lambda obj: random_functions.concretise(obj, table))
        inst = instantiate(dataclasses.replace(inst.claim, body=concrete))
        outcome = CHECKS[type(concrete)](inst, concrete, rng, settings)
        outcome.evidence = dataclasses.replace(
            outcome.evidence,
            note="generic functions "
            + ", ".join(sorted(str(f) for f in functions))
            + " replaced by random smooth functions",
        )
        return outcome
    if isinstance(body, PSD | Convex | Expectation) and (
        undefined := written.undefined_as_written(inst, rng, settings)
    ):
        return undefined  # PSD(A⁻¹A) over every real A: undefined at A = 0 as written, though the matrix is I
    if is_constant(inst):  # numbers against numbers: exactly or in high precision, never by floats
        return check_constant(inst)
    outcome = _replacing_undecided(lambda: CHECKS[type(body)](inst, body, rng, settings), settings)
    if outcome.verdict is NumericVerdict.PASS and settings.points is None:  # gaps and bumps the samples miss
        outcome = enclosure.search_claim(inst, outcome)
    return _without_floats(inst, outcome)


def _without_floats(inst: Instance, outcome: NumericOutcome) -> NumericOutcome:
    """No verdict but a refutation where a domain is an interval float samples cannot cover (one that holds no
    float, or one only): every sample lies outside it, or at one point of it. A counterexample found there was shown
    to lie in the domain exactly (resolve.in_domain_only, ends.py), so stays; a pass, or any other doubt, is
    replaced by this one."""
    if outcome.verdict is NumericVerdict.FAIL:
        return outcome
    for g in inst.given:
        covered = getattr(g.domain, "covered_by_floats", None)
        if covered is not None and not covered():
            why = (
                f"{NO_EVIDENCE}: {g.label} ∈ {g.domain.describe()}, an interval that float samples cannot cover "
                f"(it holds one float at most, or lies beyond their reach); write {g.label} as an offset and a "
                "scale of a wider variable"
            )
            return NumericOutcome(NumericVerdict.INCONCLUSIVE, outcome.evidence, reason=why)
    return outcome


def _replacing_undecided(run: Callable[[], NumericOutcome], settings: Settings) -> NumericOutcome:
    """A batch whose only doubt is samples that high precision cannot decide (values past 10^2000,
    not finite there) is replaced by a fresh batch from the same generator, so such a sample is not
    the verdict: the verdict is the new batch's, which says how many samples it replaced."""
    outcome = run()
    replaced = 0
    for _ in range(REDRAWS):
        if outcome.verdict is not NumericVerdict.INCONCLUSIVE or not outcome.undecided or settings.points is not None:
            break
        replaced += outcome.undecided
        outcome = run()
    if replaced and outcome.verdict is not NumericVerdict.INCONCLUSIVE:
        note = f"{replaced} undecidable sample(s) replaced by a fresh batch"
        joined = f"{outcome.evidence.note}; {note}" if outcome.evidence.note else note
        outcome.evidence = dataclasses.replace(outcome.evidence, note=joined)
    return outcome


__all__ = ["CHECKS", "NumericOutcome", "Settings", "spot_check"]
