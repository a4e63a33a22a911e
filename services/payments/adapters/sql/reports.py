"""The facts the budget, ceiling and referral reports count, on payments' tables: the declared
lines and allocations kept from other services' events, and the ceilings as projected."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

import sqlalchemy as sa

from services.payments.adapters import report_inputs as inputs
from services.payments.adapters.tables import allocations, ceiling_usage, ceilings, line_products
from services.payments.domain.budget import APPROVED, HELD
from services.payments.domain.ceilings import Ceiling
from services.payments.domain.referrals import Referral
from services.payments.ports.reads import AllocationRecord, CountedLine
from shared.persistence.sql_work import Source, connected


def _counted_lines(*columns: Any) -> sa.Select[Any]:
    """Approved and held lines, but a credit only once the debet it cancels is approved here: a
    credit of a debet payments never heard of (or that is still held) would take realised below
    what was ever approved."""
    p, debet = line_products.c, line_products.alias("debet")
    return (sa.select(*columns).select_from(line_products.outerjoin(debet, debet.c.line_id == p.credits))
            .where(p.status.in_([APPROVED, HELD]), sa.or_(p.credits.is_(None), debet.c.status == APPROVED)))


class SqlReportFacts:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def counted_lines(self, year: int, municipalities: Collection[str]) -> list[CountedLine]:
        p = line_products.c
        query = _counted_lines(p.municipality, p.period_start, p.amount, p.category, p.code, p.status).where(
            p.municipality.in_(list(municipalities)), p.period_start >= date(year, 1, 1),
            p.period_start <= date(year, 12, 31), p.lump_sum.is_(None))
        async with connected(self._source) as conn:
            return [CountedLine(**row._mapping) for row in await conn.execute(query)]

    async def committing(self, municipalities: Collection[str], year: int) -> list[AllocationRecord]:
        a = allocations.c
        query = sa.select(allocations).where(
            a.municipality.in_(list(municipalities)), a.deleted.is_(False), a.start <= date(year, 12, 31),
            sa.or_(a.end.is_(None), a.end >= date(year, 1, 1)))
        async with connected(self._source) as conn:
            return [AllocationRecord(**row._mapping) for row in await conn.execute(query)]

    async def consumed_volumes(self, municipalities: Collection[str]) -> dict[tuple[str, int, str], int]:
        p = line_products.c
        query = (_counted_lines(p.municipality, p.allocation_number, p.unit, sa.func.sum(p.volume))
                 .where(p.status == APPROVED, p.municipality.in_(list(municipalities)))
                 .group_by(p.municipality, p.allocation_number, p.unit))
        async with connected(self._source) as conn:
            return {(m, n, u): int(total) for m, n, u, total in await conn.execute(query)}

    async def referred(self, municipalities: Collection[str], year: int) -> list[Referral]:
        a = allocations.c
        query = sa.select(a.municipality, a.number, a.referrer_type, a.first_allocated_on).where(
            a.municipality.in_(list(municipalities)), a.referrer_type.is_not(None),
            a.first_allocated_on >= date(year, 1, 1), a.first_allocated_on <= date(year, 12, 31))
        async with connected(self._source) as conn:
            return inputs.referrals(await conn.execute(query))

    async def ceilings(self, year: int) -> list[Ceiling]:
        async with connected(self._source) as conn:
            found = list(await conn.execute(sa.select(ceilings).where(ceilings.c.year == year)))
            usage = list(await conn.execute(sa.select(ceiling_usage).where(ceiling_usage.c.year == year)))
        return inputs.ceilings_of(found, usage)
