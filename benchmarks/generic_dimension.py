"""Section "generic", generic dimension: the kernel's proof for all n against today's explicit proof at n = 8.

For each claim in matrix notation, *generic* is `kernel.prove_for_all_n` on the claim built
at a symbolic n (canonical Einstein forms of both sides; the median of warm repeats, the
first, cold call reported apart), and *explicit* is the symbolic ladder on the claim built at
n = 8 (matrix symbols made explicit, entry by entry), as the engine runs it today. Each
stage runs in its own worker with the cell's hard limit.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.config import BenchConfig, library_file
from benchmarks.harness import Data, Progress, first_line, run_tasks
from benchmarks.markdown import heading
from verifier.engine import DEFAULT_BUDGET
from verifier.language.families import ClaimFamily
from verifier.language.keys import ClaimKey
from verifier.load import loader
from verifier.run import pool
from verifier.strategies import dimension, ladder
from verifier.trusted import kernel
from verifier.trusted.instantiate import instantiate

CLAIMS = (
    ("matrix_notation.py", "trace_quadratic_gradient"),
    ("matrix_notation.py", "least_squares_hessian"),
    ("matrix_notation.py", "det_gradient"),
    ("matrix_notation.py", "log_abs_det_gradient"),
    ("matrix_cookbook.py", "trace_axbx"),
    ("matrix_cookbook.py", "trace_btxtcxb"),
    ("matrix_cookbook.py", "affine_bilinear"),
    ("matrix_cookbook.py", "inverse_bilinear"),
    ("matrix_cookbook.py", "log_det_gram"),
    ("matrix_notation.py", "normal_equations"),
    ("matrix_notation_ml.py", "logistic_gradient"),
    ("matrix_notation_ml.py", "logistic_hessian"),
    ("matrix_notation_ml.py", "softmax_jacobian"),
    ("matrix_notation_ml.py", "log_sum_exp_hessian"),
    ("matrix_notation_ml.py", "batch_norm_jacobian"),
)


@dataclass(frozen=True)
class Timed:
    status: str  # "proved" or "not proved"
    seconds: float  # warm median (generic) or the one run (explicit)
    cold: float = 0.0


@dataclass(frozen=True)
class GenericRow:
    claim: str
    generic: str  # "proved", "not proved", "timed out", "error"
    generic_seconds: float | None
    generic_cold: float | None
    explicit: str
    explicit_seconds: float | None

    def to_json(self) -> Data:
        return asdict(self)


def _family(file: str, name: str) -> ClaimFamily:
    return next(f for f in loader.load(Path(library_file(file))).families if f.name == name)


def _generic(file: str, name: str, repeats: int) -> Timed:
    family = _family(file, name)
    statement = dimension.generic_statement(family)
    if statement is None:
        return Timed("not generic", 0.0)
    stated = [kernel.state(family, n) for n in family.all_n if n is not None]
    times = []
    proved = True
    for _ in range(max(1, repeats) + 1):  # the first (cold) run is reported apart
        started = time.perf_counter()
        try:
            kernel.prove_for_all_n(str(ClaimKey.of(family)), statement, dimension.SIZE, stated)
        except kernel.Rejected:
            proved = False
        times.append(time.perf_counter() - started)
    return Timed("proved" if proved else "not proved", statistics.median(times[1:]), times[0])


def _explicit(file: str, name: str, n: int) -> Timed:
    inst = instantiate(_family(file, name).build(n))
    started = time.perf_counter()
    proof = ladder.prove(inst, DEFAULT_BUDGET).proof
    return Timed("proved" if proof is not None else "not proved", time.perf_counter() - started)


def _outcome(value: object) -> tuple[str, float | None, float | None]:
    if isinstance(value, pool.Failure):
        timed_out = value.kind is pool.FailureKind.TIMEOUT
        return ("timed out" if timed_out else f"error: {first_line(value.message)}"), None, None
    assert isinstance(value, Timed)
    return value.status, value.seconds, value.cold


def bench_generic(config: BenchConfig, progress: Progress) -> list[GenericRow]:
    claims = CLAIMS[: config.generic_claims] if config.generic_claims else CLAIMS
    tasks = []
    for file, name in claims:
        tasks.append(pool.Task(f"generic {name}", _generic, (file, name, config.repeats)))
        tasks.append(pool.Task(f"explicit {name}", _explicit, (file, name, config.generic_n)))
    out = run_tasks(tasks, config.cell_timeout, config.memory_mb, progress)
    rows = []
    for file, name in claims:
        g, g_seconds, g_cold = _outcome(out[f"generic {name}"])
        e, e_seconds, _ = _outcome(out[f"explicit {name}"])
        rows.append(GenericRow(f"{file.removesuffix('.py')}.{name}", g, g_seconds, g_cold, e, e_seconds))
    return rows


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.2f} ms"


def _s(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds:.2f} s"


def render_section(data: Data) -> list[str]:
    rows = data.get("generic")
    if not rows:
        return []
    n = data["settings"].get("generic_n", 8)
    lines = [
        heading("generic", "Generic dimension: proved for all n, against explicit n"),
        "",
        "*Generic*: `kernel.prove_for_all_n` on the claim built at a symbolic n (median of warm repeats; the first, "
        f"cold call apart). *Explicit*: today's symbolic ladder on the claim built at n = {n}. Each in a worker with "
        "the cell's hard limit.",
        "",
        f"| claim | generic | warm | cold | explicit at n = {n} | time |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['claim']} | {r['generic']} | {_ms(r['generic_seconds'])} | {_ms(r['generic_cold'])} "
            f"| {r['explicit']} | {_s(r['explicit_seconds'])} |"
        )
    return [*lines, ""]
