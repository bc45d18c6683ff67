"""Section "dask", past one machine: a LocalCluster of W workers against the local pool of W jobs, and shards.

Four measurements, each on the same claims both ways:

- the library's throughput, in claims per second: `verify-all --no-cache` as a user runs it,
  `--jobs W` against `--dask-local W` (whose wall time includes starting and stopping the cluster),
  and whether every status agrees;
- the cluster's overhead per task: N trivial claims (x = x) through `verify_paths` on a cluster
  already running, against the local pool; the overhead is the extra wall time × W / N, in
  worker-seconds per claim;
- a killed worker: K claims that each wait a fixed time (so the figures do not depend on the
  machine's speed), once undisturbed and once with a worker killed (SIGKILL) while it runs a claim.
  The report must be complete, every claim accounted for and the lost one named, in about the time
  it takes to run the lost claim again;
- shards: `verify-all --shard i/4` for i = 1 … 4, one after another, merged with `verifier merge`;
  the merged statuses must be those of the unsharded local run.

Needs the [dask] extra; without it the section says so and measures nothing.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks.config import BenchConfig
from benchmarks.harness import Data, Progress
from benchmarks.markdown import heading
from benchmarks.targets import Target, met_if, unmeasured
from benchmarks.verify_all import VerifyRun, read_claims, time_verify_all
from verifier.outcome import ClaimResult, RunReport
from verifier.run.runner import RunSettings, verify_paths

TITLE = heading("dask", "Past one machine: a Dask LocalCluster against the local pool, and shards")

CLAIMS = '''
"""Generated claims for the Dask benchmark: x + k = x + k, each after waiting WAIT seconds (odd k: 1.5×)."""
import time
import sympy as sp
from verifier import Identity, Real, claim

x = sp.Symbol("x")
waited = set()  # each claim is verified in a fresh process, which builds it more than once: wait once


def make(k):
    @claim(name=f"claim_{k:03d}")
    def build():
        """x + k = x + k."""
        if k not in waited:
            waited.add(k)
            time.sleep(WAIT * (1 + k % 2 / 2))
        return Identity(x + k, x + k, where={x: Real()})

    return build


for k in range(COUNT):
    make(k)
'''


@dataclass(frozen=True)
class Throughput:
    """One library run: its wall time and claims per second."""

    run: VerifyRun
    claims: int
    rate: float | None  # claims per second of wall time

    def to_json(self) -> Data:
        out = asdict(self)
        out["run"].pop("claims")
        return out


@dataclass(frozen=True)
class KillRun:
    """The waiting claims, undisturbed and with a worker killed mid-claim."""

    claims: int
    wait: float  # seconds each even claim waits (odd ones 1.5×)
    undisturbed_seconds: float
    killed_seconds: float
    killed_claim: str  # the claim the killed worker was running
    accounted: int  # claims in the killed run's report
    complete: bool
    retried: dict[str, int]


@dataclass(frozen=True)
class ShardRuns:
    """The library in SHARDS shards, one after another, merged, against the unsharded local run."""

    count: int
    seconds: tuple[float, ...]  # each shard's wall time
    claims: tuple[int, ...]  # each shard's claims
    merged: int  # claims in the merged report
    merge_exit: int
    differences: tuple[str, ...]  # claims whose merged status is not the unsharded run's (or is missing)
    command: str

    @property
    def met(self) -> bool:
        return not self.differences and self.merged == sum(self.claims) and self.merge_exit in (0, 1)


@dataclass(frozen=True)
class DaskSection:
    status: str  # "ok", or "not measured" with the reason in detail
    detail: str = ""
    workers: int = 0
    start_seconds: float = 0.0  # starting the LocalCluster, checking and warming its workers
    library: tuple[Throughput, ...] = ()  # the local pool, then the cluster
    status_changes: tuple[str, ...] = ()  # claims whose status differs between the two library runs
    trivial_claims: int = 0
    trivial_seconds: tuple[float, float] = (0.0, 0.0)  # local pool, cluster
    kill: KillRun | None = None
    shards: ShardRuns | None = None

    @property
    def overhead(self) -> float:
        """Extra worker-seconds per claim on the cluster."""
        local, cluster = self.trivial_seconds
        return (cluster - local) * self.workers / max(1, self.trivial_claims)

    def to_json(self) -> Data:
        out = asdict(self)
        out["library"] = [t.to_json() for t in self.library]
        out["overhead_per_claim"] = self.overhead if self.status == "ok" else None
        if self.shards is not None:
            out["shards"]["met"] = self.shards.met
        return out


def write_claims(folder: Path, name: str, count: int, wait: float) -> Path:
    path = folder / f"{name}.py"
    text = textwrap.dedent(CLAIMS).lstrip().replace("WAIT", repr(wait)).replace("COUNT", str(count))
    path.write_text(text)
    return path


def library_runs(config: BenchConfig, tmp: str, progress: Progress) -> tuple[tuple[Throughput, ...], tuple[str, ...]]:
    """verify-all on the library (or --quick's files), the local pool, then --dask-local."""
    workers = str(config.dask_workers)
    runs = []
    for label, where in (("local pool", ["--jobs", workers]), ("LocalCluster", ["--dask-local", workers])):
        report = str(Path(tmp) / f"{label.replace(' ', '-')}.json")
        args = [*config.verify_paths, *where, "--no-cache", "--json", report]
        run = time_verify_all(label, args, config.verify_timeout, {tmp: "$TMP"})
        count = len(run.claims)
        runs.append(Throughput(run, count, count / run.seconds if run.seconds and count else None))
        progress(f"  verify-all, {label}: {run.status}, {count} claims")
    local, cluster = (t.run.statuses() for t in runs)
    changed = tuple(sorted(k for k in local.keys() | cluster.keys() if local.get(k) != cluster.get(k)))
    return tuple(runs), changed


SHARDS = 4


def shard_runs(config: BenchConfig, tmp: str, unsharded: dict[str, str], progress: Progress) -> ShardRuns:
    """verify-all --shard i/4 for each i, then `verifier merge` of the four reports, against the unsharded run."""
    reports, seconds, claims = [], [], []
    for i in range(1, SHARDS + 1):
        report = str(Path(tmp) / f"shard-{i}.json")
        args = [*config.verify_paths, "--jobs", str(config.dask_workers), "--no-cache", "--shard", f"{i}/{SHARDS}"]
        run = time_verify_all(f"shard {i}/{SHARDS}", [*args, "--json", report], config.verify_timeout, {tmp: "$TMP"})
        reports.append(report)
        seconds.append(run.seconds or 0.0)
        claims.append(len(run.claims))
        progress(f"  verify-all --shard {i}/{SHARDS}: {run.status}, {len(run.claims)} claims")
    merged = str(Path(tmp) / "merged.json")
    proc = subprocess.run([sys.executable, "-m", "verifier", "merge", *reports, "--json", merged, "-q"],
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})  # fmt: skip
    statuses = {c.claim: c.status for c in read_claims(Path(merged))}
    differences = tuple(sorted(k for k in unsharded.keys() | statuses.keys() if unsharded.get(k) != statuses.get(k)))
    command = f"verifier verify-all --shard I/{SHARDS} --no-cache --json shard-I.json; verifier merge shard-*.json"
    return ShardRuns(SHARDS, tuple(seconds), tuple(claims), len(statuses), proc.returncode, differences, command)


