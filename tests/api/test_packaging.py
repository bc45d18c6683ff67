"""What `pip install .` puts in site-packages: the verifier package alone, the library of derivations inside
it as verifier.library (never a top-level `derivations` another project could also own), its LaTeX files too."""

from __future__ import annotations

import os
import tomllib
import warnings
from pathlib import Path

import pytest

from tests.support import ROOT
from verifier.load import library, loader


def _built_files(tmp_path: Path) -> list[str]:
    """The files setuptools' build step puts in the wheel, read from pyproject.toml as pip's build reads it."""
    setuptools = pytest.importorskip("setuptools")
    from setuptools.config.pyprojecttoml import apply_configuration

    cwd = os.getcwd()
    os.chdir(ROOT)  # setuptools reads the package folders relative to the project's root
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # older setuptools calls [tool.setuptools] beta
            dist = apply_configuration(setuptools.Distribution({"script_name": "setup.py"}), "pyproject.toml")
            dist.get_command_obj("egg_info").egg_base = str(tmp_path)
            build = dist.get_command_obj("build_py")
            build.build_lib = str(tmp_path / "lib")
            build.ensure_finalized()
            outputs = build.get_outputs(include_bytecode=False)
    finally:
        os.chdir(cwd)
    return sorted(Path(p).relative_to(tmp_path / "lib").as_posix() for p in outputs)


def test_the_library_installs_inside_the_verifier_package_not_as_derivations(tmp_path: Path) -> None:
    built = _built_files(tmp_path)
    assert {p.split("/")[0] for p in built} == {"verifier"}, "a top-level name besides verifier would be installed"
    sources = sorted(p.name for p in (ROOT / library.SOURCE).iterdir() if p.suffix in (".py", ".md", ".tex"))
    assert any(name.endswith((".md", ".tex")) for name in sources)
    installed = sorted(p.removeprefix("verifier/library/") for p in built if p.startswith("verifier/library/"))
    assert installed == sources


def test_every_package_folder_of_the_verifier_is_listed() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "verifier").rglob("__init__.py")}
    assert listed == folders | {library.PACKAGE, "verifier.serve.page"}  # the library, and the page's files (data)


def test_a_library_file_runs_as_a_module_of_verifier_library(tmp_path: Path) -> None:
    softmax = ROOT / library.SOURCE / "softmax.py"
    assert library.folder() == (ROOT / library.SOURCE).resolve()
    assert loader.module_name(softmax) == "verifier.library.softmax"
    assert library.file_of("verifier.library.softmax") == softmax.resolve()
    assert {f.derivation for f in loader.load(softmax).families} == {"softmax"}  # claim keys stay softmax.<name>
    other = tmp_path / library.SOURCE / "softmax.py"  # another project's folder of that name is not the library
    other.parent.mkdir()
    other.write_text(softmax.read_text())
    assert not loader.module_name(other).startswith(("verifier.library.", "derivations."))


def test_without_a_derivations_folder_here_a_command_reads_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert library.default_folder() == library.folder()
    (tmp_path / library.SOURCE).mkdir()
    assert library.default_folder() == Path(library.SOURCE)
