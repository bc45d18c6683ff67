"""The connection's own limits, below the app: a deadline for a request's head, and open connections per address.

uvicorn (h11) closes a keep-alive connection that stays idle, and bounds the size of a head, but a
client that sends one header line every two seconds is never closed: each byte restarts nothing,
there is no deadline. Here a connection waiting for a request's head (a new connection, or a kept
one between requests) has `header_timeout` seconds to send all of it; then it is answered 408 and
closed; a head longer than MAX_HEAD is answered 431 and closed, however fast it comes (h11 bounds
only a head that arrives in parts). The body has its own deadline in the app
(`verifier.serve.app`), which can answer it.

Not behind a proxy, one address may hold at most `per_address` connections at once; the next is
answered 503 and closed at once, before it is read, so one address cannot take every connection the
server accepts (uvicorn's `limit_concurrency`, the bound for everyone together; a refusal that lingered
would hold one of those places for LINGER_SECONDS).

A connection closed while its request may still be arriving (a body refused before it was read, a
head cut off) is closed gracefully, as RFC 9112 §9.6 asks: the answer is sent with our end of the
connection (FIN), and what the client still sends is read and dropped until it closes its end, for
at most LINGER_SECONDS and LINGER_BYTES. Closed at once, the kernel would answer the unread bytes
with a reset, and a client still sending (a browser posting a 1 MB paste) could lose the answer that
says what was wrong. Past either bound the connection is closed at once. A request whose body the app
did not read (answered without it) ends its connection the same way once answered: uvicorn would read
and drop that body for as long as it came, however long that is.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, cast

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


def raw_response(status: str, text: str) -> bytes:
    body = text.encode("utf-8")
    head = (
        f"HTTP/1.1 {status}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: {len(body)}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


TIMED_OUT = raw_response("408 Request Timeout", "the request's head did not arrive in time\n")
TOO_MANY = raw_response("503 Service Unavailable", "too many connections from this address\n")
TOO_BIG = raw_response("431 Request Header Fields Too Large", "the request's head is too long\n")
MAX_HEAD = 16_384  # bytes of a request's line and headers (a browser sends well under 8 KB)
LINGER_SECONDS = 2.0  # how long a closed connection's late bytes are read and dropped
LINGER_BYTES = 4 * 1_048_576  # and how many


@dataclass
class Guard:
    """The limits, and the connections open now from each address (shared by every connection of a server)."""

    header_timeout: float = 10.0
    per_address: int = 0  # 0: no bound (behind a proxy, every connection comes from the proxy)
    open: Counter[str] = field(default_factory=Counter)


def protocol(guard: Guard) -> type[asyncio.Protocol]:
    """uvicorn's h11 protocol with the guard's limits: pass it as `uvicorn.Config(http=...)`."""

    class Guarded(GuardedH11):
        pass

    Guarded.guard = guard
    return Guarded


class Closing:
    """The transport as uvicorn holds it: the same, except that close() asks the protocol how to close."""

    def __init__(self, transport: asyncio.Transport, protocol: GuardedH11) -> None:
        self._raw, self._protocol = transport, protocol

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def close(self) -> None:
        self._protocol.close_connection()

    def is_closing(self) -> bool:
        return self._protocol.lingering or self._raw.is_closing()


class GuardedH11(H11Protocol):
    guard: Guard = Guard()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.raw = transport
        self.transport = cast(asyncio.Transport, Closing(transport, self))
        self.lingering, self.dropped = False, 0
        self.linger_timer: asyncio.TimerHandle | None = None
        self.head_timer: asyncio.TimerHandle | None = None
        self.head_size, self.head_tail = 0, b""
        self.peer = self.client[0] if self.client else "?"
        self.counted = False
        bound = self.guard.per_address
        if bound and self.guard.open[self.peer] >= bound:
            self.transport.write(TOO_MANY)
            self.connections.discard(self)  # not one of limit_concurrency's places, even until connection_lost
            self.raw.close()  # at once: a lingering refusal would hold a place under limit_concurrency
            return
        self.guard.open[self.peer] += 1
        self.counted = True
        self.arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self.disarm()
        timer = getattr(self, "linger_timer", None)
        if timer is not None:
            timer.cancel()
        if getattr(self, "counted", False):
            self.counted = False
            self.guard.open[self.peer] -= 1
            if self.guard.open[self.peer] <= 0:
                del self.guard.open[self.peer]
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.lingering:  # answered and closing: what still comes is dropped
            self.dropped += len(data)
            if self.dropped > LINGER_BYTES:
                self.raw.close()
            return
        if self.conn.their_state is h11.IDLE and self.head_too_big(data):
            self.refuse(TOO_BIG)
            return
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the head is in (or the request was refused): no deadline
            self.disarm()

    def on_response_complete(self) -> None:
        # read before uvicorn parses a pipelined next request, whose body may be arriving (red team helper-60)
        unread = self.conn.their_state is h11.SEND_BODY
        super().on_response_complete()
        if self.transport.is_closing():
            return
        if unread:  # a body the app did not read (a GET /health that declares a gigabyte): uvicorn would
            self.close_connection(still_sending=True)  # drop it for as long as it came
        elif self.conn.their_state is h11.IDLE:
            self.arm()  # a kept connection: the next head has its own deadline

    def head_too_big(self, data: bytes) -> bool:
        """Whether the head being received is past MAX_HEAD bytes (h11 bounds only a head that arrives in parts)."""
        seen = self.head_tail + data
        end = seen.find(b"\r\n\r\n")
        if end >= 0:
            size, self.head_size, self.head_tail = self.head_size + end - len(self.head_tail) + 4, 0, b""
            return size > MAX_HEAD
        self.head_size += len(data)
        self.head_tail = seen[-3:]
        return self.head_size > MAX_HEAD

    def arm(self) -> None:
        self.disarm()
        self.head_timer = self.loop.call_later(self.guard.header_timeout, self.head_expired)

    def disarm(self) -> None:
        timer = getattr(self, "head_timer", None)
        if timer is not None:
            timer.cancel()
            self.head_timer = None

    def head_expired(self) -> None:
        self.head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.cycle is not None and not self.cycle.response_complete:
            return
        self.refuse(TIMED_OUT)

    def refuse(self, response: bytes) -> None:
        self.transport.write(response)
        self.close_connection(still_sending=True)

    def close_connection(self, still_sending: bool = False) -> None:
        """Close; gracefully (see the module's docstring) if the client may still be sending its request."""
        if self.lingering or self.raw.is_closing():
            return
        partial_head = self.conn.their_state is h11.IDLE and self.head_size > 0
        still_sending = still_sending or partial_head or self.conn.their_state in (h11.SEND_BODY, h11.ERROR)
        if not still_sending or not self.raw.can_write_eof():
            self.raw.close()
            return
        self.lingering = True
        self.disarm()
        self.end_cycle()
        try:
            self.raw.write_eof()  # the answer goes out, then our end closes
        except OSError:  # the client is already gone (ENOTCONN): nothing to linger for
            self.raw.close()
            return
        self.raw.resume_reading()
        self.linger_timer = self.loop.call_later(LINGER_SECONDS, self.raw.close)

    def end_cycle(self) -> None:
        """Tell a request still in the app that its connection is over, as losing the connection would.

        The app's next receive() is a disconnect and its sends are dropped: it cannot answer on a
        connection that was answered already (a 400 for a broken chunk while the app read the body)."""
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            cycle.disconnected = True
            cycle.message_event.set()
