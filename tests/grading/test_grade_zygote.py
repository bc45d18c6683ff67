"""Grading from a warm zygote (issue 42): hangs stopped by the import's limits, and nothing carried from one
submission to the next."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.course import CLAIMS, NAMES, PROVED, module_with, reference_text
from tests.fixtures.course_hanging import IMPORT_LIMIT, write_hanging_course
from tests.grading.support import check_row, needs_sandbox, rows_of
from tests.support import ROOT, run_cli
from verifier.grading import channel, sandbox, warm
from verifier.grading.zygote import START

pytestmark = [pytest.mark.xdist_group("grade"), pytest.mark.slow]

DIMS = {name: [1, 2] for name in ("gradient", "hessian", "hessian_psd")}
PROBE = """
import os
import sympy
import verifier.grading.extract
seen = [f"leaked={hasattr(sympy, 'leaked')}", f"env={os.environ.get('LEAK', '-')}"]
seen.append(f"tmp={os.path.exists('/tmp/leak')}")
seen.append(f"dims={verifier.grading.extract.dims_for.__module__}")
status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines() if ":" in line)
seen += [f"CapEff={status['CapEff'].strip()}", f"NoNewPrivs={status['NoNewPrivs'].strip()}"]
try:  # unreadable once the process has dropped to the sandbox's user id
    raw = open("/proc/self/environ").read()
except OSError:
    raw = ""
seen.append(f"environ={'GRADER_SECRET' in raw or 'GRADER_SECRET' in os.environ}")
seen.append(f"pyproject={os.path.exists(PYPROJECT)}")
seen.append(f"oom={open('/proc/self/oom_score_adj').read().strip()}")

def probe():
    x = sp.Symbol("x")
    return Identity(x, x, where={x: Real()})

probe.__doc__ = " ".join(seen)
claim()(probe)
""".replace("PYPROJECT", repr(str(ROOT / "pyproject.toml")))
PATCHER = """
import os
import sympy
import verifier.grading.extract
import verifier.language.mathlib
sympy.leaked = True
sympy.Matrix.T = property(lambda self: self)  # every transpose the identity
verifier.language.mathlib.sigmoid = lambda t: t
verifier.grading.extract.dims_for = lambda family, dims, default: [None] if family.n_values == (None,) else [1]
os.environ["LEAK"] = "1"
try:  # the sandbox's /tmp is its own, and not the student's to write, as root or not
    open("/tmp/leak", "w").write("x")
except OSError:
    pass
