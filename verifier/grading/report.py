"""A course's grades as plain data: one row per student, one grade per reference claim; JSON both ways."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from verifier.outcome import Counterexample, Diagnosis, Status

GRADE_SCHEMA = 1


class GradeOutcome(StrEnum):
    """A grade that is not the engine's verdict on the student's claim."""

    MISSING = "MISSING"  # the submission has no claim for this reference claim
    DIFFERENT = "DIFFERENT"  # its claim of that name states another question (or reaches another result)
    NOT_GRADED = "NOT GRADED"  # the submission as a whole could not be graded (see the row's problem)


GradeStatus = Status | GradeOutcome  # a grade: the engine's verdict on the student's claim, or an outcome above


def is_met(status: GradeStatus) -> bool:
    """PROVED and CHECKED meet a reference claim; no other grade does."""
    return status in (Status.PROVED, Status.CHECKED)


def grade_status(text: str) -> GradeStatus:
    """A grade's status as read back from JSON."""
    return GradeOutcome(text) if text in GradeOutcome._value2member_map_ else Status(text)


@dataclass(frozen=True)
class WrittenLine:
    """A line of a student's chain as they wrote it (LaTeX), with its step's verdict; line 0, the start, has none."""

    index: int
    relation: str
    latex: str  # as the student wrote it, or as verified when their own line was not kept
    reason: str = ""  # the student's "because", as written
    status: str = ""


@dataclass
class ClaimGrade:
    """How one student did on one reference claim."""

    reference: str
    status: GradeStatus
    matched: str = ""  # the student's claim graded for it ("" if none)
    how: str = ""  # "name" or "statement"
    reason: str = ""  # one line
    first_wrong_step: int | None = None
    suggested: str = ""  # MISSING by name; this claim of the student's states the same thing ("did you mean")
    written: str = ""  # the student's claim as written (its docstring or chain line)
    latex: str = ""  # the student's claim as it was verified, in LaTeX
    wrong_step: str = ""  # a chain's first wrong line, as written, with the student's reason for it
    # the counterexample at the reference's size, when the student's claim was REFUTED: data (its size, its
    # values by name, what it compares), worded by the renderers (render/grades.py: grade_counterexample)
    found: Counterexample | None = None
    lines: list[WrittenLine] = field(default_factory=list)  # a chain's lines as the student wrote them
    diagnosis: Diagnosis | None = None  # why the first wrong step is wrong (only its kind and where: hints only)
    steps_met: int = 0  # per-step credit (grade --step-credit): the chain's steps that hold, of steps_total
    steps_total: int = 0

    @property
    def credit(self) -> float:
        """1 for a claim met; a chain's share of steps that hold under per-step credit; else 0."""
        if self.met:
            return 1.0
        return self.steps_met / self.steps_total if self.steps_total else 0.0

    @property
    def met(self) -> bool:
        return is_met(self.status)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimGrade:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        found = known.get("found")
        known["found"] = Counterexample.from_json(found) if found else None
        known["status"] = grade_status(known["status"])
        known["lines"] = [WrittenLine(**line) for line in known.get("lines", [])]
        known["diagnosis"] = Diagnosis.from_json(known.get("diagnosis"))
        return cls(**known)


@dataclass
class StudentRow:
    """One student's submission and its grades."""

    student: str
    files: list[str] = field(default_factory=list)
    grades: list[ClaimGrade] = field(default_factory=list)
    problem: str = ""  # one line when the submission (or part of it) could not be read
    how_run: str = ""  # "sandbox", "trusted (no sandbox)", "refused (no sandbox)", "latex (data)"
    extra: list[str] = field(default_factory=list)  # the student's claims that match no reference claim
    seconds: float = 0.0  # reading it (its sandbox included) and verifying its claims, summed over workers
    integrity: list[str] = field(default_factory=list)  # what the sandbox refused, one line per kind of attempt

    @property
    def score(self) -> int:
        return sum(g.met for g in self.grades)

    @property
    def full_marks(self) -> bool:
        """Every claim met, nothing unread, and nothing the sandbox had to refuse."""
        return self.score == len(self.grades) and not self.problem and not self.integrity

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["score"] = self.score
        data["total"] = len(self.grades)
        for g, out in zip(self.grades, data["grades"], strict=True):
            out["met"] = g.met
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StudentRow:
        grades = [ClaimGrade.from_json(g) for g in data["grades"]]
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__ and k != "grades"}
        return cls(**known, grades=grades)


@dataclass
class GradeReport:
    """Every student's row, and how the grading ran."""

    reference: str
    claims: list[str]
    rows: list[StudentRow]
    seconds: float
    sandbox: str  # what isolated the Python submissions, in words
    seed: int = 0
    samples: int = 0
    complete: bool = True
    notes: list[str] = field(default_factory=list)
    retried: dict[str, int] = field(default_factory=dict)  # task → times run again after its worker was lost
    matching: str = "by name"  # the rule a claim answers a reference claim by, in words
    points: dict[str, float] = field(default_factory=dict)  # each reference claim's points (1 if not given)

    @property
    def full_marks(self) -> bool:
        return self.complete and all(r.full_marks for r in self.rows)

    @property
    def refused(self) -> list[StudentRow]:
        return [r for r in self.rows if r.how_run.startswith("refused")]

    @property
    def with_integrity_notes(self) -> list[StudentRow]:
        return [r for r in self.rows if r.integrity]

    @property
    def verified_claims(self) -> int:
        unverified = (GradeOutcome.NOT_GRADED, GradeOutcome.DIFFERENT)
        return sum(1 for r in self.rows for g in r.grades if g.matched and g.status not in unverified)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": GRADE_SCHEMA,
            "reference": self.reference,
            "claims": list(self.claims),
            "sandbox": self.sandbox,
            "seed": self.seed,
            "samples": self.samples,
            "seconds": self.seconds,
            "complete": self.complete,
            "notes": list(self.notes),
            "retried": dict(self.retried),
            "matching": self.matching,
            "points": dict(self.points),
            "students": [r.to_json() for r in self.rows],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GradeReport:
        return cls(
            reference=str(data["reference"]),
            claims=[str(c) for c in data["claims"]],
            rows=[StudentRow.from_json(r) for r in data["students"]],
            seconds=float(data["seconds"]),
            sandbox=str(data["sandbox"]),
            seed=int(data.get("seed", 0)),
            samples=int(data.get("samples", 0)),
            complete=bool(data.get("complete", True)),
            notes=[str(n) for n in data.get("notes", [])],
            retried={str(k): int(v) for k, v in data.get("retried", {}).items()},
            matching=str(data.get("matching", "by name")),
            points={str(k): float(v) for k, v in data.get("points", {}).items()},
        )
