"""Read queries of the admins' screens: staff users with their tokens and sessions, a user's
history as the region files made it, and the region files loaded.

A region has tens to hundreds of staff users: the listing reads them whole and filters by role and
municipality here (roles and municipalities are JSON lists, which SQLite and PostgreSQL query
differently)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from services.gateway.adapters.tables import kernel, parties, region_loads, staff_tokens, staff_users
from services.gateway.domain import events as ev
from shared.auth.identity import stream_of
from shared.auth.principal import PartyKind
from shared.persistence.rows import utc


@dataclass(frozen=True)
class StaffRow:
    username: str
    name: str | None
    roles: list[str]
    municipalities: list[str]
    api_tokens: int
    open_sessions: int
    last_signed_in: datetime | None


async def staff_rows(engine: AsyncEngine, now: datetime, username: str | None = None) -> list[StaffRow]:
    """Every staff user (or the one named), by username."""
    s = kernel.staff_sessions.c
    tokens = sa.select(staff_tokens.c.username, sa.func.count().label("n")).group_by(staff_tokens.c.username)
    opened = sa.select(s.username, sa.func.count().label("n")).where(
        s.ended_at.is_(None), s.expires_at > now).group_by(s.username)
    last = sa.select(s.username, sa.func.max(s.started_at).label("at")).group_by(s.username)
    users = sa.select(staff_users).order_by(staff_users.c.username)
    if username is not None:
        users = users.where(staff_users.c.username == username)
    async with engine.connect() as conn:
        counts = {name: dict((await conn.execute(query)).all()) for name, query in
                  (("tokens", tokens), ("open", opened), ("last", last))}
        rows = list(await conn.execute(users))
    return [StaffRow(r.username, r.name, sorted(r.roles), sorted(r.municipalities), counts["tokens"].get(r.username, 0),
                     counts["open"].get(r.username, 0),
                     utc(counts["last"][r.username]) if r.username in counts["last"] else None) for r in rows]


async def open_sessions(engine: AsyncEngine, username: str, now: datetime) -> list[Any]:
    s = kernel.staff_sessions.c
    query = sa.select(s.started_at, s.expires_at).where(
        s.username == username, s.ended_at.is_(None), s.expires_at > now).order_by(s.started_at.desc())
    async with engine.connect() as conn:
        return [(utc(r.started_at), utc(r.expires_at)) for r in await conn.execute(query)]


async def staff_history(engine: AsyncEngine, username: str) -> list[tuple[datetime, str, dict[str, Any]]]:
    """The user's own events: registered (each change of roles, municipalities or password),
    token issued, removed; oldest first."""
    e = kernel.events.c
    wanted = {ev.STAFF_USER_REGISTERED: "registered", ev.STAFF_TOKEN_ISSUED: "token_issued",
              ev.STAFF_USER_REMOVED: "removed"}
    query = sa.select(e.type, e.occurred_at, e.payload).where(
        e.stream_id == stream_of(username), e.type.in_(sorted(wanted))).order_by(e.position)
    async with engine.connect() as conn:
        return [(utc(r.occurred_at), wanted[r.type], r.payload) for r in await conn.execute(query)]


async def municipality_names(engine: AsyncEngine) -> dict[str, str]:
    """Every municipality of the region (the names are public: a staff user's binding shows them)."""
    query = sa.select(parties.c.code, parties.c.name).where(parties.c.kind == PartyKind.MUNICIPALITY.value)
    async with engine.connect() as conn:
        return dict((await conn.execute(query)).all())


async def loads(engine: AsyncEngine, limit: int) -> list[Any]:
    query = sa.select(region_loads).order_by(region_loads.c.position.desc()).limit(limit)
    async with engine.connect() as conn:
        return list(await conn.execute(query))
