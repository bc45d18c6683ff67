"""verifier serve shared between addresses: one address cannot pass for many, hold every worker, or starve a student.

Each test attacks as the issue did: fresh client ids from one address, two checks of sixteen heavy
chains on a two-worker server, two addresses flooding at once. The honest student's check must be
admitted and start while the attack is still running: with one FIFO queue it would wait for every
heavy chain ahead of it (minutes). The chains are stopped at `--timeout` (UNKNOWN), which keeps
the attack's cost bounded; the bounds below are guards against that old behaviour, not timings.
"""

from __future__ import annotations

import http.client
import time
from collections.abc import Iterator

import pytest

from tests.fixtures.serve_inputs import HEAVY, doc
from tests.support import ROOT
from verifier.serve import client
from verifier.serve.client import Pending, Server

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serve_fairness")]
CHAIN_LIMIT = 3.0  # --timeout: one heavy chain stops after this (16 of them: 48 s of a worker per check)
HONEST = doc("(x + y)^2 = x^2 + 2 x y + y^2")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    options = ("--jobs", "2", "--timeout", str(CHAIN_LIMIT), "--per-client", "2", "--queue", "16")
    with client.started(*options, cwd=str(ROOT)) as running:
        yield running


@pytest.fixture(autouse=True)
def idle(server: Server) -> Iterator[None]:
    """Each test starts with nothing in flight (the last test's checks, cancelled, are gone)."""
    yield
    for _ in range(300):
        if client.get(server, "/health")[1]["in_flight"] == 0:
            return
        time.sleep(0.2)


def heavy(server: Server, source: str, name: str) -> Pending:
    """A check of 16 heavy chains from `source`, admitted and verifying (its first chain started)."""
    pending = Pending(server, "/check", client.request_body(HEAVY), name, source=source)
    assert pending.reply.status == 200, pending.reply.body
    return pending


def started(pending: Pending, within: int = 400) -> None:
    """Read until the check has its first chain's slot (a "started" progress) or has ended."""
    for _ in range(within):
        events = pending.read(1).events
        if not events or events[-1][1] == "done":
            return
        if events[-1][1] == "progress" and "step by step" in events[-1][2]["message"]:
            return


def honest_whole(server: Server, source: str) -> float:
    reply = client.check(server, HONEST, source=source)
    assert [c["status"] for c in reply.named("chain")] == ["PROVED"], reply.events
    whole = reply.first("chain")
    assert whole is not None
    return whole


def test_fresh_client_ids_from_one_address_are_one_client(server: Server) -> None:
    attack = [heavy(server, "127.0.0.2", "id-1"), heavy(server, "127.0.0.2", "id-2")]
    try:
        for i in range(3, 8):
            reply = client.check(server, HEAVY, client=f"id-{i}", source="127.0.0.2")
            assert reply.status == 429, reply.status
            assert "this address already has 2 checks in progress" in reply.body["errors"][0]["text"]
        assert client.check(server, HONEST, client="id-1", source="127.0.0.3").status == 200  # another address
    finally:
        for pending in attack:
            pending.close()


def test_two_heavy_checks_from_one_page_leave_a_worker_for_a_student(server: Server) -> None:
    attack = [heavy(server, "127.0.0.4", "heavy-a"), heavy(server, "127.0.0.4", "heavy-b")]
    try:
        for pending in attack:
            started(pending, within=3)  # both read; at most one may hold a worker
        whole = honest_whole(server, "127.0.0.5")
        assert whole < 4 * CHAIN_LIMIT, whole  # not after 2 × 16 chains × CHAIN_LIMIT
        waiting = [e for p in attack for e in p.reply.named("progress") if "waiting for a free worker" in e["message"]]
        assert waiting, "the second heavy check should have waited for its turn"
    finally:
        for pending in attack:
            pending.close()


def test_a_student_takes_the_next_turn_while_two_addresses_flood(server: Server) -> None:
    attack = [heavy(server, f"127.0.0.{i}", f"flood-{i}") for i in (11, 11, 12, 12)]
    try:
        for pending in attack:
            started(pending, within=3)
        whole = honest_whole(server, "127.0.0.13")
        assert whole < 4 * CHAIN_LIMIT, whole  # one chain's wait at most, then its turn: not behind 64 chains
    finally:
        for pending in attack:
            pending.close()


def test_a_header_names_the_client_only_when_the_operator_says_a_proxy_sets_it() -> None:
    with client.started("--jobs", "1", "--per-client", "1", cwd=str(ROOT)) as direct:
        held, status = send(direct, HEAVY, {"X-Forwarded-For": "198.51.100.1"}, "127.0.0.20")
        try:
            assert status == 200
            again, status = send(direct, HONEST, {"X-Forwarded-For": "198.51.100.2"}, "127.0.0.20")
            again.close()
            assert status == 429  # the header is not believed: the same address
        finally:
            held.close()
    options = ("--jobs", "1", "--per-client", "1", "--forwarded-header", "X-Forwarded-For")
    with client.started(*options, cwd=str(ROOT)) as proxied:
        held, status = send(proxied, HEAVY, {"X-Forwarded-For": "198.51.100.1"}, "127.0.0.1")
        try:
            assert status == 200
            for forwarded, expected in (("198.51.100.1", 429), ("203.0.113.5, 198.51.100.1", 429),
                                        ("198.51.100.2", 200)):  # fmt: skip
                other, status = send(proxied, HONEST, {"X-Forwarded-For": forwarded}, "127.0.0.1")
                other.close()
                assert status == expected, forwarded
        finally:
            held.close()


def send(server: Server, text: str, headers: dict[str, str], source: str) -> tuple[http.client.HTTPConnection, int]:
    """A check sent with extra headers; its connection (open: a stream stays in flight until it is closed)."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=60, source_address=(source, 0))
    conn.request("POST", "/check", body=client.request_body(text), headers={"Content-Type": "application/json",
                 **headers})  # fmt: skip
    return conn, conn.getresponse().status
