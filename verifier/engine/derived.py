"""The engine's verdicts on the claims a diagnosis derives from a refuted one (verifier/engine/diagnose.py).

Each is an ordinary claim, verified by verify_one with the diagnosis, the shrinker and the probe off, at most
MAX_VERIFIED of them, each under the settings' own budget; a wall clock (settings.diagnose_seconds) is only a safety
net against a verification the budget does not stop.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

from verifier.engine import built
from verifier.language import families, lowering
from verifier.language.claims import Inequality, Statement
from verifier.language.domains import SPD, Domain, Invertible, Orthogonal
from verifier.language.families import ClaimFamily
from verifier.outcome import ClaimResult, Expect, Status
from verifier.strategies import memory
from verifier.trusted.divisors import sides_as_written

VerifyOne = Callable[[ClaimFamily, Any, str], ClaimResult]
MAX_VERIFIED = 10  # claims verified by the engine: the work budget
SAFETY_SECONDS = 30.0  # wall-clock safety net (settings.diagnose_seconds), not a measure: the counts bound the work


class Verifier:
    """Verifies derived claims for one diagnosis, counted against the work budget (no probe: see EngineSettings)."""

    def __init__(self, family: ClaimFamily, n: int | None, settings: Any, verify_one: VerifyOne) -> None:
        self.family, self.n, self.verify_one = family, n, verify_one
        quiet = {"diagnose": False, "shrink": False, "probe": False}
        self.settings = dataclasses.replace(settings, **quiet, samples=min(settings.samples, 60))
        self.deadline = time.monotonic() + float(getattr(settings, "diagnose_seconds", SAFETY_SECONDS))
        if getattr(settings, "diagnose_until", None) is not None:  # the claim's hard time limit comes first
            self.deadline = min(self.deadline, settings.diagnose_until)
        self.left, self.cut = MAX_VERIFIED, False  # cut: the safety net fired
        self.ratio_status: Status | None = None  # the engine's verdict on left = c · right, once verified

    def status(
        self, body: Statement | None, n_values: tuple[int | None, ...] | None = None, family: ClaimFamily | None = None
    ) -> Status | None:
        """The engine's verdict on body at the refuted size (or on a family at n_values); None past the budget."""
        if self.left <= 0:
            return None
        if time.monotonic() > self.deadline:
            self.cut = True
            return None
        self.left -= 1
        family = family or self.family
        builder = built.answers(family) if body is None else (lambda *_: body)
        derived = dataclasses.replace(
            family, name=f"{self.family.name}.diagnosis", builder=builder, n_values=n_values or (self.n,),
            numeric_n=(), expect=Expect.HOLDS, planted=None, reread=None,
        )  # fmt: skip
        return self.verify_one(derived, self.settings, "").status

    def divisors_left(self, domains: dict[str, Domain]) -> bool:
        """Whether the refuted claim as written (in matrix notation) still has a divisor that may be 0 with the
        domains narrowed as given by label (det(A + 2I)·(A + 2I)⁻¹ = adj(A + 2I) with A invertible: det(A + 2I),
        A = −2I being invertible). The derived claims are built from the claim made explicit, where such a divisor
        is cancelled (adj = adj, PROVED), so "holds if A is invertible" is not offered while one is left."""
        try:
            written = self.family.build(self.n).as_written
        except Exception as err:  # the builder is user code; a diagnosis is optional
            return memory.noted(err, True)
        if written is None:
            return False
        kept = (SPD, Invertible, Orthogonal)
        invertible = [g.target for g in written.given() if isinstance(domains.get(g.label, g.domain), kept)]
        return any(lowering.written_divisors(side, invertible) for side in sides_as_written(written))


def with_relation(family: ClaimFamily, op: str) -> ClaimFamily:
    """The refuted inequality with its relation op at every size (a relation repair, verified at each)."""

    def builder(*n: Any) -> Any:
        body = families.call(family.builder, *n)
        if not isinstance(body, Inequality):
            raise TypeError("a relation repair edits an inequality")
        return dataclasses.replace(body, op=op)

    return dataclasses.replace(family, builder=builder)
