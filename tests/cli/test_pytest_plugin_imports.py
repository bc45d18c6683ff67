"""`pytest --derivations FOLDER` collects a claim once, under the file that declares it: uses.py's
`from base import square` made square an item of uses.py as well."""

from __future__ import annotations

import pytest

from tests.cli.test_pytest_plugin import SAMPLES, KeepModules, keep_modules, put_back, run
from tests.fixtures.imported import write_pair

pytest_plugins = ["pytester"]
__all__ = ["keep_modules"]  # autouse here too: pytester's runs forget the modules they imported, it puts them back


def test_an_imported_claim_is_one_item_of_its_own_file(pytester: pytest.Pytester) -> None:
    write_pair(pytester.path / "derivs")
    result = run(pytester, "--derivations", "derivs", *SAMPLES)
    result.stdout.fnmatch_lines(["collected 3 items"])
    result.assert_outcomes(passed=3)
    listed = run(pytester, "--derivations", "derivs", "--collect-only", "-q", *SAMPLES)
    listed.stdout.fnmatch_lines(["derivs/base.py::base.square", "derivs/uses.py::uses.cube"])
    listed.stdout.no_fnmatch_line("*uses.py::uses.square")


def test_the_corollary_alone_finds_the_claim_its_file_imported(pytester: pytest.Pytester) -> None:
    write_pair(pytester.path / "derivs")
    recorder = pytester.inline_run(
        "--derivations", "derivs/uses.py::uses.nonnegative", *SAMPLES, plugins=[KeepModules(pytester.path)]
    )
    put_back()
    (report,) = [r for r in recorder.getreports("pytest_runtest_logreport") if r.when == "call"]
    properties = dict(report.user_properties)
    assert report.passed and properties["status"] == "PROVED"
    assert "cites square (PROVED)" in properties["reason"]
