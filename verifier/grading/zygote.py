"""A warm zygote for the sandboxes: sympy and the verifier imported once, each submission's extractor forked from it.

A cold sandbox spends most of a second importing sympy and the verifier before it reads a
line of the student's code. The zygote is a process the grader starts once per run, with the
sandbox's environment and nothing else, that imports them (:func:`serve`) and then only
waits for requests on a socket only the grader's processes hold. It never runs a student's
code, and no student's code runs in a process that outlives its submission: each request
is served by a fresh fork, so what one submission changes (a patched sympy, a replaced
function of the verifier's) dies with it, and the next one forks from the untouched zygote.

Each request comes with a fresh bubblewrap sandbox of its own, which the grader has made
for that submission exactly as for a cold run (its folder only, no network, a private
/tmp, its own pid, ipc, uts and, unprivileged, user namespace; see
:mod:`verifier.grading.warm`), and the descriptors of those namespaces. The fork
(:func:`_enter`) joins them all, so that the mount namespace gives it the sandbox's root
and nothing else, and sets no_new_privs; it forks again so that the extractor is a process
of the sandbox's pid namespace (it dies with the sandbox, as every process the submission
starts). That process drops every capability but CAP_SETUID and CAP_SETGID (to drop the
student's child to the sandbox's user id) and CAP_KILL (to stop that child at a limit), and
unprivileged all of them,
starts a session of its own, closes every descriptor but its stdin, stdout, stderr and the
audit pipe, takes the sandbox's environment, working directory and import path, and runs
the extractor's parent as a cold sandbox does (:func:`verifier.grading.extract.serve`): the
student's code runs in its child, confined and audited as before.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import gc
import json
import os
import signal
import socket
import struct
import sys
import traceback
from typing import Any

# the sandbox's namespaces, joined in this order after the user namespace that owns them (which grants joining
# them); last, by the extractor alone, the user namespace of its processes (unprivileged, bwrap nests one to keep
# them from making more, and counts the process limit in it; as root there is none)
NAMESPACES = ("ipc", "uts", "net", "cgroup", "pid", "mnt", "user")
NS_GET_USERNS = 0xB701  # ioctl: the user namespace that owns a namespace
STDIO = 4  # stdin, stdout, stderr and the audit pipe, as the extractor's descriptors 0 to 3
MAX_FDS = len(NAMESPACES) + STDIO + 1  # and the socket the status goes back on
START = "from verifier.grading import zygote; zygote.serve({fd})"
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 1, 24, 38, 47
CAP_KILL, CAP_SETGID, CAP_SETUID = 5, 6, 7
_LIBC = ctypes.CDLL(None, use_errno=True)


def _preload() -> None:
    """What a submission and the extractor import (a submission's other imports are read in its own fork), with the
    cyclic collector off, then one collection and what is left frozen (as the grader's own process does,
    :func:`verifier.cli.main.imports_uncollected`): each fork's collections then never walk sympy's objects, nor
    write to their pages."""
    gc.disable()
    try:
        import mpmath  # noqa: F401
        import numpy  # noqa: F401
        import sympy  # noqa: F401

        import verifier  # noqa: F401
        from verifier.grading import extract, patches, sandbox  # noqa: F401
        from verifier.language import mathlib  # noqa: F401

        patches.warm()
    finally:
        gc.enable()
    gc.collect()
    gc.freeze()


def serve(fd: int) -> None:
    """The zygote's loop: one fork per request, until the grader hangs up; then it ends without the interpreter's
    teardown (freeing sympy's objects took 0.17 s, which the grader waited for)."""
    _preload()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the grader's Ctrl-C is the grader's to handle
    signal.signal(signal.SIGCHLD, _reap)  # reaped here, so that their CPU time counts in the zygote's children's
    server = socket.socket(fileno=fd)
    server.send(b"ready")
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(server, 1 << 20, MAX_FDS)
        except OSError:
            os._exit(0)
        if not message:
            os._exit(0)
        if os.fork() == 0:
            server.close()
            _enter(message, fds)
        for received in fds:
            os.close(received)


def _reap(signum: int, frame: object) -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _enter(message: bytes, fds: list[int]) -> None:
    """The fork: join the sandbox's namespaces, fork the extractor into its pid namespace, send back its wait status
    (or why it could not start). Never returns."""
    reply = fds[-1]
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        order = json.loads(message)
        names = list(order["namespaces"])
        joined = fds[: len(names)]
        stdio = fds[len(names) : len(names) + STDIO]
        users = _join(dict(zip(names, joined, strict=True)))
        _prctl(PR_SET_NO_NEW_PRIVS, 1)
        pid = os.fork()
        if pid == 0:
            os.close(reply)
            if users is not None and _LIBC.setns(users, 0) != 0:  # only the extractor counts among its processes
                os._exit(72)
            for fd in joined:
                os.close(fd)
            _extract(order["request"], stdio)
        for fd in (*joined, *stdio):
            os.close(fd)
        os.write(reply, b"P" + struct.pack("i", pid))  # its process id as the grader sees it (the same namespace)
        status = os.waitpid(pid, 0)[1]
        os.write(reply, b"S" + struct.pack("i", status))
    except BaseException as err:
        with contextlib.suppress(BaseException):
            os.write(reply, b"E" + f"{type(err).__name__}: {err}".encode()[:500])
        os._exit(1)
    os._exit(0)


def _join(namespaces: dict[str, int]) -> int | None:
    """setns into the user namespace that owns the sandbox's namespaces, then each of them this process is not in
    already (decided before any is joined: the sandbox's /proc does not show this process). Returns the sandbox's
    own user namespace, for the extractor to join, if that is yet another (None if not)."""
    owner = fcntl.ioctl(namespaces["ipc"], NS_GET_USERNS)
    ours = {name: os.stat(f"/proc/self/ns/{name}").st_ino for name in NAMESPACES}
    try:
        todo = [("owner", owner)] if os.fstat(owner).st_ino != ours["user"] else []
        todo += [(n, fd) for n, fd in namespaces.items() if n in NAMESPACES[:-1] and os.fstat(fd).st_ino != ours[n]]
        for name, fd in todo:
            if _LIBC.setns(fd, 0) != 0:
                raise OSError(ctypes.get_errno(), f"cannot join the sandbox's {name} namespace")
        users = namespaces.get("user")
        return (
            users
            if users is not None and os.fstat(users).st_ino not in (ours["user"], os.fstat(owner).st_ino)
            else None
        )
    finally:
        os.close(owner)


def _extract(request: dict[str, Any], stdio: list[int]) -> None:
    """The extractor's parent, as a process of the sandbox (never returns)."""
    try:
        os.setsid()
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        _drop_capabilities(keep=(CAP_KILL, CAP_SETGID, CAP_SETUID) if os.geteuid() == 0 else ())
        high = [os.dup(fd) for fd in stdio]
        for target, fd in enumerate(high):
            os.dup2(fd, target)
        os.closerange(STDIO, os.sysconf("SC_OPEN_MAX"))
        _as_the_sandbox()
        from verifier.grading import extract

        sys.modules["__main__"] = extract  # as `python -m verifier.grading.extract` in a cold sandbox
        extract.serve(request)
    except BaseException:
        with contextlib.suppress(BaseException):
            traceback.print_exc()
        os._exit(71)


def _as_the_sandbox() -> None:
    """The sandbox's environment, working directory and import path: the student's folder is not on it here, in the
    extractor's parent; its confined child puts it first (extract.student_path)."""
    from verifier.grading import sandbox

    os.environ.clear()
    os.environ.update(sandbox.environment())
    os.chdir("/submission")
    sys.path[:] = [p for p in sys.path if p and p != "/submission"]
    sys.argv = ["-m"]


def _drop_capabilities(keep: tuple[int, ...]) -> None:
    """Every capability but keep, from the bounding, ambient, effective, permitted and inheritable sets."""
    for cap in range(64):
        if cap not in keep and _LIBC.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() != 22:
            raise OSError(ctypes.get_errno(), f"cannot drop capability {cap} from the bounding set")
    _prctl(PR_CAP_AMBIENT, 4)  # PR_CAP_AMBIENT_CLEAR_ALL
    mask = sum(1 << cap for cap in keep)
    header = struct.pack("Ii", 0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = struct.pack("6I", mask, mask, 0, 0, 0, 0)
    if _LIBC.capset(ctypes.c_char_p(header), ctypes.c_char_p(data)) != 0:
        raise OSError(ctypes.get_errno(), "cannot drop the capabilities")


def _prctl(option: int, value: int) -> None:
    if _LIBC.prctl(option, value, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), f"prctl({option}) failed")
