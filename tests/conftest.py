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
