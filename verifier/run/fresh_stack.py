"""A run on a fresh thread's frame stack, however deep its caller is (pytest, Jupyter, a test).

The run's hosts and workers are forked from where the run is, and inherit its depth. CPython 3.11
keeps frames in 16 KiB chunks: it maps a chunk when a call crosses the end of one and unmaps it on
the way back, so a claim's recursion that goes to and fro across that line maps and unmaps a chunk
(and faults its pages in) at each crossing. Forked from pytest's depth (some 80 frames), the claims
of matrix_calculus.py made 697,000 mmap and munmap calls, from a fresh thread 8,700, and the
workers of three files took 13.4 s of system CPU against 2.0 s; the soundness suite's 912 probes,
verified from a pytest worker, took 44.1 s of system CPU, from a fresh thread 27.1 s. A thread
starts with an empty stack, so every door that runs through `runner.verify_paths` (verify-all, check,
the pytest plugin) forks from about the same depth; the API's in-process `verify`, grading and serve
do not go through it. A forked host's thread is its main thread there, and the budget meters it as
any other (`verifier.strategies.budget`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def on_a_fresh_stack(fn: Callable[[], T]) -> T:
    """fn() in a new thread: its value, or what it raised.

    Ctrl-C reaches the main thread, which passes it on to fn's thread as a KeyboardInterrupt; what fn
    then returns (a run stops its workers and reports what finished, marked incomplete) is returned.
    """
    out: list[T] = []
    raised: list[BaseException] = []
    done = threading.Event()

    def body() -> None:
        try:
            out.append(fn())
        except BaseException as err:  # handed back to the caller's thread
            raised.append(err)
        finally:
            done.set()

    thread = threading.Thread(target=body, name="verifier-run", daemon=True)
    thread.start()
    try:
        _wait(done, thread)
    except KeyboardInterrupt:
        _interrupt(thread)
        _wait(done, thread)
        if not out and not raised:
            raise
    if raised:
        raise raised[0]
    return out[0]


def _wait(done: threading.Event, thread: threading.Thread) -> None:
    """Until the thread is done, in short waits that a signal interrupts: not by Thread.join, which, once
    interrupted by Ctrl-C, may return at once from then on with the thread still running."""
    while not done.wait(0.25) and thread.is_alive():
        pass


def _interrupt(thread: threading.Thread) -> None:
    """Raise KeyboardInterrupt in the thread at its next Python instruction (a run polls at least every 0.5 s)."""
    import ctypes

    ident = ctypes.c_ulong(thread.ident or 0)
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ident, ctypes.py_object(KeyboardInterrupt))
