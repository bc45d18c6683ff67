"""Shared helpers for the tests: write a derivation file and run the CLI on it."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
# the cache's signing key lives under $XDG_CACHE_HOME (cache.py): the tests make theirs here, never in
# the user's ~/.cache, and it goes when the run ends
CACHE_HOME = tempfile.mkdtemp(prefix="verifier-tests-")
os.environ["XDG_CACHE_HOME"] = CACHE_HOME
atexit.register(shutil.rmtree, CACHE_HOME, ignore_errors=True)


def write_module(folder: Path, name: str, body: str) -> Path:
    path = folder / f"{name}.py"
    path.write_text(textwrap.dedent(body).lstrip())
    return path


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "verifier", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=timeout,
        # PYTHONHASHSEED=0 as the CLI would re-execute itself with (tests/test_startup.py tests that): one
        # interpreter per call instead of two
        env={
            "NO_COLOR": "1",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
            "XDG_CACHE_HOME": CACHE_HOME,
            "PYTHONHASHSEED": "0",
        },
    )


def claims_by_name(report_path: Path) -> dict[str, Any]:
    data = json.loads(report_path.read_text())
    return {c["name"]: c for c in data["claims"]}


@pytest.fixture
def module_dir(tmp_path: Path) -> Path:
    d = tmp_path / "mine"
    d.mkdir()
    return d


# Tests outside the modules marked slow as a whole that took 1.5 s or more each (pytest --junitxml on
# 2 cores, 2026-11-23): marked slow here, so that the quick loop, `python3 -m pytest -m "not slow"`,
# stays under 2 minutes. CI runs everything. A parametrised test is listed once, for all its cases.
SLOW_TESTS = frozenset(
    {
        "test_baseline_time_limit.py::test_the_runner_never_caches_a_time_limited_result",
        "test_cache.py::test_a_warm_run_reads_results_without_importing_the_module",
        "test_cache.py::test_reverify_verifies_again_and_options_are_in_the_key",
        "test_cases.py::test_max_plus_min_is_proved_by_cases",
        "test_chain_library.py::test_a_correct_chain_has_no_wrong_step",
        "test_chain_library.py::test_the_latex_homework_is_proved_or_named_at_its_slip",
        "test_chain_library.py::test_the_planted_slip_is_the_first_wrong_step",
        "test_cli.py::test_alarms_measures_only_the_claims_it_selects",
        "test_cli.py::test_check_accepts_a_file_and_rejects_a_pattern_that_matches_nothing",
        "test_cli.py::test_check_selects_one_claim_and_list_and_show_work",
        "test_cli.py::test_false_alarm_run_counts_seeds_margins_and_real_failures",
        "test_cli.py::test_hanging_claim_times_out_while_others_finish",
        "test_cli.py::test_same_seed_gives_identical_json_apart_from_times",
        "test_cli.py::test_show_and_check_find_a_derivation_below_the_current_folder_by_its_dotted_name",
        "test_cli.py::test_unmet_claim_exits_one_with_replay_line",
        "test_cli.py::test_verify_all_writes_reports_and_exits_zero",
        "test_convexity.py::test_the_search_finds_the_certificate_and_the_claim_is_proved",
        "test_convexity.py::test_the_wrong_versions_are_refuted",
        "test_exact_claims.py::test_the_hall_identity_holds_at_its_stated_size_and_the_failure_at_three_is_a_finding",
        "test_faults.py::test_baseline_catches_a_weakened_verdict",
        "test_faults.py::test_cache_key_changes_when_the_claim_changes",
        "test_faults.py::test_tampered_cache_entry_is_ignored",
        "test_fuzz.py::test_a_real_change_is_never_proved",
        "test_fuzz.py::test_equal_by_construction_is_never_refuted",
        "test_generic_dimension_atoms.py::test_a_wrong_claim_with_atoms_gets_no_bound_and_is_refuted_explicitly",
        "test_latex.py::test_without_lark_a_folder_skips_its_latex_files_with_one_dim_line",
        "test_latex_students.py::test_a_conclusion_undefined_where_the_premise_holds_is_still_refuted",
        "test_merge.py::test_bad_shard_values_and_missing_reports_are_one_line_usage_errors",
        "test_render_terminal.py::test_piped_cli_report_fits_80_columns_and_shows_the_values",
        "test_sandbox.py::test_a_fork_bomb_and_a_snoop_are_contained_and_reported",
        "test_sandbox.py::test_the_process_limit_is_each_sandboxs_own",
        "test_special_functions.py::test_true_special_function_rules_hold",
        "test_startup.py::test_a_counterexample_still_loads_the_shrinker",
    }
)


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if isinstance(item, pytest.Function) and f"{item.path.name}::{item.originalname}" in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
