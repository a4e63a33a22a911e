"""The evidence records on the kernel's events table, read as stored: `uow.load` would flush what
the transaction staged, and the book and ceiling caches must only ever see committed versions
(adapters/book_store.py)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from services.payments.adapters.stored_events import decoded
from services.payments.adapters.tables import kernel
from shared.persistence.sql_work import Source, connected


def evidence_stream(declaration_id: str) -> str:
    return f"evidence-{declaration_id}"


def sections_stream(region: str) -> str:
    return f"sections-{region}"


class SqlEvidenceRecords:
    def __init__(self, source: Source, region: str) -> None:
        self._source, self._region = source, region

    async def evidence_events(self, declaration_id: str) -> int:
        e = kernel.events.c
        async with connected(self._source) as conn:
            return await conn.scalar(sa.select(sa.func.max(e.stream_version)).where(
                e.stream_id == evidence_stream(declaration_id))) or 0

    async def recorded_sections(self) -> list[tuple[str, Any]]:
        e = kernel.events.c
        async with connected(self._source) as conn:
            recorded = decoded(await conn.execute(sa.select(kernel.events).where(
                e.stream_id == sections_stream(self._region)).order_by(e.stream_version)))
        return [(r.section, r.content) for r in recorded]
