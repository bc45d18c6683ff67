"""`verifier serve`: a local web page where a student pastes a LaTeX derivation and sees which line is wrong.

The page is one more renderer of the engine's results, never a second engine. Three kinds of
process, each doing one thing:

- the **server** (`app`, `broker`): Starlette under uvicorn. It never imports sympy and never
  reads LaTeX into mathematics. It checks each request against the bounds (`limits`), admits
  it into a bounded queue with a limit per address (`peers`; HTTP 429 with Retry-After beyond),
  relays its events to the page as server-sent events and renders them (`fragments`,
  `positions`). Below the app, `guard` gives each connection a deadline for its request's head
  and bounds the connections of one address.
- the **dispatcher** (`dispatcher`), spawned once: it imports the engine, then forks one worker
  per request with the pool's hard time and memory limits (`verifier.run.pool`), a few reading at a
  time and `--jobs` verifying at a time, the addresses taking turns (`fair`) by time: a chain that has
  run its slice (1 s of CPU, then 0.25 s) while another address waits is paused (SIGSTOP) until
  its next turn, at most `--max-paused` at once.
- the **request worker** (`checker`): it reads the derivation with the LaTeX reader's public
  entry point (every gate as on the command line), reports the chains or the positioned errors,
  hands its chains to the session every door uses (`verifier.run.session`), whose executor here
  waits for a verifying slot for each chain in turn and verifies it in a worker forked from itself,
  as `verifier check FILE` does from the process that loaded the file. The engine tells the
  session's step listener each step's result as soon as it is decided, and each goes up
  as one message on a socket of datagrams, so a worker killed at its time limit can never leave
  half a message behind.

Only LaTeX is accepted: no request carries Python, nothing is passed to eval, no request names
a file (the examples are read once, when the server starts), and each request's text lives in
its own worker process and its own stream.
"""

from __future__ import annotations

import importlib.util

EXTRA_MODULES = ("starlette", "uvicorn")
INSTALL_HINT = (
    'verifier serve needs the [serve] extra (Starlette and uvicorn): pip install "ml-derivation-verifier[serve]" '
    '(from a checkout: pip install -e ".[serve]")'
)


def missing() -> list[str]:
    """The modules of the [serve] extra that cannot be imported here."""
    out = []
    for name in EXTRA_MODULES:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            out.append(name)
    return out
