"""False alarms, measured: run the numeric check of every claim that holds under many seeds.

A false alarm is a REFUTED verdict on a true claim. The requirement is zero. Three margins
show how far each claim stayed from one:

- float margin: worst float error / round-off tolerance over every sample. Above 1, float
  alone would have raised a suspect; every such sample is recomputed at 50 and 100 digits.
- residual margin: the same ratio over the samples that were not recomputed (at most 1
  when the check passes).
- 100-digit margin: over the recomputed samples, the gap left in high precision divided by
  the gap that would confirm a counterexample. Only a value of at least 1 (and stable
  across precisions) becomes REFUTED.

Only the numeric side can raise an alarm, so the symbolic ladder is not run here. One
worker runs all seeds of a claim, so each claim is compiled once. Seeds run from the
settings' seed onwards, so a long measurement can be split into shards.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Any

from verifier.engine import EngineSettings, rng_for
from verifier.language.claims import Corollary
from verifier.language.families import Claim, ClaimFamily
from verifier.language.stepwise import Chain
from verifier.numeric.checks import spot_check
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import instantiate


@dataclass
class AlarmStats:
    derivation: str
    name: str
    seeds: int = 0
    first_seed: int = 0
    samples: int = 0
    false_alarms: int = 0
    inconclusive: int = 0
    escalated: int = 0
    worst_margin: float = 0.0
    float_margin: float = 0.0
    precise_margin: float = 0.0
    unescalated: int = 0
    alarm_seeds: list[int] = field(default_factory=list)
    seconds: float = 0.0
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def measure_family(family: ClaimFamily, settings: EngineSettings, seeds: int) -> AlarmStats:
    stats = AlarmStats(family.derivation, family.name)
    started = time.monotonic()
    try:
        claims = [family.build(n) for n in family.all_n]
    except Exception as err:
        stats.error = f"builder raised {type(err).__name__}: {err}"
        return stats
    if any(isinstance(c.body, Corollary) for c in claims):
        stats.error = "corollary: no numerics of its own"
        return stats
    checked = [
        (n, f, instantiate(c)) for n, claim in zip(family.all_n, claims, strict=True) for f, c in _parts(family, claim)
    ]
    stats.first_seed = settings.seed
    for seed in range(settings.seed, settings.seed + seeds):
        numeric = dataclasses.replace(settings, seed=seed).numeric()
        for n, part, inst in checked:
            outcome = spot_check(inst, rng_for(part, seed, n), numeric)
            ev = outcome.evidence
            stats.samples += ev.samples
            stats.escalated += ev.escalated
            if outcome.verdict is NumericVerdict.PASS:
                stats.worst_margin = max(stats.worst_margin, ev.margin)
                stats.float_margin = max(stats.float_margin, ev.float_margin)
                stats.precise_margin = max(stats.precise_margin, ev.precise_margin)
                stats.unescalated += ev.unescalated
            if outcome.verdict is NumericVerdict.FAIL:
                stats.false_alarms += 1
                stats.alarm_seeds.append(seed)
            elif outcome.verdict is NumericVerdict.INCONCLUSIVE:
                stats.inconclusive += 1
        stats.seeds += 1
    stats.seconds = time.monotonic() - started
    return stats


def _parts(family: ClaimFamily, claim: Claim) -> list[tuple[ClaimFamily, Claim]]:
    """What the engine spot-checks: the claim, or each step of a chain as the claim of its own that
    `verifier.engine.chains` makes of it (same name, so the same random stream)."""
    if not isinstance(claim.body, Chain):
        return [(family, claim)]
    chain = claim.body
    return [
        (
            dataclasses.replace(family, name=f"{family.name}.step{i + 1}"),
            dataclasses.replace(claim, body=chain.step_statement(i)),
        )
        for i in range(len(chain.steps))
    ]
