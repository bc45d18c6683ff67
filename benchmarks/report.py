"""The whole run: the machine, each selected section, the targets; then the Markdown, JSON and SVG files."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import sympy as sp

from benchmarks import targets
from benchmarks.certificates import bench_certificates
from benchmarks.cluster import DaskSection, bench_dask, target_shards
from benchmarks.cluster import target as target_dask
from benchmarks.compile_speed import CompileSection, bench_compile
from benchmarks.config import SECTION_TITLES, SECTIONS, BenchConfig
from benchmarks.cost import bench_cost
from benchmarks.determinism import DeterminismSection, bench_determinism
from benchmarks.generic_dimension import bench_generic
from benchmarks.gradient import bench_gradient
from benchmarks.grading import GradingSection, bench_grading
from benchmarks.grading import target as target_grading
from benchmarks.grading import target_hanging as target_hanging_course
from benchmarks.grading import target_rate as target_course_rate
from benchmarks.harness import Data, Progress, ResolvedClaim, resolve_claims
from benchmarks.latex_chain import bench_latex
from benchmarks.numeric import bench_numeric
from benchmarks.sos_search import bench_sos
from benchmarks.special import bench_special
from benchmarks.symbolic import bench_symbolic
from benchmarks.verify_all import VerifyAllSection, bench_verify_all
from verifier import __version__
from verifier.run import files

SCHEMA = 2


def describe_machine() -> Data:
    """CPU model, cores, memory, load and the versions that matter."""
    cpu, memory = platform.processor() or "unknown", None
    try:
        text = Path("/proc/cpuinfo").read_text()
        cpu = next((ln.split(":", 1)[1].strip() for ln in text.splitlines() if ln.startswith("model name")), cpu)
        mem = next(ln for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal"))
        memory = round(int(mem.split()[1]) / 1024**2, 1)
    except (OSError, StopIteration, ValueError):
        pass
    try:
        torch_version: str | None = importlib.metadata.version("torch")
    except importlib.metadata.PackageNotFoundError:
        torch_version = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory,
        "os": platform.platform(),
        "load_before": list(os.getloadavg()),
        "python": platform.python_version(),
        "sympy": sp.__version__,
        "numpy": np.__version__,
        "torch": torch_version,
        "verifier": __version__,
    }


def run(config: BenchConfig, progress: Progress = lambda line: None) -> Data:
    """Every selected section, as one JSON-ready dict; a section not selected is None."""
    started = time.monotonic()
    data: Data = {
        "schema": SCHEMA,
        "command": config.command,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": describe_machine(),
        "settings": asdict(config),
    }
    claims: list[ResolvedClaim] = []
    if any(config.runs(s) for s in ("symbolic", "numeric", "cost", "compile")):
        progress("bench: loading the claims")
        claims = resolve_claims(config, progress)
    steps = [s for s in SECTIONS if config.runs(s)]

    def step(section: str) -> bool:
        if config.runs(section):
            progress(f"bench: {steps.index(section) + 1}/{len(steps)} {SECTION_TITLES[section]}")
        return config.runs(section)

    data["symbolic"] = bench_symbolic(config, claims, progress) if step("symbolic") else None
    data["numeric"] = bench_numeric(config, claims, progress) if step("numeric") else None
    data["gradient"] = bench_gradient(config, progress) if step("gradient") else None
    verify_all = bench_verify_all(config, progress) if step("verify-all") else None
    cost = bench_cost(config, claims, progress) if step("cost") else None
    compile_speed = bench_compile(config, claims, progress) if step("compile") else None
    special = bench_special(config, progress) if step("special") else None
    determinism = bench_determinism(config, progress) if step("determinism") else None
    certificates = bench_certificates(config, progress) if step("certificates") else None
    latex_chain = bench_latex(config, progress) if step("latex") else None
    grading = bench_grading(config, progress) if step("grading") else None
    generic = bench_generic(config, progress) if step("generic") else None
    data["generic"] = [row.to_json() for row in generic] if generic is not None else None
    sos_search = bench_sos(config, progress) if step("sos") else None
    dask = bench_dask(config, progress) if step("dask") else None
    for key, section in (
        ("verify_all", verify_all),
        ("cost", cost),
        ("compile", compile_speed),
        ("special", special),
        ("determinism", determinism),
        ("certificates", certificates),
        ("latex", latex_chain),
        ("grading", grading),
        ("sos", sos_search),
        ("dask", dask),
    ):
        data[key] = section.to_json() if section is not None else None
    decided = _targets(data, config, verify_all, compile_speed, determinism, dask, grading)
    data["targets"] = [t.to_json() for t in decided]
    data["machine"]["load_after"] = list(os.getloadavg())
    data["seconds"] = time.monotonic() - started
    return data


def _targets(
    data: Data,
    config: BenchConfig,
    verify_all: VerifyAllSection | None,
    compile_speed: CompileSection | None,
    determinism: DeterminismSection | None,
    dask: DaskSection | None,
    grading: GradingSection | None,
) -> list[targets.Target]:
    """Every target of the issues, each decided from its section's data (not measured where not run)."""
    return [
        *targets.target_symbolic(data["symbolic"]),
        targets.target_numeric(data["numeric"]),
        targets.target_gradient(data["gradient"]),
        *targets.target_verify_all(verify_all, config),
        *targets.target_startup(verify_all),
        targets.target_compile(compile_speed),
        targets.target_determinism(determinism, config),
        target_dask(dask),
        target_shards(dask),
        target_grading(grading),
        target_course_rate(grading),
        target_hanging_course(grading),
    ]


def write_reports(data: Data, out: str | Path) -> list[Path]:
    """BENCHMARKS.md, benchmarks.json and (with the cost section) the plot, each written atomically."""
    from benchmarks import plot, render

    folder = Path(out)
    md, js = folder / "BENCHMARKS.md", folder / "benchmarks.json"
    files.write_json(js, data)
    written = [md, js]
    if data.get("cost"):
        svg = folder / data["cost"]["plot"]
        files.write_atomic(svg, plot.render_svg(data["cost"]))
        written.append(svg)
    files.write_atomic(md, _with_serve_load(md, render.render(data)))
    return written


def _with_serve_load(md: Path, text: str) -> str:
    """The new report, keeping the `verifier serve` sections the old one had (benchmarks/serve_load.py under load,
    benchmarks/serve_attack.py under attack): they are measured by their own commands."""
    from benchmarks import serve_attack, serve_load

    old = md.read_text(encoding="utf-8") if md.exists() else ""
    for module in (serve_load, serve_attack):
        start, end = module.START, module.END
        if start in old and end in old:
            text = module.keep_section(text, old[old.index(start) : old.index(end) + len(end)])
    return text
