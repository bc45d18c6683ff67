"""Section "gradient", gradient checks: complex-step directional derivatives against `torch.autograd.gradcheck`."""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from benchmarks.config import BenchConfig
from benchmarks.harness import Cell, CellStatus, Data, Progress, run_cells
from verifier.numeric import batch as numeric
from verifier.run import pool

DELTAS = tuple(10.0**-k for k in range(1, 13))
TORCH_HINT = "torch not installed (pip install torch==2.13.0)"

Gradient = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


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
    return {
        "status": CellStatus.OK,
        "seconds": min(times),
        "false_alarm": false_alarm,
        "threshold": threshold,
        "scan": scan,
    }


def torch_available() -> bool:
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
        torch_cell = cells.get(f"d={d},m={m}|torch") or {"status": CellStatus.SKIPPED, "note": TORCH_HINT}
        row: Data = {"d": d, "m": m, "engine": engine, "torch": torch_cell, "speedup": None, "finer": None}
        if engine["status"] == CellStatus.OK and torch_cell["status"] == CellStatus.OK:
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
