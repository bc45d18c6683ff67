"""A course's grades: the rich table (one row per student), its details, and the CSV.

Every string that came from a submission (claim names, reasons, problems) is shown as
plain text, never as rich markup, without control characters (a terminal escape), and
CSV cells that a spreadsheet would read as a formula are quoted.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from verifier.grading.report import ClaimGrade, GradeOutcome, GradeReport, GradeStatus, StudentRow, is_met
from verifier.grading.statements import clean_text
from verifier.language.text import plural, retried_text
from verifier.outcome import Status
from verifier.render import counterexample as cx_text

STYLES: dict[GradeStatus, str] = {
    Status.PROVED: "bold green",
    Status.CHECKED: "yellow",
    Status.REFUTED: "bold magenta",
    Status.UNKNOWN: "bold bright_black",
    Status.ERROR: "bold red",
    GradeOutcome.MISSING: "red",
    GradeOutcome.DIFFERENT: "red",
    GradeOutcome.NOT_GRADED: "bold red",
}


def cell(g: ClaimGrade) -> Text:
    """A grade in a few words: the verdict, the first wrong step, and the claim graded if it was renamed."""
    text = Text(g.status, style=STYLES.get(g.status, ""))
    if g.first_wrong_step is not None:
        text.append(f" (step {g.first_wrong_step})")
    if g.how == "statement":
        text.append(f" as {_p(g.matched)}", style="dim")
    return text


def _p(text: object) -> str:
    """Text from a submission, printable: no control characters (rich prints ESC as it is)."""
    return clean_text(text, 1 << 20)


NARROWEST = 7 + 5 + 5 + 3 * 3 + 1  # the student, score and notes columns at their narrowest, and the borders


def _fits(widths: list[int], width: int) -> bool:
    return sum(w + 3 for w in widths) + NARROWEST <= width


def headers(names: list[str], width: int) -> tuple[list[Text], list[int], str]:
    """Claim columns' headers and widths that never break a name mid-word: whole names, else names broken
    after their underscores, else numbers with a legend (returned as its line)."""
    if _fits([len(n) for n in names], width):
        return [Text(n) for n in names], [len(n) for n in names], ""
    parts = [n.replace("_", "_\n").split("\n") for n in names]
    widths = [max(len(p) for p in ps) for ps in parts]
    if _fits(widths, width):
        return [Text("\n".join(ps)) for ps in parts], widths, ""
    legend = "claims: " + ", ".join(f"#{i} {n}" for i, n in enumerate(names, 1))
    return [Text(f"#{i}") for i in range(1, len(names) + 1)], [len(str(len(names))) + 1] * len(names), legend


NOTES_WIDTH = 120  # narrower, the notes go under the table only: squeezed into a column, rich would crop them


def table(report: GradeReport, width: int = 200) -> tuple[Table, str]:
    """The table (one row per student) and, when the claims' names do not fit, the legend of their numbers; a
    notes column when `width` has room for one (the lines under the table give every note whole either way)."""
    notes = width >= NOTES_WIDTH
    t = Table(header_style="bold", expand=False)
    t.add_column("student", overflow="fold", min_width=7, max_width=30)
    t.add_column("score", justify="right")
    names, widths, legend = headers(report.claims, width)
    for name, w in zip(names, widths, strict=True):
        t.add_column(name, overflow="fold", min_width=w, max_width=max(w, 28))
    if notes:
        t.add_column("notes", overflow="fold", max_width=70)
    for row in report.rows:
        score = Text(f"{row.score}/{len(row.grades)}", style="bold green" if row.score == len(row.grades) else "")
        cells = [cell(g) for g in row.grades] + [Text(_p(_note(row)))] * notes
        t.add_row(Text(_p(row.student)), score, *cells)
    return t, legend


def _note(row: StudentRow) -> str:
    """The notes cell: each integrity note and the problem by its first clause (the lines under the table give
    them whole), how the submission was run if not in the sandbox, and the claims that answered nothing."""
    parts = [headline(n) for n in [*row.integrity, row.problem] if n]
    return "\n".join([*_how_run(row), *parts, *_extra(row)])


def _how_run(row: StudentRow) -> list[str]:
    return [row.how_run] if row.how_run.startswith(("trusted", "refused")) else []


def _extra(row: StudentRow) -> list[str]:
    return [f"other claims: {', '.join(row.extra[:5])}" + ("…" if len(row.extra) > 5 else "")] if row.extra else []


def headline(note: str) -> str:
    """A note's first clause, up to its first parenthesis or semicolon: what fits a narrow column."""
    cuts = [i for i in (note.find(" ("), note.find("; ")) if i > 0]
    return note[: min(cuts)] if cuts else note


def _not_graded_reason(row: StudentRow) -> str | None:
    """The one reason every grade of the row shares when none was graded (a submission that did not load)."""
    if row.grades and all(g.status is GradeOutcome.NOT_GRADED and g.reason == row.grades[0].reason for g in row.grades):
        return row.grades[0].reason
    return None


