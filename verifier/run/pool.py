"""Run tasks in forked worker processes, each with a hard timeout and a memory limit.

One process per task: a task that hangs in C code, exhausts memory or kills itself
takes nothing else down. The parent imported sympy and numpy before forking, so a
worker starts in milliseconds with the import cost already paid. Workers ignore
SIGINT; the parent owns interrupts and kills its workers on the way out.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.connection import Connection, wait
from typing import Any

_CTX = multiprocessing.get_context("fork")
_PR_SET_PDEATHSIG = 1
# glibc's mallopt parameters: memory a worker frees stays with it (it exits soon) instead of going back to the
# kernel and faulting in again, zeroed, the next time it is needed
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_KEEP_BELOW = 1 << 30  # heap bytes free at the top before glibc gives them back
_HEAP_UP_TO = 32 << 20  # blocks up to this size come from the heap, not an mmap of their own (glibc's most)


def _die_with_parent(parent: int) -> None:
    """Have Linux kill this child when its parent dies (a killed cluster worker, a killed CLI), so a
    hanging claim never outlives the process that enforces its time limit."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


@dataclass(frozen=True)
class Group:
    """What several tasks need first, such as their derivation module loaded: `fn(*args)` runs once, in
    a process that then forks each of the group's tasks (`verifier.run.grouped`); tasks that run on their
    own (a cluster, or a group that failed to set up) must not depend on it."""

    key: str
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    # what every group's setup starts with (the imports each holder needs), done by the process that forks the
    # holders, before it forks one: once for all its holders instead of once in each
    shared: Callable[[], None] | None = None

    def share(self) -> None:
        """In the process about to fork a holder: the shared part of the setup (a no-op once done)."""
        if self.shared is not None:
            self.shared()


@dataclass(frozen=True)
class Task:
    key: str
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    group: Group | None = None


class FailureKind(StrEnum):
    """Why a task produced no value."""

    TIMEOUT = "timeout"  # a safety net stopped it, or a cluster gave up on it: UNKNOWN, never cached
    DIED = "died"  # the worker process ended (killed, out of memory, lost with its cluster worker)
    RAISED = "raised"  # the task raised an exception


@dataclass(frozen=True)
class Failure:
    """Why a task produced no value, and the message that says so."""

    kind: FailureKind
    message: str


def _keep_freed_memory() -> None:
    """Have glibc keep what the worker frees: its default hands a large block or the heap's free top back to the
    kernel, and a worker that needs the memory again takes a page fault for every 4 KB of it (softmax.gradient's
    worker took 30,565 faults for 19 MB it kept; 14,327 this way). Elsewhere than glibc: nothing to do."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_TRIM_THRESHOLD, _KEEP_BELOW)
        libc.mallopt(_M_MMAP_THRESHOLD, _HEAP_UP_TO)


def prepare_child(parent: int, memory_mb: int) -> None:
    """In a freshly forked worker: die with the parent, ignore SIGINT, freeze what it inherits, cap memory, keep
    freed memory."""
    _die_with_parent(parent)
    _keep_freed_memory()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held back while forking; now ignored
    gc.freeze()  # the parent's objects are never collected here: each task starts with empty young generations
    gc.callbacks.clear()  # the parent's hooks (a Dask worker's GC diagnostics) would allocate, and shift heartbeats
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def collect_before_fork() -> None:
    """Leave no garbage for a child to inherit: a cycle the parent has not collected yet would be
    freed during the child's work, and shift its heartbeats (work counts would then depend on what the
    parent happened to do before). Freezing afterwards keeps the next collection cheap."""
    gc.collect()
    gc.freeze()


def _child(conn: Connection, task: Task, memory_mb: int, parent: int) -> None:
    prepare_child(parent, memory_mb)
    try:
        value = task.fn(*task.args)
        conn.send(("ok", value))
    except MemoryError:
        conn.send(
            ("err", Failure(FailureKind.DIED, f"ran out of memory (limit {memory_mb} MB; raise it with --memory-mb)"))
        )
    except BaseException as err:
        conn.send(("err", Failure(FailureKind.RAISED, f"{type(err).__name__}: {err}\n{traceback.format_exc()}")))
    finally:
        conn.close()
        os._exit(0)


@dataclass
class Running:
    """A task's worker while it runs; `run` drives these, and a caller that schedules tasks one by one
    (`verifier serve`) can too, with `start`, `collect` and `kill`."""

    task: Task
    process: Any
    conn: Connection
    deadline: float


def run(tasks: list[Task], jobs: int, timeout: float, memory_mb: int, on_done: Callable[[Task, Any], None]) -> None:
    """Run every task; on_done(task, value or Failure) is called in the parent as each ends.

    KeyboardInterrupt propagates after every worker has been killed.
    """
    pending = list(reversed(tasks))
    running: list[Running] = []
    try:
        while pending or running:
            while pending and len(running) < max(1, jobs):
                running.append(start(pending.pop(), memory_mb, timeout))
            now = time.monotonic()
            wait_for = max(0.0, min(r.deadline for r in running) - now)
            ready = wait([r.conn for r in running], timeout=min(wait_for, 0.5))
            for r in list(running):
                outcome = collect(r, r.conn in ready, timeout)
                if outcome is not None:
                    running.remove(r)
                    on_done(r.task, outcome)
    except BaseException:
        for r in running:
            kill(r)
        raise


def start(task: Task, memory_mb: int, timeout: float, forks: bool = False) -> Running:
    """Fork a worker with SIGINT held back until it is on the running list, so an interrupt
    can never leave behind a worker the parent does not know about (and so cannot kill).

    forks: the task forks workers of its own (so it cannot be a daemon process); they die with it."""
    collect_before_fork()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        recv, send = _CTX.Pipe(duplex=False)
        proc = _CTX.Process(target=_child, args=(send, task, memory_mb, os.getpid()), daemon=not forks)
        proc.start()
        send.close()
        return Running(task, proc, recv, time.monotonic() + timeout)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def collect(r: Running, readable: bool, timeout: float) -> Any | None:
    """The task's value or Failure once it has ended (readable: its pipe has news), else None."""
    if readable:
        try:
            _, value = r.conn.recv()
        except (EOFError, OSError):
            r.process.join(1)
            return Failure(FailureKind.DIED, _death(r.process.exitcode))
        r.process.join(5)
        r.conn.close()
        return value  # a value, or the Failure the child sent
    if time.monotonic() >= r.deadline:
        kill(r)
        return Failure(FailureKind.TIMEOUT, time_limit_message(timeout))
    if not r.process.is_alive() and not r.conn.poll():
        r.conn.close()
        return Failure(FailureKind.DIED, _death(r.process.exitcode))
    return None


def time_limit_message(timeout: float, grace: float = 0.0) -> str:
    """grace: the seconds a process holding a module gets beyond the limit (to load it), said when it is used."""
    why = "depends on the machine; not cached; raise it with --timeout"
    if grace:
        given = f"the limit, {timeout:g} s, and {grace:g} s of grace to load the module"
        return f"stopped by the time limit after {timeout + grace:g} s ({given}; {why})"
    return f"stopped by the time limit after {timeout:g} s ({why})"


def kill(r: Running) -> None:
    if r.process.is_alive():
        r.process.kill()
    r.process.join(2)
    r.conn.close()


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        hint = " (maybe out of memory)" if name == "SIGKILL" else ""
        return f"worker died from {name}{hint}"
    return f"worker exited with code {code} before reporting"
