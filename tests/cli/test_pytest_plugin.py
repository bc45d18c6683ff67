"""`pytest --derivations PATH` collects claims as items, tested with pytester (in process where possible)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

pytest_plugins = ["pytester"]

KEPT: dict[str, ModuleType] = {}


class KeepModules:
    """pytester forgets the modules an in-process run imported, so that the next run would import
    numpy, scipy and the verifier's lazily imported modules a second time, as other objects (an
    isinstance across the two copies fails). This plugin records them; they are put back after."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = str(scratch)

    def pytest_unconfigure(self) -> None:
        for name, module in list(sys.modules.items()):
            if not str(getattr(module, "__file__", None) or "").startswith(self.scratch):  # not the run's own files
                KEPT.setdefault(name, module)


def put_back() -> None:
    for name, module in KEPT.items():
        sys.modules.setdefault(name, module)


@pytest.fixture(autouse=True)
def keep_modules() -> Iterator[None]:
    """Set up before pytester and torn down after it: put back what its last restore forgot."""
    yield
    put_back()


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """An in-process run that leaves the modules it imported in place."""
    result = pytester.runpytest(*args, plugins=[KeepModules(pytester.path)])
    put_back()
    return result


MODULE = '''
"""Two claims about a square."""
import sympy as sp
from verifier import Identity, Real, claim

x, y = sp.symbols("x y")

@claim()
def square_of_sum():
    """(x + y)² = x² + 2xy + y²."""
    return Identity((x + y) ** 2, x**2 + 2 * x * y + y**2, where={x: Real(), y: Real()})

@claim()
def freshman_dream():
    """(x + y)² = x² + y² (stated as true, which it is not)."""
    return Identity((x + y) ** 2, x**2 + y**2, where={x: Real(), y: Real()})
'''

COROLLARY = '''
"""A premise and what follows from it."""
import sympy as sp
from verifier import Corollary, Identity, Inequality, Real, claim

x = sp.Symbol("x")

@claim()
def premise():
    """(x - 1)² = x² - 2x + 1."""
    return Identity((x - 1) ** 2, x**2 - 2 * x + 1, where={x: Real()})

@claim()
def follows():
    """x² + 1 ≥ 2x."""
    return Corollary(of=("premise",), because="a square is ≥ 0",
                     states=Inequality(x**2 + 1, ">=", 2 * x, where={x: Real()}))

@claim()
def cites_nothing_real():
    """x² ≥ 0."""
    return Corollary(of=("no_such_claim",), because="?", states=Inequality(x**2, ">=", 0, where={x: Real()}))
'''

SAMPLES = ("--derivation-samples", "30", "-p", "no:cacheprovider")


@pytest.fixture
def square(pytester: pytest.Pytester) -> pytest.Pytester:
    (pytester.mkdir("derivs") / "square.py").write_text(MODULE)
    return pytester


def test_claims_are_collected_in_the_collection_phase_and_failures_show_evidence(square: pytest.Pytester) -> None:
    result = run(square, "--derivations", "derivs", *SAMPLES)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "collected 2 items",
            "*square.freshman_dream*",
            "*REFUTED (expected holds): counterexample*",
            "*replay: verifier check square.freshman_dream derivs/square.py --seed 0 --samples *",
            "FAILED derivs/square.py::square.freshman_dream - REFUTED*",
        ]
    )
    result.stdout.no_fnmatch_line("*n = None*")  # a claim without a size has no n to show


def test_collect_only_lists_the_node_ids(square: pytest.Pytester) -> None:
    result = run(square, "--derivations", "derivs", "--collect-only", "-q", *SAMPLES)
    result.stdout.fnmatch_lines(["derivs/square.py::square.square_of_sum", "derivs/square.py::square.freshman_dream"])


@pytest.mark.parametrize(
    "args",
    [
        ("--derivations", "derivs/square.py::square.square_of_sum"),
        ("derivs/square.py::square.square_of_sum", "--derivations", "derivs"),
    ],
    ids=["as-option", "as-argument"],
)
def test_a_node_id_given_back_runs_that_claim_alone(square: pytest.Pytester, args: tuple[str, ...]) -> None:
    result = run(square, *args, *SAMPLES)
    result.stdout.fnmatch_lines(["collected 1 item"])
    result.assert_outcomes(passed=1)


