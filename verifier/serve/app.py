"""The web app: one page, its two assets, the examples, a typeset preview, and the check as a stream of events.

No route takes a path, a file name or code: the page and its assets are in memory, the examples
were read when the server started, and a check takes LaTeX text, a seed, a format and a name,
each bounded (`verifier.serve.limits`). A POST must be JSON (415 otherwise), no longer than the
bound (413 at once, by its Content-Length or as it streams in, before any work) and all there within
`body_timeout` (408). Limits count the request's address (`verifier.serve.peers`). Every response
carries a Content-Security-Policy that allows no script but the page's own, and nothing from
another origin.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from verifier.serve import assets, fair, fragments, limits, peers, scan
from verifier.serve.broker import Broker, Busy, Ticket
from verifier.serve.limits import CheckRequest
from verifier.serve.settings import Bounds, ServeSettings
from verifier.serve.streaming import Stream, input_errors

KEEP_ALIVE = 5.0  # seconds between comments on a quiet stream: a page that went away is noticed
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


class SaysItCloses:
    """An answer given before its request's body was read says `connection: close`: the server then ends the
    connection (`verifier.serve.guard`, a body the app did not read), and a keep-alive client must know."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length", b"0") not in (b"0", b"") or b"transfer-encoding" in headers
        read = not declared

        async def reading() -> Message:
            nonlocal read
            message = await receive()
            read = read or (message["type"] == "http.request" and not message.get("more_body", False))
            return message

        async def answering(message: Message) -> None:
            said = message.get("headers", [])
            if message["type"] == "http.response.start" and not read and all(k != b"connection" for k, _ in said):
                message = {**message, "headers": [*said, (b"connection", b"close")]}
            await send(message)

        await self.app(scope, reading, answering)


class Refusal(Exception):
    """A request refused before any work: its HTTP status and what to tell the page."""

    def __init__(self, status: int, error: limits.InputError, retry_after: int | None = None) -> None:
        super().__init__(error.message)
        self.status, self.error, self.retry_after = status, error, retry_after


async def read_body(request: Request, bounds: Bounds, seconds: float) -> bytes:
    """The body; Refusal 413 as soon as it is longer than the limit (by its Content-Length, or as it streams
    in: a 1 MB paste is not read to its end), and 408 if it has not all arrived within `seconds`."""
    limit = limits.body_limit(bounds)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Refusal(413, limits.too_big(int(declared) if len(declared) < 16 else limit, bounds))
    body = bytearray()
    try:
        async with asyncio.timeout(seconds):
            async for chunk in request.stream():
                body += chunk
                if len(body) > limit:
                    raise Refusal(413, limits.too_big(len(body), bounds))
    except TimeoutError:
        raise Refusal(408, limits.InputError(f"the request's body did not arrive within {seconds:g} s")) from None
    except ClientDisconnect:  # the answer is dropped; refusing keeps a client's exit out of the error log
        raise Refusal(400, limits.InputError("the connection closed before the body arrived")) from None
    return bytes(body)


