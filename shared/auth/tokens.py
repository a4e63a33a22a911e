"""Bearer tokens at one service: looked up by their hash, each unknown one counted against its
source address and written to the audit log (refused); a source that presented too many is answered 429."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from fastapi import Request

from shared.audit import REFUSED, AuditEntry, AuditTrail, Origin
from shared.auth.http import bearer_token, source_of, unauthorized
from shared.auth.secrets import token_hash
from shared.auth.throttle import Throttle, too_many
from shared.persistence.sql import SqlDatabase

T = TypeVar("T")


class TokenGuard:
    def __init__(self, throttle: Throttle, db: SqlDatabase, trail: AuditTrail) -> None:
        self._throttle, self._db, self._trail = throttle, db, trail

    async def identify(self, request: Request, lookup: Callable[[str], Awaitable[T | None]]) -> T:
        """Who the bearer token names: 401 without one or for an unknown one, 429 for a source
        over its limit (before any lookup)."""
        token = bearer_token(request)
        source = source_of(request)
        if (wait := await self._throttle.retry_after(source)) is not None:
            raise too_many(wait, "unknown tokens from your address")
        found = await lookup(token_hash(token))
        if found is None:
            await self._throttle.failed(source)
            await self._audit(request)
            raise unauthorized()
        return found

    async def _audit(self, request: Request) -> None:
        where = Origin.of(request)
        await self._trail.record_alone(self._db, AuditEntry(
            "unknown", (), "token", object=f"{request.method} {request.url.path}", reason="unknown token",
            outcome=REFUSED, address=where.address, app=where.app))
