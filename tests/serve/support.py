"""What the page's tests share: a chain with a slip, and the dispatcher played on a request worker's socket."""

from __future__ import annotations

import socket
from typing import Any

from verifier.run import pool
from verifier.serve import channel, checker
from verifier.serve.channel import GO
from verifier.serve.limits import CheckRequest
from verifier.serve.settings import ServeSettings

SLIP = r"""
```verifier
x, y: real
```

% claim: square
$$ (x + y)^2 = x^2 + 2 x y + y^2 $$
$$ = x^2 + y^2 + 2 x y $$
$$ = x^2 + y^2 + x y \quad \text{a slip} $$
"""
RIGHT = SLIP[: SLIP.index("$$ = x^2 + y^2 + x y")]
"""The same chain without its slip: it holds."""


def play_dispatcher(text: str, settings: ServeSettings, goes: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """A request's worker forked as the dispatcher forks it, given a GO for each chain after the last one's result
    (with goes False, the dispatcher goes away instead); what it returns, and every event it sent."""
    ours, theirs = channel.pair()
    task = pool.Task("request", checker.run_request, (CheckRequest(text, seed=3), settings, theirs))
    running = pool.start(task, settings.memory_mb, 600.0, forks=True)
    theirs.close()
    events, chains = [], 0
    while (event := channel.receive(ours)) is not None:
        events.append(event)
        chains = len(event["chains"]) if event["kind"] == "parsed" else chains - (event["kind"] == "chain")
        if event["kind"] in ("parsed", "chain") and chains > 0 and goes:
            channel.send(ours, GO)
        elif event["kind"] == "parsed" and not goes:
            ours.shutdown(socket.SHUT_WR)
    ours.close()
    return pool.collect(running, True, 600.0), events
