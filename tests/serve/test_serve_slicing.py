"""verifier serve shares its verifying workers by time: a chain that has run its slice while another address
waits is paused (SIGSTOP) until its next turn, or, with no room to pause it, verified again from its start.

Attacked as the issue's flood did, from several addresses at once: chains that run to their time limit hold
both workers, and an honest check from a third address must still be answered while they run (with turns only
between chains it waited for a whole attacking chain, 60 s). A chain that was paused or restarted must get the
command line's verdict, and a pause must not count against its time limit. The bounds are guards against the
old behaviour (a wait for a chain's whole time limit), far from the times measured, not timings.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from tests.support import ROOT
from verifier.run import pool
from verifier.serve import channel, client
from verifier.serve.channel import GO, PAUSE, RESTART
from verifier.serve.checker import run_chain
from verifier.serve.client import Pending, Reply, Server
from verifier.serve.fair import victim
from verifier.serve.settings import ServeSettings

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serve_slicing")]
CHAIN_LIMIT = 40.0  # --timeout: an attacking chain holds a worker this long with turns between chains only
SLOW = r"""
% claim: slow_N
$$ \sin(x + y + z + w)^{64} = \left( \sin(x) \cos(y + z + w) + \cos(x) \sin(y + z + w) \right)^{64} $$
"""
FLOOD = "```verifier\nx, y, z, w: real\n```\n" + "".join(SLOW.replace("slow_N", f"slow_{i}") for i in range(16))
"""16 chains quick to read and slow to verify: each runs to its time limit."""
MID = r"""```verifier
x, y, z: real
```

% claim: expanded
$$ \sin(x + y + z)^{16} = \left( \sin(x) \cos(y + z) + \cos(x) \sin(y + z) \right)^{16} $$

% claim: slipped
$$ \cos(x + y)^{6} = \left( \cos(x) \cos(y) + \sin(x) \sin(y) \right)^{6} $$
"""
"""Two chains: one PROVED that runs longer than a first turn (2 s of CPU, the first turn 1 s), one with a slip."""
HONEST = "```verifier\nx, y: real\n```\n\n$$ (x + y)^2 = x^2 + 2 x y + y^2 $$\n"


def server_with(*options: str) -> AbstractContextManager[Server]:
    return client.started("--jobs", "2", "--timeout", str(CHAIN_LIMIT), *options, cwd=str(ROOT))


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with server_with() as running:
        yield running


def flood(server: Server, sources: list[str]) -> list[Pending]:
    """A check of FLOOD from each source, admitted, and read until its first chain has a worker."""
    attack = [Pending(server, "/check", client.request_body(FLOOD), "flood", source=s) for s in sources]
    for pending in attack:
        assert pending.reply.status == 200, pending.reply.body
    for pending in attack[:2]:
        for _ in range(50):
            events = pending.read(1).events
            if not events or events[-1][1] == "done" or "step by step" in str(events[-1][2]):
                break
    return attack


def progress(reply: Reply) -> list[str]:
    return [str(e["message"]) for e in reply.named("progress")]


def drain(attack: list[Pending], quiet: float = 2.0) -> list[str]:
    """The progress messages each attacking check has had, read until it has been quiet for `quiet` seconds."""
    for pending in attack:
        if pending.conn.sock is not None:
            pending.conn.sock.settimeout(quiet)
        with contextlib.suppress(OSError):
            pending.read(200)
    return [m for p in attack for m in progress(p.reply)]


def finish(attack: list[Pending], server: Server) -> None:
    for pending in attack:
        pending.close()
    for _ in range(300):  # until the cancelled checks are gone
        if client.get(server, "/health")[1]["in_flight"] == 0:
            return
        time.sleep(0.2)


def test_an_honest_check_is_answered_while_two_addresses_hold_both_workers(server: Server) -> None:
    attack = flood(server, ["127.0.1.1", "127.0.1.2", "127.0.1.1", "127.0.1.2"])
    try:
        sent = time.monotonic()
        reply = client.check(server, HONEST, source="127.0.1.3")
        assert [c["status"] for c in reply.named("chain")] == ["PROVED"], reply.events
        assert time.monotonic() - sent < CHAIN_LIMIT / 2  # not after an attacking chain's whole time limit
        said = drain(attack[:2])
        assert any("paused while another address takes its turn" in m for m in said), said
    finally:
        finish(attack, server)


def test_a_paused_chain_gets_the_command_lines_verdict(server: Server, tmp_path: Path) -> None:
    attack = flood(server, ["127.0.1.4", "127.0.1.5"])
    try:
        reply = client.check(server, MID, seed=3, source="127.0.1.6")
    finally:
        finish(attack, server)
    assert any("paused while another address takes its turn" in m for m in progress(reply)), reply.events
    assert client.page_verdicts(reply) == client.command_line_verdicts(MID, 3, tmp_path)
    assert [c["status"] for c in reply.named("chain")] == ["PROVED", "REFUTED"]


def test_with_no_room_to_pause_a_chain_is_verified_again_with_the_same_verdict(tmp_path: Path) -> None:
    # two flooding addresses and the check's own: three clients for two workers and one chain paused at most, so
    # the check's long chain (past its first turn) is set aside while the flooding chains are restarted in turn
    with server_with("--max-paused", "1") as running:
        attack = flood(running, ["127.0.1.7", "127.0.1.8"])
        try:
            reply = client.check(running, MID, seed=5, source="127.0.1.10")
        finally:
            finish(attack, running)
    said = progress(reply)
    assert any("verified again from its start" in m for m in said), said  # this check's own chain, restarted
    steps = [(e["chain"], e["index"]) for e in reply.named("step")]
    assert len(steps) == len(set(steps)) == 2, steps  # a chain run again does not send its steps twice
    assert client.page_verdicts(reply) == client.command_line_verdicts(MID, 5, tmp_path)


def busy(cpu_seconds: float) -> float:
    """Work for `cpu_seconds` of the process's own time (a stopped process does not advance it)."""
    start = time.process_time()
    while time.process_time() - start < cpu_seconds:
        pass
    return cpu_seconds


