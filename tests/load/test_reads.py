"""The files a module reads as it loads (verifier.load.reads): recorded while a block is open, open restored after."""

from __future__ import annotations

import builtins
import io
import sys
import threading
from pathlib import Path

from verifier.load import reads


def test_open_is_watched_only_inside_the_blocks_and_each_block_sees_its_reads(tmp_path: Path) -> None:
    data, written = tmp_path / "data.txt", tmp_path / "out.txt"
    data.write_text("1")
    real = builtins.open
    with reads.recording() as outer:
        with reads.recording() as inner:
            data.read_text()
            written.write_text("2")  # written, not read: no dependency
        assert builtins.open is not real, "the outer block still watches"
        (tmp_path / "later.txt").write_text("3")
        open(tmp_path / "later.txt").close()
    assert builtins.open is real and io.open is real
    assert str(data) in inner and str(data) in outer
    assert str(written) not in outer and str(tmp_path / "later.txt") in outer - inner


def test_a_module_first_imported_in_the_block_is_recorded(tmp_path: Path) -> None:
    (tmp_path / "helper_for_reads.py").write_text("K = 1\n")
    sys.path.insert(0, str(tmp_path))
    try:
        with reads.recording() as opened:
            __import__("helper_for_reads")
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("helper_for_reads", None)
    kept = reads.kept(opened, tmp_path / "derivation.py", tmp_path)
    assert kept == (str((tmp_path / "helper_for_reads.py").resolve()),)


def test_two_threads_loading_at_once_leave_open_as_it_was(tmp_path: Path) -> None:
    real, go = builtins.open, threading.Barrier(2)

    def load() -> None:
        with reads.recording():
            go.wait()
            (tmp_path / "x").write_text("x")
            go.wait()

    threads = [threading.Thread(target=load) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert builtins.open is real and io.open is real
