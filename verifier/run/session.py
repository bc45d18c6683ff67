"""One session for every door: claim sources, settings and an executor in, results out.

The command line's runner, grading, the page's checker, `verifier.api` and the pytest plugin each hand
claims to the engine, and each does it the same way: it builds a `Session` and calls `Session.verify` with
its sources and a listener for the results. What they share is here, once:

- a **claim source** (`ClaimSource`) names one claim and, in the process that verifies it, yields its family:
  a derivation module's claim held by its host (the runner), a submission's claim decoded from the sandbox's
  data (grading), a chain the page's request worker read, a family already in this process (`verifier.api`);
- `verify_source` is what a worker (or this process) does with one: the engine's `verify_family`, with the
  session's listener for each step, and the source's own last word on the result (grading's sizes);
- `failure_result` is the one way a claim whose worker produced no result becomes a result: UNKNOWN at the
  time limit (never cached), ERROR otherwise, with the failure's first line as the reason; `Session.verify`
  is the one place that calls it, through the source's `failed`;
- `Session.verify` is the one loop: it makes each source's task and hands them to the door's executor
  (`verifier.run.executor.Executor`: each task under the hard time and memory limits), or verifies them in
  this process when there is none.

The executor is how a door schedules, and the only thing that differs between doors: the local fork pool or
a cluster (the runner, grading on a cluster); grading's verifying lane on the local pool, which queues a
student's claims on the pipeline that is already reading the next students and returns at once (their
results come through `on_result` as they end; `verifier.grading.pipeline`); the page's turns, which run a
request's chains one at a time when the dispatcher says go, a chain paused while another address has its
slot (`verifier.serve.checker.Turns`). The runner keeps what only a run of files has (the plan, the cache,
shards, premises, the report).
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import mpmath

from verifier import engine
from verifier.engine import EngineSettings
from verifier.language.families import ClaimFamily
from verifier.load import loader
from verifier.outcome import ClaimResult, Status, StepResult
from verifier.run import pool
from verifier.run.executor import Executor
from verifier.strategies import memory

DEFAULT_PRECISION = 53  # bits: mpmath's own default, as a fresh process has it
# as each claim ends: its source, its result, and the failure the result stands for (None for a verdict)
OnResult = Callable[["ClaimSource", ClaimResult, pool.Failure | None], None]
# as each step of a claim is decided, where the claim is verified (a worker): its source and the step
OnStep = Callable[["ClaimSource", StepResult], None]


class ClaimSource(Protocol):
    """One claim, as a door knows it before it is verified (it must pickle, to reach a worker)."""

    @property
    def key(self) -> str:
        """Unique among a session's sources: the task's key."""
        ...

    def family(self) -> tuple[ClaimFamily, str]:
        """In the process that verifies it: the claim's family, and the file it is reported under."""
        ...

    def finish(self, family: ClaimFamily, result: ClaimResult) -> ClaimResult:
        """The source's last word on the engine's result for its family (the identity for most)."""
        ...

    def failed(self, failure: pool.Failure, seconds: float) -> ClaimResult:
        """The result when the worker produced none: `failure_result` with what the source knows."""
        ...

    @property
    def group(self) -> pool.Group | None:
        """What the worker needs set up first (its module loaded), shared with the source's siblings."""
        ...


@dataclass(frozen=True)
class InProcess:
    """A family already built in this process (`verifier.api`, a notebook): nothing to load."""

    claim: ClaimFamily
    path: str = ""
    group: pool.Group | None = None

    @property
    def key(self) -> str:
        return f"{self.path}::{self.claim.name}"

    def family(self) -> tuple[ClaimFamily, str]:
        return self.claim, self.path

    def finish(self, family: ClaimFamily, result: ClaimResult) -> ClaimResult:
        return result

    def failed(self, failure: pool.Failure, seconds: float) -> ClaimResult:
        where = f"{self.path}::{self.claim.name}: "
        return failure_result(failure, self.path, self.claim.derivation, self.claim.name, where, seconds)


