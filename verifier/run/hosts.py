"""One process per derivation module for a whole run: it loads the module once, and every task of the module
(listing its claims, verifying each one) is a worker forked from it.

`verifier.run.grouped` loads a module again in every batch's holder, and the run's plan loaded it once more
to list the claims: `verify-all derivations/softmax.py -j 2` executed softmax.py 12 times for 11 claims. Here a
host is started for a module the first time one of its tasks is due, it runs the group's setup (load the module)
once, and it stays up, idle between tasks, until the run releases it. The parent keeps the run's `jobs` limit
across every host: a host that is setting up takes a slot, and so does each task running in any host.

Isolation is the pool's: each task runs in its own worker forked from the host, with the hard time limit and
the memory limit, and a worker that crashes costs its own task only. The host runs the setup of the task that
started it; the module's later tasks share it (their group has the same key). Each worker is forked after the
host has collected its garbage (`pool.collect_before_fork`), so it starts from the state of the module loaded, whatever
ran in the host before it. The parent watches each host: one that stops answering is killed, and the tasks it
was running fail with the reason; the module's later tasks get a new host.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from verifier.run import pool
from verifier.run.grouped import GRACE, SETUP, ended, stop

_CTX = multiprocessing.get_context("fork")
OnDone = Callable[[pool.Task, Any], None]


@dataclass
class _Host:
    group: pool.Group
    process: Any
    conn: Connection
    deadline: float  # while it sets up, or while any task runs: the time it must have answered by
    ready: bool = False
    running: dict[int, tuple[pool.Task, float]] = field(default_factory=dict)  # index → (task, its time limit)


class Hosts:
    """The hosts of one run, by group key; `run` may be called several times (the plan, then the claims)."""

    def __init__(self) -> None:
        self._open: dict[str, _Host] = {}
        self._count = 0  # task indices: unique in the run
        self._unset: dict[str, pool.Failure] = {}  # group key → why its host died before it was set up

    def run(self, tasks: list[pool.Task], jobs: int, timeout: float, memory_mb: int, on_done: OnDone) -> None:
        """Every task (each has a group) in a worker of its group's host; on_done in the parent as each ends."""
        pending = list(tasks)
        mine: set[int] = set()
        try:
            while pending or mine:
                self._dispatch(pending, mine, max(1, jobs), timeout, memory_mb, on_done)
                self._take_news(mine, timeout, on_done)
        except BaseException:
            self.release()
            raise

    def _busy(self) -> int:
        return sum(len(h.running) if h.ready else 1 for h in self._open.values())

    def _dispatch(self, pending: list[pool.Task], mine: set[int], jobs: int, timeout: float, memory_mb: int,
                  on_done: OnDone) -> None:  # fmt: skip
        """Start hosts and hand tasks to ready ones, in order, while slots are free."""
        for task in list(pending):
            assert task.group is not None
            key = task.group.key
            if key in self._unset:  # its host died setting up: the module's tasks fail as a batch's did
                pending.remove(task)
                on_done(task, self._unset[key])
                continue
            if self._busy() >= jobs:
                return
            host = self._open.get(key)
            if host is None:
                self._open[key] = _start(task.group, timeout, memory_mb)
            elif host.ready:
                self._count += 1
                try:
                    host.conn.send((self._count, task, timeout))
                except OSError:  # the host died while idle: the module's next task starts a new one
                    self._lose(host, pool.Failure(pool.FailureKind.DIED, "the process holding the module died"), mine,
                               on_done)  # fmt: skip
                    continue
                pending.remove(task)
                host.running[self._count] = (task, timeout)
                host.deadline = _deadline(host)
                mine.add(self._count)

    def _take_news(self, mine: set[int], timeout: float, on_done: OnDone) -> None:
        waiting = [h for h in self._open.values() if h.running or not h.ready]
        if not waiting:
            return
        wait_for = max(0.0, min(h.deadline for h in waiting) - time.monotonic())
        ready = wait([h.conn for h in waiting], timeout=min(wait_for, 0.5))
        for host in waiting:
            if host.conn in ready:
                self._read(host, mine, on_done)
            elif time.monotonic() >= host.deadline:
                self._lose(host, pool.Failure(pool.FailureKind.TIMEOUT, pool.time_limit_message(timeout, GRACE)), mine,
                           on_done)  # fmt: skip

    def _read(self, host: _Host, mine: set[int], on_done: OnDone) -> None:
        try:
            which, value = host.conn.recv()
        except (EOFError, OSError):
            host.process.join(1)
            failure = pool.Failure(pool.FailureKind.DIED, f"the process holding the module {ended(host.process)}")
            self._lose(host, failure, mine, on_done)
            return
        if which == SETUP:
            host.ready = True
            host.deadline = math.inf
            return
        task, _ = host.running.pop(which)
        host.deadline = _deadline(host)
        mine.discard(which)
        on_done(task, value)

    def _lose(self, host: _Host, failure: pool.Failure, mine: set[int], on_done: OnDone) -> None:
        """The host is gone or hung: it is killed, and every task it was running fails for the same reason."""
        stop(host.process, host.conn)
        self._open.pop(host.group.key, None)
        if not host.ready:
            self._unset[host.group.key] = failure
        for index, (task, _) in sorted(host.running.items()):
            mine.discard(index)
            on_done(task, failure)
        host.running.clear()

    def release(self) -> None:
        """End every host (an idle one exits at once when its channel closes)."""
        for host in self._open.values():  # a word, not EOF: forked hosts hold copies of one another's ends
            with contextlib.suppress(OSError):
                host.conn.send(None)
            host.conn.close()
        for host in self._open.values():
            host.process.join(2)
            if host.process.is_alive():
                stop(host.process, host.conn)
        self._open.clear()


