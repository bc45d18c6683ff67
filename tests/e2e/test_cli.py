"""The command line as a user runs it: exit codes, files written, key lines."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.support import claims_by_name, run_cli, write_module

GOOD = '''
"""A small user derivation: the gradient of a quadratic."""
import sympy as sp
from verifier import Derivative, Identity, Real, claim
from verifier.language.mathlib import matrix, vector

@claim(n=range(1, 4))
def quadratic_gradient(n):
    """∂(xᵀAx)/∂x = (A + Aᵀ)x."""
    x, A = vector("x", n), matrix("A", n)
    return Derivative((x.T * A * x)[0, 0], wrt=x, equals=(A + A.T) * x, where={x: Real(), A: Real()})

@claim(n=range(1, 4), expect="refuted")
def quadratic_gradient_symmetric_shortcut(n):
    """Wrong for non-symmetric A: ∂(xᵀAx)/∂x = 2Ax."""
    x, A = vector("x", n), matrix("A", n)
    return Derivative((x.T * A * x)[0, 0], wrt=x, equals=2 * A * x, where={x: Real(), A: Real()})
'''

HANG = '''
"""A claim whose builder never returns."""
import sympy as sp
from verifier import Identity, Real, claim

@claim()
def forever():
    """Never built."""
    while True:
        pass

@claim()
def fine():
    """x = x."""
    x = sp.Symbol("x")
    return Identity(x, x, where={x: Real()})
'''

WRONG_EXPECTATION = '''
"""A claim stated as true that is false."""
import sympy as sp
from verifier import Identity, Real, claim

@claim()
def square_of_sum():
    """(x + y)² = x² + y²."""
    x, y = sp.symbols("x y")
    return Identity((x + y) ** 2, x**2 + y**2, where={x: Real(), y: Real()})
'''


def test_verify_all_writes_reports_and_exits_zero(module_dir: Path, tmp_path: Path) -> None:
    write_module(module_dir, "quadratic", GOOD)
    out = tmp_path / "out"
    proc = run_cli(
        "verify-all",
        str(module_dir),
        "--samples",
        "50",
        "--json",
        str(out / "r.json"),
        "--markdown",
        str(out / "r.md"),
        "--junit",
        str(out / "r.xml"),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "every claim met its expectation" in proc.stdout
    claims = claims_by_name(out / "r.json")
    assert claims["quadratic_gradient"]["status"] == "PROVED"
    assert claims["quadratic_gradient_symmetric_shortcut"]["status"] == "REFUTED"
    cx = claims["quadratic_gradient_symmetric_shortcut"]["evidence"]["counterexample"]
    assert cx["n"] == 2 and "A" in cx["values"]
    data = json.loads((out / "r.json").read_text())
    assert data["schema_version"] == 1 and data["complete"] is True
    for c in data["claims"]:
        assert {"name", "derivation", "kind", "status", "expect", "met", "seconds", "n_values", "evidence"} <= set(c)
    assert "$$" in (out / "r.md").read_text()
    suites = ET.parse(out / "r.xml").getroot()
    assert sum(int(s.get("tests", 0)) for s in suites) == 2


def test_unmet_claim_exits_one_with_replay_line(module_dir: Path) -> None:
    write_module(module_dir, "oops", WRONG_EXPECTATION)
    proc = run_cli("verify-all", str(module_dir), "--samples", "40")
    assert proc.returncode == 1
    replay = f"replay: verifier check oops.square_of_sum {module_dir / 'oops.py'} --seed 0 --samples 40"
    assert "REFUTED" in proc.stdout and replay in proc.stdout, proc.stdout


def test_hanging_claim_times_out_while_others_finish(module_dir: Path, tmp_path: Path) -> None:
    write_module(module_dir, "hang", HANG)
    proc = run_cli("verify-all", str(module_dir), "--timeout", "3", "--json", str(tmp_path / "h.json"))
    claims = claims_by_name(tmp_path / "h.json")
    assert claims["forever"]["status"] == "UNKNOWN"
    assert "stopped by the time limit after 3 s (depends on the machine" in claims["forever"]["reason"]
    assert claims["forever"]["time_limited"] is True and claims["fine"]["time_limited"] is False
    assert "hang.py" in claims["forever"]["reason"]
    assert claims["forever"]["replay"].startswith(f"verifier check hang.forever {module_dir / 'hang.py'} --seed 0")
    assert claims["fine"]["status"] == "PROVED"
    assert proc.returncode == 1


def test_same_seed_gives_identical_json_apart_from_times(module_dir: Path, tmp_path: Path) -> None:
    write_module(module_dir, "quadratic", GOOD)
    reports = []
    for i in range(2):
        path = tmp_path / f"run{i}.json"
        run_cli("verify-all", str(module_dir), "--samples", "40", "--seed", "5", "--no-cache", "--json", str(path))
        data = json.loads(path.read_text())
        data.pop("seconds")
        for c in data["claims"]:
            c.pop("seconds")
            c.pop("cpu_seconds")
            for p in [*c["evidence"]["proofs"], *c["evidence"]["numeric"]]:
                p.pop("seconds")  # times differ; the work a proof took (heartbeats) must not
        reports.append(data)
    assert reports[0] == reports[1]


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run_cli("verify-all", str(tmp_path / "missing")).returncode == 2
    assert run_cli("frobnicate").returncode == 2
    assert run_cli().returncode == 2


def test_check_selects_one_claim_and_list_and_show_work(module_dir: Path) -> None:
    write_module(module_dir, "quadratic", GOOD)
    proc = run_cli("check", "quadratic.quadratic_gradient", str(module_dir), "--samples", "40")
    assert proc.returncode == 0 and "1 claim:" in proc.stdout
    listing = run_cli("list", str(module_dir))
    assert "quadratic_gradient_symmetric_shortcut" in listing.stdout
    shown = run_cli("show", "quadratic.quadratic_gradient", str(module_dir))
    assert shown.returncode == 0 and "x ∈ ℝ" in shown.stdout


def test_show_and_check_find_a_derivation_below_the_current_folder_by_its_dotted_name(tmp_path: Path) -> None:
    (tmp_path / "homework").mkdir()
    write_module(tmp_path / "homework", "quadratic", GOOD)
    shown = run_cli("show", "quadratic.quadratic_gradient", cwd=tmp_path)
    assert shown.returncode == 0 and "x ∈ ℝ" in shown.stdout, shown.stdout + shown.stderr
    checked = run_cli("check", "quadratic.quadratic_gradient", "--samples", "30", cwd=tmp_path)
    assert checked.returncode == 0 and "1 claim:" in checked.stdout, checked.stdout + checked.stderr
    assert (tmp_path / ".verifier-cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    missing = run_cli("show", "nowhere.gradient", cwd=tmp_path)
    assert missing.returncode == 2 and "give its file: verifier show nowhere.gradient PATH/nowhere.py" in missing.stdout



def test_check_finds_a_library_file_whose_stem_has_a_dot_before_a_namesake_below(tmp_path: Path) -> None:
    # `check ridge.v2.square` split the pattern at its first dot, found no derivations/ridge.py and ran
    # homework/ridge.py instead ("no claim matches"): the replay line of derivations/ridge.v2.py's claims
    (tmp_path / "derivations").mkdir()
    (tmp_path / "homework").mkdir()
    write_module(tmp_path / "derivations", "ridge.v2", GOOD)
    write_module(tmp_path / "homework", "ridge", WRONG_EXPECTATION)
    checked = run_cli("check", "ridge.v2.quadratic_gradient", "--samples", "30", "--no-cache", cwd=tmp_path)
    assert checked.returncode == 0 and "1 claim: 1 PROVED" in checked.stdout, checked.stdout + checked.stderr
    # `show` split it at its first dot too: "no derivation named 'ridge'"
    shown = run_cli("show", "ridge.v2.quadratic_gradient", cwd=tmp_path)
    assert shown.returncode == 0 and "ridge.v2.quadratic_gradient  (derivative" in shown.stdout, shown.stdout


def test_show_sets_the_relation_between_the_sides(module_dir: Path) -> None:
    # `show` joined the sides' pretty-printed blocks with "⟶" whatever the relation (x² ≥ 0 read as "x² ⟶ 0"),
    # and glued a block of several lines to the next one's first line
    write_module(module_dir, "idx", INDEXED)
    shown = run_cli("show", "idx.squares", str(module_dir), env={"COLUMNS": "80"})
    assert shown.returncode == 0 and "⟶" not in shown.stdout, shown.stdout
    assert any(line.strip().startswith("x") and line.strip().endswith("≥ 0") for line in shown.stdout.splitlines())
    write_module(module_dir, "quadratic", GOOD)
    shown = run_cli("show", "quadratic.quadratic_gradient", str(module_dir), env={"COLUMNS": "80"})
    lines = shown.stdout.splitlines()
    assert shown.returncode == 0 and "∂/∂(x₁; x₂)" in shown.stdout, shown.stdout
    assert any(" = " in line or line == "=" for line in lines), shown.stdout
    assert max(len(line) for line in shown.stdout.splitlines()) <= 80, shown.stdout

# one false claim stated as true (every seed must catch it), and one true claim that
# cancels badly in float at large logits
ALARMS = (
    WRONG_EXPECTATION
    + '''
from verifier.language.mathlib import sigmoid

@claim()
def sigmoid_slope():
    """σ(z)(1 − σ(z)) = e^{−z}/(1 + e^{−z})²."""
    z = sp.Symbol("z")
    return Identity(sigmoid(z) * (1 - sigmoid(z)), sp.exp(-z) / (1 + sp.exp(-z)) ** 2, where={z: Real()})
'''
)


def test_false_alarm_run_counts_seeds_margins_and_real_failures(module_dir: Path, tmp_path: Path) -> None:
    write_module(module_dir, "alarms", ALARMS)
    out = tmp_path / "a.json"
    md = tmp_path / "a.md"
    proc = run_cli("alarms", str(module_dir), "--seeds", "3", "--seed", "4", "--json", str(out), "--markdown", str(md))
    assert proc.returncode == 1, "a claim stated as true that fails under a seed is an alarm"
    stats = {c["name"]: c for c in json.loads(out.read_text())["claims"]}
    slope, wrong = stats["sigmoid_slope"], stats["square_of_sum"]
    assert (slope["seeds"], slope["first_seed"], slope["false_alarms"]) == (3, 4, 0)
    assert slope["escalated"] > 0 and slope["float_margin"] > 1, "float round-off at large logits was recomputed"
    assert 0 < slope["precise_margin"] < 1e-10 and slope["worst_margin"] <= 1
    assert wrong["false_alarms"] == 3 and wrong["alarm_seeds"] == [4, 5, 6]
    assert "alarms.sigmoid_slope: 0 false alarms in 3 seeds" in proc.stdout, "a CI log shows each claim as it ends"
    report = md.read_text()
    assert "## Per derivation" in report and "2 true claims × 3 seeds (4…6)" in report and "3 false alarms" in report


def test_alarms_measures_only_the_claims_it_selects(module_dir: Path, tmp_path: Path) -> None:
    write_module(module_dir, "alarms", ALARMS)
    out = tmp_path / "one.json"
    proc = run_cli("alarms", "alarms.sigmoid_slope", str(module_dir), "--seeds", "2", "--json", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert [c["name"] for c in json.loads(out.read_text())["claims"]] == ["sigmoid_slope"]
    assert run_cli("alarms", "alarms.nothing", str(module_dir), "--seeds", "2").returncode == 2


def test_false_alarm_run_rejects_verification_only_reports(module_dir: Path, tmp_path: Path) -> None:
    write_module(module_dir, "alarms", ALARMS)
    proc = run_cli("alarms", str(module_dir), "--seeds", "1", "--html", str(tmp_path / "a.html"))
    assert proc.returncode == 2 and "--json or --markdown" in proc.stdout
    assert not (tmp_path / "a.html").exists()


def test_check_accepts_a_file_and_rejects_a_pattern_that_matches_nothing(module_dir: Path) -> None:
    path = write_module(module_dir, "quadratic", GOOD)
    proc = run_cli("check", str(path), "--samples", "40")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "quadratic.quadratic_gradient" in proc.stdout and "2 claims" in proc.stdout
    missing = run_cli("check", "no_such_claim", str(module_dir))
    assert missing.returncode == 2 and "no claim matches 'no_such_claim'" in missing.stdout
    assert "every claim met" not in missing.stdout


INDEXED = '''
"""A statement with brackets, which rich would read as markup."""
import sympy as sp
from verifier import Inequality, Real, claim

@claim()
def squares():
    """x[i]² ≥ 0 for every [bold] entry [/bold]."""
    x = sp.Symbol("x")
    return Inequality(x**2, ">=", sp.Integer(0), where={x: Real()})
'''


def test_list_and_show_print_brackets_as_written(module_dir: Path) -> None:
    # `verifier list` showed "x² ≥ 0 for every  entry .": [i] and [bold] were read as rich's markup
    write_module(module_dir, "idx", INDEXED)
    listing = run_cli("list", str(module_dir), env={"COLUMNS": "200"})
    assert "x[i]² ≥ 0 for every [bold] entry [/bold]." in listing.stdout, listing.stdout
    shown = run_cli("show", "idx.squares", str(module_dir))
    assert shown.returncode == 0 and "x[i]² ≥ 0 for every [bold] entry [/bold]." in shown.stdout, shown.stdout
