"""`verifier check FILE.CLAIM` shows the load errors of that claim and of the file itself, not those of the
file's other claims (red team 102: checking two.two_1 printed two_2's ERROR, and exited 1 for it)."""

from __future__ import annotations

from pathlib import Path

from tests.support import run_cli

HOMEWORK = """# two

```verifier
x: real
```

$$ x^2 = x \\cdot x $$

$$ \\dot x = x $$
"""


def test_a_claims_pattern_shows_only_its_own_load_errors(tmp_path: Path) -> None:
    path = tmp_path / "two.md"
    path.write_text(HOMEWORK, encoding="utf-8")
    one = run_cli("check", "two.two_1", str(path), "--no-cache", "--samples", "40")
    assert one.returncode == 0, one.stdout + one.stderr
    assert "two_2" not in one.stdout and "PROVED" in one.stdout
    other = run_cli("check", "two.two_2", str(path), "--no-cache", "--samples", "40")
    assert other.returncode != 0 and "\\dot is not read" in other.stdout, other.stdout
    whole = run_cli("check", "two", str(path), "--no-cache", "--samples", "40")
    assert "two_2" in whole.stdout and "two_1" in whole.stdout


BOUNDS = '''
"""A bound and a corollary that cites it."""
import sympy as sp
from verifier import Corollary, Inequality, Real, claim

@claim()
def square_nonneg():
    """x² ≥ 0."""
    x = sp.Symbol("x")
    return Inequality(x**2, ">=", sp.Integer(0), where={x: Real()})

@claim()
def square_plus_two_positive():
    """x² + 2 > 0."""
    x = sp.Symbol("x")
    return Corollary(
        of=("square_nonneg",),
        because="x² ≥ 0 and 2 > 0",
        states=Inequality(x**2 + 2, ">", sp.Integer(0), where={x: Real()}),
    )
'''


def test_a_corollary_checked_alone_verifies_the_claims_it_cites_without_reporting_them(tmp_path: Path) -> None:
    # the replay line of a corollary's failure is `verifier check FILE.CLAIM`: it was an ERROR "cites unknown
    # claim(s) of its file", as the pattern left its premises out of the run
    path = tmp_path / "bounds.py"
    path.write_text(BOUNDS, encoding="utf-8")
    one = run_cli("check", "bounds.square_plus_two_positive", str(path), "--no-cache", "--samples", "40")
    assert one.returncode == 0, one.stdout + one.stderr
    assert "cites square_nonneg (PROVED)" in one.stdout, one.stdout
    assert "1 claim: 1 PROVED" in one.stdout, one.stdout


OTHER_BOUNDS = '''
import sympy as sp
from verifier import Inequality, Real, claim

@claim(expect="refuted")
def square_nonneg():
    """x² ≥ 1, a namesake in another folder."""
    x = sp.Symbol("x")
    return Inequality(x**2, ">=", sp.Integer(1), where={x: Real()})
'''


def test_a_corollary_borrows_the_premise_of_its_own_file_not_a_namesake_s(tmp_path: Path) -> None:
    """Two files of one stem share claim keys (bounds.square_nonneg in a/ and b/). The premises a shard, a pattern
    or the pytest plugin borrows were looked up by key, and b's was verified for a's corollary: the corollary, PROVED
    in a whole run, was an ERROR "cites unknown claim(s) of its file: square_nonneg" in `verify-all --shard 1/3`
    and in `check` with both folders."""
    for folder, text in (("a", BOUNDS), ("b", OTHER_BOUNDS)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "bounds.py").write_text(text, encoding="utf-8")
    paths = [str(tmp_path / "a" / "bounds.py"), str(tmp_path / "b" / "bounds.py")]
    one = run_cli("check", "bounds.square_plus_two_positive", *paths, "--no-cache", "--samples", "40")
    assert "cites square_nonneg (PROVED)" in one.stdout, one.stdout
    assert one.returncode == 0 and "1 claim: 1 PROVED" in one.stdout, one.stdout


def test_a_claim_of_a_file_is_named_as_pytest_names_a_test(tmp_path: Path) -> None:
    """`verifier check FILE::CLAIM` (or FILE:CLAIM) checks that claim of the file: it was "no claim matches"."""
    path = tmp_path / "two.md"
    path.write_text(HOMEWORK, encoding="utf-8")
    for spelled in (f"{path}::two_1", f"{path}:two_1"):
        one = run_cli("check", spelled, "--no-cache", "--samples", "40")
        assert one.returncode == 0, one.stdout + one.stderr
        assert "two_2" not in one.stdout and "PROVED" in one.stdout
    missing = run_cli("check", f"{path}::two_3", "--no-cache", "--samples", "40")
    assert missing.returncode != 0 and "no claim matches 'two.two_3'" in missing.stderr + missing.stdout
