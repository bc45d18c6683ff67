"""The benchmarks' own command lines: --help explains, and a wrong argument is a usage error, not a traceback."""

from __future__ import annotations

import pytest

from benchmarks import grading, in_process, phases


def test_grading_reads_a_course_and_its_jobs() -> None:
    assert grading.parse([]) == (30, 2, False)
    assert grading.parse(["hanging"]) == (30, 2, True)
    assert grading.parse(["hanging", "4"]) == (30, 4, True)
    assert grading.parse(["12", "3"]) == (12, 3, False)


@pytest.mark.parametrize("argv", [["--help"], ["lots"], ["0"], ["30", "two"]])
def test_grading_answers_help_and_bad_arguments_without_a_traceback(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as ended:
        grading.parse(argv)
    out, err = capsys.readouterr()
    assert ended.value.code == (0 if argv == ["--help"] else 2)
    assert "usage: python -m benchmarks.grading" in out + err
    assert "Traceback" not in out + err


def test_in_process_answers_help() -> None:
    with pytest.raises(SystemExit) as ended:
        in_process.parse(["--help"])
    assert ended.value.code == 0


@pytest.mark.parametrize("argv", [["--help"], [], ["a.json", "b.json", "c.json"], ["missing.json"]])
def test_phases_answers_help_and_bad_arguments_without_a_traceback(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # `--help` was read as the name of a run's file: a FileNotFoundError traceback
    with pytest.raises(SystemExit) as ended:
        phases.main(argv)
    out, err = capsys.readouterr()
    assert ended.value.code == (0 if argv == ["--help"] else 2)
    assert "usage: python -m benchmarks.phases" in out + err
    assert "Traceback" not in out + err
