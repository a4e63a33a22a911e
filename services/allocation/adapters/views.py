"""Read queries over the allocation read models. Functions taking a connection read inside the
caller's transaction (what a handler just projected is visible); the others use the read engine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from services.allocation.adapters.tables import (
    allocations,
    approved_declarations,
    clients,
    jw301_messages,
    region_sections,
    requests,
)
from services.allocation.domain.allocation import AllocationVersion, version_from_payload

FIRST_NUMBER = 100_001


@dataclass(frozen=True)
class AllocationFilter:
    municipalities: frozenset[str]
    client_bsn: str | None = None
    provider_agb: str | None = None
    product_code: str | None = None
    category: str | None = None
    status: str | None = None  # active, ended, deleted
    period_start: date | None = None
    period_end: date | None = None


async def client_allocations(conn: AsyncConnection, client_bsn: str,
                             provider_agb: str) -> tuple[AllocationVersion, ...]:
    """Effective versions of a client's allocations at a provider, any municipality (OP259)."""
    query = sa.select(allocations.c.version).where(
        (allocations.c.client_bsn == client_bsn) & (allocations.c.provider_agb == provider_agb))
    return tuple(version_from_payload(row.version) for row in await conn.execute(query))


async def effective_version(conn: AsyncConnection, municipality: str, number: int) -> AllocationVersion | None:
    query = sa.select(allocations.c.version).where(
        (allocations.c.municipality == municipality) & (allocations.c.allocation_number == number))
    raw = await conn.scalar(query)
    return None if raw is None else version_from_payload(raw)


async def next_number(conn: AsyncConnection, municipality: str) -> int:
    highest = await conn.scalar(sa.select(sa.func.max(allocations.c.allocation_number))
                                .where(allocations.c.municipality == municipality))
    return FIRST_NUMBER if highest is None else int(highest) + 1


async def previous_jw301_at(conn: AsyncConnection, municipality: str, client_bsn: str,
                            provider_agb: str) -> datetime | None:
    m = jw301_messages.c
    return await conn.scalar(sa.select(sa.func.max(m.made_at)).where(
        (m.municipality == municipality) & (m.client_bsn == client_bsn) & (m.provider_agb == provider_agb)))


async def jw301_by_identification(conn: AsyncConnection, identification: str) -> Any:
    m = jw301_messages.c
    return (await conn.execute(sa.select(jw301_messages).where(m.identification == identification))).first()


async def client_details(conn: AsyncConnection, municipality: str, bsn: str) -> dict[str, Any] | None:
    return await conn.scalar(sa.select(clients.c.details).where(
        (clients.c.municipality == municipality) & (clients.c.client_bsn == bsn)))


async def has_approved_declarations(conn: AsyncConnection, municipality: str, number: int) -> bool:
    """TR385/OP362: approved, not credited lines on the allocation (handlers/declarations.py)."""
    a = approved_declarations.c
    lines = await conn.scalar(sa.select(a.approved_lines).where(
        (a.municipality == municipality) & (a.allocation_number == number)))
    return bool(lines)


async def open_request_for_client(conn: AsyncConnection, provider_agb: str, client_bsn: str) -> bool:
    r = requests.c
    found = await conn.scalar(sa.select(r.reference).where(
        (r.provider_agb == provider_agb) & (r.client_bsn == client_bsn)
        & r.status.in_(("received", "under_investigation"))).limit(1))
    return found is not None


async def search(engine: AsyncEngine, f: AllocationFilter, today: date, limit: int) -> list[Any]:
    a = allocations.c
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
    query = query.order_by(a.municipality, a.allocation_number).limit(limit)
    async with engine.connect() as conn:
        return list(await conn.execute(query))


def _status(status: str, today: date) -> Any:
    a = allocations.c
    running = sa.or_(a.end.is_(None), a.end >= today)
    return {"deleted": a.deleted.is_(True),
            "active": sa.and_(a.deleted.is_(False), running),
            "ended": sa.and_(a.deleted.is_(False), sa.not_(running))}.get(status, sa.false())


def status_of(version: AllocationVersion, today: date) -> str:
    if version.deleted:
        return "deleted"
    return "active" if version.end is None or version.end >= today else "ended"


async def allocation_row(engine: AsyncEngine, municipality: str, number: int) -> Any:
    a = allocations.c
    async with engine.connect() as conn:
        return (await conn.execute(sa.select(allocations).where(
            (a.municipality == municipality) & (a.allocation_number == number)))).first()


async def work_list(engine: AsyncEngine, municipalities: frozenset[str], open_only: bool) -> list[Any]:
    r = requests.c
    query = sa.select(requests).where(r.municipality.in_(sorted(municipalities)))
    if open_only:
        query = query.where(r.status.in_(("received", "under_investigation")))
    async with engine.connect() as conn:
        return list(await conn.execute(query.order_by(r.due, r.provider_agb, r.reference)))


async def request_row(engine: AsyncEngine, provider_agb: str, reference: str) -> Any:
    r = requests.c
    async with engine.connect() as conn:
        return (await conn.execute(sa.select(requests).where(
            (r.provider_agb == provider_agb) & (r.reference == reference)))).first()


async def region_municipalities(engine: AsyncEngine) -> frozenset[str]:
    """The region's municipalities: the keys of the region file's budgets section, which names
    every municipality (design.md §8)."""
    async with engine.connect() as conn:
        budgets = await conn.scalar(sa.select(region_sections.c.content).where(region_sections.c.name == "budgets"))
    return frozenset(budgets or {})


async def product_names(engine: AsyncEngine) -> dict[str, str]:
    """Product code -> name, as the region file gives them (the register itself keeps no names)."""
    async with engine.connect() as conn:
        products = await conn.scalar(sa.select(region_sections.c.content).where(region_sections.c.name == "products"))
    return {p["code"]: p["name"] for p in products or [] if isinstance(p, dict) and p.get("name")}
