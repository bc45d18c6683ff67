"""The grader's side of the zygote: start it for a run, and run each submission's sandbox from it.

:func:`started` starts the zygote (:mod:`verifier.grading.zygote`) for the length of a
grading run; the pool's workers, forked from the grader, inherit it. :func:`run` then makes
each submission's sandbox as a cold run does (bwrap, the same namespaces, binds and
environment), with a placeholder in it that lives until the grader is done with the
sandbox, and asks the zygote to fork the extractor into it. What comes back is read exactly
as from a cold sandbox (:func:`verifier.grading.sandbox.read`): the signed document, stderr, the
audit pipe, within the same wall-clock limit, after which the sandbox is killed, and every
process in it with it. Where there is no zygote (a Dask worker, or one that could not start),
or the zygote cannot enter a sandbox, the run is cold.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import select
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from verifier.grading import sandbox, zygote

READY_SECONDS = 120.0  # for the zygote's imports, on a loaded machine
PLACEHOLDER = ("/bin/sh", "-c", "echo ready; read -r line")  # lives until its stdin closes: the sandbox's lifetime


class Zygote:
    """The zygote process and the grader's end of its socket."""

    def __init__(self) -> None:
        """Start it (its imports run while the grader goes on: :meth:`wait` before the first sandbox)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        import verifier

        env = {**sandbox.environment(), "PYTHONPATH": str(Path(verifier.__file__).resolve().parent.parent)}
        command = [sys.executable, "-s", "-B", "-c", zygote.START.format(fd=theirs.fileno())]
        self.process = subprocess.Popen(command, pass_fds=(theirs.fileno(),), env=env, cwd="/",
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)  # fmt: skip
        theirs.close()
        self.sock = ours
        self.broken = ""  # why the zygote cannot be used ("" while it can)
        self.ready = False

    def wait(self) -> None:
        """Until it has imported everything and answers (or is known broken)."""
        if self.ready or self.broken:
            return
        if not select.select([self.sock], [], [], READY_SECONDS)[0] or self.sock.recv(16) != b"ready":
            self.broken = f"the zygote did not start (exit code {self.process.poll()})"
            return
        self.ready = True

    def close(self) -> None:
        self.sock.close()  # the zygote exits when the grader hangs up
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_CURRENT: list[Zygote] = []
_EARLY: list[Zygote] = []  # started by prestart, for the next started() to take


def prestart() -> None:
    """Start the zygote now, for the next :func:`started` of this process: `verifier grade` calls this before it
    imports the engine, so that the two imports share the machine's cores rather than follow each other."""
    if not _EARLY and sandbox.unavailable() is None:
        _EARLY.append(Zygote())


@contextlib.contextmanager
def started(wanted: bool = True, wait: bool = True) -> Iterator[Zygote | None]:
    """A zygote for what runs inside the block (None if not wanted, or no sandbox can run here); not wait: it
    imports while the block goes on, and is used once :func:`ready` has been called."""
    early = _EARLY.pop() if _EARLY else None
    if not wanted or sandbox.unavailable() is not None:
        if early is not None:
            early.close()
        yield None
        return
    z = early or Zygote()
    if wait:
        z.wait()
    _CURRENT.append(z)
    try:
        yield z
    finally:
        _CURRENT.remove(z)
        z.close()


def ready() -> None:
    """Wait for the current zygote to answer (a sandbox forked from the grader before that runs cold)."""
    if _CURRENT:
        _CURRENT[-1].wait()


def current() -> Zygote | None:
    return _CURRENT[-1] if _CURRENT and _CURRENT[-1].ready and not _CURRENT[-1].broken else None


def run(folder: Path, dims: dict[str, Any], default: list[Any], limits: sandbox.Limits, audit: bool = True,
        files: list[str] | None = None) -> sandbox.Run:  # fmt: skip
    """sandbox.run, from the zygote when there is one (see the module's docstring)."""
    z = current()
    if z is None:
        return sandbox.run(folder, dims, default, limits, audit, files)
    request = sandbox.request_for(dims, default, limits, files)
    if audit:
        request["audit_fd"] = 3
    result = _warm(z, folder, request, limits)
    if result is None:  # the zygote could not enter the sandbox: this run, and the rest, cold
        return sandbox.run(folder, dims, default, limits, audit, files)
    return result


