"""Section "special", special functions: samples/s of the engine's evaluator on scipy.special claims.

The engine evaluates erf, loggamma and polygamma through scipy.special inside its numpy DAG
walk (`verifier.numeric.compile.Compiled`), where sympy's plain numpy `lambdify` cannot evaluate them
at all. This section measures what that costs against a plain-numpy claim of the same shape.
Each claim is an identity in n entries over z_i = x_i + x_{i+1} (cyclic), weighted by y_i:

* erf:       (erf z + erfc z)·y = y;
* loggamma:  (log Γ(z + 1) − log Γ(z))·y = log(z)·y;
* polygamma: (ψ₁(z) − ψ₁(z + 1))·y = y/z²;
* numpy:     (log(z + 1) − log z)·y = log(1 + 1/z)·y, the twin of the loggamma row.

Each row compiles both sides with `Compiled`, makes the first call (which the engine
cross-checks against its mpmath walk), then times repeated calls on the same batch of samples
drawn from the claim's domains. The rows are typed (`SpecialRow`); a row that failed carries
`failure` and no numbers, and the renderer formats the fields without interpreting any text.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import sympy as sp

from benchmarks.config import BenchConfig
from benchmarks.harness import Data, Progress, first_line, run_tasks
from verifier.language.claims import Expect, Identity
from verifier.language.domains import Interval, Real
from verifier.language.families import Claim
from verifier.language.mathlib import Matrix, vector
from verifier.numeric import batch as numeric
from verifier.numeric.compile import Compiled
from verifier.run import pool
from verifier.trusted.instantiate import Instance, instantiate

Pair = Callable[[sp.Expr], tuple[sp.Expr, sp.Expr]]
CASES: dict[str, tuple[str, Pair]] = {
    "erf": ("scipy.special", lambda z: (sp.erf(z) + sp.erfc(z), sp.Integer(1))),
    "loggamma": ("scipy.special", lambda z: (sp.loggamma(z + 1) - sp.loggamma(z), sp.log(z))),
    "polygamma": ("scipy.special", lambda z: (sp.polygamma(1, z) - sp.polygamma(1, z + 1), 1 / z**2)),
    "numpy (log)": ("numpy", lambda z: (sp.log(z + 1) - sp.log(z), sp.log(1 + 1 / z))),
}
PLAIN = "numpy (log)"


@dataclass(frozen=True)
class Measured:
    """What one worker measured for one claim."""

    entries: int
    operations: int  # distinct operations of both sides (the DAG the evaluator walks, leaves aside)
    functions: int  # function calls (erf, loggamma, log, ...) among them
    compile_seconds: float
    first_call_seconds: float  # includes the engine's one-time cross-check against mpmath
    rate: float  # samples/s over the repeated calls
    calls: int
    max_gap: float  # max |lhs − rhs| / (1 + |rhs|): the identity holds to round-off
    backend: str


@dataclass(frozen=True)
class SpecialRow:
    label: str
    library: str  # "scipy.special" or "numpy"
    measured: Measured | None
    slowdown: float | None  # the plain-numpy row's samples/s ÷ this row's
    failure: str | None = None  # why there are no numbers ("timed out after 60 s", an error's first line)

    @staticmethod
    def from_json(data: Data) -> SpecialRow:
        measured = Measured(**data["measured"]) if data["measured"] is not None else None
        return SpecialRow(data["label"], data["library"], measured, data["slowdown"], data["failure"])


@dataclass(frozen=True)
class SpecialSection:
    n: int
    samples: int
    seconds: float  # repeated calls per row for at least this long
    limit: float
    rows: tuple[SpecialRow, ...]

    def to_json(self) -> Data:
        return asdict(self)

    @staticmethod
    def from_json(data: Data) -> SpecialSection:
        rows = tuple(SpecialRow.from_json(r) for r in data["rows"])
        return SpecialSection(data["n"], data["samples"], data["seconds"], data["limit"], rows)


def special_claim(case: str, n: int) -> Instance:
    """The case's identity in n entries, as an instance of the engine (domains included)."""
    x, y = vector("x", n), vector("y", n)
    pair = CASES[case][1]
    sides = [pair(x[i] + x[(i + 1) % n]) for i in range(n)]
    lhs = Matrix([s[0] * y[i] for i, s in enumerate(sides)])
    rhs = Matrix([s[1] * y[i] for i, s in enumerate(sides)])
    body = Identity(lhs, rhs, where={x: Interval(sp.Rational(1, 2), 10), y: Real()})
    return instantiate(Claim(case, "bench_special", case, body, Expect.HOLDS, n))


def _counts(exprs: list[sp.Expr]) -> tuple[int, int]:
    nodes = {node for e in exprs for node in sp.preorder_traversal(e) if not node.is_Atom}
    return len(nodes), sum(1 for node in nodes if isinstance(node, sp.Function))


def special_cell(case: str, n: int, samples: int, seed: int, seconds: float) -> Measured:
    """Compile both sides with `Compiled`, call it once, then time repeated calls."""
    inst = special_claim(case, n)
    body = inst.claim.body
    assert isinstance(body, Identity)
    lhs, rhs = list(body.lhs), list(body.rhs)
    env = numeric.draw(inst.given, np.random.default_rng(seed), samples)
    start = time.perf_counter()
    fn = Compiled(inst.symbols, lhs + rhs)
    compiled = time.perf_counter()
    out = fn(env)
    first = time.perf_counter()
    calls = 0
    while calls == 0 or time.perf_counter() - first < seconds:
        fn(env)
        calls += 1
    elapsed = time.perf_counter() - first
    left, right = out[:, :n].real, out[:, n:].real
    gap = float(np.nanmax(np.abs(left - right) / (1 + np.abs(right))))
    operations, functions = _counts(lhs + rhs)
    return Measured(
        n, operations, functions, compiled - start, first - compiled, calls * samples / elapsed, calls, gap, fn.backend
    )


def _failure(value: pool.Failure, limit: float) -> str:
    return f"timed out after {limit:g} s" if value.kind is pool.FailureKind.TIMEOUT else first_line(value.message)


def bench_special(config: BenchConfig, progress: Progress) -> SpecialSection:
    limit, n = config.cell_timeout, config.special_n
    args = (n, config.special_samples, config.seed, config.numeric_seconds)
    tasks = [pool.Task(f"special|{case}", special_cell, (case, *args)) for case in CASES]
    values: dict[str, Any] = run_tasks(tasks, limit, config.memory_mb, progress)
    found = {case: values[f"special|{case}"] for case in CASES}
    plain = found[PLAIN]
    plain_rate = plain.rate if isinstance(plain, Measured) else None
    rows = []
    for case, (library, _) in CASES.items():
        value = found[case]
        if isinstance(value, Measured):
            slowdown = plain_rate / value.rate if plain_rate is not None and case != PLAIN else None
            rows.append(SpecialRow(case, library, value, slowdown))
        else:
            rows.append(SpecialRow(case, library, None, None, _failure(value, limit)))
    return SpecialSection(n, config.special_samples, config.numeric_seconds, limit, tuple(rows))
