"""Staff sessions, owned by the gateway: started at sign-in; ended at sign-out, when the user's
password changes, or (through the user's removal) when the user is gone. Each start and end is a
gateway event, projected in the caller's transaction so the gateway itself knows at once, and an
`identity.Session…` event for the other services, which know as soon as it reaches them."""

from __future__ import annotations

import sqlalchemy as sa

from services.gateway.adapters.projections import project
from services.gateway.adapters.tables import kernel
from services.gateway.context import Gateway
from services.gateway.domain import events as ev
from shared.audit import AuditEntry
from shared.auth.identity import SESSION_ENDED, SESSION_STARTED, SessionStarted, stream_of
from shared.auth.sessions import SessionCookie, new_session
from shared.events.envelope import Envelope, NewEvent
from shared.persistence.ports import UnitOfWork


def _stream(session_hash: str) -> str:
    return f"session-{session_hash}"


async def start_session(uow: UnitOfWork, gw: Gateway, username: str) -> SessionCookie:
    now = gw.clock.now()
    cookie = new_session(username, now)
    payload = SessionStarted(cookie.hashed, username, (now + gw.session_max).isoformat(),
                             int(gw.session_idle.total_seconds())).payload()
    started = uow.append(_stream(cookie.hashed), 0, [NewEvent(ev.STAFF_SESSION_STARTED, 1, payload, now)])
    await project(uow.connection, started)
    uow.enqueue(gw.topic, [Envelope.of(stream_of(username), 0, NewEvent(
        SESSION_STARTED, 1, payload, now, causation_id=started[0].event_id))])
    return cookie


async def end_session(uow: UnitOfWork, gw: Gateway, session_hash: str, username: str, reason: str) -> bool:
    """False when there is no such session or it has ended already (a second sign-out)."""
    stream = _stream(session_hash)
    history = await uow.load(stream)
    if len(history) != 1 or history[0].payload["username"] != username:
        return False
    now = gw.clock.now()
    payload = {"session_hash": session_hash, "username": username, "reason": reason}
    ended = uow.append(stream, 1, [NewEvent(ev.STAFF_SESSION_ENDED, 1, payload, now)])
    await project(uow.connection, ended)
    uow.enqueue(gw.topic, [Envelope.of(stream_of(username), 0, NewEvent(
        SESSION_ENDED, 1, payload, now, causation_id=ended[0].event_id))])
    return True


async def end_sessions_of(uow: UnitOfWork, gw: Gateway, username: str, reason: str) -> int:
    """A region load ends the user's open sessions (a new password): each in the audit log."""
    ended = [h for h in await open_sessions(uow, gw, username) if await end_session(uow, gw, h, username, reason)]
    audit_ended_by_region(uow, gw, username, len(ended), reason)
    return len(ended)


async def open_sessions(uow: UnitOfWork, gw: Gateway, username: str) -> list[str]:
    s = kernel.staff_sessions.c
    return list(await uow.connection.scalars(sa.select(s.session_hash).where(
        s.username == username, s.ended_at.is_(None), s.expires_at > gw.clock.now())))


def audit_ended_by_region(uow: UnitOfWork, gw: Gateway, username: str, sessions: int, reason: str) -> None:
    """Nobody signed in asked for it: the entry names the user whose session ended, and why."""
    for _ in range(sessions):
        gw.audit.record(uow, AuditEntry(username, (), "logout", reason=f"session ended by a region load: {reason}"))
