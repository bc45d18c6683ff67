"""Section "numeric", numeric spot checks: one compiled numpy batch against a subs/evalf loop and `equals`."""

from __future__ import annotations

import time

import numpy as np
import sympy as sp

from benchmarks.config import BenchConfig
from benchmarks.harness import (
    Cell,
    CellStatus,
    Data,
    Progress,
    ResolvedClaim,
    SoftLimit,
    load_instance,
    run_cells,
    soft_limit,
)
from verifier.language.claims import Derivative, Identity
from verifier.numeric import batch as engine_numeric
from verifier.run import pool
from verifier.trusted import obligations
from verifier.trusted.instantiate import Instance, as_matrix
from verifier.trusted.obligations import jacobian_layout


def claim_sides(inst: Instance) -> tuple[list[sp.Expr], list[sp.Expr]]:
    """Both sides of an identity or derivative claim, entry by entry, in the user's symbols."""
    body = inst.claim.body
    if isinstance(body, Identity):
        return list(as_matrix(body.lhs)), list(as_matrix(body.rhs))
    if not isinstance(body, Derivative):
        raise TypeError(f"bench needs an identity or derivative claim, not {body.kind}")
    f, wrt, claimed = jacobian_layout(body)
    if body.order == 2:
        gradient = [sp.diff(f[0], w) for w in wrt]
        return [sp.diff(g, w) for g in gradient for w in wrt], list(claimed)
    return [sp.diff(e, w) for e in f for w in wrt], list(claimed)


def engine_numeric_cell(path: str, name: str, n: int, samples: int, seed: int, seconds: float) -> Cell:
    """Samples/s of the engine's batch check: both sides, at the samples and a perturbed copy."""
    inst = load_instance(path, name, n)
    lhs, rhs = claim_sides(inst)
    start = time.perf_counter()
    fn = engine_numeric.Compiled(inst.symbols, lhs + rhs)
    compile_seconds = time.perf_counter() - start
    rng = np.random.default_rng(seed)
    env = engine_numeric.draw(inst.given, rng, samples)
    m, checks, start = len(lhs), 0, time.perf_counter()
    while checks == 0 or time.perf_counter() - start < seconds:
        out, noisy = fn(env).real, fn(engine_numeric.perturbed(env, rng)).real
        engine_numeric.compare(out[:, :m], out[:, m:], noisy[:, :m], noisy[:, m:])
        checks += 1
    elapsed = time.perf_counter() - start
    return {
        "status": CellStatus.OK,
        "rate": checks * samples / elapsed,
        "compile_seconds": compile_seconds,
        "samples": samples,
        "checks": checks,
        "entries": m,
    }


def subs_cell(path: str, name: str, n: int, samples: int, seed: int, seconds: float) -> Cell:
    """Samples/s of a Python loop of expr.subs(values).evalf() over the same entries."""
    inst = load_instance(path, name, n)
    lhs, rhs = claim_sides(inst)
    env = engine_numeric.draw(inst.given, np.random.default_rng(seed), samples)
    done, start = 0, time.perf_counter()
    last = start
    try:
        with soft_limit(seconds):
            for i in range(samples):
                values = {s: float(v[i]) for s, v in env.items()}
                for e in lhs + rhs:
                    e.subs(values).evalf()
                done, last = done + 1, time.perf_counter()
    except SoftLimit:
        pass
    return _rate_cell(done, last - start, time.perf_counter() - start, {"samples": done})


def equals_cell(path: str, name: str, n: int, seconds: float) -> Cell:
    """Calls/s of (lhs − rhs).equals(0) on the residual entries the ladder sees; one pass at most."""
    residual = obligations.residual(load_instance(path, name, n))
    answers = {"True": 0, "False": 0, "None": 0}
    calls, start = 0, time.perf_counter()
    last = start
    try:
        with soft_limit(seconds):
            for entry in residual:
                answers[str(entry.equals(0))] += 1
                calls, last = calls + 1, time.perf_counter()
    except SoftLimit:
        pass
    cell = _rate_cell(calls, last - start, time.perf_counter() - start, {"calls": calls, "answers": answers})
    cell["entries"] = len(residual)
    for key in ("rate", "rate_upper"):
        if key in cell:
            cell["instance_" + key] = cell[key] / len(residual)
    return cell


def _rate_cell(count: int, busy: float, elapsed: float, extra: Cell) -> Cell:
    if count == 0:
        return {"status": CellStatus.TIMED_OUT, "rate_upper": 1 / elapsed, "seconds": elapsed, **extra}
    return {"status": CellStatus.OK, "rate": count / max(busy, 1e-9), "seconds": busy, **extra}


def bench_numeric(config: BenchConfig, claims: list[ResolvedClaim], progress: Progress) -> Data:
    limit, n = config.cell_timeout, config.numeric_n
    soft = min(config.slow_seconds, 0.8 * limit)
    tasks = []
    for row in claims:
        if row.claim is None:
            continue
        head = (row.path, row.claim, n)
        tasks += [
            pool.Task(
                f"{row.label}|engine",
                engine_numeric_cell,
                (*head, config.numeric_samples, config.seed, config.numeric_seconds),
            ),
            pool.Task(f"{row.label}|subs", subs_cell, (*head, config.slow_samples, config.seed, soft)),
            pool.Task(f"{row.label}|equals", equals_cell, (*head, soft)),
        ]
    cells = run_cells(tasks, limit, config, progress)
    rows = []
    for row in claims:
        out: Data = {"label": row.label, "claim": row.claim, "note": row.note}
        if row.claim is not None:
            engine, subs, equals = (cells[f"{row.label}|{m}"] for m in ("engine", "subs", "equals"))
            if "rate_upper" in equals and "instance_rate_upper" not in equals:
                equals["instance_rate_upper"] = equals["rate_upper"]  # not one call in the limit
            out.update(engine=engine, subs=subs, equals=equals)
            out["ratio_subs"] = rate_ratio(engine, subs.get("rate"), subs.get("rate_upper"))
            out["ratio_equals"] = rate_ratio(engine, equals.get("instance_rate"), equals.get("instance_rate_upper"))
        rows.append(out)
    return {"n": n, "samples": config.numeric_samples, "soft_seconds": soft, "limit": limit, "claims": rows}


def rate_ratio(fast: Cell, slow: float | None, slow_upper: float | None) -> Data | None:
    """fast rate / slow rate; a lower bound when only an upper bound of the slow rate is known."""
    if "rate" not in fast:
        return None
    if slow:
        return {"value": fast["rate"] / slow, "bound": "exact"}
    if slow_upper:
        return {"value": fast["rate"] / slow_upper, "bound": "lower"}
    return None
