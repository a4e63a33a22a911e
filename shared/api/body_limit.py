"""A request body is refused with 413 beyond its limit, before anything parses it.

The limit is `default` (JSON bodies: 1 MiB is far beyond any command of this API) unless the
route declares a larger one with FastAPI's `max_body_size` (the gateway's XML messages). A
declared Content-Length over the limit is answered at once without reading a byte; a body
without one (chunked) or one that lies is counted as it streams in and cut off where it passes
the limit, so no more than the limit is ever held in memory.

FastAPI's own `max_body_size` enforcement answers a plain-text 413, not the problem document
every other error is, so the app-wide limit is this middleware; a route's `max_body_size` only
raises it, and FastAPI's check on that route then never fires first.

An app that mounts another with limits and answers of its own (the embedded default mounts the
workbench at /, whose forms answer in HTML) leaves the mount's paths to it (`applies`); the
workbench puts this middleware on itself with an HTML page as its `refusal`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from fastapi.routing import APIRoute
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.api.problems import TOO_LARGE, Refusal, problem_response

JSON_LIMIT = 1024 * 1024


class BodyTooLarge(Refusal):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body may be at most {_size(limit)}", type=TOO_LARGE)


def _problem(limit: int, scope: Scope) -> ASGIApp:
    return problem_response(413, BodyTooLarge(limit).detail, scope["path"], type=TOO_LARGE)


class BodyLimit:
    def __init__(self, app: ASGIApp, routes: Iterable[APIRoute], default: int = JSON_LIMIT, *,
                 applies: Callable[[str], bool] | None = None,
                 refusal: Callable[[int, Scope], ASGIApp] = _problem) -> None:
        self.app = app
        self._larger = [(r.path_regex, r.methods, r.max_body_size) for r in routes
                        if r.max_body_size and r.max_body_size > default]
        self._default = default
        self._applies = applies
        self._refusal = refusal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (self._applies is not None and not self._applies(scope["path"])):
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await self._refusal(limit, scope)(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)  # an HTTPException: FastAPI passes it through body parsing
            return message

        await self.app(scope, counted, send)

    def _limit(self, scope: Scope) -> int:
        for path, methods, limit in self._larger:
            if scope["method"] in methods and path.match(scope["path"]):
                return limit
        return self._default


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit % (1024 * 1024) == 0 else f"{limit} bytes"
