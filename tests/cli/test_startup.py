"""Start-up: each command imports only what it needs (behaviour, never timing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import verifier
from tests.support import CACHE_HOME, ROOT
from verifier.cli import main as cli
from verifier.load import loader
from verifier.run import plan
from verifier.strategies import budget

HEAVY = ("sympy", "numpy", "scipy", "hypothesis", "rich")
SEARCH = ("scipy.sparse", "clarabel", "hypothesis", "distributed", "dask", "lark")


def imported(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run python with args in a fresh interpreter; every module any of its processes imported.

    PYTHONPROFILEIMPORTTIME reaches the re-executed CLI and the forked workers too (they share stderr).
    """
    base = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": CACHE_HOME}
    base["PYTHONPROFILEIMPORTTIME"] = "1"
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=300, env={**base, **(env or {})}
    )
    names = {line.rpartition("|")[2].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    return done, names


def loaded(names: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(n for n in names if n in packages or n.startswith(tuple(f"{p}." for p in packages)))


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["check", "--help"], ["verify-all", "--help"], ["serve", "--help"]]
)
def test_help_and_version_import_nothing_heavy(args: list[str]) -> None:
    done, names = imported("-m", "verifier", *args)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "verifier" in done.stdout
    assert "verifier.cli.main" in names  # the profile is being read
    assert loaded(names, HEAVY) == []


def test_the_web_server_never_loads_the_engine_itself() -> None:
    """`verifier serve`'s own process (the page, the bounds, the streams) stays light: its workers verify."""
    code = "import sys, verifier.serve.app, verifier.serve.command\nprint(sorted(sys.modules))\n"
    done, names = imported("-c", code)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "verifier.serve.app" in names
    assert loaded(names, (*HEAVY[:-1], *SEARCH)) == []  # rich renders the step marks; nothing else heavy


def test_importing_the_package_is_light_and_its_names_still_work() -> None:
    code = (
        "import sys, verifier\n"
        "assert 'sympy' not in sys.modules, 'import verifier loaded sympy'\n"
        "from verifier import Identity, Real, ClaimFamily, claim\n"
        "from verifier.outcome import ClaimResult\n"
        "assert hasattr(ClaimFamily, '_repr_latex_') and hasattr(ClaimResult, '_repr_html_')\n"
        "assert verifier.Identity is Identity and 'Identity' in dir(verifier)\n"
        "print(verifier.__version__)\n"
    )
    done, _ = imported("-c", code)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == verifier.__version__
    with pytest.raises(AttributeError, match="NoSuchName"):
        _ = verifier.NoSuchName  # type: ignore[attr-defined]


def test_checking_a_trivial_claim_loads_no_search_library() -> None:
    done, names = imported("-m", "verifier", "check", "autograd_binary.pow_rule_base", "--no-cache", "-q")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "1 PROVED" in done.stdout
    assert "sympy" in names  # the claim was verified, and its worker's imports were seen
    # the shrinker's module is imported by the process that holds the module, whatever the run's claims, so
    # that a claim's work is the same alone as in a whole run (tests/run/test_run_hosts.py); no search library
    # is, nor hypothesis (0.1 s of a trivial check, which verifier.run.plan.SHRINKER imported until issue 42)
    assert loaded(names, SEARCH) == []
    assert loaded(names, ("scipy",)) == []  # scipy.special (0.15 s): for a claim that evaluates its functions
    assert "verifier.run.baseline" not in names  # no --baseline: nothing to compare, nothing to import


