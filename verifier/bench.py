"""`verifier bench`: the engine against the plain tools, side by side, in one rerunnable run.

Four comparisons, each giving both sides the same inputs:

1. symbolic decision: the ladder against `simplify` on every entry of the same residual;
2. numeric spot checks: one compiled numpy batch against a `subs().evalf()` loop and `equals`;
3. gradient checks: complex-step directional derivatives against `torch.autograd.gradcheck`;
4. `verify-all` wall time: cold, warm, one job and every core.

Every measurement runs in its own forked worker with a hard time limit (`verifier.pool`), so
a cell that blows up is reported as timed out and the run goes on. Timings are taken inside
the worker around the measured work only, never the fork or the loading of the claim. Each
cell's outcome is a plain dict; `run` gathers them into one JSON-ready dict with the ratios
and the targets already decided, and the Markdown renderer only formats that dict.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp

from verifier import __version__, ladder, loader, numeric, pool
from verifier.budget import BudgetExceeded, budget
from verifier.claims import Derivative, Identity
from verifier.instantiate import Instance, as_matrix, instantiate
from verifier.render import files
from verifier.spotcheck import jacobian_layout

Cell = dict[str, Any]
Data = dict[str, Any]
Progress = Callable[[str], None]

DELTAS = tuple(10.0**-k for k in range(1, 13))
TORCH_HINT = "torch not installed (pip install torch==2.13.0)"
SPEEDUP_N = 6
PROOF_N = 8


@dataclass(frozen=True)
class ClaimRef:
    """A benchmark claim: a derivation file and the claim names to look for, first found wins."""

    label: str
    file: str
    names: tuple[str, ...]


CLAIMS = (
    ClaimRef("softmax Hessian", "softmax.py", ("hessian",)),
    ClaimRef("logistic Hessian (m = d = n)", "logistic_loss.py", ("hessian",)),
    ClaimRef("batch-norm backward ∂L/∂x", "batch_norm.py", ("input_gradient_formula", "input_gradient")),
)


@dataclass(frozen=True)
class BenchConfig:
    quick: bool = False
    cell_timeout: float = 60.0
    out: str = "reports"
    symbolic_n: tuple[int, ...] = (2, 3, 4, 6, 8)
    numeric_n: int = 4
    numeric_samples: int = 2000
    numeric_seconds: float = 2.0  # repeat the engine's batch check for at least this long
    slow_samples: int = 20  # most samples for the subs/evalf loop
    slow_seconds: float = 20.0  # soft time for the subs/evalf loop and for equals
    gradient_sizes: tuple[tuple[int, int], ...] = ((50, 200), (500, 2000))
    gradient_timeout: float = 300.0
    repeats: int = 3
    verify_paths: tuple[str, ...] = ()
    verify_timeout: float = 1800.0
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    memory_mb: int = 4096
    seed: int = 0

    @property
    def command(self) -> str:
        quick = ["--quick"] if self.quick else []
        return shlex.join(["verifier", "bench", *quick, "--cell-timeout", f"{self.cell_timeout:g}", "--out", self.out])


def library_file(name: str) -> str:
    """A file of the bundled derivations: ./derivations if present, else the installed package."""
    local = Path("derivations") / name
    if local.exists():
        return str(local)
    import derivations

    return str(Path(derivations.__file__).parent / name)


def config_for(quick: bool, cell_timeout: float | None, out: str) -> BenchConfig:
    """The full benchmark, or the quick one (n ≤ 4, two small files for verify-all, ~3 minutes)."""
    if not quick:
        return BenchConfig(cell_timeout=cell_timeout or 60.0, out=out)
    return BenchConfig(
        quick=True,
        cell_timeout=cell_timeout or 20.0,
        out=out,
        symbolic_n=(2, 3, 4),
        numeric_seconds=0.5,
        slow_samples=3,
        slow_seconds=5.0,
        gradient_timeout=120.0,
        verify_paths=(library_file("beale.py"), library_file("convolution.py")),
        verify_timeout=300.0,
    )


# ----------------------------------------------------------------------------- cells (run in workers)


def _instance(path: str, name: str, n: int) -> Instance:
    family = next(f for f in loader.load(Path(path)).families if f.name == name)
    return instantiate(family.build(n))


def claim_names(path: str) -> list[str]:
    return [f.name for f in loader.load(Path(path)).families]


def ladder_cell(path: str, name: str, n: int, seconds: float) -> Cell:
    """The engine's decision: ladder.prove on the instance."""
    inst = _instance(path, name, n)
    start = time.perf_counter()
    outcome = ladder.prove(inst, seconds)
    elapsed = time.perf_counter() - start
    if outcome.proof is not None:
        return {"status": "decided", "seconds": elapsed, "detail": "+".join(outcome.proof.rungs)}
    spent = "budget" in outcome.reason or "out of time" in outcome.reason
    return {"status": "timed out" if spent else "not decided", "seconds": elapsed, "detail": outcome.reason}


