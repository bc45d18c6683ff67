"""The server's side of the dispatcher: admission into a bounded queue, and each request's events.

Admission is decided at once, in the event loop: a request is refused (HTTP 429, with a
Retry-After estimated from the checks in flight) when its client already has its share in flight,
or the queue is full. A client is the address the request came from (`verifier.serve.peers`),
never anything the request says about itself, so one address cannot pass for many. Past half
the queue, an address with a check in flight gets no second one, so that twenty addresses with
two checks each still leave room for a newcomer's first. A request stays counted until the
dispatcher says it finished (its workers are gone), so the counts are the real use of the machine.

A thread reads the dispatcher's pipe and hands each event to its request's queue in the loop. If
the dispatcher dies, every request in flight ends with a message and a new dispatcher starts.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import multiprocessing
import threading
import time
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from verifier.serve import dispatcher
from verifier.serve.limits import CheckRequest
from verifier.serve.settings import ServeSettings

LOST = "the checking process stopped unexpectedly; please try again"
MAX_RETRY_AFTER = 600


class Busy(Exception):
    """The request is refused for now: HTTP 429, and when to try again."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class Ticket:
    id: str
    client: str
    started: float
    events: asyncio.Queue[dict[str, Any]] = field(default_factory=asyncio.Queue)


class Broker:
    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.tickets: dict[str, Ticket] = {}
        self.mean_seconds = 5.0  # a running mean of how long a check takes, for Retry-After
        self.ready = False
        self.stopping = False
        self.conn: Connection | None = None
        self.process: Any = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self._send_lock = threading.Lock()

    def start(self) -> None:
        """Spawn the dispatcher (in the running event loop); it imports the engine while the server starts."""
        self.loop = asyncio.get_running_loop()
        self._spawn()

    def _spawn(self) -> None:
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: nothing of the server's threads
        ours, theirs = context.Pipe(duplex=True)
        self.process = context.Process(target=dispatcher.main, args=(theirs, self.settings), name="verifier-dispatcher")
        self.process.start()
        theirs.close()
        self.conn, self.ready = ours, False
        threading.Thread(target=self._listen, args=(ours,), name="verifier-dispatcher-events", daemon=True).start()

    def _listen(self, conn: Connection) -> None:
        loop = self.loop
        assert loop is not None
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                with contextlib.suppress(RuntimeError):  # the loop may be closed at shutdown
                    loop.call_soon_threadsafe(self._lost, conn)
                return
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._deliver, message)

    def _send(self, message: tuple[Any, ...]) -> None:
        with self._send_lock, contextlib.suppress(OSError, ValueError, AttributeError):
            assert self.conn is not None
            self.conn.send(message)

    def retry_after(self) -> int:
        """Seconds until a slot is likely free: the checks ahead, shared out over the workers."""
        ahead = max(1, len(self.tickets) - self.settings.jobs + 1)
        return max(1, min(MAX_RETRY_AFTER, math.ceil(self.mean_seconds * ahead / max(1, self.settings.jobs))))

    def admit(self, client: str, request: CheckRequest) -> Ticket:
        """A ticket for the request's events, or Busy (client: the request's address)."""
        mine = Counter(t.client for t in self.tickets.values())[client]
        if mine >= self.settings.per_client:
            raise Busy(
                f"this address already has {mine} check{'s' if mine != 1 else ''} in progress (at most "
                f"{self.settings.per_client} at once); wait for one to finish",
                self.retry_after(),
            )
        room = self.settings.queue if mine == 0 else self.settings.queue // 2
        if len(self.tickets) >= room:
            raise Busy(f"the server is busy ({len(self.tickets)} checks in progress); try again shortly",
                       self.retry_after())  # fmt: skip
        ticket = Ticket(uuid.uuid4().hex, client, time.monotonic())
        self.tickets[ticket.id] = ticket
        self._send(("check", ticket.id, asdict(request), client))
        return ticket

    def cancel(self, ticket: Ticket) -> None:
        """The page went away: stop its check (it stays counted until the dispatcher says it finished)."""
        if ticket.id in self.tickets:
            self._send(("cancel", ticket.id))

    def _deliver(self, message: tuple[Any, ...]) -> None:
        if message[0] == "ready":
            self.ready = True
            return
        _, job, event = message
        ticket = self.tickets.get(job)
        if ticket is None:
            return
        ticket.events.put_nowait(event)
        if event.get("kind") == "finished":
            self._release(ticket)

    def _release(self, ticket: Ticket) -> None:
        if self.tickets.pop(ticket.id, None) is not None:
            self.mean_seconds = 0.8 * self.mean_seconds + 0.2 * (time.monotonic() - ticket.started)

    def _lost(self, conn: Connection) -> None:
        """The dispatcher's pipe closed: end every request in flight, and start a new dispatcher."""
        if conn is not self.conn:
            return
        for ticket in list(self.tickets.values()):
            ticket.events.put_nowait({"kind": "failed", "message": LOST})
            ticket.events.put_nowait({"kind": "finished"})
            self._release(ticket)
        if not self.stopping:
            self._spawn()

    def stop(self) -> None:
        """Stop the dispatcher and every worker it runs."""
        self.stopping = True
        self._send(("stop",))
        if self.process is not None:
            self.process.join(10)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(2)
        if self.conn is not None:
            self.conn.close()
