"""A claim's verdict, proved n and work counts are the same alone, in a full run of its file and in a shard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support import claims_by_name, run_cli

FILES = ["derivations/autograd_binary.py", "derivations/linear_algebra.py", "derivations/newton.py"]
# linear_algebra.am_gm_trace_determinant was left out until its proof at n = 3 (about 290 of its 300 heartbeats)
# fell on either side of its budget between a run alone and a full run: the count moved with the size of the
# process the claim started in (tests/strategies/test_budget.py). The whole library is compared whole against
# shards in CI (`.ci/run`, `--same-work`); this test adds the run alone.
CLAIMS = [
    "linear_algebra.am_gm_trace_determinant",
    "linear_algebra.frobenius_bounds_trace",
    "linear_algebra.am_gm_general_matrix",
    "autograd_binary.pow_rule_base",
    "autograd_binary.hypot_rule",
    "newton.error_map",
]


def _facts(claim: dict[str, Any]) -> tuple[object, ...]:
    """What must not move: the verdict, the proved n, and the work each proof took."""
    work = [(p["n"], p["work"]) for p in claim["evidence"]["proofs"]]
    return claim["status"], claim["proved_n"], work


def _run(tmp_path: Path, name: str, *args: str) -> dict[str, Any]:
    out = tmp_path / f"{name}.json"
    done = run_cli(*args, "--no-cache", "--jobs", "2", "--json", str(out), timeout=900)
    assert out.exists(), done.stdout + done.stderr
    return {f"{c['derivation']}.{c['name']}": c for c in claims_by_name(out).values()}


@pytest.mark.slow
def test_verdicts_and_work_counts_do_not_depend_on_the_run(tmp_path: Path) -> None:
    full = _run(tmp_path, "full", "verify-all", *FILES)
    assert set(CLAIMS) <= set(full), sorted(full)
    shard = _run(tmp_path, "shard", "verify-all", *FILES, "--shard", "1/2")
    in_shard = [key for key in CLAIMS if key in shard]
    assert in_shard, "the shard holds some of the claims"
    for key in CLAIMS:
        alone = _run(tmp_path, key, "check", key)[key]
        assert _facts(alone) == _facts(full[key]), f"{key}: alone vs in a full run"
        if key in shard:
            assert _facts(shard[key]) == _facts(full[key]), f"{key}: in a shard vs in a full run"
    assert any(_facts(full[key])[2] for key in CLAIMS), "some proofs report their work"
