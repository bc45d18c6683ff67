"""What a request's worker does: read the derivation, report it, then verify it chain by chain, each in its turn.

It runs in a process the dispatcher forked for the request, under the pool's hard time and
memory limits, and does what `verifier check FILE` does with the file: the process that reads
the text (here, this one) forks one worker per chain, and each worker runs `verify_family`,
the engine's own entry point, with the same settings as the command line with `--no-cache`.
The only addition is the listener the engine tells each step's result as it is decided; it
sends the step on at once. The first wrong step is told twice: at its verdict, then with its
diagnosis (why, verified; a `diagnosis` event), which the page shows in the same place; the diagnosis never delays the
verdict, and its safety net here is a sixth of the chain's time limit (at most 10 s). So a verdict
here is the command line's verdict for the same text, file name and seed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
import signal
import socket
import time
from multiprocessing.connection import wait
from typing import Any

from verifier import engine
from verifier.engine import EngineSettings
from verifier.frontends import latex
from verifier.language.families import ClaimFamily
from verifier.language.stepwise import Chain
from verifier.outcome import ClaimResult, StepResult
from verifier.run import pool, session
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


def verify_chain(family: ClaimFamily, settings: EngineSettings, source: str, sock: socket.socket, index: int) -> Any:
    """Runs in a chain's worker: the engine's verdict, each step sent on as soon as it is decided."""

    told: set[int] = set()

    def decided(step: StepResult) -> None:  # a step told again carries its diagnosis: sent as one
        kind = "diagnosis" if step.index in told else "step"
        told.add(step.index)
        channel.send(sock, {"kind": kind, "chain": index, "step": step.to_json()})

    return session.verify_source(session.InProcess(family, source), settings, on_step=decided)


def failed_chain(family: ClaimFamily, source: str, failure: pool.Failure) -> dict[str, Any]:
    """A chain whose worker produced no result: the session's failure result (as `verifier check`), summarised."""
    where = f"{source}::{family.name}: "
    result = session.failure_result(failure, source, family.derivation, family.name, where)
    return summary(dataclasses.replace(result, expect=family.expect, planted_step=family.planted))


def run_request(request: CheckRequest, settings: ServeSettings, sock: socket.socket) -> str:
    """Runs in the request's worker: read, report, then for each chain wait for the dispatcher's go and verify it."""
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
    options = engine_settings(request, settings)

    def done(task: pool.Task, value: Any) -> None:
        family, index = task.args[0], task.args[4]
        shown = failed_chain(family, request.path, value) if isinstance(value, pool.Failure) else summary(value)
        channel.send(sock, {"kind": "chain", "chain": index, "result": shown})

    for i, family in enumerate(families):  # one turn per chain: the dispatcher shares the slots chain by chain
        task = pool.Task(family.name, verify_chain, (family, options, request.path, sock, i))
        value: Any = RESTART
        while value is RESTART:  # a chain ended for a restart runs again from its start (the same verdict)
            if not next_go(sock):
                return "not started"
            value = run_chain(task, settings, sock)
        if value is None:
            return "not finished"
        done(task, value)
    return "verified"


def next_go(sock: socket.socket) -> bool:
    """Wait for the dispatcher's GO (a PAUSE or RESTART for a chain that ended meanwhile is stale: skipped)."""
    while True:
        message = channel.receive(sock)
        if message not in (PAUSE, RESTART):
            return message == GO


def signal_chain(running: pool.Running, sig: signal.Signals) -> None:
    with contextlib.suppress(OSError):
        os.kill(running.process.pid, sig)


def run_chain(task: pool.Task, settings: ServeSettings, sock: socket.socket) -> Any:
    """Verify one chain in a worker of its own, paused while the dispatcher gives its slot to another address.

    The value, or a pool.Failure (its time limit, a crash); None if the dispatcher is gone; RESTART if the
    dispatcher ended it to be run again. The limit `settings.timeout` counts only the time the chain ran: a
    pause stops its clock with the process (the work inside is counted in heartbeats, never seconds, so a
    pause changes no verdict; nor does a restart: the chain starts again from the same state)."""
    running = pool.start(task, settings.memory_mb, settings.timeout)
    channel.send(sock, {"kind": "chain worker", "pid": running.process.pid})  # the dispatcher counts its CPU time
    left, began, paused = settings.timeout, time.monotonic(), False
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
            outcome = pool.collect(running, running.conn in ready, settings.timeout)
            if outcome is not None:
                return outcome
    except BaseException:
        pool.kill(running)
        raise
