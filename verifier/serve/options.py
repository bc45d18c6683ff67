"""The `verifier serve` subcommand's arguments (argparse only: `verifier --help` stays light)."""

from __future__ import annotations

import argparse
import os
from typing import Any

DESCRIPTION = """\
Serve one web page on this machine where a derivation written in LaTeX (a declaration block, then
$$ … $$ lines, as for `verifier check notes.md`) is checked line by line: each step's verdict arrives
as soon as it is decided, the first wrong line is highlighted with its counterexample, and a link
reproduces the check. Open the address it prints.

Only LaTeX is accepted, never Python. Each check runs in the worker pool with a hard time and
memory limit; the text is bounded (size, nesting, exponents, steps, declared sizes), and at most
--queue checks (--per-client from one address) are in progress at once: beyond that the page is
told to try again (HTTP 429). Workers are shared fairly: the addresses take turns, no address holds
every worker, and a chain that has run its slice (1 s of CPU, then 0.25 s) while another address waits is paused to its
next turn (its time limit counts only its running; at most --max-paused paused at once, each keeping its
memory; beyond, a chain is verified again from its start later, with the same verdict). A client
is its address, never a name it gives itself; behind a reverse proxy, --forwarded-header names the
header the proxy sets to the client's address (only if the proxy always sets it: anyone reaching the
server directly can send it too). A request's
head must arrive within --header-timeout seconds and its body within --body-timeout (HTTP 408),
and a body over the size bound is refused at once (HTTP 413). Nothing is stored. It listens on
127.0.0.1 unless --host says otherwise.
Needs the [serve] extra: pip install "ml-derivation-verifier[serve]".
"""


OPTIONS: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (("--host",), {"default": "127.0.0.1", "help": "address to listen on (default 127.0.0.1: this machine only)"}),
    (("--port",), {"type": int, "default": 8029, "help": "port (default 8029; 0 picks a free one)"}),
    (
        ("--jobs", "-j"),
        {"type": int, "default": os.cpu_count() or 1, "help": "chains verified at once (default: cores)"},
    ),
    (("--queue",), {"type": int, "default": 32, "help": "checks in progress at once, all pages together (default 32)"}),
    (
        ("--per-client",),
        {"type": int, "default": 2, "help": "checks in progress at once from one address (default 2)"},
    ),
    (
        ("--forwarded-header",),
        {
            "default": "",
            "metavar": "NAME",
            "help": "behind a reverse proxy: the header it sets to the client's address, e.g. X-Forwarded-For "
            "(its last address is used); default: none, the peer address is the client",
        },
    ),
    (
        ("--header-timeout",),
        {"type": float, "default": 10.0, "help": "seconds to receive a request's head, then 408 (default 10)"},
    ),
    (
        ("--body-timeout",),
        {"type": float, "default": 10.0, "help": "seconds to receive a request's body, then 408 (default 10)"},
    ),
    (("--timeout",), {"type": float, "default": 60.0, "help": "hard wall-clock limit per chain, seconds (default 60)"}),
    (
        ("--request-timeout",),
        {"type": float, "default": 300.0, "help": "hard limit on one check, seconds (default 300)"},
    ),
    (("--memory-mb",), {"type": int, "default": 2048, "help": "memory limit of each worker, MB (default 2048)"}),
    (
        ("--max-paused",),
        {
            "type": int,
            "default": 32,
            "help": "chains paused at once while other addresses take their turn; each "
            "keeps its memory (default 32; beyond, a chain is ended and verified again on its next turn)",
        },
    ),
    (("--samples",), {"type": int, "default": 200, "help": "numeric samples per claim and dimension (default 200)"}),
    (("--quiet", "-q"), {"action": "store_true", "help": "no request log"}),
]


def add_parser(sub: argparse._SubParsersAction, formatter: type[argparse.HelpFormatter]) -> None:
    """The `serve` subcommand and its OPTIONS (formatter: the command line's, which fits the width)."""
    what = "a local web page: paste a LaTeX derivation, see which line is wrong"
    serve = sub.add_parser("serve", help=what, description=DESCRIPTION, formatter_class=formatter)
    for flags, settings in OPTIONS:
        serve.add_argument(*flags, **settings)
