"""Clients' particulars per municipality on SQL (tables.clients), and finding them."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from services.allocation.adapters.tables import allocations, clients
from services.allocation.ports import ClientQuery, FoundClient
from shared.persistence.sql_work import Source, connected

c = clients.c


class SqlClients:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def details(self, municipality: str, client_bsn: str) -> dict[str, Any] | None:
        async with connected(self._source) as conn:
            return await conn.scalar(sa.select(c.details).where(_key(municipality, client_bsn)))

    async def put_details(self, municipality: str, client_bsn: str, details: dict[str, Any]) -> None:
        async with connected(self._source) as conn:
            updated = await conn.execute(sa.update(clients).where(_key(municipality, client_bsn)).values(details=details))
            if updated.rowcount == 0:
                await conn.execute(sa.insert(clients).values(municipality=municipality, client_bsn=client_bsn,
                                                             details=details))

    async def find(self, q: ClientQuery, limit: int) -> list[FoundClient]:
        """The particulars are JSON: the surname and birth date are compared through the JSON
        accessors SQLite and PostgreSQL both have, within the caller's municipalities (the primary
        key's first column), so no full-table scan."""
        details = c.details
        query = sa.select(clients).where(c.municipality.in_(sorted(q.municipalities)))
        if q.bsn:
            query = query.where(c.client_bsn == q.bsn)
        if q.surname:
            query = query.where(sa.func.lower(details["surname"].as_string()).startswith(q.surname.lower(),
                                                                                          autoescape=True))
        if q.birth_date:
            query = query.where(details["birth_date"].as_string() == q.birth_date.isoformat())
        query = query.order_by(details["surname"].as_string(), details["birth_date"].as_string(), c.client_bsn)
        async with connected(self._source) as conn:
            rows = list(await conn.execute(query.limit(limit)))
            counts = await _allocation_counts(conn, {(r.municipality, r.client_bsn) for r in rows})
        return [FoundClient(r.municipality, r.client_bsn, r.details, counts.get((r.municipality, r.client_bsn), 0))
                for r in rows]


async def _allocation_counts(conn: Any, keys: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    if not keys:
        return {}
    a = allocations.c
    query = (sa.select(a.municipality, a.client_bsn, sa.func.count())
             .where(sa.tuple_(a.municipality, a.client_bsn).in_(sorted(keys)), a.deleted.is_(False))
             .group_by(a.municipality, a.client_bsn))
    return {(m, bsn): n for m, bsn, n in await conn.execute(query)}


def _key(municipality: str, client_bsn: str) -> Any:
    return (c.municipality == municipality) & (c.client_bsn == client_bsn)