"""


def _claims(run: sandbox.Run) -> dict[str, dict[str, Any]]:
    doc = json.loads(channel.verify(run.key, run.stdout))
    return {c["name"]: c for c in doc["files"][0]["claims"]}


def _seen(run: sandbox.Run) -> dict[str, str]:
    return dict(item.split("=", 1) for item in _claims(run)["probe"]["statement"].split())


@needs_sandbox
def test_the_zygote_carries_nothing_from_one_submission_to_the_next(tmp_path: Path, monkeypatch: Any) -> None:
    """One submission patches sympy and the verifier's internals, sets an environment variable and writes to /tmp;
    the next one, forked from the same zygote, sees none of it and builds the same document as in a cold sandbox."""
    patcher, honest = tmp_path / "patcher", tmp_path / "honest"
    for folder, text in ((patcher, module_with(PATCHER) + PROBE), (honest, module_with("") + PROBE)):
        folder.mkdir()
        (folder / "ridge.py").write_text(text)
    limits = sandbox.Limits(wall_seconds=60)
    cold = _claims(sandbox.run(honest, DIMS, [1, 2], limits, files=["ridge.py"]))
    monkeypatch.setenv("GRADER_SECRET", "1")
    with warm.started() as zygote:
        assert zygote is not None and not zygote.broken
        with monkeypatch.context() as m:
            m.setattr(sandbox, "run", lambda *a, **k: pytest.fail("a cold sandbox: the zygote was not used"))
            patched = warm.run(patcher, DIMS, [1, 2], limits, files=["ridge.py"])
            after = warm.run(honest, DIMS, [1, 2], limits, files=["ridge.py"])
    assert _seen(patched)["leaked"] == "True" and _seen(patched)["env"] == "1"  # the patches took, in their fork
    assert [b["n"] for b in _claims(patched)["gradient"]["built"]] == [1]
    seen = _seen(after)
    assert seen == {"leaked": "False", "env": "-", "tmp": "False", "dims": "verifier.grading.extract",
                    "CapEff": "0000000000000000", "NoNewPrivs": "1", "environ": "False",
                    "pyproject": "False", "oom": "1000"}  # fmt: skip
    warm_claims = _claims(after)
    assert set(warm_claims) == set(CLAIMS) | {"probe"}
    assert {k: v for k, v in warm_claims.items() if k != "probe"} == {k: v for k, v in cold.items() if k != "probe"}


@needs_sandbox
def test_hangs_get_the_import_limit_and_an_honest_submission_beside_fifteen_gets_its_marks(tmp_path: Path) -> None:
    """Endless loops, sleeps, fork bombs and memory hogs at import, 15 of them beside 3 honest submissions, up to 18
    sandboxes at once (as the machine's load allows): each hang stopped by the import's limits with a message that
    says so and names the option that raises it, every honest row as planted (the hangs' CPU does not count against
    an honest import's time)."""
    planted = write_hanging_course(tmp_path, honest=3, hanging=15)
    proc = run_cli(
        "grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), "--samples", "20",
        "--jobs", "2", "--sandbox-timeout", "30", "--sandboxes", "18", "-q", "--json", str(tmp_path / "grades.json"),
    )  # fmt: skip
    assert proc.returncode == 1, proc.stdout + proc.stderr
    rows = rows_of(tmp_path / "grades.json")
    assert set(rows) == set(planted)
    for student, p in planted.items():
        check_row(rows[student], p)
    hung = [r for s, r in rows.items() if planted[s].problem == IMPORT_LIMIT]
    assert len(hung) == 15 and {p.variant for p in planted.values() if p.problem} == {
        "loop", "sleep", "fork_bomb", "memory_hog"}  # fmt: skip
    cpu = f"within {sandbox.Limits().import_cpu:g} CPU s"  # the default limit
    assert all(("within 5 s" in r["problem"]) != (cpu in r["problem"]) for r in hung)
    sleeps = [r for s, r in rows.items() if planted[s].variant == "sleep"]
    assert all("within 5 s" in r["problem"] and "--import-timeout raises" in r["problem"] for r in sleeps)
    assert all("--import-cpu raises" in r["problem"] for r in hung if cpu in r["problem"])
    assert rows["s001_correct"]["score"] == len(NAMES) and planted["s001_correct"].grades == PROVED


def test_the_hanging_course_alternates_honest_and_hanging(tmp_path: Path) -> None:
    planted = write_hanging_course(tmp_path, honest=15, hanging=15)
    variants = [p.variant for _, p in sorted(planted.items())]
    assert len(variants) == 30 and sum(p.problem == IMPORT_LIMIT for p in planted.values()) == 15
    assert all((variants[i] in ("loop", "sleep", "fork_bomb", "memory_hog")) == (i % 2 == 1) for i in range(30))
    assert os.path.exists(tmp_path / "reference.py")


@needs_sandbox
def test_a_slow_honest_import_is_told_which_limit_to_raise_and_passes_once_raised(tmp_path: Path) -> None:
    """A module that waits 2 s at import (a slow file system, a large table to read) past a 1 s import limit: its
    row says what stopped it and the option that raises the limit; graded again with that limit raised, every mark."""
    folder = tmp_path / "submissions" / "slow"
    folder.mkdir(parents=True)
    (folder / "ridge.py").write_text(module_with("\nimport time\ntime.sleep(2)\n"))
    (tmp_path / "reference.py").write_text(reference_text())
    rows = {}
    for limit in ("1", "6"):
        out = tmp_path / f"grades{limit}.json"
        run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), "--samples",
                "20", "--jobs", "2", "--sandbox-timeout", "30", "--import-timeout", limit, "-q", "--json", str(out))
        rows[limit] = rows_of(out)["slow"]
    stopped, passed = rows["1"], rows["6"]
    assert "did not finish importing within 1 s" in stopped["problem"]
    assert "--import-timeout raises" in stopped["problem"]
    assert {g["status"] for g in stopped["grades"]} == {"NOT GRADED"}
    assert passed["problem"] == "" and passed["score"] == len(NAMES)


FROZEN = """
import gc

def frozen():
    x = sp.Symbol("x")
    return Identity(x, x, where={x: Real()})

frozen.__doc__ = f"frozen={gc.get_freeze_count()}"
claim()(frozen)
"""


@needs_sandbox
def test_a_submission_forked_from_the_zygote_finds_the_zygotes_imports_frozen(tmp_path: Path) -> None:
    """sympy's and the verifier's objects, imported once in the zygote, are frozen there: a fork's collections
    never walk them (nor copy their pages)."""
    folder = tmp_path / "student"
    folder.mkdir()
    (folder / "ridge.py").write_text(module_with("") + FROZEN)
    with warm.started() as z:
        assert z is not None and not z.broken
        run = warm.run(folder, DIMS, [1, 2], sandbox.Limits(wall_seconds=60), files=["ridge.py"])
    frozen = int(_claims(run)["frozen"]["statement"].split("=")[1])
    assert frozen > 50_000  # sympy alone makes some 90,000 objects


def test_the_zygote_ends_without_the_interpreters_teardown_when_the_grader_hangs_up(tmp_path: Path) -> None:
    """Freeing sympy's objects took 0.17 s, which the grader waited for: an exit handler never runs."""
    marker = tmp_path / "torn_down"
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    start = f"import atexit; atexit.register(lambda: open({str(marker)!r}, 'w').close()); " + START
    proc = subprocess.Popen([sys.executable, "-c", start.format(fd=theirs.fileno())], pass_fds=(theirs.fileno(),),
                            cwd=ROOT)  # fmt: skip
    theirs.close()
    assert ours.recv(16) == b"ready"
    ours.close()
    assert proc.wait(60) == 0
    assert not marker.exists()
