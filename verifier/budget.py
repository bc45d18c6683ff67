"""Soft time budgets for symbolic work, by SIGALRM (pure-Python sympy stops cleanly).

The hard limit is elsewhere: the runner kills a worker that overruns its timeout.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class BudgetExceeded(Exception):
    """The symbolic budget ran out."""


def _raise(signum: int, frame: object) -> None:
    raise BudgetExceeded()


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded inside the block after `seconds` (main thread only)."""
    if seconds <= 0:
        raise BudgetExceeded()
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Clock:
    """Time left of a budget that several steps share."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def left(self) -> float:
        return self.deadline - time.monotonic()