async def read_check(request: Request, settings: ServeSettings) -> CheckRequest:
    """The derivation a POST asks about, or Refusal: 415 not JSON, 413 too long, 408 too slow, 400 not plain data."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":  # a cross-site form cannot send JSON without the browser asking first
        raise Refusal(415, limits.InputError("send the request as JSON (Content-Type: application/json)"))
    bounds = settings.bounds
    read = limits.read_request(await read_body(request, bounds, settings.body_timeout), bounds)
    if isinstance(read, list):
        raise Refusal(413 if read[0].kind == "size" else 400, read[0])
    return read


def client_of(request: Request, settings: ServeSettings) -> str:
    """The address the request counts against (`verifier.serve.peers`): never a name the page gives itself."""
    return peers.client_key(request.client.host if request.client else None, request.headers,
                            settings.forwarded_header)  # fmt: skip


def errors_response(errors: list[limits.InputError], path: str, status: int = 400) -> JSONResponse:
    return JSONResponse(input_errors(errors, path), status_code=status)


def refused(refusal: Refusal, path: str = "derivation.md") -> JSONResponse:
    response = errors_response([refusal.error], path, refusal.status)
    response.headers["Connection"] = "close"  # what is left of its body is never read
    if refusal.retry_after is not None:
        response.headers["Retry-After"] = str(refusal.retry_after)
    return response


class Previews:
    """Typesetting as the user types, in the server process: one at a time in all, taking turns between addresses
    (`verifier.serve.fair`: the address served longest ago goes next, so ten addresses each keeping previews in
    progress make a newcomer wait about one of theirs, not all of them), and at most PER_ADDRESS from one address
    in progress (waiting included); beyond that, 429 at once."""

    PER_ADDRESS = 2

    def __init__(self) -> None:
        self.share = fair.Share(1)
        self.waiting: list[tuple[str, asyncio.Future[None]]] = []
        self.busy = False
        self.in_progress: Counter[str] = Counter()

    async def typeset(self, client: str, text: str, bounds: Bounds) -> list[dict[str, Any]]:
        if self.in_progress[client] >= self.PER_ADDRESS:
            message = f"this address already has {self.PER_ADDRESS} previews in progress; wait for them"
            raise Refusal(429, limits.InputError(message), retry_after=1)
        self.in_progress[client] += 1
        try:
            await self._turn(client)
            try:
                return await run_in_threadpool(typeset_displays, text, bounds)
            finally:
                self._pass_on()
        finally:
            self.in_progress[client] -= 1
            if self.in_progress[client] <= 0:
                del self.in_progress[client]

    async def _turn(self, client: str) -> None:
        """Until this preview may typeset: at once when no one is, else when it is picked."""
        entry = (client, asyncio.get_running_loop().create_future())
        self.waiting.append(entry)
        if not self.busy:
            self._pass_on()
        try:
            await entry[1]
        except BaseException:  # gone while waiting: out of the line, or its turn handed on
            if entry in self.waiting:
                self.waiting.remove(entry)
            elif entry[1].done() and not entry[1].cancelled():
                self._pass_on()
            raise

    def _pass_on(self) -> None:
        """The turn to the waiting preview whose address was served longest ago (none: no one is typesetting)."""
        entry = self.share.pick(self.waiting, [], lambda e: e[0])
        self.busy = entry is not None
        if entry is not None:
            self.waiting.remove(entry)
            entry[1].set_result(None)


class Routes:
    def __init__(self, broker: Broker, settings: ServeSettings, examples: list[dict[str, Any]]) -> None:
        self.broker = broker
        self.settings = settings
        self.examples = examples
        self.previews = Previews()

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
        """Each display of the text typeset, by its line, and the bounds the text exceeds (as the user types).

        A text past the size bound is refused (413) before anything is typeset."""
        bounds = self.settings.bounds
        try:
            read = await read_check(request, self.settings)
            errors = limits.check_text(read.text, bounds)
            if errors and errors[0].kind == "size":
                raise Refusal(413, errors[0])
            lines = await self.previews.typeset(client_of(request, self.settings), read.text, bounds)
        except Refusal as refusal:
            return refused(refusal)
        return JSONResponse({**input_errors(errors, read.path), "lines": lines})

    async def check(self, request: Request) -> Response:
        """The check of one derivation: its events as a stream (400 / 413 for bad input, 429 when busy)."""
        try:
            read = await read_check(request, self.settings)
        except Refusal as refusal:
            return refused(refusal)
        errors = limits.check_text(read.text, self.settings.bounds)
        if errors:
            return errors_response(errors, read.path, 413 if errors[0].kind == "size" else 400)
        try:
            ticket = self.broker.admit(client_of(request, self.settings), read)
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


def typeset_displays(text: str, bounds: Bounds) -> list[dict[str, Any]]:
    """[{line, html}] for each display short and shallow enough to typeset (the others have their error)."""
    out = []
    for segment in scan.displays(text)[: bounds.max_displays]:
        if scan.too_deep(segment, bounds.max_depth) is not None or len(scan.tokens(segment)) > bounds.max_tokens:
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
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(SaysItCloses),
            Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts),
        ],
        lifespan=lifespan,
    )
