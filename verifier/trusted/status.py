"""What the kernel decides (Status) and what it reads from the numeric checks (NumericVerdict)."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    PROVED = "PROVED"
    CHECKED = "CHECKED"
    REFUTED = "REFUTED"
    UNKNOWN = "UNKNOWN"
    ERROR = "ERROR"


class NumericVerdict(StrEnum):
    """What the numeric spot check concluded at one n (the JSON keeps the plain strings)."""

    PASS = "pass"
    FAIL = "fail"  # a counterexample confirmed in high precision
    INCONCLUSIVE = "inconclusive"
