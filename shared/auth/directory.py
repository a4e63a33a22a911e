"""Where a service looks staff up: users, their token hashes and their sessions.

The gateway reads its own read models (staff_users, staff_tokens); the other services read the
kernel tables they project from the gateway's identity events. Both have the same columns, so one
directory serves both, given the tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from shared.auth.principal import Role, StaffPrincipal
from shared.auth.sessions import SessionRecord
from shared.persistence.rows import utc


class Directory(Protocol):
    """What staff authentication asks (a service's port: the gateway's own staff read models)."""

    async def by_token(self, hashed: str) -> StaffPrincipal | None: ...

    async def with_session(self, username: str, hashed: str) -> tuple[StaffPrincipal, SessionRecord | None] | None: ...


@dataclass(frozen=True)
class StaffDirectory:
    engine: AsyncEngine
    users: sa.Table
    tokens: sa.Table
    sessions: sa.Table

    async def by_token(self, hashed: str) -> StaffPrincipal | None:
        query = (sa.select(self.users).join(self.tokens, self.tokens.c.username == self.users.c.username)
                 .where(self.tokens.c.token_hash == hashed))
        async with self.engine.connect() as conn:
            row = (await conn.execute(query)).first()
        return None if row is None else principal_of(row)

    async def with_session(self, username: str, hashed: str) -> tuple[StaffPrincipal, SessionRecord | None] | None:
        """The user's current identity and the session of theirs with this hash (None when this
        service has not heard of it); None when the user is not (or no longer) known here."""
        s = self.sessions.c
        query = (sa.select(self.users, s.session_hash, s.started_at, s.expires_at, s.idle_seconds, s.ended_at)
                 .outerjoin(self.sessions, sa.and_(s.username == self.users.c.username, s.session_hash == hashed))
                 .where(self.users.c.username == username))
        async with self.engine.connect() as conn:
            row = (await conn.execute(query)).first()
        if row is None:
            return None
        return principal_of(row), None if row.session_hash is None else record_of(row)


def principal_of(row: Any) -> StaffPrincipal:
    return StaffPrincipal(row.username, row.username, frozenset(Role(r) for r in row.roles),
                          frozenset(row.municipalities))


def record_of(row: Any) -> SessionRecord:
    ended = None if row.ended_at is None else utc(row.ended_at)
    return SessionRecord(utc(row.started_at), utc(row.expires_at), row.idle_seconds, ended)
