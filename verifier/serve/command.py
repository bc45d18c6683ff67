"""`verifier serve`: check the [serve] extra, bind the address, print it, and serve until interrupted."""

from __future__ import annotations

import argparse
import socket
import sys

from verifier.serve import INSTALL_HINT, missing
from verifier.serve.settings import ServeSettings

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def settings_from(args: argparse.Namespace) -> ServeSettings:
    return ServeSettings(
        jobs=max(1, args.jobs),
        queue=max(1, args.queue),
        per_client=max(1, args.per_client),
        forwarded_header=args.forwarded_header.strip(),
        header_timeout=max(0.1, args.header_timeout),
        body_timeout=max(0.1, args.body_timeout),
        timeout=args.timeout,
        request_timeout=args.request_timeout,
        memory_mb=args.memory_mb,
        max_paused=max(0, args.max_paused),
        samples=args.samples,
    )


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (so the address printed is the one served, port 0 included)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def address(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def run_serve(args: argparse.Namespace) -> int:
    absent = missing()
    if absent:
        print(f"verifier serve: {', '.join(absent)} not installed. {INSTALL_HINT}", file=sys.stderr)
        return 2
    import uvicorn

    from verifier.serve import examples, guard
    from verifier.serve.app import create_app

    settings = settings_from(args)
    try:
        sock = bind(args.host, args.port)
    except OSError as err:
        print(f"verifier serve: cannot listen on {args.host}:{args.port}: {err.strerror or err}", file=sys.stderr)
        return 2
    hosts = ["127.0.0.1", "localhost", "[::1]", "::1"] if args.host in LOOPBACK else ["*"]
    app = create_app(settings, examples.load(examples.library_folder()), hosts)
    print(f"verifier serve: open {address(sock)} in a browser (Ctrl-C stops it)", flush=True)
    if args.host not in LOOPBACK:
        print(
            f"verifier serve: listening on {args.host}: anyone who can reach this machine can use the page", flush=True
        )
    limits = guard.Guard(settings.header_timeout, 0 if settings.forwarded_header else settings.connections_per_address)
    config = uvicorn.Config(
        app,
        http=guard.protocol(limits),
        log_level="warning" if args.quiet else "info",
        access_log=not args.quiet,
        proxy_headers=False,
        limit_concurrency=max(512, settings.queue * 16),
        timeout_graceful_shutdown=5,
    )
    uvicorn.Server(config).run(sockets=[sock])
    return 0
