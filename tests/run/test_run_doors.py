"""Every door hands its claims to `Session.verify`: the runner, the pytest plugin, `verifier.api`, grading (on the
local pool, and on a cluster) and the page. Each door runs here on a small input with `Session.verify` watched
(a log file, so that a session in a forked worker is seen too): the door's sources reach it, with the door's
executor, and the door's verdicts are the engine's."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.serve.support import RIGHT, SLIP, play_dispatcher
from tests.support import write_module
from verifier import api
from verifier.engine import EngineSettings
from verifier.grading import grade
from verifier.outcome import Status
from verifier.run import session
from verifier.run.executor import LocalPool, OnDone
from verifier.run.runner import RunSettings, verify_paths
from verifier.run.session import ClaimSource, OnResult
from verifier.serve.settings import ServeSettings

MODULE = """
import sympy as sp
from verifier import Identity, Real, claim

x = sp.Symbol("x")


@claim()
def square() -> Identity:
    \"\"\"(x + 1)² = x² + 2x + 1.\"\"\"
    return Identity((x + 1) ** 2, x**2 + 2 * x + 1, where={x: Real()})


@claim()
def dream() -> Identity:
    \"\"\"(x + 1)² = x² + 1.\"\"\"
    return Identity((x + 1) ** 2, x**2 + 1, where={x: Real()})
"""
SETTINGS = EngineSettings(samples=30)
Calls = list[tuple[str, list[str]]]


@pytest.fixture
def sessions(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Where each call of Session.verify is logged, as [its executor's type, its sources' keys], in any process."""
    log = tmp_path / "sessions.jsonl"
    verify = session.Session.verify

    def watched(self: session.Session, sources: list[ClaimSource], *args: OnResult) -> Any:
        with log.open("a") as out:
            out.write(json.dumps([type(self.executor).__name__, [s.key for s in sources]]) + "\n")
        return verify(self, sources, *args)

    monkeypatch.setattr(session.Session, "verify", watched)
    return log


def calls(log: Path) -> Calls:
    return [(kind, keys) for kind, keys in map(json.loads, log.read_text().splitlines())] if log.exists() else []


@pytest.fixture
def module(tmp_path: Path) -> str:
    return str(write_module(tmp_path, "mine", MODULE))


def test_the_runner(sessions: Path, module: str) -> None:
    report = verify_paths([module], RunSettings(engine=SETTINGS, jobs=2))
    assert [(r.name, r.status) for r in report.results] == [("square", Status.PROVED), ("dream", Status.REFUTED)]
    assert calls(sessions) == [("LocalPool", [f"{module}::square", f"{module}::dream"])]


def test_the_pytest_plugin(sessions: Path, module: str) -> None:
    """The plugin hands its items to a clean process of the session's, which runs `zygote.verify_run` (a process
    this test cannot watch: here a stand-in runs the call in this process)."""
    from verifier.cli.pytest_plugin import RUNNER, verify_items
    from verifier.run import zygote

    made: list[object] = []

    class InThisProcess:
        def call(self, fn: Any, *args: Any) -> Any:
            made.append(fn)
            return fn(*args)

    option = SimpleNamespace(derivation_no_cache=True, derivation_cache_dir="", derivation_jobs=1,
                             derivation_seed=0, derivation_samples=30)  # fmt: skip
    items = [SimpleNamespace(source=module, claim="dream")]
    found = verify_items(items, SimpleNamespace(option=option, stash={RUNNER: InThisProcess()}))  # type: ignore[arg-type]
    assert found[module, "dream"].status is Status.REFUTED
    assert made == [zygote.verify_run]
    assert calls(sessions) == [("LocalPool", [f"{module}::dream"])]


def test_the_api(sessions: Path, module: str) -> None:
    assert [r.status for r in api.verify(module, samples=30)] == [Status.PROVED, Status.REFUTED]  # type: ignore[union-attr]
    assert calls(sessions) == [("NoneType", [f"{module}::square", f"{module}::dream"])]


class Elsewhere:
    """The local pool under another type: grading takes its cluster path (all students read, then all verified)."""

    def __init__(self) -> None:
        self.local = LocalPool()

    def run(self, tasks: list[Any], jobs: int, timeout: float, memory_mb: int, on_done: OnDone) -> None:
        self.local.run(tasks, jobs, timeout, memory_mb, on_done)

    def reruns(self) -> dict[str, int]:
        return {}

    def release(self) -> None:
        self.local.release()


@pytest.mark.parametrize("executor", [LocalPool, Elsewhere])
def test_grading(sessions: Path, tmp_path: Path, executor: type) -> None:
    (tmp_path / "reference.md").write_text(RIGHT)
    for student, text in (("s1_right", RIGHT), ("s2_slip", SLIP)):
        (tmp_path / "subs" / student).mkdir(parents=True)
        (tmp_path / "subs" / student / "answer.md").write_text(text)
    run = RunSettings(engine=SETTINGS, jobs=2, executor=executor())
    report = grade.grade(str(tmp_path / "subs"), str(tmp_path / "reference.md"), grade.GradeSettings(run=run))
    assert {r.student: [g.status.value for g in r.grades] for r in report.rows} == {
        "s1_right": ["PROVED"],
        "s2_slip": ["REFUTED"],
    }
    if executor is LocalPool:  # each student's claim queued on the verifying lane as soon as the student is read
        assert sorted(calls(sessions)) == [("Queued", ["s1_right::square"]), ("Queued", ["s2_slip::square"])]
    else:
        assert calls(sessions) == [("Elsewhere", ["s1_right::square", "s2_slip::square"])]


def test_the_page(sessions: Path) -> None:
    ended, events = play_dispatcher(SLIP, ServeSettings(samples=30))
    assert ended == "verified"
    assert [e["result"]["status"] for e in events if e["kind"] == "chain"] == ["REFUTED"]
    assert calls(sessions) == [("Turns", ["square"])]  # in the request's worker, forked as the dispatcher forks it
