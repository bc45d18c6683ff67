"""Sharded runs merged with `verifier merge` give what one whole run gives, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import run_cli, write_module
from verifier.outcome import ClaimResult, Expect, RunReport, ShardInfo, Status
from verifier.run import merge

BOUNDS = '''
"""Two bounds, a corollary that cites both, and a quadratic's gradient (right and wrong)."""
import sympy as sp
from verifier import Corollary, Derivative, Inequality, Real, claim
from verifier.language.mathlib import matrix, vector

@claim(n=range(1, 3))
def quadratic_gradient(n):
    """∂(xᵀAx)/∂x = (A + Aᵀ)x."""
    x, A = vector("x", n), matrix("A", n)
    return Derivative((x.T * A * x)[0, 0], wrt=x, equals=(A + A.T) * x, where={x: Real(), A: Real()})

@claim(n=range(1, 3), expect="refuted")
def shortcut(n):
    """Wrong for non-symmetric A: ∂(xᵀAx)/∂x = 2Ax."""
    x, A = vector("x", n), matrix("A", n)
    return Derivative((x.T * A * x)[0, 0], wrt=x, equals=2 * A * x, where={x: Real(), A: Real()})

@claim()
def square_nonneg():
    """x² ≥ 0."""
    x = sp.Symbol("x")
    return Inequality(x**2, ">=", sp.Integer(0), where={x: Real()})

@claim()
def square_plus_one_positive():
    """x² + 1 > 0."""
    x = sp.Symbol("x")
    return Inequality(x**2 + 1, ">", sp.Integer(0), where={x: Real()})

@claim()
def z_both_bounds():
    """x² + 2 > 0."""
    x = sp.Symbol("x")
    return Corollary(
        of=("square_nonneg", "square_plus_one_positive"),
        because="x² ≥ 0 and 2 > 0",
        states=Inequality(x**2 + 2, ">", sp.Integer(0), where={x: Real()}),
    )
'''

BROKEN = '''
"""A module with a syntax error."""
import sympy as sp

