"""The extractor's only way out of the sandbox: a frame from a child, signed by a parent the child cannot reach.

Inside the sandbox the extractor forks before any student code runs. The *child*
confines itself, imports the submission and encodes its claims; it hands the document
back as one length-prefixed frame on a pipe. The *parent* runs no student code: it has
already moved the grader's stdout out of the child's reach (the child closes its copy,
and its fd 1 is stderr), makes itself non-dumpable (so the child cannot open
``/proc/<parent>/fd`` or its memory, nor ptrace it), reads the frame, and only then reads
the per-run key from stdin, a line the child never saw (it replaced its stdin with
/dev/null before anything else ran). The parent writes ``HMAC-SHA256(key, document)``
and the document to the grader's stdout. The grader accepts exactly one signed document
(:func:`verify`); bytes a submission writes anywhere else, through any descriptor it can
find, are not signed and refused.

What the child sends is still the student's data (its code ran there): it is checked by
shape here and by :mod:`verifier.grading.prepare`, decoded from allow-lists, and the
grader builds what it verifies at the sizes *it* chose. So nothing in a frame can widen
what a submission gets: a frame with fewer sizes earns less, never more.

The parent also keeps the import phase short (:class:`Phases`). Until the child writes
:data:`IMPORTED` on its pipe (once every module is imported, before any claim is built), the
parent gives it ``import_seconds`` of wall time (less what the machine's load took from it:
:func:`verifier.grading.watch.waited`), and the sandbox's processes together
``import_cpu`` CPU seconds (summed from the sandbox's own /proc: a fork bomb's children
count); then the sandbox's processes together get ``cpu_seconds``. Past a limit it kills the
child and exits with :data:`IMPORT_WALL_EXIT`, :data:`IMPORT_CPU_EXIT` or :data:`CPU_EXIT`, which
the grader words. A submission can write the marker early: it then has the longer limits,
never a mark.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import hmac
import os
import select
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from verifier.grading import watch

FORGED_EXIT = 86  # the parent's exit code when the child's frame is malformed (the grader words it)
MAX_LINE = 256
PR_SET_DUMPABLE = 4
GRACE = 1.0  # seconds a child has to exit after its frame
IMPORT_WALL_EXIT, IMPORT_CPU_EXIT, CPU_EXIT = 87, 88, 89  # the parent's exit codes when a limit stopped the child
IMPORTED = b"+"  # the child's word that every module is imported (before its frame)
POLL = 0.1  # seconds between the parent's looks at the sandbox's CPU time
MIN_POLL = 0.01  # … and the shortest, near a CPU limit (every core of the machine spinning cannot pass it by much)


@dataclass(frozen=True)
class Phases:
    """The limits the parent keeps: wall and CPU seconds for the import, CPU seconds for everything."""

    import_seconds: float = 5.0
    import_cpu: float = 1.0
    cpu_seconds: float = 60.0


class Unauthenticated(ValueError):
    """The sandbox's output is not one document signed with this run's key."""


def read_line(fd: int) -> str:
    """One line from fd, read a byte at a time (nothing after it is buffered, so a child forked later holds none)."""
    out = bytearray()
    while len(out) < MAX_LINE:
        b = os.read(fd, 1)
        if not b or b == b"\n":
            break
        out += b
    return out.decode("ascii", "replace").strip()


def sign(key: str, body: bytes) -> bytes:
    return hmac.new(key.encode(), body, hashlib.sha256).hexdigest().encode() + b"\n" + body


def verify(key: str, raw: bytes) -> bytes:
    """The document, if raw is exactly one document signed with key (Unauthenticated otherwise)."""
    mac, sep, body = raw.partition(b"\n")
    expected = hmac.new(key.encode(), body, hashlib.sha256).hexdigest().encode()
    if not key or not sep or not hmac.compare_digest(mac, expected):
        raise Unauthenticated("the sandbox's output is not signed by its extractor (forged?)")
    return body


def _dumpable(flag: int) -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, flag, 0, 0, 0)


def run_child(work: Callable[[Callable[[], None]], bytes], hide: tuple[int, ...], cap: int,
              phases: Phases | None = None) -> tuple[bytes | None, int]:  # fmt: skip
    """Fork; the child closes the descriptors in hide and stdin, runs work (given the call that says its import
    is done) and sends its result as one frame. Returns the frame's body (None if none came whole, or it is
    over cap bytes) and the child's exit code (or the parent's, when one of the phases' limits stopped it)."""
    read_end, write_end = os.pipe()
    _dumpable(0)  # from here on, a process of the same user cannot open this one's /proc entries
    pid = os.fork()
    if pid == 0:  # the child: nothing of the parent's but what work needs
        _own_group()
        os.close(read_end)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        for fd in hide:
            os.close(fd)
        _dumpable(1)
        _child(work, write_end)
    os.close(write_end)
    _own_group(pid)
    reader = _Reader(read_end, pid, cap, phases or Phases())
    body, status = reader.frame()
    os.close(read_end)
    if reader.stopped:
        _kill(pid)
        return None, reader.stopped
    status = status if status is not None else _ended(pid)
    code = os.waitstatus_to_exitcode(status)
    if code == -signal.SIGXCPU and not reader.imported:  # RLIMIT_CPU's soft limit: the import's
        return None, IMPORT_CPU_EXIT
    return body, (128 - code if code < 0 else code)


