"""The session cookie on the wire: its attributes, and the renewal every service sends back.

HttpOnly (no script reads it), SameSite=Strict, and Secure whenever the request came in over
https or the service is told it sits behind a TLS-terminating proxy. No Max-Age: the browser
drops it when it closes, and the server decides about timeouts anyway.

A service that accepted a session cookie renews its activity stamp (shared/auth/sessions.py).
The authentication dependency cannot set a header on a route's own Response object, so it leaves
the renewed cookie in the request's state and `SessionRenewal` adds it to whatever response the
route gives.
"""

from __future__ import annotations

from fastapi import Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.auth.sessions import SESSION_COOKIE

RENEWED = "happyflow_session_renewed"


def is_secure(request: Request, behind_tls_proxy: bool) -> bool:
    return behind_tls_proxy or request.url.scheme == "https"


def set_session_cookie(response: Response, value: str, secure: bool) -> None:
    response.set_cookie(SESSION_COOKIE, value, httponly=True, samesite="strict", secure=secure, path="/")


def clear_session_cookie(response: Response, secure: bool) -> None:
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="strict", secure=secure, path="/")


def renew_later(request: Request, value: str, secure: bool) -> None:
    carrier = Response()
    set_session_cookie(carrier, value, secure)
    setattr(request.state, RENEWED, carrier.headers["set-cookie"])


class SessionRenewal:
    """ASGI middleware: adds the renewed session cookie a route's authentication left behind,
    unless the route set the session cookie itself (signing in or out)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_renewed(message: Message) -> None:
            renewed = scope.get("state", {}).get(RENEWED)
            if message["type"] == "http.response.start" and renewed and not _sets_session(message):
                message = {**message, "headers": [*message.get("headers", []),
                                                   (b"set-cookie", renewed.encode("latin-1"))]}
            await send(message)

        await self.app(scope, receive, send_renewed)


def _sets_session(message: Message) -> bool:
    prefix = f"{SESSION_COOKIE}=".encode()
    return any(name.lower() == b"set-cookie" and value.startswith(prefix) for name, value in message.get("headers", []))
