"""The diagnosis's added cost per wrong step (issue 41's target: at most 2 s on 2 cores).

    python -m benchmarks.diagnose                 # every planted slip of tests/fixtures/diagnose_slips.py,
                                                  # and a few wrong steps no slip repairs (the worst case)
    python -m benchmarks.diagnose --json out.json # and the figures as JSON
    python -m benchmarks.diagnose --library       # the library's planted LaTeX chains (derivations/*.md, *.tex)

Each planted slip is a one-step LaTeX chain whose step is wrong. It is verified once, as the command
line does (`verify_family`, default settings but 60 samples, no cache), with a listener on its steps:
the engine tells the wrong step at its verdict, then again with its diagnosis, so the time between
the two is exactly what the diagnosis adds to that step, measured in wall-clock and in CPU time of
this process. The figure is the median, the p95 (nearest rank) and the maximum over the slips, with
the load average before and after. Timings depend on the machine and its load; not a test: nothing
here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.fixtures.diagnose_slips import ASSUMPTIONS, SLIPS
from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.language.families import ClaimFamily
from verifier.language.keys import ClaimKey
from verifier.outcome import StepResult

SETTINGS = EngineSettings(samples=60)
SCALARS = "x, y, a, b: real"
SOFTMAX = (
    "z, y: vectors of size k; y: simplex; k: 2..4\nj: index\n\\operatorname{softmax}: softmax\n"
    "\\hat{y} = \\operatorname{softmax}(z)\nL = -\\sum_i y_i \\log \\hat{y}_i"
)
# wrong steps that no slip of the catalogue repairs: the diagnosis tries everything, the worst case
UNREPAIRED = [
    ("none-sine", SCALARS, r"\sin(x)", "=", r"x"),
    ("none-power-of-product", SCALARS, r"(a b)^2", "=", r"a b^2"),
    ("none-exp-of-sum", SCALARS, r"e^{x + y}", "=", r"e^x + e^y"),
    ("none-log-of-sum", "x, y: positive", r"\log(x + y)", "=", r"\log x + \log y"),
    ("none-softmax-gradient", SOFTMAX, r"\frac{\partial L}{\partial z_j}", "=", r"\hat{y}_j + y_j - 2 y_j \hat{y}_j"),
]


@dataclass(frozen=True)
class Measured:
    name: str
    verdict_seconds: float  # from the start to the wrong step's verdict
    wall: float  # the diagnosis: from the verdict to the diagnosis, wall clock
    cpu: float  # the same in this process's CPU time
    kind: str  # the diagnosis's kind, or "" if none was found


def measure(name: str, block: str, before: str, rel: str, after: str) -> Measured:
    """One slip: the wrong step's verdict, then its diagnosis, timed between the two."""
    text = f"```verifier\n{block}\n```\n\n$$ {before} {rel} {after} $$\n"
    families, errors = latex.parse_chains(text, "bench.md", "bench")
    if errors:
        raise SystemExit(f"{name}: {errors}")
    return timed(name, families[0])


def library() -> list[Measured]:
    """Every chain of the library's LaTeX derivations that is refuted as planted (expect: refuted)."""
    rows = []
    for path in sorted([*Path("derivations").glob("*.md"), *Path("derivations").glob("*.tex")]):
        families, _ = latex.load(path)
        rows += [timed(str(ClaimKey(path.stem, f.name)), f) for f in families if f.expect.value == "refuted"]
    return rows


def timed(name: str, family: ClaimFamily) -> Measured:
    """The family verified with a listener: the time between its wrong step's verdict and its diagnosis."""
    families = [family]
    marks: list[tuple[float, float, StepResult]] = []
    started = time.perf_counter()
    result = verify_family(
        families[0], SETTINGS, "bench.md", on_step=lambda s: marks.append((time.perf_counter(), _cpu(), s))
    )
    told = [m for m in marks if m[2].index == result.first_wrong_step]
    if not told:  # not a chain refuted at a step
        return Measured(name, result.seconds, 0.0, 0.0, "")
    if len(told) < 2:  # no diagnosis: it was still tried; an upper bound, up to the chain's result (its end result too)
        return Measured(name, told[0][0] - started, time.perf_counter() - told[0][0], _cpu() - told[0][1], "")
    (t0, c0, _), (t1, c1, step) = told[0], told[1]
    kind = step.diagnosis.kind if step.diagnosis is not None else ""
    return Measured(name, t0 - started, t1 - t0, c1 - c0, kind)


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (a forked check counts)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.diagnose", description=__doc__.splitlines()[0])
    parser.add_argument("--json", metavar="PATH", help="write the figures here as JSON")
    parser.add_argument("--library", action="store_true", help="the library's planted LaTeX chains instead")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    rows = library() if args.library else [measure(*map(str, row[:5])) for row in [*SLIPS, *ASSUMPTIONS, *UNREPAIRED]]
    load_after = os.getloadavg()
    for r in rows:
        added = f"+{r.wall:5.2f} s wall, {r.cpu:5.2f} s CPU"
        print(f"{r.name:30s} verdict {r.verdict_seconds:6.2f} s   diagnosis {added}  {r.kind or '(none)'}")
    walls, cpus = [r.wall for r in rows], [r.cpu for r in rows]
    figures = {
        "slips": len(rows),
        "diagnosed": sum(1 for r in rows if r.kind),
        "wall_median": statistics.median(walls), "wall_p95": _p95(walls), "wall_max": max(walls),
        "cpu_median": statistics.median(cpus), "cpu_p95": _p95(cpus), "cpu_max": max(cpus),
        "load_before": load_before[0], "load_after": load_after[0], "cores": os.cpu_count(),
    }  # fmt: skip
    print(
        f"{figures['diagnosed']}/{len(rows)} diagnosed; added per wrong step: "
        f"wall median {figures['wall_median']:.2f} s, "
        f"p95 {figures['wall_p95']:.2f} s, max {figures['wall_max']:.2f} s; CPU median {figures['cpu_median']:.2f} s, "
        f"p95 {figures['cpu_p95']:.2f} s, max {figures['cpu_max']:.2f} s (load {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after, {os.cpu_count()} cores)"
    )
    if args.json:
        Path(args.json).write_text(json.dumps({"figures": figures, "rows": [r.__dict__ for r in rows]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
