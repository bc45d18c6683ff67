"""How many students' sandboxes run at once, and whether to start one more now.

A sandbox spends most of its life in the import: a submission that sleeps or blocks there
waits out the import's wall-clock limit and costs no CPU, and one that spins is stopped at
the import's CPU limit (``import_cpu``, the sandbox's processes together). So starting more
sandboxes at once does not add CPU, it only starts it sooner; a sleeping submission then no
longer holds back the students queued behind it. Verifying claims, which is what uses the
cores, stays at ``--jobs`` at a time.

What bounds the number is the promise that no student's grade depends on the others. An
honest import shares the cores with every process that wants one, and its wall-clock limit
gives back the time it waited for a CPU, up to :data:`watch.CREDIT` times that limit
(:mod:`verifier.grading.watch`). An import that needs at most ``import_cpu`` CPU seconds,
behind n other processes that want a CPU on c cores, waits about n × ``import_cpu`` / c
seconds; :func:`behind` is the largest n that keeps this within the credit (40 at the
defaults, 5 s and 0.75 CPU s, on 2 cores). So: at most 1 + that many sandboxes at once
(:func:`at_once`, 41), and beyond the 4 per job the grader always ran, another starts only
while fewer processes than that want a CPU on the machine (:func:`room`). A sleeping
submission wants none, so a course of them starts at once; a fork bomb's processes each
count, so it holds the extra sandboxes back until its CPU limit stops it. A CPU limit is
per process and a wall-clock limit is not: this is what keeps the course's other
submissions, or the machine's load, from turning an honest import's wall-clock limit into a
verdict.

The other cost is memory: a sandbox may grow to its address-space limit. Beyond the 4 per
job, another starts only while the machine has that much available (a waiting sandbox holds
little), and each sandbox's processes are the kernel's first choice when memory runs out
(:func:`verifier.grading.extract.first_to_go`): a burst of memory hogs costs their own
sandboxes, not the grader or a verifying worker.
"""

from __future__ import annotations

import math
import os

from verifier.grading import watch
from verifier.grading.sandbox import Limits

MOST = 64  # sandboxes at once, whatever the limits allow (each holds a few processes and descriptors)
PER_JOB = 4  # sandboxes per job that start whatever the machine's memory and load (the grader's number before)


def cores() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def behind(limits: Limits, cpus: int) -> int:
    """How many processes wanting a CPU an import of import_cpu CPU seconds may wait behind, its wait within the
    credit its wall-clock limit gives back: CREDIT × import_seconds × cpus / import_cpu."""
    credit = watch.CREDIT * limits.import_seconds * max(1, cpus)
    return math.floor(credit / max(limits.import_cpu, 1e-3))


def at_once(limits: Limits, cpus: int) -> int:
    """Sandboxes at once: each import beside the others' (each stopped at import_cpu) waits within its credit."""
    return max(1, min(MOST, 1 + behind(limits, cpus)))


def available_mb(proc: str = "/proc") -> float | None:
    """The machine's available memory (MemAvailable, MB; None where it cannot be read)."""
    try:
        with open(f"{proc}/meminfo", "rb") as stream:
            for line in stream:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def runnable(proc: str = "/proc") -> int | None:
    """The processes on the machine that run or wait for a CPU now (loadavg's fourth field; None if unreadable)."""
    try:
        with open(f"{proc}/loadavg", "rb") as stream:
            return int(stream.read().split()[3].split(b"/")[0])
    except (OSError, ValueError, IndexError):
        return None


def room(limits: Limits, running: int, jobs: int, cpus: int, proc: str = "/proc") -> bool:
    """Whether one more sandbox may start beside `running` others: always up to PER_JOB per job, beyond them while
    the machine has its address-space limit available and fewer processes than :func:`behind` want a CPU (what
    cannot be read does not hold it back)."""
    if running < PER_JOB * max(1, jobs):
        return True
    free, busy = available_mb(proc), runnable(proc)
    return (free is None or free >= limits.memory_mb) and (busy is None or busy < behind(limits, cpus))
