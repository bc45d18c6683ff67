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
"""

from __future__ import annotations

import json
import os
import resource
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from verifier.grading import audit, channel
from verifier.grading.statements import SCHEMA, encode_family
from verifier.language.families import ClaimFamily
from verifier.load import loader
from verifier.strategies.budget import BudgetExceeded, cpu_limit

MAX_FILES = 10
MAX_CLAIMS = 100
BUILD_SECONDS = 20.0  # CPU seconds to build one claim at all its dimensions


def confine(limits: dict[str, int]) -> None:
    """Apply the rlimits, then (as root) drop to an unprivileged user id so that they bind."""
    for name, value in (
        ("RLIMIT_AS", limits.get("memory_mb", 0) * 1024 * 1024),
        ("RLIMIT_CPU", limits.get("cpu_seconds", 0)),
        ("RLIMIT_NPROC", limits.get("processes", 0)),
        ("RLIMIT_FSIZE", limits.get("file_mb", 0) * 1024 * 1024),
        ("RLIMIT_NOFILE", limits.get("open_files", 0)),
    ):
        if value > 0:
            hard = value + 1 if name == "RLIMIT_CPU" else value  # SIGXCPU at the soft limit, SIGKILL at the hard
            resource.setrlimit(getattr(resource, name), (value, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    uid = limits.get("uid", 0)
    if os.getuid() == 0 and uid > 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)  # drops every capability too


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


def extract_file(path: Path, dims: dict[str, list[int | None]], default: list[int | None]) -> dict[str, Any]:
    """One module's claims as data, or the one-line reason it did not load."""
    try:
        loaded = loader.load(path)
    except loader.LoadError as err:
        return {"file": path.name, "error": str(err).splitlines()[0], "claims": []}
    claims = [
        _built(f, dims_for(f, dims, default)) for f in loaded.families[:MAX_CLAIMS] if f.name not in loaded.duplicates
    ]
    notes = [f"two claims are named {name!r}; both ignored" for name in loaded.duplicates]
    if len(loaded.families) > MAX_CLAIMS:
        notes.append(f"only the first {MAX_CLAIMS} claims were read")
    return {"file": path.name, "error": None, "claims": claims, "notes": notes}


def extract_folder(folder: Path, dims: dict[str, list[int | None]], default: list[int | None],
                   names: list[str] | None = None) -> dict[str, Any]:  # fmt: skip
    """The Python modules of a student's folder (those named, never a symbolic link), as one JSON document."""
    listed = [folder / n for n in names] if names is not None else sorted(folder.iterdir())
    files = [p for p in listed if p.suffix == ".py" and not p.name.startswith("_") and _plain_file(p)]
    return {"schema": SCHEMA, "files": [extract_file(p, dims, default) for p in files[:MAX_FILES]]}


def _plain_file(path: Path) -> bool:
    return not path.is_symlink() and path.is_file()


def _audited(request: dict[str, Any], nonce: str) -> Callable[[], None]:
    """The audit hook, installed when the grader asked for it (its nonce came on stdin); the check to run last."""
    fd = request.get("audit_fd")
    if not isinstance(fd, int):
        return lambda: None
    return audit.install(fd, nonce, audit.allowed_prefixes())


def _in_child(request: dict[str, Any], nonce: str) -> bytes:
    """The child's work: confine, hook, import the submission, encode its claims."""
    confine(request.get("limits", {}))
    check_patches = _audited(request, nonce)
    names = request.get("files")
    payload = extract_folder(Path("."), request.get("dims", {}), request.get("default", []), names)
    check_patches()
    return json.dumps(payload).encode()


def _shaped(body: bytes | None) -> bool:
    """A frame that is one submission document by its outline (the grader checks the rest)."""
    try:
        doc = json.loads(body or b"")
    except (ValueError, RecursionError):
        return False
    return isinstance(doc, dict) and set(doc) == {"schema", "files"} and doc["schema"] == SCHEMA


def main(argv: list[str]) -> int:
    request = json.loads(argv[1])
    out = os.dup(1)
    os.dup2(2, 1)  # the student's prints (even os.write(1, ...)) go to stderr, never into the document
    nonce = channel.read_line(0)
    cap = int(request.get("output_mb", 32)) * 1024 * 1024
    body, code = channel.run_child(lambda: _in_child(request, nonce), hide=(out,), cap=cap)
    key = channel.read_line(0)  # sent after the nonce: the child, which never read stdin, never had it
    if body is None or not _shaped(body):
        os._exit(code or channel.FORGED_EXIT)
    with os.fdopen(out, "wb") as stream:
        stream.write(channel.sign(key, body))
    os._exit(0)  # no atexit handlers or threads


if __name__ == "__main__":
    sys.exit(main(sys.argv))
