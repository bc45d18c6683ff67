"""How long a turn at a verifying slot lasts, and how long a chain has run in it (`verifier.serve.dispatcher`).

A chain's turn ends, while another address waits, once it has run its slice: FIRST_SLICE in its first
turn, long enough for a student's chain to end in it, so most chains are never paused at all; SLICE in
its next ones; doubled each time the chain was restarted (up to 2**MAX_DOUBLINGS times), so a chain
restarted again and again gets longer runs while a newcomer still waits seconds at most. What counts is
the chain worker's own CPU time: a busy machine does not shorten a turn, and a stopped process uses none.
"""

from __future__ import annotations

import os

SLICE = 0.25  # seconds of its own running a chain keeps its worker, while another client waits to verify
FIRST_SLICE = 1.0  # ... in its first turn (a student's chain takes 0.1–0.5 s)
MAX_DOUBLINGS = 5  # a restarted chain's slice doubles, to 8 s at most
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def length(turns: int, restarts: int) -> float:
    """The slice of a chain that has had `turns` turns since it began (or began again) and `restarts` restarts."""
    return max(FIRST_SLICE if turns == 0 else 0.0, SLICE * 2 ** min(restarts, MAX_DOUBLINGS))


def cpu_seconds(pid: int) -> float:
    """The CPU seconds a process has used (Linux /proc; 0.0 if unknown, or elsewhere)."""
    if pid <= 0:
        return 0.0
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def ran(pid: int, cpu_began: float, began: float, now: float) -> float:
    """How long a chain has run in this turn: its worker's CPU seconds since the turn began, or the seconds
    since then (`began`, `now`: monotonic) when its worker is not known (yet) or /proc cannot say."""
    if pid > 0:
        used = cpu_seconds(pid)
        if used > 0.0:
            return used - cpu_began
    return now - began
