"""An engine inconsistency: a confirmed counterexample, and a cheap symbolic proof of the same claim at that n.

A proof that leaves the counterexample's point out does not contradict it. A derivative of a Piecewise is
proved case by case, not at the boundaries between cases (rules.KINKS): where f is differentiable at such a
boundary and the claimed value there is not f′ (`numeric/checks/switch_slopes.py`: (eˣ − 1)/x continued by 1
at 0, claimed slope 0 there), the claim is false at that point and the case-by-case proof still holds away
from it. That counterexample is the claim's refutation, not the engine contradicting itself.
"""

from __future__ import annotations

from verifier.language.families import ClaimFamily
from verifier.numeric.checks.switch_slopes import at_a_switch
from verifier.outcome import Counterexample
from verifier.strategies import ladder, rungs
from verifier.trusted.instantiate import Instance
from verifier.trusted.kernel import Proof
from verifier.trusted.kernel.rules import KINKS

PROBE_BUDGET = 60  # the cheap symbolic probe at a refuted n


def probe(inst: Instance, family: ClaimFamily, n: int | None, cx: Counterexample | None) -> Proof | None:
    """A cheap symbolic attempt at the refuted n that proves the claim where the counterexample lies, or None."""
    if n not in family.n_values:
        return None
    proof = ladder.prove(inst, PROBE_BUDGET, rungs=rungs.CHEAP_RUNGS).proof
    if proof is not None and at_a_switch(cx) and KINKS in proof.assumptions:
        return None  # proved case by case, not at the switch where the counterexample lies
    return proof
