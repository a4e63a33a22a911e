"""A new or changed allocation, tariff or product re-matches the held lines it concerns (design.md §5):
a line that now fits is approved, one that now fails a reject code is rejected, and one still
held keeps waiting with its new findings. The declaration is answered when its last line is final."""

from __future__ import annotations

from services.invoicing.context import Invoicing
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.held_decisions import SettleLine
from services.invoicing.domain.matcher import rematch_line
from services.invoicing.domain.policy import Status
from services.invoicing.handlers.queue import Decision, audit, received_declaration, settle
from services.invoicing.ports import HeldLines, InvoicingPorts
from shared.persistence.ports import Work

REASON = "re-matched after the allocation or the contract changed"


async def rematch_where(inv: Invoicing, work: Work[InvoicingPorts], which: HeldLines, by: str = "rematch") -> int:
    rows = await work.ports.declarations.held_lines(which)
    policy = await work.ports.master.policy()
    parsed: dict[str, Declaration] = {}  # one parse per declaration, however many of its lines wait
    changed = 0
    for row in rows:
        if row.declaration_id not in parsed:
            parsed[row.declaration_id] = await received_declaration(inv, work, row.declaration_id)
        declaration = parsed[row.declaration_id]
        assert row.received_on is not None
        # The context is read again per line: each line settled here changes the next one's history.
        context = await work.ports.master.match_context(declaration, row.received_on)
        outcome = rematch_line(declaration, row.bsn, row.outcome.line, context, policy)
        # Still held: the line keeps waiting with its new findings (HeldLineRematched).
        await settle(inv, work, SettleLine(row, outcome.status, by, REASON, outcome.codes, outcome))
        if outcome.status is not Status.HELD:
            changed += 1
    return changed


async def rematch_allocation(inv: Invoicing, work: Work[InvoicingPorts], municipality: str, number: int) -> int:
    return await rematch_where(inv, work, HeldLines(municipality=municipality, allocation_number=number))


async def rematch_provider(inv: Invoicing, work: Work[InvoicingPorts], provider: str) -> int:
    return await rematch_where(inv, work, HeldLines(provider=provider))


async def rematch_code(inv: Invoicing, work: Work[InvoicingPorts], code: str) -> int:
    """The held lines that carry this retourcode."""
    return await rematch_where(inv, work, HeldLines(code=code))


async def rerun(inv: Invoicing, d: Decision) -> bool:
    """A person asks for the match again (after master data changed outside the events)."""
    async with inv.store.unit_of_work() as work:
        row = await work.ports.declarations.held_line(d.declaration_id, d.reference, d.by.municipalities)
        if row is None or row.status != Status.HELD.value:
            return row is not None
        await rematch_where(inv, work, HeldLines(declaration_id=d.declaration_id, reference=d.reference),
                            by=d.by.username)
        await audit(work, inv, d, row, "queue.rematch")
        await work.commit()
    return True