def f(:
    pass
'''


def _statuses(path: Path) -> dict[str, tuple[str, bool, str]]:
    return {f"{c['derivation']}.{c['name']}": (c["status"], c["met"], c["reason"]) for c in _claims(path)}


def _claims(path: Path) -> list[dict[str, object]]:
    claims: list[dict[str, object]] = json.loads(path.read_text())["claims"]
    return claims


@pytest.mark.slow
def test_shards_merged_equal_one_whole_run(module_dir: Path, tmp_path: Path) -> None:
    write_module(module_dir, "bounds", BOUNDS)
    write_module(module_dir, "broken", BROKEN)
    run = ("verify-all", str(module_dir), "--samples", "40", "--jobs", "1", "--no-cache", "--no-color")
    base = tmp_path / "baseline.json"
    # the whole run records the baseline as it writes its report: one run, not a second one for the baseline
    whole = run_cli(*run, "--json", str(tmp_path / "whole.json"), "--baseline", str(base), "--update-baseline",
                    cwd=tmp_path)  # fmt: skip
    assert whole.returncode == 1 and "syntax error at line 4" in whole.stdout, whole.stdout + whole.stderr
    recorded = json.loads(base.read_text())
    assert all("cost" in entry for entry in recorded["claims"].values())
    for entry in recorded["claims"].values():  # the measured costs depend on the machine's load: pin them, so
        entry["cost"] = 1.0  # the cut (by name on equal costs) parts the corollary from the claims it cites
    base.write_text(json.dumps(recorded))
    shards = [tmp_path / f"shard-{i}.json" for i in (1, 2, 3)]
    for i, out in enumerate(shards, start=1):
        proc = run_cli(*run, "--shard", f"{i}/3", "--baseline", str(base), "--json", str(out), cwd=tmp_path)
        assert f"shard {i}/3: " in proc.stdout and "no changes" in proc.stdout, proc.stdout + proc.stderr
        assert proc.returncode == (1 if "broken.<module>" in _statuses(out) else 0)
    dealt = [set(_statuses(out)) for out in shards]
    assert sum(len(d) for d in dealt) == 6 and set().union(*dealt) == set(_statuses(tmp_path / "whole.json"))
    corollary = next(d for d in dealt if "bounds.z_both_bounds" in d)
    assert not {"bounds.square_nonneg", "bounds.square_plus_one_positive"} <= corollary, "cites across shards"

    merged = tmp_path / "merged"
    proc = run_cli(
        "merge",
        *map(str, reversed(shards)),
        "--baseline",
        str(base),
        "--json",
        str(merged / "m.json"),
        "--markdown",
        str(merged / "m.md"),
        "--junit",
        str(merged / "m.xml"),
        "--html",
        str(merged / "m.html"),
        "--no-color",
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr  # the broken module: not met, as in the whole run
    assert "no changes" in proc.stdout and "6 claims: 4 PROVED, 1 REFUTED, 1 ERROR" in proc.stdout
    assert _statuses(merged / "m.json") == _statuses(tmp_path / "whole.json")
    assert [c["name"] for c in _claims(merged / "m.json")] == [c["name"] for c in _claims(tmp_path / "whole.json")]
    assert (merged / "m.md").read_text().count("## bounds") == 1, "one section per derivation, as in a whole run"
    assert "z_both_bounds" in (merged / "m.html").read_text() and "testsuite" in (merged / "m.xml").read_text()

    refused = run_cli("merge", str(shards[0]), str(shards[1]), str(tmp_path / "whole.json"), cwd=tmp_path)
    assert refused.returncode == 2 and len(refused.stdout.strip().splitlines()) == 1
    assert "appears in both" in refused.stdout and "whole.json" in refused.stdout


@pytest.mark.slow
def test_bad_shard_values_and_missing_reports_are_one_line_usage_errors(tmp_path: Path) -> None:
    bad = run_cli("verify-all", "--shard", "5/4", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stdout.strip() == "error: --shard '5/4': I must be between 1 and N (N ≥ 1), for example 2/4"
    nowhere = tmp_path / "nowhere.json"
    missing = run_cli("merge", str(nowhere), cwd=tmp_path)
    assert missing.returncode == 2 and missing.stdout.strip() == f"error: {nowhere}: no such report file"
    (tmp_path / "cut.json").write_text('{"schema_version": 1, "claims": [')
    malformed = run_cli("merge", str(tmp_path / "cut.json"), cwd=tmp_path)
    assert malformed.returncode == 2 and "cut.json: not JSON (line 1" in malformed.stdout
    assert len(malformed.stdout.strip().splitlines()) == 1


def test_check_names_the_syntax_error_of_a_file(module_dir: Path) -> None:
    path = write_module(module_dir, "broken", BROKEN)
    proc = run_cli("check", str(path), "--no-color")
    assert proc.returncode == 1, proc.stdout + proc.stderr  # an ERROR verdict, as verify-all gives it
    assert f"{path}: syntax error at line 4: invalid syntax" in " ".join(proc.stdout.split())  # wrapped at 80
    assert "no claim matches" not in proc.stdout


def _report(keys: list[str], shard: ShardInfo | None = None, seed: int = 0) -> RunReport:
    results = []
    for key in keys:
        derivation, name = key.split(".")
        results.append(ClaimResult(name, derivation, "identity", "", Expect.HOLDS, Status.PROVED, "proved"))
    return RunReport(results, seed, 200, 1.0, engine_version="0.1.0", shard=shard)


def test_merge_refuses_reports_of_different_runs() -> None:
    claims = ("d.a", "d.b", "d.c")
    one, two, other = ShardInfo(1, 2, "cut", claims), ShardInfo(2, 2, "cut", claims), ShardInfo(2, 2, "o", claims)
    merged = merge.merge([("2.json", _report(["d.b"], two)), ("1.json", _report(["d.a", "d.c"], one))])
    assert [r.key for r in merged.results] == ["d.a", "d.b", "d.c"] and merged.shard is None
    cases = {
        "claim d.a appears in both x.json and y.json": [("x.json", _report(["d.a"])), ("y.json", _report(["d.a"]))],
        "y.json: seed 1, but x.json has 0": [("x.json", _report(["d.a"])), ("y.json", _report(["d.b"], seed=1))],
        "shard 2/2 missing": [("x.json", _report(["d.a"], one))],
        "x.json and y.json are both shard 1/2": [("x.json", _report(["d.a"], one)), ("y.json", _report([], one))],
        "y.json is shard 2/2 of another partition": [("x.json", _report(["d.a"], one)), ("y.json", _report([], other))],
        "y.json is a whole run but x.json is shard 1/2": [("x.json", _report(["d.a"], one)), ("y.json", _report([]))],
    }
    for message, reports in cases.items():
        with pytest.raises(merge.MergeError, match=message.replace(".", r"\.")):
            merge.merge(reports)


def test_merge_reads_only_reports_of_its_schema(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps({**_report(["d.a"]).to_json(), "schema_version": 99}))
    with pytest.raises(merge.MergeError, match=r"r\.json: report schema version 99"):
        merge.read_report(str(path))
    path.write_text(json.dumps({**_report(["d.a"]).to_json(), "claims": [{"name": "a"}]}))
    with pytest.raises(merge.MergeError, match=r"r\.json: malformed report"):
        merge.read_report(str(path))
