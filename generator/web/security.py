"""What keeps a shared desk computer safe while the page runs: loopback only (server.py), a
Host check (a web page elsewhere cannot reach 127.0.0.1 through a name of its own: DNS
rebinding), a CSRF token on every state-changing request, a bound on every request body, and
headers that keep the case's files from being embedded or read by any other origin.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "dispute_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# No script, style, font or image from anywhere but this server: the page works offline, and
# text a document or case.toml holds can never run as script.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "x-frame-options": "DENY",
}


class TooLarge(Exception):
    """A request body over its bound."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class Csrf:
    """Double-submit token: the browser holds a random cookie (SameSite=Strict, so no other
    site's form carries it) and every form carries HMAC(secret, cookie), which only a page this
    server rendered knows."""

    def __init__(self) -> None:
        self._secret = secrets.token_bytes(32)

    @staticmethod
    def cookie(request: Request) -> str:
        value = request.cookies.get(COOKIE, "")
        return value if len(value) == 64 and all(c in "0123456789abcdef" for c in value) else ""

    def token(self, cookie: str) -> str:
        return hmac.new(self._secret, cookie.encode(), hashlib.sha256).hexdigest()

    def valid(self, request: Request, given: str) -> bool:
        cookie = self.cookie(request)
        return bool(cookie) and hmac.compare_digest(self.token(cookie), given or "")


class Guard:
    """ASGI middleware: refuse bodies over `limit(path)` bytes before or while they arrive, refuse
    cross-site requests outright, and add the headers above to every response."""

    def __init__(self, app: ASGIApp, limit: Callable[[str], int]) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("sec-fetch-site") == "cross-site":
            await _plain(send, 403, "cross-site request refused")
            return
        limit = self.limit(scope["path"])
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            await _plain(send, 413, f"request body over {limit >> 20} MB")
            return
        await self.app(scope, _bounded(receive, limit), _with_headers(send))


def _bounded(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            raise TooLarge(limit)
        return message

    return counted


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {k.lower() for k, _ in message.get("headers", [])}
            extra = [(k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in present]
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return sending


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                            *[(k.encode(), v.encode()) for k, v in HEADERS.items()]]})
    await send({"type": "http.response.body", "body": body})
