"""Who gets a free worker next: fair shares between addresses, never one FIFO queue.

The dispatcher has two kinds of slot, reading (`readers`) and verifying (`jobs`), and asks a
`Share` for each which waiting job takes a free one. The rule, the same for both:

- a client (one address, `verifier.serve.peers`) holds at most `cap` of the slots at once, where
  `cap` is the slots less one (at least one): however many checks one address sends, one slot is
  always left for everyone else;
- among the clients with a job waiting and room under their cap, the one served longest ago goes
  first (a client never served goes before all others), and its own jobs go in the order they
  began to wait. With every client always waiting this is round-robin between addresses.

A verifying slot is given one chain at a time (the worker asks again for its next chain), and a
turn lasts a slice of running time while another client waits (`verifier.serve.dispatcher`: the
chain is paused, or restarted, until its client's next turn), so a newcomer waits about a slice,
whatever one address, or twenty, send.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")
REMEMBERED = 4096  # clients whose last turn is remembered; a forgotten one is as one never served (its turn is old)


def cap_of(slots: int) -> int:
    """The slots one client may hold at once: all but one, at least one."""
    return max(1, slots - 1)


@dataclass
class Share:
    slots: int
    last: dict[str, int] = field(default_factory=dict)  # client → the tick of its last turn
    ticks: itertools.count[int] = field(default_factory=itertools.count)

    @property
    def cap(self) -> int:
        return cap_of(self.slots)

    def pick(self, waiting: Sequence[T], running: Sequence[T], client: Callable[[T], str]) -> T | None:
        """The waiting job that takes a free slot now, its turn noted (None: no slot free, or no one may take it)."""
        if len(running) >= self.slots:
            return None
        busy = Counter(client(job) for job in running)
        first: dict[str, T] = {}
        for job in waiting:
            who = client(job)
            if who not in first and busy[who] < self.cap:
                first[who] = job
        if not first:
            return None
        who = min(first, key=lambda c: self.last.get(c, -1))  # ties: the earliest waiting (dicts keep order)
        self.last[who] = next(self.ticks)
        if len(self.last) > REMEMBERED:
            del self.last[min(self.last, key=self.last.__getitem__)]
        return first[who]

    def order(self, waiting: Sequence[T], client: Callable[[T], str]) -> list[T]:
        """The waiting jobs in the order they would start if nothing new came: each client's k-th in round k."""
        rounds: dict[str, int] = {}
        ranked = []
        for position, job in enumerate(waiting):
            who = client(job)
            rounds[who] = rounds.get(who, -1) + 1
            ranked.append(((rounds[who], self.last.get(who, -1), position), job))
        return [job for _, job in sorted(ranked, key=lambda pair: pair[0])]


def victim(candidates: Sequence[T], restarts: Callable[[T], int], ran: Callable[[T], float]) -> T:
    """Of the chains one of which must end to be run again later (no room to pause another), the one that
    ends: the one restarted the fewest times (so no chain is restarted again and again while others are
    not), then the one that has run least (the least work lost)."""
    return min(candidates, key=lambda job: (restarts(job), ran(job)))