def timed_run(path: Path, settings: RunSettings, on_result: Any = lambda r: None) -> tuple[float, RunReport]:
    start = time.perf_counter()
    report = verify_paths([str(path)], settings, on_result=on_result)
    return time.perf_counter() - start, report


def kill_a_busy_worker(client: Any) -> str:
    """SIGKILL a worker that is running a task; the dask key of that task ("" if every worker is idle)."""
    busy = [(a, k) for a, k in sorted(client.processing().items()) if k]
    if not busy:
        return ""
    address, keys = busy[0]
    os.kill(client.run(os.getpid)[address], signal.SIGKILL)
    return str(keys[0])


def killed_worker(executor: Any, folder: Path, config: BenchConfig) -> KillRun:
    """The waiting claims undisturbed, then with the worker of a running claim killed at the first result."""
    path = write_claims(folder, "waits", config.dask_kill_claims, config.dask_kill_wait)
    settings = RunSettings(jobs=config.dask_workers, timeout=config.cell_timeout, executor=executor)
    undisturbed, _ = timed_run(path, settings)
    victims: list[str] = []

    def first_result(result: ClaimResult) -> None:
        if not victims:
            victims.extend(filter(None, [kill_a_busy_worker(executor.client)]))

    seconds, report = timed_run(path, settings, first_result)
    executor.client.wait_for_workers(config.dask_workers, timeout=60)
    killed = next(iter(report.retried), "(none re-run)")
    return KillRun(
        config.dask_kill_claims,
        config.dask_kill_wait,
        undisturbed,
        seconds,
        killed,
        len(report.results),
        report.complete,
        dict(report.retried),
    )


def bench_dask(config: BenchConfig, progress: Progress) -> DaskSection:
    if importlib.util.find_spec("distributed") is None:
        return DaskSection("not measured", 'Dask is not installed: pip install ".[dask]"')
    from verifier.run import dask_executor

    with tempfile.TemporaryDirectory(prefix="verifier-bench-") as tmp:
        library, changes = library_runs(config, tmp, progress)
        shards = shard_runs(config, tmp, library[0].run.statuses(), progress)
        folder = Path(tmp)
        trivial = write_claims(folder, "trivial", config.dask_trivial_claims, 0.0)
        local, _ = timed_run(trivial, RunSettings(jobs=config.dask_workers, timeout=config.cell_timeout))
        start = time.perf_counter()
        with dask_executor.open_executor(local_workers=config.dask_workers) as executor:
            started = time.perf_counter() - start
            settings = RunSettings(jobs=config.dask_workers, timeout=config.cell_timeout, executor=executor)
            on_cluster, _ = timed_run(trivial, settings)
            progress(f"  {config.dask_trivial_claims} trivial claims: {local:.2f} s local, {on_cluster:.2f} s Dask")
            kill = killed_worker(executor, folder, config)
            progress(f"  killed worker: {kill.undisturbed_seconds:.1f} s undisturbed, {kill.killed_seconds:.1f} s")
    section = DaskSection("ok", "", config.dask_workers, started, library, changes, config.dask_trivial_claims)
    return dataclasses.replace(section, trivial_seconds=(local, on_cluster), kill=kill, shards=shards)


