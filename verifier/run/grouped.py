"""Load once, fork many: run a group's tasks from one process that has set the group up.

The claims of one derivation module share a `pool.Group` (load that module). Rather than each
claim's worker importing the module again, one holder process per batch of a group's tasks is
forked from the parent: it runs the group's setup once, collects its garbage and freezes its
heap, and then forks each task's worker from itself with `verifier.run.pool`, one at a time. The
workers share the loaded module copy-on-write.

Isolation is the pool's, one level down: each task still runs in its own forked worker, with
the hard time limit and the memory limit, and a worker that crashes costs its own task only.
The holder relays each result to the parent as it ends. The parent watches the holder: if it
stops answering (a setup that hangs, a holder killed) it is killed, and its unfinished tasks
fail with the reason. Every worker starts from the same state whichever batch it is in, and
whatever the parent did before (`pool.collect_before_fork`), so work counts do not depend on
the run a claim is part of.

Tasks without a group run as before, one fork each from the parent.
"""

from __future__ import annotations

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

_CTX = multiprocessing.get_context("fork")
GRACE = 10.0  # seconds a holder may take beyond a task's own limit before the parent gives up on it
SETUP = "setup"


@dataclass
class _Holder:
    tasks: list[pool.Task]
    process: Any
    conn: Connection
    deadline: float
    done: set[int] = field(default_factory=set)


def batches(tasks: list[pool.Task], jobs: int) -> list[list[pool.Task]]:
    """The tasks cut into batches: a group's tasks together, in order, small enough to share out `jobs` ways."""
    size = len(tasks) if jobs <= 1 else max(1, math.ceil(len(tasks) / (jobs * 8)))
    by_group: dict[str, list[pool.Task]] = {}
    out: list[list[pool.Task]] = []
    for task in tasks:
        if task.group is None:
            out.append([task])
        else:
            by_group.setdefault(task.group.key, []).append(task)
    for group in by_group.values():
        out += [group[i : i + size] for i in range(0, len(group), size)]
    return out


OnDone = Callable[[pool.Task, Any], None]


def run(tasks: list[pool.Task], jobs: int, timeout: float, memory_mb: int, on_done: OnDone) -> None:
    """Like `pool.run`, with each group's tasks forked from a process that holds the group's setup."""
    plain = [t for t in tasks if t.group is None]
    pending = list(reversed(batches([t for t in tasks if t.group is not None], jobs)))
    if plain and not pending:
        pool.run(plain, jobs, timeout, memory_mb, on_done)
        return
    pending += [[t] for t in reversed(plain)]
    running: list[_Holder] = []
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                running.append(_start(pending.pop(), timeout, memory_mb))
            wait_for = max(0.0, min(h.deadline for h in running) - time.monotonic())
            ready = wait([h.conn for h in running], timeout=min(wait_for, 0.5))
            for h in list(running):
                if _step(h, h.conn in ready, timeout, on_done):
                    running.remove(h)
    except BaseException:
        for h in running:
            stop(h.process, h.conn)
        raise


def _start(tasks: list[pool.Task], timeout: float, memory_mb: int) -> _Holder:
    if tasks[0].group is not None:
        tasks[0].group.share()
    pool.collect_before_fork()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        recv, send = _CTX.Pipe(duplex=False)
        args = (send, tasks, timeout, memory_mb, os.getpid())
        proc = _CTX.Process(target=_hold, args=args, daemon=False)  # it forks workers: not a daemon
        proc.start()
        send.close()
        return _Holder(tasks, proc, recv, time.monotonic() + timeout + GRACE)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _hold(conn: Connection, tasks: list[pool.Task], timeout: float, memory_mb: int, parent: int) -> None:
    """The holder: set the group up once, then fork each task's worker from here and relay its value."""
    pool.prepare_child(parent, memory_mb)
    group = tasks[0].group
    try:
        if group is not None:
            group.fn(*group.args)  # if it fails, each task sets up for itself and reports the problem
    except Exception:
        pass
    conn.send((SETUP, None))
    index = {t.key: i for i, t in enumerate(tasks)}
    try:
        pool.run(tasks, 1, timeout, memory_mb, lambda task, value: conn.send((index[task.key], value)))
    finally:
        conn.close()
        os._exit(0)


def _step(h: _Holder, readable: bool, timeout: float, on_done: OnDone) -> bool:
    """Take the holder's news; True when it is finished (all its tasks reported, or it was given up)."""
    if readable:
        try:
            which, value = h.conn.recv()
        except (EOFError, OSError):
            h.process.join(1)
            return _give_up(
                h, pool.Failure(pool.FailureKind.DIED, f"the process holding the module {ended(h.process)}"), on_done
            )
        h.deadline = time.monotonic() + timeout + GRACE
        if which != SETUP:
            h.done.add(which)
            on_done(h.tasks[which], value)
        if len(h.done) == len(h.tasks):
            h.process.join(5)
            h.conn.close()
            return True
        return False
    if time.monotonic() >= h.deadline:
        stop(h.process, h.conn)
        return _give_up(h, pool.Failure(pool.FailureKind.TIMEOUT, pool.time_limit_message(timeout, GRACE)), on_done)
    return False


def _give_up(h: _Holder, failure: pool.Failure, on_done: OnDone) -> bool:
    """Every task the holder has not reported fails for the same reason."""
    h.conn.close()
    for i, task in enumerate(h.tasks):
        if i not in h.done:
            on_done(task, failure)
    return True


def ended(process: Any) -> str:
    """How a process holding a module ended before its tasks reported (shared with `verifier.run.hosts`)."""
    code = process.exitcode
    if code is not None and code < 0:
        return f"died from {signal.Signals(-code).name}"
    return f"exited with code {code} before its tasks reported"


def stop(process: Any, conn: Connection) -> None:
    """Kill a process holding a module, if it still runs, and close its channel."""
    if process.is_alive():
        process.kill()
    process.join(2)
    conn.close()
