"""Run a student's Python modules in a bubblewrap sandbox and read back one capped JSON document.

The sandbox (bwrap, Debian's `bubblewrap`) sees: the system (/usr and its /bin, /lib
links) read-only, the Python installation and the packages sympy needs read-only, the
verifier package read-only at /opt/verifier-lib, the student's own folder read-only at
/submission, a private /tmp (a small tmpfs), a fresh /proc and a minimal /dev. Nothing
else: not the teaching assistant's home or working directory, not the other
submissions, not the results. It has no network (a new network namespace holds only a
loopback), its own pid, ipc and uts namespaces, a new session (no terminal injection),
and it dies with the grader. Inside, :mod:`verifier.grading.extract` sets the rlimits
(address space, CPU seconds, processes, file size, open files) in the child that imports
the submission, and signs what that child sends back with a key sent on stdin
(:mod:`verifier.grading.channel`): the grader accepts only a signed document. The grader
keeps a wall-clock limit and a cap on what it reads back.

The process limit (RLIMIT_NPROC) must count one sandbox's processes, never the grader's
user's: counted per user, the teaching assistant's own processes would use it up, and a
fork bomb in one sandbox would starve the others (another student's grade would change).
As root, the sandbox drops to a user id of its own (:func:`sandbox_uid`, one per run),
so the count is per sandbox. As any other user, the sandbox has its own user namespace
(no nested ones), and Linux (5.14 on) counts the limit per user namespace: again per
sandbox. :func:`unavailable` checks that this kernel does so (:data:`PROBE`); where it
does not, there is no sandbox for an unprivileged grader.

The grader's wall-clock limit gives back the time the sandbox's processes waited for a CPU
(:func:`verifier.grading.watch.waited`, at most a few times the limit), so that a loaded machine
never stops an honest submission. :mod:`verifier.grading.warm` starts the same sandbox with a
placeholder in it and forks the extractor into it from a warm zygote.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import os
import secrets
import selectors
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from verifier.grading import watch

LIB = "/opt/verifier-lib"
INSTALL_HINT = "install bubblewrap (apt-get install bubblewrap) or pass --trust-submissions"
_NAMESPACES = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]


@dataclass(frozen=True)
class Limits:
    """What one student's sandbox may use."""

    memory_mb: int = 2048
    cpu_seconds: int = 60  # each process's RLIMIT_CPU, and the sandbox's processes together
    import_seconds: float = 5.0  # wall clock until every module is imported (the claims are built after)
    import_cpu: float = 0.75  # CPU seconds for the import, the processes together (RLIMIT_CPU's soft limit: rounded up)
    processes: int = 32
    file_mb: int = 8
    open_files: int = 256
    wall_seconds: float = 90.0
    output_mb: int = 32
    tmp_mb: int = 16

    def for_extract(self, uid: int) -> dict[str, int]:
        keys = ("memory_mb", "cpu_seconds", "processes", "file_mb", "open_files")
        return {**{k: int(getattr(self, k)) for k in keys}, "import_cpu": math.ceil(self.import_cpu), "uid": uid}


@dataclass
class Run:
    """What came back from one sandbox."""

    stdout: bytes = b""
    stderr: str = ""
    returncode: int | None = None
    timed_out: bool = False
    overflow: bool = False
    seconds: float = 0.0
    argv: list[str] = field(default_factory=list)
    audit: bytes = b""  # what the audit hook inside reported (see verifier.grading.audit)
    nonce: str = ""  # the key its lines carry
    key: str = ""  # the key the extractor signs its document with (see verifier.grading.channel)


def _system_binds() -> list[str]:
    out: list[str] = []
    for top in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        p = Path(top)
        if p.is_symlink():
            out += ["--symlink", os.readlink(p), top]
        elif p.is_dir():
            out += ["--ro-bind", top, top]
    return [*out, "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache"]


def _python_dirs() -> list[Path]:
    """The Python installation, the virtual environment, and where sympy, numpy and mpmath live."""
    import mpmath
    import numpy
    import sympy

    dirs = [Path(sys.base_prefix), Path(sys.prefix)]
    dirs += [Path(m.__file__).resolve().parent.parent for m in (sympy, numpy, mpmath) if m.__file__]
    kept: list[Path] = []
    for d in sorted({d.resolve() for d in dirs}, key=lambda d: len(d.parts)):
        if not any(d.is_relative_to(k) for k in kept) and not str(d).startswith("/usr/"):
            kept.append(d)
    return kept