def test_k_selects_claims_by_name(square: pytest.Pytester) -> None:
    result = run(square, "--derivations", "derivs", "-k", "square_of_sum", *SAMPLES)
    result.assert_outcomes(passed=1, deselected=1)


def test_a_missing_path_or_a_node_id_without_its_file_is_a_usage_error(square: pytest.Pytester) -> None:
    missing = run(square, "--derivations", "nowhere", *SAMPLES)
    assert missing.ret == pytest.ExitCode.USAGE_ERROR
    missing.stderr.fnmatch_lines(["*--derivations: nowhere: no such derivation file or folder*"])
    bare = run(square, "--derivations", "::square.square_of_sum", *SAMPLES)
    assert bare.ret == pytest.ExitCode.USAGE_ERROR
    bare.stderr.fnmatch_lines(["*a node id names its file: PATH::derivation.claim*"])


def test_a_file_that_does_not_load_is_a_collection_error(pytester: pytest.Pytester) -> None:
    (pytester.mkdir("derivs") / "broken.py").write_text("raise ValueError('nope')\n")
    result = run(pytester, "--derivations", "derivs", *SAMPLES)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["*ERROR collecting derivs/broken.py*", "*ValueError while loading: nope*"])
    result.stdout.no_fnmatch_line("*INTERNALERROR*")


def test_a_corollary_run_alone_verifies_the_claims_it_cites(pytester: pytest.Pytester) -> None:
    (pytester.mkdir("derivs") / "bound.py").write_text(COROLLARY)
    recorder = pytester.inline_run(
        "--derivations", "derivs/bound.py::bound.follows", *SAMPLES, plugins=[KeepModules(pytester.path)]
    )
    put_back()
    (report,) = [r for r in recorder.getreports("pytest_runtest_logreport") if r.when == "call"]
    properties = dict(report.user_properties)
    assert report.passed and properties["status"] == "PROVED"
    assert "cites premise (PROVED)" in properties["reason"]


def test_a_corollary_citing_an_unknown_claim_fails(pytester: pytest.Pytester) -> None:
    (pytester.mkdir("derivs") / "bound.py").write_text(COROLLARY)
    result = run(pytester, "--derivations", "derivs/bound.py::bound.cites_nothing_real", *SAMPLES)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*ERROR (expected holds): cites unknown claim(s) of its file: no_such_claim*"])