def _warm(z: Zygote, folder: Path, request: dict[str, Any], limits: sandbox.Limits) -> sandbox.Run | None:
    started_at = time.monotonic()
    extra = ("--as-pid-1", *_package_bind())  # the placeholder is the sandbox's init: one process, as a cold one
    argv = [*sandbox.sandbox_argv(folder, limits, extra), "--", *PLACEHOLDER]
    result = sandbox.Run(argv=argv, nonce=secrets.token_hex(16), key=secrets.token_hex(32))
    box = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    pipes = [os.pipe() for _ in range(zygote.STDIO)]  # the extractor's stdin, stdout, stderr, audit pipe
    mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    ends = [pipes[0][0], pipes[1][1], pipes[2][1], pipes[3][1]]  # the extractor's
    stdin, stdout, stderr, notes = (os.fdopen(fd, mode) for fd, mode in (
        (pipes[0][1], "wb"), (pipes[1][0], "rb"), (pipes[2][0], "rb"), (pipes[3][0], "rb")))  # fmt: skip
    try:
        chain = _placeholder(box, limits.wall_seconds)
        if chain is None:
            return None
        names, fds = _namespaces(chain[-1])
        message = json.dumps({"namespaces": names, "request": request}).encode()
        try:
            socket.send_fds(z.sock, [message], [*fds, *ends, theirs.fileno()])
        except OSError as err:  # the zygote is gone
            z.broken = f"the zygote does not answer ({err})"
            return None
        finally:  # the extractor's ends are its now (or no one's): closed here, so that its pipes end with it
            for fd in (*fds, *ends):
                os.close(fd)
            ends.clear()
            theirs.close()
        extractor = _status(mine, limits.wall_seconds, b"P")
        if isinstance(extractor, str):
            z.broken = extractor
            return None
        sandbox.send_keys(stdin, result.nonce, result.key)
        with stdout, stderr:
            sandbox.read(stdout, stderr, result, limits, started_at, notes, extractor, mine, box.kill)
        status = _status(mine, 0.0 if result.timed_out or result.overflow else 5.0)
        if isinstance(status, str):
            z.broken = status
            return None
        result.returncode = status
    finally:
        for fd in ends:  # not handed over
            os.close(fd)
        theirs.close()
        for stream in (stdin, stdout, stderr, notes):
            stream.close()
        mine.close()
        box.kill()
        box.wait()
        result.seconds = time.monotonic() - started_at
    return result


def _package_bind() -> tuple[str, ...]:
    """The verifier's package, read-only, also where the zygote imported it from (its later imports look there)."""
    import verifier

    package = Path(verifier.__file__).resolve().parent
    parents = [p for p in reversed(package.parents) if str(p) != "/"]
    made = [x for p in parents for x in ("--perms", "0755", "--dir", str(p))]
    return (*made, "--ro-bind", str(package), str(package))


def _placeholder(box: subprocess.Popen[bytes], wall: float) -> list[int] | None:
    """The processes from bwrap down to the placeholder, once it runs in the finished sandbox (None if the
    sandbox did not start)."""
    assert box.stdout is not None
    if not select.select([box.stdout], [], [], wall)[0] or box.stdout.readline() != b"ready\n":
        return None
    chain = [box.pid]
    while children := _children(chain[-1]):  # bwrap (and, unprivileged, …), the sh: the sandbox's pid 1
        chain.append(children[0])
    return chain if len(chain) >= 2 else None


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _namespaces(pid: int) -> tuple[list[str], list[int]]:
    """The namespaces of the sandbox's process pid, by name, opened."""
    names = list(zygote.NAMESPACES)
    return names, [os.open(f"/proc/{pid}/ns/{n}", os.O_RDONLY | os.O_CLOEXEC) for n in names]


def _status(sock: socket.socket, wait: float, kind: bytes = b"S") -> int | str:
    """The zygote's word on the extractor: its process id (kind P), or its exit code as bwrap gives it (kind S: a
    signal's is 128 + its number, -9 if it was killed with its sandbox); or why it did not start."""
    if not select.select([sock], [], [], wait)[0]:
        return -9 if kind == b"S" else "the zygote did not answer"
    reply = sock.recv(1024)
    if reply[:1] == kind == b"P":
        return int(struct.unpack("i", reply[1:5])[0])
    if reply[:1] == kind == b"S":
        code = os.waitstatus_to_exitcode(struct.unpack("i", reply[1:5])[0])
        return 128 - code if code < 0 else code
    return f"the zygote could not enter a sandbox: {reply[1:].decode('utf-8', 'replace')}"
