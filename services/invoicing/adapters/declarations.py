"""Read side of whole declarations for finance: find them by number, provider or client, and
read one with every line, its totals per status and the JW325 it got; the received JW323 and the
sent JW325 as kept. Always within the caller's municipalities."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.tables import answer_bodies, declaration_bodies, declarations, lines
from services.invoicing.domain.policy import Status
from services.invoicing.ports import DeclarationSearch

d, ln = declarations.c, lines.c
DECLARATION_COLUMNS = (d.declaration_id, d.number, d.message_identification, d.provider, d.municipality,
                       d.period_begin, d.received_on, d.due_on.label("answer_due"), d.status, d.submitted,
                       d.granted, d.answer_id, d.answered_on, d.answer_codes)


def _found(f: DeclarationSearch, *columns: Any) -> sa.Select[Any]:
    query = sa.select(*columns).where(d.municipality.in_(sorted(f.municipalities)))
    for value, condition in ((f.number, lambda: d.number == f.number), (f.provider, lambda: d.provider == f.provider),
                             (f.municipality, lambda: d.municipality == f.municipality),
                             (f.bsn, lambda: d.declaration_id.in_(sa.select(ln.declaration_id).where(ln.bsn == f.bsn)))):
        if value is not None:
            query = query.where(condition())
    return query


def search_query(f: DeclarationSearch, limit: int, offset: int) -> sa.Select[Any]:
    """Newest first; the key last, so pages never overlap."""
    return (_found(f, *DECLARATION_COLUMNS).order_by(d.received_on.desc(), d.number, d.declaration_id)
            .limit(limit).offset(offset))


def search_count(f: DeclarationSearch) -> sa.Select[Any]:
    return _found(f, sa.func.count())


async def held_of(conn: AsyncConnection, declaration_ids: list[str], bsn: str | None) -> dict[str, list[str]]:
    """Each declaration's held lines (only the client's, when a client was searched), first few."""
    query = sa.select(ln.declaration_id, ln.reference).where(
        ln.declaration_id.in_(declaration_ids), ln.status == Status.HELD.value).order_by(ln.declaration_id, ln.reference)
    if bsn is not None:
        query = query.where(ln.bsn == bsn)
    held: dict[str, list[str]] = defaultdict(list)
    for row in await conn.execute(query):
        held[row.declaration_id].append(row.reference)
    return held


async def declaration_row(conn: AsyncConnection, declaration_id: str, municipalities: frozenset[str]) -> Any:
    return (await conn.execute(sa.select(*DECLARATION_COLUMNS).where(
        d.declaration_id == declaration_id, d.municipality.in_(sorted(municipalities))))).first()


def lines_query(declaration_id: str, status: str | None, limit: int, offset: int) -> sa.Select[Any]:
    """The declaration's lines, held ones first (what still needs a decision), then rejected and
    approved, client by client within each."""
    query = sa.select(ln.reference, ln.bsn, ln.allocation_number, ln.status, ln.codes, ln.signed_amount, ln.line,
                      ln.claimed_by).where(ln.declaration_id == declaration_id)
    if status is not None:
        query = query.where(ln.status == status)
    first = sa.case({Status.HELD.value: 0, Status.REJECTED.value: 1}, value=ln.status, else_=2)
    return query.order_by(first, ln.bsn, ln.reference).limit(limit).offset(offset)


def totals_query(declaration_id: str) -> sa.Select[Any]:
    return (sa.select(ln.status, sa.func.count().label("lines"), sa.func.sum(ln.signed_amount).label("amount"))
            .where(ln.declaration_id == declaration_id).group_by(ln.status).order_by(ln.status))


async def answer_kept(conn: AsyncConnection, declaration_id: str) -> bool:
    return await conn.scalar(sa.select(sa.func.count()).where(answer_bodies.c.declaration_id == declaration_id)) > 0


async def body(conn: AsyncConnection, which: str, declaration_id: str) -> bytes | None:
    """The JW323 as received ("jw323") or the JW325 as sent ("jw325"); None when not kept."""
    table = {"jw323": declaration_bodies, "jw325": answer_bodies}[which]
    xml = await conn.scalar(sa.select(table.c.xml).where(table.c.declaration_id == declaration_id))
    return None if xml is None else bytes(xml)


async def clients_of(conn: AsyncConnection, declaration_id: str) -> list[str]:
    """The BSNs of every client a declaration names (its XML shows them all)."""
    query = sa.select(lines.c.bsn).distinct().where(lines.c.declaration_id == declaration_id).order_by(lines.c.bsn)
    return list(await conn.scalars(query))
