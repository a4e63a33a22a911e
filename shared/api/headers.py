"""Security headers on every response, and `Cache-Control: no-store` on what may carry personal data.

Every API answer may hold a BSN, a name or an amount a person was paid, so none may be kept by a
browser or a proxy cache: `no-store` goes on every response that does not set its own
Cache-Control. The API answers JSON, XML and files, never a page to render, so its policy
forbids everything; only the documentation pages load FastAPI's Swagger UI and ReDoc (scripts
and styles from their CDN, one inline configuration script, ReDoc's worker) and get a policy
that allows exactly that. HSTS is sent only on a request that came over HTTPS (as uvicorn sees
it, behind a proxy with --proxy-headers), since over plain HTTP the header is meaningless.

The headers are constants chosen per path, so this is a small middleware rather than the
`secure` package, whose middleware applies one fixed set to every response.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
DOCS_POLICY = ("default-src 'none'; script-src https://cdn.jsdelivr.net 'unsafe-inline'; "
               "style-src https://cdn.jsdelivr.net https://fonts.googleapis.com 'unsafe-inline'; "
               "font-src https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com "
               "https://cdn.jsdelivr.net; connect-src 'self'; worker-src blob:; frame-ancestors 'none'; "
               "base-uri 'none'; form-action 'none'")
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc"})
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
        policy = DOCS_POLICY if scope["path"] in DOCS_PATHS else API_POLICY
        secure = scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                for name, value in ALWAYS.items():
                    headers[name] = value
                headers["content-security-policy"] = policy
                headers.setdefault("cache-control", "no-store")
                if secure:
                    headers["strict-transport-security"] = HSTS
            await send(message)

        await self.app(scope, receive, with_headers)