def _bind_with_parents(path: Path, made: set[str]) -> list[str]:
    """Bind path read-only at the same place; its parents are made 0755 (bwrap makes them 0700)."""
    out: list[str] = []
    for parent in reversed(path.parents):
        if str(parent) != "/" and str(parent) not in made:
            made.add(str(parent))
            out += ["--perms", "0755", "--dir", str(parent)]
    return [*out, "--ro-bind", str(path), str(path)]


def bwrap_argv(folder: Path, request: dict[str, Any], limits: Limits) -> list[str]:
    """The whole bwrap command line for one student's folder."""
    # -P: the student's folder, the working directory, is not on the extractor's import path (a sympy.py there ran
    # in the parent that holds the run's key); the confined child puts it first (extract.student_path)
    command = [sys.executable, "-s", "-B", "-P", "-m", "verifier.grading.extract", json.dumps(request)]
    return [*sandbox_argv(folder, limits), "--", *command]


def sandbox_argv(folder: Path, limits: Limits, extra: tuple[str, ...] = ()) -> list[str]:
    """bwrap and its options for one student's folder (extra: more of them), without the command."""
    import verifier

    argv = [*_isolation(), "--new-session", "--proc", "/proc", "--dev", "/dev"]
    argv += ["--size", str(limits.tmp_mb * 1024 * 1024), "--tmpfs", "/tmp", *_python_binds()]
    package = Path(verifier.__file__).resolve().parent
    argv += ["--perms", "0755", "--dir", "/opt", "--perms", "0755", "--dir", LIB]
    argv += ["--ro-bind", str(package), f"{LIB}/verifier", "--ro-bind", str(folder.resolve()), "/submission"]
    return [*argv, *extra, "--chdir", "/submission", "--hostname", "sandbox", "--clearenv", *_env()]


def _isolation() -> list[str]:
    """bwrap's namespaces and the system, read-only: as root with only the rights to drop to the sandbox's user id
    (and to stop its child at a limit: bwrap as root otherwise keeps every capability, CAP_SYS_ADMIN included),
    as another user in a user namespace of the sandbox's own, which cannot make more of them."""
    if os.getuid() == 0:
        kept = ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_KILL"]
        return ["bwrap", *_NAMESPACES, "--die-with-parent", *kept, *_system_binds()]  # fmt: skip
    nested = ["--disable-userns"] if _knows("--disable-userns") else []  # bwrap 0.8 on
    return ["bwrap", *_NAMESPACES, "--unshare-user", *nested, "--die-with-parent", *_system_binds()]


