"""The deadline margin: held lines still open on their auto-reject day are settled as
domain/deadline.py `at_deadline` says, so that every JW325 leaves within 10 working days
(design.md §5)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from services.invoicing.adapters.queue import outcome_of
from services.invoicing.adapters.tables import declarations, lines
from services.invoicing.context import Invoicing
from services.invoicing.domain.deadline import at_deadline
from services.invoicing.domain.policy import Status
from services.invoicing.handlers.queue import settle_held_line

REASON = "deadline margin reached: rejected with the matcher's codes so the JW325 leaves on time"
CEILING_REASON = ("deadline margin reached: held only for the budget ceiling, which no retourcode can refuse;"
                  " approved so the JW325 leaves on time")


async def reject_overdue(inv: Invoicing, today: date | None = None) -> int:
    today = today or inv.clock.today()
    query = (sa.select(lines, declarations.c.number)
             .join(declarations, declarations.c.declaration_id == lines.c.declaration_id)
             .where(lines.c.status == Status.HELD.value, lines.c.due_on <= today)
             .order_by(lines.c.declaration_id, lines.c.reference))
    async with inv.db.engines.read.connect() as conn:
        overdue = list(await conn.execute(query))
    for row in overdue:
        async with inv.db.unit_of_work() as uow:  # one line per transaction: a failure stops one, not all
            status = at_deadline(outcome_of(row)).status
            await settle_held_line(inv, uow, row, status, "deadline",
                                   REASON if status is Status.REJECTED else CEILING_REASON)
            await uow.commit()
    return len(overdue)
