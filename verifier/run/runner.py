"""Verify many derivation files: list each file's claims, then verify each claim in its own worker.

The list comes from the cache or from loading the file in a worker (`verifier.run.plan`); each claim's
worker is forked from a holder process that loaded its module once (`verifier.run.grouped`). The
runner turns every failure into a result: a module that does not load becomes one ERROR row
naming the file, a claim that times out becomes UNKNOWN (timeout), a worker that dies becomes
ERROR with the signal. An interrupt stops the run and returns what finished, marked incomplete.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from verifier import __version__, engine
from verifier.engine import EngineSettings
from verifier.engine.replay import replay_line
from verifier.language.families import ClaimFamily
from verifier.load import loader
from verifier.outcome import ClaimResult, Expect, RunReport, ShardInfo
from verifier.quality import alarms, mutate
from verifier.quality.mutate import ClaimMutation
from verifier.run import cache, fresh_stack, plan, pool, session
from verifier.run import shard as sharding
from verifier.run.executor import Executor, LocalPool, reruns_since
from verifier.run.plan import ClaimSpec, matches_key, module_error

__all__ = ["RunSettings", "matches_key", "measure_false_alarms", "module_error", "mutate_paths", "verify_paths"]

T = TypeVar("T")
share_imports = plan.share_imports  # the zygote imports what the CLI's process has imported before it forks


@dataclass(frozen=True)
class RunSettings:
    engine: EngineSettings = field(default_factory=EngineSettings)
    jobs: int = 2
    timeout: float = 180.0
    load_timeout: float = 180.0  # a safety net like the claims' (a LaTeX file: 4 s of CPU, 45 s of wall at load 20)
    memory_mb: int = 4096
    pattern: str = ""
    cache_dir: Path | None = None
    cache_read: bool = True  # False (--reverify): verify every claim again, and refresh the cache
    shard: sharding.Shard | None = None  # verify only this shard of the claim families
    costs: Mapping[str, float] = field(default_factory=dict)  # recorded cost per claim key (the baseline's)
    executor: Executor = field(default_factory=LocalPool)  # where the tasks run: forked here, or on a cluster
    # verify only these claims, as (file as given, claim name): the pytest plugin's selected items; the claims
    # their corollaries cite are verified too, and not reported (as for a shard)
    only: frozenset[tuple[str, str]] | None = None


def _module_of(result: ClaimResult, sources: set[str]) -> bool:
    """Whether the result is a module error of one of the sources (why none of its claims was listed)."""
    return result.name == plan.MODULE and result.source in sources


def _expects_a_counterexample(specs: list[ClaimSpec]) -> bool:
    return any(spec.expect is Expect.REFUTED for spec in specs)


def _family(spec: ClaimSpec, verbose: bool) -> ClaimFamily:
    """The claim's family: from the module the host loaded, or (on a cluster) loaded here."""
    loaded = plan.HELD.get(spec.path) or loader.load(Path(spec.path), verbose, only=spec.name)
    return loaded.family(spec.name)


def _task(spec: ClaimSpec, fn: Callable[..., object], settings: EngineSettings, *extra: object) -> pool.Task:
    """fn(spec, settings, *extra) in a worker forked from the process that holds the spec's module."""
    held = plan.holding(spec.path, settings.verbose)
    return pool.Task(_task_key(spec), fn, (spec, settings, *extra), held)


@dataclass(frozen=True)
class HeldClaim:
    """A claim of a derivation file, verified in a worker forked from the process that holds its module
    (a `verifier.run.session.ClaimSource`)."""

    spec: ClaimSpec
    verbose: bool
    replay: str = ""  # the command that verifies it again, shown also where its worker gave no result

    @property
    def key(self) -> str:
        return _task_key(self.spec)

    @property
    def group(self) -> pool.Group:
        return plan.holding(self.spec.path, self.verbose)

    def family(self) -> tuple[ClaimFamily, str]:
        return _family(self.spec, self.verbose), self.spec.path

    def finish(self, family: ClaimFamily, result: ClaimResult) -> ClaimResult:
        return result

    def failed(self, failure: pool.Failure, seconds: float) -> ClaimResult:
        s = self.spec
        where = f"{s.path}::{s.name}: "
        known = {"statement": s.statement, "expect": s.expect, "n_values": list(s.n_values), "replay": self.replay}
        return session.failure_result(failure, s.path, s.derivation, s.name, where, seconds, self.verbose, **known)


