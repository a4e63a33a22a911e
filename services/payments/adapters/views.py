"""Read queries of the payments API and reports, on the read engine."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.payments.adapters import reference
from services.payments.adapters.tables import (allocations, bank_statements, ceiling_usage, ceilings, items,
                                              line_products, runs)
from services.payments.domain.budget import APPROVED, HELD


async def region_municipalities(conn: AsyncConnection) -> frozenset[str]:
    return frozenset(await reference.section(conn, "budgets", {}))


async def run_rows(conn: AsyncConnection) -> list[Any]:
    return list(await conn.execute(sa.select(runs).order_by(runs.c.due_up_to, runs.c.run_id)))


async def run_row(conn: AsyncConnection, run_id: str) -> Any:
    return (await conn.execute(sa.select(runs).where(runs.c.run_id == run_id))).first()


async def item_rows(conn: AsyncConnection, status: str | None, provider: str | None,
                    kind: str | None = None) -> list[Any]:
    query = sa.select(items).order_by(items.c.due_on, items.c.item_id)
    if kind:
        query = query.where(items.c.kind == kind)
    if status:
        query = query.where(items.c.status == status)
    if provider:
        query = query.where(items.c.provider == provider)
    return list(await conn.execute(query))


def _counted_lines(*columns: Any) -> sa.Select[Any]:
    """Approved and held lines, but a credit only once the debet it cancels is approved here: a
    credit of a debet payments never heard of (or that is still held) would take realised below
    what was ever approved."""
    p, debet = line_products.c, line_products.alias("debet")
    return (sa.select(*columns).select_from(line_products.outerjoin(debet, debet.c.line_id == p.credits))
            .where(p.status.in_([APPROVED, HELD]), sa.or_(p.credits.is_(None), debet.c.status == APPROVED)))


async def realised_rows(conn: AsyncConnection, year: int, municipalities: list[str]) -> list[Any]:
    """Approved lines and credits (realised, whether or not their JW325 has gone out) and held
    lines (in behandeling) of the municipalities with their product, by month of care; not those
    under a lump-sum schedule, which the lump sum pays (its periods are realised instead)."""
    p = line_products.c
    query = _counted_lines(p.municipality, p.period_start, p.amount, p.category, p.code, p.status).where(
        p.municipality.in_(municipalities), p.period_start >= date(year, 1, 1), p.period_start <= date(year, 12, 31),
        p.lump_sum.is_(None))
    return list(await conn.execute(query))


async def committing_rows(conn: AsyncConnection, municipalities: list[str], year: int) -> list[Any]:
    """The allocations that may commit budget in `year`: not deleted, and running into it."""
    a = allocations.c
    query = sa.select(allocations).where(
        a.municipality.in_(municipalities), a.deleted.is_(False), a.start <= date(year, 12, 31),
        sa.or_(a.end.is_(None), a.end >= date(year, 1, 1)))
    return list(await conn.execute(query))


async def referral_rows(conn: AsyncConnection, municipalities: list[str], year: int) -> list[Any]:
    """Allocations first issued in `year` with a referrer: what the referral report counts."""
    a = allocations.c
    query = sa.select(a.municipality, a.number, a.referrer_type, a.first_allocated_on).where(
        a.municipality.in_(municipalities), a.referrer_type.is_not(None),
        a.first_allocated_on >= date(year, 1, 1), a.first_allocated_on <= date(year, 12, 31))
    return list(await conn.execute(query))


async def consumed_volumes(conn: AsyncConnection, municipalities: list[str]) -> dict[tuple[str, int, str], int]:
    """Approved volume per (municipality, allocation number, unit), credits subtracted: what realised
    counts, so that realised and committed never count a volume twice or not at all."""
    p = line_products.c
    query = (_counted_lines(p.municipality, p.allocation_number, p.unit, sa.func.sum(p.volume))
             .where(p.status == APPROVED, p.municipality.in_(municipalities))
             .group_by(p.municipality, p.allocation_number, p.unit))
    return {(m, n, u): int(total) for m, n, u, total in await conn.execute(query)}


async def ceiling_rows(conn: AsyncConnection, year: int) -> tuple[list[Any], list[Any]]:
    found = list(await conn.execute(sa.select(ceilings).where(ceilings.c.year == year)))
    usage = list(await conn.execute(sa.select(ceiling_usage).where(ceiling_usage.c.year == year)))
    return found, usage


async def statement_rows(conn: AsyncConnection) -> list[Any]:
    return list(await conn.execute(sa.select(bank_statements).order_by(bank_statements.c.imported_at)))
