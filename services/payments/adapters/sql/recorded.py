"""What payments had recorded by the end of a day, read from its own event store (the lawfulness
evidence as of a date): the payment book, each settled declaration's evidence, and the region's
sections. Sections recorded before payments kept them as events (an older database) come from the
reference table as they stand now."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.payments.adapters import reference
from services.payments.adapters.sql.evidence import sections_stream
from services.payments.adapters.stored_events import decoded
from services.payments.adapters.tables import kernel
from services.payments.domain import events as ev
from services.payments.domain.calendar_periods import end_of
from services.payments.domain.evidence_lines import joined
from shared.persistence.rows import utc
from shared.persistence.sql_work import Source, connected

e = kernel.events.c


class SqlRecordedAsOf:
    def __init__(self, source: Source, region: str, book_stream: str) -> None:
        self._source, self._region, self._book = source, region, book_stream

    async def book_events(self, as_of: date) -> list[Any]:
        async with connected(self._source) as conn:
            return await _stream(conn, end_of(as_of), e.stream_id == self._book)

    async def evidence(self, municipality: str, as_of: date) -> Mapping[str, ev.DeclarationEvidenceRecorded]:
        async with connected(self._source) as conn:
            found = await _stream(conn, end_of(as_of), e.stream_id.like("evidence-%"), e.tenant == municipality)
        return joined(found)

    async def sections(self, as_of: date, names: Sequence[str]) -> dict[str, Any]:
        cutoff = end_of(as_of)
        query = (sa.select(e.payload, e.recorded_at).where(e.stream_id == sections_stream(self._region))
                 .order_by(e.position))
        async with connected(self._source) as conn:
            rows = list(await conn.execute(query))
            ever = {row.payload["section"] for row in rows}
            latest = {row.payload["section"]: row.payload["content"] for row in rows if utc(row.recorded_at) < cutoff}
            return {name: latest.get(name) if name in ever else await reference.section(conn, name)
                    for name in names}


async def _stream(conn: AsyncConnection, cutoff: datetime, *where: Any) -> list[Any]:
    query = sa.select(kernel.events).where(*where, e.recorded_at < cutoff).order_by(e.position)
    return decoded(await conn.execute(query))
