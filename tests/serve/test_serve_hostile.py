"""verifier serve as an untrusted front door: hostile inputs each get a clear error, and the server keeps serving.

Each case is refused with a message that says what is wrong (and, where there is one, its line),
before any chain is verified. How long each took is printed (`-s`) and measured by
benchmarks/serve_load.py; it is not asserted here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest

from tests.fixtures.serve_inputs import CASES, TOUCHED, Hostile, doc
from tests.support import ROOT
from verifier.serve import client
from verifier.serve.client import Server

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serve_hostile")]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with client.started("--jobs", "2", "--timeout", "30", "--request-timeout", "60", cwd=str(ROOT)) as running:
        yield running


def errors_of(reply: client.Reply) -> list[dict[str, object]]:
    """The errors a reply gave: a refusal's, or those the reader reported in the stream."""
    if reply.body is not None:
        return list(reply.body.get("errors", [])) if isinstance(reply.body, dict) else []
    return [e for parsed in reply.named("parsed") for e in parsed["errors"]]


def test_there_are_at_least_twenty_hostile_cases() -> None:
    assert len(CASES) >= 20 and len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("hostile", CASES, ids=[c.name for c in CASES])
def test_a_hostile_input_gets_a_clear_error_and_nothing_is_verified(server: Server, hostile: Hostile) -> None:
    reply = client.post(server, "/check", hostile.body, client=hostile.name)
    print(f"{hostile.name}: HTTP {reply.status} in {reply.seconds:.3f} s")
    errors = errors_of(reply)
    assert errors, (reply.status, reply.body, reply.events)
    assert any(hostile.said in str(e["text"]) for e in errors), errors
    if hostile.line is not None:
        assert hostile.line in [e["line"] for e in errors if hostile.said in str(e["text"])], errors
    assert reply.named("step") == [] and reply.named("chain") == []
    assert reply.status in (200, 400, 413)
    assert not TOUCHED.exists()
    assert "root:x:0:0" not in json.dumps(reply.body) + json.dumps([d for _, _, d in reply.events])


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def test_markup_in_a_derivation_stays_text(server: Server) -> None:
    text = doc(r"x = x \quad \text{<img src=x onerror=alert(1)><script>alert(2)</script>}")
    reply = client.check(server, text)
    tags = Tags()
    for _, _, data in reply.events:
        for key in ("html", "errors_html"):
            tags.feed(str(data.get(key, "")))
    assert reply.named("chain") and reply.named("chain")[0]["status"] == "PROVED"
    assert tags.tags and not tags.tags & {"img", "script", "iframe", "a"}


def test_the_server_keeps_serving_after_every_hostile_input(server: Server) -> None:
    for hostile in CASES:
        client.post(server, "/check", hostile.body, client="again")
    reply = client.check(server, doc("(x + y)^2 = x^2 + 2 x y + y^2"))
    assert [c["status"] for c in reply.named("chain")] == ["PROVED"]
    assert server.process.poll() is None
    assert client.get(server, "/health")[1] == {"ready": True, "in_flight": 0}
