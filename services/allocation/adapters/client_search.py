"""Finding clients by BSN, surname or birth date in the particulars the service keeps for each
municipality (tables.clients), with how many allocations (not deleted) each has there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from services.allocation.adapters.tables import allocations, clients


@dataclass(frozen=True)
class ClientQuery:
    municipalities: frozenset[str]
    bsn: str | None = None
    surname: str | None = None
    """The start of the surname (without its prefix), in any case."""
    birth_date: date | None = None

    @property
    def criteria(self) -> list[str]:
        return [name for name in ("bsn", "surname", "birth_date") if getattr(self, name)]


@dataclass(frozen=True)
class FoundClient:
    municipality: str
    client_bsn: str
    details: dict[str, Any]
    allocations: int


async def find_clients(engine: AsyncEngine, q: ClientQuery, limit: int) -> list[FoundClient]:
    """Ordered by surname and birth date. The particulars are JSON: the surname and birth date
    are compared through the JSON accessors SQLite and PostgreSQL both have, within the caller's
    municipalities (the primary key's first column), so no full-table scan."""
    c, details = clients.c, clients.c.details
    query = sa.select(clients).where(c.municipality.in_(sorted(q.municipalities)))
    if q.bsn:
        query = query.where(c.client_bsn == q.bsn)
    if q.surname:
        query = query.where(sa.func.lower(details["surname"].as_string()).startswith(q.surname.lower(),
                                                                                      autoescape=True))
    if q.birth_date:
        query = query.where(details["birth_date"].as_string() == q.birth_date.isoformat())
    query = query.order_by(details["surname"].as_string(), details["birth_date"].as_string(), c.client_bsn)
    async with engine.connect() as conn:
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
