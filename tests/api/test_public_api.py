"""The public import paths: every name a derivation author needs comes from `verifier`, and the paths of
the previous release keep working for one release, with a DeprecationWarning that says what to write."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import verifier
from tests.support import ROOT, run_cli
from verifier.moved import MOVED

OLD_STYLE_REFERENCE = '''
"""A TA's reference written against the 0.0.x API."""
import sympy as sp

from verifier.claims import Derivative
from verifier.domains import Real
from verifier.families import claim
from verifier.mathlib import matrix, squared_norm, vector


@claim(n=range(1, 4))
def gradient(n: int) -> Derivative:
    """∇‖Xw − y‖² = 2Xᵀ(Xw − y)."""
    X, y, w = matrix("X", n), vector("y", n), vector("w", n)
    where = {X: Real(), y: Real(), w: Real()}
    return Derivative(squared_norm(X * w - y), wrt=w, equals=2 * X.T * (X * w - y), where=where)
'''


# Each old path imported in turn in one fresh process (not two per path: 28 interpreters, 10 s of CPU): what it
# warned, and whether it was loaded before its turn (something imported it first, and its warning went there).
IMPORT_EACH = """
import importlib, json, sys, warnings
seen = {}
for old in sys.argv[1:]:
    before = old in sys.modules
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            importlib.import_module(old)
            error = ""
        except Exception as err:
            error = f"{type(err).__name__}: {err}"
    seen[old] = {"before": before, "error": error, "warned": [f"{w.category.__name__}: {w.message}" for w in caught]}
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def old_imports() -> dict[str, dict[str, Any]]:
    out = subprocess.run([sys.executable, "-c", IMPORT_EACH, *sorted(MOVED)], capture_output=True, text=True,
                         cwd=ROOT)  # fmt: skip
    assert out.returncode == 0, out.stderr
    seen: dict[str, dict[str, Any]] = json.loads(out.stdout)
    return seen


@pytest.mark.parametrize("old", sorted(MOVED))
def test_an_old_import_path_works_and_warns_with_the_new_one(old: str, old_imports: dict[str, dict[str, Any]]) -> None:
    seen = old_imports[old]
    assert not seen["before"] and seen["error"] == "", seen
    assert any(w.startswith("DeprecationWarning: ") and f"{old} moved to {MOVED[old]}" in w for w in seen["warned"])


def test_an_old_path_holds_the_same_objects_as_the_new_one() -> None:
    with pytest.warns(DeprecationWarning, match="verifier.mathlib moved to verifier.language.mathlib"):
        from verifier.mathlib import matrix  # type: ignore[import-not-found]
    from verifier.language.mathlib import matrix as new

    assert matrix is new
    with pytest.warns(DeprecationWarning):
        from verifier.domains.base import Domain  # type: ignore[import-not-found]  # a submodule of a moved package
    assert Domain is verifier.Domain


def test_the_latex_reader_at_its_old_path_is_the_front_end() -> None:
    with pytest.warns(DeprecationWarning, match="verifier.load.latex moved to verifier.frontends.latex"):
        from verifier.load.latex import parse_chains  # type: ignore[import-not-found]
    with pytest.warns(DeprecationWarning, match="verifier.load.latex.gates moved to verifier.frontends.latex.gates"):
        from verifier.load.latex.gates import check_line  # type: ignore[import-not-found]
    from verifier.frontends import latex
    from verifier.frontends.latex import gates

    assert parse_chains is latex.parse_chains and check_line is gates.check_line


def test_an_old_path_wins_over_a_stale_folder_left_at_it(tmp_path: Path) -> None:
    """A checkout updated in place keeps verifier/load/latex/__pycache__: not an empty namespace package."""
    (tmp_path / "latex" / "__pycache__").mkdir(parents=True)
    code = (
        f"import verifier.load; verifier.load.__path__.append({str(tmp_path)!r}); "
        "from verifier.load.latex import parse_chains; print(parse_chains.__module__)"
    )
    out = subprocess.run([sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and out.stdout.strip() == "verifier.frontends.latex", out.stderr


def test_an_unknown_module_is_still_not_found() -> None:
    with pytest.raises(ModuleNotFoundError):
        import verifier.no_such_module  # type: ignore[import-not-found]  # noqa: F401


def test_a_reference_written_against_the_old_api_still_verifies(tmp_path: Path) -> None:
    (tmp_path / "ridge_ref.py").write_text(textwrap.dedent(OLD_STYLE_REFERENCE))
    out = run_cli("check", str(tmp_path / "ridge_ref.py"), "--no-cache", "-q", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 PROVED" in out.stdout


def _documented_imports() -> set[tuple[str, str]]:
    texts = [(ROOT / "README.md").read_text(), *(p.read_text() for p in sorted((ROOT / "docs").rglob("*.md")))]
    found = set()
    for text in texts:
        for block in re.findall(r"```python\n(.*?)```", text, re.S):
            for node in ast.walk(ast.parse(block)):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("verifier"):
                    found |= {(node.module or "", a.name) for a in node.names}
    return found


def test_every_name_the_docs_import_comes_from_verifier_itself() -> None:
    imports = _documented_imports()
    assert imports, "no import found in the docs' code blocks"
    assert {m for m, _ in imports} <= {"verifier"}, sorted(m for m, _ in imports if m != "verifier")
    for _, name in imports:
        assert name in verifier.__all__ and getattr(verifier, name) is not None


def test_every_name_the_library_imports_from_the_language_is_public() -> None:
    for path in sorted((ROOT / "derivations").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("verifier.language"):
                for a in node.names:
                    assert a.name in verifier.__all__, f"{path.name}: {a.name} is not importable from verifier"
