"""The README's example derivation works as the README says."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from tests.conftest import ROOT, claims_by_name, run_cli
from verifier.load import loader


def test_readme_example_verifies(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text()
    code = re.search(r"Save this as `my_derivations/ridge.py`:\n\n```python\n(.*?)```", readme, re.S)
    assert code, "README example block not found"
    folder = tmp_path / "my_derivations"
    folder.mkdir()
    (folder / "ridge.py").write_text(code.group(1))
    proc = run_cli("verify-all", str(folder), "--samples", "50", "--json", str(tmp_path / "r.json"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    claims = claims_by_name(tmp_path / "r.json")
    assert claims["gradient"]["status"] == "PROVED"
    assert claims["gradient_without_two"]["status"] == "REFUTED"
    assert claims["hessian_psd"]["status"] == "PROVED"


def test_readme_chain_example_is_proved_step_by_step(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text()
    code = re.search(r"### Step by step: chains.*?```python\n(.*?)```", readme, re.S)
    assert code, "README chain example not found"
    (tmp_path / "chain_example.py").write_text(code.group(1))
    proc = run_cli("verify-all", str(tmp_path), "--samples", "50", "--json", str(tmp_path / "r.json"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = claims_by_name(tmp_path / "r.json")["square_of_sum"]
    assert result["status"] == "PROVED" and [s["status"] for s in result["steps"]] == ["PROVED"] * 3


def test_the_default_install_verifies_the_whole_library() -> None:
    """lark and clarabel are core dependencies (the extras stay as aliases), and the README says so."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = {re.split(r"[<>=\[ ]", dep)[0] for dep in project["dependencies"]}
    assert {"lark", "clarabel"} <= core
    assert {"latex", "sos"} <= set(project["optional-dependencies"])
    readme = (ROOT / "README.md").read_text()
    assert 'need pip install ".[latex]"' not in readme and 'install ".[sos]"' not in readme
    library = [str(ROOT / "derivations")]
    assert loader.skipped_latex(library) == []
    assert {p.suffix for p in loader.discover(library)} == {".py", ".md", ".tex"}
