"""The declarations and their lines in SQL, as a decision reads and writes them: a line as it
stands, the held lines a re-match or the deadline concerns, a declaration's state, the JW323 and
JW325 as kept, and the projection of its events (adapters/projections.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from services.invoicing.adapters import projections
from services.invoicing.adapters.lines_before_answer import line_outcomes
from services.invoicing.adapters.queue import declaration_state, declaration_xml, outcome_of
from services.invoicing.adapters.tables import answer_bodies, declaration_bodies, declarations, lines
from services.invoicing.domain.outcome import LineOutcome
from services.invoicing.domain.policy import Status
from services.invoicing.ports import DeclarationState, HeldLines, LineState
from shared.persistence.blobs import insert_with_bytes
from shared.persistence.sql_work import Source, connected

ln, d = lines.c, declarations.c


def line_state(row: Any) -> LineState:
    return LineState(row.declaration_id, row.reference, row.number, row.provider, row.municipality, row.bsn,
                     row.status, row.claimed_by, row.first_approved_by, row.first_reason, outcome_of(row),
                     getattr(row, "received_on", None))


def _which(which: HeldLines) -> list[Any]:
    conditions = [
        (which.municipality, lambda: ln.municipality == which.municipality),
        (which.allocation_number, lambda: ln.allocation_number == which.allocation_number),
        (which.provider, lambda: ln.provider == which.provider),
        # JSON text search: the same on SQLite and PostgreSQL
        (which.code, lambda: sa.cast(ln.codes, sa.String).like(f'%"{which.code}"%')),
        (which.declaration_id, lambda: ln.declaration_id == which.declaration_id),
        (which.reference, lambda: ln.reference == which.reference),
    ]
    return [condition() for value, condition in conditions if value is not None]


class SqlDeclarations:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def held_line(self, declaration_id: str, reference: str, municipalities: frozenset[str]) -> LineState | None:
        query = sa.select(lines, d.number).join(declarations, d.declaration_id == ln.declaration_id).where(
            ln.declaration_id == declaration_id, ln.reference == reference, ln.municipality.in_(sorted(municipalities)))
        async with connected(self._source) as conn:
            row = (await conn.execute(query)).first()
        return None if row is None else line_state(row)

    async def held_lines(self, which: HeldLines) -> list[LineState]:
        return await self._held(*_which(which))

    async def overdue(self, today: date) -> list[LineState]:
        return await self._held(ln.due_on <= today)

    async def _held(self, *conditions: Any) -> list[LineState]:
        query = (sa.select(lines, d.number, d.received_on).join(declarations, d.declaration_id == ln.declaration_id)
                 .where(ln.status == Status.HELD.value, *conditions).order_by(ln.declaration_id, ln.reference))
        async with connected(self._source) as conn:
            return [line_state(row) for row in await conn.execute(query)]

    async def line_outcomes(self, declaration_id: str, references: Sequence[str]) -> list[LineOutcome]:
        async with connected(self._source) as conn:
            return await line_outcomes(conn, declaration_id, references)

    async def state(self, declaration_id: str) -> DeclarationState:
        async with connected(self._source) as conn:
            row, result = await declaration_state(conn, declaration_id)
        return DeclarationState(declaration_id, row.status, row.received_on, result)

    async def received_xml(self, declaration_id: str) -> bytes:
        async with connected(self._source) as conn:
            return await declaration_xml(conn, declaration_id)

    async def keep_received(self, declaration_id: str, xml: Callable[[], bytes]) -> None:
        async with connected(self._source) as conn:
            await insert_with_bytes(conn, declaration_bodies, {"declaration_id": declaration_id}, "xml", xml)

    async def keep_answer(self, declaration_id: str, answer_id: str, xml: bytes) -> None:
        async with connected(self._source) as conn:
            await insert_with_bytes(conn, answer_bodies, {"declaration_id": declaration_id, "answer_id": answer_id}, "xml",
                                    xml)

    async def project(self, declaration_id: str, events: Sequence[Any], at: datetime) -> None:
        async with connected(self._source) as conn:
            await projections.project(conn, declaration_id, events, at)
