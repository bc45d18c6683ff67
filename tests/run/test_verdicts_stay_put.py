"""A claim's verdict, proved n and work counts are the same alone as in the committed baseline.

The baseline (tests/data/baseline.json) is merged from two shards of the library, and CI compares one whole run
of the library against it with `--same-work` (`.ci/run`): so alone = in a shard = in a full run. This test adds the
run alone, one `verifier check` per claim, against that baseline; it no longer runs the three files whole and in a
shard itself (20 s of CPU that CI's own whole run repeats).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support import ROOT, claims_by_name, run_cli

BASELINE = ROOT / "tests" / "data" / "baseline.json"
# linear_algebra.am_gm_trace_determinant was left out while its proof at n = 3 (then about 290 of its 300
# heartbeats) fell on either side of its budget between a run alone and a full run: the count moved with the size of
# the process the claim started in (tests/strategies/test_budget.py).
CLAIMS = [
    "linear_algebra.am_gm_trace_determinant",
    "linear_algebra.frobenius_bounds_trace",
    "linear_algebra.am_gm_general_matrix",
    "autograd_binary.pow_rule_base",
    "autograd_binary.hypot_rule",
    "newton.error_map",
]


def _facts(claim: dict[str, Any]) -> tuple[object, ...]:
    """What must not move, from a report: the verdict, the proved n, and the work each proof took."""
    work = [[p["n"], p["work"]] for p in claim["evidence"]["proofs"]]
    return claim["status"], claim["proved_n"], work


def _baseline_facts(entry: dict[str, Any]) -> tuple[object, ...]:
    return entry["status"], entry["proved_n"], entry["work"]


def _alone(tmp_path: Path, key: str) -> dict[str, Any]:
    out = tmp_path / f"{key}.json"
    done = run_cli("check", key, "--no-cache", "--jobs", "2", "--json", str(out), timeout=900)
    assert out.exists(), done.stdout + done.stderr
    return {f"{c['derivation']}.{c['name']}": c for c in claims_by_name(out).values()}[key]


@pytest.mark.slow
def test_verdicts_and_work_counts_alone_are_the_baselines(tmp_path: Path) -> None:
    baseline = json.loads(BASELINE.read_text())["claims"]
    assert set(CLAIMS) <= set(baseline), sorted(set(CLAIMS) - set(baseline))
    for key in CLAIMS:
        assert _facts(_alone(tmp_path, key)) == _baseline_facts(baseline[key]), f"{key}: alone vs the baseline"
    assert any(work for key in CLAIMS for _, work in baseline[key]["work"]), "some proofs take work"
