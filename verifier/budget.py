"""Soft time budgets for symbolic work, in CPU seconds of this process (SIGVTALRM).

CPU time, not wall time, so that a busy machine does not turn PROVED into CHECKED:
the same claim gets the same amount of work wherever it runs; a wall-clock backstop
(three times the budget) stops work that waits without computing. Pure-Python sympy
stops cleanly on the signal. The hard limit is elsewhere: the runner kills a worker that
overruns its wall-clock timeout.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class BudgetExceeded(BaseException):
    """The symbolic budget ran out.

    A BaseException, like KeyboardInterrupt, so that sympy's own `except Exception`
    clauses cannot swallow it and carry on past the budget.
    """


def _raise(signum: int, frame: object) -> None:
    raise BudgetExceeded()


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded inside the block after `seconds` of CPU time (main thread only).

    Budgets nest: an inner one never outlives the outer one, and on exit the outer
    timers resume with what they had left.
    """
    if seconds <= 0:
        raise BudgetExceeded()
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handlers = (signal.signal(signal.SIGVTALRM, _raise), signal.signal(signal.SIGALRM, _raise))
    outer_cpu = signal.getitimer(signal.ITIMER_VIRTUAL)[0]
    outer_wall = signal.getitimer(signal.ITIMER_REAL)[0]
    started_cpu, started_wall = time.process_time(), time.monotonic()
    wall = max(3 * seconds, seconds + 10)  # a backstop for work that waits without computing
    signal.setitimer(signal.ITIMER_VIRTUAL, min(seconds, outer_cpu) if outer_cpu else seconds)
    signal.setitimer(signal.ITIMER_REAL, min(wall, outer_wall) if outer_wall else wall)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, _resume(outer_cpu, time.process_time() - started_cpu))
        signal.setitimer(signal.ITIMER_REAL, _resume(outer_wall, time.monotonic() - started_wall))
        signal.signal(signal.SIGVTALRM, handlers[0])
        signal.signal(signal.SIGALRM, handlers[1])


def _resume(outer: float, spent: float) -> float:
    """What an outer timer has left (0 disarms; a spent one fires at once)."""
    return 0.0 if not outer else max(outer - spent, 1e-6)


class Clock:
    """Time left of a budget that several steps share."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.process_time() + seconds

    def left(self) -> float:
        return self.deadline - time.process_time()
