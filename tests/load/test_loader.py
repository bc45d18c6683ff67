"""Loading a derivation file in process: a module that cannot load is one LoadError line naming the file,
and a module that loads is read without its prints or its working directory leaking out.

The same corpus goes through the whole CLI, hangs and crashes included, in tests/load/test_corpus.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.support import ROOT
from verifier.load import loader

CORPUS = ROOT / "tests" / "corpus"


@pytest.mark.parametrize(
    ("stem", "words"),
    [
        ("syntax_error", "syntax error at line 4"),
        ("import_error", "ModuleNotFoundError while loading"),
        ("calls_sys_exit", "module called sys.exit(3) while loading"),
        ("reads_stdin", "EOFError while loading"),
    ],
)
def test_a_module_that_cannot_load_is_one_line_naming_the_file(stem: str, words: str) -> None:
    with pytest.raises(loader.LoadError) as caught:
        loader.load(CORPUS / f"{stem}.py")
    message = str(caught.value)
    assert words in message and f"{stem}.py" in message
    assert "\n" not in message


def test_a_module_keeps_its_prints_and_its_working_directory_to_itself(capsys: pytest.CaptureFixture[str]) -> None:
    before = os.getcwd()
    loaded = loader.load(CORPUS / "prints_and_wanders.py")
    assert os.getcwd() == before
    assert [f.name for f in loaded.families] == ["still_fine"]
    assert "NOISE FROM MODULE IMPORT" in loaded.output
    assert "NOISE" not in capsys.readouterr().out


def test_names_used_twice_are_reported_and_a_module_without_claims_has_none() -> None:
    assert loader.load(CORPUS / "duplicate_names.py").duplicates == ("same",)
    assert loader.load(CORPUS / "no_claims.py").families == ()


def test_a_folder_holds_its_python_files_and_a_missing_path_is_a_load_error(tmp_path: Path) -> None:
    for name in ("a.py", "_private.py", "notes.txt"):
        (tmp_path / name).write_text("")
    assert loader.discover([str(tmp_path)]) == [tmp_path / "a.py"]
    with pytest.raises(loader.LoadError, match="no such derivation file or folder"):
        loader.discover([str(tmp_path / "nowhere.py")])


def test_a_file_whose_name_is_not_utf8_is_one_clear_load_error(tmp_path: Path) -> None:
    """`verifier check folder` with a file named b"h\\xff.md" (bytes that are not UTF-8) stopped with "internal
    error: UnicodeEncodeError" writing its cache, and each claim's verdict was an internal error (red team 122)."""
    (tmp_path / "ok.md").write_text("```verifier\nx: real\n```\n\n$$ x = x $$\n")
    bad = os.fsencode(tmp_path) + b"/h\xff.py"
    with open(bad, "w") as handle:
        handle.write("")
    with pytest.raises(loader.LoadError) as caught:
        loader.discover([str(tmp_path)])
    message = str(caught.value)
    assert "h\\xff.py" in message and "not UTF-8" in message, message
    message.encode("utf-8")  # printable: the name shown by its bytes


RANDOM_CLAIM = """
import random
import numpy as np
import sympy as sp
from verifier import Identity, Real, claim

x = sp.Symbol("x")
C = random.randint(0, 10**6) + int(np.random.randint(0, 10**6))

@claim()
def drawn():
    return Identity(x * C, x * random.randint(0, 10**6), where={x: Real()})
"""


def test_a_derivation_that_draws_random_numbers_states_the_same_claim_in_every_run(tmp_path: Path) -> None:
    """A module that drew C = random.randint(…) at import (or a builder that drew one) was another claim in every run:
    `--seed` could not replay its verdict, and the cache showed one run's verdict for another run's claim. Its code
    runs with Python's and numpy's global generators seeded, and the caller's own state is given back."""
    import random

    import numpy as np

    from verifier.engine import EngineSettings
    from verifier.run import session

    path = tmp_path / "drawn.py"
    path.write_text(RANDOM_CLAIM, encoding="utf-8")
    random.seed(7)
    np.random.seed(7)
    expected = random.random(), np.random.random()
    random.seed(7)
    np.random.seed(7)
    latex = []
    for _ in range(2):
        (family,) = loader.load(path).families
        latex.append(session.verify_source(session.InProcess(family, str(path)), EngineSettings(samples=20)).latex)
    assert latex[0] == latex[1] and latex[0], latex
    assert (random.random(), np.random.random()) == expected, "the caller's generators are as they were"


STALE = """
import sympy as sp
from verifier import Identity, Real, claim
from helper import k

x = sp.Symbol("x")

@claim()
def scaled():
    return Identity(3 * x, k * x, where={x: Real()})
"""


def test_a_same_size_edit_in_the_same_second_is_read_not_its_old_bytecode(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Python trusts a __pycache__ .pyc whose source has the same size and mtime (in whole seconds): 3x = 3x edited
    to 2x = 3x within a second (a `git checkout`, a script, `touch -d`) still ran 3x = 3x, PROVED even with
    --no-cache; the same for a helper module beside the file. A derivation and its helpers are read from source."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)  # as for a user, whose Python writes .pyc files
    path, helper = tmp_path / "stale.py", tmp_path / "helper.py"
    path.write_text(STALE, encoding="utf-8")
    helper.write_text("k = 3\n", encoding="utf-8")

    def rewrite(file: Path, old: str, new: str) -> None:
        stat = file.stat()
        file.write_text(file.read_text().replace(old, new), encoding="utf-8")
        os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same size, the same mtime

    def stated() -> str:
        (family,) = loader.load(path).families
        body = family.build(None).body
        return f"{body.lhs} = {body.rhs}"

    assert stated() == "3*x = 3*x"
    rewrite(path, "Identity(3 * x", "Identity(2 * x")
    assert stated() == "2*x = 3*x"
    rewrite(helper, "k = 3", "k = 2")
    assert stated() == "2*x = 2*x"
    assert not (tmp_path / "__pycache__").exists(), "no .pyc written for a derivation or its helpers"
