"""An error nothing handled is logged and answered with a bare problem 500, headers included."""

from __future__ import annotations

import httpx
from structlog.testing import capture_logs

from shared.api.headers import SecurityHeaders
from shared.api.problems import LastResort


async def broken(scope, receive, send) -> None:  # type: ignore[no-untyped-def]
    raise RuntimeError("SELECT password_hash FROM staff")


async def test_an_unhandled_error_is_a_500_problem_that_tells_nothing_of_its_cause():
    app = SecurityHeaders(LastResort(broken))
    with capture_logs() as logs:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            answer = await client.post("/payments/v1/runs")
    assert answer.status_code == 500 and answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["instance"] == "/payments/v1/runs" and "password" not in answer.text
    assert answer.headers["cache-control"] == "no-store"
    assert [(log["event"], log["path"]) for log in logs] == [("request failed", "/payments/v1/runs")]
