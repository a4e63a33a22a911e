"""The staff identities a service projects, in SQL: the kernel tables staff_identities,
staff_identity_tokens and staff_sessions, bound to the unit of work's connection. Staff
authentication reads the same tables through `StaffDirectory` (directory.py)."""

from __future__ import annotations

from datetime import datetime
from functools import partial

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.auth.identity import SessionStarted, StaffIdentified, StaffIdentities
from shared.persistence.rows import utc
from shared.persistence.sql import SqlDatabase
from shared.persistence.sql_work import SqlStore
from shared.persistence.tables import KernelTables


class SqlStaffIdentities:
    def __init__(self, tables: KernelTables, conn: AsyncConnection) -> None:
        self._tables, self._conn = tables, conn

    async def identify(self, staff: StaffIdentified) -> None:
        await self._forget(staff.username)
        await self._conn.execute(sa.insert(self._tables.staff).values(
            username=staff.username, roles=staff.roles, municipalities=staff.municipalities))
        if staff.token_hashes:
            await self._conn.execute(sa.insert(self._tables.staff_tokens),
                                     [{"token_hash": h, "username": staff.username} for h in staff.token_hashes])

    async def remove(self, username: str, at: datetime) -> None:
        await self._forget(username)
        sessions = self._tables.staff_sessions
        await end_sessions(self._conn, sessions, sessions.c.username == username, at)

    async def start_session(self, session: SessionStarted, at: datetime) -> None:
        await self._conn.execute(sa.insert(self._tables.staff_sessions).values(
            session_hash=session.session_hash, username=session.username, started_at=utc(at),
            expires_at=utc(datetime.fromisoformat(session.expires_at)), idle_seconds=session.idle_seconds))

    async def end_session(self, session_hash: str, at: datetime) -> None:
        sessions = self._tables.staff_sessions
        await end_sessions(self._conn, sessions, sessions.c.session_hash == session_hash, at)

    async def _forget(self, username: str) -> None:
        tokens, staff = self._tables.staff_tokens, self._tables.staff
        await self._conn.execute(sa.delete(tokens).where(tokens.c.username == username))
        await self._conn.execute(sa.delete(staff).where(staff.c.username == username))


async def end_sessions(conn: AsyncConnection, sessions: sa.Table, which: sa.ColumnElement[bool], at: datetime) -> None:
    """Mark the sessions ended (the first end counts). The rows stay: a cookie of an ended session
    is refused as ended, never taken for one whose start has not arrived yet."""
    await conn.execute(sa.update(sessions).where(which, sessions.c.ended_at.is_(None)).values(ended_at=utc(at)))


def identity_store(db: SqlDatabase) -> SqlStore[StaffIdentities]:
    """The service's store with its staff identities bound to each unit of work."""
    return SqlStore(db, partial(SqlStaffIdentities, db.tables))
