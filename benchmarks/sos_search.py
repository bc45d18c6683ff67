"""Section "sos", sum-of-squares search: the time to find an exact SOS certificate by the SDP, per n.

Each cell takes one claim at one n, in its own worker with the hard limit: the gap (then, as in the
ladder, for a claim with a root or |·|, the squared sides' gap a² − b²) goes to `sos.search`, whose
time splits into setup (the polynomial view and the Newton polytope), the SDP solves (Clarabel)
and the exact part (rounding, projection, LDLᵀ, facial reduction); then the kernel checks the
certificate (`ladder.check_squares`: the identity by the normalisers, the weights' signs). The
cell records the three times and the kernel's, the number of squares and of SDP solves.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import asdict, dataclass
from typing import Any

from benchmarks.config import BenchConfig, ClaimRef
from benchmarks.harness import Data, Progress, first_line, load_instance, resolve_claims, run_tasks
from benchmarks.markdown import heading
from verifier.run import pool
from verifier.strategies import ladder
from verifier.strategies.budget import WorkClock
from verifier.strategies.sos import sdp as sos_sdp
from verifier.strategies.sos import search as sos
from verifier.trusted import obligations

CLAIMS = (
    ClaimRef("Cauchy–Schwarz abs(xᵀy) ≤ ‖x‖‖y‖", "classic_inequalities.py", ("cauchy_schwarz",)),
    ClaimRef("AM–GM Σx/n ≥ (Πx)^{1/n}", "classic_inequalities.py", ("am_gm",)),
    ClaimRef("AM–GM (Σx/n)ⁿ ≥ Πx on x ≥ 0", "classic_inequalities.py", ("am_gm_power_form",)),
    ClaimRef("‖A‖_F/√n ≥ abs(tr A)/n (A n×n)", "linear_algebra.py", ("frobenius_bounds_trace",)),
)


@dataclass(frozen=True)
class SosCell:
    n: int
    status: str  # "found", "not found", "timed out", "error", "skipped"
    setup: float | None = None
    sdp: float | None = None
    exact: float | None = None  # rounding, projection, LDLᵀ, facial reduction
    kernel: float | None = None
    squares: int | None = None
    solves: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class SosRow:
    label: str
    claim: str | None
    note: str
    cells: tuple[SosCell, ...]


@dataclass(frozen=True)
class SosSection:
    n_values: tuple[int, ...]
    limit: float
    available: bool  # clarabel installed
    rows: tuple[SosRow, ...]

    def to_json(self) -> Data:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Data) -> SosSection:
        rows = tuple(
            SosRow(r["label"], r["claim"], r["note"], tuple(SosCell(**c) for c in r["cells"])) for r in data["rows"]
        )
        return cls(tuple(data["n_values"]), data["limit"], data["available"], rows)


def sos_cell(path: str, name: str, n: int, units: int) -> SosCell:
    """The SDP search on the claim's gap at n, then the kernel's check of what it found."""
    inst = load_instance(path, name, n)
    timing, sides = sos.Timing(), False
    gap = obligations.inequality_gap(inst)[0]
    found = sos.search(gap, timing=timing)
    if isinstance(found, str) and ladder.has_root_or_abs(inst):  # as the ladder does: the plain gap first
        sides, gap = True, obligations.squared_sides(inst)[0]
        found = sos.search(gap, timing=timing)
    base = SosCell(n, "not found", timing.setup, timing.sdp, timing.rounding, solves=timing.solves)
    if isinstance(found, str):
        return dataclasses.replace(base, detail=found[:200])
    start = time.perf_counter()
    outcome = ladder.check_squares(inst, gap, sos.certificate(inst, found), WorkClock(units), ladder.RUNGS, sides)
    seconds = time.perf_counter() - start
    status, detail = ("found", "") if not isinstance(outcome, str) else ("not found", f"kernel: {outcome[:160]}")
    return dataclasses.replace(base, status=status, kernel=seconds, squares=len(found.squares), detail=detail)


def _failed(n: int, value: pool.Failure, limit: float) -> SosCell:
    if value.kind is pool.FailureKind.TIMEOUT:
        return SosCell(n, "timed out", detail=f"> {limit:g} s")
    return SosCell(n, "error", detail=first_line(value.message))


def bench_sos(config: BenchConfig, progress: Progress) -> SosSection:
    limit, units = config.cell_timeout, 10**6
    claims = resolve_claims(config, progress, CLAIMS)
    found = [c for c in claims if c.claim is not None] if sos_sdp.available() else []
    cells: dict[str, list[SosCell]] = {c.label: [] for c in found}
    stuck: dict[str, int] = {}
    for n in config.sos_n:
        key = {c.label: f"{c.label}|n={n}" for c in found}
        tasks = [pool.Task(key[c.label], sos_cell, (c.path, c.claim, n, units)) for c in found if c.label not in stuck]
        values: dict[str, Any] = run_tasks(tasks, limit, config.memory_mb, progress)
        for c in found:
            value = values.get(key[c.label])
            if value is None:
                cell = SosCell(n, "skipped", detail=f"timed out at n = {stuck[c.label]}")
            elif isinstance(value, pool.Failure):
                cell = _failed(n, value, limit)
                stuck.update({c.label: n} if value.kind is pool.FailureKind.TIMEOUT else {})
            else:
                cell = value
            cells[c.label].append(cell)
    rows = tuple(SosRow(c.label, c.claim, c.note, tuple(cells.get(c.label, ()))) for c in claims)
    return SosSection(config.sos_n, limit, sos_sdp.available(), rows)


def _cell_text(c: SosCell) -> str:
    if c.status == "found":
        return f"{c.setup:.2f} + {c.sdp:.2f} + {c.exact:.2f} + {c.kernel:.2f} s, {c.squares} sq., {c.solves} SDP"
    return c.status + (f": {c.detail}" if c.detail else "")


def render_sos(data: Data) -> list[str]:
    """The section's Markdown."""
    title = heading("sos", "Sum-of-squares search (SDP and exact rounding)")
    if data.get("sos") is None:
        return [title, "", "Not run.", ""]
    section = SosSection.from_json(data["sos"])
    lines = [
        title,
        "",
        "Each cell is `sos.search` on the claim's gap at one n (then, as in the ladder, the squared sides' gap "
        "a² − b² for a claim with a root or |·|), then the kernel's exact check of the certificate. A cell reads: "
        "setup (polynomial view, Newton polytope; it includes importing Clarabel in the fresh worker) + SDP "
        "solves (Clarabel) + exact rounding (projection, LDLᵀ, facial reduction) + kernel check, in seconds; the "
        f"number of squares and of SDP solves (0: the Gram matrix is fixed). Hard limit {section.limit:g} s per cell.",
        "",
    ]
    if not section.available:
        return [*lines, f"Not measured: {sos_sdp.INSTALL_HINT}.", ""]
    lines += ["| claim | " + " | ".join(f"n = {n}" for n in section.n_values) + " |"]
    lines += ["|---|" + "---|" * len(section.n_values)]
    for row in section.rows:
        label = f"{row.label} (`{row.claim}`)" if row.claim else row.label
        cells = [_cell_text(c) for c in row.cells] if row.claim else [row.note]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return [*lines, ""]
