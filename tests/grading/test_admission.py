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


def _waited_behind(k: int, limits: Limits, cpus: int) -> float:
    """The CPU the other k - 1 sandboxes' imports take at most, shared by the cores: an honest import's wait."""
    return (k - 1) * limits.import_cpu / cpus


@pytest.mark.parametrize(("import_seconds", "import_cpu", "cpus"), [(5.0, 0.75, 2), (1.0, 0.75, 1), (2.0, 0.5, 8)])
def test_the_sandboxes_at_once_wait_no_longer_than_the_import_limit_gives_back(
    import_seconds: float, import_cpu: float, cpus: int
) -> None:
    limits = Limits(import_seconds=import_seconds, import_cpu=import_cpu)
    k = admission.at_once(limits, cpus)
    credit = watch.CREDIT * import_seconds
    assert _waited_behind(k, limits, cpus) <= credit
    assert k == admission.MOST or _waited_behind(k + 1, limits, cpus) > credit  # and no fewer than that allows


def test_the_default_starts_a_course_of_thirty_at_once_on_two_cores() -> None:
    assert admission.at_once(Limits(), 2) == 41  # 1 + 3 × 5 s × 2 / 0.75
    assert admission.at_once(Limits(import_cpu=0.01), 64) == admission.MOST
    local = GradeSettings(RunSettings(jobs=2))
    assert sandboxes(local, cpus=2) == 41
    assert sandboxes(GradeSettings(RunSettings(jobs=50)), cpus=2) == 50  # never fewer than the jobs
    assert sandboxes(GradeSettings(RunSettings(jobs=2), sandboxes=3), cpus=2) == 3  # --sandboxes decides


def test_beyond_four_per_job_another_sandbox_starts_only_while_its_memory_limit_is_available(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    limits = Limits(memory_mb=2048)
    meminfo.write_text("MemTotal:       24683520 kB\nMemFree:  100 kB\nMemAvailable:    3145728 kB\n")
    assert admission.available_mb(str(meminfo)) == 3072
    assert admission.room(limits, 30, 2, str(meminfo))
    meminfo.write_text("MemTotal:       24683520 kB\nMemAvailable:    1048576 kB\n")
    assert not admission.room(limits, 8, 2, str(meminfo))
    assert admission.room(limits, 7, 2, str(meminfo))  # as many as before memory was counted
    assert admission.room(limits, 30, 2, str(tmp_path / "missing"))  # nothing to go by: the count alone decides


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
