"""The deadline margin: held lines still open on their auto-reject day are settled as
domain/deadline.py `at_deadline` says, so that every JW325 leaves within 10 working days
(design.md §5)."""

from __future__ import annotations

from datetime import date

from services.invoicing.context import Invoicing
from services.invoicing.domain.deadline import at_deadline
from services.invoicing.domain.held_decisions import SettleLine
from services.invoicing.domain.policy import Status
from services.invoicing.handlers.queue import settle

REASON = "deadline margin reached: rejected with the matcher's codes so the JW325 leaves on time"
CEILING_REASON = ("deadline margin reached: held only for the budget ceiling, which no retourcode can refuse;"
                  " approved so the JW325 leaves on time")


async def reject_overdue(inv: Invoicing, today: date | None = None) -> int:
    overdue = await inv.queries.declarations.overdue(today or inv.clock.today())
    for row in overdue:
        async with inv.store.unit_of_work() as work:  # one line per transaction: a failure stops one, not all
            status = at_deadline(row.outcome).status
            await settle(inv, work, SettleLine(row, status, "deadline",
                                               REASON if status is Status.REJECTED else CEILING_REASON))
            await work.commit()
    return len(overdue)
