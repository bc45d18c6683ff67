"""Inside the sandbox: in a confined child, import the student's modules and send their claims back as data.

Run as ``python -m verifier.grading.extract REQUEST`` with the student's folder as the
working directory. REQUEST (JSON) says which files to read (the grader's list: a symbolic
link is never among them), at which dimensions to build each claim, and the limits:
address space, CPU seconds, processes, file size, open files, and the user id to drop
to when the sandbox starts as root (as root, the kernel ignores the process limit, so a
fork bomb would not be stopped). The student's code runs only in a child
(:mod:`verifier.grading.channel`); this process signs the child's one document with the
run's key and writes it to the original stdout, the only thing the grader reads back.
The student's prints go to stderr. Nothing here decides a verdict: the grader verifies
the decoded claims itself, at the sizes it chose.

Every module is imported first, under RLIMIT_CPU's soft limit at the import's CPU seconds
(SIGXCPU ends an endless loop there), and the parent's import limits (:class:`channel.Phases`);
then the child says so, the soft limit rises to the sandbox's CPU seconds, and the claims are
built, each under its own CPU limit. :func:`serve` is the same work for a process forked from a
warm zygote (:mod:`verifier.grading.zygote`) that has joined a fresh sandbox's namespaces.
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import os
import resource
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from verifier.grading import audit, channel, sessions
from verifier.grading.statements import SCHEMA, encode_family
from verifier.language.families import ClaimFamily
from verifier.load import loader
from verifier.strategies.budget import BudgetExceeded, cpu_limit

MAX_FILES = 10
MAX_CLAIMS = 100
BUILD_SECONDS = 20.0  # CPU seconds to build one claim at all its dimensions
OOM_FIRST = 1000  # /proc/PID/oom_score_adj's highest: killed first when the machine runs out of memory


def confine(limits: dict[str, int]) -> None:
    """Keep every process of the submission in the sandbox's session (:mod:`verifier.grading.sessions`), apply the
    rlimits (CPU: the import's seconds until :func:`imported`), then (as root) drop to an unprivileged user id so
    that they bind."""
    sessions.forbid_new_sessions()  # "" once installed; on an architecture it does not know, the sandbox runs as before
    for name, value in (
        ("RLIMIT_AS", limits.get("memory_mb", 0) * 1024 * 1024),
        ("RLIMIT_NPROC", limits.get("processes", 0)),
        ("RLIMIT_FSIZE", limits.get("file_mb", 0) * 1024 * 1024),
        ("RLIMIT_NOFILE", limits.get("open_files", 0)),
    ):
        if value > 0:
            resource.setrlimit(getattr(resource, name), (value, value))
    total = limits.get("cpu_seconds", 0)
    if total > 0:  # SIGXCPU at the soft limit, SIGKILL at the hard
        soft = min(total, max(1, math.ceil(limits.get("import_cpu", total))))
        resource.setrlimit(resource.RLIMIT_CPU, (soft, total + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    first_to_go()
    uid = limits.get("uid", 0)
    if os.getuid() == 0 and uid > 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)  # drops every capability too


def first_to_go(path: str = "/proc/self/oom_score_adj") -> None:
    """The kernel's first choice when memory runs out, this process and every one it starts: a burst of memory hogs
    costs their own sandboxes, not the grader or a worker verifying another student's claims. Raising one's own
    score needs no privilege; without CAP_SYS_RESOURCE, a submission can lower it back to the grader's, no lower."""
    with contextlib.suppress(OSError), open(path, "w") as stream:
        stream.write(str(OOM_FIRST))


def imported(limits: dict[str, int]) -> None:
    """The import is done: the CPU soft limit rises to the sandbox's CPU seconds (the hard one stays)."""
    total = limits.get("cpu_seconds", 0)
    if total > 0:
        resource.setrlimit(resource.RLIMIT_CPU, (total, total + 1))


def dims_for(family: ClaimFamily, dims: dict[str, list[int | None]], default: list[int | None]) -> list[int | None]:
    """Where to build a claim: the reference's dimensions for it (all of them for an unknown name)."""
    if family.n_values == (None,) and not family.numeric_n:
        return [None]
    sized: list[int | None] = [n for n in dims.get(family.name, default) if n is not None]
    return sized or list(family.all_n)


def _built(family: ClaimFamily, dims: list[int | None]) -> dict[str, Any]:
    try:
        with cpu_limit(BUILD_SECONDS):
            return encode_family(family, dims)
    except BudgetExceeded:
        return {"name": family.name, "statement": family.statement_text[:300], "n_values": list(family.n_values),
                "numeric_n": list(family.numeric_n),
                "built": [{"n": n, "error": f"building the claim took over {BUILD_SECONDS:g} CPU seconds"}
                          for n in dims]}  # fmt: skip


def load_file(path: Path) -> loader.Loaded | dict[str, Any]:
    """Import one module (the submission's code runs here): its claims, or the file's entry with the reason."""
    try:
        return loader.load(path)
    except loader.LoadError as err:
        return {"file": path.name, "error": str(err).splitlines()[0], "claims": []}


def build_file(path: Path, loaded: loader.Loaded | dict[str, Any], dims: dict[str, list[int | None]],
               default: list[int | None]) -> dict[str, Any]:  # fmt: skip
    """One imported module's claims as data (or the reason it did not load)."""
    if isinstance(loaded, dict):
        return loaded
    claims = [
        _built(f, dims_for(f, dims, default)) for f in loaded.families[:MAX_CLAIMS] if f.name not in loaded.duplicates
    ]
    notes = [f"two claims are named {name!r}; both ignored" for name in loaded.duplicates]
    if len(loaded.families) > MAX_CLAIMS:
        notes.append(f"only the first {MAX_CLAIMS} claims were read")
    return {"file": path.name, "error": None, "claims": claims, "notes": notes}


def extract_file(path: Path, dims: dict[str, list[int | None]], default: list[int | None]) -> dict[str, Any]:
    """One module's claims as data, or the one-line reason it did not load."""
    return build_file(path, load_file(path), dims, default)


def extract_folder(
    folder: Path,
    dims: dict[str, list[int | None]],
    default: list[int | None],
    names: list[str] | None = None,
    imported: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """The Python modules of a student's folder (those named, never a symbolic link), as one JSON document: every
    module imported first, then (once imported() is called) their claims built."""
    listed = [folder / n for n in names] if names is not None else sorted(folder.iterdir())
    files = [p for p in listed if p.suffix == ".py" and not p.name.startswith("_") and _plain_file(p)][:MAX_FILES]
    loaded = [load_file(p) for p in files]
    imported()
    return {"schema": SCHEMA, "files": [build_file(p, m, dims, default) for p, m in zip(files, loaded, strict=True)]}


def _plain_file(path: Path) -> bool:
    return not path.is_symlink() and path.is_file()


def _audited(request: dict[str, Any], nonce: str) -> Callable[[], None]:
    """The audit hook, installed when the grader asked for it (its nonce came on stdin); the check to run last."""
    fd = request.get("audit_fd")
    if not isinstance(fd, int):
        return lambda: None
    return audit.install(fd, nonce, audit.allowed_prefixes())


def _in_child(request: dict[str, Any], nonce: str, mark: Callable[[], None]) -> bytes:
    """The child's work: confine, hook, import the submission, say so, encode its claims."""
    limits = request.get("limits", {})
    confine(limits)
    student_path()
    check_patches = _audited(request, nonce)
    names = request.get("files")

    def done() -> None:
        imported(limits)
        mark()

    payload = extract_folder(Path("."), request.get("dims", {}), request.get("default", []), names, done)
    check_patches()
    return json.dumps(payload).encode()


def student_path() -> None:
    """In the confined child only: the student's folder (the working directory) first on the import path, so that
    one of their modules imports another. The parent never has it there: it imports nothing of theirs."""
    here = os.getcwd()
    sys.path[:] = [here, *[p for p in sys.path if p and p != here]]


def phases(request: dict[str, Any]) -> channel.Phases:
    """The import's wall and CPU seconds and the sandbox's CPU seconds the request asks for."""
    limits = request.get("limits", {})
    total = float(limits.get("cpu_seconds", 0) or 1e9)
    import_cpu = float(request.get("import_cpu", limits.get("import_cpu", total)))
    return channel.Phases(float(request.get("import_seconds", 1e9)), import_cpu, total)


def _shaped(body: bytes | None) -> bool:
    """A frame that is one submission document by its outline (the grader checks the rest)."""
    try:
        doc = json.loads(body or b"")
    except (ValueError, RecursionError):
        return False
    return isinstance(doc, dict) and set(doc) == {"schema", "files"} and doc["schema"] == SCHEMA


def main(argv: list[str]) -> int:
    serve(json.loads(argv[1]))
    return 0


def serve(request: dict[str, Any]) -> None:
    """The extractor's parent, on stdin, stdout and stderr: sign what the confined child sends back; never returns."""
    out = os.dup(1)
    os.dup2(2, 1)  # the student's prints (even os.write(1, ...)) go to stderr, never into the document
    nonce = channel.read_line(0)
    cap = int(request.get("output_mb", 32)) * 1024 * 1024
    work = functools.partial(_in_child, request, nonce)
    body, code = channel.run_child(work, hide=(out,), cap=cap, phases=phases(request))
    key = channel.read_line(0)  # sent after the nonce: the child, which never read stdin, never had it
    if body is None or not _shaped(body):
        os._exit(code or channel.FORGED_EXIT)
    with os.fdopen(out, "wb") as stream:
        stream.write(channel.sign(key, body))
    os._exit(0)  # no atexit handlers or threads


if __name__ == "__main__":
    sys.exit(main(sys.argv))
