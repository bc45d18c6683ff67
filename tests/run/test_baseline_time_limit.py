"""A claim stopped by the wall-clock safety net is reported apart from a regression, and never cached; moved work
is a regression only with --same-work."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from verifier.outcome import ClaimResult, Expect, RunReport, Status
from verifier.run import baseline


def _result(name: str, status: Status, time_limited: bool = False) -> ClaimResult:
    return ClaimResult(name, "d", "identity", "", Expect.HOLDS, status, reason="", time_limited=time_limited)


def test_a_time_limited_claim_is_listed_apart_and_is_not_a_regression() -> None:
    before = RunReport([_result("a", Status.PROVED), _result("b", Status.PROVED)], 0, 200, 1.0)
    after = RunReport([_result("a", Status.UNKNOWN, time_limited=True), _result("b", Status.CHECKED)], 0, 200, 1.0)
    changes = {c.key: c for c in baseline.compare(baseline.snapshot(before)["claims"], after)}
    assert changes["d.a"].time_limited and not changes["d.a"].regression
    assert "time limit" in changes["d.a"].why
    assert changes["d.b"].regression and not changes["d.b"].time_limited, "a real weakening still fails CI"


HANG = """
import sympy as sp
from verifier import Identity, Real, claim


def _spin(values):
    while True:
        pass


class Spin(sp.Function):
    _imp_ = staticmethod(_spin)


@claim()
def forever():
    x = sp.Symbol("x")
    return Identity(Spin(x), Spin(x), where={x: Real()})


@claim()
def fine():
    x = sp.Symbol("x")
    return Identity(x, x, where={x: Real()})
"""


@pytest.mark.slow
def test_the_runner_never_caches_a_time_limited_result(tmp_path: Path) -> None:
    from verifier.run.runner import RunSettings, verify_paths

    module = tmp_path / "hang.py"
    module.write_text(HANG)
    cache_dir = tmp_path / "cache"
    settings = RunSettings(jobs=2, timeout=4, load_timeout=4, cache_dir=cache_dir)
    report = verify_paths([str(module)], settings)
    by_name = {r.name: r for r in report.results}
    assert by_name["forever"].time_limited and by_name["forever"].status is Status.UNKNOWN
    assert by_name["fine"].status is Status.PROVED and not by_name["fine"].time_limited
    cached = [p.read_text() for p in (cache_dir / "results").rglob("*.json")]
    assert len(cached) == 1 and '"fine"' in cached[0], "the finished claim is cached, the time-limited one is not"


def _proved(work: int) -> ClaimResult:
    from verifier.outcome import ProofEvidence

    proof = ProofEvidence(n=3, rule="zero", rung="expand", seconds=0.1, work=work)
    return dataclasses.replace(_result("a", Status.PROVED), proved_n=[3], proofs=[proof])


def test_moved_work_is_a_regression_only_when_asked_and_names_the_n() -> None:
    before = baseline.snapshot(RunReport([_proved(290)], 0, 200, 1.0))["claims"]
    after = RunReport([_proved(289)], 0, 200, 1.0)
    assert baseline.compare(before, after) == [], "an engine upgrade moves work: not a regression by default"
    (change,) = baseline.compare(before, after, same_work=True)
    assert change.regression and "n = 3: 290 → 289" in change.why
    assert baseline.compare(before, RunReport([_proved(290)], 0, 200, 1.0), same_work=True) == []
    del before["d.a"]["work"]  # a baseline written before work was recorded
    assert baseline.compare(before, after, same_work=True) == []
