"""Every error of every service as an RFC 9457 problem document of one shape.

    {"type": "urn:happyflow:problem:invalid-request", "title": "The request is not valid",
     "status": 422, "detail": "1 field is not valid", "instance": "/payments/v1/reports/budget",
     "errors": [{"field": "query.year", "message": "Input should be less than or equal to 2100"}]}

`errors` lists what broke, where a request broke named fields (`field`) or rules (`rule`); other
problems carry only the five standard members. Validation errors never echo the input: a
rejected body may be large or hold a BSN. `install` puts the handlers on an app: FastAPI's
validation errors, every HTTPException (a `Refusal` carries a type and errors), a
`ConcurrencyError` (another writer came first: 409 everywhere, on SQLite and PostgreSQL) and,
as `LastResort` middleware, anything else: logged, and answered 500 without internals.
"""

from __future__ import annotations

import http
from collections.abc import Mapping, Sequence
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.persistence.ports import ConcurrencyError

log = structlog.get_logger(__name__)

PROBLEM_JSON = "application/problem+json"
BLANK = "about:blank"
INVALID_REQUEST = "urn:happyflow:problem:invalid-request"
RULE = "urn:happyflow:problem:rule"
CONFLICT = "urn:happyflow:problem:conflict"
TOO_LARGE = "urn:happyflow:problem:body-too-large"
CSRF = "urn:happyflow:problem:csrf"
FOREIGN_MESSAGE = "urn:happyflow:problem:not-your-message"
TITLES = {
    INVALID_REQUEST: "The request is not valid",
    RULE: "A rule refused the request",
    CONFLICT: "Someone else changed this first",
    TOO_LARGE: "The request body is too large",
    CSRF: "The CSRF token is missing or wrong",
    FOREIGN_MESSAGE: "The message is not yours to send",
}
MESSAGE_LIMIT = 300
"""Characters of one error message; more is never useful and may echo input back."""


class ProblemError(BaseModel):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [
        {"field": "body.year", "message": "Input should be less than or equal to 2100"},
        {"rule": "OP259", "message": "product already allocated to this provider", "code": "0001"}]})

    field: str | None = Field(None, description="where: `body.…`, `query.…`, `path.…`")
    rule: str | None = Field(None, description="the iJw rule (TRnnn, OPnnn, XSD, …) or HF-… for our own")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details (`application/problem+json`)."""

    type: str = Field(BLANK, examples=[INVALID_REQUEST])
    title: str = Field(examples=["The request is not valid"])
    status: int = Field(examples=[422])
    detail: str | None = Field(None, examples=["1 field is not valid"])
    instance: str | None = Field(None, examples=["/payments/v1/reports/budget"])
    errors: list[ProblemError] | None = None


class Refusal(HTTPException):
    """An HTTP error with a problem type and the errors it names; raise it from a route."""

    def __init__(self, status: int, detail: str, *, type: str = BLANK, errors: Sequence[Mapping[str, Any]] = (),
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status, detail, dict(headers) if headers else None)
        self.type = type
        self.errors = [dict(e) for e in errors]


def problem_response(status: int, detail: str | None, instance: str, *, type: str = BLANK,
                     errors: Sequence[Mapping[str, Any]] = (),
                     headers: Mapping[str, str] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"type": type, "title": TITLES.get(type) or http.HTTPStatus(status).phrase,
                            "status": status}
    if detail:
        body["detail"] = detail
    body["instance"] = instance
    if errors:
        body["errors"] = [dict(e) for e in errors]
    return JSONResponse(body, status, headers=dict(headers) if headers else None, media_type=PROBLEM_JSON)


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    if isinstance(error, Refusal):
        return problem_response(error.status_code, error.detail, request.url.path, type=error.type,
                                errors=error.errors, headers=error.headers)
    detail = error.detail if isinstance(error.detail, str) else None
    return problem_response(error.status_code, detail, request.url.path, headers=error.headers)


async def _invalid_request(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [_field_error(e) for e in error.errors()]
    detail = "1 field is not valid" if len(errors) == 1 else f"{len(errors)} fields are not valid"
    return problem_response(422, detail, request.url.path, type=INVALID_REQUEST, errors=errors)


def _field_error(error: Mapping[str, Any]) -> dict[str, str]:
    """Where and why, never the input itself (`input` and `ctx` may hold the whole body)."""
    message = str(error.get("msg", "not valid"))
    if error.get("type") == "json_invalid":
        message = f"{message}: {error.get('ctx', {}).get('error', '')}".rstrip(": ")
    return {"field": ".".join(str(part) for part in error.get("loc", ())),
            "message": message[:MESSAGE_LIMIT], "type": str(error.get("type", ""))}


async def _conflict(request: Request, _error: Exception) -> JSONResponse:
    return problem_response(409, "another change to the same record was saved at the same moment; "
                            "reload and decide again", request.url.path, type=CONFLICT)


class LastResort:
    """An exception nothing else handled is logged with its trace and answered with a bare problem
    500: the client never sees a stack trace, a class name or a query."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception:
            log.exception("request failed", method=scope.get("method"), path=scope.get("path"))
            if started:
                raise
            response = problem_response(500, "the service could not complete the request; it has been logged",
                                        scope.get("path", ""))
            await response(scope, receive, send)


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(ConcurrencyError, _conflict)
