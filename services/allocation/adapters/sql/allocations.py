"""The allocations read model on SQL (tables.allocations): the effective version as JSON beside
the columns searches filter on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from services.allocation.adapters.tables import allocations
from services.allocation.domain.allocation import AllocationVersion, version_from_payload, version_order, version_payload
from services.allocation.ports import FIRST_NUMBER, AllocationFilter, AllocationRow
from shared.persistence.sql_work import Source, connected

PENDING = "pending"
a = allocations.c


class SqlAllocations:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def effective(self, municipality: str, number: int) -> AllocationVersion | None:
        async with connected(self._source) as conn:
            raw = await conn.scalar(sa.select(a.version).where(_key(municipality, number)))
        return None if raw is None else version_from_payload(raw)

    async def of_client_at(self, client_bsn: str, provider_agb: str) -> tuple[AllocationVersion, ...]:
        query = sa.select(a.version).where((a.client_bsn == client_bsn) & (a.provider_agb == provider_agb))
        async with connected(self._source) as conn:
            return tuple(version_from_payload(row.version) for row in await conn.execute(query))

    async def next_number(self, municipality: str) -> int:
        async with connected(self._source) as conn:
            highest = await conn.scalar(sa.select(sa.func.max(a.allocation_number)).where(a.municipality == municipality))
        return FIRST_NUMBER if highest is None else int(highest) + 1

    async def row(self, municipality: str, number: int) -> AllocationRow | None:
        async with connected(self._source) as conn:
            found = (await conn.execute(sa.select(allocations).where(_key(municipality, number)))).first()
        return None if found is None else _row(found)

    async def search(self, f: AllocationFilter, today: date, limit: int) -> list[AllocationRow]:
        query = sa.select(allocations).where(a.municipality.in_(sorted(f.municipalities)))
        for column, value in ((a.client_bsn, f.client_bsn), (a.provider_agb, f.provider_agb),
                              (a.product_code, f.product_code), (a.category, f.category)):
            if value is not None:
                query = query.where(column == value)
        if f.period_start is not None:
            query = query.where(sa.or_(a.end.is_(None), a.end >= f.period_start))
        if f.period_end is not None:
            query = query.where(a.start <= f.period_end)
        query = query.where(_status(f.status, today)) if f.status else query
        async with connected(self._source) as conn:
            rows = await conn.execute(query.order_by(a.municipality, a.allocation_number).limit(limit))
            return [_row(row) for row in rows]

    async def put_version(self, version: AllocationVersion) -> None:
        key = _key(version.municipality, version.number)
        async with connected(self._source) as conn:
            stored = await conn.scalar(sa.select(a.version).where(key))
            if stored is None:
                await conn.execute(sa.insert(allocations).values(
                    municipality=version.municipality, allocation_number=version.number,
                    receipt=PENDING, receipt_codes=[], **_columns(version)))
            elif version_order(version) > version_order(version_from_payload(stored)):
                await conn.execute(sa.update(allocations).where(key).values(**_columns(version)))

    async def record_receipt(self, municipality: str, number: int, outcome: str, codes: Sequence[str]) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.update(allocations).where(_key(municipality, number))
                               .values(receipt=outcome, receipt_codes=list(codes)))


def _columns(version: AllocationVersion) -> dict[str, Any]:
    return {
        "client_bsn": version.client_bsn, "provider_agb": version.provider_agb,
        "category": None if version.product is None else version.product.category,
        "product_code": None if version.product is None else version.product.code,
        "start": version.start, "end": version.end, "deleted": version.deleted,
        "version": version_payload(version),
    }


def _row(row: Any) -> AllocationRow:
    return AllocationRow(version_from_payload(row.version), row.receipt, tuple(row.receipt_codes))


def _key(municipality: str, number: int) -> Any:
    return (a.municipality == municipality) & (a.allocation_number == number)


def _status(status: str, today: date) -> Any:
    running = sa.or_(a.end.is_(None), a.end >= today)
    return {"deleted": a.deleted.is_(True),
            "active": sa.and_(a.deleted.is_(False), running),
            "ended": sa.and_(a.deleted.is_(False), sa.not_(running))}.get(status, sa.false())
