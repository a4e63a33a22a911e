"""The requests read model on SQL (tables.requests): the access team's work list."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

import sqlalchemy as sa

from services.allocation.adapters.tables import requests
from services.allocation.ports import OPEN_STATUSES, RequestRow
from shared.persistence.sql_work import Source, connected

r = requests.c


class SqlRequests:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def row(self, provider_agb: str, reference: str) -> RequestRow | None:
        async with connected(self._source) as conn:
            found = (await conn.execute(sa.select(requests).where(_key(provider_agb, reference)))).first()
        return None if found is None else _row(found)

    async def open_for_client(self, provider_agb: str, client_bsn: str) -> bool:
        async with connected(self._source) as conn:
            found = await conn.scalar(sa.select(r.reference).where(
                (r.provider_agb == provider_agb) & (r.client_bsn == client_bsn)
                & r.status.in_(OPEN_STATUSES)).limit(1))
        return found is not None

    async def work_list(self, municipalities: frozenset[str], open_only: bool) -> list[RequestRow]:
        query = sa.select(requests).where(r.municipality.in_(sorted(municipalities)))
        if open_only:
            query = query.where(r.status.in_(OPEN_STATUSES))
        async with connected(self._source) as conn:
            return [_row(row) for row in await conn.execute(query.order_by(r.due, r.provider_agb, r.reference))]

    async def add(self, row: RequestRow) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.insert(requests).values(**asdict(row)))

    async def answer(self, provider_agb: str, reference: str, status: str, due: date | None,
                     answer: dict[str, Any]) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.update(requests).where(_key(provider_agb, reference))
                               .values(status=status, due=due, answer=answer))


def _row(row: Any) -> RequestRow:
    return RequestRow(row.provider_agb, row.reference, row.municipality, row.client_bsn, row.kind, row.status,
                      row.received_on, row.due, row.message_id, row.requested, row.answer)


def _key(provider_agb: str, reference: str) -> Any:
    return (r.provider_agb == provider_agb) & (r.reference == reference)