def at(seconds: float, messages: list[tuple[dict[str, str], float]], sock: socket.socket) -> None:
    """Send each message to the chain's request worker end after the delay before it (a timer, no thread)."""

    def fire(signum: int, frame: FrameType | None) -> None:
        message, after = messages.pop(0)
        channel.send(sock, message)
        if messages:
            signal.setitimer(signal.ITIMER_REAL, after)

    signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def timed_run(task: pool.Task, limit: float, messages: list[tuple[dict[str, str], float]]) -> tuple[Any, float]:
    ours, theirs = channel.pair()
    previous = signal.getsignal(signal.SIGALRM)
    try:
        at(0.3, messages, ours)
        sent = time.monotonic()
        value = run_chain(task, limit, ServeSettings().memory_mb, theirs)
        return value, time.monotonic() - sent
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        ours.close()
        theirs.close()


def test_a_pause_does_not_count_against_the_chains_time_limit() -> None:
    value, seconds = timed_run(pool.Task("busy", busy, (0.3,)), 6.0, [(PAUSE, 7.0), (GO, 0.0)])
    assert value == 0.3  # its 0.3 s of work, after 7 s paused: past the 6-s limit by the clock, not by its running
    assert seconds >= 7.0


def test_a_chain_that_runs_too_long_still_stops_at_its_limit_of_running_time() -> None:
    value, seconds = timed_run(pool.Task("busy", busy, (1000.0,)), 1.5, [(PAUSE, 2.0), (GO, 0.0)])
    assert isinstance(value, pool.Failure) and value.kind == "timeout", value
    assert seconds >= 1.5 + 2.0  # 1.5 s of running, and the pause on top


def test_a_restart_ends_the_chains_worker_at_once() -> None:
    value, seconds = timed_run(pool.Task("busy", busy, (1000.0,)), 30.0, [(RESTART, 0.0)])
    assert value is RESTART
    assert seconds < 30.0


def test_the_chain_set_aside_is_the_one_restarted_least_then_the_one_that_ran_least() -> None:
    chains = {"a": (0, 5.0), "b": (0, 1.0), "c": (1, 0.5)}
    assert victim(list(chains), lambda c: chains[c][0], lambda c: chains[c][1]) == "b"
    chains["b"] = (2, 1.0)
    assert victim(list(chains), lambda c: chains[c][0], lambda c: chains[c][1]) == "a"
