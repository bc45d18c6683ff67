"""Section "grading": a generated course graded end to end (`verifier grade`), submissions and claims per second.

The course is :mod:`tests.fixtures.course`: 30 students by default, also 300 when
VERIFIER_BENCH_COURSE=300 (or any comma-separated sizes) asks; every variant in turn, the
hang, the hog and the escape attempts included, so the figure is what a real course with
a few bad submissions costs. Each size runs `verifier grade` as a subprocess, in the
sandbox when bwrap works here, else with --trust-submissions (the report says which):
on the local pool (`--jobs W`), then on a Dask LocalCluster (`--dask-local W`, its start
included), when the [dask] extra is installed.

Each run also records its peak memory: the most the grader's whole process tree (the
CLI, its pool workers, the zygote and every sandbox) held at once, sampled from /proc:
resident memory (RSS) summed over the processes every 50 ms, which counts a page shared by
forks once per process (the zygote's sympy in every sandbox), and proportional memory (PSS,
from /proc/PID/smaps_rollup, a shared page divided among its sharers; read again for a
process whose RSS moved, :class:`benchmarks.process_tree.PssSampler`), which sums to what the
machine held.

A course of 30 where 15 submissions hang at import (:mod:`tests.fixtures.course_hanging`:
endless loops, sleeps, fork bombs, memory hogs, alternating with 15 honest ones) measures
what hangs cost (`python -m benchmarks.grading hanging [JOBS]` runs it alone).
A hostile course (:mod:`tests.fixtures.course_hostile`: issue 38's attacks and more, on top
of the 30 ordinary students) is graded once on the local pool, what an attacked course
costs (`python -m benchmarks.grading` runs that course alone and prints its figures).

The largest course is then graded once more on a running LocalCluster, in this process,
with a worker killed (SIGKILL) while it verifies a claim: the report must be complete,
every student's row the same, and the lost task named, in about the time of the run
without the kill plus one re-run of the lost task.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.cluster import kill_a_busy_worker
from benchmarks.config import BenchConfig
from benchmarks.harness import Data, Progress
from benchmarks.markdown import heading
from benchmarks.process_tree import run_measured_cpu
from benchmarks.targets import Target, met_if, unmeasured
from tests.fixtures.course import variant_counts, write_course
from tests.fixtures.course_hanging import write_hanging_course
from verifier.engine import EngineSettings
from verifier.grading import sandbox
from verifier.grading.admission import at_once
from verifier.grading.grade import GradeSettings, grade
from verifier.grading.report import GradeReport
from verifier.run.runner import RunSettings

SAMPLES = 50
SANDBOX_TIMEOUT = 20.0  # the whole sandbox's wall-clock limit (--sandbox-timeout)
IMPORT_SECONDS = 5.0  # the import's wall-clock limit (--import-timeout's default): a sleeping hang costs this much
COURSE_GOAL, COURSE_SIZE = 3.0, 300  # issue 25: submissions per second, a course of 300 on the local pool
HANGING_COURSE, HANGING = BenchConfig.grading_hanging  # issue 42: 30 with 15 hanging at import, ≥ COURSE_GOAL/s


@dataclass(frozen=True)
class CourseRun:
    students: int
    claims: int  # student claims verified
    seconds: float
    exit_code: int
    command: str
    where: str = "local pool"  # or "LocalCluster", or "local pool, hostile", or "local pool, 15 hanging"
    peak_mb: float = 0.0  # the most the grader's process tree held at once (RSS, summed)
    peak_pss_mb: float = 0.0  # the same in PSS (a page shared by n processes counted 1/n in each)
    cpu_seconds: float = 0.0  # user and system CPU of the grader's process tree, orphaned sandboxes included

    @property
    def submissions_per_second(self) -> float:
        return self.students / self.seconds if self.seconds > 0 else 0.0

    @property
    def claims_per_second(self) -> float:
        return self.claims / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> Data:
        return {
            **asdict(self),
            "submissions_per_s": self.submissions_per_second,
            "claims_per_s": self.claims_per_second,
        }


@dataclass(frozen=True)
class KilledGrading:
    """The largest course on a running LocalCluster, undisturbed and with a worker killed mid-claim."""

    students: int
    undisturbed_seconds: float
    killed_seconds: float
    killed_task: str  # the dask key of the task the killed worker was running ("" if none was)
    rows: int  # rows in the killed run's report
    same_rows: bool  # every row's grades and problem as in the undisturbed run
    complete: bool
    retried: dict[str, int] = field(default_factory=dict)

    @property
    def met(self) -> bool:
        return (
            bool(self.killed_task)
            and self.complete
            and self.same_rows
            and self.rows == self.students
            and (list(self.retried.values()) == [1])
        )


@dataclass(frozen=True)
class GradingSection:
    sandbox: str
    jobs: int
    runs: tuple[CourseRun, ...]
    cluster: str = ""  # why the LocalCluster runs are missing ("" if they ran)
    kill: KilledGrading | None = None

    def to_json(self) -> Data:
        kill = asdict(self.kill) | {"met": self.kill.met} if self.kill else None
        runs = [r.to_json() for r in self.runs]
        return {"sandbox": self.sandbox, "jobs": self.jobs, "runs": runs, "cluster": self.cluster, "kill": kill}


def sizes(config: BenchConfig) -> tuple[int, ...]:
    """The configured course sizes (30), and whatever VERIFIER_BENCH_COURSE adds (e.g. 300)."""
    extra = os.environ.get("VERIFIER_BENCH_COURSE", "")
    return tuple(sorted({*config.grading_students, *(int(s) for s in extra.split(",") if s.strip())}))


def write_hostile(root: Path, students: int, only: tuple[str, ...] = ()) -> int:
    """A course of `students` ordinary submissions and every hostile one (tests.fixtures.course_hostile; only:
    those variants); its size."""
    from tests.fixtures.course_hostile import write_hostile_course

    write_course(root, students)
    hostile = write_hostile_course(root / "hostile", only)
    for name in hostile:
        (root / "hostile" / "submissions" / name).rename(root / "submissions" / name)
    return students + len(hostile)


def grade_course(students: int, jobs: int, trust: bool, cluster: bool = False, hostile: bool = False,
                 hanging: int = 0, hostile_only: tuple[str, ...] = ()) -> CourseRun:  # fmt: skip
    """Grade a generated course with `verifier grade` (hanging: that many of the students hang at import;
    hostile_only: the hostile variants, all if empty)."""
    with tempfile.TemporaryDirectory(prefix="verifier-course-") as tmp:
        root = Path(tmp)
        if hanging:
            total = len(write_hanging_course(root, students - hanging, hanging))
        else:
            total = write_hostile(root, students, hostile_only) if hostile else students
        if not hostile and not hanging:
            write_course(root, students)
        where = ["--dask-local", str(jobs)] if cluster else ["--jobs", str(jobs)]
        args = ["grade", str(root / "submissions"), "--against", str(root / "reference.py"), "-q", "--no-color"]
        args += ["--samples", str(SAMPLES), "--sandbox-timeout", f"{SANDBOX_TIMEOUT:g}", *where]
        args += ["--json", str(root / "grades.json"), *(["--trust-submissions"] if trust else [])]
        code, seconds, peak, pss, cpu = run_measured_cpu([sys.executable, "-m", "verifier", *args])
        data = json.loads((root / "grades.json").read_text()) if (root / "grades.json").exists() else {"students": []}
    verified = sum(1 for r in data["students"] for g in r["grades"] if g["matched"] and g["status"] != "NOT GRADED")
    command = "verifier " + " ".join(a if not a.startswith(tmp) else "…" for a in args)
    where_text = "LocalCluster" if cluster else "local pool" + (", hostile" if hostile else "")
    where_text += f", {hanging} hanging" if hanging else ""
    return CourseRun(total, verified, seconds, code, command, where_text, round(peak, 1), round(pss, 1), round(cpu, 2))


def kill_on_first_claim(client: Any, killed: list[str]) -> Callable[[str], None]:
    """A grade() on_done that SIGKILLs a busy Dask worker when the first claim is verified (once)."""

    def on_done(label: str) -> None:
        if not killed and "::" in label:  # "student::claim": the verifying phase has begun
            killed.extend(filter(None, [kill_a_busy_worker(client)]))

    return on_done


def _rows(report: GradeReport) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [(r.student, r.problem, [(g.reference, g.status) for g in r.grades]) for r in report.rows]


def killed_grading(students: int, workers: int, trust: bool) -> KilledGrading:
    """Grade the course on a running LocalCluster, then again with a worker killed at the first verified claim."""
    from verifier.run import dask_executor

    with (
        tempfile.TemporaryDirectory(prefix="verifier-course-") as tmp,
        dask_executor.open_executor(local_workers=workers) as executor,
    ):
        root = Path(tmp)
        write_course(root, students)
        args = (str(root / "submissions"), str(root / "reference.py"))
        engine = EngineSettings(samples=SAMPLES)
        limits = sandbox.Limits(cpu_seconds=int(SANDBOX_TIMEOUT) + 1, wall_seconds=SANDBOX_TIMEOUT)
        settings = GradeSettings(RunSettings(engine=engine, jobs=workers, executor=executor), trust, limits)
        start = time.monotonic()
        undisturbed = grade(*args, settings)
        middle = time.monotonic()
        killed: list[str] = []
        report = grade(*args, settings, on_done=kill_on_first_claim(executor.client, killed))
        end = time.monotonic()
    same = _rows(report) == _rows(undisturbed)
    return KilledGrading(students, middle - start, end - middle, (killed or [""])[0], len(report.rows), same,
                         report.complete, dict(report.retried))  # fmt: skip


def bench_grading(config: BenchConfig, progress: Progress) -> GradingSection:
    why = sandbox.unavailable()
    no_dask = "" if importlib.util.find_spec("distributed") else 'Dask is not installed: pip install ".[dask]"'
    cluster = config.grading_cluster and not no_dask
    runs = []
    for n in sizes(config):
        progress(f"bench: grading a generated course of {n} students, local pool")
        runs.append(grade_course(n, config.jobs, trust=why is not None))
        if cluster:
            progress(f"bench: grading a generated course of {n} students, LocalCluster")
            runs.append(grade_course(n, config.jobs, trust=why is not None, cluster=True))
    attacks = ", ".join(config.grading_hostile) or "every attack"
    progress(f"bench: grading a hostile course ({min(sizes(config))} students and {attacks}), local pool")
    runs.append(
        grade_course(
            min(sizes(config)), config.jobs, trust=why is not None, hostile=True, hostile_only=config.grading_hostile
        )
    )
    students, hanging = config.grading_hanging
    progress(f"bench: grading a course of {students} with {hanging} hanging at import, local pool")
    runs.append(grade_course(students, config.jobs, trust=why is not None, hanging=hanging))
    kill = None
    if cluster:
        progress(f"bench: grading {max(sizes(config))} students on a LocalCluster, a worker killed mid-run")
        kill = killed_grading(max(sizes(config)), config.jobs, trust=why is not None)
    skipped = no_dask or ("" if config.grading_cluster else "not asked for (grading_cluster is off)")
    return GradingSection(why or "bubblewrap", config.jobs, tuple(runs), skipped, kill)


def render(data: Data) -> list[str]:
    g = data.get("grading")
    if not g:
        return []
    hanging = next((r for r in g["runs"] if r.get("where", "").endswith(" hanging")), None)
    hanging_text = (
        f"a course of {hanging['students']} where {hanging['where'].rpartition(', ')[2].split()[0]} hang at import"
        if hanging
        else "no course with hangs"
    )
    lines = [
        heading("grading", "Grading a course"),
        "",
        f"`verifier grade` on a generated course (tests/fixtures/course.py; every variant in turn, a hang and "
        f"the escape attempts included), {g['jobs']} jobs, {SAMPLES} samples, --sandbox-timeout "
        f"{SANDBOX_TIMEOUT:g}, sandbox: {g['sandbox']}; and {hanging_text} "
        "(tests/fixtures/course_hanging.py). Peak memory: RSS summed over the grader's processes (a page "
        "shared by forks counted in each), and PSS (shared pages divided among their sharers). CPU: the grader's "
        "process tree's user and system seconds (what the load does not change; 2 cores give 1 s of wall per 2).",
        "",
        "| students | where | claims verified | wall time | submissions/s | claims/s | peak RSS (summed) "
        "| peak PSS | CPU | exit |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in g["runs"]:
        lines.append(
            f"| {r['students']} | {r.get('where', 'local pool')} | {r['claims']} | {r['seconds']:.1f} s "
            f"| {r['submissions_per_s']:.2f} | {r['claims_per_s']:.2f} | {r.get('peak_mb', 0):.0f} MB "
            f"| {r.get('peak_pss_mb', 0):.0f} MB | {r.get('cpu_seconds', 0):.1f} s | {r['exit_code']} |"
        )
    lines += ["", "Commands: " + "; ".join(f"`{r['command']}`" for r in g["runs"]) + ".", ""]
    sizes_run = sorted({r["students"] for r in g["runs"]})
    lines += [f"The hangs alone: {_hang_floor_text(n, g['jobs'])}." for n in sizes_run] + [""]
    if g.get("cluster"):
        lines += [f"LocalCluster runs not measured: {g['cluster']}.", ""]
    return [*lines, *_kill_lines(g.get("kill")), ""]


def _kill_lines(kill: Data | None) -> list[str]:
    if not kill:
        return []
    retried = ", ".join(f"{k} ({n}×)" for k, n in kill["retried"].items()) or "none"
    extra = kill["killed_seconds"] - kill["undisturbed_seconds"]
    verdict = "target met" if kill["met"] else "TARGET NOT MET"
    return [
        f"**A killed worker ({verdict}):** the {kill['students']}-student course on a running LocalCluster took "
        f"{kill['undisturbed_seconds']:.1f} s undisturbed, and {kill['killed_seconds']:.1f} s ({extra:+.1f} s) with "
        f"a worker killed (SIGKILL) while it verified a claim. The report held {kill['rows']} of "
        f"{kill['students']} rows, {'complete' if kill['complete'] else 'INCOMPLETE'}, "
        f"{'every row as undisturbed' if kill['same_rows'] else 'SOME ROWS DIFFERENT'}; re-run: {retried}.",
    ]


def sandboxes_at_once(jobs: int) -> int:
    """The grader's default sandboxes at once, with the benchmark's limits, taking the jobs for the cores."""
    return max(jobs, at_once(sandbox.Limits(import_seconds=IMPORT_SECONDS), jobs))


def hang_floor(students: int, jobs: int) -> tuple[int, float]:
    """The course's hangs, and the wall time they alone take: each holds a sandbox for the import's wall-clock
    limit at most (its CPU limit stops a spinning one sooner), sandboxes_at_once of them at once."""
    hangs = variant_counts(students)["hang"]
    return hangs, math.ceil(hangs / sandboxes_at_once(jobs)) * IMPORT_SECONDS


def _hang_floor_text(students: int, jobs: int) -> str:
    hangs, floor = hang_floor(students, jobs)
    if not hangs:
        return f"a course of {students} has none"
    return (
        f"the {hangs} hangs of a course of {students} hold a sandbox {IMPORT_SECONDS:g} s each at most (the import's "
        f"limit), {floor:.0f} s of wall time with {sandboxes_at_once(jobs)} sandboxes at once"
    )


def target_rate(section: GradingSection | None) -> Target:
    """Issue 25's course throughput, with what the hangs alone allow."""
    text = f"a course of {COURSE_SIZE} submissions, local pool, ≥ {COURSE_GOAL:g}/s"
    run = (
        next((r for r in section.runs if r.students == COURSE_SIZE and r.where == "local pool"), None)
        if section
        else None
    )
    if section is None or run is None:
        return unmeasured(
            text, "section not run (--only)" if section is None else f"set VERIFIER_BENCH_COURSE={COURSE_SIZE}"
        )
    evidence = (
        f"{run.submissions_per_second:.2f}/s ({run.seconds:.0f} s); {_hang_floor_text(COURSE_SIZE, section.jobs)}"
    )
    return Target(text, met_if(run.submissions_per_second >= COURSE_GOAL), evidence)


