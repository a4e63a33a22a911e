"""Security headers on every response, and `Cache-Control: no-store` on what may carry personal data.

Every API answer may hold a BSN, a name or an amount a person was paid, so none may be kept by a
browser or a proxy cache: `no-store` goes on every response that does not set its own
Cache-Control. The API answers JSON, XML and files, never a page to render, so its policy
forbids everything. A response that brings its own policy keeps it: the documentation pages
(shared/apidocs) and the workbench's pages (services/web/security.py) each say what they load,
all of it from our own origin. HSTS is sent only on a request that came over HTTPS (as uvicorn
sees it, behind a proxy with --proxy-headers), since over plain HTTP the header is meaningless.

The headers are constants, so this is a small middleware rather than the `secure` package,
whose middleware overwrites what a page set for itself.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
ALWAYS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-resource-policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        secure = scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                for name, value in ALWAYS.items():
                    headers.setdefault(name, value)
                headers.setdefault("content-security-policy", API_POLICY)
                headers.setdefault("cache-control", "no-store")
                if secure:
                    headers["strict-transport-security"] = HSTS
            await send(message)

        await self.app(scope, receive, with_headers)
