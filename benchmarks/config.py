"""What a benchmark run measures: the claims, the sections and their sizes, full or quick."""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from verifier.load import library

SECTION_TITLES = {  # every section, in the order a run measures them and BENCHMARKS.md numbers them (1, 2, …)
    "symbolic": "symbolic decision",
    "numeric": "numeric spot checks",
    "gradient": "gradient checks",
    "verify-all": "verify-all wall time",
    "cost": "cost per n",
    "compile": "compile speed",
    "special": "special functions",
    "determinism": "determinism under load",
    "certificates": "certificate search",
    "latex": "LaTeX chains",
    "grading": "grading a course",
    "generic": "generic dimension",
    "sos": "sum-of-squares search",
    "dask": "a Dask LocalCluster against the local pool",
}
SECTIONS = tuple(SECTION_TITLES)  # the names --only takes
QUICK_SECTIONS = tuple(s for s in SECTIONS if s != "determinism")  # the slow one runs only when asked


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
COMPILE_CLAIM = CLAIMS[1]  # the logistic Hessian: the largest expressions of the three


@dataclass(frozen=True)
class BenchConfig:
    quick: bool = False
    cell_timeout: float = 60.0
    out: str = "reports"
    sections: tuple[str, ...] = SECTIONS
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
    cost_proved_n: tuple[int, ...] = tuple(range(1, 9))  # proved symbolically (and checked numerically)
    cost_numeric_n: tuple[int, ...] = (16, 32, 64)  # checked numerically only
    compile_n: int = 16
    compile_samples: int = 200
    special_n: int = 16  # entries of each special-function claim
    special_samples: int = 2000  # samples per call of the evaluator
    idle_jobs: int = 1  # determinism: the reference run, alone on the machine
    busy_jobs: int = 8  # determinism: the loaded run, beside the CPU hogs
    hogs: int = 2  # busy-loop processes beside the loaded run (0 in tests)
    certificate_n: tuple[int, ...] = (2, 3, 4, 6, 8)
    latex_sizes: tuple[int, ...] = (2, 3, 4)  # the sizes k of the 10-step LaTeX chain
    grading_students: tuple[int, ...] = (30,)  # generated courses to grade (VERIFIER_BENCH_COURSE adds sizes)
    grading_cluster: bool = True  # grade each course on a LocalCluster too, and once with a worker killed
    grading_hanging: tuple[int, int] = (30, 15)  # a course of that many, that many hanging at import (issue 42)
    grading_hostile: tuple[str, ...] = ()  # the hostile course's variants (tests/fixtures/course_hostile); () for all
    generic_n: int = 8  # the explicit n the generic-dimension proofs are compared with
    generic_claims: int = 0  # how many of generic_dimension.CLAIMS to measure; 0 for all
    sos_n: tuple[int, ...] = (2, 3, 4, 5, 6)  # the sizes of the SDP sum-of-squares search
    dask_workers: int = 2  # the LocalCluster's workers, and the local pool's jobs it is compared with
    dask_trivial_claims: int = 40  # trivial claims for the per-task overhead
    dask_kill_claims: int = 8  # waiting claims for the killed-worker run
    dask_kill_wait: float = 1.0  # seconds each waits (odd ones 1.5×)

    @property
    def command(self) -> str:
        quick = ["--quick"] if self.quick else []
        default = QUICK_SECTIONS if self.quick else SECTIONS
        only = [] if self.sections == default else ["--only", ",".join(self.sections)]
        timeout = ["--cell-timeout", f"{self.cell_timeout:g}"]
        return shlex.join(["python", "-m", "benchmarks", *quick, *only, *timeout, "--out", self.out])

    def runs(self, section: str) -> bool:
        return section in self.sections


def number(section: str) -> int:
    """A section's number in BENCHMARKS.md: its place in SECTIONS."""
    return SECTIONS.index(section) + 1


def library_file(name: str) -> str:
    """A file of the bundled derivations: ./derivations if present, else the library (checkout or installed)."""
    local = Path(library.SOURCE) / name
    if local.exists():
        return str(local)
    folder = library.folder()
    return str((folder or Path(library.SOURCE)) / name)


def parse_sections(text: str | None, quick: bool) -> tuple[str, ...]:
    """`--only cost,compile` → ("cost", "compile") in the run's order; ValueError on an unknown name."""
    if not text:
        return QUICK_SECTIONS if quick else SECTIONS
    asked = [s.strip().replace("_", "-") for s in text.split(",") if s.strip()]
    unknown = [s for s in asked if s not in SECTIONS]
    if unknown or not asked:
        raise ValueError(f"unknown section(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(SECTIONS)}")
    return tuple(s for s in SECTIONS if s in asked)


def config_for(quick: bool, cell_timeout: float | None, out: str, only: str | None = None) -> BenchConfig:
    """The full benchmark, or the quick one (small n, two small files for verify-all, a few minutes)."""
    sections = parse_sections(only, quick)
    if not quick:
        return BenchConfig(cell_timeout=cell_timeout or 60.0, out=out, sections=sections)
    return BenchConfig(
        quick=True,
        cell_timeout=cell_timeout or 20.0,
        out=out,
        sections=sections,
        symbolic_n=(2, 3, 4),
        numeric_seconds=0.5,
        slow_samples=3,
        slow_seconds=5.0,
        gradient_timeout=120.0,
        verify_paths=(library_file("beale.py"), library_file("convolution.py")),
        verify_timeout=300.0,
        cost_proved_n=(1, 2, 3, 4),
        cost_numeric_n=(8,),
        compile_n=6,
        certificate_n=(2, 3, 4),
        latex_sizes=(2, 3),
        sos_n=(2, 3, 4),
        dask_trivial_claims=16,
        dask_kill_claims=6,
        dask_kill_wait=0.6,
    )
