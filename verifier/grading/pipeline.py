"""Read and verify at once on the local pool: a student's claims start as soon as the student is read.

Graded in two phases, each waits for its slowest task: one submission that sleeps until the
import's wall-clock limit holds the whole reading phase while the cores idle. On the local pool
the grader instead keeps up to `sandboxes` students being read and `jobs` claims being verified
at once, in lanes (:func:`run`), and queues a student's claims the moment it is read. Each task is
still a fork of its own with its own time and memory limits (:mod:`verifier.run.pool`), so a
hang or a crash costs its own row and nothing else. Reading mostly waits (its CPU is bounded by
the import's limits); verifying uses the cores.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any

from verifier.run import pool

OnDone = Callable[[pool.Task, Any], None]
POLL = 0.5  # seconds between looks at the running tasks when none ends
ADMIT_POLL = 0.1  # … while a lane's next task waits only for room


@dataclass
class Lane:
    """Tasks run `slots` at a time, each under `timeout`, another started only while `admit(running)` says there
    is room for it beside those running (one always runs); `on_done(task, value or Failure)` as each ends (it may
    queue tasks on any lane)."""

    slots: int
    timeout: float
    on_done: OnDone
    queued: deque[pool.Task] = field(default_factory=deque)
    running: list[pool.Running] = field(default_factory=list)
    admit: Callable[[int], bool] = lambda running: True

    def busy(self) -> bool:
        return bool(self.queued or self.running)

    def may_start(self) -> bool:
        """Whether the next queued task may start now."""
        return self._has_slot() and (not self.running or self.admit(len(self.running)))

    def held(self) -> bool:
        """Once the lane has started every task it may: whether its next one waits only for `admit` (which may
        change with no task ending)."""
        return self._has_slot()

    def _has_slot(self) -> bool:
        return bool(self.queued) and len(self.running) < max(1, self.slots)


def poll(lanes: list[Lane]) -> float:
    """The longest the pipeline waits for a task to end before it looks again (once every lane has started what it
    may): sooner while a lane is held back by its admit, which may say yes with no task ending (a fork bomb stopped
    at its CPU limit leaves the machine's run queue at once; its task ends once its sandbox is read and torn down)."""
    return ADMIT_POLL if any(lane.held() for lane in lanes) else POLL


def run(lanes: list[Lane], memory_mb: int) -> None:
    """Run every lane's tasks (and those queued while they run) to the end. KeyboardInterrupt propagates after
    every worker has been killed."""
    try:
        while any(lane.busy() for lane in lanes):
            for lane in lanes:
                while lane.may_start():
                    lane.running.append(pool.start(lane.queued.popleft(), memory_mb, lane.timeout))
            running = [r for lane in lanes for r in lane.running]
            wait_for = max(0.0, min(r.deadline for r in running) - time.monotonic())
            ready = wait([r.conn for r in running], timeout=min(wait_for, poll(lanes)))
            for lane in lanes:
                for r in list(lane.running):
                    outcome = pool.collect(r, r.conn in ready, lane.timeout)
                    if outcome is not None:
                        lane.running.remove(r)
                        lane.on_done(r.task, outcome)
    except BaseException:
        for lane in lanes:
            for r in lane.running:
                pool.kill(r)
        raise


@dataclass
class Queued:
    """The verifying lane as a session's executor (`verifier.run.executor.Executor`): `run` queues the session's
    tasks on the lane, `jobs` at a time under `timeout`, and returns at once; the pipeline that runs the lane
    (:func:`run`) calls each task's on_done as it ends. So a student's claims go through `Session.verify` the
    moment the student is read, while the next students are read."""

    lane: Lane = field(init=False)
    waiting: dict[str, OnDone] = field(default_factory=dict)  # task key → its session's on_done

    def __post_init__(self) -> None:
        self.lane = Lane(1, 0.0, self._done)

    def run(self, tasks: list[pool.Task], jobs: int, timeout: float, memory_mb: int, on_done: OnDone) -> None:
        self.lane.slots, self.lane.timeout = jobs, timeout  # memory_mb: the pipeline's, for every lane
        self.waiting.update((task.key, on_done) for task in tasks)
        self.lane.queued.extend(tasks)

    def reruns(self) -> dict[str, int]:
        return {}  # a worker that dies here is an ERROR for its claim, never run again

    def release(self) -> None:
        pass

    def _done(self, task: pool.Task, value: Any) -> None:
        self.waiting.pop(task.key)(task, value)
