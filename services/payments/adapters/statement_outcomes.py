"""What importing one bank statement did, read back afterwards: the transfers it booked and those
it returned carry the statement's id in their events (TransferBooked, TransferReturned), so its
outcome is read from the payment book's own stream, in the order it was decided. No table of its
own: the events are the record, and a rebuild needs nothing more."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.payments.adapters.stored_events import decoded
from services.payments.adapters.tables import bank_statements
from services.payments.domain import events as ev

OUTCOMES = (ev.TransferBooked.TYPE, ev.TransferReturned.TYPE)


async def statement_row(conn: AsyncConnection, statement_id: str) -> Any:
    """The import of that statement id (the latest, should two accounts of the region have used it)."""
    query = (sa.select(bank_statements).where(bank_statements.c.statement_id == statement_id)
             .order_by(bank_statements.c.imported_at.desc()))
    return (await conn.execute(query)).first()


async def outcomes(conn: AsyncConnection, events: sa.Table, stream: str,
                   statement_id: str) -> list[ev.TransferBooked | ev.TransferReturned]:
    query = (sa.select(events)
             .where(events.c.stream_id == stream, events.c.type.in_(OUTCOMES))
             .order_by(events.c.stream_version))
    decided = decoded(await conn.execute(query))
    return [e for e in decided if e.statement_id == statement_id]
