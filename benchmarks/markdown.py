"""What every section's Markdown shares: its numbered heading, the line for a section not run, a ratio."""

from __future__ import annotations

from benchmarks.config import number
from benchmarks.harness import Data

NOT_RUN = "Not run in this invocation (see `--only`)."


def heading(section: str, words: str) -> str:
    """The section's heading, numbered by its place in config.SECTIONS: "## N. Special functions: …"."""
    return f"## {number(section)}. {words}"


def ratio(r: Data | None) -> str:
    if r is None:
        return "–"
    return ("≥ " if r["bound"] == "lower" else "") + f"{r['value']:,.3g}×"
