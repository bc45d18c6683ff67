"""The Dask executor (the [dask] extra): a LocalCluster of two worker processes, one thread each.

It must give the local pool's verdicts, stop a hanging claim at its timeout without holding up
the others, and lose nothing when a worker dies mid-run: the claim runs again and the report
names it. One cluster serves the whole module; the claims are tiny.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import io
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from tests.fixtures.modules import QUICK
from tests.support import CACHE_HOME, ROOT, run_cli, unwrapped, write_module
from verifier.engine import EngineSettings
from verifier.grading import sandbox
from verifier.grading.report import GradeReport
from verifier.outcome import ClaimResult, Expect, RunReport, Status
from verifier.render import html, junit, markdown, terminal
from verifier.run import cache as run_cache
from verifier.run import dask_executor, pool
from verifier.run.merge import merge
from verifier.run.runner import RunSettings, verify_paths
from verifier.strategies import budget

# one worker runs this module: its module-scoped cluster is costly
pytestmark = [pytest.mark.xdist_group("dask"), pytest.mark.slow]

needs_dask = pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None, reason='Dask is not installed: pip install ".[dask]"'
)

HANGS = '''
"""A claim whose builder never returns."""
import time
import sympy as sp
from verifier import Identity, Real, claim

x = sp.Symbol("x")


@claim()
def hangs():
    """x = x, after a very long wait."""
    time.sleep(600)
    return Identity(x, x, where={x: Real()})
'''

KILLS = '''
"""A claim whose first run kills the Dask worker it runs on (the parent of the process that holds the module)."""
import os
import signal
import time
from pathlib import Path
import sympy as sp
from verifier import Identity, Real, claim

x = sp.Symbol("x")
MARK = Path(MARK_PATH)


@claim()
def kills_its_worker():
    """x = x, once the worker that first ran it is dead."""
    if not MARK.exists():
        MARK.write_text("killed")
        holder = Path(f"/proc/{os.getppid()}/stat").read_text()
        os.kill(int(holder.rsplit(")", 1)[1].split()[1]), signal.SIGKILL)
        time.sleep(600)
    return Identity(x, x, where={x: Real()})
'''


@pytest.fixture(scope="module")
def executor() -> Iterator[dask_executor.DaskExecutor]:
    with dask_executor.open_executor(local_workers=2) as ex:
        yield ex


def _statuses(report: RunReport) -> dict[str, str]:
    return {r.key: r.status.value for r in report.results}


def _facts(claims: list[dict[str, Any]]) -> dict[str, tuple[object, ...]]:
    """Per claim, what must not move between executors: verdict, proved n, and each proof's work."""
    return {
        f"{c['derivation']}.{c['name']}": (
            c["status"],
            c["proved_n"],
            [(p["n"], p["work"]) for p in c["evidence"]["proofs"]],
        )
        for c in claims
    }


@needs_dask
def test_library_subset_gets_the_clis_verdicts_and_work_counts(
    executor: dask_executor.DaskExecutor, tmp_path: Path
) -> None:
    """The reference is the CLI's own run: this test process has imported Dask, so its local pool would not
    be one. Forked from a worker's own process, beale.hessian_at_minimum_psd and newton.cubic took 0
    heartbeats against the CLI's 1 (and linear_algebra.am_gm_trace_determinant 289 against 290)."""
    paths = [str(ROOT / "derivations" / name) for name in ("beale.py", "convolution.py", "newton.py")]
    out = tmp_path / "cli.json"
    done = run_cli("verify-all", *paths, "--no-cache", "--jobs", "2", "--json", str(out))
    assert out.exists(), done.stdout + done.stderr
    cli = _facts(json.loads(out.read_text())["claims"])
    shown: list[str] = []
    on_cluster = RunSettings(jobs=2, timeout=120, executor=executor)
    remote = verify_paths(paths, on_cluster, on_result=lambda r: shown.append(r.key))
    assert len(cli) >= 30 and remote.complete
    assert _facts(remote.to_json()["claims"]) == cli
    assert any(work for _, _, proofs in cli.values() for _, work in proofs), "some proofs report their work"
    assert sorted(shown) == sorted(cli), "the progress callback sees every claim once"
    assert remote.retried == {}


