"""Section "grading": a generated course graded end to end (`verifier grade`), submissions and claims per second.

The course is :mod:`benchmarks.course`: 30 students by default, also 300 when
VERIFIER_BENCH_COURSE=300 (or any comma-separated sizes) asks; every variant in turn, the
hang, the hog and the escape attempts included, so the figure is what a real course with
a few bad submissions costs. Each size runs `verifier grade` as a subprocess, in the
sandbox when bwrap works here, else with --trust-submissions (the report says which).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.config import BenchConfig
from benchmarks.course import write_course
from benchmarks.harness import Data, Progress
from verifier.grading import sandbox

SAMPLES = 50
SANDBOX_TIMEOUT = 20.0  # the hang variant costs this much wall time in one worker


@dataclass(frozen=True)
class CourseRun:
    students: int
    claims: int  # student claims verified
    seconds: float
    exit_code: int
    command: str

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
class GradingSection:
    sandbox: str
    jobs: int
    runs: tuple[CourseRun, ...]

    def to_json(self) -> Data:
        return {"sandbox": self.sandbox, "jobs": self.jobs, "runs": [r.to_json() for r in self.runs]}


def sizes(config: BenchConfig) -> tuple[int, ...]:
    """The configured course sizes (30), and whatever VERIFIER_BENCH_COURSE adds (e.g. 300)."""
    extra = os.environ.get("VERIFIER_BENCH_COURSE", "")
    return tuple(sorted({*config.grading_students, *(int(s) for s in extra.split(",") if s.strip())}))


def grade_course(students: int, jobs: int, trust: bool) -> CourseRun:
    with tempfile.TemporaryDirectory(prefix="verifier-course-") as tmp:
        root = Path(tmp)
        write_course(root, students)
        args = ["grade", str(root / "submissions"), "--against", str(root / "reference.py"), "-q", "--no-color"]
        args += ["--samples", str(SAMPLES), "--sandbox-timeout", f"{SANDBOX_TIMEOUT:g}", "--jobs", str(jobs)]
        args += ["--json", str(root / "grades.json"), *(["--trust-submissions"] if trust else [])]
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "verifier", *args], capture_output=True, text=True)
        seconds = time.monotonic() - started
        data = json.loads((root / "grades.json").read_text()) if (root / "grades.json").exists() else {"students": []}
    verified = sum(1 for r in data["students"] for g in r["grades"] if g["matched"] and g["status"] != "NOT GRADED")
    command = "verifier " + " ".join(a if not a.startswith(tmp) else "…" for a in args)
    return CourseRun(students, verified, seconds, proc.returncode, command)


def bench_grading(config: BenchConfig, progress: Progress) -> GradingSection:
    why = sandbox.unavailable()
    runs = []
    for n in sizes(config):
        progress(f"bench: grading a generated course of {n} students")
        runs.append(grade_course(n, config.jobs, trust=why is not None))
    return GradingSection(why or "bubblewrap", config.jobs, tuple(runs))


def render(data: Data) -> list[str]:
    g = data.get("grading")
    if not g:
        return []
    lines = [
        "## 11. Grading a course",
        "",
        f"`verifier grade` on a generated course (benchmarks/course.py; every variant in turn, a {SANDBOX_TIMEOUT:g} s "
        f"hang and the escape attempts included), {g['jobs']} jobs, {SAMPLES} samples, sandbox: {g['sandbox']}.",
        "",
        "| students | claims verified | wall time | submissions/s | claims/s |",
        "|---|---|---|---|---|",
    ]
    for r in g["runs"]:
        lines.append(
            f"| {r['students']} | {r['claims']} | {r['seconds']:.1f} s | {r['submissions_per_s']:.2f} "
            f"| {r['claims_per_s']:.2f} |"
        )
    return [*lines, ""]
