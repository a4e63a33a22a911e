"""The audit log's table: appending a link to the chain, reading it with filters in pages, and
reading it whole in order to verify it.

Appends are serialised, so two writers (two gateway processes sharing the consumer group) can
never both link to the same head: on PostgreSQL each appending transaction first takes an advisory
lock of its own (held until commit), and reads the head only then; SQLite serialises writers by
itself (BEGIN IMMEDIATE). The unique `prev_hash` refuses a fork even if that were bypassed.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from services.gateway.adapters.tables import audit_trail
from services.gateway.domain.audit_chain import ChainCheck, Verification, chained
from shared.clock import AMSTERDAM
from shared.persistence.rows import utc

CHAIN_LOCK_KEY = 0x61756474  # the gateway's own database; another key than the event store's
VERIFY_BATCH = 5000
t = audit_trail.c


async def append(conn: AsyncConnection, entry_id: uuid.UUID, payload: Mapping[str, Any]) -> None:
    if conn.dialect.name == "postgresql":
        await conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})
    head = (await conn.execute(sa.select(t.seq, t.hash).order_by(t.seq.desc()).limit(1))).first()
    await conn.execute(sa.insert(audit_trail).values(**chained(_entry(entry_id, payload), head and tuple(head))))


def _entry(entry_id: uuid.UUID, p: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "entry_id": entry_id, "at": utc(datetime.fromisoformat(p["at"])), "username": p["user"],
        "roles": ",".join(sorted(p.get("roles") or ())), "municipality": p.get("municipality"),
        "action": p["action"], "object": p.get("object"), "client": p.get("client"), "reason": p.get("reason"),
        "outcome": p["outcome"], "service": p["service"], "address": p.get("address"), "app": p.get("app"),
        "on_behalf_of": p.get("on_behalf_of"), "legacy": bool(p.get("legacy")),
    }


@dataclass(frozen=True)
class AuditFilter:
    username: str | None = None
    action: str | None = None
    client: str | None = None
    """The client's pseudonym (the search computes it from the BSN)."""
    municipality: str | None = None
    since: date | None = None
    until: date | None = None
    """Days in Dutch time, both included."""
    outcome: str | None = None
    service: str | None = None

    def conditions(self) -> list[Any]:
        wanted = [(self.username, t.username), (self.action, t.action), (self.client, t.client),
                  (self.municipality, t.municipality), (self.outcome, t.outcome), (self.service, t.service)]
        found: list[Any] = [column == value for value, column in wanted if value is not None]
        if self.since is not None:
            found.append(t.at >= _start_of(self.since))
        if self.until is not None:
            found.append(t.at < _start_of(self.until + timedelta(days=1)))
        return found


def _start_of(day: date) -> datetime:
    return utc(datetime.combine(day, time(), AMSTERDAM))


async def page(engine: AsyncEngine, f: AuditFilter, limit: int, before: int | None) -> list[Any]:
    """Newest first; `before`: the seq the previous page ended at (keyset paging, so entries
    appended meanwhile never shift a page)."""
    query = sa.select(audit_trail).where(*f.conditions()).order_by(t.seq.desc()).limit(limit)
    if before is not None:
        query = query.where(t.seq < before)
    async with engine.connect() as conn:
        return list(await conn.execute(query))


async def matching(engine: AsyncEngine, f: AuditFilter, batch: int = 2000) -> AsyncIterator[list[Any]]:
    """Every matching entry, oldest first, in batches (an export of a whole period)."""
    after = 0
    while True:
        query = (sa.select(audit_trail).where(*f.conditions(), t.seq > after).order_by(t.seq).limit(batch))
        async with engine.connect() as conn:
            rows = list(await conn.execute(query))
        if not rows:
            return
        yield rows
        after = rows[-1].seq


async def count(engine: AsyncEngine, f: AuditFilter) -> int:
    async with engine.connect() as conn:
        return int(await conn.scalar(sa.select(sa.func.count()).select_from(audit_trail).where(*f.conditions())))


async def verify(engine: AsyncEngine) -> Verification:
    """The whole chain, in order, in batches; stops at the first bad entry."""
    check, after = ChainCheck(), 0
    while True:
        query = sa.select(audit_trail).where(t.seq > after).order_by(t.seq).limit(VERIFY_BATCH)
        async with engine.connect() as conn:
            rows = [{**row._mapping, "at": utc(row.at)} for row in await conn.execute(query)]
        if not rows or not check.feed(rows):
            return check.done()
        after = rows[-1]["seq"]
