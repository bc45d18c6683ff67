"""verifier serve under a reduced load (4 students at once): nothing lost, the command line's verdicts.

The full size (20 students) is the benchmark, benchmarks/serve_load.py, whose figures go in
reports/BENCHMARKS.md; no time is asserted here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks import report, serve_attack, serve_load
from tests.support import ROOT
from verifier.serve import client
from verifier.serve.client import Server

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serve_load")]
STUDENTS = 4


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with client.started("--jobs", "2", cwd=str(ROOT)) as running:
        yield running


def test_four_students_at_once_are_all_answered_with_the_command_lines_verdicts(server: Server, tmp_path: Path) -> None:
    students = serve_load.simultaneous(server, STUDENTS)
    assert [s.answered for s in students] == [True] * STUDENTS
    assert {s.slip for s in students} == {None, 2, 3, 4}
    for s in students:
        (first_wrong,) = [verdict[2] for verdict in s.verdicts.values()]
        assert first_wrong == s.slip  # the slip is named as the first wrong step; no slip, no wrong step
        assert s.first_step is not None and s.whole is not None and s.first_step < s.whole
    assert serve_load.disagreements(students, tmp_path) == []
    assert client.get(server, "/health")[1] == {"ready": True, "in_flight": 0}


def test_the_load_report_keeps_its_place_in_the_benchmarks_page() -> None:
    new = f"{serve_load.START}\nnew\n{serve_load.END}"
    old = f"# Benchmarks\n\nbefore\n{serve_load.START}\nold\n{serve_load.END}\nafter\n"
    assert serve_load.keep_section(old, new) == f"# Benchmarks\n\nbefore\n{new}\nafter\n"
    assert serve_load.keep_section("# Benchmarks\n", new) == f"# Benchmarks\n\n{new}\n"
    assert serve_load.percentile([float(v) for v in range(1, 21)], 95) == 19.0
    assert serve_load.percentile([float(v) for v in range(1, 21)], 50) == 10.0


def test_the_attack_section_keeps_its_place_when_the_bench_rewrites_the_page(tmp_path: Path) -> None:
    md = tmp_path / "BENCHMARKS.md"
    load = f"{serve_load.START}\nunder load\n{serve_load.END}"
    sections = f"{load}\n{serve_attack.START}\nunder attack\n{serve_attack.END}"
    md.write_text(f"# Benchmarks\n\nold\n{sections}\n", encoding="utf-8")
    new = report._with_serve_load(md, "# Benchmarks\n\nnew\n")
    assert new.startswith("# Benchmarks\n\nnew\n") and "old" not in new
    assert "under load" in new and "under attack" in new
