"""Soft time budgets for symbolic work, in CPU seconds of this process (SIGVTALRM).

CPU time, not wall time, so that a busy machine does not turn PROVED into CHECKED:
the same claim gets the same amount of work wherever it runs. Pure-Python sympy stops
cleanly on the signal. The hard limit is elsewhere: the runner kills a worker that
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
    """Raise BudgetExceeded inside the block after `seconds` of CPU time (main thread only)."""
    if seconds <= 0:
        raise BudgetExceeded()
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGVTALRM, _raise)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


class Clock:
    """Time left of a budget that several steps share."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.process_time() + seconds

    def left(self) -> float:
        return self.deadline - time.process_time()