def _load_all(
    files: list[str], settings: RunSettings, store: cache.ResultCache | None
) -> tuple[list[ClaimSpec], list[ClaimResult]]:
    """Every claim of each file the pattern may select, and the module errors it shows (`verifier.run.plan`)."""
    limit = min(settings.load_timeout, settings.timeout)
    run = (settings.executor, settings.jobs, limit, settings.memory_mb)
    return plan.load_all(files, settings.engine, run, store, settings.pattern)


def _run_claims(
    specs: list[ClaimSpec],
    settings: RunSettings,
    store: cache.ResultCache | None,
    results: list[ClaimResult],
    on_result: Callable[[ClaimResult], None],
) -> None:
    """Verify each claim (from the cache when it has it) and append its result as it ends."""

    unchanged = _unchanged(settings.engine)

    def verified(source: session.ClaimSource, result: ClaimResult, failure: pool.Failure | None) -> None:
        spec = source.spec if isinstance(source, HeldClaim) else None
        if failure is None and store is not None and spec is not None and spec.cache_key and unchanged(spec):
            store.put(spec.cache_key, result)
        results.append(result)
        on_result(result)

    todo = []
    for spec in specs:
        hit = store.get(spec.cache_key, spec.derivation, spec.name) if store and spec.cache_key else None
        if hit is None:
            todo.append(spec)
        else:
            hit = _served(hit, spec, settings.engine)
            results.append(hit)
            on_result(hit)
    if todo and not isinstance(settings.executor, LocalPool):  # locally, each module's host imported them already
        share_imports(_expects_a_counterexample(todo))
    plan.share_optional([s.path for s in todo])
    run = session.Session(settings.engine, settings.executor, settings.jobs, settings.timeout, settings.memory_mb)
    held = [HeldClaim(s, settings.engine.verbose, replay_line(s.key, settings.engine, s.path)) for s in todo]
    run.verify(held, verified)


def _unchanged(settings: EngineSettings) -> Callable[[ClaimSpec], bool]:
    """Whether a claim's file (with what it imports) still has the key the run planned it under, read once per file at
    its first result, when its module is loaded. A file edited during the run is verified as edited: that result was
    filed under the key of the text the run began with, and `git checkout` of that text showed 2x = 3x PROVED."""
    modules: dict[str, str | None] = {}

    def check(spec: ClaimSpec) -> bool:
        if spec.path not in modules:  # with the files the module read as it loaded: a data file edited too
            module = cache.module_key(Path(spec.path))
            read = cache.read_digests([p for p, _ in spec.reads], Path(spec.path).resolve().parent)
            modules[spec.path] = None if module is None else cache.with_reads(module, read)
        module = modules[spec.path]
        return module is not None and cache.claim_key(module, spec.name, plan.options(settings)) == spec.cache_key

    return check


def _served(hit: ClaimResult, spec: ClaimSpec, settings: EngineSettings) -> ClaimResult:
    """A cached result as this run shows it. It is kept under the file's contents, not its path: the path, the replay
    line naming it and the reason's "FILE::claim: " are this run's (a copy of d1/foo.py checked as d2/foo.py showed
    "d1/foo.py::broken: builder raised ZeroDivisionError")."""
    again = replay_line(spec.key, settings, spec.path) if hit.replay else ""
    moved = [t.replace(f"{hit.source}::", f"{spec.path}::") if hit.source else t for t in (hit.reason, hit.detail)]
    return dataclasses.replace(hit, source=spec.path, replay=again, reason=moved[0], detail=moved[1])


def _task_key(spec: ClaimSpec) -> str:
    return f"{spec.path}::{spec.name}"


def _retried(executor: Executor, specs: list[ClaimSpec], before: dict[str, int]) -> dict[str, int]:
    """The claims (or files, while loading) this run ran again after their worker was lost, and how often."""
    names = {_task_key(s): s.key for s in specs}
    return {names.get(key, f"{key} (loading)"): count for key, count in reruns_since(executor, before).items()}


