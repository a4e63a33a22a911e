"""The payment runs, payable items and bank statements as projected (adapters/projections.py),
the staff identities as the gateway published them, and what a statement did, read back from the
book's own stream."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from services.payments.adapters.stored_events import decoded
from services.payments.adapters.tables import bank_statements, items, kernel, runs
from services.payments.domain import events as ev
from services.payments.ports.reads import ItemRecord, RunRecord, StaffMember, StatementRecord
from shared.persistence.rows import utc
from shared.persistence.sql_work import Source, connected

OUTCOMES = (ev.TransferBooked.TYPE, ev.TransferReturned.TYPE)


class SqlRunReads:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def runs(self) -> list[RunRecord]:
        async with connected(self._source) as conn:
            return [_run(row) for row in await conn.execute(sa.select(runs).order_by(runs.c.due_up_to, runs.c.run_id))]

    async def run(self, run_id: str) -> RunRecord | None:
        async with connected(self._source) as conn:
            row = (await conn.execute(sa.select(runs).where(runs.c.run_id == run_id))).first()
        return None if row is None else _run(row)

    async def items(self, status: str | None = None, provider: str | None = None,
                    kind: str | None = None) -> list[ItemRecord]:
        query = sa.select(items).order_by(items.c.due_on, items.c.item_id)
        if kind:
            query = query.where(items.c.kind == kind)
        if status:
            query = query.where(items.c.status == status)
        if provider:
            query = query.where(items.c.provider == provider)
        async with connected(self._source) as conn:
            return [ItemRecord(**row._mapping) for row in await conn.execute(query)]

    async def staff(self) -> list[StaffMember]:
        s = kernel.staff.c
        async with connected(self._source) as conn:
            rows = await conn.execute(sa.select(s.username, s.roles, s.municipalities).order_by(s.username))
            return [StaffMember(r.username, tuple(r.roles), tuple(r.municipalities)) for r in rows]


def _run(row: Any) -> RunRecord:
    values = dict(row._mapping)
    exported_at = values.pop("exported_at")
    return RunRecord(**{**values, "carried_forward": tuple(values["carried_forward"])},
                     exported_at=None if exported_at is None else utc(exported_at))


class SqlStatementReads:
    def __init__(self, source: Source, book_stream: str) -> None:
        self._source, self._stream = source, book_stream

    async def imported(self) -> list[StatementRecord]:
        async with connected(self._source) as conn:
            rows = await conn.execute(sa.select(bank_statements).order_by(bank_statements.c.imported_at))
            return [_statement(row) for row in rows]

    async def statement(self, statement_id: str) -> StatementRecord | None:
        query = (sa.select(bank_statements).where(bank_statements.c.statement_id == statement_id)
                 .order_by(bank_statements.c.imported_at.desc()))
        async with connected(self._source) as conn:
            row = (await conn.execute(query)).first()
        return None if row is None else _statement(row)

    async def outcomes(self, statement_id: str) -> list[ev.TransferBooked | ev.TransferReturned]:
        e = kernel.events.c
        query = (sa.select(kernel.events).where(e.stream_id == self._stream, e.type.in_(OUTCOMES))
                 .order_by(e.stream_version))
        async with connected(self._source) as conn:
            decided = decoded(await conn.execute(query))
        return [event for event in decided if event.statement_id == statement_id]


def _statement(row: Any) -> StatementRecord:
    """`imported_at` in UTC on every database: SQLite hands it back naive, which the statements
    page then showed as if it were Dutch time."""
    return StatementRecord(**{**row._mapping, "imported_at": utc(row.imported_at)})