def simplify_cell(path: str, name: str, n: int) -> Cell:
    """The plain baseline: simplify every residual entry, stopping at the first nonzero."""
    inst = _instance(path, name, n)
    start = time.perf_counter()
    residual = ladder._residual(inst)
    for index, entry in enumerate(residual):
        if sp.simplify(entry) != 0:
            detail = f"entry {index} did not simplify to 0"
            return {"status": "not decided", "seconds": time.perf_counter() - start, "detail": detail}
    return {"status": "decided", "seconds": time.perf_counter() - start}


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
    inst = _instance(path, name, n)
    lhs, rhs = claim_sides(inst)
    start = time.perf_counter()
    fn = numeric.Compiled(inst.symbols, lhs + rhs)
    compile_seconds = time.perf_counter() - start
    rng = np.random.default_rng(seed)
    env = numeric.draw(inst.given, rng, samples)
    m, checks, start = len(lhs), 0, time.perf_counter()
    while checks == 0 or time.perf_counter() - start < seconds:
        out, noisy = fn(env).real, fn(numeric.perturbed(env, rng)).real
        numeric.compare(out[:, :m], out[:, m:], noisy[:, :m], noisy[:, m:])
        checks += 1
    elapsed = time.perf_counter() - start
    return {
        "status": "ok",
        "rate": checks * samples / elapsed,
        "compile_seconds": compile_seconds,
        "samples": samples,
        "checks": checks,
        "entries": m,
    }


def subs_cell(path: str, name: str, n: int, samples: int, seed: int, seconds: float) -> Cell:
    """Samples/s of a Python loop of expr.subs(values).evalf() over the same entries."""
    inst = _instance(path, name, n)
    lhs, rhs = claim_sides(inst)
    env = numeric.draw(inst.given, np.random.default_rng(seed), samples)
    done, start = 0, time.perf_counter()
    last = start
    try:
        with budget(seconds):
            for i in range(samples):
                values = {s: float(v[i]) for s, v in env.items()}
                for e in lhs + rhs:
                    e.subs(values).evalf()
                done, last = done + 1, time.perf_counter()
    except BudgetExceeded:
        pass
    return _rate_cell(done, last - start, time.perf_counter() - start, {"samples": done})


def equals_cell(path: str, name: str, n: int, seconds: float) -> Cell:
    """Calls/s of (lhs − rhs).equals(0) on the residual entries the ladder sees; one pass at most."""
    residual = ladder._residual(_instance(path, name, n))
    answers = {"True": 0, "False": 0, "None": 0}
    calls, start = 0, time.perf_counter()
    last = start
    try:
        with budget(seconds):
            for entry in residual:
                answers[str(entry.equals(0))] += 1
                calls, last = calls + 1, time.perf_counter()
    except BudgetExceeded:
        pass
    cell = _rate_cell(calls, last - start, time.perf_counter() - start, {"calls": calls, "answers": answers})
    cell["entries"] = len(residual)
    for key in ("rate", "rate_upper"):
        if key in cell:
            cell["instance_" + key] = cell[key] / len(residual)
    return cell


def _rate_cell(count: int, busy: float, elapsed: float, extra: Cell) -> Cell:
    if count == 0:
        return {"status": "timed out", "rate_upper": 1 / elapsed, "seconds": elapsed, **extra}
    return {"status": "ok", "rate": count / max(busy, 1e-9), "seconds": busy, **extra}


# ----------------------------------------------------------------------------- gradient cells


