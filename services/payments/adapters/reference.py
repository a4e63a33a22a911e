"""Reference data payments keeps from other services' events: the region file's sections, the
product of every approved line, and the effective version of every allocation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.payments.adapters.tables import allocations, line_products, reference


async def store_section(conn: AsyncConnection, name: str, content: Any) -> None:
    await conn.execute(sa.delete(reference).where(reference.c.name == name))
    await conn.execute(sa.insert(reference).values(name=name, content=content))


async def section(conn: AsyncConnection, name: str, default: Any = None) -> Any:
    found = await conn.scalar(sa.select(reference.c.content).where(reference.c.name == name))
    return default if found is None else found


async def sections(conn: AsyncConnection) -> dict[str, Any]:
    return {row.name: row.content for row in await conn.execute(sa.select(reference))}


async def record_line_products(conn: AsyncConnection, rows: Sequence[dict[str, Any]]) -> None:
    """Idempotent: a redelivered settlement finds its lines recorded already."""
    ids = [r["line_id"] for r in rows]
    known: set[str] = set()
    for start in range(0, len(ids), 500):
        known |= set(await conn.scalars(sa.select(line_products.c.line_id)
                                        .where(line_products.c.line_id.in_(ids[start:start + 500]))))
    fresh = [r for r in rows if r["line_id"] not in known]
    if fresh:
        await conn.execute(sa.insert(line_products), fresh)


async def record_allocation(conn: AsyncConnection, p: dict[str, Any]) -> None:
    """The effective version replaces the one before; the first allocation date and referrer are
    kept, as a referral counts once, as first issued, whatever later versions say."""
    key = (allocations.c.municipality == p["municipality"], allocations.c.number == p["allocation_number"])
    known = (await conn.execute(sa.select(allocations.c.first_allocated_on, allocations.c.referrer_type)
                                .where(*key))).first()
    first, referrer = known if known else (None, None)
    product, extent = p.get("product") or {}, p.get("extent") or {}
    allocated_on = date.fromisoformat(p["allocated_on"])
    await conn.execute(sa.delete(allocations).where(*key))
    await conn.execute(sa.insert(allocations).values(
        municipality=p["municipality"], number=p["allocation_number"], provider=p["provider_agb"],
        category=product.get("category"), code=product.get("code"),
        start=date.fromisoformat(p["start"]), end=date.fromisoformat(p["end"]) if p.get("end") else None,
        volume=extent.get("volume"), unit=extent.get("unit"),
        frequency=int(extent["frequency"]) if extent.get("frequency") else None,
        deleted=bool(p.get("deleted")), referrer_type=referrer or p.get("referrer_type"),
        first_allocated_on=min(first, allocated_on) if first else allocated_on))


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
