"""Section "determinism", determinism: the same claims, alone on one job and loaded on many, must get the same statuses.

The reference run is `verify-all --no-cache --jobs 1` on an idle machine; the loaded run is
`verify-all --no-cache --jobs 8` beside CPU hogs (busy-loop processes), so claims compete for
the cores and reach their time limits sooner. A status that depends on the load means a verdict
depends on the machine. The hogs are always killed, whatever happens to the run.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.config import BenchConfig
from benchmarks.harness import Data, Progress
from benchmarks.verify_all import VerifyRun, time_verify_all
from verifier.outcome import Status

MISSING = "(missing)"


@dataclass(frozen=True)
class StatusChange:
    claim: str
    idle: str
    busy: str


@dataclass(frozen=True)
class DeterminismRun:
    run: VerifyRun
    jobs: int
    hogs: int
    counts: dict[str, int]  # claims per status


@dataclass(frozen=True)
class DeterminismSection:
    paths: tuple[str, ...]
    runs: tuple[DeterminismRun, DeterminismRun]  # idle, then busy
    compared: int  # claims in either run
    changes: tuple[StatusChange, ...]
    hog_pids: tuple[int, ...]  # the hogs started (all killed before the section returns)

    @property
    def complete(self) -> bool:
        return all(r.run.status == "ok" and r.run.claims for r in self.runs)

    def to_json(self) -> Data:
        out = asdict(self)
        for run in out["runs"]:
            run["run"].pop("claims")
        out["complete"] = self.complete
        return out


@contextlib.contextmanager
def cpu_hogs(count: int) -> Iterator[list[subprocess.Popen[bytes]]]:
    """`count` busy-loop processes for the duration of the block; killed and reaped in any case."""
    hogs: list[subprocess.Popen[bytes]] = []
    try:
        for _ in range(count):
            hogs.append(
                subprocess.Popen(
                    [sys.executable, "-c", "while True: pass"],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        yield hogs
    finally:
        for hog in hogs:
            hog.kill()
        for hog in hogs:
            hog.wait()


def count_statuses(run: VerifyRun) -> dict[str, int]:
    counts = {s.value: 0 for s in Status}
    for claim in run.claims:
        counts[claim.status] = counts.get(claim.status, 0) + 1
    return counts


def status_changes(idle: VerifyRun, busy: VerifyRun) -> tuple[int, tuple[StatusChange, ...]]:
    """How many claims the two runs name, and those whose status differs (or that only one run has)."""
    a, b = idle.statuses(), busy.statuses()
    keys = sorted(a.keys() | b.keys())
    changes = tuple(StatusChange(k, a.get(k, MISSING), b.get(k, MISSING)) for k in keys if a.get(k) != b.get(k))
    return len(keys), changes


def bench_determinism(config: BenchConfig, progress: Progress) -> DeterminismSection:
    paths = list(config.verify_paths)
    with tempfile.TemporaryDirectory(prefix="verifier-bench-") as tmp:
        hide = {tmp: "$TMP"}
        idle_json, busy_json = str(Path(tmp) / "A.json"), str(Path(tmp) / "B.json")
        idle_args = [*paths, "--no-cache", "--json", idle_json, "--jobs", str(config.idle_jobs)]
        idle = time_verify_all("idle", idle_args, config.verify_timeout, hide)
        progress(f"  verify-all idle, --jobs {config.idle_jobs}: {idle.status}")
        busy_args = [*paths, "--no-cache", "--json", busy_json, "--jobs", str(config.busy_jobs)]
        with cpu_hogs(config.hogs) as hogs:
            pids = tuple(h.pid for h in hogs)
            busy = time_verify_all(f"busy, {config.hogs} CPU hogs", busy_args, config.verify_timeout, hide)
        progress(f"  verify-all busy, --jobs {config.busy_jobs} beside {config.hogs} hogs: {busy.status}")
    compared, changes = status_changes(idle, busy)
    runs = (
        DeterminismRun(idle, config.idle_jobs, 0, count_statuses(idle)),
        DeterminismRun(busy, config.busy_jobs, config.hogs, count_statuses(busy)),
    )
    return DeterminismSection(tuple(paths) or ("derivations/ (all)",), runs, compared, changes, pids)
