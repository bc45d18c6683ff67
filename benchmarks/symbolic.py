"""Section "symbolic", symbolic decision: the ladder against `simplify` on every entry of the same residual."""

from __future__ import annotations

import time

import sympy as sp

from benchmarks.config import BenchConfig
from benchmarks.harness import Cell, CellStatus, Data, Progress, ResolvedClaim, load_instance, run_cells
from verifier.engine import EngineSettings
from verifier.run import pool
from verifier.strategies import ladder
from verifier.trusted import obligations

SPEEDUP_N = 6
PROOF_N = 8


def ladder_cell(path: str, name: str, n: int) -> Cell:
    """The engine's decision: ladder.prove on the instance, with the engine's default symbolic budget."""
    inst = load_instance(path, name, n)
    start = time.perf_counter()
    outcome = ladder.prove(inst, EngineSettings().budget)
    elapsed = time.perf_counter() - start
    if outcome.proof is not None:
        return {"status": CellStatus.DECIDED, "seconds": elapsed, "detail": "+".join(outcome.proof.rungs)}
    return {"status": CellStatus.NOT_DECIDED, "seconds": elapsed, "detail": outcome.reason}


def simplify_cell(path: str, name: str, n: int) -> Cell:
    """The plain baseline: simplify every residual entry, stopping at the first nonzero."""
    inst = load_instance(path, name, n)
    start = time.perf_counter()
    residual = obligations.residual(inst)
    for index, entry in enumerate(residual):
        if sp.simplify(entry) != 0:
            detail = f"entry {index} did not simplify to 0"
            return {"status": CellStatus.NOT_DECIDED, "seconds": time.perf_counter() - start, "detail": detail}
    return {"status": CellStatus.DECIDED, "seconds": time.perf_counter() - start}


def bench_symbolic(config: BenchConfig, claims: list[ResolvedClaim], progress: Progress) -> Data:
    limit = config.cell_timeout
    rows: list[Data] = [{**c.to_json(), "cells": []} for c in claims]
    stuck: dict[str, int] = {}  # "row|method" → the n at which it timed out
    for n in config.symbolic_n:
        tasks = []
        for i, row in enumerate(rows):
            if row["claim"] is None:
                continue
            for method in ("ladder", "simplify"):
                key = f"{row['label']}|n={n}|{method}"
                if f"{i}|{method}" in stuck:
                    continue
                args = (row["path"], row["claim"], n)
                tasks.append(pool.Task(key, ladder_cell if method == "ladder" else simplify_cell, args))
        cells = run_cells(tasks, limit, config, progress)
        for i, row in enumerate(rows):
            if row["claim"] is None:
                continue
            entry: Data = {"n": n}
            for method in ("ladder", "simplify"):
                first = stuck.get(f"{i}|{method}")
                cell = cells.get(f"{row['label']}|n={n}|{method}") or {"status": CellStatus.SKIPPED, "after": first}
                if cell["status"] == CellStatus.TIMED_OUT:
                    cell.setdefault("limit", limit)
                    stuck.setdefault(f"{i}|{method}", n)
                entry[method] = cell
            row["cells"].append(entry)
    for i, row in enumerate(rows):
        row["ladder_times_out_at"] = stuck.get(f"{i}|ladder")
        row["simplify_times_out_at"] = stuck.get(f"{i}|simplify")
        at = {e["n"]: e for e in row["cells"]}.get(SPEEDUP_N)
        row["speedup_at_6"] = speedup(at["simplify"], at["ladder"], limit) if at else None
    return {"n_values": list(config.symbolic_n), "speedup_n": SPEEDUP_N, "limit": limit, "claims": rows}


def speedup(slow: Cell, fast: Cell, limit: float) -> Data | None:
    """slow seconds / fast seconds; a lower bound when the slow side timed out."""
    if fast["status"] != CellStatus.DECIDED:
        return None
    if slow["status"] == CellStatus.DECIDED:
        return {"value": slow["seconds"] / max(fast["seconds"], 1e-9), "bound": "exact"}
    if slow["status"] in (CellStatus.TIMED_OUT, CellStatus.SKIPPED):
        return {"value": limit / max(fast["seconds"], 1e-9), "bound": "lower"}
    return None
