"""BENCHMARKS.md from the dict `benchmarks.report.run` returns: the machine, the targets, then every section
in the order of config.SECTIONS, each numbered by its place there (formatting only, no computing)."""

from __future__ import annotations

from collections.abc import Callable

from benchmarks import generic_dimension, grading, render_costs, render_versus, sos_search
from benchmarks.cluster import render_section as render_dask
from benchmarks.config import SECTIONS
from benchmarks.harness import Data
from benchmarks.targets import TargetStatus

MARKS = {
    TargetStatus.MET: "✅ met",
    TargetStatus.NOT_MET: "❌ not met",
    TargetStatus.NOT_SHOWN: "❔ not shown",
    TargetStatus.NOT_MEASURED: "– not measured",
}
SECTION_RENDERERS: dict[str, Callable[[Data], list[str]]] = {
    "symbolic": render_versus.symbolic,
    "numeric": render_versus.numeric,
    "gradient": render_versus.gradient,
    "verify-all": render_costs.verify_all,
    "cost": render_costs.cost,
    "compile": render_versus.compile_speed,
    "special": render_versus.special,
    "determinism": render_costs.determinism,
    "certificates": render_costs.certificates,
    "latex": render_costs.latex,
    "grading": grading.render,
    "generic": generic_dimension.render_section,
    "sos": sos_search.render_sos,
    "dask": lambda data: render_dask(data.get("dask")),
}


def _machine(data: Data) -> list[str]:
    m = data["machine"]
    torch = m["torch"] or "not installed"
    load = (
        ", ".join(f"{x:.2f}" for x in m["load_before"])
        + " before; "
        + ", ".join(f"{x:.2f}" for x in m["load_after"])
        + " after"
    )
    return [
        "## Machine",
        "",
        f"- **CPU:** {m['cpu']}, {m['cores']} cores; **memory:** {m['memory_gib']} GiB; **OS:** {m['os']}",
        f"- **Versions:** Python {m['python']}, sympy {m['sympy']}, numpy {m['numpy']}, torch {torch}, "
        f"verifier {m['verifier']}",
        f"- **Load average (1, 5, 15 min):** {load}",
        "",
    ]


def _targets(data: Data) -> list[str]:
    lines = ["## Targets", "", "| target | status | measured |", "|---|---|---|"]
    lines += [f"| {t['target']} | {MARKS[t['status']]} | {t['evidence']} |" for t in data["targets"]]
    return [*lines, ""]


def render(data: Data) -> str:
    quick = " (quick: a subset, not the full benchmark)" if data["settings"]["quick"] else ""
    lines = [
        f"# Benchmarks{quick}",
        "",
        f"Produced by `{data['command']}` on {data['date']} in {data['seconds']:.0f} s. "
        "Cells run one at a time, each in a fresh forked worker; timings exclude the fork and the loading "
        "of the claim. Rerun the command to reproduce; timings on a shared machine are noisy (see the load).",
        "",
        *_machine(data),
        *_targets(data),
        *(line for section in SECTIONS for line in SECTION_RENDERERS[section](data)),
    ]
    return "\n".join(lines).rstrip() + "\n"
