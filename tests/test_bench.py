"""`verifier bench` on tiny inputs: every section is produced, with numbers, and both reports are written.

No timing is asserted here: the speed targets live in the benchmark, never in the tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT, write_module
from verifier import bench
from verifier.cli import build_parser

TINY = '''
"""A tiny derivation for timing verify-all."""
import sympy as sp
from verifier import Identity, Real, claim

@claim()
def square():
    """(x + 1)² = x² + 2x + 1."""
    x = sp.Symbol("x")
    return Identity((x + 1) ** 2, x**2 + 2 * x + 1, where={x: Real()})
'''


def tiny_config(tmp_path: Path) -> bench.BenchConfig:
    module = write_module(tmp_path, "tiny", TINY)
    return bench.BenchConfig(
        quick=True,
        cell_timeout=30.0,
        out=str(tmp_path / "reports"),
        symbolic_n=(2,),
        numeric_n=2,
        numeric_samples=100,
        numeric_seconds=0.01,
        slow_samples=1,
        slow_seconds=2.0,
        gradient_sizes=((4, 10),),
        gradient_timeout=60.0,
        repeats=1,
        verify_paths=(str(module),),
        verify_timeout=60.0,
        jobs=1,
    )


def is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def test_tiny_bench_writes_all_four_sections(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    config = tiny_config(tmp_path)
    md, js = bench.write_reports(bench.run(config), config.out)
    data = json.loads(js.read_text())
    for section in ("symbolic", "numeric", "gradient", "verify_all", "machine", "targets"):
        assert section in data
    assert data["command"].startswith("verifier bench --quick")

    for row in data["symbolic"]["claims"]:
        if row["claim"] is not None:
            (cell,) = row["cells"]
            assert cell["n"] == 2
            assert cell["ladder"]["status"] == "decided" and is_number(cell["ladder"]["seconds"])
            assert cell["simplify"]["status"] == "decided" and is_number(cell["simplify"]["seconds"])
    assert any(row["claim"] for row in data["symbolic"]["claims"])

    for row in data["numeric"]["claims"]:
        if row["claim"] is not None:
            assert is_number(row["engine"]["rate"])
            assert is_number(row["subs"].get("rate", row["subs"].get("rate_upper")))
            assert is_number(row["ratio_subs"]["value"])

    (grad,) = data["gradient"]["rows"]
    assert grad["engine"]["status"] == "ok" and is_number(grad["engine"]["seconds"])
    assert grad["engine"]["false_alarm"] is False and grad["engine"]["threshold"] is not None
    assert grad["torch"]["status"] in ("ok", "skipped")

    runs = {r["label"]: r for r in data["verify_all"]["runs"]}
    assert set(runs) == {"cold", "warm", "cold, 1 job"}
    assert all(r["status"] == "ok" and r["exit_code"] == 0 and is_number(r["seconds"]) for r in runs.values())

    assert {t["status"] for t in data["targets"]} <= {"met", "not met", "not shown", "not measured"}
    text = md.read_text()
    for heading in ("## Machine", "## Targets", "## 1. Symbolic", "## 2. Numeric", "## 3. Gradient", "## 4. `verify"):
        assert heading in text
    assert data["machine"]["cpu"] in text


def test_gradient_row_without_torch_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(bench, "torch_available", lambda: False)
    out = bench.bench_gradient(tiny_config(tmp_path), lambda line: None)
    (row,) = out["rows"]
    assert row["torch"] == {"status": "skipped", "note": bench.TORCH_HINT}
    assert row["engine"]["status"] == "ok" and row["speedup"] is None


def test_engine_gradient_check_catches_a_scale_error_that_gradcheck_tolerances_would_miss() -> None:
    X, y, w = bench.logistic_data(6, 12, seed=1)
    rng = bench.np.random.default_rng(0)
    assert bench.complex_step_agrees(X, y, w, bench.logistic_gradient, rng)
    off = lambda X, y, w: (1 + 1e-6) * bench.logistic_gradient(X, y, w)  # noqa: E731
    assert not bench.complex_step_agrees(X, y, w, off, rng)


def test_bench_command_line() -> None:
    args = build_parser().parse_args(["bench", "--quick", "--cell-timeout", "5", "--out", "somewhere"])
    config = bench.config_for(args.quick, args.cell_timeout, args.out)
    assert (config.quick, config.cell_timeout, config.out, config.symbolic_n) == (True, 5.0, "somewhere", (2, 3, 4))
    assert config.command == "verifier bench --quick --cell-timeout 5 --out somewhere"
    full = bench.config_for(False, None, "reports")
    assert (full.cell_timeout, full.symbolic_n) == (60.0, (2, 3, 4, 6, 8))