def _own_group(pid: int = 0) -> None:
    """The child leads a process group of its own (set on both sides of the fork, so that neither can run ahead)."""
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)


def _kill(pid: int) -> None:
    _kill_group(pid)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _ended(pid: int) -> int:
    """The child's wait status: it ends by itself after its frame (given a moment), or is killed; a frame is all
    it may give, and whatever it does next does not count."""
    deadline = time.monotonic() + GRACE
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.01)
    _kill_group(pid)
    return os.waitpid(pid, 0)[1]


def _kill_group(pid: int) -> None:
    """The child and every process of its group at once: a fork bomb's spinning forks do not wait for the
    sandbox to be torn down (one that left the group still dies with its sandbox)."""
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _child(work: Callable[[Callable[[], None]], bytes], fd: int) -> None:
    try:
        body = work(lambda: _write_all(fd, IMPORTED))
        os.write(fd, b"%d\n" % len(body))
        _write_all(fd, body)
    except BaseException:  # the child never returns into the parent's code
        with contextlib.suppress(BaseException):
            traceback.print_exc()
        os._exit(70)
    os._exit(0)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class _Reader:
    """The parent's side of the pipe: the child's frame, read while the phases' limits are kept."""

    def __init__(self, fd: int, pid: int, cap: int, phases: Phases) -> None:
        self.fd, self.pid, self.cap, self.phases = fd, pid, cap, phases
        self.started = time.monotonic()
        self.imported = False
        self.stopped = 0  # the exit code of the limit that stopped the child (0: none)
        self.wait = POLL  # until the next look: sooner as the CPU left shrinks

    def frame(self) -> tuple[bytes | None, int | None]:
        """The child's frame (a decimal length, a newline, that many bytes, after the import's marker; None if it
        ends, exits, overflows or is stopped first), and the child's wait status if it was reaped here."""
        data = bytearray()
        while len(data) <= self.cap + 24:
            ready = select.select([self.fd], [], [], self.wait)[0]
            chunk = os.read(self.fd, 1 << 16) if ready else b""
            data += chunk
            self.imported = self.imported or data[:1] == IMPORTED
            whole = _complete(data)
            if whole is not None or (ready and not chunk):
                return whole, None
            self.stopped = self._over()
            if self.stopped:
                return None, None
            if not ready:
                done, status = os.waitpid(self.pid, os.WNOHANG)
                if done:  # its forks may keep the pipe open: take what is there, no waiting for EOF
                    return _complete(_drain(self.fd, data)), status
        return None, None

    def _over(self) -> int:
        """The exit code of the limit the child is past (0: none)."""
        used = watch.sandbox_cpu(exclude=os.getpid())
        cap = self.phases.cpu_seconds if self.imported else self.phases.import_cpu
        self.wait = min(POLL, max(MIN_POLL, (cap - used) / (os.cpu_count() or 1)))
        if self.imported:
            return CPU_EXIT if used > cap else 0
        if used > cap:
            return IMPORT_CPU_EXIT
        limit = self.phases.import_seconds
        elapsed = time.monotonic() - self.started
        if elapsed <= limit:
            return 0
        return IMPORT_WALL_EXIT if elapsed - watch.waited(self.pid, watch.CREDIT * limit) > limit else 0


def _drain(fd: int, data: bytearray) -> bytearray:
    while select.select([fd], [], [], 0)[0]:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        data += chunk
    return data


def _complete(data: bytearray) -> bytes | None:
    """The first frame in data, once whole (after the import's marker, if that came first): what follows it is
    not read, so a frame a submission writes into the pipe is taken whatever the timing, as its own data."""
    start = 1 if data[:1] == IMPORTED else 0
    head, sep, _ = bytes(data[start : start + 24]).partition(b"\n")
    if not sep or not head.isdigit():
        return None
    body = data[start + len(head) + 1 :]
    return bytes(body[: int(head)]) if len(body) >= int(head) else None
