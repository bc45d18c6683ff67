"""The cache promises only what it keeps: same inputs, an earlier run's result shown as such, no imports when warm."""

from __future__ import annotations

from pathlib import Path

import pytest

import verifier
from tests.support import claims_by_name, run_cli, write_module
from verifier.run import cache as run_cache

_SAMPLES = ("--samples", "30")

MARKED = '''
"""One true claim; importing the module leaves a mark."""
import pathlib
import sympy as sp
from verifier import Identity, Real, claim

pathlib.Path(__file__).with_suffix(".imported").touch()
x = sp.Symbol("x")

@claim()
def double():
    """2x = x + x."""
    return Identity(2 * x, x + x, where={x: Real()})
'''


@pytest.mark.slow
def test_a_warm_run_reads_results_without_importing_the_module(module_dir: Path, tmp_path: Path) -> None:
    path = write_module(module_dir, "marked", MARKED)
    cache, mark = tmp_path / "cache", path.with_suffix(".imported")
    run_cli("verify-all", str(module_dir), "--samples", "30", "--cache-dir", str(cache))
    assert mark.exists()
    mark.unlink()
    out = tmp_path / "warm.json"
    shown = run_cli("verify-all", str(module_dir), "--samples", "30", "--cache-dir", str(cache), "--json", str(out))
    claim = claims_by_name(out)["double"]
    assert claim["cached"] is True and claim["status"] == "PROVED"
    assert not mark.exists(), "a warm run imports no derivation module"
    dated = f"1 result from the cache of an earlier run (cached {claim['cached_at'][:10]})"
    assert dated in shown.stdout, "shown as an earlier run's result, dated"


@pytest.mark.slow
def test_reverify_verifies_again_and_options_are_in_the_key(module_dir: Path, tmp_path: Path) -> None:
    write_module(module_dir, "marked", MARKED)
    cache = tmp_path / "cache"
    run_cli("verify-all", str(module_dir), "--samples", "30", "--cache-dir", str(cache))
    again = tmp_path / "again.json"
    run_cli("verify-all", str(module_dir), *_SAMPLES, "--cache-dir", str(cache), "--reverify", "--json", str(again))
    assert claims_by_name(again)["double"]["cached"] is False
    other = tmp_path / "other.json"
    run_cli("verify-all", str(module_dir), "--samples", "31", "--cache-dir", str(cache), "--json", str(other))
    assert claims_by_name(other)["double"]["cached"] is False, "other options, another key"


def test_the_engine_fingerprint_covers_every_layer_of_the_package() -> None:
    """An edit to the kernel, a strategy or a numeric check must invalidate every cached verdict."""
    package = Path(verifier.__file__).resolve().parent
    sources = {p.relative_to(package).as_posix() for p in run_cache.engine_sources()}
    assert {"trusted/kernel/rules.py", "engine/verify.py", "numeric/checks/identity.py", "outcome.py"} <= sources
    assert sources == {p.relative_to(package).as_posix() for p in package.rglob("*.py")}


HELPED = """
import sympy as sp
from verifier import Identity, Real, claim
from helpers import f
import tools.algebra

x = sp.Symbol("x")

@claim()
def double():
    return Identity(f(x), 2 * x, where={x: Real()})
"""


def test_a_module_beside_the_derivation_is_in_its_key(tmp_path: Path) -> None:
    """`from helpers import f` reads helpers.py beside the file (loader._beside): an edit to it, or to a package's
    module it imports, changes the key. It did not: `check` showed the cached PROVED of 2x = 2x after helpers.py
    was edited to make f(x) = 3x, a false claim."""
    path = write_module(tmp_path, "helped", HELPED)
    helper = write_module(tmp_path, "helpers", "def f(x):\n    return 2 * x\n")
    (tmp_path / "tools").mkdir()
    package, module = write_module(tmp_path / "tools", "__init__", ""), write_module(tmp_path / "tools", "algebra", "")
    keys = [run_cache.module_key(path)]
    for edited in (helper, package, module):
        edited.write_text(edited.read_text() + "# edited\n")
        keys.append(run_cache.module_key(path))
    assert len(set(keys)) == len(keys), "each edit beside the derivation makes another key"
    unrelated = write_module(tmp_path, "unrelated", "y = 1\n")
    assert run_cache.module_key(path) == keys[-1] and unrelated.is_file(), "a file it does not import is not in it"


