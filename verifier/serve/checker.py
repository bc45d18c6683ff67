"""What a request's worker does: read the derivation, report it, then verify it chain by chain, each in its turn.

It runs in a process the dispatcher forked for the request, under the pool's hard time and
memory limits, and does what `verifier check FILE` does with the file: the process that reads
the text (here, this one) hands its chains to a session (`verifier.run.session`, as every door
does), whose executor here is the page's turns (`Turns`): one worker per chain, forked when the
dispatcher says go and paused while another address has the slot; each worker runs the session's
`verify_source`, which runs `verify_family`, the engine's own entry point, with the same settings
as the command line with `--no-cache`. The only addition is the session's step listener
(`StepRelay`), which sends each step on as soon as the engine decides it. The first wrong step
is told twice: at its verdict, then with its diagnosis (why, verified; a `diagnosis` event), which
the page shows in the same place; the diagnosis never delays the verdict, and its safety net here
is a sixth of the chain's time limit (at most 10 s). A chain whose worker produced no result gets
the session's failure result. So a verdict here is the command line's verdict for the same text,
file name and seed.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import socket
import time
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any, cast

from verifier import engine
from verifier.engine import EngineSettings
from verifier.frontends import latex
from verifier.language.families import ClaimFamily
from verifier.language.stepwise import Chain
from verifier.outcome import ClaimResult, StepResult
from verifier.run import pool, session
from verifier.run.executor import OnDone
from verifier.serve import channel, limits
from verifier.serve.channel import GO, PAUSE, RESTART
from verifier.serve.limits import CheckRequest
from verifier.serve.settings import ServeSettings


def engine_settings(request: CheckRequest, settings: ServeSettings) -> EngineSettings:
    """The command line's settings for `verifier check FILE --seed S --no-cache` (and the server's samples, budget)."""
    return EngineSettings(seed=request.seed, samples=settings.samples, budget=settings.budget, cache_dir=None,
                          diagnose_seconds=min(10.0, settings.timeout / 6))  # fmt: skip


def read(request: CheckRequest) -> tuple[list[ClaimFamily], list[tuple[str, str]]]:
    """The chains of the text through the reader's public entry point, and (name, one-line error) for each problem.

    As `verifier check` reports a file: a name used twice is an error and neither chain is checked."""
    path = request.path
    try:
        families, errors = latex.parse_chains(request.text, path, request.name)
    except RecursionError:
        return [], [("<derivation>", f"{path}: nested too deeply for the reader; write it flatter")]
    except Exception as err:  # the reader met something it does not report itself
        return [], [("<derivation>", f"{path}: the reader could not read this ({type(err).__name__}: {err})"[:400])]
    names = [f.name for f in families]
    twice = sorted({n for n in names if names.count(n) > 1})
    errors += [(name, f"{path}: two claims are named {name!r}; rename one") for name in twice]
    if not families and not errors:
        errors.append(("<derivation>", f"{path}: no claims found; write $$…$$ chains"))
    return [f for f in families if f.name not in twice], errors


def outline(family: ClaimFamily) -> dict[str, Any]:
    """A chain as the page lays it out before any verdict: its lines as written, and what it expects."""
    lines: list[str] = []
    relations: list[str] = []
    n = engine.display_n(family)
    try:  # the chain the reader built (no lowering, no sympy: the chain's worker starts as on the command line)
        chain = family.builder() if n is None else family.builder(n)
    except Exception:
        chain = None
    if isinstance(chain, Chain):
        lines = [chain.start_written] + [s.written for s in chain.steps]
        relations = [s.relation for s in chain.steps]
    return {
        "name": family.name,
        "expect": family.expect.value,
        "planted": family.planted,
        "notes": family.notes,
        "lines": lines,
        "relations": relations,
    }


def summary(result: ClaimResult) -> dict[str, Any]:
    """What the page shows of a chain's result (the full JSON holds evidence the page does not use)."""
    return {
        "name": result.name,
        "status": result.status.value,
        "verdict": result.verdict,
        "reason": result.reason,
        "expect": result.expect,
        "met": result.met,
        "first_wrong_step": result.first_wrong_step,
        "planted_step": result.planted_step,
        "end_result": result.end_result,
        "counterexample": result.counterexample.to_json() if result.counterexample else None,
        "steps": [step.to_json() for step in result.steps],
        "seconds": round(result.seconds, 3),
        "time_limited": result.time_limited,
        "internal_error": result.internal_error,
        "inconsistency": result.inconsistency,
    }


@dataclass(frozen=True)
class PageChain:
    """A chain of the request's text (a `verifier.run.session.ClaimSource`): read in the request's worker,
    verified in a fork of it, and shown as the index-th chain of the page."""

    claim: ClaimFamily
    path: str
    index: int
    group: None = None

    @property
    def key(self) -> str:
        return self.claim.name  # unique: a name used twice is an error, and neither chain is verified

    def family(self) -> tuple[ClaimFamily, str]:
        return self.claim, self.path

    def finish(self, family: ClaimFamily, result: ClaimResult) -> ClaimResult:
        return result

    def failed(self, failure: pool.Failure, seconds: float) -> ClaimResult:
        """The session's failure result (as `verifier check`), with what the page shows of the chain."""
        c, where = self.claim, f"{self.path}::{self.claim.name}: "
        return session.failure_result(failure, self.path, c.derivation, c.name, where, expect=c.expect,
                                      planted_step=c.planted)  # fmt: skip


