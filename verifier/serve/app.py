"""The web app: one page, its two assets, the examples, a typeset preview, and the check as a stream of events.

No route takes a path, a file name or code: the page and its assets are in memory, the examples
were read when the server started, and a check takes LaTeX text, a seed, a format and a name,
each bounded (`verifier.serve.limits`). Every response carries a Content-Security-Policy that
allows no script but the page's own, and nothing from another origin.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from verifier.serve import assets, fragments, limits, scan
from verifier.serve.broker import Broker, Busy, Ticket
from verifier.serve.settings import ServeSettings
from verifier.serve.streaming import Stream, input_errors

KEEP_ALIVE = 5.0  # seconds between comments on a quiet stream: a page that went away is noticed
CLIENT_HEADER = "x-verifier-client"
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
     b"img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]  # fmt: skip


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response (a plain ASGI wrapper: streams pass through untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


async def read_body(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it is longer than limit (a 1 MB paste is not read to its end)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def client_of(request: Request) -> str:
    """The page's own id (random per tab) with the peer's address."""
    page = request.headers.get(CLIENT_HEADER, "")[:64]
    host = request.client.host if request.client else "?"
    return f"{host}/{page}"


def errors_response(errors: list[limits.InputError], path: str, status: int = 400) -> JSONResponse:
    return JSONResponse(input_errors(errors, path), status_code=status)


class Routes:
    def __init__(self, broker: Broker, settings: ServeSettings, examples: list[dict[str, Any]]) -> None:
        self.broker = broker
        self.settings = settings
        self.examples = examples

    async def page(self, request: Request) -> Response:
        return HTMLResponse(assets.text("index.html"))

    async def script(self, request: Request) -> Response:
        return Response(assets.text("app.js"), media_type="text/javascript")

    async def style(self, request: Request) -> Response:
        return Response(assets.text("app.css"), media_type="text/css")

    async def no_icon(self, request: Request) -> Response:
        return Response(status_code=204)

    async def example_list(self, request: Request) -> Response:
        return JSONResponse(self.examples)

    async def health(self, request: Request) -> Response:
        return JSONResponse({"ready": self.broker.ready, "in_flight": len(self.broker.tickets)})

    async def preview(self, request: Request) -> Response:
        """Each display of the text typeset, by its line, and the bounds the text exceeds (as the user types)."""
        bounds = self.settings.bounds
        body = await read_body(request, limits.body_limit(bounds))
        read = (
            limits.read_request(body, bounds)
            if body is not None
            else [limits.too_big(limits.body_limit(bounds), bounds)]
        )
        if isinstance(read, list):
            return errors_response(read, "derivation.md", 413 if body is None else 400)
        errors = limits.check_text(read.text, bounds)
        lines = await run_in_threadpool(typeset_displays, read.text, bounds)
        return JSONResponse({**input_errors(errors, read.path), "lines": lines})

    async def check(self, request: Request) -> Response:
        """The check of one derivation: its events as a stream (400 / 413 for bad input, 429 when busy)."""
        bounds = self.settings.bounds
        body = await read_body(request, limits.body_limit(bounds))
        if body is None:
            return errors_response([limits.too_big(limits.body_limit(bounds), bounds)], "derivation.md", 413)
        read = limits.read_request(body, bounds)
        if isinstance(read, list):
            return errors_response(read, "derivation.md")
        errors = limits.check_text(read.text, bounds)
        if errors:
            return errors_response(errors, read.path, 413 if errors[0].kind == "size" else 400)
        try:
            ticket = self.broker.admit(client_of(request), read)
        except Busy as busy:
            data = {"errors": [{"line": None, "col": None, "text": str(busy)}], "html": fragments.failure(str(busy))}
            return JSONResponse(data, status_code=429, headers={"Retry-After": str(busy.retry_after)})
        return StreamingResponse(self.stream(ticket, Stream(read, self.settings)), media_type="text/event-stream")

    async def stream(self, ticket: Ticket, view: Stream) -> AsyncIterator[str]:
        finished = False
        try:
            while not finished:
                try:
                    event = await asyncio.wait_for(ticket.events.get(), KEEP_ALIVE)
                except TimeoutError:
                    yield ": still working\n\n"
                    continue
                finished = event.get("kind") == "finished"
                shown = view.render(event)
                if shown:
                    yield shown
        finally:
            if not finished:
                self.broker.cancel(ticket)


def typeset_displays(text: str, bounds: Any) -> list[dict[str, Any]]:
    """[{line, html}] for each display short and shallow enough to typeset."""
    out = []
    for segment in scan.displays(text)[: bounds.max_displays]:
        if scan.too_deep(segment, bounds.max_depth) is not None:
            continue
        line, _ = scan.position(text, segment.offset)
        out.append({"line": line, "html": fragments.preview_line(line, segment.text)})
    return out


def create_app(settings: ServeSettings, examples: list[dict[str, Any]], allowed_hosts: list[str]) -> Starlette:
    broker = Broker(settings)
    routes = Routes(broker, settings, examples)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        broker.start()
        try:
            yield
        finally:
            await run_in_threadpool(broker.stop)

    return Starlette(
        routes=[
            Route("/", routes.page),
            Route("/app.js", routes.script),
            Route("/app.css", routes.style),
            Route("/favicon.ico", routes.no_icon),
            Route("/examples", routes.example_list),
            Route("/health", routes.health),
            Route("/preview", routes.preview, methods=["POST"]),
            Route("/check", routes.check, methods=["POST"]),
        ],
        middleware=[Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)],
        lifespan=lifespan,
    )