@pytest.mark.slow
def test_corollaries_hold_under_xdist(pytester: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    (pytester.mkdir("derivs") / "bound.py").write_text(COROLLARY)
    args = ("-n", "2", "--derivations", "derivs", "-k", "not cites_nothing", "--junitxml", "out.xml", *SAMPLES)
    result = pytester.runpytest_subprocess(*args)
    result.assert_outcomes(passed=2)  # one item per worker: the corollary's premise ran on the other one
    assert "cites premise (PROVED)" in (pytester.path / "out.xml").read_text()


def test_without_the_option_nothing_is_collected(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_plain="def test_ok():\n    assert True\n")
    (pytester.mkdir("derivations") / "square.py").write_text(MODULE)
    result = run(pytester, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_the_usual_tests_run_beside_the_claims(square: pytest.Pytester) -> None:
    square.makepyfile(test_plain="def test_ok():\n    assert True\n")
    result = run(square, "test_plain.py", "--derivations", "derivs", "-k", "ok or square_of_sum", *SAMPLES)
    result.assert_outcomes(passed=2, deselected=1)


NOTES = """```verifier
x: real
```

% claim: square
$$ (x + 1)^2 = x^2 + 2x + 1 $$

% claim: broken
$$ x + q = q + x $$
"""


def test_latex_chains_become_items_and_a_parse_error_fails_with_its_line(pytester: pytest.Pytester) -> None:
    (pytester.mkdir("notes") / "notes.md").write_text(NOTES)
    result = run(pytester, "--derivations", "notes", *SAMPLES)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["collected 2 items", "*ERROR (expected holds): *notes.md:9:8: undeclared symbol q*"])
    assert "replay:" not in result.stdout.str()  # nothing to replay for a chain that does not read


COUNTED = '''
"""A claim that notes which process builds it."""
import os
import sympy as sp
from verifier import Identity, Real, claim

x = sp.Symbol("x")

@claim()
def square():
    """(x + 1)² = x² + 2x + 1."""
    with open("built.log", "a") as log:
        log.write(f"{os.getpid()}\\n")
    return Identity((x + 1) ** 2, x**2 + 2 * x + 1, where={x: Real()})
'''


def test_claims_run_in_the_runners_workers_and_a_second_run_reads_the_cache(pytester: pytest.Pytester) -> None:
    import os

    (pytester.mkdir("derivs") / "counted.py").write_text(COUNTED)
    log = pytester.path / "built.log"
    run(pytester, "--derivations", "derivs", *SAMPLES).assert_outcomes(passed=1)
    builders = {int(pid) for pid in log.read_text().split()}
    assert builders and os.getpid() not in builders  # verified in a worker (an in-process run is this process)
    assert (pytester.path / ".verifier-cache").is_dir()  # verify-all's cache, in its default place
    log.unlink()
    run(pytester, "--derivations", "derivs", *SAMPLES).assert_outcomes(passed=1)
    assert not log.exists()  # the result came from the cache: nothing was built
    run(pytester, "--derivations", "derivs", "--derivation-no-cache", *SAMPLES).assert_outcomes(passed=1)
    assert log.exists()


LOADED = '''
"""Four claims; the module writes a line each time a process executes it."""
import os
import sympy as sp
from verifier import Identity, Real, claim

with open(os.environ["LOADED_LOG"], "a") as log:
    print(os.getpid(), file=log)
x = sp.Symbol("x")

@claim()
def one():
    return Identity((x + 1) ** 2, x**2 + 2 * x + 1, where={x: Real()})

@claim()
def two():
    return Identity((x + 2) ** 2, x**2 + 4 * x + 4, where={x: Real()})

@claim()
def three():
    return Identity((x + 3) ** 2, x**2 + 6 * x + 9, where={x: Real()})

@claim()
def four():
    return Identity((x + 4) ** 2, x**2 + 8 * x + 16, where={x: Real()})
'''


@pytest.mark.slow
def test_under_xdist_loadgroup_a_file_is_verified_in_one_run(pytester: pytest.Pytester) -> None:
    """One runner for the file's four items, not one each (which loaded the module again for every item)."""
    pytest.importorskip("xdist")
    (pytester.mkdir("derivs") / "loaded.py").write_text(LOADED)
    log = pytester.path / "loaded.log"
    args = ("-n", "2", "--dist", "loadgroup", "--derivations", "derivs", *SAMPLES)
    with pytest.MonkeyPatch.context() as patched:
        patched.setenv("LOADED_LOG", str(log))
        pytester.runpytest_subprocess(*args).assert_outcomes(passed=4)
    # each worker's collection, and the host of the one run, in the clean process of the worker that ran the file
    assert len(log.read_text().split()) == 3


def test_the_claims_are_verified_in_a_clean_process_that_loads_the_module_once(pytester: pytest.Pytester) -> None:
    """Collection loads the module here to list its claims; the run loads it once more, in its clean process's host
    (not in pytest's process, whose hash seed and modules moved the work counts), once for its four claims."""
    import os

    (pytester.mkdir("derivs") / "loaded.py").write_text(LOADED)
    log = pytester.path / "loaded.log"
    with pytest.MonkeyPatch.context() as patched:
        patched.setenv("LOADED_LOG", str(log))
        run(pytester, "--derivations", "derivs", "--derivation-no-cache", *SAMPLES).assert_outcomes(passed=4)
    collected, held = map(int, log.read_text().split())
    assert collected == os.getpid() and held != os.getpid()


def test_a_path_after_the_option_is_pytests_and_the_option_repeats(square: pytest.Pytester) -> None:
    """--derivations takes one PATH: a later path is collected as pytest's own, not loaded as derivations."""
    plain = 'assert __name__ == "test_plain", "loaded as a derivation module"\n\ndef test_ok():\n    assert True\n'
    square.makepyfile(test_plain=plain)
    (square.mkdir("more") / "bound.py").write_text(COROLLARY)
    result = run(square, "--derivations", "derivs", "test_plain.py", "-k", "ok or square_of_sum", *SAMPLES)
    result.assert_outcomes(passed=2, deselected=1)
    both = run(square, "--derivations", "derivs", "--derivations", "more", "-k", "square_of_sum or premise", *SAMPLES)
    both.assert_outcomes(passed=2, deselected=4)


def test_the_old_form_still_verifies_a_folder_of_derivations_after_the_option_with_a_warning(
    square: pytest.Pytester,
) -> None:
    """`--derivations a b` verified b's claims until --derivations took one PATH: for a release, a b that holds
    derivations and no tests is still verified, with a warning that says what to write instead."""
    (square.mkdir("more") / "bound.py").write_text(COROLLARY)
    result = run(square, "--derivations", "derivs", "more", "-k", "square_of_sum or premise", *SAMPLES)
    result.assert_outcomes(passed=2, deselected=3)  # more/bound.py's three claims, and square.py's two
    result.stdout.fnmatch_lines(["*OldDerivationsForm*--derivations more*"])
    square.makepyfile(test_plain="def test_ok():\n    assert True\n")  # a path with tests is pytest's own
    tests = run(square, "--derivations", "derivs", "test_plain.py", "-k", "ok or square_of_sum", *SAMPLES)
    tests.assert_outcomes(passed=2, deselected=1)
    assert "OldDerivationsForm" not in tests.stdout.str()


DEEP = '''
"""A claim that notes how many frames deep its worker builds it."""
import os
import sys
import sympy as sp
from verifier import Identity, Real, claim

x = sp.Symbol("x")

@claim()
def square():
    """(x + 1)² = x² + 2x + 1."""
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    with open(os.environ["DEPTH_LOG"], "a") as log:
        print(depth, file=log)
    return Identity((x + 1) ** 2, x**2 + 2 * x + 1, where={x: Real()})
'''


def test_the_claims_are_verified_as_shallow_in_the_stack_as_the_clis(pytester: pytest.Pytester) -> None:
    """Not below pytest's frames: forked from there, a claim's recursion that crosses the end of one of CPython's
    frame chunks to and fro maps and unmaps it at each crossing (the plugin's run is in a clean process, on a fresh
    stack: `verifier.run.zygote.verify_run`, `verifier.run.fresh_stack`)."""
    import subprocess

    (pytester.mkdir("derivs") / "deep.py").write_text(DEEP)
    log = pytester.path / "depth.log"
    with pytest.MonkeyPatch.context() as patched:
        patched.setenv("DEPTH_LOG", str(log))
        run(pytester, "--derivations", "derivs", "--derivation-no-cache", *SAMPLES).assert_outcomes(passed=1)
        plugin = int(log.read_text())
        log.unlink()
        command = [sys.executable, "-m", "verifier", "verify-all", "derivs", "--no-cache", "--samples", "30", "-q"]
        subprocess.run(command, cwd=pytester.path, check=True, capture_output=True)
        cli = int(log.read_text())
    assert plugin <= cli, f"the plugin's claim was built {plugin} frames deep, the CLI's {cli}"


USES_A_HELPER = '''
"""A claim built with a helper of the project's, importable where pytest's `pythonpath` says."""
import sympy as sp
from squares import expanded
from verifier import Identity, Real, claim

x = sp.Symbol("x")

@claim()
def square_expanded():
    return Identity((x + 1) ** 2, expanded(x), where={x: Real()})
'''


def test_a_derivation_imports_what_pytests_pythonpath_makes_importable(pytester: pytest.Pytester) -> None:
    """The run's clean process sees the import paths pytest added (here its `pythonpath` setting), after its own:
    a derivation that loads under pytest's collection loads in the run too."""
    (pytester.mkdir("helpers") / "squares.py").write_text("def expanded(x):\n    return x**2 + 2 * x + 1\n")
    (pytester.mkdir("derivs") / "uses_helper.py").write_text(USES_A_HELPER)
    pytester.makeini("[pytest]\npythonpath = helpers\n")
    run(pytester, "--derivations", "derivs", "--derivation-no-cache", *SAMPLES).assert_outcomes(passed=1)


SECOND_LOAD_FAILS = '''
"""A module that loads once (at collection) and raises when the runner loads it again."""
import os
import sympy as sp
from verifier import Identity, Real, claim

if os.path.exists("collected.flag"):
    raise RuntimeError("the second load of this module fails")
open("collected.flag", "w").close()
x = sp.Symbol("x")

@claim()
def cube():
    """(x + 1)³ = x³ + 3x² + 3x + 1."""
    return Identity((x + 1) ** 3, x**3 + 3 * x**2 + 3 * x + 1, where={x: Real()})
'''


def test_a_module_that_fails_in_the_runner_fails_its_items_with_the_reason(pytester: pytest.Pytester) -> None:
    (pytester.mkdir("derivs") / "flaky.py").write_text(SECOND_LOAD_FAILS)
    result = run(pytester, "--derivations", "derivs", "--derivation-no-cache", *SAMPLES)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*RuntimeError while loading: the second load of this module fails*"])


FAMILY_HOOK = '''
import warnings

def pytest_collection_modifyitems(items):
    for item in items:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                name = item.family.name
            except LookupError as err:
                name = f"none ({err})"
        print(f"ITEM {item.claim} FAMILY {name} {caught[0].category.__name__}")
'''


def test_an_items_family_is_still_there_for_a_release_with_a_deprecation_warning(pytester: pytest.Pytester) -> None:
    (pytester.mkdir("notes") / "notes.md").write_text(NOTES)
    pytester.makeconftest(FAMILY_HOOK)
    result = run(pytester, "--derivations", "notes", "--collect-only", "-s", *SAMPLES)
    result.stdout.fnmatch_lines([
        "*ITEM square FAMILY square DeprecationWarning*",
        "*ITEM broken FAMILY none (broken: *notes.md:9:8: undeclared symbol q*) DeprecationWarning*",
    ])  # fmt: skip


TWINS = """```verifier
x: real
```

% claim: twin
$$ (x + 1)^2 = x^2 + 2x + 1 $$

% claim: twin
$$ (x + 1)^2 = x^2 + 1 $$
"""


def test_a_true_and_a_false_chain_under_one_name_never_pass(pytester: pytest.Pytester) -> None:
    """Collection lists a name once; the run reads both chains and refuses the pair, so the false one cannot hide
    behind the true one's verdict."""
    (pytester.mkdir("notes") / "twins.md").write_text(TWINS)
    result = run(pytester, "--derivations", "notes", *SAMPLES)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*two claims are named 'twin'; rename one*"])


CHAIN_WITH_A_SLIP = r"""# a sign slip

```verifier
x, y, w: real
```

$$
\frac{d}{dw} \log(1 + e^{-y w x}) = \frac{-y x}{1 + e^{y w x}}
  = \frac{y x}{1 + e^{y w x}}
$$
"""


def test_a_failing_chain_shows_its_lines_with_the_wrong_one_marked_and_the_diagnosis(
    pytester: pytest.Pytester,
) -> None:
    (pytester.mkdir("derivs") / "slip.md").write_text(CHAIN_WITH_A_SLIP)
    result = run(pytester, "--derivations", "derivs", *SAMPLES)
    assert result.ret == 1
    out = result.stdout.str()
    assert "chain slip.slip_1:" in out
    assert "     1 = \\frac{-y x}{1 + e^{y w x}}  PROVED" in out
    assert "  ➜  2 = \\frac{y x}{1 + e^{y w x}}  REFUTED" in out
    assert "diagnosis (sign): the sides have opposite signs" in out
