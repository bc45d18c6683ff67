"""The benchmark's Dask section on a tiny input: both sides measured, a killed worker, the shards (the [dask] extra)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.fixtures.modules import QUICK
from tests.support import ROOT, write_module

pytestmark = [pytest.mark.slow]

needs_dask = pytest.mark.skipif(
    importlib.util.find_spec("distributed") is None, reason='Dask is not installed: pip install ".[dask]"'
)


@needs_dask
def test_the_bench_section_measures_both_sides_and_a_killed_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks import cluster
    from benchmarks.config import BenchConfig
    from benchmarks.targets import TargetStatus

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    module = write_module(tmp_path, "quick", QUICK)
    config = BenchConfig(
        quick=True,
        sections=("dask",),
        verify_paths=(str(module),),
        verify_timeout=120,
        dask_trivial_claims=4,
        dask_kill_claims=4,
        dask_kill_wait=0.3,
    )
    section = cluster.bench_dask(config, lambda line: None)
    assert section.status == "ok", section.detail
    assert [t.claims for t in section.library] == [4, 4] and not section.status_changes
    assert all(t.rate and t.run.exit_code == 0 for t in section.library)
    assert section.library[1].run.summary.startswith("4 claims: 4 PROVED"), "verify-all --dask-local 2, as typed"
    kill = section.kill
    assert kill is not None and kill.complete and kill.accounted == 4
    assert list(kill.retried.values()) == [1] and kill.killed_claim in kill.retried
    assert cluster.target(section).status is TargetStatus.MET
    shards = section.shards
    assert shards is not None and sum(shards.claims) == 4 == shards.merged and shards.met
    assert cluster.target_shards(section).status is TargetStatus.MET
    text = "\n".join(cluster.render_section(json.loads(json.dumps(section.to_json()))))
    assert text.startswith(cluster.TITLE) and f"{kill.killed_claim} (1×)" in text
    assert "statuses identical to the unsharded local run" in text
