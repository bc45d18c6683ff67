"""Terminal table, JSON and Markdown for the false-alarm measurement."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from verifier.language.keys import ClaimKey
from verifier.quality.alarms import AlarmStats

COLUMNS = (
    "claim",
    "seeds",
    "samples",
    "false alarms",
    "inconclusive",
    "recomputed",
    "float margin",
    "residual margin",
    "100-digit margin",
)

LEGEND = (
    "float margin: worst float error / round-off tolerance over every sample; every sample above 1 "
    "was recomputed at 50 and 100 digits. residual margin: the same over the samples not recomputed "
    "(a check passes only if it is at most 1). 100-digit margin: over the recomputed samples, the gap "
    "left in high precision / the gap that would confirm a counterexample (1 or more would be REFUTED)."
)


def summary(stats: list[AlarmStats]) -> dict[str, Any]:
    ok = [s for s in stats if not s.error]
    total = _merge(ok)
    return {
        "claims": len(ok),
        "seeds": total.seeds,
        "first_seed": total.first_seed,
        "samples": total.samples,
        "false_alarms": total.false_alarms,
        "inconclusive": total.inconclusive,
        "escalated": total.escalated,
        "unescalated": total.unescalated,
        "float_margin": total.float_margin,
        "residual_margin": total.worst_margin,
        "precise_margin": total.precise_margin,
        "cpu_seconds": round(sum(s.seconds for s in stats), 1),
        "skipped": [f"{ClaimKey.of(s)}: {s.error}" for s in stats if s.error],
    }


def _cells(s: AlarmStats) -> tuple[str, ...]:
    margins = ("–", "–", "–") if s.error else (_g(s.float_margin), _g(s.worst_margin), _g(s.precise_margin))
    return (
        str(s.seeds),
        f"{s.samples:,}",
        str(s.false_alarms),
        str(s.inconclusive),
        f"{s.escalated:,}",
        *margins,
    )


def _g(x: float) -> str:
    return "0" if x == 0 else f"{x:.4g}"


def headline(stats: list[AlarmStats]) -> str:
    tot = summary(stats)
    last = tot["first_seed"] + tot["seeds"] - 1
    return (
        f"{tot['claims']} true claims × {tot['seeds']} seeds ({tot['first_seed']}…{last}): "
        f"{tot['samples']:,} samples, {tot['false_alarms']} false alarms, {tot['inconclusive']} inconclusive; "
        f"{tot['escalated']:,} samples recomputed at 100+ digits ({tot['unescalated']:,} more suspects not "
        f"recomputed); margins: float {_g(tot['float_margin'])}, residual {_g(tot['residual_margin'])}, "
        f"100-digit {_g(tot['precise_margin'])}"
    )


def render(console: Console, stats: list[AlarmStats], quiet: bool = False) -> None:
    if not quiet:
        t = Table(header_style="bold", title="false alarms: numeric checks of true claims under many seeds")
        for col in COLUMNS:
            t.add_column(col, justify="left" if col == "claim" else "right")
        for s in stats:
            style = "bold red" if s.false_alarms else ("yellow" if s.error or s.inconclusive else "")
            t.add_row(Text(str(ClaimKey.of(s)), style=style), *_cells(s))
        console.print(t)
        console.print(Text(LEGEND, style="dim"))
    for line in summary(stats)["skipped"]:
        console.print(Text(f"skipped {line}", style="yellow"))
    console.print(Text(headline(stats), style="bold red" if summary(stats)["false_alarms"] else "bold green"))


def to_json(stats: list[AlarmStats]) -> dict[str, Any]:
    return {"schema_version": 1, "summary": summary(stats), "claims": [s.to_json() for s in stats]}


def markdown(stats: list[AlarmStats]) -> str:
    """A per-derivation summary, then every claim; the headline first."""
    lines = ["# False alarms: numeric checks of true claims under many seeds", "", f"**{headline(stats)}**", ""]
    lines += [LEGEND, "", "## Per derivation", ""]
    lines += _table(
        ["derivation", *COLUMNS[1:]], [[name, *_cells(_merge(group))] for name, group in _by_derivation(stats)]
    )
    lines += ["", "## Per claim", ""]
    lines += _table(list(COLUMNS), [[f"`{ClaimKey.of(s)}`", *_cells(s)] for s in stats])
    skipped = summary(stats)["skipped"]
    if skipped:
        lines += ["", "## Not measured", "", *[f"- {line}" for line in skipped]]
    return "\n".join(lines) + "\n"


def _by_derivation(stats: list[AlarmStats]) -> list[tuple[str, list[AlarmStats]]]:
    groups: dict[str, list[AlarmStats]] = defaultdict(list)
    for s in stats:
        if not s.error:
            groups[s.derivation].append(s)
    return sorted(groups.items())


def _merge(group: list[AlarmStats]) -> AlarmStats:
    """Counts added up and margins at their worst over a group of claims."""
    merged = AlarmStats(
        group[0].derivation if group else "",
        "",
        seeds=max((s.seeds for s in group), default=0),
        first_seed=min((s.first_seed for s in group), default=0),
    )
    for s in group:
        merged.samples += s.samples
        merged.false_alarms += s.false_alarms
        merged.inconclusive += s.inconclusive
        merged.escalated += s.escalated
        merged.unescalated += s.unescalated
        merged.float_margin = max(merged.float_margin, s.float_margin)
        merged.worst_margin = max(merged.worst_margin, s.worst_margin)
        merged.precise_margin = max(merged.precise_margin, s.precise_margin)
    return merged


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    aligns = ["---"] + ["---:"] * (len(header) - 1)
    return ["| " + " | ".join(header) + " |", "| " + " | ".join(aligns) + " |"] + [
        "| " + " | ".join(row) + " |" for row in rows
    ]