def target(section: GradingSection | None) -> Target:
    """The issue's target for a killed worker while grading, decided from the section (a Target's fields)."""
    text = "a killed Dask worker while grading a course: every row complete and unchanged, the lost task named"
    if section is None or section.kill is None:
        why = section.cluster if section is not None and section.cluster else "section not run (--only)"
        return unmeasured(text, why)
    k = section.kill
    evidence = (
        f"{k.rows}/{k.students} rows, {'same' if k.same_rows else 'changed'}, "
        f"re-run: {', '.join(k.retried) or 'none'}; "
        f"{k.killed_seconds:.1f} s against {k.undisturbed_seconds:.1f} s undisturbed"
    )
    return Target(text, met_if(k.met), evidence)


def target_hanging(section: GradingSection | None) -> Target:
    """Issue 42's course throughput: a course of 30 with 15 hanging at import, with its peak memory."""
    text = f"a course of {HANGING_COURSE} with {HANGING} hanging at import, local pool, ≥ {COURSE_GOAL:g}/s"
    runs = [r for r in section.runs if r.where.endswith(" hanging")] if section else []
    run = next((r for r in runs if r.students == HANGING_COURSE and r.where.endswith(f" {HANGING} hanging")), None)
    if run is None:
        return unmeasured(text, "a smaller course was graded (grading_hanging)" if runs else "section not run (--only)")
    evidence = (
        f"{run.submissions_per_second:.2f}/s ({run.seconds:.1f} s), peak {run.peak_mb:.0f} MB RSS summed, "
        f"{run.peak_pss_mb:.0f} MB PSS, {run.cpu_seconds:.1f} CPU s"
    )
    return Target(text, met_if(run.submissions_per_second >= COURSE_GOAL), evidence)


