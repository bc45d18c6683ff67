"""The session every door verifies through: sources in, results out, and one way a failure becomes a result."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mpmath
import pytest
import sympy as sp

from verifier import Identity, Real, claim
from verifier.engine import EngineSettings
from verifier.language.families import ClaimFamily
from verifier.outcome import ClaimResult, Status
from verifier.run import pool, session
from verifier.run.executor import LocalPool

x = sp.Symbol("x")


@claim()
def square() -> Identity:
    """(x + 1)² = x² + 2x + 1."""
    return Identity((x + 1) ** 2, x**2 + 2 * x + 1, where={x: Real()})


@claim()
def dream() -> Identity:
    """(x + 1)² = x² + 1."""
    return Identity((x + 1) ** 2, x**2 + 1, where={x: Real()})


SETTINGS = EngineSettings(samples=30)


def test_a_time_limit_is_unknown_and_any_other_failure_an_error() -> None:
    limit = pool.Failure(pool.FailureKind.TIMEOUT, "stopped by the time limit after 5 s\nwhere it was")
    timed = session.failure_result(limit, "d.py", "d", "c", "d.py::c: ", 5.5, statement="s")
    assert (timed.status, timed.time_limited, timed.seconds, timed.statement) == (Status.UNKNOWN, True, 5.5, "s")
    assert timed.reason == "d.py::c: stopped by the time limit after 5 s" and timed.detail == ""
    died = session.failure_result(
        pool.Failure(pool.FailureKind.DIED, "worker died\nstack"), "d.py", "d", "c", "", verbose=True
    )
    assert (died.status, died.time_limited, died.reason, died.detail) == (
        Status.ERROR,
        False,
        "worker died",
        "worker died\nstack",
    )
    assert not died.met and died.key == "d.c"


def test_a_diagnosis_stops_in_time_for_the_claims_hard_limit() -> None:
    """The diagnosis after a refutation had only its own 30 s safety net: a claim refuted close to its time limit
    (`--timeout`) lost its verdict to the time limit while the diagnosis ran (helper-129, read from the code). Where
    the claim runs under a hard limit, the diagnosis now stops at nine tenths of it, and says it was cut."""
    source = session.InProcess(dream, "mine.py")
    cut = session.verify_source(source, SETTINGS, time_limit=1e-6)  # nothing left for a diagnosis
    whole = session.verify_source(source, SETTINGS)
    assert cut.status is whole.status is Status.REFUTED
    assert cut.diagnosis_cut and not whole.diagnosis_cut


def test_a_claim_is_verified_at_mpmaths_default_precision_whatever_its_host_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A forked worker, or a notebook, inherits mpmath's precision from its host: the soundness suite's judge set
    mp.dps = 60 for good, so its workers verified the probes at 60 digits where a user's fresh process has 15."""
    seen: list[int] = []
    real = session.engine.verify_family

    def spy(*args: Any, **kwargs: Any) -> ClaimResult:
        seen.append(mpmath.mp.prec)
        return real(*args, **kwargs)

    monkeypatch.setattr(session.engine, "verify_family", spy)
    with mpmath.workdps(60):
        result = session.verify_source(session.InProcess(square, "mine.py"), SETTINGS)
        assert mpmath.mp.dps == 60, "the host's precision is its own again afterwards"
    assert seen == [53] and result.status is Status.PROVED


def test_workers_are_told_the_hard_limit_their_claims_run_under() -> None:
    runs: list[list[pool.Task]] = []

    class Recorder(LocalPool):
        def run(self, tasks: list[pool.Task], *args: object, **kwargs: object) -> None:  # type: ignore[override]
            runs.append(tasks)

    session.Session(SETTINGS, Recorder(), timeout=7.0).verify([session.InProcess(dream, "mine.py")])
    ((task,),) = runs
    assert task.fn is session.verify_source and task.args[-1] == 7.0


def test_in_this_process_the_results_come_in_the_sources_order() -> None:
    seen: list[tuple[str, str, object]] = []
    sources = [session.InProcess(dream, "mine.py"), session.InProcess(square, "mine.py")]
    results = session.Session(SETTINGS).verify(sources, lambda s, r, f: seen.append((s.key, r.status.value, f)))
    assert [r.status for r in results] == [Status.REFUTED, Status.PROVED]
    assert [r.source for r in results] == ["mine.py", "mine.py"]
    assert seen == [("mine.py::dream", "REFUTED", None), ("mine.py::square", "PROVED", None)]


@dataclass(frozen=True)
class Dies:
    """A source whose worker ends before it reports."""

    claim: ClaimFamily
    group: None = None

    @property
    def key(self) -> str:
        return f"dies::{self.claim.name}"

    def family(self) -> tuple[ClaimFamily, str]:
        os._exit(7)

    def finish(self, family: ClaimFamily, result: ClaimResult) -> ClaimResult:
        return result

    def failed(self, failure: pool.Failure, seconds: float) -> ClaimResult:
        return session.failure_result(failure, "dies.py", "dies", self.claim.name, "dies.py: ")


def test_in_workers_a_worker_that_dies_becomes_the_sources_failure_result() -> None:
    failures: list[pool.Failure | None] = []
    run = session.Session(SETTINGS, LocalPool(), jobs=2, timeout=60)
    sources = [session.InProcess(square, "mine.py"), Dies(dream)]
    results = run.verify(sources, lambda s, r, failure: failures.append(failure))
    assert results[0].status is Status.PROVED and results[0].cpu_seconds > 0
    assert (results[1].status, results[1].reason) == (
        Status.ERROR,
        "dies.py: worker exited with code 7 before reporting",
    )
    assert sorted(f is None for f in failures) == [False, True]


@claim()
def hungry() -> Identity:
    """x = x, from a builder that runs out of memory (as under a low --memory-mb)."""
    raise MemoryError


def test_a_claim_that_ran_out_of_memory_anywhere_is_marked_and_never_cached(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A MemoryError the engine answers (an ERROR from the builder; "not shown" from a proof's rung) depends on
    --memory-mb and the machine: the result is `memory_limited` and the cache does not store it. It did: the ERROR
    "the builder ran out of memory; … raise --memory-mb" was served from the cache after --memory-mb was raised."""
    from verifier.run import cache
    from verifier.strategies import ladder

    store = cache.ResultCache(tmp_path)
    run = session.Session(SETTINGS)
    starved, fed = run.verify([session.InProcess(hungry, "mine.py"), session.InProcess(square, "mine.py")])
    assert (starved.status, starved.memory_limited, fed.status, fed.memory_limited) == (
        Status.ERROR, True, Status.PROVED, False,
    )  # fmt: skip
    assert "ran out of memory" in starved.reason

    def no_room(*args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(ladder, "_prove", no_room)
    (unproved,) = run.verify([session.InProcess(square, "mine.py")])
    assert (unproved.status, unproved.memory_limited) == (Status.CHECKED, True), "a proof's rung ran out of memory"
    for key, result in (("a", starved), ("b", unproved), ("c", fed)):
        store.put(key, result)
    assert [store.get(k, r.derivation, r.name) for k, r in (("a", starved), ("b", unproved))] == [None, None]
    assert store.get("c", fed.derivation, fed.name) is not None, "a verdict of the claim alone is cached"
