"""A command's wall time, CPU time and the peak memory of its whole process tree, sampled from /proc.

Resident memory (RSS) summed over the processes counts a page shared by forks once per
process (a warm zygote's sympy in every sandbox); proportional memory (PSS, from
/proc/PID/smaps_rollup) divides a shared page among its sharers, so it sums to what the
machine held. Both are sampled every 50 ms, PSS (dearer to read) read again only for a
process whose RSS moved (:class:`PssSampler`).

The CPU time is the command's and every descendant's (user and system, from getrusage): unlike the
wall time, it hardly depends on what else the machine runs. getrusage counts a process only once its
parent has waited for it, and a process whose parent ended without waiting is reaped by init, outside
the tree: the grader's sandboxes end that way (each sandbox's first process, which reaped what the
student's code started, about a quarter of a hanging course's CPU). So the command runs under a small
Python shim (:data:`SHIM`) that makes itself the tree's subreaper (prctl PR_SET_CHILD_SUBREAPER, Linux):
the orphans come to it, it reaps them after the command ends, and their CPU is counted. The wall time is
the shim's: an orphan still running when the command ends is waited for (up to REAP_SECONDS), so it shows.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

RESAMPLE_MB = 4.0  # a process's RSS moved by this much: its PSS is read again
REAP_SECONDS = 10.0  # how long the shim waits for orphans still running once the command has ended
# argv[1:] run as a child of a process that reaps every orphan of the tree, then exits with the command's code
SHIM = """
import ctypes, os, subprocess, sys, time
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: orphans of the tree come here
code = subprocess.call(sys.argv[2:])
deadline = time.monotonic() + float(sys.argv[1])
while time.monotonic() < deadline:
    try:
        if os.waitpid(-1, os.WNOHANG)[0] == 0:
            time.sleep(0.01)
    except ChildProcessError:
        break
sys.exit(code)
"""


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
    """run_measured's figures and the CPU seconds of the tree, its orphans' included."""
    before = _children_cpu()
    started = time.monotonic()
    peak = peak_pss = 0.0
    sampler = PssSampler()
    shim = [sys.executable, "-I", "-S", "-c", SHIM, str(REAP_SECONDS), *argv]
    with subprocess.Popen(shim, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
        while proc.poll() is None:
            rss, pss = sampler.sample(tree(proc.pid))
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.05)
    return proc.returncode, time.monotonic() - started, peak, peak_pss, _children_cpu() - before


@dataclass
class PssSampler:
    """RSS and PSS summed over processes, PSS read again only for a process whose RSS moved by RESAMPLE_MB since
    (reading every smaps_rollup of a grader's 150 processes took seconds on a loaded machine, and a memory hog's
    peak came and went between two reads). A shared page's PSS falls as sharers come: the sum is at most a little
    high."""

    known: dict[int, tuple[float, float]] = field(default_factory=dict)  # pid: its RSS and PSS when PSS was read

    def sample(self, pids: list[int]) -> tuple[float, float]:
        rss_total = pss_total = 0.0
        for pid in pids:
            rss = memory_mb([pid], "rss")
            seen = self.known.get(pid)
            if seen is None or abs(rss - seen[0]) > RESAMPLE_MB:
                seen = self.known[pid] = (rss, memory_mb([pid], "pss"))
            rss_total, pss_total = rss_total + rss, pss_total + seen[1]
        self.known = {pid: self.known[pid] for pid in pids}  # a process gone: its id may come back as another
        return rss_total, pss_total


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime
