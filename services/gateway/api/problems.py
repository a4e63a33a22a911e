"""The gateway's own refusals as RFC 9457 problem documents (application/problem+json), in the
shape every service answers with: type, title, status, detail, and `errors` naming the field or
rule of each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi.responses import JSONResponse

PROBLEM_JSON = "application/problem+json"
INVALID_REQUEST = "urn:happyflow:problem:invalid-request"
FOREIGN_MESSAGE = "urn:happyflow:problem:not-your-message"
TITLES = {INVALID_REQUEST: "The request is not valid", FOREIGN_MESSAGE: "The message is not yours to send"}


def problem(status: int, type: str, detail: str, instance: str,
            errors: Sequence[Mapping[str, Any]] = ()) -> JSONResponse:
    body: dict[str, Any] = {"type": type, "title": TITLES[type], "status": status, "detail": detail,
                            "instance": instance}
    if errors:
        body["errors"] = [dict(e) for e in errors]
    return JSONResponse(body, status, media_type=PROBLEM_JSON)