Place = tuple[str, str]  # a claim's file and name: two files of one stem (a/foo.py, b/foo.py) share claim keys


def _premises(results: list[ClaimResult], specs: dict[Place, ClaimSpec], have: set[Place]) -> list[ClaimSpec]:
    """The claims that corollaries among results cite (claims of the corollary's own file, as
    `engine.resolve_corollaries` reads them) and that are not in `have`."""
    cited = {(r.source, name) for r in results for name in r.cites}
    return [specs[place] for place in sorted(cited - have) if place in specs]


def _borrow_premises(
    results: list[ClaimResult], specs: list[ClaimSpec], settings: RunSettings, store: cache.ResultCache | None
) -> list[ClaimResult]:
    """Verify the claims that this shard's corollaries cite from other shards (not reported here).

    A corollary's verdict follows from the claims it cites; verifying them again here makes
    each shard's verdict the one a whole run gives. Corollaries are cheap; their premises
    usually too, and often cached.
    """
    by_place = {(s.path, s.name): s for s in specs}
    have = {(r.source, r.name) for r in results}
    borrowed: list[ClaimResult] = []
    todo = _premises(results, by_place, have)
    while todo:
        have |= {(s.path, s.name) for s in todo}
        found: list[ClaimResult] = []
        _run_claims(todo, settings, store, found, lambda r: None)
        borrowed += found
        todo = _premises(found, by_place, have)
    return borrowed


def _run_order(files: list[str], specs: list[ClaimSpec], errors: list[ClaimResult]) -> list[str]:
    """Every claim key of the run in report order: file by file, module errors first, then claims."""
    order = {f: i for i, f in enumerate(files)}
    rows = [(order.get(e.source, len(order)), -1, i, e.key) for i, e in enumerate(errors)]
    rows += [(order.get(s.path, len(order)), i, 0, s.key) for i, s in enumerate(specs)]
    return [key for *_, key in sorted(rows)]


def verify_paths(
    paths: list[str],
    settings: RunSettings,
    on_plan: Callable[[int], None] = lambda n: None,
    on_result: Callable[[ClaimResult], None] = lambda r: None,
    argv: list[str] | None = None,
) -> RunReport:
    """Verify every claim in the given files and folders (only shard I/N's, with settings.shard), on a fresh
    thread's stack (:mod:`verifier.run.fresh_stack`), so that the workers fork from the same depth from every
    door; on_plan and on_result are called on that thread."""
    return fresh_stack.on_a_fresh_stack(lambda: _verify_paths(paths, settings, on_plan, on_result, argv))


def _verify_paths(
    paths: list[str],
    settings: RunSettings,
    on_plan: Callable[[int], None],
    on_result: Callable[[ClaimResult], None],
    argv: list[str] | None,
) -> RunReport:
    started = time.monotonic()
    files = [str(p) for p in loader.discover(paths)]
    order = {s: i for i, s in enumerate(files)}
    specs: list[ClaimSpec] = []
    results: list[ClaimResult] = []
    borrowed: list[ClaimResult] = []
    complete = True
    info: ShardInfo | None = None
    store = cache.ResultCache(settings.cache_dir, settings.cache_read) if settings.cache_dir else None
    everything: list[ClaimSpec] = []
    rerun_before = settings.executor.reruns()  # an executor may serve several runs
    try:
        loaded, results = _load_all(files, settings, store)  # the pattern's files: a premise may be unselected
        loaded.sort(key=lambda s: order.get(s.path, 0))
        everything = [s for s in loaded if not s.premise and matches_key(s.key, settings.pattern)]
        specs = everything
        if settings.shard is not None:
            keys = _run_order(files, everything, results)
            info = sharding.describe(keys, settings.costs, settings.shard)
            mine = sharding.select(keys, settings.costs, settings.shard)
            specs = [s for s in everything if s.key in mine]
            results = [r for r in results if r.key in mine]
        if settings.only is not None:  # and a selected file's module error: why its claims were not listed
            sources = {path for path, _ in settings.only}
            specs = [s for s in specs if (s.path, s.name) in settings.only]
            results = [r for r in results if (r.source, r.name) in settings.only or _module_of(r, sources)]
        on_plan(len(specs))
        for r in results:
            on_result(r)
        _run_claims(specs, settings, store, results, on_result)
        if settings.shard is not None or settings.only is not None or len(everything) < len(loaded):
            borrowed = _borrow_premises(results, loaded, settings, store)
    except KeyboardInterrupt:
        complete = False
    finally:
        settings.executor.release()
    rank = {(s.path, s.name): i for i, s in enumerate(specs)}
    results.sort(key=lambda r: (order.get(r.source, len(order)), rank.get((r.source, r.name), -1)))
    results = engine.resolve_corollaries(results + borrowed)[: len(results)]
    return RunReport(
        results,
        settings.engine.seed,
        settings.engine.samples,
        time.monotonic() - started,
        complete,
        __version__,
        list(argv or []),
        info,
        _retried(settings.executor, everything, rerun_before),
    )