def logistic_data(d: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """X (m×d, rows of norm about 1), labels y in [0, 1] and weights w, the same for every method."""
    rng = np.random.default_rng([seed, d, m])
    return rng.standard_normal((m, d)) / np.sqrt(d), rng.uniform(0, 1, m), rng.standard_normal(d)


def logistic_loss(X: np.ndarray, y: np.ndarray, W: np.ndarray) -> np.ndarray:
    """E(w) = Σᵢ log(1 + e^{zᵢ}) − yᵢzᵢ, z = Xw, at each row of W (complex W allowed)."""
    Z = W @ X.T
    return np.sum(np.log1p(np.exp(Z)) - Z * y, axis=-1)


def logistic_gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """∇E = Xᵀ(σ(Xw) − y)."""
    return X.T @ (1 / (1 + np.exp(-(X @ w))) - y)


Gradient = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def complex_step_agrees(X: np.ndarray, y: np.ndarray, w: np.ndarray, grad: Gradient, rng: np.random.Generator) -> bool:
    """g(w)·v == Im E(w + i·h·v)/h for every direction v, within the noise floor (as numeric.compare)."""
    directions = numeric.basis_or_random(len(w), rng, limit=1000, random_count=8)
    h = numeric.COMPLEX_STEP

    def sides(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        reference = logistic_loss(X, y, w + 1j * h * directions).imag / h
        return (directions @ grad(X, y, w))[None, :], reference[None, :]

    got, ref = sides(X, y, w)
    nudged = [a * (1 + 4 * numeric.EPS * rng.uniform(-1, 1, a.shape)) for a in (X, y, w)]
    got2, ref2 = sides(*nudged)
    return len(numeric.compare(got, ref, got2, ref2).suspects) == 0


def gradient_engine_cell(d: int, m: int, seed: int, repeats: int) -> Cell:
    X, y, w = logistic_data(d, m, seed)
    rng = np.random.default_rng(seed)

    def detects(delta: float) -> bool:
        scaled: Gradient = lambda X, y, w: (1 + delta) * logistic_gradient(X, y, w)  # noqa: E731
        return not complex_step_agrees(X, y, w, scaled, rng)

    return _detection_cell(detects, repeats)


def _torch_logistic(torch: Any) -> Any:
    """E(w) as a torch Function whose backward is the hand-written gradient, times a scale."""

    class LogisticLoss(torch.autograd.Function):
        @staticmethod
        def forward(ctx: Any, w: Any, X: Any, y: Any, scale: float) -> Any:
            z = X @ w
            ctx.save_for_backward(X, y, z)
            ctx.scale = scale
            return torch.sum(torch.log1p(torch.exp(z)) - y * z)

        @staticmethod
        def backward(ctx: Any, grad_out: Any) -> tuple[Any, None, None, None]:
            X, y, z = ctx.saved_tensors
            return grad_out * ctx.scale * (X.T @ (torch.sigmoid(z) - y)), None, None, None

    return LogisticLoss


def gradient_torch_cell(d: int, m: int, seed: int, repeats: int) -> Cell:
    import torch

    X, y, w = logistic_data(d, m, seed)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    wt = torch.from_numpy(w.copy()).requires_grad_(True)
    loss = _torch_logistic(torch)

    def detects(delta: float) -> bool:
        fn = lambda v: loss.apply(v, Xt, yt, 1.0 + delta)  # noqa: E731
        return not torch.autograd.gradcheck(fn, (wt,), raise_exception=False)

    return _detection_cell(detects, repeats)


def _detection_cell(detects: Callable[[float], bool], repeats: int) -> Cell:
    """Best time on the true gradient, then the scale errors δ detected, largest first."""
    times, false_alarm = [], False
    for _ in range(repeats):
        start = time.perf_counter()
        false_alarm = detects(0.0)
        times.append(time.perf_counter() - start)
    scan: dict[str, bool] = {}
    threshold = None
    for delta in DELTAS:
        scan[f"{delta:.0e}"] = hit = detects(delta)
        if not hit:
            break  # a smaller scale error is no easier to see
        threshold = delta
    return {"status": "ok", "seconds": min(times), "false_alarm": false_alarm, "threshold": threshold, "scan": scan}


# ----------------------------------------------------------------------------- running cells


def run_cells(tasks: list[pool.Task], limit: float, config: BenchConfig, progress: Progress) -> dict[str, Cell]:
    """Run tasks one at a time (timings stay comparable), each with the hard limit."""
    cells: dict[str, Cell] = {}

    def done(task: pool.Task, value: object) -> None:
        cells[task.key] = _as_cell(value, limit)
        progress(f"  {task.key}: {cells[task.key]['status']}")

    pool.run(tasks, 1, limit, config.memory_mb, done)
    return cells


def _as_cell(value: object, limit: float) -> Cell:
    if isinstance(value, pool.Failure):
        if value.kind == "timeout":
            return {"status": "timed out", "limit": limit, "rate_upper": 1 / limit}
        return {"status": "error", "detail": value.message.splitlines()[0][:200]}
    assert isinstance(value, dict)
    return value


def resolve_claims(config: BenchConfig, progress: Progress) -> list[Data]:
    """Each benchmark claim's file and name, or a note saying why it is skipped."""
    paths = {ref.file: library_file(ref.file) for ref in CLAIMS}
    tasks = [pool.Task(path, claim_names, (path,)) for path in paths.values()]
    found = run_cells_raw(tasks, config)
    rows = []
    for ref in CLAIMS:
        path = paths[ref.file]
        names = found.get(path)
        row: Data = {"label": ref.label, "path": path, "claim": None, "note": ""}
        if not isinstance(names, list):
            row["note"] = f"skipped: {path} did not load ({names})"
        elif not any(n in names for n in ref.names):
            row["note"] = f"skipped: no claim named {' or '.join(ref.names)} in {path}"
        else:
            row["claim"] = next(n for n in ref.names if n in names)
        rows.append(row)
        if row["note"]:
            progress(f"  {ref.label}: {row['note']}")
    return rows


def run_cells_raw(tasks: list[pool.Task], config: BenchConfig) -> dict[str, object]:
    out: dict[str, object] = {}

    def done(task: pool.Task, value: object) -> None:
        out[task.key] = value.message.splitlines()[0] if isinstance(value, pool.Failure) else value

    pool.run(tasks, 1, 60.0, config.memory_mb, done)
    return out


# ----------------------------------------------------------------------------- 1. symbolic decision


def bench_symbolic(config: BenchConfig, claims: list[Data], progress: Progress) -> Data:
    limit = config.cell_timeout
    rows = [{**c, "cells": []} for c in claims]
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
                args = (row["path"], row["claim"], n) + ((max(1.0, limit - 2),) if method == "ladder" else ())
                tasks.append(pool.Task(key, ladder_cell if method == "ladder" else simplify_cell, args))
        cells = run_cells(tasks, limit, config, progress)
        for i, row in enumerate(rows):
            if row["claim"] is None:
                continue
            entry: Data = {"n": n}
            for method in ("ladder", "simplify"):
                first = stuck.get(f"{i}|{method}")
                cell = cells.get(f"{row['label']}|n={n}|{method}") or {"status": "skipped", "after": first}
                if cell["status"] == "timed out":
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
    if fast["status"] != "decided":
        return None
    if slow["status"] == "decided":
        return {"value": slow["seconds"] / max(fast["seconds"], 1e-9), "bound": "exact"}
    if slow["status"] in ("timed out", "skipped"):
        return {"value": limit / max(fast["seconds"], 1e-9), "bound": "lower"}
    return None


# ----------------------------------------------------------------------------- 2. numeric spot checks


def bench_numeric(config: BenchConfig, claims: list[Data], progress: Progress) -> Data:
    limit, n = config.cell_timeout, config.numeric_n
    soft = min(config.slow_seconds, 0.8 * limit)
    tasks = []
    for row in claims:
        if row["claim"] is None:
            continue
        head = (row["path"], row["claim"], n)
        tasks += [
            pool.Task(
                f"{row['label']}|engine",
                engine_numeric_cell,
                (*head, config.numeric_samples, config.seed, config.numeric_seconds),
            ),
            pool.Task(f"{row['label']}|subs", subs_cell, (*head, config.slow_samples, config.seed, soft)),
            pool.Task(f"{row['label']}|equals", equals_cell, (*head, soft)),
        ]
    cells = run_cells(tasks, limit, config, progress)
    rows = []
    for row in claims:
        out: Data = {"label": row["label"], "claim": row["claim"], "note": row["note"]}
        if row["claim"] is not None:
            engine, subs, equals = (cells[f"{row['label']}|{m}"] for m in ("engine", "subs", "equals"))
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


# ----------------------------------------------------------------------------- 3. gradient checks


def torch_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("torch") is not None


def bench_gradient(config: BenchConfig, progress: Progress) -> Data:
    have_torch = torch_available()
    tasks = []
    for d, m in config.gradient_sizes:
        args = (d, m, config.seed, config.repeats)
        tasks.append(pool.Task(f"d={d},m={m}|engine", gradient_engine_cell, args))
        if have_torch:
            tasks.append(pool.Task(f"d={d},m={m}|torch", gradient_torch_cell, args))
    cells = run_cells(tasks, config.gradient_timeout, config, progress)
    rows = []
    for d, m in config.gradient_sizes:
        engine = cells[f"d={d},m={m}|engine"]
        torch_cell = cells.get(f"d={d},m={m}|torch") or {"status": "skipped", "note": TORCH_HINT}
        row: Data = {"d": d, "m": m, "engine": engine, "torch": torch_cell, "speedup": None, "finer": None}
        if engine["status"] == "ok" and torch_cell["status"] == "ok":
            row["speedup"] = torch_cell["seconds"] / max(engine["seconds"], 1e-9)
            if engine["threshold"] and torch_cell["threshold"]:
                row["finer"] = torch_cell["threshold"] / engine["threshold"]
        rows.append(row)
    return {
        "deltas": [f"{x:.0e}" for x in DELTAS],
        "torch": have_torch,
        "rows": rows,
        "note": "" if have_torch else TORCH_HINT,
    }


# ----------------------------------------------------------------------------- 4. verify-all wall time


def time_verify_all(label: str, args: list[str], cache_dir: str, timeout: float) -> Cell:
    """Wall time of one `python -m verifier verify-all -q ...` subprocess."""
    shown = shlex.join(["python", "-m", "verifier", "verify-all", "-q", *args]).replace(cache_dir, "$FRESH_TMP")
    command = [sys.executable, "-m", "verifier", "verify-all", "-q", *args]
    start = time.perf_counter()
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        start_new_session=True,
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and the workers it forked
        proc.communicate()
        return {"label": label, "command": shown, "status": "timed out", "limit": timeout}
    summary = next((line for line in reversed(output.splitlines()) if " claims:" in line), "")
    return {
        "label": label,
        "command": shown,
        "status": "ok",
        "seconds": time.perf_counter() - start,
        "exit_code": proc.returncode,
        "summary": summary.strip(),
    }


def bench_verify_all(config: BenchConfig, progress: Progress) -> Data:
    """Cold on every core (an empty cache, which it fills), warm (the same cache), cold on one core."""
    paths = list(config.verify_paths)
    jobs = str(config.jobs)
    with tempfile.TemporaryDirectory(prefix="verifier-bench-") as tmp:
        cache = str(Path(tmp) / "cache")
        plan = [
            ("cold", [*paths, "--jobs", jobs, "--cache-dir", cache]),
            ("warm", [*paths, "--jobs", jobs, "--cache-dir", cache]),
            ("cold, 1 job", [*paths, "--jobs", "1", "--no-cache"]),
        ]
        runs = []
        for label, args in plan:
            runs.append(time_verify_all(label, args, cache, config.verify_timeout))
            progress(f"  verify-all {label}: {runs[-1]['status']}")
    return {"paths": paths or ["derivations/ (all)"], "jobs": config.jobs, "runs": runs}


# ----------------------------------------------------------------------------- targets


def _target(text: str, status: str, evidence: str) -> Data:
    return {"target": text, "status": status, "evidence": evidence}


def _ratio_text(r: Data | None) -> str:
    if r is None:
        return "–"
    return ("≥ " if r["bound"] == "lower" else "") + f"{r['value']:.3g}×"


def _meets(r: Data | None, goal: float) -> str:
    if r is None:
        return "not met"
    if r["value"] >= goal:
        return "met"
    return "not shown" if r["bound"] == "lower" else "not met"


def _all(statuses: list[str]) -> str:
    for status in ("not measured", "not met", "not shown"):
        if status in statuses:
            return status
    return "met"


def target_symbolic(data: Data) -> list[Data]:
    sym = data["symbolic"]
    rows = sym["claims"]
    missing = [r["label"] for r in rows if r["claim"] is None]
    text = f"ladder ≥ 20× faster than simplify at n = {SPEEDUP_N}, all three claims"
    if SPEEDUP_N not in sym["n_values"] or missing:
        why = f"n = {SPEEDUP_N} not run" if SPEEDUP_N not in sym["n_values"] else "skipped: " + ", ".join(missing)
        speed = _target(text, "not measured", why)
    else:
        evidence = "; ".join(f"{r['label']}: {_ratio_text(r['speedup_at_6'])}" for r in rows)
        speed = _target(text, _all([_meets(r["speedup_at_6"], 20) for r in rows]), evidence)
    text8 = f"ladder proves all three claims at n = {PROOF_N}"
    if PROOF_N not in sym["n_values"] or missing:
        return [speed, _target(text8, "not measured", f"n = {PROOF_N} not run" if not missing else "claims skipped")]
    states = {r["label"]: next(e["ladder"]["status"] for e in r["cells"] if e["n"] == PROOF_N) for r in rows}
    status = "met" if all(s == "decided" for s in states.values()) else "not met"
    return [speed, _target(text8, status, "; ".join(f"{k}: {v}" for k, v in states.items()))]


def target_numeric(data: Data) -> Data:
    rows = data["numeric"]["claims"]
    text = "numeric batch ≥ 100× more samples/s than the subs/evalf loop"
    if any(r["claim"] is None for r in rows):
        return _target(text, "not measured", "a claim was skipped")
    evidence = "; ".join(f"{r['label']}: {_ratio_text(r['ratio_subs'])}" for r in rows)
    return _target(text, _all([_meets(r["ratio_subs"], 100) for r in rows]), evidence)


def target_gradient(data: Data) -> Data:
    text = "gradient check ≥ 10× faster than gradcheck at d = 50, m = 200, threshold ≥ 10⁴× finer"
    row = next((r for r in data["gradient"]["rows"] if (r["d"], r["m"]) == (50, 200)), None)
    if row is None or row["torch"]["status"] != "ok":
        return _target(text, "not measured", row["torch"].get("note", "torch failed") if row else "size not run")
    fast = _meets({"value": row["speedup"] or 0, "bound": "exact"}, 10)
    fine = _meets({"value": row["finer"] or 0, "bound": "exact"}, 1e4)
    finer = f"{row['finer']:.3g}×" if row["finer"] else "–"
    return _target(text, _all([fast, fine]), f"{row['speedup']:.3g}× faster, threshold {finer} finer")


def target_verify_all(data: Data, config: BenchConfig) -> list[Data]:
    runs = {r["label"]: r for r in data["verify_all"]["runs"]}
    out = []
    for label, goal in (("warm", 3.0), ("cold", 30.0)):
        text = f"{label} verify-all ≤ {goal:g} s" + (" on 2 cores" if label == "cold" else "")
        run = runs[label]
        if config.verify_paths:
            out.append(_target(text, "not measured", "--quick times two small files only"))
        elif run["status"] != "ok":
            out.append(_target(text, "not met", f"timed out after {run['limit']:g} s"))
        else:
            cores = f" with --jobs {config.jobs}" + ("" if config.jobs == 2 else " (this machine is not 2 cores)")
            status = "met" if run["seconds"] <= goal else "not met"
            out.append(_target(text, status, f"{run['seconds']:.1f} s{cores}"))
    return out


# ----------------------------------------------------------------------------- the run


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
    """Every comparison, as one JSON-ready dict."""
    started = time.monotonic()
    data: Data = {
        "schema": 1,
        "command": config.command,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": describe_machine(),
        "settings": asdict(config),
    }
    progress("bench: loading the claims")
    claims = resolve_claims(config, progress)
    progress("bench: 1/4 symbolic decision")
    data["symbolic"] = bench_symbolic(config, claims, progress)
    progress("bench: 2/4 numeric spot checks")
    data["numeric"] = bench_numeric(config, claims, progress)
    progress("bench: 3/4 gradient checks")
    data["gradient"] = bench_gradient(config, progress)
    progress("bench: 4/4 verify-all wall time")
    data["verify_all"] = bench_verify_all(config, progress)
    data["targets"] = [
        *target_symbolic(data),
        target_numeric(data),
        target_gradient(data),
        *target_verify_all(data, config),
    ]
    data["machine"]["load_after"] = list(os.getloadavg())
    data["seconds"] = time.monotonic() - started
    return data


def write_reports(data: Data, out: str | Path) -> tuple[Path, Path]:
    """BENCHMARKS.md and benchmarks.json, each written atomically."""
    from verifier.render import bench as render

    folder = Path(out)
    md, js = folder / "BENCHMARKS.md", folder / "benchmarks.json"
    files.write_json(js, data)
    files.write_atomic(md, render.render(data))
    return md, js
