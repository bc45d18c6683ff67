"""A clean process that runs a Dask worker's tasks exactly as the CLI would run them.

A Dask worker has imported Dask and distributed: some 380 modules the CLI never loads. Their
classes are not inert. The first isinstance check of a type against an abstract class with no
subclass hook (Mapping, Sequence, Iterable for a type that is not one) walks every subclass
of it the process has defined, and caches each answer. So a claim forked from a worker allocated
more than the same claim forked by the CLI, and counted more heartbeats:
`linear_algebra.am_gm_trace_determinant` took 289 at n = 3 against the CLI's 290, within a few
heartbeats of the budget that decides its proved n.

So each worker hands its tasks to a zygote: a Python process it starts once (`Zygote`), which
imports what the CLI imports before it forks (`_import_as_the_cli`) and nothing of Dask, then runs
each task as the CLI does: held, then forked, under the hard time and memory limits
(`grouped.run`). The zygote is part of its worker: it ends when the worker hangs up, and if it
dies in the middle of a task the worker ends itself too, so that the scheduler runs the task again
elsewhere, as for any lost worker.

The pytest plugin verifies a pytest worker's claims the same way, for the same reason (pytest and
its plugins are some 300 modules more, and its hash seed is random): its zygote runs a whole run
(`verify_run`) in a process of its own session, with the CLI's environment, and hands back the report.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from verifier.run import grouped, pool

if TYPE_CHECKING:
    from verifier.outcome import RunReport
    from verifier.run.runner import RunSettings

T = TypeVar("T")

# the process starts from the CLI's own modules, as `verifier` does (imported here, the run layer would
# import the CLI above it)
START = "import verifier.cli.main; from verifier.run import zygote; zygote.serve()"
REPLY_GRACE = 3 * grouped.GRACE  # beyond the task's own limit: grouped.run has answered by then


def command() -> list[str]:
    """The zygote's command line. `-P`: the working directory is not on its import path (a Dask worker's or pytest's,
    where a student's numpy.py or verifier/ ran as root, outside any sandbox, when it was). The folder this process
    imported the package from goes first where it is not on the path anyway (a checkout, not installed), so the
    zygote runs the same code as its parent."""
    import verifier

    root = str(Path(verifier.__file__).resolve().parent.parent)
    return [
        sys.executable,
        "-P",
        "-c",
        f"import sys\nif {root!r} not in sys.path: sys.path.insert(0, {root!r})\n{START}",
    ]


def absolute_path_only(env: dict[str, str]) -> dict[str, str]:
    """env with the relative entries of PYTHONPATH dropped. The zygote starts in this process's working directory,
    a student's folder perhaps, where `PYTHONPATH=.` (a checkout's habit) would import its numpy.py or verifier/
    before the library's, outside any sandbox; `-P` keeps only the script's folder off the path. This process
    imported the package from its own folder, which `command` puts first anyway."""
    entries = env.get("PYTHONPATH", "").split(os.pathsep)
    kept = [e for e in entries if e and os.path.isabs(e)]
    if "PYTHONPATH" not in env or kept == entries:
        return env
    out = {k: v for k, v in env.items() if k != "PYTHONPATH"}
    return {**out, "PYTHONPATH": os.pathsep.join(kept)} if kept else out


def _import_as_the_cli() -> None:
    """What the CLI process has imported when it forks its holders (START has loaded the CLI; a
    verify-all of a library with refutations imports the shrinker too): the same classes, the same walks."""
    from verifier.render import junit, markdown, terminal  # noqa: F401
    from verifier.run import (
        files,  # noqa: F401
        runner,
    )

    runner.share_imports(shrinker=True)


def serve() -> None:
    """The zygote's loop: read a call (a function of this package's and its arguments), answer its value;
    until the worker hangs up.

    The channel is the process's original stdin and stdout; fd 1 then points at stderr, so that
    a claim that prints cannot corrupt an answer. A worker that dies closes the channel: an idle
    zygote exits at once, a busy one when its task ends (within the task's time limit)."""
    incoming, outgoing = Connection(os.dup(0)), Connection(os.dup(1))
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the worker's Ctrl-C is the worker's to handle
    _import_as_the_cli()
    try:
        outgoing.send_bytes(b"ready")
        while True:
            fn, args = pickle.loads(incoming.recv_bytes())
            outgoing.send_bytes(pickle.dumps(_value(fn, args)))
    except (EOFError, BrokenPipeError):
        return


def _value(fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    """fn(*args), or what it raised as a Raised: the caller's to report, and the zygote serves on."""
    try:
        return fn(*args)
    except Exception:
        return Raised(traceback.format_exc())


@dataclass(frozen=True)
class Raised:
    """A call that raised in the zygote: its traceback."""

    text: str


def _run(packed: bytes, timeout: float, memory_mb: int) -> Any:
    """The task's value or pool.Failure. It arrives pickled and is unpickled here rather than by Dask:
    a task that cannot be read on this machine (a module it names is missing) is then an ERROR that
    says so. Dask itself treats a message it cannot unpickle as fatal, and its worker dies, again and again."""
    try:
        task = pickle.loads(packed)
    except Exception as err:
        return pool.Failure(pool.FailureKind.RAISED, f"cannot be read on the Dask worker {socket.gethostname()}: "
                                      f"{type(err).__name__}: {err}")  # fmt: skip
    out: list[Any] = []
    grouped.run([task], 1, timeout, memory_mb, lambda t, value: out.append(value))  # as locally: held, then forked
    return out[0]


def verify_run(cwd: str, paths: list[str], settings: RunSettings, more_paths: tuple[str, ...] = ()) -> RunReport:
    """A run as the CLI's (`runner.verify_paths`), from `cwd`: Ctrl-C (SIGINT, which only the caller sends
    to a zygote of its own session) stops it, and the report of what finished comes back, marked incomplete.
    more_paths (the caller's import path entries this process lacks: pytest's rootdir, its `pythonpath`) go
    last on sys.path, so a module the CLI would import is the same here and a derivation finds its helpers."""
    from verifier.run import runner

    sys.path.extend(p for p in more_paths if p not in sys.path)
    os.chdir(cwd)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # the zygote's: ignored between runs
    try:
        return runner.verify_paths(paths, settings)
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def borrowed() -> Iterator[Zygote]:
    """An idle zygote of this process's, or a new one; it goes back to the idle ones afterwards.

    One per task running at once: a worker of one thread keeps one zygote, whichever of its threads
    (the event loop's for `worker_facts`, the task thread's for `run_in_worker`) asks."""
    with _IDLE_LOCK:
        zygote = _IDLE.pop() if _IDLE else Zygote()
    try:
        yield zygote
    finally:
        with _IDLE_LOCK:
            _IDLE.append(zygote)


class Zygote:
    """The worker's side: the zygote process and its channel, started on first use."""

    def __init__(self, env: dict[str, str] | None = None, own_session: bool = False) -> None:
        self._env, self._own_session = env, own_session  # None: this process's environment
        self._process: subprocess.Popen[bytes] | None = None
        self._to: Connection | None = None
        self._from: Connection | None = None

    def start(self) -> None:
        """Start the zygote if it is not running."""
        if self._process is not None and self._process.poll() is None:
            return
        self.close()  # the channel of one that died
        process = subprocess.Popen(
            command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=absolute_path_only(self._env if self._env is not None else dict(os.environ)),
            start_new_session=self._own_session,
        )
        assert process.stdin is not None and process.stdout is not None
        self._to, self._from = Connection(os.dup(process.stdin.fileno())), Connection(os.dup(process.stdout.fileno()))
        process.stdin.close()
        process.stdout.close()
        self._process = process
        try:
            ready = self._from.recv_bytes()
        except EOFError:
            ready = b""
        if ready != b"ready":
            raise RuntimeError(f"the zygote ({START!r}) exited as it started, with code {process.wait(30)}; "
                               "its error is in this worker's log")  # fmt: skip

    def close(self) -> None:
        """Hang up: the zygote exits (at once when idle)."""
        for conn in (self._to, self._from):
            if conn is not None:
                conn.close()
        self._to = self._from = None
        if self._process is not None:
            self._process.wait(30)

    def run(self, packed: bytes, timeout: float, memory_mb: int) -> Any:
        """The task's value or pool.Failure, run in the zygote. If the zygote dies during the task, so
        does this worker: the scheduler then runs the task again, as for a worker lost any other way."""
        self.start()
        assert self._to is not None and self._from is not None
        try:
            self._to.send_bytes(pickle.dumps((_run, (packed, timeout, memory_mb))))
            if self._from.poll(timeout + REPLY_GRACE):
                return pickle.loads(self._from.recv_bytes())
        except (EOFError, OSError):
            pass
        os.kill(os.getpid(), signal.SIGKILL)  # the zygote died or hung: lose this worker, not the task
        raise AssertionError("unreachable")

    def call(self, fn: Callable[..., T], *args: object) -> T:
        """fn(*args) in the zygote: its value. Ctrl-C here is passed on to the zygote as one SIGINT (it is of
        its own session: a terminal's reaches this process only), and what fn returns then comes back."""
        self.start()
        assert self._to is not None and self._process is not None
        self._to.send_bytes(pickle.dumps((fn, args)))
        try:
            value = self._answer()
        except KeyboardInterrupt:
            self._process.send_signal(signal.SIGINT)
            value = self._answer()
        if isinstance(value, Raised):
            raise ZygoteLost(f"the verifier's process raised:\n{value.text}")
        return value

    def _answer(self) -> Any:
        """The zygote's answer, waited for in short polls that Ctrl-C interrupts."""
        assert self._from is not None and self._process is not None
        try:
            while not self._from.poll(0.25):
                pass
            return pickle.loads(self._from.recv_bytes())
        except (EOFError, OSError):
            code = self._process.wait(30)
            self.close()
            raise ZygoteLost(
                f"the verifier's process ({START!r}) ended with code {code} in the middle of a run"
            ) from None


class ZygoteLost(RuntimeError):
    """The zygote died before it answered, or the call raised there."""


_IDLE: list[Zygote] = []
_IDLE_LOCK = threading.Lock()
