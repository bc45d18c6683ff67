"""Section "cost", cost per n: one claim at one n through `verify_family`, split into symbolic and numeric time.

Each cell is the engine's public path on a family narrowed to one n: proved n keep that n in
`n_values` (numeric check, then the ladder), numeric-only n move it to `numeric_n`. The result's
evidence carries the split: `numeric[i].seconds` and `proofs[i].seconds`. Once a claim times out
at some n in one mode, its larger n in that mode are not run.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import asdict, dataclass

from benchmarks.config import BenchConfig
from benchmarks.harness import Data, Progress, ResolvedClaim, first_line, load_family, run_tasks
from verifier.engine import EngineSettings, verify_family
from verifier.language.families import ClaimFamily
from verifier.outcome import Status
from verifier.run import pool

PLOT_FILE = "bench_cost_per_n.svg"
PLOT_FLOOR = 1e-3  # the plot's log scale draws faster times at 1 ms
PROVED, NUMERIC = "proved", "numeric only"


@dataclass(frozen=True)
class CostCell:
    """One claim at one n: the verdict and the seconds each side took (None when it did not run)."""

    n: int
    mode: str  # PROVED: symbolic and numeric; NUMERIC: numeric only
    status: str  # the verdict, or "timed out", "error", "skipped"
    symbolic_seconds: float | None = None
    numeric_seconds: float | None = None
    total_seconds: float | None = None
    detail: str = ""


@dataclass(frozen=True)
class CostRow:
    label: str
    claim: str | None
    note: str
    cells: tuple[CostCell, ...]


@dataclass(frozen=True)
class Series:
    """One line of the plot: (n, seconds) points, floored at PLOT_FLOOR for the log scale."""

    label: str
    kind: str  # "symbolic" (solid) or "numeric" (dashed)
    points: tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class CostSection:
    proved_n: tuple[int, ...]
    numeric_n: tuple[int, ...]
    limit: float
    floor: float
    plot: str
    rows: tuple[CostRow, ...]
    series: tuple[Series, ...]

    def to_json(self) -> Data:
        return asdict(self)


def narrowed(family: ClaimFamily, n: int, mode: str) -> ClaimFamily:
    """The family at the one n, proved (and checked) or checked numerically only."""
    if mode == PROVED:
        return dataclasses.replace(family, n_values=(n,), numeric_n=())
    builder = family.builder
    # The engine builds its display instance at display_n(family), None for a family without
    # n_values, and build(None) calls builder(); default the argument to n so that works.
    return dataclasses.replace(family, n_values=(), numeric_n=(n,), builder=lambda m=n: builder(m))


def cost_cell(path: str, name: str, n: int, mode: str) -> CostCell:
    """verify_family on the narrowed family, with the evidence's own split of the time."""
    family = narrowed(load_family(path, name), n, mode)
    start = time.perf_counter()
    result = verify_family(family, EngineSettings())
    total = time.perf_counter() - start
    numeric = next((e.seconds for e in result.numeric if e.n == n), None)
    symbolic = next((p.seconds for p in result.proofs if p.n == n), None)
    expected = Status.PROVED if mode == PROVED else Status.CHECKED
    detail = "" if result.status is expected else first_line(result.reason)
    return CostCell(n, mode, result.status.value, symbolic, numeric, total, detail)


def _failed(n: int, mode: str, value: pool.Failure, limit: float) -> CostCell:
    if value.kind is pool.FailureKind.TIMEOUT:
        return CostCell(n, mode, "timed out", detail=f"> {limit:g} s")
    return CostCell(n, mode, "error", detail=first_line(value.message))


def bench_cost(config: BenchConfig, claims: list[ResolvedClaim], progress: Progress) -> CostSection:
    limit = config.cell_timeout
    plan = [(n, PROVED) for n in config.cost_proved_n] + [(n, NUMERIC) for n in config.cost_numeric_n]
    found = [c for c in claims if c.claim is not None]
    cells: dict[str, list[CostCell]] = {c.label: [] for c in found}
    stuck: dict[tuple[str, str], int] = {}  # (label, mode) → the n at which it timed out
    for n, mode in plan:
        tasks = [
            pool.Task(f"{c.label}|n={n}|{mode}", cost_cell, (c.path, c.claim, n, mode))
            for c in found
            if (c.label, mode) not in stuck
        ]
        values = run_tasks(tasks, limit, config.memory_mb, progress)
        for c in found:
            value = values.get(f"{c.label}|n={n}|{mode}")
            if value is None:
                cell = CostCell(n, mode, "skipped", detail=f"timed out at n = {stuck[(c.label, mode)]}")
            elif isinstance(value, pool.Failure):
                cell = _failed(n, mode, value, limit)
                if value.kind is pool.FailureKind.TIMEOUT:
                    stuck[(c.label, mode)] = n
            else:
                cell = value
            cells[c.label].append(cell)
    rows = tuple(CostRow(c.label, c.claim, c.note, tuple(cells.get(c.label, ()))) for c in claims)
    return CostSection(
        config.cost_proved_n, config.cost_numeric_n, limit, PLOT_FLOOR, PLOT_FILE, rows, plot_series(rows)
    )


def plot_series(rows: tuple[CostRow, ...]) -> tuple[Series, ...]:
    """Per claim, the symbolic seconds at the proved n and the numeric seconds at every n."""
    out = []
    for row in rows:
        for kind in ("symbolic", "numeric"):
            points = tuple(
                (c.n, max(PLOT_FLOOR, seconds))
                for c in row.cells
                if (seconds := c.symbolic_seconds if kind == "symbolic" else c.numeric_seconds) is not None
            )
            if points:
                out.append(Series(row.label, kind, points))
    return tuple(out)
