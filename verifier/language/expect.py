"""What a claim expects of its verdict (a known mistake is kept on purpose, expected to be refuted)."""

from __future__ import annotations

from enum import StrEnum


class Expect(StrEnum):
    """What a claim expects of its verdict: to hold, or (a known mistake kept on purpose) to be refuted."""

    HOLDS = "holds"
    REFUTED = "refuted"
