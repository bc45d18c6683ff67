"""A step of numerical search whose allocations depend on floats' last bits is outside a claim's work."""

from __future__ import annotations

import gc
import threading

from tests.strategies.test_budget import _in_workers
from verifier.strategies import budget


def _allocations_then_work(inside: int) -> tuple[int, int]:
    """Heartbeats inside a float-dependent step that makes `inside` containers, and of fixed work after it."""
    budget.start_claim()
    before = budget.heartbeats()
    with budget.float_dependent():
        made = [[k] for k in range(inside)]
    during = budget.heartbeats() - before
    start = budget.heartbeats()
    after = [[k] for k in range(50_000)]
    assert made is not None and after is not None
    return during, budget.heartbeats() - start


def test_a_float_dependent_step_costs_no_heartbeats_and_leaves_no_trace_in_the_work_after_it() -> None:
    """A failed exact rounding of a solver's answer gets further on one processor than on another (see
    tests/run/test_work_across_processors.py); whatever it allocated, the work after it is the same."""
    counts = _in_workers(_allocations_then_work, [(k,) for k in (0, 350, 699, 5_000, 40_000)])
    assert {during for during, _ in counts} == {0}, counts
    assert len({after for _, after in counts}) == 1 and counts[0][1] > 0, counts


def test_a_float_dependent_step_restores_the_collector_as_it_was() -> None:
    budget.start_claim()
    with budget.float_dependent():
        pass
    assert gc.isenabled()


def test_off_the_main_thread_a_float_dependent_step_leaves_the_collector_alone() -> None:
    """The collector is the process's: a step in another thread must not switch it off under the main thread."""
    seen: list[bool] = []

    def step() -> None:
        with budget.float_dependent():
            seen.append(gc.isenabled())

    worker = threading.Thread(target=step)
    worker.start()
    worker.join()
    assert seen == [True]
