"""A derivation module is executed once per run: one process holds it, and every task of it forks from there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import run_cli, write_module
from verifier.run import hosts, plan, pool

pytestmark = pytest.mark.slow

COUNTED = '''
"""Claims whose module notes each time it is executed."""
from pathlib import Path
import sympy as sp
from verifier import Identity, Real, claim

with Path({log!r}).open("a") as log:
    log.write("executed\\n")
x = sp.Symbol("x")


def make(k):
    @claim(n=[1, 2], name=f"shift_{{k}}")
    def build(n):
        """n (x + k)² expanded."""
        return Identity(n * (x + k) ** 2, n * x**2 + 2 * k * n * x + k**2 * n, where={{x: Real()}})

    return build


for k in range({claims}):
    make(k)


@claim(expect="refuted")
def wrong():
    """(x + 1)² = x² + 1."""
    return Identity((x + 1) ** 2, x**2 + 1, where={{x: Real()}})
'''


def _verdicts(report: Path) -> dict[str, str]:
    return {c["derivation"] + "." + c["name"]: c["status"] for c in json.loads(report.read_text())["claims"]}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_module_is_executed_once_per_run_whatever_the_jobs(module_dir: Path, tmp_path: Path, jobs: str) -> None:
    log = tmp_path / "executions.log"
    path = write_module(module_dir, "counted", COUNTED.format(log=str(log), claims=6))
    out = run_cli("verify-all", str(path), "-j", jobs, "--no-cache", "--json", str(tmp_path / "r.json"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert log.read_text().splitlines() == ["executed"]  # listing the 7 claims and verifying them: one execution
    verdicts = _verdicts(tmp_path / "r.json")
    assert verdicts == {**{f"counted.shift_{k}": "PROVED" for k in range(6)}, "counted.wrong": "REFUTED"}


def test_two_modules_each_execute_once_and_a_second_run_executes_them_again(module_dir: Path, tmp_path: Path) -> None:
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    for name, log in zip(("first", "second"), logs, strict=True):
        write_module(module_dir, name, COUNTED.format(log=str(log), claims=2))
    for run in (1, 2):  # no cache: each run loads each module again, once
        out = run_cli("verify-all", str(module_dir), "-j", "2", "--no-cache")
        assert out.returncode == 0, out.stdout + out.stderr
        assert [log.read_text().count("executed") for log in logs] == [run, run]


def _exits(path: str, verbose: bool) -> None:
    raise SystemExit(3)  # not an Exception: the host process itself ends while setting up


def _value(x: int) -> int:
    return x * 2


def test_a_host_that_dies_while_setting_up_fails_its_tasks_and_the_run_goes_on() -> None:
    doomed = pool.Group("doomed", _exits, ("doomed", False))
    fine = plan.holding("fine", False)  # a path that does not exist: the setup fails, the tasks still run
    tasks = [pool.Task(f"doomed{i}", _value, (i,), doomed) for i in range(3)]
    tasks += [pool.Task(f"fine{i}", _value, (i,), fine) for i in range(3)]
    done: dict[str, object] = {}
    held = hosts.Hosts()
    try:
        held.run(tasks, 2, 30, 2048, lambda task, value: done.setdefault(task.key, value))
    finally:
        held.release()
    assert {k: done[k] for k in ("fine0", "fine1", "fine2")} == {"fine0": 0, "fine1": 2, "fine2": 4}
    for key in ("doomed0", "doomed1", "doomed2"):
        failure = done[key]
        assert isinstance(failure, pool.Failure) and failure.kind is pool.FailureKind.DIED, failure
        assert "the process holding the module" in failure.message


def _sleeps(seconds: float) -> str:
    import time

    time.sleep(seconds)
    return "woke"


def test_a_hosts_task_keeps_its_time_limit_and_the_host_serves_the_next_one() -> None:
    group = plan.holding("nowhere", False)
    done: dict[str, object] = {}
    held = hosts.Hosts()
    try:
        held.run([pool.Task("slow", _sleeps, (30,), group)], 1, 1.0, 2048, lambda t, v: done.setdefault(t.key, v))
        held.run([pool.Task("quick", _sleeps, (0,), group)], 1, 10, 2048, lambda t, v: done.setdefault(t.key, v))
    finally:
        held.release()
    slow = done["slow"]
    assert isinstance(slow, pool.Failure) and slow.kind is pool.FailureKind.TIMEOUT, slow
    assert done["quick"] == "woke"


def test_a_host_killed_while_idle_is_replaced_for_the_modules_next_task() -> None:
    import os
    import signal

    group = plan.holding("nowhere", False)
    done: dict[str, object] = {}
    held = hosts.Hosts()
    try:
        held.run([pool.Task("first", _value, (1,), group)], 1, 30, 2048, lambda t, v: done.setdefault(t.key, v))
        first = held._open["nowhere"].process
        os.kill(first.pid, signal.SIGKILL)
        first.join(10)
        held.run([pool.Task("second", _value, (2,), group)], 1, 30, 2048, lambda t, v: done.setdefault(t.key, v))
        assert held._open["nowhere"].process.pid != first.pid
    finally:
        held.release()
    assert done == {"first": 2, "second": 4}


def test_a_claim_checked_alone_does_the_work_it_does_in_the_whole_run(tmp_path: Path) -> None:
    """The work of a proof does not depend on the other claims of the run: checked alone (no claim of the run
    expects a counterexample), this claim once took 0 heartbeats at n = 1 where the whole library's run took 1."""
    key = "matrix_notation_ml.batch_norm_centring_jacobian"
    out = run_cli("check", key, "--no-cache", "--json", str(tmp_path / "alone.json"))
    assert out.returncode == 0, out.stdout + out.stderr
    (alone,) = json.loads((tmp_path / "alone.json").read_text())["claims"]
    work = [[p["n"], p["work"]] for p in alone["evidence"]["proofs"]]
    baseline = json.loads((Path(__file__).resolve().parents[1] / "data" / "baseline.json").read_text())
    assert work == baseline["claims"][key]["work"]


SHARED: list[int] = []  # the processes that made a group's shared setup (this one, or a holder)


def _share() -> None:
    """Like plan.share_imports: made once in a process (and in those it forks), a no-op after."""
    import os

    if not SHARED:
        SHARED.append(os.getpid())


def _hold(name: str) -> None:
    _share()  # as plan.hold_module: the shared part again, a no-op where the forking process made it


def _shared_by() -> list[int]:
    return list(SHARED)


def test_the_shared_setup_of_every_holder_is_made_once_by_the_process_that_forks_them() -> None:
    """The imports every holder needs (the shrinker, sympy's lazy modules: 0.15 s of CPU) are made once by the
    run's process before it forks the first holder, not again in each of a run's 44 holders."""
    import os

    SHARED.clear()
    groups = [pool.Group(name, _hold, (name,), _share) for name in ("first", "second")]
    done: dict[str, object] = {}
    held = hosts.Hosts()
    try:
        tasks = [pool.Task(g.key, _shared_by, (), g) for g in groups]
        held.run(tasks, 2, 30, 2048, lambda t, v: done.setdefault(t.key, v))
    finally:
        held.release()
    assert [os.getpid()] == SHARED
    assert done == {"first": [os.getpid()], "second": [os.getpid()]}  # each holder inherited it
