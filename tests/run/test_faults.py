"""Faults during a run: interrupts, a tampered cache, and weakened verdicts against a baseline."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import ROOT, claims_by_name, run_cli, write_module

SLOW = '''
"""Claims that take a while to build, to interrupt."""
import time
from pathlib import Path
import sympy as sp
from verifier import Identity, Real, claim

x = sp.Symbol("x")

def make(k):
    @claim(name=f"slow_{k}")
    def build():
        """x = x, slowly."""
        if k >= 2:  # for the test: a slow claim began, so a quick one ended before it (two jobs)
            Path(__file__).with_name(f"began_{k}").touch()
        time.sleep(0.2 if k < 2 else 30)
        return Identity(x, x, where={x: Real()})
    return build

for k in range(8):
    make(k)
'''

SQUARE = '''
"""One true claim."""
import sympy as sp
from verifier import Identity, Real, claim

x, y = sp.symbols("x y")

@claim()
def square_of_sum():
    """(x + y)² = x² + 2xy + y²."""
    return Identity((x + y) ** 2, x**2 + 2 * x * y + y**2, where={x: Real(), y: Real()})
'''


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
def test_interrupt_writes_a_partial_report_marked_incomplete(module_dir: Path, tmp_path: Path) -> None:
    write_module(module_dir, "slow", SLOW)
    report = tmp_path / "partial.json"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "verifier",
            "verify-all",
            str(module_dir),
            "--json",
            str(report),
            "--jobs",
            "2",
            "--no-cache",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)},
        # as for a command typed at a terminal: a shell starts background jobs with SIGINT
        # ignored, and Python then never raises KeyboardInterrupt (seen when CI ran under nohup &)
        preexec_fn=_default_sigint,
    )
    # the two quick claims finish in well under a second each; the rest sleep for 30 s. With two jobs, a claim
    # begins once the parent has the result of one before it: two slow ones begun, both quick ones are in
    for _ in range(600):
        if len(list(module_dir.glob("began_*"))) >= 2 or proc.poll() is not None:
            break
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    data = json.loads(report.read_text())
    assert data["complete"] is False
    names = {c["name"] for c in data["claims"]}
    assert {"slow_0", "slow_1"} <= names, "finished claims are kept"
    assert "INCOMPLETE" in out
    assert not list(tmp_path.glob(".partial.json.*")), "no temporary file left behind"


@pytest.mark.slow
def test_tampered_cache_entry_is_ignored(module_dir: Path, tmp_path: Path) -> None:
    write_module(module_dir, "square", SQUARE)
    cache = tmp_path / "cache"
    first = tmp_path / "a.json"
    run_cli("verify-all", str(module_dir), "--samples", "30", "--cache-dir", str(cache), "--json", str(first))
    assert claims_by_name(first)["square_of_sum"]["cached"] is False
    second = tmp_path / "b.json"
    run_cli("verify-all", str(module_dir), "--samples", "30", "--cache-dir", str(cache), "--json", str(second))
    assert claims_by_name(second)["square_of_sum"]["cached"] is True
    assert claims_by_name(second)["square_of_sum"]["cached_at"][:2] == "20", "a cached result carries its date"
    entry = next((cache / "results").rglob("*.json"))
    data = json.loads(entry.read_text())
    data["payload"]["status"] = "PROVED"
    data["payload"]["reason"] = "forged"
    data["payload"]["statement"] = "tampered"
    unkeyed = json.dumps(data["payload"], sort_keys=True, ensure_ascii=True, default=str)
    data["hmac"] = hashlib.sha256((data["key"] + unkeyed).encode()).hexdigest()  # what anyone can recompute
    entry.write_text(json.dumps(data))
    third = tmp_path / "c.json"
    run_cli("verify-all", str(module_dir), "--samples", "30", "--cache-dir", str(cache), "--json", str(third))
    claim = claims_by_name(third)["square_of_sum"]
    assert claim["cached"] is False and claim["reason"] != "forged"


@pytest.mark.slow
def test_cache_key_changes_when_the_claim_changes(module_dir: Path, tmp_path: Path) -> None:
    path = write_module(module_dir, "square", SQUARE)
    cache = tmp_path / "cache"
    run_cli("verify-all", str(module_dir), "--samples", "30", "--cache-dir", str(cache))
    path.write_text(SQUARE.replace("x**2 + 2 * x * y + y**2", "x**2 + y**2"))
    out = tmp_path / "r.json"
    run_cli("verify-all", str(module_dir), "--samples", "30", "--cache-dir", str(cache), "--json", str(out))
    claim = claims_by_name(out)["square_of_sum"]
    assert claim["cached"] is False and claim["status"] == "REFUTED"


@pytest.mark.slow
def test_baseline_catches_a_weakened_verdict(module_dir: Path, tmp_path: Path) -> None:
    path = write_module(module_dir, "square", SQUARE)
    baseline = tmp_path / "baseline.json"
    made = run_cli(
        "verify-all", str(module_dir), "--samples", "30", "--no-cache", "--baseline", str(baseline), "--update-baseline"
    )
    assert made.returncode == 0 and baseline.exists()
    same = run_cli("verify-all", str(module_dir), "--samples", "30", "--no-cache", "--baseline", str(baseline))
    assert same.returncode == 0 and "no changes" in same.stdout
    path.write_text(SQUARE.replace("x**2 + 2 * x * y + y**2", "x**2 + y**2"))
    worse = run_cli("verify-all", str(module_dir), "--samples", "30", "--no-cache", "--baseline", str(baseline))
    assert worse.returncode == 4, worse.stdout
    assert "REGRESSION: no longer meets its expectation" in worse.stdout
    assert "square.square_of_sum" in worse.stdout


CUBE = '''
"""One more true claim, in a second file."""
import sympy as sp
from verifier import Identity, Real, claim

x = sp.Symbol("x")

@claim()
def cube():
    """(x + 1)³ = x³ + 3x² + 3x + 1."""
    return Identity((x + 1) ** 3, x**3 + 3 * x**2 + 3 * x + 1, where={x: Real()})
'''


@pytest.mark.slow
def test_a_baseline_compares_the_claims_of_the_files_a_run_was_given(module_dir: Path, tmp_path: Path) -> None:
    """`check FILE` and `verify-all FILE` compare that file's claims (none "new", none "disappeared"); a run of
    the folder still notices a file that went."""
    square = write_module(module_dir, "square", SQUARE)
    cube = write_module(module_dir, "cube", CUBE)
    baseline = str(tmp_path / "baseline.json")
    quick = ("--samples", "30", "--no-cache", "--baseline", baseline)
    assert run_cli("verify-all", str(module_dir), *quick, "--update-baseline").returncode == 0
    for command in ("check", "verify-all"):
        one = run_cli(command, str(square), *quick)
        assert one.returncode == 0 and "no changes" in one.stdout, one.stdout
    cube.unlink()
    gone = run_cli("verify-all", str(module_dir), *quick)
    assert gone.returncode == 4 and "cube.cube" in gone.stdout and "claim disappeared" in gone.stdout, gone.stdout
