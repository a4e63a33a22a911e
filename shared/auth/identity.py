"""Staff identities and sessions in every service: the gateway publishes who the staff are (never
their passwords) and which sessions it started and ended; each service projects that into its own
kernel tables and authenticates staff there, without reading another service's database.

Every one of these events is keyed by `staff-<username>`, so a service applies a user's events in
the order the gateway wrote them: a session's end never overtakes its start or the identity."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.events.envelope import Envelope
from shared.events.registry import EventType
from shared.events.serializer import to_payload
from shared.persistence.ports import UnitOfWork
from shared.persistence.rows import utc
from shared.persistence.tables import KernelTables

def stream_of(username: str) -> str:
    return f"staff-{username}"


@dataclass(frozen=True)
class StaffIdentified:
    """The whole current identity of one user: roles, municipalities and token hashes."""

    TYPE: ClassVar[str] = "identity.StaffIdentified"
    VERSION: ClassVar[int] = 1
    username: str
    roles: list[str]
    municipalities: list[str]
    token_hashes: list[str]

    def payload(self) -> dict[str, object]:
        return to_payload(self)


@dataclass(frozen=True)
class StaffRemoved:
    TYPE: ClassVar[str] = "identity.StaffRemoved"
    VERSION: ClassVar[int] = 1
    username: str


@dataclass(frozen=True)
class SessionStarted:
    TYPE: ClassVar[str] = "identity.SessionStarted"
    VERSION: ClassVar[int] = 1
    session_hash: str
    username: str
    expires_at: str
    """The absolute end (ISO 8601, UTC), whatever the activity."""
    idle_seconds: int

    def payload(self) -> dict[str, object]:
        return to_payload(self)


@dataclass(frozen=True)
class SessionEnded:
    TYPE: ClassVar[str] = "identity.SessionEnded"
    VERSION: ClassVar[int] = 1
    session_hash: str
    username: str
    reason: str


CLASSES = (StaffIdentified, StaffRemoved, SessionStarted, SessionEnded)
STAFF_IDENTIFIED = StaffIdentified.TYPE
STAFF_REMOVED = StaffRemoved.TYPE
SESSION_STARTED = SessionStarted.TYPE
SESSION_ENDED = SessionEnded.TYPE
TYPES = tuple(EventType(c.TYPE, c.VERSION) for c in CLASSES)


Apply = Callable[[AsyncConnection, KernelTables, Envelope], Awaitable[None]]


async def _identified(conn: AsyncConnection, tables: KernelTables, envelope: Envelope) -> None:
    staff = StaffIdentified(**envelope.payload)
    await _forget(conn, tables, staff.username)
    await conn.execute(sa.insert(tables.staff).values(username=staff.username, roles=staff.roles,
                                                      municipalities=staff.municipalities))
    if staff.token_hashes:
        await conn.execute(sa.insert(tables.staff_tokens), [{"token_hash": h, "username": staff.username}
                                                            for h in staff.token_hashes])


async def _removed(conn: AsyncConnection, tables: KernelTables, envelope: Envelope) -> None:
    username = envelope.payload["username"]
    await _forget(conn, tables, username)
    await end_sessions(conn, tables.staff_sessions, tables.staff_sessions.c.username == username, envelope.occurred_at)


async def _session_started(conn: AsyncConnection, tables: KernelTables, envelope: Envelope) -> None:
    started = SessionStarted(**envelope.payload)
    await conn.execute(sa.insert(tables.staff_sessions).values(
        session_hash=started.session_hash, username=started.username, started_at=utc(envelope.occurred_at),
        expires_at=utc(datetime.fromisoformat(started.expires_at)), idle_seconds=started.idle_seconds))


async def _session_ended(conn: AsyncConnection, tables: KernelTables, envelope: Envelope) -> None:
    sessions = tables.staff_sessions
    await end_sessions(conn, sessions, sessions.c.session_hash == envelope.payload["session_hash"],
                       envelope.occurred_at)


async def _forget(conn: AsyncConnection, tables: KernelTables, username: str) -> None:
    await conn.execute(sa.delete(tables.staff_tokens).where(tables.staff_tokens.c.username == username))
    await conn.execute(sa.delete(tables.staff).where(tables.staff.c.username == username))


async def end_sessions(conn: AsyncConnection, sessions: sa.Table, which: sa.ColumnElement[bool], at: datetime) -> None:
    """Mark the sessions ended (the first end counts). The rows stay: a cookie of an ended session
    is refused as ended, never taken for one whose start has not arrived yet."""
    await conn.execute(sa.update(sessions).where(which, sessions.c.ended_at.is_(None)).values(ended_at=utc(at)))


APPLY: dict[str, Apply] = {
    STAFF_IDENTIFIED: _identified,
    STAFF_REMOVED: _removed,
    SESSION_STARTED: _session_started,
    SESSION_ENDED: _session_ended,
}


def identity_projector(tables: KernelTables):  # type: ignore[no-untyped-def]
    async def apply(uow: UnitOfWork, envelope: Envelope) -> None:
        await APPLY[envelope.type](uow.connection, tables, envelope)

    return apply
