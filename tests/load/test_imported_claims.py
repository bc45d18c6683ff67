"""A claim belongs to the module that declares it: a file that imports another's claim (`from base import square`,
or `import base`) lists only its own, and may still cite the one it imported. It was listed under both files."""

from __future__ import annotations

from pathlib import Path

from tests.fixtures.imported import OWN, USES, write_pair
from verifier import verify
from verifier.language.families import ClaimFamily
from verifier.load import loader
from verifier.outcome import Status


def _names(families: tuple[ClaimFamily, ...]) -> list[str]:
    return [f.name for f in families]


def test_an_imported_claim_is_its_declaring_file_s_and_only_a_premise_of_the_importer(tmp_path: Path) -> None:
    folder = write_pair(tmp_path / "d")
    uses = loader.load(folder / "uses.py")
    assert _names(uses.families) == list(OWN) and uses.duplicates == ()
    assert _names(uses.imported) == ["square"] and uses.imported[0].derivation == "uses"
    assert uses.family("square") is uses.imported[0]  # a corollary's premise, found by name
    assert _names(loader.load(folder / "base.py").families) == ["square"]
    assert loader.listed(folder / "uses.py") == (OWN, ())


def test_importing_the_module_is_importing_its_claims(tmp_path: Path) -> None:
    folder = write_pair(tmp_path / "d", USES.replace("from base import square", "import base"))
    uses = loader.load(folder / "uses.py")
    assert _names(uses.families) == list(OWN) and _names(uses.imported) == ["square"]


def test_a_claim_made_by_a_helper_s_function_is_the_file_s_that_calls_it(tmp_path: Path) -> None:
    """The module whose top-level code runs declares the claim, wherever the decorator is applied: a file that
    calls a helper's factory owns the claims it makes. A helper that declares one as it is imported is no
    derivation (its name starts with _), so no run would report it: the claim is the importing file's, not lost."""
    (tmp_path / "_helpers.py").write_text(
        "import sympy as sp\nfrom verifier import Identity, Real, claim\nx = sp.Symbol('x')\n"
        "def make(name):\n    return claim(name=name)(lambda: Identity(x, x, where={x: Real()}))\n"
        "make('the_helper_s')\n"
    )
    (tmp_path / "mine.py").write_text("from _helpers import make\nmake('first')\nmake('second')\n")
    mine = loader.load(tmp_path / "mine.py")
    assert _names(mine.families) == ["the_helper_s", "first", "second"] and mine.imported == ()


def test_a_claim_a_package_declares_as_it_is_imported_is_the_importer_s(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "__init__.py").write_text(
        "import sympy as sp\nfrom verifier import Identity, Real, claim\nx = sp.Symbol('x')\n"
        "@claim()\ndef in_the_package():\n    return Identity(x, x, where={x: Real()})\n"
    )
    (tmp_path / "mine.py").write_text("import shared\n")
    mine = loader.load(tmp_path / "mine.py")
    assert _names(mine.families) == ["in_the_package"] and mine.families[0].derivation == "mine"


def test_a_file_importing_the_library_declares_none_of_its_claims(tmp_path: Path) -> None:
    (tmp_path / "mine.py").write_text("from derivations.activations import *  # noqa\n")
    mine = loader.load(tmp_path / "mine.py")
    assert mine.families == () and "sigmoid_below_one" in _names(mine.imported)


def test_verify_reports_a_file_s_own_claims_and_its_corollary_finds_the_imported_one(tmp_path: Path) -> None:
    folder = write_pair(tmp_path / "d")
    results = verify(folder / "uses.py", samples=20)
    assert [r.name for r in results] == list(OWN), results
    bound = results[1]
    assert bound.status is Status.PROVED and "cites square (PROVED)" in bound.reason, bound.reason


def test_a_claim_a_package_s_module_declares_as_it_is_imported_is_the_importer_s(tmp_path: Path) -> None:
    """A folder's run reads only its top-level files: `import shared.mod` ran shared/mod.py, a .py whose name
    starts with no _, and its claim (given to that module) was reported by no file, a false one never refuted."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "mod.py").write_text(
        "import sympy as sp\nfrom verifier import Identity, Real, claim\nx = sp.Symbol('x')\n"
        "@claim()\ndef in_a_package_module():\n    return Identity(x, x, where={x: Real()})\n"
    )
    (tmp_path / "mine.py").write_text("import shared.mod\n")
    mine = loader.load(tmp_path / "mine.py")
    assert _names(mine.families) == ["in_a_package_module"] and mine.families[0].derivation == "mine"


def test_a_claim_a_file_outside_the_folder_declares_as_it_is_imported_is_the_importer_s(tmp_path: Path) -> None:
    """A run of sub/ does not read ../base.py: its claim, run as sub/uses.py imports it, is reported under uses.py."""
    write_pair(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "uses.py").rename(tmp_path / "sub" / "uses.py")
    text = (tmp_path / "sub" / "uses.py").read_text()
    (tmp_path / "sub" / "uses.py").write_text(f"import sys\nsys.path.insert(0, {str(tmp_path)!r})\n{text}")
    uses = loader.load(tmp_path / "sub" / "uses.py")
    assert _names(uses.families) == ["square", *OWN]
