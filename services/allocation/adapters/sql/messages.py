"""The JW301s sent, on SQL (tables.jw301_messages)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from services.allocation.adapters.tables import jw301_messages
from services.allocation.ports import SentJw301
from shared.persistence.sql_work import Source, connected

m = jw301_messages.c


class SqlJw301Log:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def by_identification(self, identification: str) -> SentJw301 | None:
        async with connected(self._source) as conn:
            row = (await conn.execute(sa.select(jw301_messages).where(m.identification == identification))).first()
        return None if row is None else _sent(row)

    async def last_made_at(self, municipality: str, client_bsn: str, provider_agb: str) -> datetime | None:
        async with connected(self._source) as conn:
            return await conn.scalar(sa.select(sa.func.max(m.made_at)).where(
                (m.municipality == municipality) & (m.client_bsn == client_bsn) & (m.provider_agb == provider_agb)))

    async def add(self, sent: SentJw301) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.insert(jw301_messages).values(
                identification=sent.identification, message_id=sent.message_id, municipality=sent.municipality,
                client_bsn=sent.client_bsn, provider_agb=sent.provider_agb,
                allocation_numbers=list(sent.allocation_numbers), made_at=sent.made_at))


def _sent(row: Any) -> SentJw301:
    return SentJw301(row.identification, row.message_id, row.municipality, row.client_bsn, row.provider_agb,
                     tuple(row.allocation_numbers), row.made_at)
