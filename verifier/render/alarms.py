"""Terminal table and JSON for the false-alarm measurement."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from verifier.alarms import AlarmStats


def summary(stats: list[AlarmStats]) -> dict[str, Any]:
    ok = [s for s in stats if not s.error]
    return {
        "claims": len(ok),
        "seeds": max((s.seeds for s in ok), default=0),
        "samples": sum(s.samples for s in ok),
        "false_alarms": sum(s.false_alarms for s in ok),
        "inconclusive": sum(s.inconclusive for s in ok),
        "escalated": sum(s.escalated for s in ok),
        "unescalated": sum(s.unescalated for s in ok),
        "float_margin": max((s.float_margin for s in ok), default=0.0),
        "skipped": [f"{s.derivation}.{s.name}: {s.error}" for s in stats if s.error],
    }


def render(console: Console, stats: list[AlarmStats], quiet: bool = False) -> None:
    if not quiet:
        t = Table(header_style="bold", title="false alarms: numeric checks of true claims under many seeds")
        columns = (
            "claim",
            "seeds",
            "samples",
            "false alarms",
            "inconclusive",
            "escalated",
            "float margin",
        )
        for col in columns:
            t.add_column(col, justify="left" if col == "claim" else "right")
        for s in stats:
            margins = ("–",) if s.error else (f"{s.float_margin:.3g}",)
            t.add_row(
                Text(f"{s.derivation}.{s.name}", style="bold red" if s.false_alarms else ""),
                str(s.seeds),
                f"{s.samples:,}",
                str(s.false_alarms),
                str(s.inconclusive),
                str(s.escalated),
                *margins,
            )
        console.print(t)
    tot = summary(stats)
    line = (
        f"{tot['claims']} true claims × {tot['seeds']} seeds: {tot['samples']:,} samples, "
        f"{tot['false_alarms']} false alarms, {tot['inconclusive']} inconclusive; "
        f"{tot['escalated']} samples recomputed at 100+ digits ({tot['unescalated']} more suspects not recomputed); "
        f"float margin {tot['float_margin']:.3g} (worst float error / round-off tolerance; every sample "
        "beyond 1 was recomputed in high precision and decided there)"
    )
    console.print(Text(line, style="bold red" if tot["false_alarms"] else "bold green"))


def to_json(stats: list[AlarmStats]) -> dict[str, Any]:
    return {"schema_version": 1, "summary": summary(stats), "claims": [s.to_json() for s in stats]}
