"""One submission, made ready to verify: its claims read back as data, and matched to the reference.

Runs in a pool worker per student (a hard time and memory limit around everything,
decoding included). A Python module is imported only in the sandbox, or, with
--trust-submissions, in this worker; without either it is not imported at all.
"""

from __future__ import annotations

import json
import re
import signal
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from verifier.grading import audit, channel, extract, match, sandbox, warm
from verifier.grading.codec import CodecError
from verifier.grading.statements import SCHEMA, clean_text, decode_family
from verifier.grading.submissions import Reference, Submission
from verifier.language.families import ClaimFamily
from verifier.language.text import plural
from verifier.load import loader

SANDBOX, TRUSTED, REFUSED = "sandbox", "trusted (no sandbox)", "refused (no sandbox)"
T = TypeVar("T")

UNREAD = "\0unread"  # a marker among the problems: a file whose claims could not be read at all


@dataclass
class Prepared:
    """What the grader learned about one submission before verifying its claims."""

    payload: dict[str, Any] | None = None  # the sandbox's document, checked (Python modules)
    matches: list[match.Match] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    verify: list[str] = field(default_factory=list)  # the student's claims to verify
    sources: dict[str, str] = field(default_factory=dict)  # claim name → the file it came from
    unread: bool = False  # some file could not be read at all (its claims are unknown, not missing)
    seconds: float = 0.0  # reading the submission (its sandbox included) and matching its claims
    integrity: list[str] = field(default_factory=list)  # what the sandbox refused, one line per kind of attempt


def _failed_run(run: sandbox.Run, limits: sandbox.Limits) -> str:
    """Why the sandbox gave no document, in one line ('' if it ended normally)."""
    if run.timed_out:
        return f"did not finish within {limits.wall_seconds:g} s in the sandbox: stopped (a hang, or an endless loop?)"
    if run.overflow:
        return f"the sandbox wrote more than {limits.output_mb} MB; not read"
    code = run.returncode
    if code in (channel.IMPORT_WALL_EXIT, channel.IMPORT_CPU_EXIT):
        wall = code == channel.IMPORT_WALL_EXIT
        within = f"{limits.import_seconds:g} s" if wall else f"{limits.import_cpu:g} CPU s"
        option = "--import-timeout" if wall else "--import-cpu"
        return (f"your module did not finish importing within {within} (the sandbox's limit for the import, "
                f"which the grader's {option} raises; a hang, a sleep or an endless loop at import?)")  # fmt: skip
    if code == channel.CPU_EXIT:
        return f"killed in the sandbox: its processes used over {limits.cpu_seconds} CPU seconds together"
    if code == channel.FORGED_EXIT:
        return "no document came back from the sandbox: the submission exited early or wrote into its channel (forged?)"
    if code in (-signal.SIGXCPU, -signal.SIGKILL) or code in (128 + signal.SIGXCPU, 128 + signal.SIGKILL):
        return f"killed in the sandbox: over {limits.cpu_seconds} CPU seconds, or out of memory"
    if code:
        tail = [line for line in run.stderr.strip().splitlines() if line.strip()][-1:] or ["no message"]
        return f"the sandbox exited with code {code}: {clean_text(tail[0], 200)}"
    return ""


def check_document(raw: bytes, names: list[str]) -> dict[str, Any]:
    """The sandbox's output as the one document it must be (CodecError: one line)."""
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise CodecError("the sandbox's output is not one JSON document (forged or corrupted?)") from None
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA or set(doc) != {"schema", "files"}:
        raise CodecError("the sandbox's output is not a submission document (forged?)")
    files = doc["files"]
    if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
        raise CodecError("the sandbox's output has no list of files")
    for f in files:
        if f.get("file") not in names or not isinstance(f.get("claims", []), list):
            raise CodecError(f"the sandbox's output names a file {str(f.get('file'))[:40]!r} not in this folder")
        if set(f) - {"file", "error", "claims", "notes"}:
            raise CodecError("the sandbox's output has fields a submission document does not have (forged?)")
    return doc


