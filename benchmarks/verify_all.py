"""Section "verify-all", `verify-all` wall time: cold, warm and on one job, and the slowest claims of the cold run;
beside them, start-up: `verifier --version` and a `check` of one trivial claim, cold, as a user starts them; and
the CPU of the one-job run's whole process tree against the engine alone on the same claims in one process."""

from __future__ import annotations

import dataclasses
import json
import os
import resource
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.config import BenchConfig, library_file
from benchmarks.harness import Data, Progress

SLOWEST_SHOWN = 5
STARTUP_CLAIM = ("autograd_binary.pow_rule_base", "autograd_binary.py")  # a claim the engine proves in ~50 ms


@dataclass(frozen=True)
class ClaimTime:
    """One claim of a verify-all JSON report: its key, status and time."""

    claim: str
    status: str
    seconds: float


@dataclass(frozen=True)
class VerifyRun:
    """One `python -m verifier verify-all` subprocess: its wall time, and the claims its JSON listed."""

    label: str
    command: str
    status: str  # "ok" or "timed out"
    seconds: float | None = None
    limit: float | None = None
    exit_code: int | None = None
    summary: str = ""
    load_before: tuple[float, ...] = ()
    claims: tuple[ClaimTime, ...] = field(default=(), repr=False)
    cpu_seconds: float | None = None  # user + system CPU of the process and every process it forked

    def to_json(self) -> Data:
        return asdict(self)

    def statuses(self) -> dict[str, str]:
        return {c.claim: c.status for c in self.claims}


@dataclass(frozen=True)
class VerifyAllSection:
    paths: tuple[str, ...]
    jobs: int
    runs: tuple[VerifyRun, ...]
    slowest: tuple[ClaimTime, ...]  # of the cold run, slowest first
    startup: tuple[VerifyRun, ...] = ()  # `--version` and a one-claim `check`, just before the runs
    phases: dict[str, dict[str, float]] = field(default_factory=dict)  # the slowest claims' CPU by phase, in-process
    phase_totals: dict[str, float] = field(default_factory=dict)  # the same, summed over every claim
    median_cpu: float | None = None  # the median over every claim of its engine CPU, in-process (None: no phases)

    def run(self, label: str) -> VerifyRun:
        return next(r for r in self.runs if r.label == label)

    def to_json(self) -> Data:
        out = asdict(self)
        for run in out["runs"]:
            run.pop("claims")  # the per-claim lists live in verify-all's own JSON; the slowest are kept
        return out


def read_claims(path: Path) -> tuple[ClaimTime, ...]:
    """(derivation.name, status, seconds) of every claim in a verify-all JSON report; () if unreadable."""
    try:
        report = json.loads(path.read_text())
    except (OSError, ValueError):
        return ()
    return tuple(
        ClaimTime(f"{c['derivation']}.{c['name']}", str(c["status"]), float(c["seconds"])) for c in report["claims"]
    )


def time_verify_all(label: str, args: list[str], timeout: float, hide: dict[str, str]) -> VerifyRun:
    """Wall time of one `python -m verifier verify-all -q ...`; `--json PATH` in args is read back."""
    run = time_command(label, ["verify-all", "-q", *args], timeout, hide, dict(os.environ))
    claims = read_claims(Path(args[args.index("--json") + 1])) if "--json" in args and run.status == "ok" else ()
    return dataclasses.replace(run, claims=claims)


