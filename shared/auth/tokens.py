"""Bearer tokens at one service: looked up by their hash, each unknown one counted against its
source address and written to the audit log; a source that presented too many is answered 429."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from fastapi import Request

from shared.audit import AuditEntry, record
from shared.auth.http import bearer_token, client_app, source_of, unauthorized
from shared.auth.secrets import token_hash
from shared.auth.throttle import Throttle, too_many
from shared.clock import Clock
from shared.persistence.sql import SqlDatabase

T = TypeVar("T")


class TokenGuard:
    def __init__(self, throttle: Throttle, db: SqlDatabase, clock: Clock) -> None:
        self._throttle, self._db, self._clock = throttle, db, clock

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
        async with self._db.unit_of_work() as uow:
            await record(uow.connection, self._db.tables.audit_log, AuditEntry(
                "unknown", "token", "token.failed", object=f"{request.method} {request.url.path}"[:300],
                client_app=client_app(request)), self._clock.now())
            await uow.commit()
