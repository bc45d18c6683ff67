"""What the tests share: the checkout's root, the tests' own cache folder, a derivation file written, the CLI run."""

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


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 600, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m verifier ARGS` as a user runs it, on this checkout's code, with `env` added to a bare one."""
    base = {
        "NO_COLOR": "1",
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "XDG_CACHE_HOME": CACHE_HOME,
        # as the CLI would re-execute itself with (tests/cli/test_startup.py tests that): one interpreter
        # per call instead of two
        "PYTHONHASHSEED": "0",
    }
    return subprocess.run(
        [sys.executable, "-m", "verifier", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=timeout,
        env={**base, **(env or {})},
    )


def unwrapped(out: str) -> str:
    """A command's terminal output with each line the grader wrapped at the width (its later lines indented by
    four spaces: verifier/render/grades.py) joined back into one, for a test to find a sentence in."""
    lines: list[str] = []
    for line in out.splitlines():
        if line.startswith("    ") and lines:
            lines[-1] += " " + line[4:]
        else:
            lines.append(line)
    return "\n".join(lines)


def claims_by_name(report_path: Path) -> dict[str, Any]:
    data = json.loads(report_path.read_text())
    return {c["name"]: c for c in data["claims"]}