def _tree_cpu() -> float:
    """User + system CPU of the children waited for so far, and of every process they waited for."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def time_command(
    label: str, args: list[str], timeout: float, hide: dict[str, str], env: dict[str, str], module: str = "verifier"
) -> VerifyRun:
    """Wall and CPU time of one `python -m MODULE ARGS` subprocess, killed with its workers after timeout seconds."""
    shown = shlex.join(["python", "-m", module, *args])
    for real, alias in hide.items():
        shown = shown.replace(real, alias)
    load = tuple(round(x, 2) for x in os.getloadavg())
    start, cpu = time.perf_counter(), _tree_cpu()
    proc = subprocess.Popen(
        [sys.executable, "-m", module, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**env, "NO_COLOR": "1"},
        start_new_session=True,
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and the workers it forked
        proc.communicate()
        return VerifyRun(label, shown, "timed out", limit=timeout, load_before=load)
    seconds, cpu = time.perf_counter() - start, _tree_cpu() - cpu
    summary = next((line for line in reversed(output.splitlines()) if " claims:" in line), output.strip()[:80])
    return VerifyRun(label, shown, "ok", seconds, None, proc.returncode, summary.strip(), load, cpu_seconds=cpu)


def time_startup(timeout: float) -> tuple[VerifyRun, ...]:
    """`verifier --version`, then `check` of one trivial claim with no cache, as a user starts them: in a
    fresh interpreter without PYTHONHASHSEED, so the check pays its re-execution too."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHASHSEED", "VERIFIER_NO_REEXEC")}
    name, file = STARTUP_CLAIM
    folder = str(Path(library_file(file)).parent)
    return (
        time_command("start-up: --version", ["--version"], timeout, {}, env),
        time_command("start-up: check one claim, cold", ["check", name, folder, "--no-cache", "-q"], timeout, {}, env),
    )


IN_PROCESS = "engine alone, in-process"


def time_in_process(paths: list[str], timeout: float, phases: Path) -> VerifyRun:
    """The same claims through `engine.verify_family` in one process (benchmarks/in_process.py), with the
    CLI's hash seed: the yardstick for the CPU the run machinery adds. Each claim's CPU by phase goes to phases."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    args = [*paths, "--phases", str(phases)]
    return time_command(IN_PROCESS, args, timeout, {str(phases.parent): "$FRESH_TMP"}, env, "benchmarks.in_process")


Phases = dict[str, dict[str, float]]  # claim → phase → CPU seconds ("total" among them)


def read_phases(path: Path) -> Phases:
    """Every claim's in-process CPU by phase ({} where the run wrote none)."""
    try:
        found: Phases = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return found


def phase_totals(found: Phases) -> dict[str, float]:
    """Each phase's CPU summed over every claim."""
    totals: dict[str, float] = {}
    for by_phase in found.values():
        for label, seconds in by_phase.items():
            totals[label] = round(totals.get(label, 0.0) + seconds, 3)
    return totals


def median_cpu(found: Phases) -> float | None:
    """The median claim's engine CPU, in-process (the mean of the middle two for an even count; None if none)."""
    cpu = [by_phase["total"] for by_phase in found.values() if "total" in by_phase]
    return round(statistics.median(cpu), 4) if cpu else None


def slowest(claims: tuple[ClaimTime, ...], count: int = SLOWEST_SHOWN) -> tuple[ClaimTime, ...]:
    return tuple(sorted(claims, key=lambda c: -c.seconds)[:count])


def bench_verify_all(config: BenchConfig, progress: Progress) -> VerifyAllSection:
    """Cold on every core (an empty cache, which it fills), warm (the same cache), cold on one core."""
    paths = list(config.verify_paths)
    jobs = str(config.jobs)
    with tempfile.TemporaryDirectory(prefix="verifier-bench-") as tmp:
        cache, report = str(Path(tmp) / "cache"), str(Path(tmp) / "cold.json")
        plan = [
            ("cold", [*paths, "--jobs", jobs, "--cache-dir", cache, "--json", report]),
            ("warm", [*paths, "--jobs", jobs, "--cache-dir", cache]),
            ("cold, 1 job", [*paths, "--jobs", "1", "--no-cache"]),
        ]
        startup = time_startup(config.verify_timeout)
        progress("  start-up: " + ", ".join(f"{r.label.split(': ')[1]} {r.status}" for r in startup))
        runs = []
        for label, args in plan:
            runs.append(time_verify_all(label, args, config.verify_timeout, {tmp: "$FRESH_TMP"}))
            progress(f"  verify-all {label}: {runs[-1].status}")
        phases = Path(tmp) / "phases.json"
        runs.append(time_in_process(paths, config.verify_timeout, phases))
        progress(f"  {IN_PROCESS}: {runs[-1].status}")
        top = slowest(runs[0].claims)
        found = read_phases(phases)
    shown = tuple(paths) or ("derivations/ (all)",)
    by_phase = {c.claim: found[c.claim] for c in top if c.claim in found}
    return VerifyAllSection(shown, config.jobs, tuple(runs), top, startup, by_phase, phase_totals(found),
                            median_cpu(found))  # fmt: skip
