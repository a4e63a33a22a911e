"""Deliberate crashes, for the crash tests: with HAPPYFLOW_CRASH_AT="<point>@<n>" the process kills
itself with SIGKILL the n-th time it reaches the named point, at the moments where a crash could
lose or double something:

- `inbox:<consumer>`: a consumer's transaction committed, its bus offset not yet;
- `relay:<service>`: the broker acknowledged a batch, the outbox rows are not yet marked;
- `http:<METHOD> <route>`: a request was handled (and committed), its answer not yet sent,
  e.g. `http:POST /gateway/v1/messages@5` or `http:POST /payments/v1/runs/{run_id}/export@1`.

Unset, as everywhere outside those tests, `reached` returns at its first comparison and no
middleware is installed.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

ENV = "HAPPYFLOW_CRASH_AT"


def _plan(value: str) -> tuple[str, int] | None:
    point, _, count = value.strip().rpartition("@")
    if not point or not count.isdigit() or int(count) < 1:
        return None
    return point, int(count)


_PLAN = _plan(os.environ.get(ENV, ""))
_reached = 0


def reached(kind: str, name: str) -> None:
    """Count a pass through point `<kind>:<name>`; die on the planned pass."""
    global _reached
    if _PLAN is None or _PLAN[0] != f"{kind}:{name}":
        return
    _reached += 1
    if _reached == _PLAN[1]:
        sys.stderr.write(f"crash point {_PLAN[0]} reached {_reached} times: SIGKILL\n")
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGKILL)


def http_middleware(app: Any) -> Any:
    """`app` with the `http:` crash point around it, or `app` itself when none is planned."""
    if _PLAN is None or not _PLAN[0].startswith("http:"):
        return app

    async def crashing(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await app(scope, receive, send)

        async def answer(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and message["status"] < 400:
                route = getattr(scope.get("route"), "path", scope["path"])
                reached("http", f"{scope['method']} {route}")
            await send(message)

        await app(scope, receive, answer)

    return crashing
