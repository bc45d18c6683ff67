"""Grade every submission against the reference: prepare each student in a worker, then verify each claim in one.

Both phases run in the normal worker pool (:mod:`verifier.run.pool`: a fork per task, a
hard timeout, a memory limit), so a submission that hangs, hogs memory or crashes
costs its own row a one-line reason and never stops the run. The verdicts come from
the normal engine, run here on the claims decoded from the sandbox's data.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verifier import engine
from verifier.grading import admission, credit, match, once, pipeline, sandbox, shown, warm
from verifier.grading import prepare as prep
from verifier.grading.match import Match
from verifier.grading.report import ClaimGrade, GradeOutcome, GradeReport, StudentRow, WrittenLine, is_met
from verifier.grading.statements import BuildError
from verifier.grading.submissions import Reference, Submission, discover, reference_at
from verifier.language.families import ClaimFamily
from verifier.outcome import ClaimResult, Status
from verifier.run import pool, session
from verifier.run.executor import LocalPool, reruns_since
from verifier.run.runner import RunSettings, share_imports

BUILD_ERROR = f"builder raised {BuildError.__name__}"


@dataclass(frozen=True)
class GradeSettings:
    run: RunSettings = field(default_factory=RunSettings)
    trust: bool = False  # import Python submissions without a sandbox when none is available
    limits: sandbox.Limits = field(default_factory=sandbox.Limits)
    by_statement: bool = False  # the lenient rule: a claim under another name answers if it states the same thing
    single: bool = False  # the submissions folder is one student's submission (Gradescope's layout)
    sandboxes: int = 0  # students read at once (0: as many as admission.at_once allows, on the local pool)
    hints_only: bool = False  # a wrong step's diagnosis gives its kind and where, never the repair
    step_credit: bool = False  # a chain not met earns the fraction of its steps that hold and make progress (credit.py)


def python_mode(settings: GradeSettings) -> tuple[str, str]:
    """How Python submissions are imported here, and the words for the report."""
    why = sandbox.unavailable()
    if why is None:
        return prep.SANDBOX, "bubblewrap sandbox (no network, read-only system, only the student's folder, rlimits)"
    if settings.trust:
        return prep.TRUSTED, f"NONE: Python submissions were trusted (--trust-submissions); {why}"
    return prep.REFUSED, f"none: {why}; Python submissions were not imported"


def _at_reference_sizes(family: ClaimFamily, ref: ClaimFamily) -> ClaimFamily:
    """The student's claim at exactly the reference's sizes: the grader decides them, never the sandbox's document
    (a size the student's claim was not built at is then an error, not a size skipped). Only a claim built at none
    of them keeps its own: it asks another question (DIFFERENT, never met) and is verified for its verdict. Which
    sizes the document *declares* decides nothing: one that declared t = t's size its only one, and was built at the
    reference's too (a wrong answer there, so that it matched), was verified at t = t's alone (red team 151)."""
    if not any(n in match.built_at(family) for n in ref.all_n):
        return family
    return dataclasses.replace(family, n_values=ref.n_values, numeric_n=ref.numeric_n)


def required_sizes(ref: ClaimFamily) -> list[int]:
    """The sizes the reference checks its claim at: every n it states, but those where it is itself undefined."""
    out = []
    for n in ref.all_n:
        if n is None:
            continue
        try:
            ref.build(n)
        except Exception:  # the reference is undefined (or cannot be built) there: nothing to require
            continue
        out.append(n)
    return out


def _unbuilt(result: ClaimResult, family: ClaimFamily, ref: ClaimFamily) -> ClaimResult:
    """A met verdict on a claim that is undefined, or was not built, at a size the reference checks: not met."""
    if not result.met or not result.undefined_n:  # nothing to check: building the reference again costs a claim 10%
        return result
    missing = [n for n in required_sizes(ref) if n in result.undefined_n]
    if not missing:
        return result
    errors = getattr(family.builder, "errors", {})
    why = next((errors[n] for n in missing if n in errors), "it divides by zero there")
    reason = (f"your claim cannot be built at n = {', '.join(map(str, missing))}, where the reference checks it "
              f"({why}); a size it cannot be built at is not a pass")  # fmt: skip
    return dataclasses.replace(result, status=Status.ERROR, reason=reason)


@dataclass(frozen=True)
class Submitted:
    """A student's claim (a `verifier.run.session.ClaimSource`): decoded again from the sandbox's data in its
    worker (a fresh fork), and verified at the reference's sizes when it answers a reference claim."""

    sub: Submission
    payload: dict[str, Any] | None
    name: str
    ref: Reference
    graded_as: str  # the reference claim it answers, "" for a claim it cites
    group: None = None

    @property
    def key(self) -> str:
        return f"{self.sub.student}::{self.name}"

    def family(self) -> tuple[ClaimFamily, str]:
        file, family = prep.family_named(self.sub, self.payload, self.name)
        return (_at_reference_sizes(family, self.ref.family(self.graded_as)) if self.graded_as else family), file

    def finish(self, family: ClaimFamily, result: ClaimResult) -> ClaimResult:
        if not self.graded_as:
            return _worded(result)
        return _unbuilt(_worded(result), family, self.ref.family(self.graded_as))

    def failed(self, failure: pool.Failure, seconds: float) -> ClaimResult:
        # a row's seconds count the claims that were verified: a failure adds none (seconds is not passed)
        return session.failure_result(failure, str(self.sub.folder), self.sub.student, self.name, f"{self.name}: ")


def _worded(result: ClaimResult) -> ClaimResult:
    """A claim the sandbox could not build (or the grader decode) at some n, said without the engine's wrapper."""
    if result.status is not Status.ERROR or BUILD_ERROR not in result.reason:
        return result
    return dataclasses.replace(result, reason=re.sub(r"builder raised BuildError( at n=\S+)?: ", "", result.reason))


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


def _lines(r: ClaimResult) -> list[WrittenLine]:
    """A chain's lines as the student wrote them (as verified where their own LaTeX was not kept)."""
    start = [WrittenLine(0, "", r.start_written)] if r.start_written else []
    return start + [WrittenLine(s.index, s.relation, s.written or s.latex, s.reason, s.status.value) for s in r.steps]


def _evidence(r: ClaimResult) -> dict[str, Any]:
    """What a student is shown besides the verdict: their claim, the counterexample, the first wrong line."""
    wrong = next((s for s in r.steps if s.index == r.first_wrong_step), None)
    found = r.counterexample or (wrong.counterexample if wrong else None)
    line = ""
    if wrong is not None:
        line = f"{wrong.relation} {wrong.text}" + (f"   (because: {wrong.reason})" if wrong.reason else "")
    return {"written": r.statement, "latex": r.latex, "wrong_step": line, "found": found, "lines": _lines(r)}


def _taught(grade: ClaimGrade, r: ClaimResult, settings: GradeSettings) -> ClaimGrade:
    """The diagnosis (or only its hint) and a chain's per-step credit, as the TA chose."""
    d = r.diagnosis
    grade.diagnosis = d.hint(r.first_wrong_step) if d is not None and settings.hints_only else d
    grade.steps_met, grade.steps_total = credit.step_credit(r) if settings.step_credit else (0, 0)
    return grade


def _grade(m: Match, results: dict[str, ClaimResult], settings: GradeSettings | None = None) -> ClaimGrade:
    """The verdict on the student's claim, and what makes it not the reference's (both, when both are wrong)."""
    if not m.student:
        missing = m.status or GradeOutcome.MISSING  # a reference claim no claim of the student's answers
        return ClaimGrade(m.reference, missing, reason=m.reason, suggested=m.suggested)
    r = results.get(m.student)
    if r is None:
        return ClaimGrade(m.reference, m.status or GradeOutcome.NOT_GRADED, m.student, m.how,
                          m.reason or "not verified (the run was interrupted)")  # fmt: skip
    verdict, why = r.status, _first_line(r.reason)
    grade = _taught(ClaimGrade(m.reference, verdict, m.student, m.how, why, r.first_wrong_step, **_evidence(r)), r,
                    settings or GradeSettings())  # fmt: skip
    other = m.reason if m.status is GradeOutcome.DIFFERENT else m.differs
    if other and is_met(verdict):
        grade.status, grade.reason = GradeOutcome.DIFFERENT, f"{verdict}, but {other}"
    elif other:
        false = f"it is false: REFUTED, {why}" if r.status is Status.REFUTED else f"its verdict is {verdict}: {why}"
        status = GradeOutcome.DIFFERENT if m.status is GradeOutcome.DIFFERENT else verdict
        grade.status, grade.reason = status, f"{other}, and {false}"
    if grade.status is GradeOutcome.DIFFERENT:  # its steps answer another question: no share of this one
        grade.steps_met = 0
    return grade


def _row(sub: Submission, ready: prep.Prepared | pool.Failure, results: dict[str, ClaimResult],
         ref: Reference, how_run: str, settings: GradeSettings | None = None) -> StudentRow:  # fmt: skip
    row = StudentRow(sub.student, sub.files, how_run=how_run)
    if isinstance(ready, pool.Failure):
        row.problem = f"could not be read: {ready.message.splitlines()[0]}"
        row.grades = [ClaimGrade(name, GradeOutcome.NOT_GRADED, reason=row.problem) for name in ref.names]
        return row
    row.problem = "; ".join(dict.fromkeys(ready.problems))
    row.extra = ready.extra
    row.integrity = ready.integrity
    row.grades = [_grade(m, results, settings) for m in ready.matches]
    row.seconds = round(ready.seconds + sum(r.seconds for r in results.values()), 3)
    if ready.unread:  # a file that did not load may have held the missing claims
        row.grades = [
            g if g.matched else ClaimGrade(g.reference, GradeOutcome.NOT_GRADED, reason=row.problem) for g in row.grades
        ]
    return row


def grade(
    submissions_dir: str,
    reference: str,
    settings: GradeSettings,
    on_plan: Callable[[int], None] = lambda n: None,
    on_done: Callable[[str], None] = lambda label: None,
) -> GradeReport:
    """Grade every student folder of submissions_dir against the reference file."""
    started = time.monotonic()
    ref = reference_at(reference)
    subs = discover(submissions_dir, settings.single)
    mode, words = python_mode(settings)
    run = settings.run
    ready: dict[str, prep.Prepared | pool.Failure] = {}
    results: dict[str, dict[str, ClaimResult]] = {s.student: {} for s in subs}
    complete = True
    reruns_before = run.executor.reruns()  # an executor may serve several runs
    local = isinstance(run.executor, LocalPool)
    with warm.started(local and mode == prep.SANDBOX and any(s.python for s in subs), wait=False):
        share_imports(shrinker=True)  # once here, not again in every worker forked to read a student or verify a claim
        on_plan(len(subs))
        try:
            shared = _read_and_verify(subs, ref, mode, settings, ready, results, on_done)
        except KeyboardInterrupt:
            complete, shared = False, 0
    for student, by_name in results.items():  # a citation names one of the student's claims, in any of their files
        resolved = engine.resolve_corollaries(list(by_name.values()), across_files=True)
        results[student] = dict(zip(by_name, resolved, strict=True))
    interrupted = pool.Failure(pool.FailureKind.DIED, "interrupted")
    rows = [
        shown.scrub_row(_row(s, ready.get(s.student, interrupted), results[s.student], ref, _how(s, mode), settings),
                        shown.host_roots(s.folder, Path(submissions_dir), ref.path))
        for s in subs
    ]  # fmt: skip
    notes = [f"the reference's known-wrong claims are not required: {', '.join(ref.skipped)}"] if ref.skipped else []
    if shared:
        total = sum(len(by_name) for by_name in results.values())
        notes.append(f"{shared} of {total} claims were the same data as another student's and took its result")
    seconds = time.monotonic() - started
    engine_settings = run.engine
    report = GradeReport(ref.path, ref.names, rows, seconds, words, engine_settings.seed, engine_settings.samples,
                         complete, notes, matching=_matching(settings),
                         points={f.name: f.points for f in ref.families})  # fmt: skip
    report.retried = reruns_since(run.executor, reruns_before)
    return report


def _matching(settings: GradeSettings) -> str:
    if settings.by_statement:
        return "by name, else by statement (--match-by-statement)"
    return "by name (a claim under another name that states the same thing is MISSING, with a 'did you mean')"


def _how(sub: Submission, mode: str) -> str:
    if sub.python:
        return mode
    return "LaTeX, read as data" if sub.latex else ""


def _read_and_verify(subs: list[Submission], ref: Reference, mode: str, settings: GradeSettings,
                     ready: dict[str, prep.Prepared | pool.Failure], results: dict[str, dict[str, ClaimResult]],
                     on_done: Callable[[str], None]) -> int:  # fmt: skip
    """Read every student (in its sandbox) and verify its claims through a session: on the local pool at once, each
    student's claims queued as soon as it is read (:mod:`verifier.grading.pipeline`); on a cluster, all read, then
    all verified. A claim that is the same data as another student's takes its result (:mod:`verifier.grading.once`);
    returns how many did."""
    run = settings.run
    limits = settings.limits
    timeout = limits.wall_seconds + run.load_timeout + 30
    by_statement = settings.by_statement
    reads = [pool.Task(f"read {s.student}", prep.prepare, (s, ref, mode, limits, by_statement)) for s in subs]
    verified = _verified(results, on_done)
    if not isinstance(run.executor, LocalPool):
        run.executor.run(reads, sandboxes(settings), timeout, run.memory_mb, _read(ready, on_done))
        sources = [c for s in subs for c in _sources(s, ready.get(s.student), ref)]
        shared = once.Once(session.Session(run.engine, run.executor, run.jobs, run.timeout, run.memory_mb), False)
        shared.verify(sources, verified)
        shared.finish(verified)
        return shared.shared
    verifying = pipeline.Queued()
    claims = once.Once(session.Session(run.engine, verifying, run.jobs, run.timeout, run.memory_mb))

    def read(task: pool.Task, value: Any) -> None:
        _read(ready, on_done)(task, value)
        claims.verify(_sources(task.args[0], value, ref), verified)  # queued: each result comes to `verified`

    room = functools.partial(admission.room, limits, jobs=run.jobs, cpus=admission.cores())
    reading = pipeline.Lane(sandboxes(settings), timeout, read, deque(reads), admit=room)
    warm.ready()  # the zygote grade() started, before the pool's forks inherit it
    pipeline.run([verifying.lane, reading], run.memory_mb)
    return claims.shared


def _read(ready: dict[str, prep.Prepared | pool.Failure], on_done: Callable[[str], None]) -> pipeline.OnDone:
    def done(task: pool.Task, value: Any) -> None:
        ready[task.args[0].student] = value
        on_done(task.key)

    return done


def sandboxes(settings: GradeSettings, cpus: int | None = None) -> int:
    """How many students are read at once: on the local pool, as many as keep an honest import's wait for a CPU
    within what its wall-clock limit gives back (:mod:`verifier.grading.admission`), and at least the jobs; on a
    cluster, the jobs."""
    if settings.sandboxes:
        return settings.sandboxes
    if not isinstance(settings.run.executor, LocalPool):
        return settings.run.jobs
    return max(settings.run.jobs, admission.at_once(settings.limits, admission.cores() if cpus is None else cpus))


def _sources(s: Submission, p: prep.Prepared | pool.Failure | None, ref: Reference) -> list[Submitted]:
    """Each claim of a student's that is to be verified (none if it could not be read)."""
    if not isinstance(p, prep.Prepared):
        return []
    graded_as = {m.student: m.reference for m in p.matches if m.student}
    return [Submitted(s, p.payload, name, ref, graded_as.get(name, "")) for name in p.verify]


def _verified(results: dict[str, dict[str, ClaimResult]], on_done: Callable[[str], None]) -> session.OnResult:
    def done(source: session.ClaimSource, result: ClaimResult, failure: pool.Failure | None) -> None:
        assert isinstance(source, Submitted)
        results[source.sub.student][source.name] = result
        on_done(source.key)

    return done
