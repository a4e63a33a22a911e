"""Reference data payments keeps from other services' events: the region file's sections, every
declared line invoicing told of (held, approved, rejected) with its product, and the effective
version of every allocation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.persistence.bulk import insert_rows
from services.payments.adapters.tables import allocations, line_products, reference
from services.payments.domain.budget import HELD, REJECTED
from shared.exchange.allocation import AllocationPublished


async def store_section(conn: AsyncConnection, name: str, content: Any) -> None:
    await conn.execute(sa.delete(reference).where(reference.c.name == name))
    await conn.execute(sa.insert(reference).values(name=name, content=content))


async def section(conn: AsyncConnection, name: str, default: Any = None) -> Any:
    found = await conn.scalar(sa.select(reference.c.content).where(reference.c.name == name))
    return default if found is None else found


async def sections(conn: AsyncConnection) -> dict[str, Any]:
    return {row.name: row.content for row in await conn.execute(sa.select(reference))}


async def record_lines(conn: AsyncConnection, rows: Sequence[dict[str, Any]]) -> None:
    """Idempotent, and a decision is never undone: a line not known yet is added, a held one takes
    the final status it now has (approved), a final one stays as it is."""
    known = await statuses(conn, [r["line_id"] for r in rows])
    fresh = [r for r in rows if r["line_id"] not in known]
    await insert_rows(conn, line_products, fresh)
    for status in {r["status"] for r in rows} - {HELD}:
        await _set_status(conn, [r["line_id"] for r in rows if r["status"] == status
                                 and known.get(r["line_id"]) == HELD], status)


async def record_rejected(conn: AsyncConnection, line_ids: Sequence[str]) -> None:
    """Held lines that were rejected no longer count as in behandeling."""
    known = await statuses(conn, line_ids)
    await _set_status(conn, [i for i in line_ids if known.get(i) == HELD], REJECTED)


async def statuses(conn: AsyncConnection, ids: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    p = line_products.c
    for start in range(0, len(ids), 500):
        found |= dict((await conn.execute(sa.select(p.line_id, p.status)
                                          .where(p.line_id.in_(ids[start:start + 500])))).all())
    return found


async def _set_status(conn: AsyncConnection, ids: Sequence[str], status: str) -> None:
    for start in range(0, len(ids), 500):
        await conn.execute(sa.update(line_products).where(line_products.c.line_id.in_(ids[start:start + 500]))
                           .values(status=status))


async def record_allocation(conn: AsyncConnection, p: AllocationPublished) -> None:
    """The effective version replaces the one before; the first allocation date and referrer are
    kept, as a referral counts once, as first issued, whatever later versions say."""
    key = (allocations.c.municipality == p.municipality, allocations.c.number == p.allocation_number)
    known = (await conn.execute(sa.select(allocations.c.first_allocated_on, allocations.c.referrer_type)
                                .where(*key))).first()
    first, referrer = known if known else (None, None)
    await conn.execute(sa.delete(allocations).where(*key))
    await conn.execute(sa.insert(allocations).values(allocation_row(p, first, referrer)))


def allocation_row(p: AllocationPublished, first: date | None, referrer: str | None) -> dict[str, Any]:
    """The columns of `allocations` for a version, given the first date and referrer kept."""
    product, extent = p.product, p.extent
    return {"municipality": p.municipality, "number": p.allocation_number, "provider": p.provider_agb,
            "category": product.category if product else None, "code": product.code if product else None,
            "start": p.start, "end": p.end, "volume": extent.volume if extent else None,
            "unit": extent.unit if extent else None,
            "frequency": int(extent.frequency) if extent and extent.frequency else None,
            "deleted": p.deleted, "referrer_type": referrer or p.referrer_type,
            "first_allocated_on": min(first, p.allocated_on) if first else p.allocated_on}


async def referrer_types(conn: AsyncConnection, municipality: str, numbers: Sequence[int]) -> dict[int, str]:
    """The referrer type payments knows per allocation (the first one it was told of)."""
    a = allocations.c
    found: dict[int, str] = {}
    wanted = sorted(set(numbers))
    for start in range(0, len(wanted), 500):
        query = sa.select(a.number, a.referrer_type).where(
            a.municipality == municipality, a.number.in_(wanted[start:start + 500]), a.referrer_type.is_not(None))
        found.update({row.number: row.referrer_type for row in await conn.execute(query)})
    return found
