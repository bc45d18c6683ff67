"""The dispatcher: one process, spawned by the server, that runs every check in the existing worker pool.

It imports the engine once, then forks one worker per request with `verifier.run.pool` (its hard
time limit, its memory limit, death with its parent). Requests go through three phases:

1. **reading** (at most `readers` at a time, limit `read_timeout`): the worker reads the text and
   reports its chains or its errors; a text with errors ends here.
2. **waiting**: the worker holds the chains it read and waits, idle, for a verifying slot; the
   page is told how many checks are ahead of it.
3. **verifying** (at most `jobs` at a time, limit `request_timeout` in all): the dispatcher says go,
   and the worker verifies one chain, in a worker of its own with the `timeout` per chain; then it
   waits again for its next chain's turn.

Who takes a free slot is `verifier.serve.fair`'s rule: one address never holds every slot, and
the addresses take turns. Both kinds of slot are shared by time as well, so a newcomer waits a
second or two, never for a whole chain:

- reading: when every slot is taken and another client waits, the reader that has read for
  QUANTUM is stopped (SIGSTOP) until its next turn;
- verifying: when another client waits for a slot it could take, the chain that has run its slice
  (`slices`: 1 s of its own CPU time in its first turn, where most chains end; 0.25 s in the next ones)
  is paused: its request worker stops (SIGSTOP) the chain's worker and resumes it (SIGCONT) at its
  client's next turn, round-robin by address. The chain's time limit
  (`timeout`, in the request worker) and the check's (`request_timeout`, here) count only the
  time it ran; the engine counts work in heartbeats, never seconds, so a pause changes no verdict.

A paused worker keeps its memory (at most `memory_mb`), so at most `max_paused` are paused at once,
and one client at most its share of the slots (`fair.cap_of`: it resumes a paused chain before it
starts another). With no room to pause one more, a chain is ended instead (`fair.victim`: the one
restarted least, then the one that ran least) and verified again from its start on its next turn:
the same verdict (a chain starts from the same state each time), its work done twice; its slice
doubles with each restart, to 8 s (a chain longer than that may be restarted until the check's
`request_timeout`, but only while more clients than `max_paused` flood the server at once: by
default `max_paused` is the default queue, so no chain is restarted unless the operator lowers it).
`max_paused` 0: turns between chains only.

Memory, measured: a paused worker of the benchmark's heavy chains holds 30–150 MB of its own
(its proportional set size; 100–220 MB resident, the engine's pages shared with the dispatcher),
and at most `memory_mb` of address space; so the paused chains hold at most `max_paused` times that.

Every event a worker sends is relayed to the server at once, tagged with its request. The server
gets exactly one "finished" per request, after its processes are gone, whatever happened (a
verdict, an error, a time limit, a crash, a cancellation), so it can count what is in flight.
Single-threaded, so forking from it is safe.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import socket
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from verifier.run import pool
from verifier.serve import channel, slices
from verifier.serve.channel import GO, PAUSE, RESTART
from verifier.serve.fair import Share, victim
from verifier.serve.limits import CheckRequest
from verifier.serve.settings import ServeSettings

POLL = 0.5  # seconds between looks at the deadlines when nothing happens
QUANTUM = 0.5  # seconds a reader keeps its slot while another client waits to read


@dataclass(eq=False)
class Job:
    id: str
    request: CheckRequest
    client: str = ""  # the address it came from (`verifier.serve.peers`)
    phase: str = "queued"  # queued → reading → (waiting → verifying)* → done
    sock: socket.socket | None = None
    running: pool.Running | None = None
    chains: int = 0  # chains still to verify
    budget: float = math.inf  # seconds left of its phase's limit (read_timeout, then request_timeout in all)
    began: float = 0.0  # when its current turn began
    ahead: int | None = None  # the number of checks ahead of it the page was last told
    paused: bool = False  # its reading stopped (SIGSTOP) until its next turn
    held: bool = False  # its chain's worker stopped (SIGSTOP) until its next turn
    ran: float = 0.0  # seconds its current chain has run (in every turn, this one excepted)
    restarts: int = 0  # times its current chain was ended to be run again
    turns: int = 0  # turns its current chain has had (since it began, or began again)
    chain_pid: int = 0  # its current chain's worker (0: not known yet)
    cpu_began: float = 0.0  # that worker's CPU seconds when its turn began
    relayed: set[tuple[int, int]] = field(default_factory=set)  # (chain, step) already sent to the page


def client_of(job: Job) -> str:
    return job.client


def turn_ran(job: Job, now: float) -> float:
    """How long the job's chain has run in this turn (`slices.ran`: its worker's CPU time)."""
    return slices.ran(job.chain_pid, job.cpu_began, job.began, now)


def slice_of(job: Job) -> float:
    return slices.length(job.turns, job.restarts)


def warm_up() -> None:
    """Import what every check needs once, here, so that each forked worker starts with it (as `verifier check`)."""
    from verifier.frontends import latex
    from verifier.run import runner

    runner.share_imports(shrinker=True)
    latex.parse_chains("", "warm-up.md", "warm_up")  # builds the reader's grammar; reads no mathematics


class Dispatcher:
    def __init__(self, conn: Connection, settings: ServeSettings) -> None:
        self.conn = conn
        self.settings = settings
        self.jobs: dict[str, Job] = {}
        self.to_read: list[Job] = []  # in the order they arrived
        self.to_verify: list[Job] = []  # in the order they began to wait
        self.reading, self.verifying = Share(settings.readers), Share(settings.jobs)
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
        soonest = min([j.running.deadline for j in live if j.running] + [self.next_slice()])
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
                job = Job(message[1], CheckRequest(**message[2]), str(message[3]) if len(message) > 3 else "")
                self.jobs[job.id] = job
                self.to_read.append(job)
            elif message[0] == "cancel" and message[1] in self.jobs:
                self.end(self.jobs[message[1]], None)
            elif message[0] == "stop":
                self.stopping = True

    def limit(self, job: Job) -> float:
        return self.settings.read_timeout if job.phase == "reading" else self.settings.request_timeout

    def fill(self) -> None:
        """Start reading and verifying while there are slots, each to the job whose turn it is (`fair`)."""
        self.pause_a_reader()
        while self.to_read:
            job = self.reading.pick(self.to_read, self.in_phase("reading"), client_of)
            if job is None:
                break
            self.to_read.remove(job)
            self.read(job)
        while self.to_verify:
            job = self.verifying.pick(self.turns(), self.in_phase("verifying"), client_of)
            if job is None and self.slice_a_verifier():
                continue
            if job is None:
                break
            self.to_verify.remove(job)
            self.go(job)
        self.tell_ahead()

    def turns(self) -> list[Job]:
        """The jobs waiting to verify, each client's paused chain before its others (a client resumes a chain
        before it starts another, so it has at most `cap` chains paused)."""
        return sorted(self.to_verify, key=lambda j: not j.held)

    def next_slice(self) -> float:
        """When the next turn may end (a slice or a quantum over), while someone waits for it."""
        now = time.monotonic()
        verifying = self.in_phase("verifying") if self.to_verify else []
        ends = [now + max(0.02, slice_of(j) - turn_ran(j, now)) for j in verifying]
        ends += [j.began + QUANTUM for j in self.in_phase("reading")] if self.to_read else []
        return min(ends, default=math.inf)

    def slice_a_verifier(self) -> bool:
        """A chain that has run its slice in its turn while another client waits for a verifying slot it could
        take: its turn ends (`end_turn`), the oldest turn first. True if a slot was freed."""
        if self.settings.max_paused <= 0:  # no pausing: turns are taken between chains only
            return False
        running = self.in_phase("verifying")
        busy = Counter(j.client for j in running)
        waiting = {j.client for j in self.to_verify if busy[j.client] < self.verifying.cap}
        now = time.monotonic()
        for job in sorted(running, key=lambda j: slice_of(j) - turn_ran(j, now)):
            if turn_ran(job, now) >= slice_of(job) and waiting - {job.client} and job.sock is not None:
                self.end_turn(job)
                return True
        return False

    def end_turn(self, job: Job) -> None:
        """The chain's worker is paused (SIGSTOP) until its client's next turn; with `max_paused` chains paused
        already (or its client's share of them), one chain ends instead and is verified again from its start
        on its next turn (`fair.victim`): the same verdict, its work done again. Its clocks stop meanwhile."""
        job.ran += turn_ran(job, time.monotonic())
        held = [j for j in self.jobs.values() if j.held]
        if len(held) < self.settings.max_paused and sum(j.client == job.client for j in held) < self.verifying.cap:
            self.order(job, PAUSE)
        elif (out := victim([*held, job] if len(held) >= self.settings.max_paused else [job],
                            lambda j: j.restarts, lambda j: j.ran)) is job:  # fmt: skip
            self.order(job, RESTART)
        else:
            self.order(out, RESTART)
            self.order(job, PAUSE)
        self.wait_turn(job)

    def order(self, job: Job, message: dict[str, str]) -> None:
        """Tell the job's worker to pause its chain, or to end it for a restart."""
        if job.sock is not None:
            with contextlib.suppress(OSError):
                channel.send(job.sock, message)
        job.held = message == PAUSE
        job.turns = job.turns + 1 if message == PAUSE else 0
        if message == RESTART:
            job.restarts, job.ran, job.chain_pid = job.restarts + 1, 0.0, 0
            self.tell(job, {"kind": "restarted"})

    def in_phase(self, phase: str) -> list[Job]:
        return [j for j in self.jobs.values() if j.phase == phase]

    def tell_ahead(self) -> None:
        """Each waiting check's place in the order of turns, when it changed."""
        for ahead, job in enumerate(self.verifying.order(self.to_verify, client_of)):
            if job.ahead != ahead + 1:
                job.ahead = ahead + 1
                self.tell(job, {"kind": "queued", "ahead": ahead + 1, "paused": job.held})

    def pause_a_reader(self) -> None:
        """Every reading slot taken and another client waits: stop (SIGSTOP) the reader whose turn has lasted
        longest, if it has had QUANTUM, until its next turn. Reading is one process, and its limits count only
        its own time (the CPU budget, and here `budget`), so a pause changes nothing it decides."""
        readers = self.in_phase("reading")
        if len(readers) < self.settings.readers or not self.to_read:
            return
        now, waiting = time.monotonic(), {j.client for j in self.to_read}
        for job in sorted(readers, key=lambda j: j.began):
            if now - job.began >= QUANTUM and waiting - {job.client} and job.running is not None:
                with contextlib.suppress(OSError):
                    os.kill(job.running.process.pid, signal.SIGSTOP)
                job.budget -= now - job.began
                job.running.deadline, job.phase, job.paused = math.inf, "queued", True
                self.to_read.append(job)
                return

    def read(self, job: Job) -> None:
        if job.paused and job.running is not None:  # its next turn
            job.paused, job.phase, job.began = False, "reading", time.monotonic()
            job.running.deadline = job.began + job.budget
            with contextlib.suppress(OSError):
                os.kill(job.running.process.pid, signal.SIGCONT)
            return
        from verifier.serve.checker import run_request

        ours, theirs = channel.pair()
        task = pool.Task(job.id, run_request, (job.request, self.settings, theirs))
        job.running = pool.start(task, self.settings.memory_mb, self.settings.read_timeout, forks=True)
        theirs.close()
        job.sock, job.phase = ours, "reading"
        job.began, job.budget = time.monotonic(), self.settings.read_timeout
        self.tell(job, {"kind": "reading"})

    def go(self, job: Job) -> None:
        """Give the job a verifying slot for its next chain."""
        if job.sock is None or job.running is None:
            return
        with contextlib.suppress(OSError):
            channel.send(job.sock, GO)
        job.phase, job.began, job.ahead, job.held = "verifying", time.monotonic(), None, False
        job.cpu_began = slices.cpu_seconds(job.chain_pid)
        job.running.deadline = job.began + job.budget
        self.tell(job, {"kind": "started"})

    def wait_turn(self, job: Job) -> None:
        """The job waits, idle, for a verifying slot: its time limit stops until its turn."""
        if job.phase == "verifying":
            job.budget -= time.monotonic() - job.began
        if job.running is not None:
            job.running.deadline = math.inf
        job.phase = "waiting" if job.chains > 0 else "done"
        if job.chains > 0:
            self.to_verify.append(job)

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
            kind = event.get("kind")
            if kind == "parsed" and event.get("verify") and job.running is not None:
                job.chains, job.budget = len(event.get("chains") or []), self.settings.request_timeout
                self.wait_turn(job)
                event = {**event, "ahead": len(self.to_verify)}
            elif kind == "chain" and job.phase in ("verifying", "waiting"):  # waiting: it ended as its turn did
                self.chain_done(job)
            elif kind in ("step", "diagnosis") and not self.first_time(job, event):
                continue  # a restarted chain decides its steps again: the page has them
            elif kind == "chain worker":  # its pid: its turns are counted in its own CPU time
                job.chain_pid = int(event.get("pid") or 0)
                job.cpu_began = slices.cpu_seconds(job.chain_pid)
                continue
            self.tell(job, event)

    def chain_done(self, job: Job) -> None:
        job.chains, job.held, job.ran, job.restarts, job.relayed = job.chains - 1, False, 0.0, 0, set()
        job.turns, job.chain_pid = 0, 0
        if job.phase == "verifying":
            self.wait_turn(job)
        elif job.chains <= 0 and job in self.to_verify:
            self.to_verify.remove(job)
            job.phase = "done"

    @staticmethod
    def first_time(job: Job, event: dict[str, Any]) -> bool:
        """Whether the page has not had this step of this chain yet (and note it)."""
        index = int((event.get("step") or {}).get("index", -1))
        key = (int(event.get("chain", -1)), -index if event.get("kind") == "diagnosis" else index)
        if key in job.relayed:
            return False
        job.relayed.add(key)
        return True

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
        for waiting in (self.to_read, self.to_verify):
            if job in waiting:
                waiting.remove(job)

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