def parse(argv: list[str]) -> tuple[int, int, bool]:
    """`[STUDENTS | hanging] [JOBS]` as (students, jobs, hanging); a usage error (exit 2) says what to write."""
    parser = argparse.ArgumentParser("python -m benchmarks.grading", description=main.__doc__)
    course = f"a number: the hostile course on top of that many ordinary students (default {HANGING_COURSE})"
    parser.add_argument("course", nargs="?", default=str(HANGING_COURSE), help=f"{course}; or hanging")
    parser.add_argument("jobs", nargs="?", type=int, default=2, help="workers of the local pool (default 2)")
    args = parser.parse_args(argv)
    if args.course != "hanging" and (not args.course.isdigit() or int(args.course) < 1):
        parser.error(f"course: {args.course!r}; write a number of students (30) or 'hanging'")
    hanging = args.course == "hanging"
    return HANGING_COURSE if hanging else int(args.course), args.jobs, hanging


def main() -> None:
    """Grade a generated course once on the local pool (in the sandbox where bwrap works, else trusting the
    submissions): the hostile course, or the course of 30 with 15 hanging at import. Prints submissions per
    second, CPU and peak memory."""
    students, jobs, hanging = parse(sys.argv[1:])
    trust = sandbox.unavailable() is not None
    load = os.getloadavg()[0]
    run = grade_course(students, jobs, trust, hanging=HANGING if hanging else 0, hostile=not hanging)
    print(json.dumps(run.to_json(), indent=2))
    print(
        f"{run.students} submissions ({run.where}) in {run.seconds:.1f} s: {run.submissions_per_second:.2f} "
        f"submissions/s, {run.claims_per_second:.2f} claims/s, peak memory {run.peak_mb:.0f} MB RSS summed over the "
        f"processes, {run.peak_pss_mb:.0f} MB PSS, {run.cpu_seconds:.1f} CPU s (exit {run.exit_code}); load "
        f"average {load:.2f} before, {os.getloadavg()[0]:.2f} after, on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
