"""The CPU time of a sandbox's processes together, read from its own /proc.

Inside the sandbox (its own pid namespace, its own /proc) every process listed is the
submission's, bwrap's init (which reaps orphans, so their time shows in its children's
columns) or the extractor. RLIMIT_CPU bounds one process; a fork bomb's children each have
their own, so the extractor sums them all here and stops the submission at its limit.
"""

from __future__ import annotations

import os

_TICK = os.sysconf("SC_CLK_TCK")


def sandbox_cpu(exclude: int, proc: str = "/proc") -> float:
    """CPU seconds (user and system, with those of reaped children) of every process listed in proc but exclude."""
    ticks = 0
    for entry in os.listdir(proc):
        if not entry.isdigit() or int(entry) == exclude:
            continue
        ticks += _ticks(f"{proc}/{entry}/stat")
    return ticks / _TICK


def _ticks(path: str) -> int:
    """utime + stime + cutime + cstime of one process (0 if it is gone)."""
    try:
        with open(path, "rb") as stream:
            stat = stream.read()
    except OSError:
        return 0
    fields = stat[stat.rindex(b")") + 2 :].split()
    try:
        return sum(int(f) for f in fields[11:15])
    except (ValueError, IndexError):
        return 0
