"""verifier serve as an untrusted front door: hostile inputs each get a clear error, and the server keeps serving.

Each case is refused with a message that says what is wrong (and, where there is one, its line),
before any chain is verified. How long each took is printed (`-s`) and measured by
benchmarks/serve_load.py; it is not asserted here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import ROOT
from verifier.serve import client
from verifier.serve.client import Server

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serve_hostile")]

HEAD = "```verifier\nx, y: real\n```\n\n"


def doc(math: str, head: str = HEAD) -> str:
    return f"{head}$$ {math} $$\n"


@dataclass(frozen=True)
class Hostile:
    name: str
    body: bytes
    said: str  # in the error's text
    line: int | None = None  # the line the error is put on, when it has one


def case(title: str, text: str, said: str, line: int | None = None, **fields: object) -> Hostile:
    return Hostile(title, json.dumps({"text": text, "seed": 0, **fields}).encode(), said, line)


TOUCHED = Path("/tmp/verifier-serve-hostile-was-here")
CASES = [
    case("a 1 MB paste", "x" * 1_048_576, "this page checks at most 16,384 bytes"),
    case("deep braces", doc("{" * 200 + "x" + "}" * 200 + " = x"), "brackets nest deeper than 24 levels", 5),
    case("deep parentheses", doc("(" * 500 + "x" + ")" * 500 + " = x"), "brackets nest deeper than 24 levels", 5),
    case("10^{10^{10}}", doc(r"10^{10^{10}} = x"), "a power of a power of numbers", 5),
    case("a huge exponent", doc(r"(x + y)^{100000} = x"), "the exponent 100000 is larger than this page allows", 5),
    case("a huge declared size", doc("x = x", "```verifier\nx: real\nk: 1..1000000\n```\n\n"), "declared size", 3),
    case("a huge matrix", doc("x = x", "```verifier\nx: real\nA: matrix 99999×99999\n```\n\n"), "declared size", 3),
    case("an undeclared macro", doc(r"\evilmacro{x} = x"), "unknown macro \\evilmacro", 5),
    case("unbalanced braces", doc(r"\frac{x}{y = x"), "unbalanced braces", 5),
    case("a NUL byte", doc("x\x00 = x"), "a NUL byte is not LaTeX", 5),
    case("an escape sequence", doc("x = x\x1b[2J"), "a control character (U+001B)", 5),
    case("Python in a display", doc(f"__import__('os').system('touch {TOUCHED}') = x"), "unexpected character", 5),
    case("Python in the declarations", doc("x = x", "```verifier\nx: __import__('os')\n```\n\n"), "unknown kind", 2),
    case("\\input of a file", doc(r"\input{/etc/passwd} = x"), "unknown macro \\input", 5),
    case("an undeclared symbol", doc("x = q"), "undeclared symbol q", 5),
    case("a 60-digit number", doc("x = " + "7" * 60), "a number of 60 digits", 5),
    case("a million-term sum", doc(r"\sum_{i=1}^{1000000} x = x"), "1000000 terms; at most 64 are expanded", 5),
    case("too many displays", HEAD + "$$ x = x $$\n" * 70, "this page checks at most 64 $$ … $$ displays", 69),
    case("too many steps", doc(" = ".join(["x"] * 21)), "has 20 steps; this page checks at most 16 per chain"),
    case("no declarations", "$$ x = x $$\n", "no declarations"),
    case("nothing at all", "", "no declarations"),
    case("a code field", "x", "unknown field 'python'", python="import os"),
    case("a Python file", doc("x = x"), "format must be md or tex", format="py"),
    case("a path as the name", doc("x = x"), "name must be a plain file name", name="../../etc/passwd"),
    case("a negative seed", doc("x = x"), "seed must be a whole number", seed=-5),
    Hostile("not JSON", b"print(open('/etc/passwd').read())", "not JSON"),
    Hostile("not UTF-8", b'{"text": "\xff\xfe"}', "not JSON"),
]


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
