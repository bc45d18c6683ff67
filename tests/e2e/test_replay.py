"""A result's replay line reproduces its verdict, run as printed (red team 117).

Every replay that named a file failed with a usage error on Python 3.11 (the file came after the options, where
argparse had already closed `check`'s PATH list); --budget was not carried; a cached result kept the path of the
run that computed it; a name with a space or a glob character was not quoted or escaped."""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

import pytest

from tests.support import run_cli
from verifier.engine.replay import replay_line
from verifier.engine.settings import EngineSettings

AM_GM = '''
"""A bound whose proof at n = 5 takes more than ten units of work."""
import sympy as sp
from verifier import Inequality, Positive, claim
from verifier.language.mathlib import sum_entries, vector

@claim(n=range(5, 6))
def am_gm(n):
    """(x₁ + … + xₙ)/n ≥ (x₁⋯xₙ)^{1/n} for xᵢ > 0."""
    x = vector("x", n)
    return Inequality(sum_entries(x) / n, ">=", sp.Mul(*x) ** sp.Rational(1, n), where={x: Positive()})
'''


def _run(tmp_path: Path, *args: str) -> dict[str, object]:
    out = tmp_path / "run.json"
    proc = run_cli(*args, "--json", str(out))
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    (claim,) = json.loads(out.read_text())["claims"]
    return claim


def _replayed(tmp_path: Path, replay: str, *extra: str) -> dict[str, object]:
    words = shlex.split(replay)
    assert words[:2] == ["verifier", "check"], replay
    return _run(tmp_path, *words[1:], *extra)


def test_the_replay_of_a_file_in_a_folder_with_a_space_under_a_small_budget_gives_its_verdict(tmp_path: Path) -> None:
    folder = tmp_path / "my notes"
    folder.mkdir()
    (folder / "bounds.py").write_text(AM_GM, encoding="utf-8")
    first = _run(tmp_path, "verify-all", str(folder), "--no-cache", "--samples", "40", "--budget", "10")
    assert first["status"] == "CHECKED" and "budget of 10" in str(first["reason"]), first["reason"]
    assert "--budget 10" in str(first["replay"]) and str(folder / "bounds.py") in shlex.split(str(first["replay"]))
    again = _replayed(tmp_path, str(first["replay"]), "--no-cache")
    assert (again["status"], again["reason"]) == (first["status"], first["reason"])


def test_a_cached_result_replays_the_file_where_it_is_now(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    (old / "bounds.py").write_text(AM_GM.replace("range(5, 6)", "range(2, 3)"), encoding="utf-8")
    first = _run(tmp_path, "verify-all", str(old), "--samples", "40", "--cache-dir", str(cache))
    shutil.copytree(old, new)
    shutil.rmtree(old)
    moved = _run(tmp_path, "verify-all", str(new), "--samples", "40", "--cache-dir", str(cache))
    assert moved["cached"] and str(new / "bounds.py") in str(moved["replay"]), moved["replay"]
    assert _replayed(tmp_path, str(moved["replay"]), "--no-cache")["status"] == first["status"] == "PROVED"


def test_a_name_is_quoted_for_the_shell_and_its_glob_characters_select_it_alone() -> None:
    line = replay_line("odd.star*x", EngineSettings(seed=3), "odd/two words.py")
    assert shlex.split(line) == [
        "verifier",
        "check",
        "odd.star[*]x",
        "odd/two words.py",
        "--seed",
        "3",
        "--samples",
        "200",
    ]
    assert replay_line("a.b[c]?", EngineSettings(), "").split()[2] == "'a.b[[]c][?]'"


def test_a_file_of_the_library_is_named_only_where_another_shares_its_stem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "derivations" / "sub").mkdir(parents=True)
    for name in ("softmax.py", "sigmoid.py", "sigmoid.tex", "sub/newton.py"):
        (tmp_path / "derivations" / name).write_text("", encoding="utf-8")
    default = EngineSettings()
    assert replay_line("softmax.jacobian", default, "derivations/softmax.py").endswith(
        "softmax.jacobian --seed 0 --samples 200"
    )
    assert "derivations/sigmoid.tex" in replay_line("sigmoid.derivative", default, "derivations/sigmoid.tex")
    assert "derivations/sub/newton.py" in replay_line("newton.sine", default, "derivations/sub/newton.py")
