"""The grades table in a terminal: never cropped at its right edge, and every note given whole under it."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from verifier.grading.report import ClaimGrade, GradeOutcome, GradeReport, StudentRow
from verifier.outcome import Status
from verifier.render import grades

NAMES = ["gradient", "hessian", "hessian_psd", "sigmoid_derivative"]
HUNG = (
    "your module did not finish importing within 0.75 CPU s (the sandbox's limit for the import, which the "
    "grader's --import-cpu raises; a hang, a sleep or an endless loop at import?)"
)
FORKS = "integrity: tried to start 2000 process(es) (os.fork); the sandbox allows few, and none outlive it"
UNREAD = "notes.tex could not be read (no ```verifier block; put the chain in one)"


def course() -> GradeReport:
    hung = StudentRow(
        "s002_fork_bomb", grades=[ClaimGrade(n, GradeOutcome.NOT_GRADED, reason=HUNG) for n in NAMES],
        problem=HUNG, how_run="sandbox", integrity=[FORKS],
    )  # fmt: skip
    partly = StudentRow(
        "s003_with_notes", grades=[ClaimGrade(n, Status.PROVED, n, "name") for n in NAMES], problem=UNREAD,
        how_run="trusted (no sandbox)", extra=["grad_w", "my_lemma"],
    )  # fmt: skip
    right = StudentRow("s001_correct", grades=[ClaimGrade(n, Status.PROVED, n, "name") for n in NAMES])
    return GradeReport("ref.py", NAMES, [right, hung, partly], 1.0, "sandbox")


@pytest.mark.parametrize("width", [80, 100, 160])
def test_the_table_fits_and_every_note_is_given_whole(width: int) -> None:
    console = Console(width=width, record=True, no_color=True, file=io.StringIO())
    grades.render(console, course())
    text = console.export_text()
    table = [line for line in text.splitlines() if line[:1] in "┏┃┡│└"]
    assert table and all(line[-1] in "┓┃┩│┘" for line in table), text  # its right edge is there: not cropped
    flat = " ".join(text.split())
    for note in (HUNG, FORKS, UNREAD, "trusted (no sandbox)", "other claims: grad_w, my_lemma"):
        assert " ".join(note.split()) in flat, (note, text)


def test_a_row_with_a_problem_takes_a_few_lines_at_80_columns() -> None:
    console = Console(width=80, record=True, no_color=True, file=io.StringIO())
    grades.render(console, course())
    rows = [line for line in console.export_text().splitlines() if line.startswith("│")]
    assert len(rows) <= 2 * len(course().rows), rows  # a note squeezed into a column took a line per word


def test_a_note_in_the_column_is_its_first_clause() -> None:
    assert grades.headline(HUNG) == "your module did not finish importing within 0.75 CPU s"
    assert grades.headline(FORKS) == "integrity: tried to start 2000 process(es)"
    assert grades.headline("plain") == "plain"