def test_a_diagnosis_its_safety_net_cut_short_says_so_and_is_never_cached(tmp_path: Path) -> None:
    """The diagnosis of a refuted claim has a wall-clock safety net (diagnose_seconds): what it found by then depends
    on the machine and its load. A result it cut was cached, and a cut before anything was found left no diagnosis
    and no word of the cut at all: a loaded machine's 'no repair' was then served to every later run."""
    import sympy as sp

    from verifier import Identity, Real, claim
    from verifier.engine import EngineSettings, verify_family

    x = sp.Symbol("x")

    @claim()
    def dream() -> Identity:
        return Identity((x + 1) ** 2, x**2 + 1, where={x: Real()})

    store = run_cache.ResultCache(tmp_path)
    for seconds, key in ((0.0, "cut"), (30.0, "whole")):
        result = verify_family(dream, EngineSettings(samples=30, diagnose_seconds=seconds))
        assert result.status.value == "REFUTED" and result.diagnosis is not None
        store.put(key, result)
        assert result.diagnosis_cut is (seconds == 0.0)
    assert store.get("cut", result.derivation, result.name) is None, "a diagnosis cut short is never cached"
    assert store.get("whole", result.derivation, result.name) is not None


@pytest.mark.parametrize("name", ["SYMPY_USE_CACHE", "SYMPY_GROUND_TYPES", "SYMPY_CACHE_SIZE", "MPMATH_NOGMPY"])
def test_the_environment_that_steers_the_libraries_is_in_the_key(
    name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """SYMPY_USE_CACHE=no took softmax.hessian_psd from 19 heartbeats to 41 (SYMPY_GROUND_TYPES=python took
    log_probabilities from 9 to 4): with --budget 20 it was CHECKED, and that CHECKED was served from the cache to a
    run without the variable, where the claim is PROVED. Such a variable, set or changed, makes another key."""
    path = write_module(tmp_path, "marked", MARKED)
    keys = []
    for value in (None, "no", "python"):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
        keys.append(run_cache.module_key(path))
    monkeypatch.undo()
    assert len(set(keys)) == 3
    assert "python-flint" in run_cache.LIBRARIES, "FLINT decides the expand rung's zero and certifies in arb"


BROKEN = """
import sympy as sp
from verifier import Identity, Real, claim

x = sp.Symbol("x")

@claim()
def broken():
    return Identity(1 / 0, x, where={x: Real()})
"""


@pytest.mark.slow
def test_a_cached_result_names_the_file_this_run_checks(tmp_path: Path) -> None:
    """A result is kept under the file's contents: a copy elsewhere finds it. Its reason named the file it was
    verified at: `check d2/foo.py` showed "d1/foo.py::broken: builder raised ZeroDivisionError" (its replay line and
    its file were d2's already)."""
    cache = tmp_path / "cache"
    for folder in ("d1", "d2"):
        (tmp_path / folder).mkdir()
        write_module(tmp_path / folder, "foo", BROKEN)
    run_cli("check", "d1/foo.py", "--cache-dir", str(cache), *_SAMPLES, cwd=tmp_path)
    out = tmp_path / "d2.json"
    run_cli("check", "d2/foo.py", "--cache-dir", str(cache), *_SAMPLES, "--json", str(out), cwd=tmp_path)
    claim = claims_by_name(out)["broken"]
    assert claim["cached"] is True and claim["source"] == "d2/foo.py"
    assert claim["reason"].startswith("d2/foo.py::broken: builder raised ZeroDivisionError"), claim["reason"]


def test_a_module_on_the_import_path_is_in_the_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A helper found on the import path, not beside the file (PYTHONPATH, or a project's folder the pytest plugin
    adds): with courselib.py on PYTHONPATH edited from f(x) = 2x to 3x, `check hw.py` showed the cached PROVED (and
    --no-cache REFUTED). The installed libraries and the standard library stay out: their versions are in the key."""
    (tmp_path / "proj").mkdir()
    (tmp_path / "lib").mkdir()
    path = write_module(tmp_path / "proj", "hw", "import os\nimport sympy\nfrom courselib import f\n")
    helper = write_module(tmp_path / "lib", "courselib", "def f(x):\n    return 2 * x\n")
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    before = run_cache.module_key(path)
    helper.write_text("def f(x):\n    return 3 * x\n")
    assert run_cache.module_key(path) != before
    assert run_cache._on_path("sympy") == [] and run_cache._on_path("os.path") == []
    assert run_cache._on_path("courselib") == [helper]


def test_an_empty_key_file_is_made_again_and_signs_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An empty cache-key (a first write that failed, a `touch`) was read as the key: entries were signed with the
    empty key, which anyone can, and an entry forged so showed a false claim's cached PROVED. A key file shorter than
    a key is made again, whole or not at all, private to the user."""
    import hashlib
    import hmac
    import json
    import stat

    from verifier.outcome import ClaimResult, Expect, Status

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    (tmp_path / "home" / "verifier").mkdir(parents=True)
    key_file = tmp_path / "home" / "verifier" / "cache-key"
    key_file.write_bytes(b"")
    run_cache._secret.cache_clear()
    try:
        store = run_cache.ResultCache(tmp_path / "cache")
        assert len(key_file.read_bytes()) == 64 and store.read, "a key of 32 random bytes, in hex"
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        payload = ClaimResult("c", "d", "identity", "2x = 3x", Expect.HOLDS, Status.PROVED, "proved").to_json()
        stored = "2026-12-02T00:00:00+00:00"
        canonical = json.dumps([payload, stored], sort_keys=True, ensure_ascii=True, default=str)
        forged = hmac.new(b"", ("k" * 64 + canonical).encode(), hashlib.sha256).hexdigest()
        entry = {"key": "k" * 64, "stored": stored, "hmac": forged, "payload": payload}
        (tmp_path / "cache" / "results" / "kk").mkdir(parents=True)
        (tmp_path / "cache" / "results" / "kk" / f"{'k' * 64}.json").write_text(json.dumps(entry))
        assert store.get("k" * 64, "d", "c") is None, "an entry signed with the empty key is not read"
    finally:
        monkeypatch.undo()
        run_cache._secret.cache_clear()


def test_the_interpreter_s_integer_digit_limit_is_in_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """PYTHONINTMAXSTRDIGITS=640 made (x + 3³⁰⁰⁰)² = x² + 2·3³⁰⁰⁰·x + 3⁶⁰⁰⁰ an ERROR ("Exceeds the limit (640 digits)
    for integer string conversion"), PROVED under the default limit: each limit has its own key."""
    import sys

    before = run_cache.versions()
    monkeypatch.setattr(sys, "get_int_max_str_digits", lambda: 640)
    assert run_cache.versions() != before


EDITOR = """
import pathlib
import sympy as sp
from verifier import Identity, Real, claim

# the user's edit, made while the run is going: after the run planned scaled.py, before its module is loaded
target = pathlib.Path(__file__).with_name("scaled.py")
target.write_text(target.read_text().replace("2 * x, 3 * x", "3 * x, 3 * x"))
x = sp.Symbol("x")

@claim()
def fine():
    return Identity(x, x, where={x: Real()})
"""

SCALED = """
import sympy as sp
from verifier import Identity, Real, claim

x = sp.Symbol("x")

@claim()
def scaled():
    return Identity(2 * x, 3 * x, where={x: Real()})
"""


@pytest.mark.slow
def test_a_file_edited_during_the_run_is_not_cached_under_its_old_text(tmp_path: Path) -> None:
    """verify-all planned scaled.py (2x = 3x, false) and computed its key; the file was edited (3x = 3x) before its
    module was loaded, and that PROVED was filed under the false text's key: after `git checkout scaled.py`, `check`
    showed 2x = 3x as a cached PROVED. A result (and a listing) is kept only if the file's key has not changed."""
    (tmp_path / "d").mkdir()
    write_module(tmp_path / "d", "a_editor", EDITOR)
    scaled = write_module(tmp_path / "d", "scaled", SCALED)
    cache = tmp_path / "cache"
    run_cli("verify-all", "d", "-j", "1", "--cache-dir", str(cache), *_SAMPLES, cwd=tmp_path)
    assert "3 * x, 3 * x" in scaled.read_text(), "edited during the run"
    write_module(tmp_path / "d", "scaled", SCALED)  # checked out again
    out = tmp_path / "again.json"
    run_cli("check", "d/scaled.py", "--cache-dir", str(cache), *_SAMPLES, "--json", str(out), cwd=tmp_path)
    assert claims_by_name(out)["scaled"]["status"] == "REFUTED"


READS = """
import importlib
import json
import pathlib
import sympy as sp
from verifier import Identity, Real, claim

A = json.loads((pathlib.Path(__file__).parent / "weights.json").read_text())["a"]
K = importlib.import_module("constants").K
x = sp.Symbol("x")

@claim()
def doubled():
    return Identity(A * x, 2 * x, where={x: Real()})

@claim()
def tripled():
    return Identity(K * x, 3 * x, where={x: Real()})
"""


@pytest.mark.slow
def test_a_file_the_module_reads_as_it_loads_is_in_its_key(tmp_path: Path) -> None:
    """The key is read from the module's text, which does not show a data file it opens or a module it imports by
    name: with weights.json edited from a = 2 to a = 3, `check` showed the cached PROVED of a·x = 2x, a false claim.
    The loader records the files a module reads as it loads (verifier.load.reads), and the key holds their bytes."""
    write_module(tmp_path, "reads", READS)
    weights, constants = tmp_path / "weights.json", write_module(tmp_path, "constants", "K = 3\n")
    weights.write_text('{"a": 2}')
    cache = ("--cache-dir", str(tmp_path / "cache"))

    def verdicts(where: Path = tmp_path) -> dict[str, tuple[str, bool]]:
        out = tmp_path / "out.json"
        run_cli("check", "reads.py", *cache, *_SAMPLES, "--json", str(out), cwd=where)
        return {name: (c["status"], c["cached"]) for name, c in claims_by_name(out).items()}

    assert verdicts() == {"doubled": ("PROVED", False), "tripled": ("PROVED", False)}
    assert verdicts() == {"doubled": ("PROVED", True), "tripled": ("PROVED", True)}, "unchanged: served"
    weights.write_text('{"a": 3}')
    assert verdicts()["doubled"] == ("REFUTED", False)
    constants.write_text("K = 4\n")
    assert verdicts()["tripled"] == ("REFUTED", False)
    weights.write_text('{"a": 2}')
    constants.write_text("K = 3\n")
    assert verdicts()["doubled"] == ("PROVED", True), "the bytes it was proved with: served again"
    copy = tmp_path / "copy"  # the same module beside other data: its own data decides, not the first folder's
    copy.mkdir()
    for name in ("reads.py", "constants.py"):
        (copy / name).write_text((tmp_path / name).read_text())
    (copy / "weights.json").write_text('{"a": 5}')
    assert verdicts(copy)["doubled"] == ("REFUTED", False)


HELD_READS = """
import importlib.util
import os
import numpy as np
import sympy as sp
from verifier import Identity, Real, claim

A = int(np.loadtxt("a.txt"))
os.chdir("sub")
B = sp.Rational(open("b.txt").read())
os.chdir("..")
spec = importlib.util.spec_from_file_location("by_path", "by_path.py")
helper = importlib.util.module_from_spec(spec)
spec.loader.exec_module(helper)
x = sp.Symbol("x")

@claim()
def doubled():
    return Identity(A * x, 2 * x, where={x: Real()})

@claim()
def tripled():
    return Identity(helper.K * x, 3 * x, where={x: Real()})

@claim()
def halved():
    return Identity(B * x, x / 2, where={x: Real()})
"""


@pytest.mark.slow
def test_a_file_read_through_an_open_held_before_load_is_in_its_key(tmp_path: Path) -> None:
    """np.loadtxt opens through a table numpy made at its import, holding the real `open`, and a module run from a
    spec made from its path is read by io.open_code, not open, and a file opened by a path relative to a folder the
    module went into (os.chdir) was looked for in the folder it loaded from: each, edited alone, was served the cached
    PROVED."""
    write_module(tmp_path, "held", HELD_READS)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("0.5")
    data, helper = tmp_path / "a.txt", write_module(tmp_path, "by_path", "K = 3\n")
    data.write_text("2\n")
    cache = ("--cache-dir", str(tmp_path / "cache"))

    def verdicts() -> dict[str, tuple[str, bool]]:
        out = tmp_path / "out.json"
        run_cli("check", "held.py", *cache, *_SAMPLES, "--json", str(out), cwd=tmp_path)
        return {name: (c["status"], c["cached"]) for name, c in claims_by_name(out).items()}

    assert verdicts() == {"doubled": ("PROVED", False), "tripled": ("PROVED", False), "halved": ("PROVED", False)}
    (tmp_path / "sub" / "b.txt").write_text("0.25")
    assert verdicts()["halved"] == ("REFUTED", False)
    data.write_text("3\n")
    assert verdicts()["doubled"] == ("REFUTED", False)
    helper.write_text("K = 4\n")
    assert verdicts()["tripled"] == ("REFUTED", False)