@pytest.mark.slow
def test_a_counterexample_still_loads_the_shrinker(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        "import sympy as sp\n"
        "from verifier import Identity, Real, claim\n\n"
        "@claim(expect='refuted')\n"
        "def square_of_sum():\n"
        '    """(x + y)² = x² + y²."""\n'
        "    x, y = sp.symbols('x y')\n"
        "    return Identity((x + y) ** 2, x**2 + y**2, where={x: Real(), y: Real()})\n"
    )
    done, _ = imported("-m", "verifier", "check", str(wrong), "--no-cache", "--json", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "simplest values found by the shrinker" in (tmp_path / "r.json").read_text()


COLLECTIONS = (
    "import gc, sys\n"
    "from verifier.cli import main\n"
    "from verifier.run import plan\n"
    "seen = []\n"
    "gc.callbacks.append(lambda phase, info: seen.append(info['generation']) if phase == 'stop' else None)\n"
    "with main.imports_uncollected():\n"
    "    import verifier.cli.commands\n"
    "assert 'sympy' in sys.modules and gc.isenabled(), 'the engine is imported and the collector back on'\n"
    "assert seen == [], f'no collection during the imports, nor after them: {seen}'\n"
    "assert gc.get_freeze_count() > 10_000, 'what the imports made is frozen, as before a fork'\n"
    "seen.clear()\n"
    "plan.share_imports(shrinker=True)\n"
    "assert 'verifier.numeric.shrink' in sys.modules and 'hypothesis' not in sys.modules and gc.isenabled()\n"
    "assert seen in ([], [0]), f'no collection during the shared imports (one young one after): {seen}'\n"
    "print('ok')\n"
)


def test_the_engine_is_imported_with_the_collector_off() -> None:
    """The CLI imports the engine, and a holder the shared imports, without cyclic collections; the CLI then
    freezes what they made, uncollected (a full collection cost 0.09 s of a `check` to free some 500 objects)."""
    done, _ = imported("-c", COLLECTIONS)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_only_commands_that_verify_re_execute_for_the_hash_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(os, "execve", lambda path, argv, env: calls.append(argv))
    monkeypatch.delenv("PYTHONHASHSEED", raising=False)
    monkeypatch.delenv("VERIFIER_NO_REEXEC", raising=False)
    for command in ("list", "show", "merge", None):
        cli.fix_hash_seed(command)
    assert calls == []
    cli.fix_hash_seed("check")
    assert len(calls) == 1
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    cli.fix_hash_seed("verify-all")
    assert len(calls) == 1


def test_a_command_that_verifies_runs_again_before_the_first_process_imports_the_cli(tmp_path: Path) -> None:
    """`python -m verifier check …` re-executes for the hash seed before it imports argparse and the parser, so
    only the process that runs the command imports them."""
    done, _ = imported("-m", "verifier", "check", "no.such_claim", str(tmp_path), env={"PYTHONHASHSEED": "random"})
    assert done.returncode == 2, done.stderr[-2000:]  # nothing to check in an empty folder
    parsers = [line for line in done.stderr.splitlines() if line.rpartition("|")[2].strip() == "verifier.cli.parser"]
    assert len(parsers) == 1, parsers


BLAS_PROBE = """
import os

import sympy as sp

from verifier import Identity, Real, claim


@claim()
def threads() -> Identity:
    \"\"\"The claim's worker reports its BLAS threads (the builder is user code, run in the worker).\"\"\"
    with open(os.environ["PROBE_OUT"], "a") as out:
        out.write(os.environ.get("OPENBLAS_NUM_THREADS", "unset") + "\\n")
    x = sp.Symbol("x")
    return Identity(x + x, 2 * x, where={x: Real()})
"""


@pytest.mark.parametrize(("given", "seen"), [(None, "1"), ("2", "2")])
def test_a_claim_runs_with_one_blas_thread_unless_the_user_says(tmp_path: Path, given: str | None, seen: str) -> None:
    """A verifying command sets OPENBLAS_NUM_THREADS before numpy loads (its threads only compete with the
    pool's other workers); a value the user set is kept."""
    (tmp_path / "probe.py").write_text(BLAS_PROBE)
    out = tmp_path / "threads.txt"
    env = {"PROBE_OUT": str(out), **({"OPENBLAS_NUM_THREADS": given} if given else {})}
    done, _ = imported("-m", "verifier", "check", str(tmp_path / "probe.py"), "--no-cache", "-q", env=env)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert set(out.read_text().split()) == {seen}


def test_a_dotted_pattern_loads_only_the_files_that_can_hold_it(tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("% claim: softmax.odd_name\n")
    assert loader.may_hold("derivations/softmax.py", "softmax.jacobian")
    assert not loader.may_hold("derivations/logistic_loss.py", "softmax.jacobian")
    assert loader.may_hold(str(other), "softmax.odd_name")  # a claim whose own name has a dot
    assert loader.may_hold("derivations/logistic_loss.py", "soft*.jacobian")
    assert loader.may_hold("derivations/logistic_loss.py", "jacobian")
    # a glob whose text before the glob has a dot is read the same way ('check logistic_loss.hess*' loaded all
    # 45 files of the library, 53 s with --no-cache, for the 3 claims of one)
    assert loader.may_hold("derivations/logistic_loss.py", "logistic_loss.hess*")
    assert not loader.may_hold("derivations/softmax.py", "logistic_loss.hess*")
    assert loader.may_hold(str(other), "softmax.odd_na?e")


def test_every_file_whose_claim_a_glob_selects_may_hold_it() -> None:
    """may_hold is never False for a file with a claim the pattern selects: every key of the library, under globs
    cut from it at each place (with *, ?, and a [class])."""
    keys = json.loads((ROOT / "tests/data/baseline.json").read_text())["claims"]
    files = {p.stem: str(p) for p in sorted((ROOT / "derivations").iterdir()) if p.suffix in (".py", ".md", ".tex")}
    for key in keys:
        path = files[key.partition(".")[0]]
        for cut in range(1, len(key)):
            for pattern in (key[:cut] + "*", key[:cut] + "?" + key[cut + 1 :], f"{key[:cut]}[{key[cut]}]*"):
                if plan.matches_key(key, pattern):
                    assert loader.may_hold(path, pattern), (key, pattern)


SHARE_OPTIONAL = """
import sys
from verifier.run import plan
plan.share_optional(["derivations/softmax.py", "derivations/softmax.py"])
print(any(name in sys.modules for name in plan.OPTIONAL))
plan.share_optional(["derivations/softmax.py", "derivations/dropout.py"])
print(all(name in sys.modules for name in plan.OPTIONAL))
"""


def test_only_a_run_of_several_files_imports_the_optional_libraries_before_it_forks() -> None:
    """One file (a `check`) leaves scipy.special and Clarabel to the claims that need them (0.3 s of a trivial
    check); a run of several imports them once, instead of once in each such claim's worker."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SHARE_OPTIONAL], capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["False", "True"]


def test_a_library_imported_on_first_use_costs_no_heartbeats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "heavy_at_import.py").write_text("JUNK = [[i] for i in range(50_000)]\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    budget.start_claim()
    before = budget.heartbeats()
    (heavy,) = budget.first_use("heavy_at_import")
    assert len(heavy.JUNK) == 50_000
    assert budget.heartbeats() == before
    monkeypatch.delitem(sys.modules, "heavy_at_import")


ORDER = (
    "import sys, types\n"
    "import numpy, hypothesis\n"
    "from verifier.run import plan\n"
    "stand_in = types.ModuleType('verifier.numeric.shrink')\n"  # a shrinker whose module never touches numpy.random
    "sys.modules['verifier.numeric.shrink'] = stand_in\n"
    "assert 'numpy.random' not in sys.modules\n"
    "plan.share_imports(shrinker=True)\n"
    "names = list(sys.modules)\n"
    "print(names.index('hypothesis') < names.index('numpy.random'))\n"
)


def test_a_holder_imports_numpy_random_after_hypothesis_whatever_the_shrinker_module_imports() -> None:
    """Work counts follow whether a holder has numpy.random and whether hypothesis came first: the shared
    imports name it, so an edit to the shrinker's module cannot move them."""
    done, _ = imported("-c", ORDER)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "True"


HIJACK = "import sys\nsys.stderr.write('HIJACKED\\n')\nraise SystemExit(3)\n"
SCRIPT = "import sys\nfrom verifier.cli.main import main\nsys.exit(main())\n"  # what pip writes for `verifier`


def test_the_console_script_never_imports_from_the_working_directory(tmp_path: Path) -> None:
    """`verifier check` run where a student's files are: their numpy.py is not imported in the re-run (it was,
    outside any sandbox, because the re-run is `python -m verifier`, which puts the working directory first)."""
    work, bin_dir = tmp_path / "alice", tmp_path / "bin"
    work.mkdir()
    bin_dir.mkdir()
    (work / "numpy.py").write_text(HIJACK)
    (work / "sympy.py").write_text(HIJACK)
    (work / "ridge.py").write_text(
        "import sympy as sp\nfrom verifier import Identity, Real, claim\n\n\n@claim()\ndef doubled() -> Identity:\n"
        "    x = sp.Symbol('x')\n    return Identity(x + x, 2 * x, where={x: Real()})\n"
    )
    (bin_dir / "verifier").write_text(SCRIPT)
    env = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": CACHE_HOME}
    env.pop("PYTHONHASHSEED", None)
    done = subprocess.run([sys.executable, str(bin_dir / "verifier"), "check", "ridge.py", "--no-cache", "-q"],
                          capture_output=True, text=True, cwd=work, timeout=300, env=env)  # fmt: skip
    assert "HIJACKED" not in done.stderr
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "1 PROVED" in done.stdout


def test_python_dash_m_keeps_the_path_python_gave_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The re-run adds -P only where the first process did not have the working directory first."""
    from verifier.cli import reexec

    monkeypatch.setattr(sys, "path", [os.getcwd(), *sys.path[1:]])
    assert reexec.path_flags() == []
    monkeypatch.setattr(sys, "path", ["/opt/venv/bin", *sys.path[1:]])
    assert reexec.path_flags() == ["-P"]


def test_a_derivation_imports_the_module_beside_it_from_any_working_directory(tmp_path: Path) -> None:
    """Its own folder is on the path while it loads, as for a script; the working directory is not (above)."""
    (tmp_path / "derivs").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "derivs" / "helper.py").write_text("def doubled(x):\n    return 2 * x\n")
    (tmp_path / "derivs" / "ridge.py").write_text(
        "import sympy as sp\nfrom helper import doubled\nfrom verifier import Identity, Real, claim\n\n\n"
        "@claim()\ndef gradient() -> Identity:\n    x = sp.Symbol('x')\n"
        "    return Identity(x + x, doubled(x), where={x: Real()})\n"
    )
    (tmp_path / "verifier_script").write_text(SCRIPT)
    env = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": CACHE_HOME}
    done = subprocess.run([sys.executable, str(tmp_path / "verifier_script"), "check", "../derivs/ridge.py",
                           "--no-cache", "-q"], capture_output=True, text=True, cwd=tmp_path / "elsewhere",
                          timeout=300, env=env)  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "1 PROVED" in done.stdout
    before = list(sys.path)
    assert [f.name for f in loader.load(tmp_path / "derivs" / "ridge.py").families] == ["gradient"]
    assert sys.path == before  # the folder is on the path only while the file loads
    assert "helper" not in sys.modules  # nor is its helper kept for a file elsewhere


def test_two_folders_each_with_a_helper_of_the_same_name_get_their_own_in_one_process(tmp_path: Path) -> None:
    """A notebook or the API loads a.py, then b.py from another folder: b's `from helper import k` is b's helper,
    not a's kept from before (b's claim was built from a's numbers)."""
    body = "from helper import k\nimport sympy as sp\nfrom verifier import Identity, Real, claim\n\n\n@claim()\n"
    for folder, k in (("a", 2), ("b", 3)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "helper.py").write_text(f"k = {k}\n")
        (tmp_path / folder / f"{folder}.py").write_text(
            body + f"def times_{folder}() -> Identity:\n    x = sp.Symbol('x')\n"
            f"    return Identity(k * x, {k} * x, where={{x: Real()}})\n"
        )
    for folder, k in (("a", 2), ("b", 3)):
        (family,) = loader.load(tmp_path / folder / f"{folder}.py").families
        built = family.build(None)
        assert str(built.body.lhs) == f"{k}*x", (folder, built.body)


SEED_PROBE = """
import os, sys

import sympy as sp

from verifier import Identity, Real, claim


@claim()
def seeded() -> Identity:
    \"\"\"The claim's worker reports whether its hash seed is fixed (0: PYTHONHASHSEED=0 took effect).\"\"\"
    with open(os.environ.get("PROBE_OUT", "/dev/null"), "a") as out:
        out.write(f"{sys.flags.hash_randomization}\\n")
    x = sp.Symbol("x")
    return Identity(x + x, 2 * x, where={x: Real()})
"""


@pytest.mark.parametrize("flags", [[], ["-I"], ["-E"]])
def test_the_re_run_keeps_the_fixed_seed_and_no_empty_path_entry_brings_the_folder_back(
    tmp_path: Path, flags: list[str]
) -> None:
    """`PYTHONPATH=:/opt/tools` has an empty entry, which Python reads as the working directory: the re-run drops
    it. Under -I or -E the re-run would ignore PYTHONHASHSEED: it emulates them instead, and the seed is fixed."""
    work, bin_dir = tmp_path / "alice", tmp_path / "bin"
    work.mkdir()
    bin_dir.mkdir()
    (work / "numpy.py").write_text(HIJACK)
    (work / "probe.py").write_text(SEED_PROBE)
    (bin_dir / "verifier").write_text(SCRIPT)
    out = tmp_path / "seed.txt"
    env = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": os.pathsep + str(ROOT), "PROBE_OUT": str(out),
           "XDG_CACHE_HOME": CACHE_HOME}  # fmt: skip
    done = subprocess.run([sys.executable, *flags, str(bin_dir / "verifier"), "check", "probe.py", "--no-cache", "-q"],
                          capture_output=True, text=True, cwd=work, timeout=300, env=env)  # fmt: skip
    assert "HIJACKED" not in done.stderr
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert set(out.read_text().split()) == {"0"}
