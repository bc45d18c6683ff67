"""A worker keeps the memory it frees: needing it again costs no page faults (glibc's defaults give a large
block back to the kernel at once, and every 4 KB of it faults in again, zeroed)."""

from __future__ import annotations

import resource
import sys
from collections.abc import Callable
from typing import Any

import pytest

from verifier.run import pool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")


def _faults_to_use_twice(megabytes: int) -> tuple[int, int]:
    """In this process: the page faults to fill a block of `megabytes`, and to fill one again after freeing it."""
    faults = []
    for _ in range(2):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        block = bytearray(megabytes << 20)  # zeroed, so every page is written
        faults.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
        del block
    return faults[0], faults[1]


def _done(results: dict[str, object]) -> Callable[[pool.Task, Any], None]:
    return lambda task, value: results.__setitem__(task.key, value)


def test_a_worker_reuses_a_block_it_freed_without_faulting_it_in_again() -> None:
    results: dict[str, object] = {}
    pool.run([pool.Task("twice", _faults_to_use_twice, (16,))], 1, 60.0, 1024, _done(results))
    faults = results["twice"]
    assert isinstance(faults, tuple)
    first, again = faults
    assert first >= 16 * 256 * 0.9  # 16 MB of 4 KB pages faulted in once…
    assert again < first / 10  # …and not again: glibc kept them (it gives back 16 MB at once by default)
