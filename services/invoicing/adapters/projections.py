"""Projections of the invoicing service's own events into its read models (same transaction)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.records import line_to_json
from services.invoicing.adapters.tables import declarations, lines
from services.invoicing.domain import events as ev
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.decisions import basis_record
from services.invoicing.domain.outcome import MatchResult
from services.invoicing.domain.policy import Status


async def project_receipt(conn: AsyncConnection, declaration_id: str, declaration: Declaration,
                          result: MatchResult, received_on: date, due_on: date, auto_reject_on: date,
                          xml: bytes) -> None:
    header = declaration.header
    await conn.execute(sa.insert(declarations).values(
        declaration_id=declaration_id, provider=header.sender_agb, municipality=header.addressee_gemeente,
        number=declaration.number, message_identification=header.message_id,
        period_begin=declaration.period.begin, received_on=received_on, due_on=due_on,
        status="refused" if not result.lines_assessed else "open", submitted=declaration.signed_total, xml=xml))
    rows = [{
        "declaration_id": declaration_id, "reference": o.line.reference, "provider": header.sender_agb,
        "municipality": header.addressee_gemeente, "bsn": o.bsn, "allocation_number": o.line.allocation_number,
        "status": o.status.value, "codes": list(o.codes), "signed_amount": o.line.signed_amount,
        "care_year": o.line.period.begin.year, "credited": False,
        "due_on": auto_reject_on if o.status is Status.HELD else None, "line": line_to_json(o.line),
        "basis": ev.payload(basis_record(o)),
    } for o in result.lines]
    if rows:
        await conn.execute(sa.insert(lines), rows)
    credited = [o.line.previous_reference for o in result.lines
                if o.status is Status.APPROVED and o.line.is_credit and o.line.previous_reference]
    await mark_credited(conn, header.sender_agb, credited)


async def mark_credited(conn: AsyncConnection, provider: str, references: list[str]) -> None:
    """TR390: a debet cancelled by an approved credit cannot be credited again."""
    if references:
        await conn.execute(sa.update(lines).where(
            lines.c.provider == provider, lines.c.reference.in_(references), lines.c.signed_amount >= 0,
            lines.c.status == "approved").values(credited=True))


async def project_answer(conn: AsyncConnection, declaration_id: str, granted: int, answer_id: str) -> None:
    """A declaration refused as a whole stays "refused": IV087 treats it as never sent."""
    d = declarations.c
    await conn.execute(sa.update(declarations).where(d.declaration_id == declaration_id).values(
        status=sa.case((d.status == "refused", "refused"), else_="answered"), granted=granted, answer_id=answer_id))