def details(console: Console, report: GradeReport, notes_shown: bool = True) -> None:
    """One line per grade that was not met (or was met under another name), per integrity note, and for a
    problem reading the submission: whole, where the table shows their first clause; with the rest of a row's
    notes (how it was run, its other claims) when the table had no notes column."""
    for row in report.rows:
        for note in [] if notes_shown else [*_how_run(row), *_extra(row)]:
            _said(console, Text(f"{_p(row.student)}: {_p(note)}"))
        for note in row.integrity:
            _said(console, Text(f"{_p(row.student)}: ").append(_p(note), style="bold red"))
        reason = _not_graded_reason(row)
        if row.problem and row.problem != reason:
            _said(console, Text(f"{_p(row.student)}: {_p(row.problem)}"))
        if reason is not None:
            line = Text(f"{_p(row.student)}: ")
            line.append(GradeOutcome.NOT_GRADED, style=STYLES[GradeOutcome.NOT_GRADED])
            _said(console, line.append(f" — {_p(reason)}"))
            continue
        for g in row.grades:
            if is_met(g.status) and g.how != "statement":
                continue
            line = Text(f"{_p(row.student)}.{g.reference}: ")
            line.append(g.status, style=STYLES.get(g.status, ""))
            if g.how == "statement":
                line.append(f" as {_p(g.matched)} (answered by its statement, not its name)")
            line.append(f" — {_p(g.reason)}" if g.reason and not is_met(g.status) else "")
            _said(console, line)


INDENT = "    "  # a wrapped line's later lines


def _said(console: Console, line: Text) -> None:
    """A line wrapped at the console's width (80 columns when piped) between words, its later lines indented. The
    CLI's console prints a line whole (soft_wrap: a path or a command copies whole); these are prose."""
    for i, piece in enumerate(line.wrap(console, max(20, console.width - len(INDENT)), overflow="fold")):
        piece.rstrip()
        console.print(Text.assemble(INDENT if i else "", piece), soft_wrap=True)


def summary(report: GradeReport) -> Text:
    rows = report.rows
    full = sum(r.full_marks for r in rows)
    total = sum(len(r.grades) for r in rows)
    met = sum(r.score for r in rows)
    rate = len(rows) / report.seconds if report.seconds > 0 else 0.0
    text = Text(
        f"{plural(len(rows), 'student')}: {full} with full marks, {met}/{total} claims met; "
        f"{plural(report.verified_claims, 'claim')} graded in {report.seconds:.1f} s ({rate:.2f} submissions/s)"
    )
    flagged = len(report.with_integrity_notes)
    if flagged:
        text.append(f"; {flagged} with integrity notes (attempts the sandbox refused)", style="bold red")
    if not report.complete:
        text.append(" — INCOMPLETE (interrupted)", style="bold red")
    return text


def render(console: Console, report: GradeReport, quiet: bool = False) -> None:
    _said(console, Text(f"reference: {report.reference}; sandbox: {report.sandbox}"))
    _said(console, Text(f"claims answer the reference {report.matching}", style="dim"))
    for note in report.notes:
        _said(console, Text(note, style="dim"))
    if not quiet:
        grid, legend = table(report, console.width)
        if legend:
            console.print(Text(legend))
        console.print(grid)
    details(console, report, notes_shown=not quiet and console.width >= NOTES_WIDTH)
    if report.retried:
        _said(console, Text("note: " + retried_text(report.retried), style="yellow"))
    if report.refused:
        _said(
            console,
            Text(f"{len(report.refused)} Python submissions were not imported: no sandbox here", style="bold red"),
        )
    _said(console, summary(report))


def _safe(value: object) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else _p(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(report: GradeReport) -> str:
    """One row per student: score, problem, then each reference claim's verdict, first wrong step and reason."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["student", "score", "total", "problem", "imported", "integrity"]
    for name in report.claims:
        header += [name, f"{name} first wrong step", f"{name} graded claim", f"{name} reason"]
    writer.writerow(header)
    for row in report.rows:
        integrity = "; ".join(row.integrity)
        cells: list[object] = [row.student, row.score, len(row.grades), row.problem, row.how_run, integrity]
        for g in row.grades:
            cells += [g.status, g.first_wrong_step, g.matched, g.reason]
        writer.writerow([_safe(c) for c in cells])
    return out.getvalue()


def step_credit(g: ClaimGrade) -> str:
    """A chain's per-step credit in words ("1 of 3 steps hold"), naming the steps that only restated a line."""
    steps = sum(1 for line in g.lines if line.index)
    padded = steps - g.steps_total
    restated = f" (not counted: {plural(padded, 'step')} back to a line already written)" if padded > 0 else ""
    return f"{g.steps_met} of {g.steps_total} steps hold{restated}"


def grade_compared(g: ClaimGrade) -> str:
    """What the grade's counterexample compares: by line at a chain's first wrong line ("" without one)."""
    if g.found is None:
        return ""
    wrong = next((line for line in g.lines if line.index == g.first_wrong_step and line.index), None)
    return cx_text.line_compared(g.found, wrong.index if wrong else None, wrong.relation if wrong else "")


def grade_counterexample(g: ClaimGrade) -> str:
    """One line: where the counterexample is, what it compares and the digits it was confirmed at ("" without)."""
    if g.found is None:
        return ""
    return f"{cx_text.headline_of(g.found, grade_compared(g))} ({cx_text.confirmed(g.found)})"


def report_json(report: GradeReport) -> dict[str, Any]:
    """The grades as JSON, each grade with its counterexample worded as earlier versions wrote it (the fields
    `counterexample` and `compared`, kept for readers of those files; `found` holds the same as data)."""
    data = report.to_json()
    for row, out in zip(report.rows, data["students"], strict=True):
        for g, grade in zip(row.grades, out["grades"], strict=True):
            grade["counterexample"] = grade_counterexample(g)
            grade["compared"] = grade_compared(g)
    return data