def _rate(t: Data) -> str:
    run = t["run"]
    if run["status"] != "ok":
        return f"> {run['limit']:g} s (timed out)"
    rate = f"{t['rate']:.2f}" if t["rate"] else "–"
    return f"{run['seconds']:.1f} s | {t['claims']} | {rate}"


def render_section(data: Data | None) -> list[str]:
    """The section's Markdown from its JSON (formatting only)."""
    if data is None:
        return [TITLE, "", "Not run in this invocation (see `--only`).", ""]
    if data["status"] != "ok":
        return [TITLE, "", f"Not measured: {data['detail']}", ""]
    w = data["workers"]
    lines = [
        TITLE,
        "",
        f"{w} workers of one thread each, against the local pool with `--jobs {w}`. Each claim runs in a child "
        f"that its worker forks, with the hard time and memory limits. Starting the LocalCluster (and checking "
        f"and warming its workers) took {data['start_seconds']:.1f} s.",
        "",
        "| library run | wall time | claims | claims/s | command |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {t['run']['label']} | {_rate(t)} | `{t['run']['command']}` |" for t in data["library"]]
    changes = data["status_changes"]
    lines += ["", f"Statuses that differ between the two runs: {', '.join(changes) if changes else 'none'}.", ""]
    local, cluster = data["trivial_seconds"]
    lines += [
        f"**Overhead per task:** {data['trivial_claims']} trivial claims (x = x) on a running cluster took "
        f"{cluster:.2f} s, against {local:.2f} s on the local pool: {data['overhead_per_claim'] * 1000:.0f} ms of "
        "worker time per claim.",
        "",
    ]
    return [*lines, *_kill_lines(data["kill"]), "", *_shard_lines(data.get("shards")), ""]


def _shard_lines(shards: Data | None) -> list[str]:
    if not shards:
        return []
    times = ", ".join(f"{t:.1f} s" for t in shards["seconds"])
    same = "identical to" if shards["met"] else "NOT identical to"
    differ = f" Differences: {', '.join(shards['differences'])}." if shards["differences"] else ""
    return [
        f"**Shards:** the library in {shards['count']} shards, one after another ({times}; "
        f"{' + '.join(map(str, shards['claims']))} claims), merged by `verifier merge` (exit {shards['merge_exit']}): "
        f"{shards['merged']} claims, statuses {same} the unsharded local run.{differ} `{shards['command']}`.",
    ]


def _kill_lines(kill: Data) -> list[str]:
    retried = ", ".join(f"{k} ({n}×)" for k, n in kill["retried"].items()) or "none"
    extra = kill["killed_seconds"] - kill["undisturbed_seconds"]
    return [
        f"**A killed worker:** {kill['claims']} claims that wait {kill['wait']:g} s or {kill['wait'] * 1.5:g} s "
        f"each took {kill['undisturbed_seconds']:.1f} s undisturbed; with the worker of a running claim killed "
        f"(SIGKILL) at the first result, {kill['killed_seconds']:.1f} s (+{extra:.1f} s, about one re-run of the "
        f"lost claim, at most {kill['wait'] * 1.5:g} s, plus the worker's restart). The report held "
        f"{kill['accounted']} of {kill['claims']} claims, {'complete' if kill['complete'] else 'INCOMPLETE'}; "
        f"re-run: {retried}.",
    ]


def target(section: DaskSection | None) -> Target:
    """The issue's target for a killed worker, decided from the section (a Target's fields)."""
    text = "a killed Dask worker: the report is complete, every claim accounted for, the lost one named"
    if section is None or section.kill is None:
        why = section.detail if section is not None and section.detail else "section not run (--only)"
        return unmeasured(text, why)
    k = section.kill
    ok = k.complete and k.accounted == k.claims and list(k.retried.values()) == [1]
    evidence = (
        f"{k.accounted}/{k.claims} claims, re-run: {', '.join(k.retried) or 'none'}; "
        f"{k.killed_seconds:.1f} s against {k.undisturbed_seconds:.1f} s undisturbed"
    )
    return Target(text, met_if(ok), evidence)


def target_shards(section: DaskSection | None) -> Target:
    """The issue's target for shards: 1/4 … 4/4 merged give the statuses of one unsharded run."""
    text = f"shards 1/{SHARDS} … {SHARDS}/{SHARDS} merged give statuses identical to one unsharded run"
    if section is None or section.shards is None:
        why = section.detail if section is not None and section.detail else "section not run (--only)"
        return unmeasured(text, why)
    s = section.shards
    differ = f"{len(s.differences)} differ ({', '.join(s.differences[:3])})" if s.differences else "none differ"
    evidence = f"{s.merged} claims merged from {' + '.join(map(str, s.claims))}; {differ}"
    return Target(text, met_if(s.met), evidence)
