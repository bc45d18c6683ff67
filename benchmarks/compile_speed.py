"""Section "compile", compile speed: `numeric.Compiled` against plain `sympy.lambdify(..., "numpy", cse=True)`.

Both sides compile the same expressions (the claimed Hessian entries, then f) in the same
symbol order, each in its own worker, and evaluate them on the same samples; the parent
compares the two (K, entries) arrays.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import sympy as sp

from benchmarks.config import COMPILE_CLAIM, BenchConfig
from benchmarks.harness import Data, Progress, Ratio, ResolvedClaim, first_line, load_instance, run_tasks, speed_ratio
from verifier.language.claims import Derivative
from verifier.numeric import batch as numeric
from verifier.run import pool
from verifier.trusted.instantiate import as_matrix

SIDES = ("engine", "sympy")


@dataclass(frozen=True)
class Compiled:
    """What one worker returns: the times, and the values for the comparison (not kept in the report)."""

    setup_seconds: float  # building the instance and drawing the samples, the same on both sides
    compile_seconds: float
    evaluate_seconds: float
    values: np.ndarray
    backend: str


@dataclass(frozen=True)
class CompileCell:
    side: str  # "engine" (numeric.Compiled) or "sympy" (sympy.lambdify)
    status: str  # "ok", "timed out" or "error"
    compile_seconds: float | None = None
    evaluate_seconds: float | None = None
    limit: float | None = None
    detail: str = ""
    backend: str = ""  # what the side compiled with, when it says


@dataclass(frozen=True)
class CompileSection:
    label: str
    claim: str | None
    n: int
    samples: int
    limit: float
    cells: tuple[CompileCell, ...]
    speedup: Ratio | None  # sympy compile seconds ÷ engine compile seconds
    max_abs_diff: float | None
    entries: int | None
    note: str = ""

    def cell(self, side: str) -> CompileCell:
        return next(c for c in self.cells if c.side == side)

    def to_json(self) -> Data:
        return asdict(self)


def claim_expressions(path: str, name: str, n: int) -> tuple[tuple[sp.Symbol, ...], list[sp.Expr], Any]:
    """The instance's symbols, the claimed Hessian entries then f, and the instance's domains."""
    inst = load_instance(path, name, n)
    body = inst.claim.body
    if not isinstance(body, Derivative):
        raise TypeError(f"the compile benchmark needs a derivative claim, not {body.kind}")
    return inst.symbols, [*as_matrix(body.equals), *as_matrix(body.f)], inst.given


def _columns(out: Sequence[Any], k: int) -> np.ndarray:
    """lambdify's list of results (arrays or constants) as one (K, entries) array."""
    dtype = complex if any(np.iscomplexobj(o) for o in out) else float
    return np.stack([np.broadcast_to(np.asarray(o, dtype=dtype), (k,)) for o in out], axis=1)


def compile_cell(path: str, name: str, n: int, samples: int, seed: int, side: str) -> Compiled:
    """Compile the expressions with one side, then evaluate them on the seeded samples."""
    setup = time.perf_counter()
    symbols, exprs, given = claim_expressions(path, name, n)
    env = numeric.draw(given, np.random.default_rng(seed), samples)
    start = time.perf_counter()
    if side == "engine":
        fn = numeric.Compiled(symbols, exprs)
        compiled = time.perf_counter()
        values, backend = fn(env), str(getattr(fn, "backend", "numeric.Compiled"))
    else:
        lambdified = sp.lambdify(symbols, exprs, "numpy", cse=True)
        compiled = time.perf_counter()
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values, backend = _columns(lambdified(*(env[s] for s in symbols)), samples), "sympy lambdify (numpy)"
    return Compiled(start - setup, compiled - start, time.perf_counter() - compiled, values, backend)


def max_abs_diff(a: np.ndarray, b: np.ndarray) -> float:
    """max |a − b| over the entries, where the same non-finite value on both sides counts as equal."""
    same = (a == b) | (np.isnan(a) & np.isnan(b))
    gaps = np.where(same, 0.0, np.abs(a - b))
    return float(np.max(np.nan_to_num(gaps, nan=np.inf))) if gaps.size else 0.0


def bench_compile(config: BenchConfig, claims: list[ResolvedClaim], progress: Progress) -> CompileSection:
    ref = next(c for c in claims if c.label == COMPILE_CLAIM.label)
    limit, n = config.cell_timeout, config.compile_n
    if ref.claim is None:
        return CompileSection(ref.label, None, n, config.compile_samples, limit, (), None, None, None, ref.note)
    args = (ref.path, ref.claim, n, config.compile_samples, config.seed)
    tasks = [pool.Task(f"compile n={n}|{side}", compile_cell, (*args, side)) for side in SIDES]
    values = run_tasks(tasks, limit, config.memory_mb, progress)
    cells, runs = [], {}
    for side in SIDES:
        value = values[f"compile n={n}|{side}"]
        if isinstance(value, pool.Failure):
            status = "timed out" if value.kind is pool.FailureKind.TIMEOUT else "error"
            cells.append(CompileCell(side, status, limit=limit, detail=first_line(value.message)))
        else:
            runs[side] = value
            cells.append(CompileCell(side, "ok", value.compile_seconds, value.evaluate_seconds, backend=value.backend))
    engine, sympy_run = runs.get("engine"), runs.get("sympy")
    speedup = None
    if engine is not None and (sympy_run is not None or cells[1].status == "timed out"):
        slow = sympy_run.compile_seconds if sympy_run is not None else None
        speedup = speed_ratio(slow, engine.compile_seconds, limit - engine.setup_seconds)
    diff = max_abs_diff(engine.values, sympy_run.values) if engine and sympy_run else None
    entries = engine.values.shape[1] if engine else sympy_run.values.shape[1] if sympy_run else None
    return CompileSection(ref.label, ref.claim, n, config.compile_samples, limit, tuple(cells), speedup, diff, entries)
