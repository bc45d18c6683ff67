"""A small client of `verifier serve` for scripts, tests and the load benchmark (standard library only).

`started(...)` runs a server in a subprocess on a free port of 127.0.0.1 and waits until it is
ready; `check(...)` sends one derivation and reads its stream of events, noting when each arrived.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

_ADDRESS = re.compile(r"open (http://\S+/) in a browser")


@dataclass
class Reply:
    """What one request got: its HTTP status and headers, and its events with the seconds each arrived after."""

    status: int
    headers: dict[str, str]
    events: list[tuple[float, str, dict[str, Any]]] = field(default_factory=list)
    body: Any = None  # the JSON of a refusal (400, 413, 429)
    seconds: float = 0.0

    def named(self, name: str) -> list[dict[str, Any]]:
        return [data for _, event, data in self.events if event == name]

    def first(self, name: str) -> float | None:
        return next((t for t, event, _ in self.events if event == name), None)


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen[str]

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "127.0.0.1"

    @property
    def port(self) -> int:
        return urlsplit(self.url).port or 80

    def log_so_far(self) -> str:
        """What the server has printed (its log) and no one has read yet; never waits for more."""
        stream = self.process.stdout
        if stream is None:
            return ""
        os.set_blocking(stream.fileno(), False)
        try:
            return stream.read() or ""
        except TypeError:  # nothing new: the buffered reader has None to give
            return ""


@contextlib.contextmanager
def started(*options: str, cwd: str | None = None, ready_within: float = 120.0) -> Iterator[Server]:
    """`python -m verifier serve --port 0 OPTIONS` in a subprocess, ready to check; stopped on the way out."""
    env = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "verifier", "serve", "--port", "0", "--quiet", *options]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=cwd, env=env)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = _ADDRESS.search(line)
        if found is None:
            raise RuntimeError(f"verifier serve did not start: {line}{process.stdout.read()[:2000]}")
        server = Server(found.group(1), process)
        wait_until_ready(server, ready_within)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def get(server: Server, path: str) -> tuple[int, Any]:
    conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        kind = response.getheader("content-type") or ""
        return response.status, json.loads(body) if "json" in kind else body.decode("utf-8")
    finally:
        conn.close()


def wait_until_ready(server: Server, within: float) -> None:
    """Until the dispatcher has imported the engine (or RuntimeError after `within` seconds)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            status, body = get(server, "/health")
            if status == 200 and body.get("ready"):
                return
        if server.process.poll() is not None:
            raise RuntimeError(f"verifier serve exited with {server.process.returncode}")
        time.sleep(0.2)
    raise RuntimeError(f"verifier serve was not ready within {within:g} s")


class Pending:
    """One request in flight: its reply so far; read() takes its events as they come."""

    def __init__(
        self, server: Server, path: str, body: bytes, client: str, timeout: float = 600.0, source: str | None = None
    ) -> None:
        """client: the page's own id (the server counts addresses, not ids); source: a local address to send from
        (any of 127.0.0.0/8 reaches a server on 127.0.0.1, so one machine can be many clients)."""
        self.conn = http.client.HTTPConnection(
            server.host, server.port, timeout=timeout, source_address=(source, 0) if source else None
        )
        self.sent = time.monotonic()
        # refused (413) and closed before the whole body was sent: its answer is waiting to be read
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.conn.request(
                "POST", path, body=body, headers={"Content-Type": "application/json", "X-Verifier-Client": client}
            )
        self.response = self.conn.getresponse()
        self.reply = Reply(self.response.status, {k.lower(): v for k, v in self.response.getheaders()})
        if "text/event-stream" not in self.reply.headers.get("content-type", ""):
            raw = self.response.read()
            self.reply.body = json.loads(raw) if "json" in self.reply.headers.get("content-type", "") else raw.decode()
            self.close()

    def read(self, count: int | None = None) -> Reply:
        """Read count more events (all of them if None), then return the reply so far."""
        wanted = len(self.reply.events) + count if count is not None else None
        name, data = "message", ""
        while self.reply.body is None and (wanted is None or len(self.reply.events) < wanted):
            raw = self.response.readline()
            if not raw:
                break
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data += line[6:]
            elif not line and data:
                self.reply.events.append((time.monotonic() - self.sent, name, json.loads(data)))
                name, data = "message", ""
        self.reply.seconds = time.monotonic() - self.sent
        return self.reply

    def close(self) -> None:
        self.conn.close()


def post(server: Server, path: str, body: bytes, client: str = "script", source: str | None = None) -> Reply:
    """POST body; for an event stream, read it to its end, noting when each event arrived."""
    pending = Pending(server, path, body, client, source=source)
    try:
        return pending.read()
    finally:
        pending.close()


def check(
    server: Server, text: str, seed: int = 0, client: str = "script", source: str | None = None, **fields: Any
) -> Reply:
    """Check one derivation (fields: format, name), sent from `source` if given (a loopback address)."""
    return post(server, "/check", request_body(text, seed, **fields), client, source)


def request_body(text: str, seed: int = 0, **fields: Any) -> bytes:
    return json.dumps({"text": text, "seed": seed, **fields}).encode()


Verdict = tuple[str, tuple[tuple[str, str], ...], int | None, str]
"""A chain's status, each step's (status, evidence: samples, worst error, tolerance, rung), its first wrong
step and its end result: what must be the same on the page and on the command line."""


def page_verdicts(reply: Reply) -> dict[str, Verdict]:
    """Each chain's verdict as the page received it."""
    return {
        str(c["name"]): (
            str(c["status"]),
            tuple(zip(c["steps"], c["evidence"], strict=True)),
            c["first_wrong_step"],
            str(c["end_result"] or ""),
        )
        for c in reply.named("chain")
    }


def command_line_verdicts(
    text: str, seed: int, folder: Path, name: str = "derivation", fmt: str = "md"
) -> dict[str, Verdict]:
    """Each chain's verdict from `verifier check NAME.FMT --seed SEED --no-cache` on the same text."""
    path = folder / f"{name}.{fmt}"
    path.write_text(text, encoding="utf-8")
    report = folder / f"{name}.{fmt}.json"
    command = [sys.executable, "-m", "verifier", "check", path.name, "--seed", str(seed), "--no-cache", "-q"]
    subprocess.run([*command, "--json", report.name], cwd=folder, capture_output=True, timeout=900, check=False)
    claims = json.loads(report.read_text())["claims"]
    return {
        str(c["name"]): (
            str(c["status"]),
            tuple((s["status"], s["evidence"]) for s in c["steps"]),
            c["first_wrong_step"],
            str(c["end_result"] or ""),
        )
        for c in claims
    }
