"""What a submission tried that the sandbox refused: recorded inside the sandbox, summarised by the grader.

Inside the sandbox, :func:`install` adds an audit hook (PEP 578) before the student's
code is imported. It reports, one line each as it happens, an ``open`` of a path outside
what the sandbox shows a submission (its folder, Python and the libraries, a scratch
file in its private /tmp), a ``socket.connect``, a process start (``os.fork``,
``subprocess.Popen``, ``os.system``, ``os.exec*``, ``os.posix_spawn``), and a class of
the verifier's changed (``object.__setattr__`` on a type); the check it returns reports
what a submission replaced (:mod:`verifier.grading.patches`): the verifier's module
attributes and classes' methods (the extractor's own, as ``__main__``, included), and the
functions and classes of the libraries the grader relies on (json, sympy, numpy, mpmath,
flint, math, fractions, the builtins), which earn nothing but the TA is told. Each line is
written at once to a pipe only the grader reads, prefixed with a nonce the grader sent on
stdin, so what was reported before a submission turns on the hook's state cannot be taken
back, and a line without the nonce (a submission writing to every descriptor) is itself
reported. The hook and its helpers are
bound when installed, so replacing ``os.write`` later changes nothing (code that digs
through the interpreter's memory could silence it from then on, but not take back what
was written).

Outside, :func:`summarise` turns the lines into the row's integrity notes, one per kind.
The grade itself follows the course's rule; the notes are for the teaching assistant.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from verifier.grading import patches

PROCESS_EVENTS = frozenset(
    {"os.fork", "os.forkpty", "os.posix_spawn", "os.exec", "os.system", "os.spawn", "subprocess.Popen", "pty.spawn"}
)
ALLOWED = ("/submission", "/usr", "/opt/verifier-lib", "/dev/null", "/dev/urandom", "/dev/random", "/proc/self",
           "/proc/meminfo", "/proc/cpuinfo", "/sys/devices/system/cpu", "/etc/ld.so.cache")  # fmt: skip
MAX_LINES = 2000  # per sandbox, read by the grader
PER_KIND = 200  # lines of one kind one process writes
KINDS = {
    "open": "tried to open {n} path(s) outside its folder, not in the sandbox: {what}",
    "connect": "tried to connect {n} time(s) to {what}; the sandbox has no network",
    "process": "tried to start {n} process(es) ({what}); the sandbox allows few, and none outlive it",
    "patch": "tried to patch the verifier: {what}",
    "library": "tried to patch {n} function(s) or class(es) of the libraries the grader relies on: {what}",
    "forged": "wrote {n} line(s) into the grader's integrity channel that the sandbox did not write (forgery?)",
}


def allowed_prefixes() -> tuple[str, ...]:
    """Where a submission may read: its folder, the system, Python and every import path."""
    found = {p for p in (*sys.path, sys.prefix, sys.base_prefix, sys.exec_prefix) if p.startswith("/")}
    return (*ALLOWED, *sorted(found))


def _outside(path: str, write: bool, prefixes: tuple[str, ...]) -> bool:
    if any(path == p or path.startswith(p.rstrip("/") + "/") for p in prefixes):
        return False
    if path == "/tmp" or path.startswith("/tmp/"):  # its private /tmp: a scratch file is fine, a TA's path not
        return not write and not os.path.exists(path)
    return True


def _path_of(args: tuple[Any, ...], cwd: str) -> tuple[str, bool] | None:
    path, mode, flags = (*args, None, None, None)[:3]
    if isinstance(path, bytes):
        path = path.decode("utf-8", "replace")
    if not isinstance(path, str):
        return None  # a descriptor: opened already
    writing = isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR)
    write = any(c in str(mode or "") for c in "wax+") or bool(writing)
    return os.path.normpath(os.path.join(cwd, path)), write


def install(fd: int, nonce: str, prefixes: tuple[str, ...]) -> Callable[[], None]:
    """Report the submission's attempts to fd from now on (in this process and any it forks); returns the
    check to run once it is done, which reports the verifier's module attributes it replaced."""
    write, getcwd = os.write, os.getcwd
    written: dict[str, int] = {}  # lines of each kind this process wrote: a few hundred tell the tale

    def emit(kind: str, detail: str) -> None:
        if written.get(kind, 0) >= PER_KIND:  # a flood (a fork bomb's every attempt) would cost the grader, not it
            return
        written[kind] = written.get(kind, 0) + 1
        with suppress(OSError):
            write(fd, f"{nonce} {kind} {detail[:200]}\n".replace("\r", " ").encode("utf-8", "replace"))

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "open":
            found = _path_of(args, getcwd())
            if found is not None and _outside(found[0], found[1], prefixes):
                emit("open", found[0] + (" (for writing)" if found[1] else ""))
        elif event == "socket.connect" and len(args) > 1:
            emit("connect", _address(args[1]))
        elif event in PROCESS_EVENTS:
            emit("process", event)
        elif event == "object.__setattr__" and _patches_class(args, before, getcwd()):
            emit("patch", f"{getattr(args[0], '__module__', '?')}.{getattr(args[0], '__qualname__', '?')}.{args[1]}")

    snapshot = patches.take()
    before = snapshot.modules

    def check_patches() -> None:
        try:
            found = patches.changes(snapshot, getcwd())
        except Exception as err:  # an attribute that raises when looked at (a __getattr__ of the submission's)
            found = [("patch", f"(the check stopped: {type(err).__name__})")]
        for kind, what in found:
            emit(kind, what)

    sys.addaudithook(hook)
    return check_patches


def _patches_class(args: tuple[Any, ...], before: dict[str, dict[str, int]], cwd: str) -> bool:
    """Setting an attribute on one of the verifier's classes: after its module was loaded, or to the
    submission's code (a class's own definition sets only dunders)."""
    owner, name = args[0], str(args[1]) if len(args) > 1 else ""
    module = str(getattr(owner, "__module__", ""))
    if not patches.ours(module) or name.startswith("__"):
        return False
    return module in before or (len(args) > 2 and patches.foreign(args[2], cwd))


def _address(address: object) -> str:
    if isinstance(address, tuple) and len(address) >= 2:
        return f"{address[0]}:{address[1]}"
    return str(address)[:80]


def summarise(raw: bytes, nonce: str) -> list[str]:
    """The row's integrity notes: one line per kind of attempt, with how many and the first few."""
    seen: dict[str, list[str]] = {}
    for line in raw.decode("utf-8", "replace").splitlines()[:MAX_LINES]:
        stamp, _, rest = line.partition(" ")
        kind, _, detail = rest.partition(" ")
        if stamp != nonce or kind not in KINDS:
            kind, detail = "forged", ""
        seen.setdefault(kind, []).append(detail)
    return [_note(kind, seen[kind]) for kind in KINDS if kind in seen]


def _note(kind: str, details: list[str]) -> str:
    distinct = list(dict.fromkeys(details))
    what = ", ".join(distinct[:3]) + (f" and {len(distinct) - 3} more" if len(distinct) > 3 else "")
    return "integrity: " + KINDS[kind].format(n=len(details), what=what)
