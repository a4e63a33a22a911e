"""What the lawfulness evidence replays, read from payments' own event store as recorded up to the
end of the report's date (Dutch time): the payment book, each settled declaration's evidence, and
the region's budgets, products and policy. Sections recorded before payments kept them as events
(an older database) come from the reference table as they stand now.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.payments.adapters import reference
from services.payments.adapters.region_terms import products_of
from services.payments.adapters.stored_events import decoded
from services.payments.domain import events as ev
from services.payments.domain.lawfulness import Facts, LawfulnessReport, assess
from services.payments.domain.lawfulness_trace import ledger, traced
from services.payments.adapters.sql.evidence import sections_stream
from services.payments.handlers.evidence import RECORDED_SECTIONS
from shared.clock import AMSTERDAM
from shared.persistence.rows import utc
from shared.persistence.tables import KernelTables


def end_of(day: date) -> datetime:
    """The first moment after `day` in Dutch time, in UTC: events recorded before it count."""
    return utc(datetime.combine(day + timedelta(days=1), time(), AMSTERDAM))


async def facts_as_of(conn: AsyncConnection, kernel: KernelTables, region: str, book_stream: str,
                      as_of: date) -> Facts:
    cutoff = end_of(as_of)
    book = await _stream(conn, kernel, cutoff, kernel.events.c.stream_id == book_stream)
    sections = await _sections(conn, kernel, region, cutoff)
    return Facts(ledger(book), sections["budgets"] or {}, products_of(sections["products"] or []),
                 sections["policy"] or {})


async def evidence_as_of(conn: AsyncConnection, kernel: KernelTables, municipality: str,
                         as_of: date) -> Mapping[str, ev.DeclarationEvidenceRecorded]:
    e = kernel.events.c
    found = await _stream(conn, kernel, end_of(as_of), e.stream_id.like("evidence-%"), e.tenant == municipality)
    return {record.declaration_id: record for record in found}


async def _stream(conn: AsyncConnection, kernel: KernelTables, cutoff: datetime, *where: Any) -> list[Any]:
    e = kernel.events.c
    query = sa.select(kernel.events).where(*where, e.recorded_at < cutoff).order_by(e.position)
    return decoded(await conn.execute(query))


async def _sections(conn: AsyncConnection, kernel: KernelTables, region: str, cutoff: datetime) -> dict[str, Any]:
    """The latest of each section recorded before the cutoff; a section never recorded as an event
    (kept before payments recorded them) as the reference table holds it."""
    e = kernel.events.c
    query = (sa.select(e.payload, e.recorded_at).where(e.stream_id == sections_stream(region))
             .order_by(e.position))
    rows = list(await conn.execute(query))
    ever = {row.payload["section"] for row in rows}
    latest = {row.payload["section"]: row.payload["content"] for row in rows if utc(row.recorded_at) < cutoff}
    return {name: latest.get(name) if name in ever else await reference.section(conn, name)
            for name in RECORDED_SECTIONS}


async def report_as_of(conn: AsyncConnection, kernel: KernelTables, region: str, book_stream: str,
                       municipality: str, year: int, as_of: date) -> LawfulnessReport:
    facts = await facts_as_of(conn, kernel, region, book_stream, as_of)
    evidence = await evidence_as_of(conn, kernel, municipality, as_of)
    refused = [{**line, "declaration_id": d.declaration_id, "declaration_number": d.declaration_number,
                "provider": d.provider} for d in evidence.values() for line in d.rejected
               if str(line.get("period_begin", "")).startswith(str(year))]
    return assess(traced(facts.ledger, evidence, municipality, year), facts, municipality, year, as_of, refused)
