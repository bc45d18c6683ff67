"""Where a run's tasks execute: the local fork pool, or a cluster (`verifier.run.dask_executor`).

The runner hands every batch of tasks (loading the files, verifying the claims) to one
executor, and everything else (the cache, premises, ordering, baselines, reports) is the
same whichever runs them. An executor calls on_done(task, value or pool.Failure) once per
task, in the parent, as each ends; and it says which tasks it had to run again because the
machine they ran on was lost, so the report can name them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from verifier.run import grouped, hosts, pool

OnDone = Callable[[pool.Task, Any], None]


class Executor(Protocol):
    def run(self, tasks: list[pool.Task], jobs: int, timeout: float, memory_mb: int, on_done: OnDone) -> None:
        """Run every task with a hard timeout and memory limit each; on_done as each ends."""

    def reruns(self) -> dict[str, int]:
        """Task key → how many times it was run again after its worker was lost (only tasks that were)."""

    def release(self) -> None:
        """End what the executor kept for the run (the processes holding modules); it may serve a later run."""


class LocalPool:
    """The tasks in forked children of this process, `jobs` at a time (`verifier.run.pool`); a group's tasks
    forked from one child per group that holds the group's setup for the whole run, until `release`
    (`verifier.run.hosts`): a derivation module is loaded once per run."""

    def __init__(self) -> None:
        self._hosts = hosts.Hosts()

    def run(self, tasks: list[pool.Task], jobs: int, timeout: float, memory_mb: int, on_done: OnDone) -> None:
        plain = [t for t in tasks if t.group is None]
        if plain:
            grouped.run(plain, jobs, timeout, memory_mb, on_done)
        held = [t for t in tasks if t.group is not None]
        if held:
            self._hosts.run(held, jobs, timeout, memory_mb, on_done)

    def reruns(self) -> dict[str, int]:
        return {}  # a child that dies here is an ERROR for its task, never run again

    def release(self) -> None:
        self._hosts.release()


def reruns_since(executor: Executor, before: dict[str, int]) -> dict[str, int]:
    """Task key → times run again since `before` (an earlier reruns()), for the tasks that were."""
    counts = {key: count - before.get(key, 0) for key, count in sorted(executor.reruns().items())}
    return {key: count for key, count in counts.items() if count > 0}
