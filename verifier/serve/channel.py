"""Messages between a request's workers and the dispatcher: one JSON object per datagram.

The socket is a Unix SOCK_SEQPACKET pair, so every message arrives whole or not at all: a
worker killed at its time limit in the middle of a send can never leave half a message for
the reader to choke on. Several processes (a request worker and the chain workers it forks)
share the sending end; the receiving end reads EOF once all of them have exited.
"""

from __future__ import annotations

import json
import socket
from typing import Any

MAX_MESSAGE = 120_000  # bytes; a message above this is trimmed (long strings first)
LONG_TEXT = 4_000  # characters kept of one string when a message is trimmed
_BUFFER = 262_144
GO = {"kind": "go"}  # dispatcher → request worker: verify the next chain, or resume the one paused
PAUSE = {"kind": "pause"}  # stop (SIGSTOP) the chain's worker until the next GO; its time limit stops too
RESTART = {"kind": "restart"}  # end the chain's worker; the next GO verifies the same chain from its start


def pair() -> tuple[socket.socket, socket.socket]:
    """(the dispatcher's end, the workers' end)."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    for end in (ours, theirs):
        end.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, _BUFFER)
        end.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, _BUFFER)
    return ours, theirs


def _trimmed(value: Any) -> Any:
    if isinstance(value, str) and len(value) > LONG_TEXT:
        return value[:LONG_TEXT] + "…"
    if isinstance(value, dict):
        return {k: _trimmed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_trimmed(v) for v in value]
    return value


def encode(message: dict[str, Any]) -> bytes:
    """The message as one datagram: trimmed if it is too long, and only its kind if it is still too long."""
    data = json.dumps(message, default=str).encode("utf-8")
    if len(data) > MAX_MESSAGE:
        data = json.dumps(_trimmed(message), default=str).encode("utf-8")
    if len(data) > MAX_MESSAGE:
        data = json.dumps({"kind": message.get("kind", "?"), "trimmed": True}).encode("utf-8")
    return data


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    sock.sendall(encode(message))


def receive(sock: socket.socket, block: bool = True) -> dict[str, Any] | None:
    """The next message; None at EOF (every sender has gone). BlockingIOError if none waits and not block."""
    data = sock.recv(_BUFFER, 0 if block else socket.MSG_DONTWAIT)
    if not data:
        return None
    message = json.loads(data.decode("utf-8"))
    return message if isinstance(message, dict) else {"kind": "?"}
