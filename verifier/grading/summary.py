"""A course at a glance, as data: each claim's pass rate and the class's most common wrong verdicts.

What a teaching assistant looks at after a deadline. The Markdown and HTML summaries
(:mod:`verifier.render.feedback`, :mod:`verifier.render.feedback_html`) render this and
count nothing themselves. A submission that could not be read at all (NOT GRADED on
every claim) is listed apart: it says nothing about which claims the class gets wrong.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from verifier.grading.report import GradeOutcome, GradeReport, GradeStatus, StudentRow

TOP_MISTAKES = 10


@dataclass(frozen=True)
class ClaimRate:
    """How the class did on one reference claim."""

    name: str
    met: int
    students: int
    verdicts: tuple[tuple[GradeStatus, int], ...]  # each grade status and how many students got it, most common first

    @property
    def rate(self) -> float | None:
        return self.met / self.students if self.students else None


@dataclass(frozen=True)
class Mistake:
    """One wrong verdict on one claim, the students who got it, and one of their reasons."""

    claim: str
    status: GradeStatus
    students: tuple[str, ...]
    example: str  # the first such student's reason, one line


@dataclass(frozen=True)
class CourseSummary:
    reference: str
    matching: str
    students: int
    full_marks: int
    flagged: tuple[str, ...]  # the students with integrity notes
    unread: tuple[tuple[str, str], ...]  # (student, why) for each submission that could not be graded at all
    rates: tuple[ClaimRate, ...]
    mistakes: tuple[Mistake, ...] = field(default_factory=tuple)


def unread(row: StudentRow) -> bool:
    """The whole submission could not be graded (every claim NOT GRADED)."""
    return bool(row.grades) and all(g.status is GradeOutcome.NOT_GRADED for g in row.grades)


def _rate(report: GradeReport, i: int, name: str) -> ClaimRate:
    grades = [r.grades[i] for r in report.rows if i < len(r.grades)]
    counts = Counter(g.status for g in grades)
    return ClaimRate(name, sum(g.met for g in grades), len(grades), tuple(counts.most_common()))


def _mistakes(report: GradeReport) -> tuple[Mistake, ...]:
    who: dict[tuple[str, GradeStatus], list[StudentRow]] = {}
    for row in report.rows:
        if unread(row):
            continue
        for g in row.grades:
            if not g.met:
                who.setdefault((g.reference, g.status), []).append(row)
    order = {name: i for i, name in enumerate(report.claims)}
    ranked = sorted(who.items(), key=lambda item: (-len(item[1]), order.get(item[0][0], 0)))[:TOP_MISTAKES]
    out = []
    for (claim, status), rows in ranked:
        example = next(g.reason for g in rows[0].grades if g.reference == claim)
        out.append(Mistake(claim, status, tuple(r.student for r in rows), example.splitlines()[0] if example else ""))
    return tuple(out)


def summarise(report: GradeReport) -> CourseSummary:
    """The course summary of a graded course."""
    rows = report.rows
    return CourseSummary(
        reference=report.reference,
        matching=report.matching,
        students=len(rows),
        full_marks=sum(r.full_marks for r in rows),
        flagged=tuple(r.student for r in report.with_integrity_notes),
        unread=tuple((r.student, r.problem or r.grades[0].reason) for r in rows if unread(r)),
        rates=tuple(_rate(report, i, name) for i, name in enumerate(report.claims)),
        mistakes=_mistakes(report),
    )
