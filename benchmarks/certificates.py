"""Section "certificates", certificate search: the time to find a sum of squares and have the kernel check it, per n.

Each cell runs `ladder.certificate_attempts` on one claim at one n, in its own worker with the
hard limit, under the engine's default symbolic budget: certify proposes certificates (Gram
structure, covariance on the simplex, LDLᵀ, for inequalities the same on the gap's quadratic
form) and the kernel checks each until one is accepted. The direct routes the ladder tries first
(Sylvester's minors up to 4×4, the gap's sign from the assumptions) are left out, so every n
measures the search. The cell records the time spent proposing and checking, the accepted
proposal and how many squares it has.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from benchmarks.config import BenchConfig, ClaimRef
from benchmarks.harness import Data, Progress, first_line, load_instance, resolve_claims, run_tasks
from verifier.engine import EngineSettings
from verifier.run import pool
from verifier.strategies import ladder
from verifier.strategies.budget import BudgetExceeded, WorkClock, budget, heartbeats

CLAIMS = (
    ClaimRef("XᵀX ⪰ 0", "convexity.py", ("gram_psd",)),
    ClaimRef("diag(p) − ppᵀ ⪰ 0 on Δ", "convexity.py", ("covariance_on_simplex",)),
    ClaimRef("log-sum-exp Hessian ⪰ 0", "convexity.py", ("log_sum_exp_convex",)),
    ClaimRef("Cauchy–Schwarz", "convexity.py", ("cauchy_schwarz",)),
)


class Outcome(StrEnum):
    FOUND = "found"  # the kernel accepted a proposal
    NOT_FOUND = "not found"  # every proposal was refused, or there was none
    BUDGET = "budget spent"  # the symbolic budget ran out first
    TIMED_OUT = "timed out"  # the hard limit stopped the worker
    ERROR = "error"
    SKIPPED = "skipped"  # timed out at a smaller n


@dataclass(frozen=True)
class CertificateCell:
    n: int
    outcome: Outcome
    seconds: float | None = None  # proposing plus checking
    propose_seconds: float | None = None
    check_seconds: float | None = None
    work: int | None = None  # heartbeats
    proposal: str = ""  # the accepted proposal
    squares: int | None = None
    tried: int = 0  # proposals checked, the accepted one included
    detail: str = ""

    @classmethod
    def from_json(cls, data: Data) -> CertificateCell:
        return cls(**{**data, "outcome": Outcome(data["outcome"])})


@dataclass(frozen=True)
class CertificateRow:
    label: str
    claim: str | None
    note: str
    cells: tuple[CertificateCell, ...]

    @classmethod
    def from_json(cls, data: Data) -> CertificateRow:
        cells = tuple(CertificateCell.from_json(c) for c in data["cells"])
        return cls(data["label"], data["claim"], data["note"], cells)


@dataclass(frozen=True)
class CertificateSection:
    n_values: tuple[int, ...]
    limit: float
    budget: int
    rows: tuple[CertificateRow, ...]

    def to_json(self) -> Data:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Data) -> CertificateSection:
        rows = tuple(CertificateRow.from_json(r) for r in data["rows"])
        return cls(tuple(data["n_values"]), data["limit"], data["budget"], rows)


def certificate_cell(path: str, name: str, n: int, units: int) -> CertificateCell:
    """certify's proposals, each checked by the kernel, until one is accepted or the budget runs out."""
    inst = load_instance(path, name, n)
    start, beats = time.perf_counter(), heartbeats()
    attempts: list[ladder.CertificateAttempt] = []
    outcome, detail = Outcome.NOT_FOUND, ""
    clock = WorkClock(units)
    try:
        with budget(units + units // 10 + 1):
            for attempt in ladder.certificate_attempts(inst, clock):
                attempts.append(attempt)
                if attempt.proof is not None:
                    outcome = Outcome.FOUND
                    break
    except BudgetExceeded:
        outcome = Outcome.BUDGET
    if outcome is Outcome.NOT_FOUND and clock.left() <= 0:  # certify stops proposing when the clock runs out
        outcome = Outcome.BUDGET
    seconds, work = time.perf_counter() - start, heartbeats() - beats
    accepted = attempts[-1] if outcome is Outcome.FOUND else None
    if outcome is Outcome.NOT_FOUND:
        detail = "; ".join(f"{a.name}: {first_line(a.why)}" for a in attempts)[:200] or "no proposal"
    return CertificateCell(
        n,
        outcome,
        seconds,
        sum(a.propose_seconds for a in attempts),
        sum(a.check_seconds for a in attempts),
        work,
        accepted.name if accepted else "",
        accepted.squares if accepted else None,
        len(attempts),
        detail,
    )


def _failed(n: int, value: pool.Failure, limit: float) -> CertificateCell:
    if value.kind is pool.FailureKind.TIMEOUT:
        return CertificateCell(n, Outcome.TIMED_OUT, detail=f"> {limit:g} s")
    return CertificateCell(n, Outcome.ERROR, detail=first_line(value.message))


def bench_certificates(config: BenchConfig, progress: Progress) -> CertificateSection:
    limit, units = config.cell_timeout, EngineSettings().budget
    claims = resolve_claims(config, progress, CLAIMS)
    found = [c for c in claims if c.claim is not None]
    cells: dict[str, list[CertificateCell]] = {c.label: [] for c in found}
    stuck: dict[str, int] = {}  # label → the n at which it timed out
    for n in config.certificate_n:
        key = {c.label: f"{c.label}|n={n}" for c in found}
        tasks = [
            pool.Task(key[c.label], certificate_cell, (c.path, c.claim, n, units))
            for c in found
            if c.label not in stuck
        ]
        values: dict[str, Any] = run_tasks(tasks, limit, config.memory_mb, progress)
        for c in found:
            value = values.get(key[c.label])
            if value is None:
                cell = CertificateCell(n, Outcome.SKIPPED, detail=f"timed out at n = {stuck[c.label]}")
            elif isinstance(value, pool.Failure):
                cell = _failed(n, value, limit)
                if value.kind is pool.FailureKind.TIMEOUT:
                    stuck[c.label] = n
            else:
                cell = value
            cells[c.label].append(cell)
    rows = tuple(CertificateRow(c.label, c.claim, c.note, tuple(cells.get(c.label, ()))) for c in claims)
    return CertificateSection(config.certificate_n, limit, units, rows)
