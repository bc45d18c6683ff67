"""The suite's fixtures and its one rule for what is slow.

Slow is decided by folder: everything under tests/quality/ (soundness probes, mutants, fuzzing, red teams)
and tests/e2e/ (whole processes: the CLI end to end, browsers, Dask, the sandbox) is slow. In a layer's
folder (tests/engine/, tests/run/, ...) only a module or a test that marks itself `pytest.mark.slow` is.
`python3 -m pytest -m "not slow"` is the quick loop: every layer's folder, in about two minutes on 2 cores.
CI runs everything.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from tests.support import CACHE_HOME  # noqa: F401  (imported first: it points XDG_CACHE_HOME at the tests' own)

TESTS = Path(__file__).resolve().parent
SLOW_FOLDERS = ("quality", "e2e")


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (pyproject's addopts) starts one worker more than the cores this process may use.

    Many tests spend much of their time waiting, not computing: on a sandbox, a server's reply, a time limit, a
    Dask scheduler. One worker more fills those waits. The whole suite on the 2-core machine, idle, in one
    snapshot: 409 s with 2 workers, 352 s with 3, 371 s with 4, with the same tests passing and the same probes
    UNKNOWN (issue 42). PYTEST_XDIST_AUTO_NUM_WORKERS still sets the number, as xdist documents.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores + 1


@pytest.fixture
def module_dir(tmp_path: Path) -> Path:
    d = tmp_path / "mine"
    d.mkdir()
    return d


@functools.cache  # asked once per test, of a few hundred modules: resolving each path every time cost 0.7 s
def shelf_of(path: Path) -> str:
    """The folder of tests/ a test module sits in ("" for tests/ itself and anything outside it)."""
    parts = path.resolve().relative_to(TESTS).parts if path.resolve().is_relative_to(TESTS) else ()
    return parts[0] if len(parts) > 1 else ""


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if shelf_of(item.path) in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)
    # Modules with a slow test first, each module's tests kept together (its fixtures are set up once): xdist
    # hands out groups by size and then single tests in this order, so a minute-long test no longer starts
    # last, on one worker while the other has nothing left to do.
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)