def failure_result(
    failure: pool.Failure,
    source: str,
    derivation: str,
    name: str,
    where: str,
    seconds: float = 0.0,
    verbose: bool = False,
    **known: Any,
) -> ClaimResult:
    """A claim whose worker produced no result: UNKNOWN if a time limit stopped it (it depends on the machine:
    never cached), else ERROR (the worker died, or raised); the reason is `where` and the failure's first line,
    the detail its whole message when verbose. `known`: what the door knows of the claim (its statement, …)."""
    timed_out = failure.kind is pool.FailureKind.TIMEOUT
    status = Status.UNKNOWN if timed_out else Status.ERROR
    result = ClaimResult.failed(source, derivation, name, where + failure.message.splitlines()[0], status)
    detail = failure.message if verbose else result.detail
    return dataclasses.replace(result, time_limited=timed_out, seconds=seconds, detail=detail, **known)


def verify_source(
    source: ClaimSource,
    settings: EngineSettings,
    on_step: Callable[[StepResult], None] | None = None,
    time_limit: float | None = None,
) -> ClaimResult:
    """Runs where the claim is verified (a worker, or this process): the engine's verdict on the source's claim,
    each step told to on_step as it is decided, with the CPU time it took. time_limit: the hard limit the process
    runs under; a diagnosis after the verdict stops at nine tenths of it (a refutation found near the limit lost its
    verdict to the diagnosis's own 30 s safety net)."""
    cpu = time.process_time()
    if time_limit is not None:
        settings = dataclasses.replace(settings, diagnose_until=time.monotonic() + 0.9 * time_limit)
    memory.take()  # what an earlier claim in this process ran into is not this one's
    family, path = source.family()
    # a builder that draws random numbers builds the same claim in every run; mpmath at its default precision, as
    # in a fresh process, whatever the host set for good (a notebook's mp.dps = 50, a test's)
    with loader.seeded_randomness(), mpmath.workprec(DEFAULT_PRECISION):
        result = source.finish(family, engine.verify_family(family, settings, source=path, on_step=on_step))
    limited = result.memory_limited or memory.take()  # a MemoryError caught and answered: never cached
    return dataclasses.replace(result, cpu_seconds=round(time.process_time() - cpu, 3), memory_limited=limited)


@dataclass
class Session:
    """Verify claim sources with one set of settings: in workers through `executor` (each under `timeout` and
    `memory_mb`, `jobs` at a time), or in this process when executor is None (no hard limits); `on_step` is told
    each step of each claim as it is decided, in the process that verifies it."""

    settings: EngineSettings
    executor: Executor | None = None
    jobs: int = 1
    timeout: float = 180.0
    memory_mb: int = 4096
    on_step: OnStep | None = None

    def verify(
        self, sources: Sequence[ClaimSource], on_result: OnResult = lambda source, result, failure: None
    ) -> list[ClaimResult]:
        """Every source's result, in the sources' order (those that ended: all, unless interrupted or the executor
        only queued them on a run already going); on_result as each ends, a failure as its source's result."""
        if self.executor is None:
            return [self._here(source, on_result) for source in sources]
        out: dict[str, ClaimResult] = {}
        by_key = {s.key: s for s in sources}
        started = time.monotonic()

        def finished(task: pool.Task, value: Any) -> None:
            failure = value if isinstance(value, pool.Failure) else None
            if failure is not None:
                value = by_key[task.key].failed(failure, time.monotonic() - started)
            out[task.key] = value
            on_result(by_key[task.key], value, failure)

        args = [(s, self.settings, self._listener(s), self.timeout) for s in sources]
        tasks = [pool.Task(s.key, verify_source, a, s.group) for s, a in zip(sources, args, strict=True)]
        self.executor.run(tasks, self.jobs, self.timeout, self.memory_mb, finished)  # keys: unique
        return [out[s.key] for s in sources if s.key in out]

    def _listener(self, source: ClaimSource) -> Callable[[StepResult], None] | None:
        return None if self.on_step is None else functools.partial(self.on_step, source)

    def _here(self, source: ClaimSource, on_result: OnResult) -> ClaimResult:
        result = verify_source(source, self.settings, self._listener(source))
        on_result(source, result, None)
        return result
