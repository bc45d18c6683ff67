"""The dispatcher: one process, spawned by the server, that runs every check in the existing worker pool.

It imports the engine once, then forks one worker per request with `verifier.run.pool` (its hard
time limit, its memory limit, death with its parent). Requests go through three phases:

1. **reading** (at most `readers` at a time, limit `read_timeout`): the worker reads the text and
   reports its chains or its errors; a text with errors ends here.
2. **waiting**: the worker holds the chains it read and waits, idle, for a verifying slot; the
   page is told how many checks are ahead of it.
3. **verifying** (at most `jobs` at a time, limit `request_timeout`): the dispatcher says go, and
   the worker verifies chain by chain, each in a worker of its own with the `timeout` per chain.

Every event a worker sends is relayed to the server at once, tagged with its request. The server
gets exactly one "finished" per request, after its processes are gone, whatever happened (a
verdict, an error, a time limit, a crash, a cancellation), so it can count what is in flight.
Single-threaded, so forking from it is safe.
"""

from __future__ import annotations

import contextlib
import math
import signal
import socket
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from verifier.run import pool
from verifier.serve import channel
from verifier.serve.limits import CheckRequest
from verifier.serve.settings import ServeSettings

POLL = 0.5  # seconds between looks at the deadlines when nothing happens


@dataclass
class Job:
    id: str
    request: CheckRequest
    phase: str = "queued"  # queued → reading → waiting → verifying
    sock: socket.socket | None = None
    running: pool.Running | None = None


def warm_up() -> None:
    """Import what every check needs once, here, so that each forked worker starts with it (as `verifier check`)."""
    from verifier.load import latex
    from verifier.run import runner

    runner.share_imports(shrinker=True)
    latex.parse_chains("", "warm-up.md", "warm_up")  # builds the reader's grammar; reads no mathematics


class Dispatcher:
    def __init__(self, conn: Connection, settings: ServeSettings) -> None:
        self.conn = conn
        self.settings = settings
        self.jobs: dict[str, Job] = {}
        self.to_read: deque[Job] = deque()
        self.to_verify: deque[Job] = deque()
        self.stopping = False

    def tell(self, job: Job, event: dict[str, Any]) -> None:
        with contextlib.suppress(OSError, ValueError):  # the server may be gone already
            self.conn.send(("event", job.id, event))

    def loop(self) -> None:
        try:
            while not self.stopping:
                self.fill()
                self.step()
        finally:
            for job in list(self.jobs.values()):
                self.end(job, None)

    def step(self) -> None:
        """Wait for news (a message, an event, a worker that ends, a deadline) and handle it."""
        live = [j for j in self.jobs.values() if j.running is not None]
        waitables: list[Any] = (
            [self.conn] + [j.sock for j in live if j.sock] + [j.running.conn for j in live if j.running]
        )
        soonest = min((j.running.deadline for j in live if j.running), default=math.inf)
        ready = wait(waitables, timeout=max(0.0, min(soonest - time.monotonic(), POLL)))
        if self.conn in ready:
            self.messages()
        for job in live:
            if job.sock is not None and job.sock in ready:
                self.events(job)
            if job.running is not None and job.id in self.jobs:
                outcome = pool.collect(job.running, job.running.conn in ready, self.limit(job))
                if outcome is not None:
                    self.end(job, outcome)

    def messages(self) -> None:
        while not self.stopping and self.conn.poll():
            try:
                message = self.conn.recv()
            except (EOFError, OSError):  # the server is gone: stop
                self.stopping = True
                return
            if message[0] == "check":
                job = Job(message[1], CheckRequest(**message[2]))
                self.jobs[job.id] = job
                self.to_read.append(job)
            elif message[0] == "cancel" and message[1] in self.jobs:
                self.end(self.jobs[message[1]], None)
            elif message[0] == "stop":
                self.stopping = True

    def limit(self, job: Job) -> float:
        return self.settings.read_timeout if job.phase == "reading" else self.settings.request_timeout

    def fill(self) -> None:
        """Start reading and verifying while there are slots."""
        phases = [j.phase for j in self.jobs.values()]
        for _ in range(self.settings.readers - phases.count("reading")):
            if not self.to_read:
                break
            self.read(self.to_read.popleft())
        started = False
        for _ in range(self.settings.jobs - phases.count("verifying")):
            if not self.to_verify:
                break
            self.go(self.to_verify.popleft())
            started = True
        if started:
            for ahead, job in enumerate(self.to_verify):
                self.tell(job, {"kind": "queued", "ahead": ahead + 1})

    def read(self, job: Job) -> None:
        from verifier.serve.checker import run_request

        ours, theirs = channel.pair()
        task = pool.Task(job.id, run_request, (job.request, self.settings, theirs))
        job.running = pool.start(task, self.settings.memory_mb, self.settings.read_timeout, forks=True)
        theirs.close()
        job.sock, job.phase = ours, "reading"
        self.tell(job, {"kind": "reading"})

    def go(self, job: Job) -> None:
        if job.sock is None or job.running is None:
            return
        with contextlib.suppress(OSError):
            channel.send(job.sock, {"kind": "go"})
        job.phase = "verifying"
        job.running.deadline = time.monotonic() + self.settings.request_timeout
        self.tell(job, {"kind": "started"})

    def events(self, job: Job) -> None:
        """Relay every message the job's workers have sent (to EOF, when they have all gone)."""
        while job.sock is not None:
            try:
                event = channel.receive(job.sock, block=False)
            except (BlockingIOError, InterruptedError):
                return
            except (OSError, ValueError):
                event = None
            if event is None:
                job.sock.close()
                job.sock = None
                return
            if event.get("kind") == "parsed" and event.get("verify") and job.running is not None:
                job.phase = "waiting"
                job.running.deadline = math.inf  # idle until its turn; the request limit starts at go
                self.to_verify.append(job)
                event = {**event, "ahead": len(self.to_verify)}
            self.tell(job, event)

    def end(self, job: Job, outcome: Any) -> None:
        """The job is over: its processes are gone; tell the server why if it failed, then that it finished."""
        if job.running is not None and outcome is None:
            pool.kill(job.running)
        if job.sock is not None:
            self.events(job)
        if isinstance(outcome, pool.Failure):
            self.tell(job, {"kind": "failed", "phase": job.phase, "message": self.failure_text(job, outcome)})
        if job.sock is not None:
            job.sock.close()
        self.tell(job, {"kind": "finished"})
        self.jobs.pop(job.id, None)
        for queue in (self.to_read, self.to_verify):
            if job in queue:
                queue.remove(job)

    def failure_text(self, job: Job, failure: pool.Failure) -> str:
        if failure.kind == "timeout" and job.phase == "reading":
            return (
                f"reading the derivation took longer than {self.settings.read_timeout:g} s, this page's limit: "
                "use smaller sizes or fewer chains"
            )
        if failure.kind == "timeout":
            return f"checking took longer than {self.settings.request_timeout:g} s, this page's limit for one check"
        first = failure.message.splitlines()[0] if failure.message else failure.kind
        return f"the check stopped while {job.phase}: {first}"


def main(conn: Connection, settings: ServeSettings) -> None:
    """The spawned process's entry point. Ctrl-C is the server's to handle: it stops the dispatcher with "stop"."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()
    conn.send(("ready",))
    Dispatcher(conn, settings).loop()
