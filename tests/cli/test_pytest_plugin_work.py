"""`pytest --derivations` verifies each claim as the CLI does, down to the work each proof took (issue 42)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support import ROOT, run_cli

pytest_plugins = ["pytester"]

# in the pytest run: each claim's work by n, as its result says, written when the session ends
DUMP_WORK = """
import json
from verifier.cli import pytest_plugin

def pytest_sessionfinish(session):
    results = session.config.stash.get(pytest_plugin.RESULTS, {})
    work = {name: [[p.n, p.work] for p in r.proofs] for (_, name), r in results.items()}
    with open("plugin_work.json", "w") as out:
        json.dump(work, out)
"""


@pytest.mark.slow
def test_each_proof_takes_the_work_it_takes_under_the_cli(pytester: pytest.Pytester) -> None:
    """The work (heartbeats) decides how far a proof gets within its budget, so it must not depend on the door.
    Verified in pytest's own process (a random hash seed, pytest's modules), a claim in four of the library took
    other work than under the CLI: in dcp.py, hinge_loss at n = 1, 3 and 4, min_of_affine at n = 1."""
    derivs = pytester.mkdir("derivs")
    shutil.copy(ROOT / "derivations" / "dcp.py", derivs / "dcp.py")
    pytester.makeconftest(DUMP_WORK)
    with pytest.MonkeyPatch.context() as patched:
        patched.setenv("PYTHONPATH", str(ROOT))  # this checkout's verifier, as run_cli's
        patched.delenv("PYTHONHASHSEED", raising=False)  # pytest as a user starts it: the hash seed is random
        result = pytester.runpytest_subprocess("--derivations", "derivs", "--derivation-no-cache", "-p", "no:xdist")
    result.assert_outcomes(passed=21)
    assert "PytestUnknownMarkWarning" not in result.stdout.str()  # the items' xdist_group mark, without xdist
    cli = run_cli("verify-all", "derivs", "--no-cache", "-q", "--json", "cli.json", cwd=pytester.path)
    assert cli.returncode == 0, cli.stdout + cli.stderr
    claims = json.loads(Path(pytester.path / "cli.json").read_text())["claims"]
    expected = {c["name"]: [[p["n"], p["work"]] for p in c["evidence"]["proofs"]] for c in claims}
    found = json.loads((pytester.path / "plugin_work.json").read_text())
    differ = {name: (found.get(name), work) for name, work in expected.items() if found.get(name) != work}
    assert not differ, f"claim: (the plugin's work by n, the CLI's): {differ}"
