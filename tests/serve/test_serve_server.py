"""verifier serve over HTTP: step-by-step events, the command line's verdicts, isolation, 429, cancellation."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures import serve_inputs
from tests.support import ROOT
from verifier.serve import broker, client
from verifier.serve.client import Server

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serve_server")]

PLANTED = r"""# A planted slip

```verifier
x, y: real
```

% claim: square_of_sum
% expect: refuted
% planted: 3
$$ (x + y)^2 = (x + y)(x + y) $$
$$ = x^2 + 2 x y + y^2 \quad \text{expand} $$
$$ = x^2 + x y + y^2 \quad \text{collect (the slip)} $$
$$ = (x + y)^2 - x y $$
"""
PLANTED_LINE = 12  # the editor line of step 3


def steadily(name: str, symbol: str) -> str:
    """A true chain of its own name and symbol (for telling two pages' streams apart)."""
    return (
        f"```verifier\n{symbol}: real\n```\n\n% claim: {name}\n"
        f"$$ ({symbol} + 1)^2 = {symbol}^2 + 2 {symbol} + 1 $$\n$$ = {symbol} ({symbol} + 2) + 1 $$\n"
    )


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with client.started("--jobs", "2", "--queue", "8", "--per-client", "2", cwd=str(ROOT)) as running:
        yield running


def test_a_planted_slip_arrives_step_by_step_with_the_command_lines_verdict(server: Server, tmp_path: Path) -> None:
    reply = client.check(server, PLANTED, seed=3)
    assert reply.status == 200, reply.body
    kinds = [name for _, name, _ in reply.events]
    assert kinds.index("parsed") < kinds.index("step") and kinds[-1] == "done"
    steps = reply.named("step")
    assert [s["index"] for s in steps] == [1, 2, 3, 4]
    assert max(i for i, k in enumerate(kinds) if k == "step") < kinds.index("chain")  # every step before the end
    wrong = [s for s in steps if s["wrong"]]
    assert [(s["index"], s["line"]) for s in wrong] == [(3, PLANTED_LINE)]
    assert 'class="step REFUTED wrong"' in wrong[0]["html"] and "Counterexample" in wrong[0]["html"]
    (why,) = reply.named("diagnosis")  # after the wrong step's verdict, in its place: x y doubled, verified
    assert why["index"] == 3 and why["wrong"] and kinds.index("diagnosis") > kinds.index("step") + 2
    assert "Why (factor)" in why["html"] and "Did you mean" in why["html"]
    (chain,) = reply.named("chain")
    assert (chain["first_wrong_step"], chain["wrong_line"], chain["met"]) == (3, PLANTED_LINE, True)
    assert "End result on its own" in chain["html"]
    assert "verifier check derivation.md --seed 3" in chain["html"]
    assert client.page_verdicts(reply) == client.command_line_verdicts(PLANTED, 3, tmp_path)


def test_each_page_sees_only_its_own_derivation(server: Server) -> None:
    replies: dict[str, client.Reply] = {}

    def send(name: str, symbol: str) -> None:
        replies[name] = client.check(server, steadily(name, symbol), client=name)

    threads = [threading.Thread(target=send, args=pair) for pair in (("alpha_chain", "u"), ("beta_chain", "w"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    for mine, other, symbol in (("alpha_chain", "beta_chain", "w"), ("beta_chain", "alpha_chain", "u")):
        seen = json.dumps([data for _, _, data in replies[mine].events])
        assert mine in seen and other not in seen
        assert f"<mi>{symbol}</mi>" not in seen
        assert [c["status"] for c in replies[mine].named("chain")] == ["PROVED"]


def test_a_page_that_goes_away_stops_its_check(server: Server) -> None:
    pending = client.Pending(server, "/check", client.request_body(PLANTED), "leaving")
    pending.read(1)
    pending.close()
    deadline = time.monotonic() + 120  # a guard against a hang, not a measurement
    while client.get(server, "/health")[1]["in_flight"] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert client.get(server, "/health")[1]["in_flight"] == 0
    assert client.page_verdicts(client.check(server, steadily("after", "t")))["after"][0] == "PROVED"


def test_the_queue_and_each_page_are_bounded_and_overload_is_429() -> None:
    with client.started("--jobs", "1", "--queue", "2", "--per-client", "1", cwd=str(ROOT)) as small:
        first = client.Pending(small, "/check", client.request_body(PLANTED), "a", source="127.0.0.2")
        first.read(1)  # admitted: it stays in flight until its chain is verified
        again = client.check(small, PLANTED, client="another id, the same address", source="127.0.0.2")
        assert again.status == 429 and int(again.headers["retry-after"]) >= 1
        assert "this address already has 1 check in progress" in again.body["errors"][0]["text"]
        second = client.Pending(small, "/check", client.request_body(PLANTED), "b", source="127.0.0.3")
        second.read(1)
        third = client.check(small, PLANTED, client="c", source="127.0.0.4")
        assert third.status == 429 and int(third.headers["retry-after"]) >= 1
        assert "the server is busy (2 checks in progress)" in third.body["errors"][0]["text"]
        for pending in (first, second):
            done = pending.read()
            pending.close()
            assert done.named("chain")[0]["first_wrong_step"] == 3  # served in full despite the refusals
        assert client.check(small, PLANTED, source="127.0.0.4").named("chain")[0]["status"] == "REFUTED"


def dispatcher_of(server: Server) -> int:
    """The pid of the server's dispatcher: its spawned child (not multiprocessing's resource tracker)."""
    for child in Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children").read_text().split():
        command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
        if b"spawn_main" in command:
            return int(child)
    raise LookupError("no dispatcher")


def test_a_dispatcher_that_dies_ends_its_checks_with_a_message_and_is_replaced(server: Server) -> None:
    pending = client.Pending(server, "/check", client.request_body(PLANTED), "crash")
    pending.read(1)
    os.kill(dispatcher_of(server), signal.SIGKILL)
    reply = pending.read()
    pending.close()
    assert [f["message"] for f in reply.named("failed")] == [broker.LOST]
    assert [name for _, name, _ in reply.events][-1] == "done"
    assert client.page_verdicts(client.check(server, PLANTED))["square_of_sum"][2] == 3  # a new dispatcher serves


def test_a_chain_over_its_time_limit_is_stopped_and_said_so() -> None:
    with client.started("--jobs", "1", "--timeout", "0.2", cwd=str(ROOT)) as strict:
        slow = "```verifier\nx, y, z, w: real\n```\n" + serve_inputs.SLOW_CHAIN.replace("slow_N", "slow")
        reply = client.check(strict, slow)  # runs to any time limit
        (chain,) = reply.named("chain")
        assert chain["status"] == "UNKNOWN"
        assert "stopped by the time limit after 0.2 s" in chain["html"]
        assert client.get(strict, "/health")[1] == {"ready": True, "in_flight": 0}
