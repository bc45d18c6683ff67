"""A command's wall time, CPU time and the peak memory of its whole process tree, sampled from /proc.

Resident memory (RSS) summed over the processes counts a page shared by forks once per
process (a warm zygote's sympy in every sandbox); proportional memory (PSS, from
/proc/PID/smaps_rollup) divides a shared page among its sharers, so it sums to what the
machine held. RSS is sampled every 50 ms, PSS (dearer to read) every fifth sample.

The CPU time is the command's and every descendant's that was waited for (user and system, from
getrusage): unlike the wall time, it hardly depends on what else the machine runs. A process that
no one in the tree waits for (an orphan reaped by init) is not counted.
"""

from __future__ import annotations

import os
import resource
import subprocess
import time
from pathlib import Path


def tree(root: int) -> list[int]:
    """root and all its descendants, from each process's list of children in /proc (the sampler reads the tree's
    processes only: scanning every process of a busy machine 20 times a second cost it seconds of CPU)."""
    found, frontier = [root], [root]
    while frontier:
        below: list[int] = []
        for parent in frontier:
            try:
                tasks = os.listdir(f"/proc/{parent}/task")
            except OSError:
                continue
            for task in tasks:
                try:
                    below += [int(c) for c in Path(f"/proc/{parent}/task/{task}/children").read_text().split()]
                except (OSError, ValueError):
                    continue
        found += below
        frontier = below
    return sorted(set(found))


def memory_mb(pids: list[int], field: str) -> float:
    """The processes' memory summed (MB): "rss" from stat, or "pss" from smaps_rollup."""
    total = 0
    for pid in pids:
        try:
            if field == "rss":
                stat = Path(f"/proc/{pid}/stat").read_text()
                total += int(stat[stat.rindex(")") + 2 :].split()[21]) * os.sysconf("SC_PAGE_SIZE")
            else:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
                total += int(next(x for x in rollup if x.startswith("Pss:")).split()[1]) * 1024
        except (OSError, ValueError, IndexError, StopIteration):
            continue
    return total / 2**20


def run_measured(argv: list[str]) -> tuple[int, float, float, float]:
    """Run argv; its exit code, wall seconds and peak memory (its process tree's RSS and PSS, summed, MB)."""
    code, seconds, peak, pss, _ = run_measured_cpu(argv)
    return code, seconds, peak, pss


def run_measured_cpu(argv: list[str]) -> tuple[int, float, float, float, float]:
    """run_measured's figures and the CPU seconds of the tree (those waited for)."""
    before = _children_cpu()
    started = time.monotonic()
    peak = peak_pss = 0.0
    samples = 0
    with subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
        while proc.poll() is None:
            pids = tree(proc.pid)
            peak = max(peak, memory_mb(pids, "rss"))
            if samples % 5 == 0:
                peak_pss = max(peak_pss, memory_mb(pids, "pss"))
            samples += 1
            time.sleep(0.05)
    return proc.returncode, time.monotonic() - started, peak, peak_pss, _children_cpu() - before


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime
