"""The payments handlers on the in-memory adapters (bootstrap.build_in_memory): what they book and
record through the ports, without SQL."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from services.payments.domain import commands as cmd
from services.payments.domain.budget import APPROVED, HELD, REJECTED
from services.payments.domain.errors import NotAllowed
from services.payments.domain.outcome_periods import parse_period
from services.payments.handlers.outcomes import outcome_consumer
from services.payments.handlers.runs import create_run
from services.payments.handlers.settlements import settlement_consumer
from shared.audit import AuditEntry
from shared.events.envelope import Envelope, NewEvent
from tests.unit.payments.in_memory import PROVIDER, T0, consume, payments_in_memory
from shared.exchange.allocation import ALLOCATION_PUBLISHED, DELIVERY_REPORTED
from shared.exchange.audit import AUDIT_TOPIC
from shared.exchange.invoicing import DECLARATION_SETTLED, LINES_HELD



def line(reference: str, amount: int, previous: str | None = None) -> dict[str, Any]:
    return {"reference": reference, "previous_reference": previous, "bsn": "999900006", "allocation_number": 300201,
            "category": "45", "code": "45A01", "period_begin": "2026-03-01", "period_end": "2026-03-28",
            "volume": 1, "unit": "04", "amount": amount}


def message(event_type: str, payload: dict[str, Any]) -> Envelope:
    return Envelope.of(f"declaration-{payload['declaration_id']}", 1, NewEvent(event_type, 1, payload, T0))


def settled(declaration_id: str, *lines: dict[str, Any], rejected: tuple[dict[str, Any], ...] = ()) -> Envelope:
    return message(DECLARATION_SETTLED, {
        "declaration_id": declaration_id, "declaration_number": "D1", "provider": PROVIDER, "municipality": "0193",
        "received_on": "2026-03-31", "answered_on": "2026-04-01", "submitted": 0, "granted": 0,
        "approved": list(lines), "rejected": list(rejected)})


@pytest.fixture
async def payments():  # type: ignore[no-untyped-def]
    return await payments_in_memory()


async def test_a_settled_declaration_books_its_approved_lines_once_due_after_the_payment_term(payments):
    ctx, store = payments
    apply = settlement_consumer(ctx)
    declaration = settled("D-1", line("A1", 60_000), line("A2", 40_000))
    await consume(store, apply, declaration)
    await consume(store, apply, declaration)  # the same answer again books nothing twice
    version, book = await ctx.queries.books.book()
    assert version == 2
    assert {i.item_id: (i.amount, i.due_on) for i in book.items.values()} == {
        f"{PROVIDER}:A1": (60_000, date(2026, 5, 1)), f"{PROVIDER}:A2": (40_000, date(2026, 5, 1))}
    assert await ctx.queries.evidence.evidence_events("D-1")
    _, ceiling = await ctx.queries.books.ceiling("C1", 2026)
    assert ceiling.approved == 100_000  # counted under the contract's ceiling of the year


async def test_held_lines_become_final_with_the_answer(payments):
    ctx, store = payments
    apply = settlement_consumer(ctx)
    held = {"declaration_id": "D-2", "declaration_number": "D2", "provider": PROVIDER, "municipality": "0193",
            "held": [{**line("H1", 5_000), "period_begin": "2026-03-01"}, line("H2", 7_000)]}
    await consume(store, apply, message(LINES_HELD, held))
    assert await ctx.queries.reference.line_statuses([f"{PROVIDER}:H1", f"{PROVIDER}:H2"]) == {
        f"{PROVIDER}:H1": HELD, f"{PROVIDER}:H2": HELD}
    await consume(store, apply, settled("D-2", line("H1", 5_000),
                                        rejected=({"reference": "H2", "period_begin": "2026-03-01"},)))
    assert await ctx.queries.reference.line_statuses([f"{PROVIDER}:H1", f"{PROVIDER}:H2"]) == {
        f"{PROVIDER}:H1": APPROVED, f"{PROVIDER}:H2": REJECTED}


async def test_a_payment_run_takes_the_due_items_and_a_refusal_changes_nothing_but_the_audit_log(payments):
    ctx, store = payments
    await consume(store, settlement_consumer(ctx), settled("D-3", line("A1", 60_000)))
    audit = AuditEntry("fin-1", ("finance",), "payments.runs.create")
    with pytest.raises(NotAllowed):
        await create_run(ctx, cmd.CreatePaymentRun("R0", date(2026, 5, 31), "ctl-1", frozenset({"controller"})), audit)
    await create_run(ctx, cmd.CreatePaymentRun("R1", date(2026, 5, 31), "fin-1", frozenset({"finance"})), audit)
    _, book = await ctx.queries.books.book()
    assert list(book.runs) == ["R1"]
    assert book.items[f"{PROVIDER}:A1"].run_id == "R1" and book.runs["R1"].total == 60_000
    outcomes = [Envelope.from_json(row.value).payload["outcome"] for row in await store.db.pending_outbox(100)
                if row.topic == AUDIT_TOPIC]
    assert outcomes == ["refused", "allowed"]


async def test_a_stopped_allocation_is_a_trajectory_of_the_clients_pseudonym_never_the_bsn(payments):
    ctx, store = payments
    apply = outcome_consumer(ctx)
    allocated = {"municipality": "0193", "allocation_number": 300201, "client_bsn": "999900006",
                 "provider_agb": PROVIDER, "product": {"category": "45", "code": "45A01"}, "start": "2026-01-01",
                 "end": None, "extent": None, "budget": None, "referrer_type": None, "provider_reference": None,
                 "allocated_on": "2026-01-02", "allocated_at": "10:00:00", "change_reason": None, "deleted": False,
                 "change": "issued"}
    stopped = {"kind": "stopped", "municipality": "0193", "allocation_number": 300201, "client_bsn": "999900006",
               "provider_agb": PROVIDER, "product": {"category": "45", "code": "45A01"}, "begin": "2026-01-05",
               "end": "2026-03-20", "reason": "01", "late": False}
    await consume(store, apply, Envelope.of("allocation-1", 1, NewEvent(ALLOCATION_PUBLISHED, 1, allocated, T0)))
    await consume(store, apply, Envelope.of("delivery-1", 1, NewEvent(DELIVERY_REPORTED, 1, stopped, T0)))
    [trajectory] = await ctx.queries.region_facts.trajectories(["0193"], parse_period("2026"))
    assert (trajectory.allocation_number, trajectory.end, trajectory.reason) == (300201, date(2026, 3, 20), "01")
    assert trajectory.client.startswith("P") and "999900006" not in trajectory.client
    assert trajectory.client == await ctx.queries.region_facts.pseudonym("999900006")
