"""Read side of the exception queue: held lines with what the matcher found and compared them
against, filtered by the caller's municipalities; and a declaration's state and received JW323,
to re-match and answer it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.records import line_from_json
from services.invoicing.adapters.tables import declaration_bodies, declarations, lines
from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.findings import Finding
from services.invoicing.domain.outcome import LineOutcome, MatchResult
from services.invoicing.domain.policy import Status


@dataclass(frozen=True)
class QueueFilter:
    municipalities: frozenset[str]
    municipality: str | None = None
    provider: str | None = None
    code: str | None = None
    received_before: date | None = None
    due_before: date | None = None
    min_amount: int | None = None
    max_amount: int | None = None


def queue_query(f: QueueFilter) -> sa.Select[Any]:
    ln, d = lines.c, declarations.c
    query = (
        sa.select(ln.declaration_id, ln.reference, ln.provider, ln.municipality, ln.bsn, ln.allocation_number,
                  ln.codes, ln.signed_amount, ln.due_on, ln.line, ln.basis, ln.claimed_by, ln.comments, d.number,
                  d.received_on)
        .join(declarations, d.declaration_id == ln.declaration_id)
        .where(ln.status == Status.HELD.value, ln.municipality.in_(sorted(f.municipalities)))
        .order_by(ln.due_on, d.received_on, ln.declaration_id, ln.reference)
    )
    conditions = [
        (f.municipality, lambda: ln.municipality == f.municipality),
        (f.provider, lambda: ln.provider == f.provider),
        (f.received_before, lambda: d.received_on < f.received_before),
        (f.due_before, lambda: ln.due_on <= f.due_before),
        (f.min_amount, lambda: ln.signed_amount >= f.min_amount),
        (f.max_amount, lambda: ln.signed_amount <= f.max_amount),
    ]
    for value, condition in conditions:
        if value is not None:
            query = query.where(condition())
    return query


async def held_line(conn: AsyncConnection, declaration_id: str, reference: str,
                    municipalities: frozenset[str]) -> Any:
    query = sa.select(lines, declarations.c.number).join(
        declarations, declarations.c.declaration_id == lines.c.declaration_id).where(
        lines.c.declaration_id == declaration_id, lines.c.reference == reference,
        lines.c.municipality.in_(sorted(municipalities)))
    return (await conn.execute(query)).first()


def outcome_of(row: Any) -> LineOutcome:
    findings = tuple(Finding(code) for code in row.codes)
    return LineOutcome(row.bsn, line_from_json(row.line), Status(row.status), findings)


async def declaration_state(conn: AsyncConnection, declaration_id: str) -> tuple[Any, MatchResult]:
    """The declaration row and its lines as a MatchResult, for building the JW325 once all is final."""
    row = (await conn.execute(sa.select(declarations).where(declarations.c.declaration_id == declaration_id))).one()
    rows = list(await conn.execute(sa.select(lines).where(lines.c.declaration_id == declaration_id)))
    outcomes = tuple(outcome_of(r) for r in rows)
    refused = {o.bsn: rc.CLIENT_MISMATCH for o in outcomes if rc.NOT_ASSESSED in o.codes}
    return row, MatchResult(rejected_clients=refused, lines=outcomes)


async def declaration_xml(conn: AsyncConnection, declaration_id: str) -> bytes:
    """The JW323 as received."""
    b = declaration_bodies.c
    return bytes((await conn.execute(sa.select(b.xml).where(b.declaration_id == declaration_id))).scalar_one())
