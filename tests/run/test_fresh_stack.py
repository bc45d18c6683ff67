"""A run on a fresh thread's stack: as shallow from any caller, its value or error handed back, Ctrl-C passed on."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import pytest

from verifier.run.fresh_stack import on_a_fresh_stack


def _depth() -> int:
    frame, n = sys._getframe(), 0
    while frame is not None:
        frame, n = frame.f_back, n + 1
    return n


def _deep(k: int) -> int:
    return on_a_fresh_stack(_depth) if k == 0 else _deep(k - 1)


def test_the_run_starts_as_shallow_from_any_depth() -> None:
    assert _deep(0) == _deep(150) < 10  # the workers fork from the same depth, whoever calls


def test_the_value_or_the_error_comes_back() -> None:
    assert on_a_fresh_stack(lambda: 42) == 42
    with pytest.raises(ZeroDivisionError):
        on_a_fresh_stack(lambda: 1 // 0)


def _until_interrupted() -> str:
    try:
        for _ in range(200):
            time.sleep(0.05)
    except KeyboardInterrupt:
        return "stopped, what finished kept"
    return "never interrupted"


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="signals need the main thread")
def test_ctrl_c_is_passed_on_and_what_the_run_returns_comes_back() -> None:
    # Ctrl-C as at a terminal: a shell starts a background job (`pytest &`) with SIGINT ignored, and pytest's
    # workers inherit that; here the interrupt must reach the main thread as a KeyboardInterrupt
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        assert on_a_fresh_stack(_until_interrupted) == "stopped, what finished kept"
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