def _mutate_claim(spec: ClaimSpec, settings: EngineSettings, limit: int) -> ClaimMutation:
    """Runs in a worker: mutate one claim family and classify its mutants."""
    return mutate.mutate_family(_family(spec, settings.verbose), settings, limit)


def _holding_specs(paths: list[str], settings: RunSettings) -> list[ClaimSpec]:
    """The claims expected to hold in these paths that match the pattern."""
    files = [str(p) for p in loader.discover(paths)]
    specs, _ = _load_all(files, settings, None)
    held = (s for s in specs if s.expect is Expect.HOLDS and not s.premise and matches_key(s.key, settings.pattern))
    return sorted(held, key=lambda s: files.index(s.path))


def _per_claim(
    specs: list[ClaimSpec],
    worker: Callable[..., T],
    extra: tuple[object, ...],
    timeout: float,
    settings: RunSettings,
    failed: Callable[[ClaimSpec, str], T],
    on_result: Callable[[T], None],
) -> list[T]:
    """worker(spec, settings.engine, *extra) for every claim in a worker process, in claim order."""
    out: list[tuple[int, T]] = []
    rank = {id(s): i for i, s in enumerate(specs)}

    def done(task: pool.Task, value: object) -> None:
        spec = task.args[0]
        result = failed(spec, value.message.splitlines()[0]) if isinstance(value, pool.Failure) else value
        out.append((rank[id(spec)], result))  # type: ignore[arg-type]
        on_result(result)  # type: ignore[arg-type]

    tasks = [_task(s, worker, settings.engine, *extra) for s in specs]
    share_imports(_expects_a_counterexample(specs))
    with contextlib.suppress(KeyboardInterrupt):
        settings.executor.run(tasks, settings.jobs, timeout, settings.memory_mb, done)
    return [result for _, result in sorted(out, key=lambda pair: pair[0])]


def mutate_paths(
    paths: list[str],
    settings: RunSettings,
    on_result: Callable[[ClaimMutation], None] = lambda r: None,
    limit: int = mutate.MAX_MUTANTS,
) -> list[ClaimMutation]:
    """Mutation-test every claim that is expected to hold."""

    def failed(spec: ClaimSpec, why: str) -> ClaimMutation:
        return ClaimMutation(spec.derivation, spec.name, None, error=why)

    try:
        specs = _holding_specs(paths, settings)
        return _per_claim(specs, _mutate_claim, (limit,), settings.timeout, settings, failed, on_result)
    finally:
        settings.executor.release()


def _alarm_claim(spec: ClaimSpec, settings: EngineSettings, seeds: int) -> alarms.AlarmStats:
    """Runs in a worker: every seed of one claim's numeric check."""
    return alarms.measure_family(_family(spec, settings.verbose), settings, seeds)


def measure_false_alarms(
    paths: list[str], settings: RunSettings, seeds: int, on_result: Callable[[alarms.AlarmStats], None] = lambda r: None
) -> list[alarms.AlarmStats]:
    """Run the numeric check of every claim that holds under seeds 0 … seeds − 1."""

    def failed(spec: ClaimSpec, why: str) -> alarms.AlarmStats:
        return alarms.AlarmStats(spec.derivation, spec.name, error=why)

    timeout = settings.timeout * max(1, seeds // 4)
    try:
        specs = _holding_specs(paths, settings)
        return _per_claim(specs, _alarm_claim, (seeds,), timeout, settings, failed, on_result)
    finally:
        settings.executor.release()
