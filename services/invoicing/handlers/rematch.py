"""A new or changed allocation, tariff or product re-matches the held lines it concerns (design.md §5):
a line that now fits is approved, one that now fails a reject code is rejected, and one still
held keeps waiting with its new findings. The declaration is answered when its last line is final."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from services.invoicing.adapters.context import load_context
from services.invoicing.adapters.policy import load_policy
from services.invoicing.adapters.queue import held_line
from services.invoicing.adapters.records import line_from_json
from services.invoicing.adapters.tables import declarations, lines
from services.invoicing.context import Invoicing
from services.invoicing.domain import events as ev
from services.invoicing.domain.decisions import basis_record
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.matcher import rematch_line
from services.invoicing.domain.outcome import LineOutcome
from services.invoicing.domain.policy import Status
from services.invoicing.handlers.queue import Decision, audit, received_declaration, record_events, settle_held_line
from shared.persistence.ports import UnitOfWork

REASON = "re-matched after the allocation or the contract changed"


async def rematch_where(inv: Invoicing, uow: UnitOfWork, *conditions: Any, by: str = "rematch") -> int:
    query = (sa.select(lines, declarations.c.number, declarations.c.received_on)
             .join(declarations, declarations.c.declaration_id == lines.c.declaration_id)
             .where(lines.c.status == Status.HELD.value, *conditions)
             .order_by(lines.c.declaration_id, lines.c.reference))
    rows = list(await uow.connection.execute(query))
    policy = await load_policy(uow.connection)
    parsed: dict[str, Declaration] = {}  # one parse per declaration, however many of its lines wait
    changed = 0
    for row in rows:
        if row.declaration_id not in parsed:
            parsed[row.declaration_id] = await received_declaration(inv, uow, row.declaration_id)
        declaration = parsed[row.declaration_id]
        # The context is read again per line: each line settled here changes the next one's history.
        context = await load_context(uow.connection, declaration, row.received_on)
        outcome = rematch_line(declaration, row.bsn, line_from_json(row.line), context, policy)
        if outcome.status is Status.HELD:
            await _still_held(inv, uow, row, outcome, by)
            continue
        await settle_held_line(inv, uow, row, outcome.status, by, REASON, outcome.codes, outcome)
        changed += 1
    return changed


async def rematch_allocation(inv: Invoicing, uow: UnitOfWork, municipality: str, number: int) -> int:
    return await rematch_where(inv, uow, lines.c.municipality == municipality, lines.c.allocation_number == number)


async def rematch_provider(inv: Invoicing, uow: UnitOfWork, provider: str) -> int:
    return await rematch_where(inv, uow, lines.c.provider == provider)


async def rematch_code(inv: Invoicing, uow: UnitOfWork, code: str) -> int:
    """The held lines that carry this retourcode (JSON text search: the same on SQLite and PostgreSQL)."""
    return await rematch_where(inv, uow, sa.cast(lines.c.codes, sa.String).like(f'%"{code}"%'))


async def _still_held(inv: Invoicing, uow: UnitOfWork, row: Any, outcome: LineOutcome, by: str) -> None:
    await record_events(inv, uow, row, [ev.HeldLineRematched(row.number, row.reference, by, outcome.codes,
                                                             basis_record(outcome))])


async def rerun(inv: Invoicing, d: Decision) -> bool:
    """A person asks for the match again (after master data changed outside the events)."""
    async with inv.db.unit_of_work() as uow:
        row = await held_line(uow.connection, d.declaration_id, d.reference, d.by.municipalities)
        if row is None or row.status != Status.HELD.value:
            return row is not None
        await rematch_where(inv, uow, lines.c.declaration_id == d.declaration_id, lines.c.reference == d.reference,
                            by=d.by.username)
        await audit(uow, inv, d, row, "queue.rematch")
        await uow.commit()
    return True
