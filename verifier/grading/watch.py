"""What a sandbox's processes used, and what they waited for, read from /proc.

Inside the sandbox (its own pid namespace, its own /proc) every process listed is the
submission's, bwrap's init (which reaps orphans, so their time shows in its children's
columns) or the extractor. RLIMIT_CPU bounds one process; a fork bomb's children each have
their own, so the extractor sums them all here (:func:`sandbox_cpu`) and stops the submission
at its limit.

A wall-clock limit must never stop an honest submission because the machine is loaded, so
both the import's and the whole sandbox's wall-clock limits are counted without the time the
sandbox waited for a CPU (:func:`waited`: the kernel's run delay, which a process can only
run up by wanting a CPU, that is, under the CPU limits), and at most a few times the limit
(:data:`CREDIT`): a sleeping submission waits for no CPU and gets no extra time.
"""

from __future__ import annotations

import os

_TICK = os.sysconf("SC_CLK_TCK")
CREDIT = 3.0  # a wall-clock limit of s seconds stops a sandbox after at most (1 + CREDIT) s, however loaded


def sandbox_cpu(exclude: int, proc: str = "/proc") -> float:
    """CPU seconds (user and system, with those of reaped children) of every process listed in proc but exclude."""
    total = 0.0
    for entry in os.listdir(proc):
        if not entry.isdigit() or int(entry) == exclude:
            continue
        total += _cpu(f"{proc}/{entry}")
    return total


def _cpu(path: str) -> float:
    """One process's CPU seconds, with its reaped children's (0 if it is gone). stat counts whole clock ticks: a
    process's own time there is short of the truth by half a tick on average, so 32 processes of a fork bomb
    passed a limit by 0.18 s before it was seen. Its main thread's run time in schedstat is exact to the
    nanosecond; the larger of the two is kept (stat's counts every thread)."""
    try:
        with open(f"{path}/stat", "rb") as stream:
            stat = stream.read()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(b")") + 2 :].split()
    try:
        own, children = int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])
    except (ValueError, IndexError):
        return 0.0
    return max(own / _TICK, _run_time(path)) + children / _TICK


def _run_time(path: str) -> float:
    """The seconds the process's main thread has run (schedstat's first field; 0 if unreadable)."""
    try:
        with open(f"{path}/schedstat", "rb") as stream:
            return int(stream.read().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


def run_delay(pid: int, proc: str = "/proc") -> float:
    """Seconds the process has spent runnable but waiting for a CPU (its main thread; 0 if it is gone)."""
    try:
        with open(f"{proc}/{pid}/schedstat", "rb") as stream:
            return int(stream.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


def descendants(pid: int, proc: str = "/proc") -> list[int]:
    """pid and every process below it, from each process's children list."""
    found, frontier = [pid], [pid]
    while frontier:
        below: list[int] = []
        for parent in frontier:
            try:
                tasks = os.listdir(f"{proc}/{parent}/task")
            except OSError:
                continue
            for task in tasks:
                try:
                    with open(f"{proc}/{parent}/task/{task}/children", "rb") as stream:
                        below += [int(c) for c in stream.read().split()]
                except (OSError, ValueError):
                    continue
        found += below
        frontier = below
    return found


def waited(root: int, cap: float, proc: str = "/proc") -> float:
    """The longest any process under root has waited for a CPU, at most cap: what a loaded machine took from
    a wall-clock limit (a sleeping process waits for no CPU, so this gives it nothing)."""
    return min(cap, max((run_delay(p, proc) for p in descendants(root, proc)), default=0.0))
