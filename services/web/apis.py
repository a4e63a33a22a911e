"""How the workbench calls the services: one HTTP client per service, and one `ApiSession` per
page request that calls them as the signed-in user, with the user's own session cookie.

The workbench holds no credentials of its own: whatever a page shows, the service decided the
user may see. `api_headers` is the one place that says what goes along with every call.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http.cookiejar import DefaultCookiePolicy
from typing import Any, TypeVar

import httpx
from fastapi import Request

from shared.api.csrf import CSRF_COOKIE, CSRF_HEADER
from shared.auth.cookies import RENEWED
from shared.auth.sessions import SESSION_COOKIE

SERVICES = ("gateway", "allocation", "invoicing", "payments")
FORWARDED_COOKIES = (SESSION_COOKIE, CSRF_COOKIE)
"""The browser's cookies that belong to the services (never the workbench's own form cookie)."""
USER_AGENT = "happyflow-workbench"
T = TypeVar("T")


class ApiError(Exception):
    def __init__(self, status: int, message: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or []
        """The problem document's `errors`: each names a `field` (body.…) or a `rule` (TR332, …)."""


class SignInRequired(ApiError):
    """401: no session, or it ended."""


class NotAllowed(ApiError):
    """403: the user lacks the role."""


class NotFound(ApiError):
    """404: not there, or outside the user's municipalities (the services do not say which)."""


class Refused(ApiError):
    """409 or 422: the service refused the action; `message` says why."""


class Unavailable(ApiError):
    """The service did not answer, or answered 5xx."""


ERRORS: dict[int, type[ApiError]] = {401: SignInRequired, 403: NotAllowed, 404: NotFound, 409: Refused, 422: Refused}


def api_headers(request: Request) -> dict[str, str]:
    """What every call to a service carries: the user's own cookies for the services, and the
    services' CSRF token (set by the sign-in's answer) repeated in its header, as a change made
    with the session cookie needs (shared/api/csrf.py)."""
    cookies = "; ".join(f"{name}={request.cookies[name]}" for name in FORWARDED_COOKIES if name in request.cookies)
    headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
    if cookies:
        headers["Cookie"] = cookies
    if CSRF_COOKIE in request.cookies:
        headers[CSRF_HEADER] = request.cookies[CSRF_COOKIE]
    return headers


def message_of(response: httpx.Response) -> str:
    """The refusal's text from a service's error body (FastAPI's `detail`, a problem's
    `detail`/`title`, or a list of field errors)."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:500] or response.reason_phrase
    detail = body.get("detail") or body.get("title") if isinstance(body, dict) else body
    if isinstance(detail, list):
        return "; ".join(str(e.get("msg", e)) if isinstance(e, dict) else str(e) for e in detail)
    if isinstance(body, dict) and body.get("rule"):
        return f"{body['rule']}: {body.get('message', detail)}"
    return str(detail or response.reason_phrase)


def errors_of(response: httpx.Response) -> list[dict[str, Any]]:
    """The problem document's `errors`, each a dict (none when the body is not a problem)."""
    try:
        body = response.json()
    except ValueError:
        return []
    errors = body.get("errors") if isinstance(body, dict) else None
    return [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []


@dataclass
class Apis:
    """The workbench's clients, one per service; in the embedded default all four share one
    in-process transport (no socket)."""

    clients: dict[str, httpx.AsyncClient]
    cache: dict[str, Any] = field(default_factory=dict)
    """Reference data that is the same for every user (the retourcodes)."""

    @classmethod
    def over_http(cls, base_urls: dict[str, str], timeout: float) -> Apis:
        return cls({name: _keeping_no_cookies(httpx.AsyncClient(base_url=base_urls[name], timeout=timeout))
                    for name in SERVICES})

    @classmethod
    def in_process(cls, transport: httpx.AsyncBaseTransport, timeout: float) -> Apis:
        client = _keeping_no_cookies(httpx.AsyncClient(transport=transport, base_url="http://happyflow",
                                                       timeout=timeout))
        return cls({name: client for name in SERVICES})

    async def close(self) -> None:
        for client in {id(c): c for c in self.clients.values()}.values():
            await client.aclose()


class ApiSession:
    """The services as the user of one request sees them."""

    def __init__(self, apis: Apis, request: Request) -> None:
        self._apis = apis
        self._request = request
        self._headers = api_headers(request)

    async def get(self, service: str, path: str, params: dict[str, Any] | None = None) -> httpx.Response:
        return await self._call(service, "GET", path, params=_present(params or {}))

    async def post(self, service: str, path: str, json: Any = None) -> httpx.Response:
        return await self._call(service, "POST", path, json=json)

    async def post_content(self, service: str, path: str, content: bytes, content_type: str) -> httpx.Response:
        """A body that is not JSON (an uploaded file), sent as it is."""
        return await self._call(service, "POST", path, content=content, content_type=content_type)

    async def cached(self, key: str, load: Callable[[], Awaitable[T]]) -> T:
        if key not in self._apis.cache:
            self._apis.cache[key] = await load()
        return self._apis.cache[key]  # type: ignore[no-any-return]

    async def _call(self, service: str, method: str, path: str, content_type: str | None = None,
                    **kwargs: Any) -> httpx.Response:
        headers = {**self._headers, "Content-Type": content_type} if content_type else self._headers
        try:
            response = await self._apis.clients[service].request(method, path, headers=headers, **kwargs)
        except httpx.TransportError as error:
            raise Unavailable(503, f"{service} is not reachable ({type(error).__name__})") from None
        _keep_renewed_session(self._request, response)
        if response.status_code >= 500:
            raise Unavailable(response.status_code, f"{service} answered {response.status_code}")
        if response.status_code >= 400:
            raise ERRORS.get(response.status_code, Refused)(response.status_code, message_of(response),
                                                            errors_of(response))
        return response


def _keep_renewed_session(request: Request, response: httpx.Response) -> None:
    """A service that accepted the session answers with its activity stamp renewed; the page's
    answer carries the newest on to the browser (`SessionRenewal`), or the session would end 30
    minutes after signing in however busy its user (shared/auth/sessions.py)."""
    for header in response.headers.get_list("set-cookie"):
        if header.startswith(f"{SESSION_COOKIE}="):
            setattr(request.state, RENEWED, header)


def _keeping_no_cookies(client: httpx.AsyncClient) -> httpx.AsyncClient:
    """The clients serve every user: a session cookie a service sets (the sign-in) must go to that
    user's browser only, never into the client's jar, which would send it for the next caller."""
    client.cookies.jar.set_policy(DefaultCookiePolicy(allowed_domains=[]))
    return client


def _present(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if v not in (None, "")}
