"""Which modules each claim imports on first use, and whether importing them first moves its work.

`PYTHONHASHSEED=0 python reports/bench_issue42_lazy_imports/first_use.py FOLDER PREFIXES`: every claim of every
derivation file under FOLDER runs in a fork of a parent that has made the CLI's shared imports
(`plan.share_imports`), as a holder's worker does, and reports the modules imported after its `start_claim`. Each
claim that imported a module whose name starts with one of PREFIXES (comma-separated: `sympy,scipy,clarabel`) then
runs again in a fresh fork that imports those modules (all the run's) first, as a notebook that verified such a
claim before would have them. Prints the counts and every claim whose proofs took other work the second time.
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from verifier.engine import verify
from verifier.engine.settings import EngineSettings
from verifier.language.families import ClaimFamily
from verifier.load.loader import load
from verifier.run import plan, pool
from verifier.strategies import budget

STARTED: dict[str, set[str]] = {}
_start_claim = budget.start_claim


def _start_and_note() -> None:
    _start_claim()
    STARTED["modules"] = set(sys.modules)


def in_fork(fn: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """fn's value, computed in a worker forked as the CLI forks a claim's (verifier.run.pool)."""
    out: list[Any] = []
    pool.run([pool.Task("claim", fn, ())], jobs=1, timeout=600, memory_mb=0, on_done=lambda _, value: out.append(value))
    if not isinstance(out[0], dict):
        raise RuntimeError(f"the worker failed: {out[0]}")
    return out[0]


def run(family: ClaimFamily, path: Path, first: list[str]) -> dict[str, Any]:
    for name in first:
        importlib.import_module(name)
    result = verify.verify_family(family, EngineSettings(), str(path))
    late = sorted(set(sys.modules) - STARTED["modules"])
    return {"work": [[p.n, p.work] for p in result.proofs], "late": late}


def main(folder: str, prefixes: tuple[str, ...]) -> None:
    plan.share_imports(shrinker=True)
    budget.start_claim = _start_and_note
    suffixes = (".py", ".md", ".tex")
    files = [p for p in sorted(Path(folder).rglob("*")) if p.suffix in suffixes and not p.name.startswith("__")]
    claims = [(p, f) for p in files for f in load(p).families]
    fresh = {(p, f.name): in_fork(functools.partial(run, f, p, [])) for p, f in claims}
    lazy = sorted({m for r in fresh.values() for m in r["late"] if m.startswith(prefixes)})
    importing = [(p, f) for p, f in claims if set(fresh[p, f.name]["late"]) & set(lazy)]
    moved = []
    for p, f in importing:
        after = in_fork(functools.partial(run, f, p, lazy))
        if after["work"] != fresh[p, f.name]["work"]:
            moved.append((f"{p.stem}.{f.name}", fresh[p, f.name]["work"], after["work"]))
    print(f"{len(claims)} claims; {len(importing)} import a module of {', '.join(prefixes)} on first use")
    print(f"{len(moved)} took other work with those modules imported first:")
    for key, before, after_work in moved:
        print(f"  {key}: {before} in a fresh fork, {after_work} after")


if __name__ == "__main__":
    main(sys.argv[1], tuple(sys.argv[2].split(",")))
