"""The audit log's chain in SQL: appending a link, reading it with filters in pages, and reading
it whole in order to verify it.

Appends are serialised, so two writers (two gateway processes sharing the consumer group) can
never both link to the same head: on PostgreSQL each appending transaction first takes an advisory
lock of its own (held until commit), and reads the head only then; SQLite serialises writers by
itself (BEGIN IMMEDIATE). The unique `prev_hash` refuses a fork even if that were bypassed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import asdict
from typing import Any

import sqlalchemy as sa

from services.gateway.adapters.tables import audit_trail
from services.gateway.domain.audit_chain import ChainCheck, Verification, chained
from services.gateway.ports import AuditFilter, AuditRecord
from shared.persistence.rows import utc
from shared.persistence.sql_work import Source, connected

CHAIN_LOCK_KEY = 0x61756474  # the gateway's own database; another key than the event store's
VERIFY_BATCH = 5000
t = audit_trail.c


class SqlAuditLog:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def append(self, entry: Mapping[str, Any]) -> None:
        async with connected(self._source) as conn:
            if conn.dialect.name == "postgresql":
                await conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})
            head = (await conn.execute(sa.select(t.seq, t.hash).order_by(t.seq.desc()).limit(1))).first()
            await conn.execute(sa.insert(audit_trail).values(**chained(entry, head and (head.seq, head.hash))))

    async def page(self, found: AuditFilter, limit: int, before: int | None) -> list[AuditRecord]:
        query = sa.select(audit_trail).where(*_conditions(found)).order_by(t.seq.desc()).limit(limit)
        if before is not None:
            query = query.where(t.seq < before)
        return await self._records(query)

    async def matching(self, found: AuditFilter, batch: int = 2000) -> AsyncIterator[list[AuditRecord]]:
        after = 0
        while True:
            rows = await self._records(sa.select(audit_trail).where(*_conditions(found), t.seq > after)
                                       .order_by(t.seq).limit(batch))
            if not rows:
                return
            yield rows
            after = rows[-1].seq

    async def count(self, found: AuditFilter) -> int:
        async with connected(self._source) as conn:
            return int(await conn.scalar(sa.select(sa.func.count()).select_from(audit_trail)
                                         .where(*_conditions(found))))

    async def verify(self) -> Verification:
        check, after = ChainCheck(), 0
        while True:
            rows = await self._records(sa.select(audit_trail).where(t.seq > after).order_by(t.seq)
                                       .limit(VERIFY_BATCH))
            if not rows or not check.feed(asdict(row) for row in rows):
                return check.done()
            after = rows[-1].seq

    async def _records(self, query: sa.Select) -> list[AuditRecord]:  # type: ignore[type-arg]
        async with connected(self._source) as conn:
            return [AuditRecord(**{**row._mapping, "at": utc(row.at)}) for row in await conn.execute(query)]


def _conditions(found: AuditFilter) -> list[Any]:
    conditions: list[Any] = [t[name] == value for name, value in found.equal().items()]
    start, end = found.window()
    if start is not None:
        conditions.append(t.at >= start)
    if end is not None:
        conditions.append(t.at < end)
    return conditions