def _extract(sub: Submission, ref: Reference, mode: str, limits: sandbox.Limits, out: Prepared) -> None:
    """Fill out.payload from the student's Python modules, as mode allows."""
    if mode == REFUSED:
        out.problems.append(f"Python not imported: {sandbox.unavailable()}; {sandbox.INSTALL_HINT}")
        return
    names = [p.name for p in sub.python]
    if mode == TRUSTED:
        doc = extract.extract_folder(sub.folder, ref.dims(), ref.all_dims(), names)
        out.payload = check_document(json.dumps(doc).encode(), names)
        return
    missing = sandbox.unavailable()  # on a cluster, this worker's machine may lack what the grader's has
    if missing is not None:
        out.problems.append(f"Python not imported: on {socket.gethostname()}, {missing}; {sandbox.INSTALL_HINT}")
        return
    run = warm.run(sub.folder, ref.dims(), ref.all_dims(), limits, files=names)  # cold where there is no zygote
    out.integrity = audit.summarise(run.audit, run.nonce)
    why = _failed_run(run, limits)
    if why:
        out.problems.append(why)
        return
    try:
        signed = channel.verify(run.key, run.stdout)
    except channel.Unauthenticated as err:
        raise CodecError(str(err)) from None
    out.payload = check_document(signed, names)


def python_families(payload: dict[str, Any] | None, problems: list[str]) -> list[tuple[str, ClaimFamily]]:
    """(file, family) for every claim in the document that decodes; problems get one line per file or claim."""
    found: list[tuple[str, ClaimFamily]] = []
    for f in (payload or {}).get("files", []):
        name = str(f["file"])
        if f.get("error"):
            error = clean_text(f["error"], 300)
            problems.append(
                error + (" (over the sandbox's memory limit)" if error.endswith("MemoryError while loading: ") else "")
            )
            problems.append(UNREAD)
        problems.extend(f"{name}: {clean_text(n, 200)}" for n in f.get("notes", []) if isinstance(n, str))
        for data in f.get("claims", []):
            try:
                found.append((name, decode_family(data, Path(name).stem)))
            except CodecError as err:
                problems.append(f"{name}: a claim could not be read back: {err}")
    return found


MAX_LATEX_LINES = 1000  # lines of display math ($$ … $$) a submission's LaTeX files may have in all


def latex_families(sub: Submission, problems: list[str]) -> list[tuple[str, ClaimFamily]]:
    """(file, family) for every chain of the student's LaTeX files, parsed as data (no eval), within
    MAX_LATEX_LINES: a file past them is not read. A chain of 30,000 steps (600 KB, under the files' size limit)
    held a worker for minutes: the file was parsed for the student and again by each claim's worker, 1.5 ms a
    line, and the steps verified until the claim's time limit (red team 161)."""
    found: list[tuple[str, ClaimFamily]] = []
    left = MAX_LATEX_LINES
    for path in sub.latex:
        lines = _display_lines(path)
        if lines > left:
            count = plural(lines, "line")
            problems.extend([f"{clean_text(path.name, 100)}: {count} of display math (rows and steps), past the "
                             f"{MAX_LATEX_LINES} a submission's LaTeX may have in all; not read", UNREAD])  # fmt: skip
            continue
        left -= lines
        try:
            loaded = loader.load(path)
        except loader.LoadError as err:
            problems.extend([clean_text(str(err).splitlines()[0], 300), UNREAD])
            continue
        problems.extend(clean_text(f"{path.name}: {m}", 300) for _, m in loaded.errors)
        found.extend((path.name, f) for f in loaded.families)
    return found


