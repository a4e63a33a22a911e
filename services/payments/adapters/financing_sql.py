"""The financing ports (services/payments/ports.py) on the service's SQL database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from services.payments.adapters import reference
from services.payments.adapters.stored_events import decoded
from services.payments.adapters.tables import care_spells, kernel
from services.payments.domain import book as books
from services.payments.domain.monitoring import CareSpell
from shared.persistence.sql import SqlDatabase
from shared.persistence.sql_work import Source, connected

c = care_spells.c


class SqlCareSpellRecords:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def started(self, spell: CareSpell) -> None:
        key = _key(spell.municipality, spell.allocation_number, spell.begin)
        async with connected(self._source) as conn:
            if await conn.scalar(sa.select(sa.func.count()).select_from(care_spells).where(*key)):
                return
            await conn.execute(sa.insert(care_spells).values(
                municipality=spell.municipality, allocation_number=spell.allocation_number, begin=spell.begin,
                client=spell.client, provider=spell.provider, product=spell.product, end=spell.end,
                reason=spell.reason))

    async def start_withdrawn(self, municipality: str, allocation_number: int, begin: date) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.delete(care_spells).where(*_key(municipality, allocation_number, begin)))

    async def stopped(self, municipality: str, allocation_number: int, begin: date, end: date | None,
                      reason: str | None) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.update(care_spells).where(*_key(municipality, allocation_number, begin))
                               .values(end=end, reason=reason))


class SqlCareSpells:
    def __init__(self, db: SqlDatabase) -> None:
        self._db = db

    async def of_provider(self, provider: str, municipalities: Sequence[str]) -> list[CareSpell]:
        query = (sa.select(care_spells).where(c.provider == provider, c.municipality.in_(list(municipalities)))
                 .order_by(c.begin, c.municipality, c.allocation_number))
        async with self._db.engines.read.connect() as conn:
            return [CareSpell(r.municipality, r.allocation_number, r.client, r.provider, r.product, r.begin, r.end,
                              r.reason) for r in await conn.execute(query)]


def _key(municipality: str, allocation_number: int, begin: date) -> tuple[Any, ...]:
    return (c.municipality == municipality, c.allocation_number == allocation_number, c.begin == begin)


class SqlBookHistory:
    """Replays the book's stream up to a moment: the book as it stood then, whatever came after."""

    def __init__(self, db: SqlDatabase, stream: str) -> None:
        self._db, self._stream = db, stream

    async def as_of(self, moment: datetime) -> books.Book:
        e = kernel.events.c
        # SQLite keeps a timestamp as its wall time without a zone: the moment is compared in the
        # UTC the events are recorded in, not in the Dutch time a report's day ends in.
        until = moment.astimezone(UTC)
        query = (sa.select(kernel.events).where(e.stream_id == self._stream, e.recorded_at <= until)
                 .order_by(e.stream_version))
        async with self._db.engines.read.connect() as conn:
            return books.fold(decoded(await conn.execute(query)))


class SqlRegionSections:
    def __init__(self, db: SqlDatabase) -> None:
        self._db = db

    async def sections(self) -> Mapping[str, Any]:
        async with self._db.engines.read.connect() as conn:
            return await reference.sections(conn)


@dataclass(frozen=True)
class SqlFinancing:
    spells: SqlCareSpells
    history: SqlBookHistory
    region: SqlRegionSections

    @classmethod
    def on(cls, db: SqlDatabase, book_stream: str) -> SqlFinancing:
        return cls(SqlCareSpells(db), SqlBookHistory(db, book_stream), SqlRegionSections(db))
