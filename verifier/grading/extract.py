"""Inside the sandbox: confine this process, import the student's modules, and print their claims as data.

Run as ``python -m verifier.grading.extract REQUEST`` with the student's folder as the
working directory. REQUEST (JSON) says at which dimensions to build each claim, and the
limits: address space, CPU seconds, processes, file size, open files, and the user id
to drop to when the sandbox starts as root (as root, the kernel ignores the process
limit, so a fork bomb would not be stopped). The one JSON document this writes to the
original stdout is the only thing the grader reads back; the student's prints go to
stderr. Nothing here decides a verdict: the grader verifies the decoded claims itself.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from verifier.grading import audit
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


def extract_folder(folder: Path, dims: dict[str, list[int | None]], default: list[int | None]) -> dict[str, Any]:
    """Every Python module of a student's folder, as the grader's one JSON document."""
    files = sorted(p for p in folder.iterdir() if p.suffix == ".py" and not p.name.startswith("_") and p.is_file())
    return {"schema": SCHEMA, "files": [extract_file(p, dims, default) for p in files[:MAX_FILES]]}


def _audited(request: dict[str, Any]) -> Callable[[], None]:
    """The audit hook, installed when the grader asked for it (its key comes on stdin); the check to run last."""
    fd = request.get("audit_fd")
    nonce = sys.stdin.readline().strip()
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # nothing more comes on stdin
    if not isinstance(fd, int):
        return lambda: None
    return audit.install(fd, nonce, audit.allowed_prefixes())


def main(argv: list[str]) -> int:
    request = json.loads(argv[1])
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # the student's prints (even os.write(1, ...)) go to stderr, never into the document
    confine(request.get("limits", {}))
    check_patches = _audited(request)
    payload = extract_folder(Path("."), request.get("dims", {}), request.get("default", []))
    check_patches()
    json.dump(payload, out)
    out.flush()
    os._exit(0)  # no atexit handlers or threads the submission left behind


if __name__ == "__main__":
    sys.exit(main(sys.argv))
