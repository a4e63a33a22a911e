"""The staff users as the admins' screens list them, in SQL: a region has tens to hundreds of
them, so the counts come in three grouped queries beside one read of the users."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from services.gateway.adapters.tables import kernel, staff_tokens, staff_users
from services.gateway.ports import StaffListing
from shared.persistence.rows import utc
from shared.persistence.sql_work import Source, connected


async def staff_listing(source: Source, now: datetime, username: str | None = None) -> list[StaffListing]:
    s = kernel.staff_sessions.c
    tokens = sa.select(staff_tokens.c.username, sa.func.count().label("n")).group_by(staff_tokens.c.username)
    opened = sa.select(s.username, sa.func.count().label("n")).where(
        s.ended_at.is_(None), s.expires_at > now).group_by(s.username)
    last = sa.select(s.username, sa.func.max(s.started_at).label("at")).group_by(s.username)
    users = sa.select(staff_users).order_by(staff_users.c.username)
    if username is not None:
        users = users.where(staff_users.c.username == username)
    async with connected(source) as conn:
        counts = {name: dict((await conn.execute(query)).all()) for name, query in
                  (("tokens", tokens), ("open", opened), ("last", last))}
        rows = list(await conn.execute(users))
    return [StaffListing(r.username, r.name, tuple(sorted(r.roles)), tuple(sorted(r.municipalities)),
                         counts["tokens"].get(r.username, 0), counts["open"].get(r.username, 0),
                         utc(counts["last"][r.username]) if r.username in counts["last"] else None) for r in rows]
