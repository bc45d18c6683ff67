"""How many students' sandboxes run at once, and whether to start one more now.

A sandbox spends most of its life in the import: a submission that sleeps or blocks there
waits out the import's wall-clock limit and costs no CPU, and one that spins is stopped at
the import's CPU limit (``import_cpu``, the sandbox's processes together). So starting more
sandboxes at once does not add CPU, it only starts it sooner; a sleeping submission then no
longer holds back the students queued behind it. Verifying claims, which is what uses the
cores, stays at ``--jobs`` at a time.

What bounds the number is the promise that no student's grade depends on the others. An
honest import shares the cores with the imports of every other sandbox running, and its
wall-clock limit gives back the time it waited for a CPU, up to :data:`watch.CREDIT` times
that limit (:mod:`verifier.grading.watch`). With k sandboxes importing beside it, the others
take at most (k − 1) × ``import_cpu`` CPU seconds before each is stopped: on c cores, about
(k − 1) × ``import_cpu`` / c seconds of waiting. :func:`at_once` keeps that within the
credit, so that however the course's other imports hang or spin, an honest one is not
stopped by its wall-clock limit because of them (at the defaults, 5 s and 0.75 CPU s, 41
sandboxes on 2 cores). An import that sleeps is stopped at the limit, as alone.

The other cost is memory: a sandbox may grow to its address-space limit. Beyond 4 per job,
:func:`room` starts another only while the machine has that much available (a waiting sandbox
holds little, so a course of sleeping submissions still starts them all), and each sandbox's processes are
the kernel's first choice when memory runs out (:func:`verifier.grading.extract.confine`):
a burst of memory hogs costs their own sandboxes, never the grader or a verifying worker.
"""

from __future__ import annotations

import math
import os

from verifier.grading import watch
from verifier.grading.sandbox import Limits

MOST = 64  # sandboxes at once, whatever the limits allow (each holds a few processes and descriptors)
PER_JOB = 4  # sandboxes per job that start whatever the memory available


def cores() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def at_once(limits: Limits, cpus: int) -> int:
    """Sandboxes at once such that the CPU the others' imports take stays within the wait an import's wall-clock
    limit gives back: 1 + CREDIT × import_seconds × cpus / import_cpu, at most MOST."""
    credit = watch.CREDIT * limits.import_seconds * max(1, cpus)
    return max(1, min(MOST, 1 + math.floor(credit / max(limits.import_cpu, 1e-3))))


def available_mb(meminfo: str = "/proc/meminfo") -> float | None:
    """The machine's available memory (MemAvailable, MB; None where it cannot be read)."""
    try:
        with open(meminfo, "rb") as stream:
            for line in stream:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def room(limits: Limits, running: int, jobs: int, meminfo: str = "/proc/meminfo") -> bool:
    """Whether one more sandbox may start beside `running` others: always up to PER_JOB per job (as many as the
    grader ran before it counted memory), beyond them while the machine has its address-space limit available (or
    says nothing)."""
    if running < PER_JOB * max(1, jobs):
        return True
    free = available_mb(meminfo)
    return free is None or free >= limits.memory_mb