@functools.lru_cache(maxsize=4)
def _knows(option: str) -> bool:
    """Whether this bwrap has the option (its --help lists it)."""
    try:
        helped = subprocess.run(["bwrap", "--help"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return option in helped.stdout + helped.stderr


def _python_binds() -> list[str]:
    made = {"/usr"}
    return [x for d in _python_dirs() if not str(d).startswith("/usr") for x in _bind_with_parents(d, made)]


def _env() -> list[str]:
    return [x for k, v in environment().items() for x in ("--setenv", k, v)]


def environment() -> dict[str, str]:
    """The sandbox's whole environment."""
    return {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": LIB,
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


_RUNS = itertools.count()


def sandbox_uid() -> int:
    """An otherwise unused user id for each sandbox a root grader starts, so that no two share a process count:
    600 per process id (Linux's process ids stay below 2²²), from 1.5 × 10⁹ up."""
    return 1_500_000_000 + os.getpid() * 600 + next(_RUNS) % 600


def request_for(dims: dict[str, Any], default: list[Any], limits: Limits, files: list[str] | None) -> dict[str, Any]:
    """What the extractor is asked: the sizes, the limits, the files (None: every module)."""
    request: dict[str, Any] = {"dims": dims, "default": default, "limits": limits.for_extract(sandbox_uid()),
                               "output_mb": limits.output_mb, "import_seconds": limits.import_seconds,
                               "import_cpu": limits.import_cpu}  # fmt: skip
    if files is not None:
        request["files"] = files
    return request


def run(folder: Path, dims: dict[str, Any], default: list[Any], limits: Limits, audit: bool = True,
        files: list[str] | None = None) -> Run:  # fmt: skip
    """Extract one student's claims (of the files named: None for every module) in a sandbox; stdout is read
    up to limits.output_mb, stderr's tail kept, and the audit hook's lines up to 256 KB. The audit nonce and
    the document's signing key are sent on stdin, never on the command line."""
    read_end, write_end = os.pipe()
    request = request_for(dims, default, limits, files)
    if audit:
        request["audit_fd"] = write_end
    argv = bwrap_argv(folder, request, limits)
    started = time.monotonic()
    result = Run(argv=argv, nonce=secrets.token_hex(16), key=secrets.token_hex(32))
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                pass_fds=(write_end,))  # fmt: skip
    finally:
        os.close(write_end)
    try:
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        send_keys(proc.stdin, result.nonce, result.key)
        read(proc.stdout, proc.stderr, result, limits, started, os.fdopen(read_end, "rb", buffering=0), proc.pid)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        result.returncode = proc.returncode
        result.seconds = time.monotonic() - started
    return result


def send_keys(stdin: IO[bytes], nonce: str, key: str) -> None:
    try:
        stdin.write(f"{nonce}\n{key}\n".encode())
        stdin.close()
    except OSError:  # the sandbox did not start, or ended at once: its exit code says why
        pass


def read(stdout: IO[bytes], stderr: IO[bytes], result: Run, limits: Limits, started: float, audit: IO[bytes],
         root: int = 0, ended: Any = None, on_end: Callable[[], None] = lambda: None) -> None:  # fmt: skip
    """Fill result from the sandbox's stdout, stderr and audit pipe until they close, within the wall limit (less
    the longest wait for a CPU of a process under root, if given). When ended (a socket, or None) becomes
    readable, on_end is called once (it is not read here)."""
    cap = limits.output_mb * 1024 * 1024
    out, err, notes = bytearray(), bytearray(), bytearray()
    with audit, selectors.DefaultSelector() as sel:
        sel.register(stdout, selectors.EVENT_READ, out)
        sel.register(stderr, selectors.EVENT_READ, err)
        sel.register(audit, selectors.EVENT_READ, notes)
        if ended is not None:
            sel.register(ended, selectors.EVENT_READ, None)
        while len(sel.get_map()) > (ended is not None):
            left = limits.wall_seconds - (time.monotonic() - started)
            if left <= 0 and root:  # a loaded machine's delays are not the submission's
                left += watch.waited(root, watch.CREDIT * limits.wall_seconds)
            if left <= 0:
                result.timed_out = True
                break
            for key, _ in sel.select(timeout=min(left, 0.5)):
                if key.data is None:  # the extractor has ended: what it started goes with its sandbox
                    sel.unregister(key.fileobj)
                    ended = None
                    on_end()
                    continue
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    sel.unregister(key.fileobj)
                    continue
                key.data.extend(chunk)
                if len(err) > 65536:
                    del err[:-16384]
                del notes[262144:]
            if len(out) > cap:
                result.overflow = True
                break
    result.stdout = bytes(out[: cap + 1])
    result.stderr = err.decode("utf-8", "replace")
    result.audit = bytes(notes)


@functools.lru_cache(maxsize=1)
def unavailable() -> str | None:
    """Why no sandbox can run here (None: bubblewrap works)."""
    if os.environ.get("VERIFIER_NO_SANDBOX"):
        return "the sandbox is switched off (VERIFIER_NO_SANDBOX is set)"
    if shutil.which("bwrap") is None:
        return "no sandbox: bubblewrap (bwrap) is not installed"
    try:
        proc = subprocess.run([*_isolation(), "--", "/usr/bin/env", "true"], capture_output=True, text=True, timeout=20)
        if proc.returncode != 0:
            return f"no sandbox: bwrap cannot make namespaces here ({_last_line(proc.stderr)})"
        if os.getuid() == 0:
            return None
        argv = [*_isolation(), "--proc", "/proc", *_python_binds(), "--", sys.executable, "-S", "-c", PROBE]
        probe = subprocess.run(argv, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"no sandbox: bwrap does not start ({err})"
    if probe.returncode != 0:
        return ("no sandbox: this kernel counts the process limit per user, not per user namespace (Linux 5.14 "
                f"does), so sandboxes would share it; grade as root ({_last_line(probe.stderr)})")  # fmt: skip
    return None


# In a sandbox (bwrap's init and this Python: 2 processes of its namespace), a limit of 3 leaves room for one
# child, where it counts per namespace; counted per user (the grader, bwrap outside, …: over 3), the fork fails.
PROBE = """import os, resource
resource.setrlimit(resource.RLIMIT_NPROC, (3, 3))
pid = os.fork()
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
"""


def _last_line(text: str) -> str:
    return (text.strip().splitlines() or ["?"])[-1]
