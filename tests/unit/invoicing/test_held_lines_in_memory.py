"""Held lines decided through the command handler on the in-memory adapters: a selection in bulk,
the deadline, and a re-match when the allocation a line waited for is published — each answering
the declaration once its last held line is final."""

from __future__ import annotations

from datetime import date, time

from services.invoicing.handlers import bulk
from services.invoicing.handlers.deadline import reject_overdue
from services.invoicing.handlers.master_data import allocation_consumer
from services.invoicing.ports import QueueFilter
from shared.audit import Origin
from shared.events.envelope import Envelope, NewEvent
from shared.exchange import allocation
from shared.exchange import contract
from shared.exchange import invoicing as xi

from .test_handlers_in_memory import FINANCE, T0, audited, events_of, memory_invoicing, published, receive

__all__ = ["memory_invoicing"]
ZWOLLE = frozenset({"0193"})


async def held_reference(inv) -> str:  # type: ignore[no-untyped-def]
    [held] = await inv.queries.queue.page(QueueFilter(ZWOLLE), "due", None, 0)
    return held.reference


async def test_a_rejected_selection_reports_each_line_and_answers_the_declaration(memory_invoicing):
    inv, store = memory_invoicing
    await receive(inv, store)
    reference = await held_reference(inv)
    keys = [bulk.LineKey("M1", reference), bulk.LineKey("M1", "R999")]
    results = await bulk.decide_all(inv, bulk.Selection(keys, FINANCE, "geen toewijzing", Origin(), ()))
    assert [(key.reference, r.outcome) for key, r in results] == [(reference, "rejected"), ("R999", "not_found")]
    assert (await events_of(store))[-2:] == ["invoicing.HeldLineRejected", "invoicing.DeclarationAnswered"]
    [settled] = [e for e in await published(store) if isinstance(e, xi.DeclarationSettled)]
    assert settled.approved == () and [r.reference for r in settled.rejected] == [reference]
    assert await audited(store) == ["queue.rejected"]


async def test_a_line_still_held_on_its_deadline_is_rejected_and_the_jw325_leaves(memory_invoicing):
    inv, store = memory_invoicing
    await receive(inv, store)
    assert await reject_overdue(inv, date(2026, 5, 7)) == 0
    assert await reject_overdue(inv, date(2026, 6, 30)) == 1
    assert (await events_of(store))[-2:] == ["invoicing.HeldLineRejected", "invoicing.DeclarationAnswered"]
    assert [e.message_code for e in await published(store) if isinstance(e, contract.MessageIssued)] == ["325"]
    assert await inv.queries.queue.count(QueueFilter(ZWOLLE)) == 0


async def test_the_allocation_a_held_line_waited_for_approves_it_when_published(memory_invoicing):
    inv, store = memory_invoicing
    await receive(inv, store)
    issued = allocation.AllocationPublished(
        "0193", 300201, "999900006", "98000001", allocation.ProductRef("45", "45A01"), date(2026, 4, 1),
        date(2026, 12, 31), allocation.ExtentRef(8, "04", "4"), None, "01", None, date(2026, 3, 20), time(10, 0),
        None, False, "issued")
    async with store.unit_of_work() as work:
        await allocation_consumer(inv)(work, Envelope.of("allocation-0193-300201", 1, NewEvent.of(issued, T0)))
        await work.commit()
    assert (await events_of(store))[-2:] == ["invoicing.HeldLineApproved", "invoicing.DeclarationAnswered"]
    [settled] = [e for e in await published(store) if isinstance(e, xi.DeclarationSettled)]
    assert [a.reference for a in settled.approved] == ["R100"]
