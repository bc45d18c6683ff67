"""How many sandboxes run at once (issue 42): as many as keep an honest import's wait within its limit's credit,
another only while memory allows, and the sandbox's processes first to go when memory runs out."""

from __future__ import annotations

import time
from collections import deque
from pathlib import Path
from typing import Any

import pytest

from verifier.grading import admission, extract, pipeline, watch
from verifier.grading.grade import GradeSettings, sandboxes
from verifier.grading.sandbox import Limits
from verifier.run import pool
from verifier.run.runner import RunSettings


@pytest.mark.parametrize(("import_seconds", "import_cpu", "cpus"), [(5.0, 0.75, 2), (1.0, 0.75, 1), (2.0, 0.5, 8)])
def test_an_import_behind_the_processes_admitted_waits_no_longer_than_its_limit_gives_back(
    import_seconds: float, import_cpu: float, cpus: int
) -> None:
    """An import of import_cpu CPU seconds behind n processes wanting a CPU on c cores waits n × import_cpu / c."""
    limits = Limits(import_seconds=import_seconds, import_cpu=import_cpu)
    n = admission.behind(limits, cpus)
    credit = watch.CREDIT * import_seconds
    assert n * import_cpu / cpus <= credit < (n + 1) * import_cpu / cpus  # the most that stays within it
    assert admission.at_once(limits, cpus) == min(admission.MOST, n + 1)  # each sandbox beside the others


def test_the_default_starts_a_course_of_thirty_at_once_on_two_cores() -> None:
    assert admission.behind(Limits(), 2) == 40  # 3 × 5 s × 2 / 0.75
    assert admission.at_once(Limits(), 2) == 41
    assert admission.at_once(Limits(import_cpu=0.01), 64) == admission.MOST
    assert sandboxes(GradeSettings(RunSettings(jobs=2)), cpus=2) == 41
    assert sandboxes(GradeSettings(RunSettings(jobs=50)), cpus=2) == 50  # never fewer than the jobs
    assert sandboxes(GradeSettings(RunSettings(jobs=2), sandboxes=3), cpus=2) == 3  # --sandboxes decides


def _machine(root: Path, available_kb: int, running: int) -> str:
    (root / "meminfo").write_text(f"MemTotal:       24683520 kB\nMemFree:  100 kB\nMemAvailable:  {available_kb} kB\n")
    (root / "loadavg").write_text(f"1.52 0.98 0.61 {running}/412 81234\n")
    return str(root)


def test_beyond_four_per_job_a_sandbox_starts_only_with_memory_and_cores_to_spare(tmp_path: Path) -> None:
    limits = Limits(memory_mb=2048)  # behind: 40 on 2 cores
    calm = _machine(tmp_path, 3 * 1024 * 1024, 39)
    assert admission.available_mb(calm) == 3072 and admission.runnable(calm) == 39
    assert admission.room(limits, 30, 2, 2, calm)
    short = _machine(tmp_path, 1024 * 1024, 3)
    assert not admission.room(limits, 8, 2, 2, short)  # a sandbox might grow past what is available
    assert admission.room(limits, 7, 2, 2, short)  # 4 per job start whatever the machine
    busy = _machine(tmp_path, 3 * 1024 * 1024, 40)  # a fork bomb's processes, or the machine's load
    assert not admission.room(limits, 8, 2, 2, busy)
    assert admission.room(limits, 8, 2, 4, busy)  # twice the cores: an import waits half as long behind them
    assert admission.room(limits, 30, 2, 2, str(tmp_path / "missing"))  # nothing to go by: the count decides


def _running() -> pool.Running:
    return pool.Running(pool.Task("t", print, ()), None, None, 0.0)  # type: ignore[arg-type]


def test_a_lane_without_room_runs_one_task_at_a_time() -> None:
    tasks: deque[pool.Task] = deque(pool.Task(f"t{i}", print, ()) for i in range(3))
    lane = pipeline.Lane(4, 10.0, lambda task, value: None, tasks, admit=lambda running: False)
    assert lane.may_start()  # one always runs, whatever the room
    lane.running.append(_running())
    assert not lane.may_start()
    lane.admit = lambda running: running < 3
    assert lane.may_start()
    lane.running += [_running() for _ in range(2)]
    assert not lane.may_start()  # told how many run
    lane.admit = lambda running: True
    assert lane.may_start()
    lane.running.append(_running())
    assert not lane.may_start()  # and never more than its slots


def test_a_lane_without_room_still_runs_every_task(tmp_path: Path) -> None:
    done: list[Any] = []
    tasks = deque(pool.Task(f"t{i}", _alone, (tmp_path / "running",)) for i in range(4))
    lane = pipeline.Lane(4, 60.0, lambda task, value: done.append(value), tasks, admit=lambda running: False)
    pipeline.run([lane], 0)
    assert done == ["alone"] * 4


def _alone(marker: Path) -> str:
    """Fails if another task holds the marker (two at once); holds it for a moment."""
    marker.touch(exist_ok=False)
    try:
        time.sleep(0.05)
    finally:
        marker.unlink()
    return "alone"


def test_the_sandboxs_processes_are_the_first_to_go(tmp_path: Path) -> None:
    score = tmp_path / "oom_score_adj"
    score.write_text("0")
    extract.first_to_go(str(score))
    assert score.read_text() == str(extract.OOM_FIRST) == "1000"
    extract.first_to_go(str(tmp_path / "no" / "such"))  # a /proc that refuses it: the sandbox goes on


def test_a_lane_held_back_by_its_room_is_looked_at_again_sooner() -> None:
    """Room may come with no task ending (a fork bomb stopped at its CPU limit leaves the run queue before its task
    ends): a lane whose next task waits only for room is looked at every ADMIT_POLL, not every POLL."""
    tasks: deque[pool.Task] = deque(pool.Task(f"t{i}", print, ()) for i in range(2))
    lane = pipeline.Lane(4, 10.0, lambda task, value: None, tasks, admit=lambda running: False)
    lane.running.append(_running())
    assert not lane.may_start() and pipeline.poll([lane]) == pipeline.ADMIT_POLL < pipeline.POLL
    lane.running += [_running() for _ in range(3)]  # no slot left: only a task's end makes room
    assert pipeline.poll([lane]) == pipeline.POLL
    assert pipeline.poll([pipeline.Lane(4, 10.0, lambda task, value: None)]) == pipeline.POLL  # nothing queued