@dataclass
class StepRelay:
    """The session's step listener, in a chain's worker: each step sent on as soon as it is decided (a step
    told again carries its diagnosis: sent as a `diagnosis` event)."""

    sock: socket.socket
    told: set[tuple[int, int]] = field(default_factory=set)  # (chain, step) sent; empty in each chain's fork

    def __call__(self, source: session.ClaimSource, step: StepResult) -> None:
        index = cast(PageChain, source).index
        kind = "diagnosis" if (index, step.index) in self.told else "step"
        self.told.add((index, step.index))
        channel.send(self.sock, {"kind": kind, "chain": index, "step": step.to_json()})


@dataclass
class Turns:
    """The page's executor (`verifier.run.executor.Executor`): a request's chains one at a time, each when the
    dispatcher says go, in a worker of its own that is paused while another address has the slot (`run_chain`).
    `ended` says how far it got: "verified", or "not started" / "not finished" when the dispatcher went away."""

    sock: socket.socket
    ended: str = "verified"

    def run(self, tasks: list[pool.Task], jobs: int, timeout: float, memory_mb: int, on_done: OnDone) -> None:
        for task in tasks:  # one turn per chain: the dispatcher shares the slots chain by chain
            value: Any = RESTART
            while value is RESTART:  # a chain ended for a restart runs again from its start (the same verdict)
                if not next_go(self.sock):
                    self.ended = "not started"
                    return
                value = run_chain(task, timeout, memory_mb, self.sock)
            if value is None:
                self.ended = "not finished"
                return
            on_done(task, value)

    def reruns(self) -> dict[str, int]:
        return {}  # a chain restarted for a turn is not a task run again after its worker was lost

    def release(self) -> None:
        pass


def run_request(request: CheckRequest, settings: ServeSettings, sock: socket.socket) -> str:
    """Runs in the request's worker: read, report, then verify the chains through a session whose executor waits
    for the dispatcher's go for each (`Turns`)."""
    started = time.monotonic()
    families, errors = read(request)
    outlines = [outline(f) for f in families]
    problems = limits.check_parsed([(o["name"], max(0, len(o["lines"]) - 1)) for o in outlines], settings.bounds)
    errors += [("<limits>", f"{request.path}: {p}") for p in problems]
    parsed = {"kind": "parsed", "chains": outlines, "errors": [{"name": n, "message": m} for n, m in errors]}
    verify = bool(families) and not problems
    channel.send(sock, {**parsed, "seconds": round(time.monotonic() - started, 3), "verify": verify})
    if not verify:
        return "read"

    def done(source: session.ClaimSource, result: ClaimResult, failure: pool.Failure | None) -> None:
        channel.send(sock, {"kind": "chain", "chain": cast(PageChain, source).index, "result": summary(result)})

    turns = Turns(sock)
    chains = [PageChain(family, request.path, i) for i, family in enumerate(families)]
    options = engine_settings(request, settings)
    session.Session(options, turns, 1, settings.timeout, settings.memory_mb, StepRelay(sock)).verify(chains, done)
    return turns.ended


def next_go(sock: socket.socket) -> bool:
    """Wait for the dispatcher's GO (a PAUSE or RESTART for a chain that ended meanwhile is stale: skipped)."""
    while True:
        message = channel.receive(sock)
        if message not in (PAUSE, RESTART):
            return message == GO


def signal_chain(running: pool.Running, sig: signal.Signals) -> None:
    with contextlib.suppress(OSError):
        os.kill(running.process.pid, sig)


def run_chain(task: pool.Task, timeout: float, memory_mb: int, sock: socket.socket) -> Any:
    """Verify one chain in a worker of its own, paused while the dispatcher gives its slot to another address.

    The value, or a pool.Failure (its time limit, a crash); None if the dispatcher is gone; RESTART if the
    dispatcher ended it to be run again. The limit `timeout` counts only the time the chain ran: a
    pause stops its clock with the process (the work inside is counted in heartbeats, never seconds, so a
    pause changes no verdict; nor does a restart: the chain starts again from the same state)."""
    running = pool.start(task, memory_mb, timeout)
    channel.send(sock, {"kind": "chain worker", "pid": running.process.pid})  # the dispatcher counts its CPU time
    left, began, paused = timeout, time.monotonic(), False
    try:
        while True:
            ready = wait([running.conn, sock], None if paused else max(0.0, running.deadline - time.monotonic()))
            if sock in ready:
                message = channel.receive(sock)
                if message is None or message == RESTART:  # the dispatcher is gone, or takes the chain's place
                    pool.kill(running)
                    return None if message is None else RESTART
                if message == PAUSE and not paused:
                    signal_chain(running, signal.SIGSTOP)
                    left, running.deadline, paused = left - (time.monotonic() - began), math.inf, True
                elif message == GO and paused:
                    began, paused = time.monotonic(), False
                    running.deadline = began + left
                    signal_chain(running, signal.SIGCONT)
            if paused and running.conn in ready:  # it ended as it was paused: let it exit
                signal_chain(running, signal.SIGCONT)
            outcome = pool.collect(running, running.conn in ready, timeout)
            if outcome is not None:
                return outcome
    except BaseException:
        pool.kill(running)
        raise
