"""The SQL implementation of `RegionFacts` (services/payments/ports.py) on a unit of work's
connection or the read engine."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from services.payments.adapters import reference
from services.payments.adapters.tables import (allocations, line_products, outcome_allocations, outcome_scores,
                                              outcome_stops)
from services.payments.domain.budget import APPROVED, HELD
from services.payments.domain.outcome_periods import Period, parse_period
from services.payments.domain.outcome_scores import Score
from services.payments.domain.outcomes import AllocationStart, Trajectory
from services.payments.ports import AllocationFact, DeclaredLine, StopFact
from shared.persistence.sql_work import Source, connected

KEY_SECTION = "pseudonym_key"


def pseudonym_of(key: bytes, bsn: str) -> str:
    digest = hmac.new(key, bsn.encode(), hashlib.sha256).digest()
    return "P" + base64.b32encode(digest[:10]).decode().rstrip("=")


class SqlRegionFacts:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def pseudonym(self, bsn: str) -> str:
        """The key is made once per database, at the first client, and kept with the reference
        data; it never leaves payments."""
        async with connected(self._source) as conn:
            key = await reference.section(conn, KEY_SECTION)
            if key is None:
                key = secrets.token_hex(32)
                await reference.store_section(conn, KEY_SECTION, key)
            return pseudonym_of(bytes.fromhex(key), bsn)

    async def record_allocation(self, fact: AllocationFact) -> None:
        async with connected(self._source) as conn:
            t = outcome_allocations
            await conn.execute(sa.delete(t).where(t.c.municipality == fact.municipality, t.c.number == fact.number))
            await conn.execute(sa.insert(t).values(
                municipality=fact.municipality, number=fact.number, client=fact.client, provider=fact.provider,
                code=fact.code, start=fact.start, deleted=fact.deleted))

    async def record_stop(self, fact: StopFact) -> None:
        async with connected(self._source) as conn:
            t = outcome_stops
            await conn.execute(sa.delete(t).where(t.c.municipality == fact.municipality, t.c.number == fact.number,
                                                       t.c.code == (fact.code or ""), t.c.begin == fact.begin))
            if fact.end is not None and fact.reason is not None:
                await conn.execute(sa.insert(t).values(
                    municipality=fact.municipality, number=fact.number, code=fact.code or "", begin=fact.begin,
                    provider=fact.provider, end=fact.end, reason=fact.reason))

    async def trajectories(self, municipalities: Collection[str], period: Period) -> list[Trajectory]:
        async with connected(self._source) as conn:
            s, a = outcome_stops.c, outcome_allocations.c
            query = (sa.select(s.municipality, s.number, a.client, s.provider, s.code, s.begin, s.end, s.reason)
                     .select_from(outcome_stops.join(outcome_allocations, sa.and_(
                         a.municipality == s.municipality, a.number == s.number)))
                     .where(s.municipality.in_(list(municipalities)), s.end >= period.first, s.end <= period.last,
                            a.deleted.is_(False)))
            return [Trajectory(r.municipality, r.number, r.client, r.provider, r.code or None, r.begin, r.end, r.reason)
                    for r in await conn.execute(query)]

    async def starts_after(self, clients: Collection[str], after: date) -> list[AllocationStart]:
        async with connected(self._source) as conn:
            a, found, wanted = outcome_allocations.c, [], sorted(clients)
            for first in range(0, len(wanted), 500):
                query = sa.select(a.client, a.municipality, a.number, a.start).where(
                    a.client.in_(wanted[first:first + 500]), a.start > after, a.deleted.is_(False))
                found += [AllocationStart(r.client, r.municipality, r.number, r.start)
                          for r in await conn.execute(query)]
            return found

    async def scores(self, period: Period) -> list[Score]:
        async with connected(self._source) as conn:
            t = outcome_scores.c
            rows = await conn.execute(sa.select(outcome_scores).where(t.period == period.label))
            return [Score(r.provider, r.code or None, parse_period(r.period) or period, r.satisfaction,
                          r.goal_attainment, r.respondents) for r in rows]

    async def declared_lines(self, municipalities: Collection[str], first: date, last: date) -> list[DeclaredLine]:
        """Counted as the budget counts (views.realised_rows): a credit only once its debet is approved;
        a line under a lump-sum schedule says so (the budget leaves it out)."""
        async with connected(self._source) as conn:
            p, debet, a = line_products.c, line_products.alias("debet"), allocations.c
            query = (sa.select(p.municipality, a.provider, p.category, p.code, p.unit, p.volume, p.amount,
                               p.period_start, p.status, p.lump_sum)
                     .select_from(line_products.outerjoin(debet, debet.c.line_id == p.credits).join(
                         allocations, sa.and_(a.municipality == p.municipality, a.number == p.allocation_number)))
                     .where(p.status.in_([APPROVED, HELD]), sa.or_(p.credits.is_(None), debet.c.status == APPROVED),
                            p.municipality.in_(list(municipalities)), p.period_start >= first, p.period_start <= last))
            return [DeclaredLine(r.municipality, r.provider, r.category, r.code, r.unit, int(r.volume), int(r.amount),
                                 r.period_start, r.status == HELD, r.lump_sum) for r in await conn.execute(query)]

    async def sections(self) -> dict[str, Any]:
        async with connected(self._source) as conn:
            return await reference.sections(conn)
