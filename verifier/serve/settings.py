"""What a `verifier serve` instance allows: the bounds on one derivation and the limits on the work it may cause."""

from __future__ import annotations

from dataclasses import dataclass, field

from verifier.strategies.budget import DEFAULT_BUDGET


@dataclass(frozen=True)
class Bounds:
    """Bounds on one pasted derivation; each has its own message when it is exceeded (`verifier.serve.limits`)."""

    max_bytes: int = 16_384  # the whole text, UTF-8
    max_depth: int = 24  # nesting of {…}, (…) and […] inside one display or declaration line
    max_exponent: int = 64  # a bare integer exponent, x^{64}
    max_digits: int = 12  # digits of one number
    max_size: int = 6  # a declared size (k: 2..6, A: matrix 6×6); the command line allows 12
    max_tokens: int = 400  # symbols, numbers, commands and operators in one display or declaration line
    max_displays: int = 64  # $$ … $$ displays
    max_relations: int = 128  # relations (=, \le, \Rightarrow, …) in all displays together
    max_chains: int = 16
    max_steps: int = 16  # per chain


@dataclass(frozen=True)
class ServeSettings:
    """The limits of the work one server does, and the engine's options (the command line's defaults)."""

    jobs: int = 2  # chains verified at the same time (one worker each)
    readers: int = 2  # derivations read at the same time
    queue: int = 32  # requests admitted at once (reading, waiting or verifying); beyond: HTTP 429
    per_client: int = 2  # requests one address may have admitted at once (`verifier.serve.peers`)
    forwarded_header: str = ""  # a header a trusted proxy sets to the client's address ("": the peer address)
    header_timeout: float = 10.0  # seconds to receive a request's head (its line and headers), then 408 and closed
    body_timeout: float = 10.0  # seconds to receive a request's body, then 408
    connections_per_address: int = 32  # open connections from one address (not behind a proxy); beyond: 503
    timeout: float = 60.0  # hard wall-clock limit per chain, seconds (a chain stopped is UNKNOWN)
    read_timeout: float = 20.0  # hard limit on reading one derivation (every gate, at every size)
    request_timeout: float = 300.0  # hard limit on verifying one whole derivation
    memory_mb: int = 2048  # address-space limit of every worker
    max_paused: int = 32  # chains' workers paused at once (each keeps its memory); at the cap, one is restarted
    samples: int = 200
    budget: int = DEFAULT_BUDGET
    bounds: Bounds = field(default_factory=Bounds)
