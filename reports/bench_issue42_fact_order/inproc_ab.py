"""The engine's CPU on some derivation files with sympy's facts sorted and shuffled, paired in one process.

`PYTHONHASHSEED=0 python reports/bench_issue42_fact_order/inproc_ab.py RUNS FILE...`: the files are loaded once;
then, RUNS times, every claim is verified (each from its fresh start, `engine.verify_family`) with
`verifier.language.fact_order` installed (sorted) and uninstalled (sympy's shuffle), the order of the two
swapped every run. Prints each run's CPU seconds, the ratio pair by pair, and whether every status agreed.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from verifier import engine
from verifier.engine import EngineSettings
from verifier.language import fact_order
from verifier.load import loader


def main(runs: int, paths: list[str]) -> None:
    families = [(p, f) for p in paths for f in loader.load(Path(p)).families]
    times: dict[str, list[float]] = {"sorted": [], "shuffled": []}
    statuses: dict[str, list[str]] = {}
    for run in range(runs):
        for mode in ("sorted", "shuffled") if run % 2 == 0 else ("shuffled", "sorted"):
            (fact_order.install if mode == "sorted" else fact_order.uninstall)()
            start = time.process_time()
            got = [str(engine.verify_family(f, EngineSettings(), p).status) for p, f in families]
            times[mode].append(time.process_time() - start)
            assert got == statuses.setdefault(mode, got), f"{mode}: a status moved between runs"
    fact_order.install()
    print(f"{len(families)} claims, {runs} runs each")
    for mode, seconds in times.items():
        print(mode, " ".join(f"{t:.2f}" for t in seconds), f"median {statistics.median(seconds):.2f}")
    ratios = [a / b for a, b in zip(times["sorted"], times["shuffled"], strict=True)]
    shown = " ".join(f"{r:.3f}" for r in ratios)
    print("sorted/shuffled pair by pair", shown, f"median {statistics.median(ratios):.3f}")
    print("same statuses", statuses["sorted"] == statuses["shuffled"])


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2:])
