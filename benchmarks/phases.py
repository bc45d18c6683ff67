"""Where a claim's CPU goes, by phase of the engine: the bench's account of its slowest claims.

`benchmarks/in_process.py --phases PATH` verifies the library with a `PhaseClock` installed: each
phase is one engine function, timed (CPU of this process) around its outermost call. Phases may
nest: `numeric` includes `confirm`, its high-precision confirmations, and a phase may build claims
(`build` is only the kernel stating the claim at an n). What no phase covers is `other`: loading the
claim's pieces, the reports' typesetting, the bookkeeping between phases.

With `--detail`, finer phases are timed too (DETAIL_PHASES: the kernel's residual, its zero tests, the
numeric compiler, the interval search, the shrinker, the diagnosis, the sizes beyond the stated ones).
`python -m benchmarks.phases BEFORE.json [AFTER.json]` prints the library's CPU per phase and the
slowest claims' phases, of one run or of two side by side (the same machine, for a before/after).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

PHASES = (  # label, module, function
    ("build", "verifier.trusted.kernel", "state"),
    ("numeric", "verifier.engine.verify", "spot_check"),
    ("confirm", "verifier.numeric.confirm", "decide"),
    ("ladder", "verifier.strategies.ladder", "prove"),
    ("dimension", "verifier.strategies.dimension", "attempt"),
)
DETAIL_PHASES = (  # the same, finer: each nests in one of PHASES (or in `other`)
    ("residual", "verifier.trusted.kernel", "residual"),
    ("zero", "verifier.trusted.kernel", "zero"),
    ("zero", "verifier.trusted.kernel", "zeros_by_atoms"),
    ("compile", "verifier.numeric.batch", "compiled"),
    ("enclosure", "verifier.numeric.checks.enclosure", "search_claim"),
    ("shrink", "verifier.numeric.shrink", "minimise"),
    ("diagnose", "verifier.engine.diagnose", "diagnose"),
    ("beyond", "verifier.engine.verify", "_beyond_stated"),
)
LABELS = tuple(label for label, _, _ in PHASES)
SHOWN = 20  # the slowest claims a summary lists


class PhaseClock:
    """CPU seconds per phase since the last `lap`, from the engine's functions wrapped in place."""

    def __init__(self, detail: bool = False) -> None:
        self.phases = PHASES + DETAIL_PHASES if detail else PHASES
        self.labels = tuple(dict.fromkeys(label for label, _, _ in self.phases)) if detail else LABELS
        self.spent: dict[str, float] = dict.fromkeys(self.labels, 0.0)
        self._open: Counter[str] = Counter()  # calls of each phase under way: only the outermost is timed

    def install(self) -> None:
        for label, module_name, name in self.phases:
            module = importlib.import_module(module_name)
            setattr(module, name, self._timed(label, getattr(module, name)))

    def lap(self) -> dict[str, float]:
        """The seconds per phase since the last lap (every label, 0 where none was spent)."""
        out = {label: round(self.spent[label], 3) for label in self.labels}
        self.spent = dict.fromkeys(self.labels, 0.0)
        return out

    def _timed(self, label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._open[label] += 1
            started = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self._open[label] -= 1
                if not self._open[label]:
                    self.spent[label] += time.process_time() - started

        return timed


Phases = dict[str, dict[str, float]]  # claim → label → CPU seconds ("total" among them)


def totals(run: Phases) -> dict[str, float]:
    """Each label's CPU summed over every claim of the run."""
    out: dict[str, float] = {}
    for by_label in run.values():
        for label, seconds in by_label.items():
            out[label] = out.get(label, 0.0) + seconds
    return out


def summary(runs: list[Phases], names: list[str]) -> list[str]:
    """Markdown: the library's CPU per phase in each run, then each run's slowest claims by phase."""
    labels = list(dict.fromkeys(label for run in runs for by in run.values() for label in by))
    sums = [totals(run) for run in runs]
    lines = ["| phase | " + " | ".join(names) + " |", "|---|" + "---|" * len(runs)]
    lines += [f"| {label} | " + " | ".join(f"{s.get(label, 0.0):.1f}" for s in sums) + " |" for label in labels]
    for name, run in zip(names, runs, strict=True):
        ranked = sorted(run.items(), key=lambda item: -item[1].get("total", 0.0))
        cpu = sorted(by.get("total", 0.0) for by in run.values())
        median = cpu[len(cpu) // 2] if cpu else 0.0
        lines += ["", f"{name}: {len(run)} claims, median {median:.3f} s; the {SHOWN} slowest (CPU s):", ""]
        lines += ["| claim | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
        for claim, by in ranked[:SHOWN]:
            lines.append(f"| {claim} | " + " | ".join(f"{by.get(label, 0.0):.2f}" for label in labels) + " |")
        if len(runs) == 2 and name == names[-1]:
            lines += ["", *_changed(runs[0], run)]
    return lines


def _changed(before: Phases, after: Phases) -> list[str]:
    """The claims whose total CPU moved most between the two runs."""
    both = [c for c in before if c in after]
    moved = sorted(both, key=lambda c: after[c]["total"] - before[c]["total"])
    lines = ["| claim | before | after |", "|---|---|---|"]
    for c in moved[:SHOWN]:
        lines.append(f"| {c} | {before[c]['total']:.2f} | {after[c]['total']:.2f} |")
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.phases",
        description="Print the library's CPU per phase of the engine and the slowest claims' phases, from one "
        "run of `python -m benchmarks.in_process --phases PATH`, or two side by side (before and after).",
    )
    parser.add_argument("runs", nargs="+", metavar="RUN.json", help="one or two files written by --phases")
    args = parser.parse_args(argv)
    if len(args.runs) > 2:
        parser.error("give one run, or two to compare (before and after)")
    try:
        runs = [json.loads(Path(p).read_text()) for p in args.runs]
    except (OSError, ValueError) as err:
        parser.error(f"{err}; give files written by `python -m benchmarks.in_process --phases PATH`")
    names = ["before", "after"] if len(runs) == 2 else ["CPU s"]
    print("\n".join(summary(runs, names)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
