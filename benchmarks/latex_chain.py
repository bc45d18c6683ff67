"""Section "latex", LaTeX chains: reading a 10-step chain (lex, parse, evaluate, gate, at every size) and checking it.

The chain is the triangle inequality for ‖x + y‖² in ten lines, identities and
inequalities mixed, over vectors of size k. Reading runs `verifier.frontends.latex.parse_chains`
(every gate, the round trip included); checking runs `verify_family` on the chain, every
step and the end result through the whole engine. Each stage runs in its own worker with
the cell's hard limit; reading is repeated and the median kept.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass

from benchmarks.config import BenchConfig
from benchmarks.harness import Data, Progress, first_line, run_tasks
from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.run import pool

CHAIN = r"""
```verifier
x, y: vectors of size k; k: {lo}..{hi}
```

% claim: ten_steps
$$ \|x + y\|_2^2 = \sum_i (x_i + y_i)^2 $$
$$ = \sum_i (x_i^2 + 2 x_i y_i + y_i^2) $$
$$ = \sum_i x_i^2 + 2 \sum_i x_i y_i + \sum_i y_i^2 $$
$$ = \|x\|_2^2 + 2 x^\top y + \|y\|_2^2 $$
$$ \le \|x\|_2^2 + 2 |x^\top y| + \|y\|_2^2 $$
$$ \le \|x\|_2^2 + 2 \|x\|_2 \|y\|_2 + \|y\|_2^2 \quad \text{Cauchy–Schwarz} $$
$$ = (\|x\|_2 + \|y\|_2)^2 $$
$$ = \|x\|_2^2 + \|y\|_2^2 + 2 \|x\|_2 \|y\|_2 $$
$$ \le 2 \|x\|_2^2 + 2 \|y\|_2^2 \quad \text{since } 2ab \le a^2 + b^2 $$
$$ = 2 (\|x\|_2^2 + \|y\|_2^2) $$
"""
STEPS = 10


@dataclass(frozen=True)
class Read:
    seconds: float
    errors: tuple[str, ...]


@dataclass(frozen=True)
class Checked:
    seconds: float
    status: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class LatexSection:
    steps: int
    sizes: tuple[int, ...]
    limit: float
    status: str  # "ok", "skipped" (no lark), "timed out", "error"
    read_seconds: float | None = None  # median over the repeats
    check_seconds: float | None = None
    verdict: str = ""
    step_verdicts: tuple[str, ...] = ()
    detail: str = ""

    def to_json(self) -> Data:
        return asdict(self)


def _text(sizes: tuple[int, ...]) -> str:
    return CHAIN.replace("{lo}", str(min(sizes))).replace("{hi}", str(max(sizes)))


def _read(text: str) -> Read:
    started = time.perf_counter()
    families, errors = latex.parse_chains(text, "bench.md", "bench")
    seconds = time.perf_counter() - started
    return Read(seconds, tuple(message for _, message in errors) + (() if families else ("no chain",)))


def _check(text: str, seed: int) -> Checked:
    (family,), _ = latex.parse_chains(text, "bench.md", "bench")
    started = time.perf_counter()
    result = verify_family(family, EngineSettings(seed=seed))
    return Checked(time.perf_counter() - started, result.status.value, tuple(s.status.value for s in result.steps))


def bench_latex(config: BenchConfig, progress: Progress) -> LatexSection:
    sizes, limit = config.latex_sizes, config.cell_timeout
    if not latex.available():
        return LatexSection(STEPS, sizes, limit, "skipped", detail=latex.INSTALL_HINT)
    text = _text(sizes)
    tasks = [pool.Task(f"read {i + 1}", _read, (text,)) for i in range(config.repeats)]
    tasks.append(pool.Task("check", _check, (text, config.seed)))
    out = run_tasks(tasks, limit, config.memory_mb, progress)
    failed = next((v for v in out.values() if isinstance(v, pool.Failure)), None)
    if failed is not None:
        status = "timed out" if failed.kind is pool.FailureKind.TIMEOUT else "error"
        return LatexSection(STEPS, sizes, limit, status, detail=first_line(failed.message))
    reads: list[Read] = [out[t.key] for t in tasks[:-1]]
    if reads[0].errors:
        return LatexSection(STEPS, sizes, limit, "error", detail=first_line(reads[0].errors[0]))
    checked: Checked = out["check"]
    return LatexSection(
        STEPS,
        sizes,
        limit,
        "ok",
        read_seconds=statistics.median(r.seconds for r in reads),
        check_seconds=checked.seconds,
        verdict=checked.status,
        step_verdicts=checked.steps,
    )