@needs_dask
def test_a_hang_is_unknown_at_the_timeout_and_holds_up_nothing(
    executor: dask_executor.DaskExecutor, module_dir: Path
) -> None:
    write_module(module_dir, "a_hangs", HANGS)
    write_module(module_dir, "quick", QUICK)
    order: list[str] = []
    settings = RunSettings(jobs=2, timeout=5, executor=executor)
    report = verify_paths([str(module_dir)], settings, on_result=lambda r: order.append(r.key))
    hang = next(r for r in report.results if r.name == "hangs")
    assert hang.status is Status.UNKNOWN and hang.time_limited
    assert "stopped by the time limit after 5 s" in hang.reason
    assert {r.key: r.status for r in report.results if r is not hang} == {
        f"quick.quick_{k}": Status.PROVED for k in range(4)
    }
    # how many quick claims the other worker finishes within the hang's 5 s depends on the machine's
    # load; that it finished some while the hang ran does not
    assert order.index("a_hangs.hangs") > 0, "the other worker went on verifying while the hang ran"
    assert len(executor.client.nthreads()) == 2, "the worker survived its hanging claim"


@needs_dask
def test_a_task_the_worker_cannot_read_is_an_error_and_the_worker_lives(
    executor: dask_executor.DaskExecutor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A task naming a module only this process can import (a remote worker without the file): Dask alone
    would kill the worker that fails to unpickle it, over and over; here it is the task's ERROR."""
    (tmp_path / "only_on_this_machine.py").write_text("class Thing:\n    pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import only_on_this_machine

    out: list[object] = []
    task = pool.Task("unreadable", repr, (only_on_this_machine.Thing(),))
    executor.run([task], 2, 30.0, 0, lambda t, value: out.append(value))
    (failure,) = out
    assert isinstance(failure, pool.Failure) and "cannot be read on the Dask worker" in failure.message
    assert "only_on_this_machine" in failure.message
    assert len(executor.client.nthreads()) == 2, "the worker survived"
    assert "unreadable" not in executor.reruns(), "no worker was lost to it"


@needs_dask
def test_a_killed_worker_loses_nothing_and_the_report_names_the_rerun(
    executor: dask_executor.DaskExecutor, module_dir: Path, tmp_path: Path
) -> None:
    mark = tmp_path / "killed-once"
    write_module(module_dir, "a_kills", KILLS.replace("MARK_PATH", repr(str(mark))))
    write_module(module_dir, "quick", QUICK)
    settings = RunSettings(jobs=2, timeout=60, executor=executor)
    report = verify_paths([str(module_dir)], settings)
    assert mark.read_text() == "killed", "a worker was killed mid-run"
    assert report.complete
    quick = {f"quick.quick_{k}": "PROVED" for k in range(4)}
    assert _statuses(report) == {"a_kills.kills_its_worker": "PROVED", **quick}
    assert report.retried == {"a_kills.kills_its_worker": 1}
    again = RunReport.from_json(json.loads(json.dumps(report.to_json())))
    assert again.retried == report.retried
    assert "a_kills.kills_its_worker" in markdown.render(report).split("## ")[0]
    # the next run goes on with the worker left; the nanny restarts the other when it can (Dask's doing, not
    # asserted: once in CI it did not within 180 s, after the last test here that kills a worker, which now
    # waits for two workers before it kills one, and not after)
    assert verify_paths([str(module_dir)], settings).retried == {}, "the next run on the cluster lost nothing"


@needs_dask
def test_a_cluster_without_workers_fails_the_tasks_in_one_line_instead_of_waiting_forever() -> None:
    distributed = dask_executor.load_distributed()
    quiet = {"dashboard_address": None, "scheduler_kwargs": {"dashboard_address": ":0"}}
    with distributed.LocalCluster(n_workers=0, **quiet) as cluster, distributed.Client(cluster) as client:
        executor = dask_executor.DaskExecutor(client, no_worker_seconds=2)
        out: dict[str, object] = {}
        tasks = [pool.Task(key, repr, (key,)) for key in ("a", "b", "c")]
        executor.run(tasks, 2, 30.0, 0, lambda t, value: out.__setitem__(t.key, value))
    assert sorted(out) == ["a", "b", "c"], "every task is accounted for"
    for value in out.values():
        assert isinstance(value, pool.Failure) and value.kind is pool.FailureKind.TIMEOUT, "UNKNOWN, never cached"
        assert "had no worker for 2 s" in value.message


def test_a_remote_worker_that_could_differ_is_refused_in_one_line() -> None:
    here = {"engine": run_cache.engine_fingerprint(), "libraries": run_cache.versions()}
    good = {"version": dask_executor.__version__, "hashseed": "0", "daemon": False, **here}
    dask_executor.check_workers({"tcp://a:1": good}, "0")
    older = here["libraries"].replace("; sympy ", "; sympy 0.1 (was ")
    cases = {
        "daemon": ({**good, "daemon": True}, "DASK_DISTRIBUTED__WORKER__DAEMON=False"),
        "seed": ({**good, "hashseed": "6640"}, "PYTHONHASHSEED=6640, this run 0"),
        "version": ({**good, "version": "0.0.1"}, "runs verifier 0.0.1"),
        # the same version string, another sympy, or SYMPY_USE_CACHE=no (verdicts at the budget's edge move), or
        # edited sources: its verdicts would be cached under this run's key
        "library": ({**good, "engine": "x", "libraries": older}, "it has sympy 0.1 (was "),
        "sources": ({**good, "engine": "x"}, "its verifier sources differ"),
        # named file by file, as read now: an edit after the worker started, or another checkout
        "a file": (
            {**good, "engine": "x", "sources": {**run_cache.source_digests(), "run/pool.py": "0" * 64}},
            "its verifier sources differ: run/pool.py",
        ),
        "the same now": (
            {**good, "engine": "x", "sources": run_cache.source_digests()},
            "differ from this run's when it started; they read the same now",
        ),
    }
    for fact, expected in cases.values():
        with pytest.raises(dask_executor.ClusterError, match="tcp://b:2") as err:
            dask_executor.check_workers({"tcp://a:1": good, "tcp://b:2": fact}, "0")
        assert expected in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(dask_executor.ClusterError, match="no workers"):
        dask_executor.check_workers({}, "0")


WORKER_FINGERPRINT = "from verifier.run import cache; print(cache.engine_fingerprint()); print(cache.versions())"


def test_a_worker_is_compared_at_the_runs_hash_seed_whatever_this_process_keyed_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A LocalCluster's nannies leave PYTHONHASHSEED=0 in the process that starts them. A process started without it
    (pytest's workers, a notebook) that had keyed a verdict before then refused its own local workers: "runs another
    engine than this run (its verifier sources differ)" (benchmarks/tests/test_bench_dask.py, once in a full run)."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"}
    done = subprocess.run([sys.executable, "-c", WORKER_FINGERPRINT], capture_output=True, text=True, env=env)
    engine, libraries = done.stdout.splitlines()
    worker = {"version": dask_executor.__version__, "hashseed": "0", "daemon": False}
    monkeypatch.delenv("PYTHONHASHSEED", raising=False)
    run_cache.engine_fingerprint()  # a key made before the cluster started
    monkeypatch.setenv("PYTHONHASHSEED", "0")  # as the nannies leave it
    dask_executor.check_workers({"tcp://a:1": {**worker, "engine": engine, "libraries": libraries}}, "0")


def _claim(name: str) -> ClaimResult:
    return ClaimResult(name, "d", "identity", "x = x", Expect.HOLDS, Status.PROVED, "proved")


def test_retried_claims_survive_a_merge_and_show_in_every_format() -> None:
    a = RunReport([_claim("one")], 0, 200, 1.0, retried={"d.one": 2})
    b = RunReport([_claim("two")], 0, 200, 1.0)
    merged = merge([("a.json", a), ("b.json", b)])
    assert merged.retried == {"d.one": 2}
    assert "retried" not in b.to_json(), "a run that lost no worker says nothing"
    console = Console(file=io.StringIO(), width=200, no_color=True)
    terminal.render(console, merged)
    for text in (console.file.getvalue(), markdown.render(merged), html.render(merged)):  # type: ignore[attr-defined]
        assert "re-run after their worker was lost" in text and "d.one (2×)" in text
    assert "re-run after its worker was lost" in junit.render(merged).split('name="two"')[0]


def test_without_dask_the_cluster_options_say_what_to_install(tmp_path: Path, module_dir: Path) -> None:
    blocked = tmp_path / "no_dask" / "distributed"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text('raise ImportError("no module named distributed")\n')
    write_module(module_dir, "quick", QUICK)
    proc = subprocess.run(
        [sys.executable, "-m", "verifier", "verify-all", str(module_dir), "--dask-local", "2"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={
            "NO_COLOR": "1",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": f"{blocked.parent}:{ROOT}",
            "XDG_CACHE_HOME": CACHE_HOME,
        },
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    error = [line for line in proc.stdout.splitlines() if line.startswith("error:")]
    assert error == ['error: a Dask cluster needs the [dask] extra: pip install ".[dask]"']


def _budget_stops_the_work() -> bool:
    budget.start_claim()
    try:
        with budget.budget(3):
            junk = [[k] for k in range(10**6)]  # some 1,400 heartbeats of allocations
        return not junk
    except budget.BudgetExceeded:
        return True


def test_a_claim_forked_from_a_worker_thread_keeps_its_work_budget() -> None:
    """A Dask worker runs tasks in a thread; the child it forks must still be stopped by the budget,
    also when this process metered work before (the child drops the parent's gc hooks, then re-adds its own)."""
    budget.start_claim()
    out: list[object] = []
    task = pool.Task("budget", _budget_stops_the_work, ())
    thread = threading.Thread(target=pool.run, args=([task], 1, 60.0, 0, lambda t, value: out.append(value)))
    thread.start()
    thread.join()
    assert out == [True]


KILL_ON_FIRST_IMPORT = """
import os, pathlib, signal, time
if not pathlib.Path(MARK).exists():
    pathlib.Path(MARK).write_text("killed")
    os.kill(os.getppid(), signal.SIGKILL)  # the Dask worker that forked this import
    time.sleep(600)
"""


def _grade_rows(report: Any) -> dict[str, list[tuple[str, str]]]:
    return {r.student: [(g.reference, g.status) for g in r.grades] for r in report.rows}


@needs_dask
def test_a_course_graded_on_the_cluster_gets_the_local_grades_and_survives_a_killed_worker(
    executor: dask_executor.DaskExecutor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`verifier grade` on the cluster: both phases (reading in the sandbox, verifying) run on the workers.
    A worker that dies while it reads a submission loses nothing: the task runs again, every row is the same,
    and the report names the task. (The death is the trusted submission's own doing, on its first import:
    a kill from outside could land between two short tasks, and kill nothing that was running.)"""
    from tests.fixtures.course import module_with, write_course
    from verifier.grading.grade import GradeSettings, grade

    variants = ("correct", "wrong_gradient", "missing_claim", "renamed", "syntax_error")
    write_course(tmp_path, len(variants), only=variants)
    args = (str(tmp_path / "submissions"), str(tmp_path / "reference.py"))
    engine = EngineSettings(samples=20)
    trust = sandbox.unavailable() is not None
    local = grade(*args, GradeSettings(RunSettings(engine=engine, jobs=2, timeout=120), trust=trust))
    on_cluster = GradeSettings(RunSettings(engine=engine, jobs=2, timeout=120, executor=executor), trust=trust)
    remote = grade(*args, on_cluster)
    assert remote.complete and remote.retried == {}
    assert _grade_rows(remote) == _grade_rows(local)
    assert [r.problem for r in remote.rows] == [r.problem for r in local.rows]
    assert _grade_rows(local)["s002_wrong_gradient"][0] == ("gradient", "REFUTED")

    mark = tmp_path / "killed-once"
    executor.client.wait_for_workers(2, timeout=180)  # the one the submission kills is not the last (see above)
    killer = tmp_path / "submissions" / "s006_kills_its_worker"
    killer.mkdir()
    (killer / "ridge.py").write_text(module_with(KILL_ON_FIRST_IMPORT.replace("MARK", repr(str(mark)))))
    monkeypatch.setattr(sandbox, "unavailable", lambda: "switched off here: the submission must see its worker")
    report = grade(*args, dataclasses.replace(on_cluster, trust=True))
    assert mark.read_text() == "killed", "a worker died while it read a submission"
    rows = _grade_rows(report)
    assert report.complete and rows.pop("s006_kills_its_worker") == rows["s001_correct"]
    assert rows == _grade_rows(local)
    # the killer's read is retried once; a task that happened to run on the same worker when it died (a claim of
    # another student, under load) is retried once too, and its verdict is the local one (rows above)
    assert report.retried.get("read s006_kills_its_worker") == 1 and set(report.retried.values()) == {1}
    assert GradeReport.from_json(json.loads(json.dumps(report.to_json()))).retried == report.retried


@contextlib.contextmanager
def _remote_cluster(tmp_path: Path) -> Iterator[str]:
    """A scheduler and one worker started as separate commands, the worker as the CI how-to says (docs/how-to)."""
    info = tmp_path / "scheduler.json"
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT)}
    start = [sys.executable, "-m", "dask"]
    scheduler = subprocess.Popen([*start, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                  "--scheduler-file", str(info)], env=env, stderr=subprocess.DEVNULL)  # fmt: skip
    worker = None
    try:
        for _ in range(300):
            if info.exists() and info.stat().st_size:
                break
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        worker = subprocess.Popen([*start, "worker", "--no-nanny", "--nthreads", "1", address], env=env,
                                  stderr=subprocess.DEVNULL)  # fmt: skip
        yield address
    finally:
        for proc in (worker, scheduler):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=30)


@needs_dask
def test_a_remote_scheduler_serves_verify_all_and_grade(tmp_path: Path, module_dir: Path) -> None:
    """--scheduler ADDRESS against a scheduler and a worker started by hand (PYTHONHASHSEED=0 dask worker
    --no-nanny --nthreads 1 ADDRESS), as a separate machine would run them."""
    from tests.fixtures.course import write_course

    write_module(module_dir, "quick", QUICK)
    write_course(tmp_path / "course", 2, only=("correct", "wrong_gradient"))
    course = tmp_path / "course"
    with _remote_cluster(tmp_path) as address:
        verified = run_cli("verify-all", str(module_dir), "--scheduler", address, "--no-cache", cwd=tmp_path)
        graded = run_cli("grade", str(course / "submissions"), "--against", str(course / "reference.py"),
                         "--scheduler", address, "--samples", "20", "--trust-submissions", cwd=tmp_path)  # fmt: skip
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert f"on the Dask cluster at {address}: 1 worker, 1 thread" in verified.stdout
    assert "4 claims: 4 PROVED" in verified.stdout
    assert graded.returncode == 1, graded.stdout + graded.stderr
    assert "s001_correct" in graded.stdout and "2 students: 1 with full marks" in unwrapped(graded.stdout)
