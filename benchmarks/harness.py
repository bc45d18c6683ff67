"""Running cells in workers, loading the benchmark claims, and the small types the sections share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from benchmarks.config import CLAIMS, BenchConfig, ClaimRef, library_file
from verifier.language.families import ClaimFamily
from verifier.load import loader
from verifier.run import pool
from verifier.strategies.budget import BudgetExceeded, cpu_limit
from verifier.trusted.instantiate import Instance, instantiate


class CellStatus(StrEnum):
    """What became of one measurement (stored as its string in benchmarks.json)."""

    OK = "ok"
    DECIDED = "decided"
    NOT_DECIDED = "not decided"
    TIMED_OUT = "timed out"
    SKIPPED = "skipped"
    ERROR = "error"


Cell = dict[str, Any]
Data = dict[str, Any]
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Ratio:
    """slow ÷ fast; `bound` is "exact", or "lower" when the slow side only gave a bound."""

    value: float
    bound: str

    def to_json(self) -> Data:
        return asdict(self)


@dataclass(frozen=True)
class ResolvedClaim:
    """A benchmark claim found in its file, or (claim None) the note saying why it is skipped."""

    label: str
    path: str
    claim: str | None
    note: str = ""

    def to_json(self) -> Data:
        return asdict(self)


# ----------------------------------------------------------------------------- in the workers


class SoftLimit(BaseException):
    """A baseline loop's soft time limit ran out (a BaseException, so sympy cannot swallow it)."""


@contextmanager
def soft_limit(seconds: float) -> Iterator[None]:
    """Raise SoftLimit inside the block after `seconds` of CPU time; for a worker's main thread.

    The benchmark's own limit (the engine's CPU timer, re-raised as SoftLimit), so the
    baselines do not depend on how the engine budgets its symbolic work.
    """
    if seconds <= 0:
        raise SoftLimit()
    try:
        with cpu_limit(seconds):
            yield
    except BudgetExceeded:
        raise SoftLimit() from None


def load_family(path: str, name: str) -> ClaimFamily:
    return next(f for f in loader.load(Path(path), False).families if f.name == name)


def load_instance(path: str, name: str, n: int) -> Instance:
    return instantiate(load_family(path, name).build(n))


def claim_names(path: str) -> list[str]:
    return [f.name for f in loader.load(Path(path), False).families]


# ----------------------------------------------------------------------------- in the parent


def run_tasks(tasks: list[pool.Task], limit: float, memory_mb: int, progress: Progress | None = None) -> dict[str, Any]:
    """Run tasks one at a time (timings stay comparable), each with the hard limit: value or pool.Failure."""
    out: dict[str, Any] = {}

    def done(task: pool.Task, value: object) -> None:
        out[task.key] = value
        if progress is not None:
            status = value.kind if isinstance(value, pool.Failure) else getattr(value, "status", "done")
            progress(f"  {task.key}: {status}")

    pool.run(tasks, 1, limit, memory_mb, done)
    return out


def run_cells(tasks: list[pool.Task], limit: float, config: BenchConfig, progress: Progress) -> dict[str, Cell]:
    """run_tasks for the dict cells of the first three sections, a failure turned into a cell."""
    cells: dict[str, Cell] = {}

    def done(task: pool.Task, value: object) -> None:
        cells[task.key] = as_cell(value, limit)
        progress(f"  {task.key}: {cells[task.key]['status']}")

    pool.run(tasks, 1, limit, config.memory_mb, done)
    return cells


def as_cell(value: object, limit: float) -> Cell:
    if isinstance(value, pool.Failure):
        if value.kind is pool.FailureKind.TIMEOUT:
            return {"status": CellStatus.TIMED_OUT, "limit": limit, "rate_upper": 1 / limit}
        return {"status": CellStatus.ERROR, "detail": first_line(value.message)}
    assert isinstance(value, dict)
    return value


def first_line(message: str) -> str:
    return (message.splitlines() or [""])[0][:200]


def resolve_claims(config: BenchConfig, progress: Progress, refs: tuple[ClaimRef, ...] = CLAIMS) -> list[ResolvedClaim]:
    """Each benchmark claim's file and name, or a note saying why it is skipped."""
    paths = {ref.file: library_file(ref.file) for ref in refs}
    tasks = [pool.Task(path, claim_names, (path,)) for path in paths.values()]
    found = run_tasks(tasks, 60.0, config.memory_mb)
    rows = []
    for ref in refs:
        path = paths[ref.file]
        names = found.get(path)
        if isinstance(names, pool.Failure):
            row = ResolvedClaim(ref.label, path, None, f"skipped: {path} did not load ({first_line(names.message)})")
        elif not isinstance(names, list) or not any(n in names for n in ref.names):
            row = ResolvedClaim(ref.label, path, None, f"skipped: no claim named {' or '.join(ref.names)} in {path}")
        else:
            row = ResolvedClaim(ref.label, path, next(n for n in ref.names if n in names))
        rows.append(row)
        if row.note:
            progress(f"  {ref.label}: {row.note}")
    return rows


def speed_ratio(slow_seconds: float | None, fast_seconds: float, slow_limit: float | None) -> Ratio:
    """slow ÷ fast seconds; a lower bound (limit ÷ fast) when the slow side ran out of time."""
    if slow_seconds is not None:
        return Ratio(slow_seconds / max(fast_seconds, 1e-9), "exact")
    assert slow_limit is not None
    return Ratio(slow_limit / max(fast_seconds, 1e-9), "lower")
