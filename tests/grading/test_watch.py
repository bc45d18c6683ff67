"""What a sandbox's processes used, read from /proc: the import's CPU limit sees a fork bomb's time as it is."""

from __future__ import annotations

import os
from pathlib import Path

from verifier.grading import watch

TICK = os.sysconf("SC_CLK_TCK")


def _process(proc: Path, pid: int, own_ticks: int, children_ticks: int, run_ns: int | None) -> None:
    (proc / str(pid)).mkdir(parents=True)
    fields = ["S", "1", *["0"] * 9, str(own_ticks), "0", str(children_ticks), "0", *["0"] * 5]
    (proc / str(pid) / "stat").write_text(f"{pid} (python3) {' '.join(fields)}\n")
    if run_ns is not None:
        (proc / str(pid) / "schedstat").write_text(f"{run_ns} 0 0\n")


def test_a_sandboxs_cpu_counts_each_process_to_the_nanosecond_not_in_whole_ticks(tmp_path: Path) -> None:
    """32 processes that each ran 1.9 ticks show 1 tick each in stat: 0.9 ticks short each, 29 ticks in all."""
    tick_ns = 10**9 // TICK
    for pid in range(10, 42):
        _process(tmp_path, pid, own_ticks=1, children_ticks=0, run_ns=19 * tick_ns // 10)
    assert abs(watch.sandbox_cpu(exclude=0, proc=str(tmp_path)) - 32 * 1.9 / TICK) < 1e-6


def test_a_sandboxs_cpu_never_counts_less_than_stat_says(tmp_path: Path) -> None:
    """stat counts every thread and the reaped children; schedstat only the main thread: the larger is kept, the
    children added; a process without schedstat, and the one excluded (the extractor), as before."""
    _process(tmp_path, 10, own_ticks=30, children_ticks=5, run_ns=10**9 // TICK)  # threads ran 30 ticks in all
    _process(tmp_path, 11, own_ticks=2, children_ticks=0, run_ns=None)
    _process(tmp_path, 12, own_ticks=500, children_ticks=0, run_ns=None)
    (tmp_path / "self").mkdir()
    assert abs(watch.sandbox_cpu(exclude=12, proc=str(tmp_path)) - 37 / TICK) < 1e-6
