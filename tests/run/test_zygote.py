"""The zygote a Dask worker runs its tasks in (verifier.run.zygote), driven here without Dask."""

from __future__ import annotations

import json
import os
import pickle
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import ROOT
from verifier.run import pool, zygote


@pytest.fixture(autouse=True)
def fresh_zygotes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Zygotes started here, able to import this module (as a worker can import the derivations), and
    closed afterwards."""
    here = str(ROOT)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")])))
    monkeypatch.setattr(zygote, "_IDLE", [])
    yield
    for idle in zygote._IDLE:
        idle.close()


def prints_and_answers(x: int) -> dict[str, object]:
    """A task that writes to stdout, as a student's claim may, and says which modules it can see."""
    print("noise on stdout that must not reach the answer")
    sys.stdout.flush()
    return {"x": x, "pid": os.getpid(), "dask": "distributed" in sys.modules, "cli": "verifier.cli.main" in sys.modules}


def _task(x: int) -> bytes:
    return pickle.dumps(pool.Task(f"t{x}", prints_and_answers, (x,)))


def test_a_zygote_answers_each_task_from_a_fork_that_has_the_clis_modules_and_not_dasks() -> None:
    import distributed  # noqa: F401  (this test process has Dask loaded, as a worker has)

    with zygote.borrowed() as clean:
        first = clean.run(_task(1), 30, 1024)
        second = clean.run(_task(2), 30, 1024)
    assert (first["x"], second["x"]) == (1, 2), "each answer is its own task's, printed noise and all"
    assert first["pid"] != second["pid"], "each task in its own fork"
    assert first["cli"] and not first["dask"], json.dumps(first)


def test_a_borrowed_zygote_is_reused_and_started_again_if_it_died_between_tasks() -> None:
    with zygote.borrowed() as clean:
        clean.start()
        before = clean._process
    with zygote.borrowed() as again:
        assert again is clean, "one task at a time: the idle zygote is lent again"
        assert before is not None
        os.kill(before.pid, signal.SIGKILL)
        before.wait(10)
        answer = again.run(_task(3), 30, 1024)
    assert answer["x"] == 3
    assert again._process is not before, "a new zygote ran it"


def test_a_task_the_zygote_cannot_read_is_an_error_that_says_so() -> None:
    with zygote.borrowed() as clean:
        value = clean.run(b"not a pickle", 30, 1024)
    assert isinstance(value, pool.Failure) and "cannot be read on the Dask worker" in value.message


def test_a_zygote_that_cannot_start_says_so_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zygote, "START", "import sys; sys.exit(3)")
    with pytest.raises(RuntimeError, match="exited as it started, with code 3"), zygote.borrowed() as clean:
        clean.start()


PLANTED = "import os\nos._exit(3)\n"  # a student's file: kills whatever process imports it


def test_a_zygote_imports_nothing_from_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Dask worker (or pytest) started in a student's folder: the zygote it starts imports the library and the
    verifier, never the numpy.py, sympy.py or verifier/ there (it did, as root, outside any sandbox)."""
    for name in ("numpy", "sympy", "json", "hypothesis"):
        (tmp_path / f"{name}.py").write_text(PLANTED)
    (tmp_path / "verifier").mkdir()
    (tmp_path / "verifier" / "__init__.py").write_text(PLANTED)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([".", "", str(tmp_path / "absolute")]))  # `.`: the folder
    with zygote.borrowed() as clean:
        answer = clean.run(_task(4), 30, 1024)
    assert answer["x"] == 4 and answer["cli"]
    assert zygote.absolute_path_only({"PYTHONPATH": f".{os.pathsep}/a", "X": "1"}) == {"PYTHONPATH": "/a", "X": "1"}
    assert zygote.absolute_path_only({"PYTHONPATH": "src"}) == {}