def _deadline(host: _Host) -> float:
    """From its latest news: the longest time limit among its running tasks, and the grace (none if idle)."""
    if not host.running:
        return math.inf
    return time.monotonic() + max(limit for _, limit in host.running.values()) + GRACE


def _start(group: pool.Group, timeout: float, memory_mb: int) -> _Host:
    group.share()
    pool.collect_before_fork()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        here, there = _CTX.Pipe(duplex=True)
        args = (there, group, memory_mb, os.getpid())
        proc = _CTX.Process(target=_serve, args=args, daemon=False)  # it forks workers: not a daemon
        proc.start()
        there.close()
        return _Host(group, proc, here, time.monotonic() + timeout + GRACE)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _serve(conn: Connection, group: pool.Group, memory_mb: int, parent: int) -> None:
    """The host: set the group up once, then fork a worker for each task the parent sends, and relay its value."""
    pool.prepare_child(parent, memory_mb)
    with contextlib.suppress(Exception):  # if it fails, each task sets up for itself and reports the problem
        group.fn(*group.args)
    running: dict[int, tuple[pool.Running, float]] = {}
    try:
        conn.send((SETUP, None))
        while True:
            deadline = min((r.deadline for r, _ in running.values()), default=math.inf)
            left = min(0.5, max(0.0, deadline - time.monotonic()))
            ready = wait([conn] + [r.conn for r, _ in running.values()], left)
            if conn in ready:
                sent = conn.recv()
                if sent is None:  # released: the run is over
                    break
                index, task, limit = sent
                running[index] = (pool.start(task, memory_mb, limit), limit)
            for index, (r, limit) in list(running.items()):
                outcome = pool.collect(r, r.conn in ready, limit)
                if outcome is not None:
                    del running[index]
                    conn.send((index, outcome))
    except (EOFError, OSError):  # the parent released this host, or is gone
        pass
    finally:
        for r, _ in running.values():
            pool.kill(r)
        conn.close()
        os._exit(0)