def _display_lines(path: Path) -> int:
    """The lines of display math in a LaTeX file, counted without reading the chains: its displays ($$ … $$,
    \\[ … \\], align, equation, gather) and the rows they break into (\\\\), a matrix's too (an overcount), or
    the relations a display holds where they are more: each is a step. A display of 3,000 steps, x = x + 1 - 1 = …,
    counted as one line and took 8 s to read (red team 171)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0  # the loader says why
    rows = text.count("$$") // 2 + text.count("\\[") + len(_ENVIRONMENT.findall(text)) + text.count("\\\\")
    steps = sum(max(1 + m.group().count("\\\\"), len(_RELATION.findall(m.group()))) for m in _DISPLAY.finditer(text))
    return max(rows, steps)


_ENVIRONMENT = re.compile(r"\\begin\{(?:align|equation|gather)\*?\}")
_DISPLAY = re.compile(r"\$\$.*?\$\$|\\\[.*?\\\]|\\begin\{((?:align|equation|gather)\*?)\}.*?\\end\{\1\}", re.DOTALL)
_RELATION = re.compile(r"[=<>]|\\(?:leq?|leqslant|geq?|geqslant|neq?|(?:Long)?[rR]ightarrow|implies|iff)(?![a-zA-Z])")


Named = dict[str, tuple[str, ClaimFamily]]


def families_of(sub: Submission, payload: dict[str, Any] | None, problems: list[str]) -> Named:
    """Every claim of the submission by name (the first of two with one name), with its file."""
    out: Named = {}
    for file, family in [*python_families(payload, problems), *latex_families(sub, problems)]:
        if family.name in out:
            problems.append(
                f"two claims are named {family.name!r} ({out[family.name][0]}, {file}); the first is graded"
            )
            continue
        out[family.name] = (file, family)
    return out


def family_named(sub: Submission, payload: dict[str, Any] | None, name: str) -> tuple[str, ClaimFamily]:
    """One claim of the submission, with its file, as families_of finds it, decoding only that claim's entries
    (a verifying worker needs one claim: a large document is not decoded again for each)."""
    found = first_decoded(payload, name, lambda data, file: decode_family(data, Path(file).stem))
    if found is not None:
        return found[0], found[2]
    return families_of(sub, {}, [])[name]


def first_decoded(
    payload: dict[str, Any] | None, name: str, decode: Callable[[dict[str, Any], str], T]
) -> tuple[str, dict[str, Any], T] | None:
    """The entry the claim `name` is read from: file by file, in order, the first entry of that name that `decode`
    (given the entry's data and its file's name) decodes without a CodecError, as (file, data, decoded); None if
    none does. The one walk both a verifying worker (family_named) and the grader's sharing key
    (once.entry) take, so the key names exactly the entry the worker decodes."""
    files = (payload or {}).get("files", [])
    for f in files if isinstance(files, list) else []:
        # check_document has checked the shape: a file's name, a list of claims
        if not (isinstance(f, dict) and isinstance(f.get("file"), str) and isinstance(f.get("claims", []), list)):
            continue
        for data in f.get("claims", []):
            if isinstance(data, dict) and data.get("name") == name:
                try:
                    return f["file"], data, decode(data, f["file"])
                except CodecError:
                    continue
    return None


MAX_CITED = 20  # claims the graded claims cite (transitively) that are verified beside them


def cited(names: list[str], families: Named, problems: list[str]) -> set[str]:
    """The claims to verify: names and the claims they cite, transitively, breadth first, up to MAX_CITED beyond
    names. A citation never makes a verdict (engine/corollaries.py); it is verified to be reported beside the
    corollary. Every one was verified: a claim citing 1,000 others, each up to the claim's time limit, held the
    workers for hours and earned nothing (red team 161). One past the limit is not verified, and the row says so.
    The citations of a Corollary with states= (built as its statement) were never verified, so a student's
    corollary that answered the reference and held was ERROR, "cites unknown claim(s)" (red team 161)."""
    seen = {n for n in names if n in families}
    queue, base = sorted(seen), len(seen)
    skipped: list[str] = []
    while queue:
        try:
            cites = families[queue.pop(0)][1].build(None).cites  # a Corollary's, with or without states=
        except Exception:
            continue
        for name in cites:
            if name in seen or name not in families or name in skipped:
                continue
            if len(seen) - base >= MAX_CITED:
                skipped.append(name)
                continue
            seen.add(name)
            queue.append(name)
    if skipped:
        more = " and more" if len(skipped) > 3 else ""
        problems.append(f"your claims cite more than {MAX_CITED} others: {', '.join(skipped[:3])}{more} were not "
                        "verified (a citation earns nothing)")  # fmt: skip
    return seen


def prepare(sub: Submission, ref: Reference, mode: str, limits: sandbox.Limits, by_statement: bool = False) -> Prepared:
    """Runs in a worker: read the submission's claims and match them to the reference's."""
    started = time.monotonic()
    out = Prepared()
    if sub.problem:
        out.problems.append(sub.problem)
    if sub.python:
        try:
            _extract(sub, ref, mode, limits, out)
        except CodecError as err:
            out.problems.append(str(err))
        if out.payload is None:
            out.problems.append(UNREAD)
    families = families_of(sub, out.payload, out.problems)
    out.unread = UNREAD in out.problems
    out.problems = [p for p in out.problems if p != UNREAD]
    out.matches, out.extra = match.plan(list(ref.families), [f for _, f in families.values()], by_statement)
    out.verify = sorted(cited([m.student for m in out.matches if m.student], families, out.problems))
    out.sources = {name: file for name, (file, _) in families.items()}
    out.seconds = time.monotonic() - started
    return out
