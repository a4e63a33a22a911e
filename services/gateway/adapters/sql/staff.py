"""Staff users, their tokens, passwords and sessions at the gateway, in SQL. The gateway reads
its own read models (staff_users, staff_tokens) where the other services read the identities
they project (shared/auth/directory.py); the sessions table is the kernel's in both."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from services.gateway.adapters.tables import kernel, staff_passwords, staff_tokens, staff_users
from services.gateway.adapters.sql.staff_listing import staff_listing
from services.gateway.ports import SessionStart, StaffListing, StaffUser
from shared.auth.directory import principal_of, record_of
from shared.auth.identity_sql import end_sessions
from shared.auth.principal import StaffPrincipal
from shared.auth.sessions import SessionRecord
from shared.persistence.rows import grouped, utc
from shared.persistence.sql_work import Source, connected

sessions = kernel.staff_sessions


class SqlStaff:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def by_token(self, token_hash: str) -> StaffPrincipal | None:
        query = (sa.select(staff_users).join(staff_tokens, staff_tokens.c.username == staff_users.c.username)
                 .where(staff_tokens.c.token_hash == token_hash))
        async with connected(self._source) as conn:
            row = (await conn.execute(query)).first()
        return None if row is None else principal_of(row)

    async def with_session(self, username: str, session_hash: str
                           ) -> tuple[StaffPrincipal, SessionRecord | None] | None:
        s = sessions.c
        query = (sa.select(staff_users, s.session_hash, s.started_at, s.expires_at, s.idle_seconds, s.ended_at)
                 .outerjoin(sessions, sa.and_(s.username == staff_users.c.username, s.session_hash == session_hash))
                 .where(staff_users.c.username == username))
        async with connected(self._source) as conn:
            row = (await conn.execute(query)).first()
        if row is None:
            return None
        return principal_of(row), None if row.session_hash is None else record_of(row)

    async def user(self, username: str) -> StaffUser | None:
        query = (sa.select(staff_users, staff_passwords.c.password_hash)
                 .outerjoin(staff_passwords, staff_passwords.c.username == staff_users.c.username)
                 .where(staff_users.c.username == username))
        async with connected(self._source) as conn:
            row = (await conn.execute(query)).first()
        return None if row is None else StaffUser(row.username, tuple(row.roles), tuple(row.municipalities),
                                                  row.password_hash, row.name)

    async def usernames(self) -> set[str]:
        async with connected(self._source) as conn:
            return set(await conn.scalars(sa.select(staff_users.c.username)))

    async def everyone(self) -> list[StaffUser]:
        async with connected(self._source) as conn:
            rows = await conn.execute(sa.select(staff_users).order_by(staff_users.c.username))
            return [StaffUser(r.username, tuple(r.roles), tuple(r.municipalities), None, r.name) for r in rows]

    async def listing(self, now: datetime, username: str | None = None) -> list[StaffListing]:
        return await staff_listing(self._source, now, username)

    async def tokens(self) -> dict[str, frozenset[str]]:
        t = staff_tokens.c
        async with connected(self._source) as conn:
            return grouped(await conn.execute(sa.select(t.username, t.token_hash)))

    async def password_hashes(self, usernames: Sequence[str]) -> dict[str, str]:
        p = staff_passwords.c
        async with connected(self._source) as conn:
            return dict((await conn.execute(sa.select(p.username, p.password_hash)
                                            .where(p.username.in_(sorted(usernames))))).all())

    async def token_hashes(self, username: str) -> list[str]:
        t = staff_tokens.c
        async with connected(self._source) as conn:
            return sorted(await conn.scalars(sa.select(t.token_hash).where(t.username == username)))

    async def known_tokens(self, hashes: Sequence[str]) -> set[str]:
        t = staff_tokens.c
        async with connected(self._source) as conn:
            return set(await conn.scalars(sa.select(t.token_hash).where(t.token_hash.in_(list(hashes)))))

    async def register(self, users: Sequence[StaffUser]) -> None:
        async with connected(self._source) as conn:
            for user in users:
                row = {"username": user.username, "roles": list(user.roles),
                       "municipalities": list(user.municipalities), "name": user.name}
                await _upsert(conn, staff_users, staff_users.c.username, row)

    async def add_tokens(self, tokens: Sequence[tuple[str, str]]) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.insert(staff_tokens), [{"token_hash": h, "username": u} for h, u in tokens])

    async def revoke_tokens(self, token_hashes: Sequence[str]) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.delete(staff_tokens).where(staff_tokens.c.token_hash.in_(list(token_hashes))))

    async def remove(self, username: str, at: datetime) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.delete(staff_tokens).where(staff_tokens.c.username == username))
            await conn.execute(sa.delete(staff_users).where(staff_users.c.username == username))
            await end_sessions(conn, sessions, sessions.c.username == username, at)

    async def set_password(self, username: str, password_hash: str) -> None:
        async with connected(self._source) as conn:
            await _upsert(conn, staff_passwords, staff_passwords.c.username,
                          {"username": username, "password_hash": password_hash})

    async def forget_password(self, username: str) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.delete(staff_passwords).where(staff_passwords.c.username == username))


class SqlSessions:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def open_of(self, username: str, now: datetime) -> list[str]:
        s = sessions.c
        async with connected(self._source) as conn:
            return list(await conn.scalars(sa.select(s.session_hash).where(
                s.username == username, s.ended_at.is_(None), s.expires_at > now)))

    async def spans(self, username: str, now: datetime) -> list[tuple[datetime, datetime]]:
        s = sessions.c
        query = sa.select(s.started_at, s.expires_at).where(
            s.username == username, s.ended_at.is_(None), s.expires_at > now).order_by(s.started_at.desc())
        async with connected(self._source) as conn:
            return [(utc(r.started_at), utc(r.expires_at)) for r in await conn.execute(query)]

    async def start(self, started: Sequence[SessionStart]) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.insert(sessions), [{
                "session_hash": s.session_hash, "username": s.username, "started_at": utc(s.started_at),
                "expires_at": utc(s.expires_at), "idle_seconds": s.idle_seconds} for s in started])

    async def end(self, session_hash: str, at: datetime) -> None:
        async with connected(self._source) as conn:
            await end_sessions(conn, sessions, sessions.c.session_hash == session_hash, at)


async def _upsert(conn, table: sa.Table, key: sa.Column, row: dict) -> None:  # type: ignore[no-untyped-def, type-arg]
    updated = await conn.execute(sa.update(table).where(key == row[key.name]).values(**row))
    if updated.rowcount == 0:
        await conn.execute(sa.insert(table).values(**row))
