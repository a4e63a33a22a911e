"""Payments' consumers on the in-memory adapters (bootstrap.build_in_memory): invoicing's messages
decoded into their typed classes and run through the one command handler, the ceilings the region
and the allocation register set, and the starts and stops of care kept through the port bundle."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from services.payments.domain import events as ev
from services.payments.domain.budget import APPROVED
from services.payments.domain.ceilings import HELD
from services.payments.domain.monitoring import CareSpell
from services.payments.handlers.financing import delivery_consumer
from services.payments.handlers.master_data import allocation_consumer
from services.payments.handlers.settlements import settlement_consumer
from shared.events.envelope import Envelope, NewEvent
from tests.unit.payments.in_memory import PROVIDER, T0, consume, payments_in_memory
from shared.events.serializer import to_payload
from shared.exchange import invoicing as xi
from shared.exchange.allocation import AllocationPublished, ContractPublished, DeliveryReported, ProductRef

REGISTRY = ev.registry()


def evidence(referrer: str | None) -> xi.Evidence:
    return xi.Evidence("matched", xi.AllocationEvidence(300201, date(2026, 1, 2), time(10, 0), referrer),
                       xi.TariffEvidence("45A01", "04", 5_000, date(2026, 1, 1)), None, ("0201",), (), None)


def settled_line(reference: str, amount: int, exempt: bool = False) -> xi.SettledLine:
    return xi.SettledLine(reference, None, "999900006", 300201, "45", "45A01", date(2026, 3, 1), date(2026, 3, 28),
                          2, "04", amount, exempt, evidence(None))


def sent(event: object, stream: str = "declaration-D-1") -> Envelope:
    """As the inbox hands a message over: the wire form's payload, not the object."""
    return Envelope.from_json(Envelope.of(stream, 1, NewEvent.of(event, T0)).to_json())


def settled(*lines: xi.SettledLine) -> xi.DeclarationSettled:
    return xi.DeclarationSettled(
        "D-1", "D1", PROVIDER, "0193", date(2026, 3, 31), date(2026, 4, 1), 0, 0, lines,
        (xi.SettledRejection("X1", date(2026, 3, 1), ("0200",), 4_000),), "answer-1",
        xi.Checks((xi.Check("0201", "tariff"),), (xi.Check("8001", "credit"),)))


@pytest.fixture
async def payments():  # type: ignore[no-untyped-def]
    return await payments_in_memory()


async def stored(store, event_type: Any) -> list[Any]:  # type: ignore[no-untyped-def]
    """Payments' own events of that class, as stored."""
    return [REGISTRY.decode(e) for e in await store.read_all() if e.type == event_type.TYPE]


async def test_a_settled_declaration_is_booked_counted_and_its_evidence_kept_as_sent_without_the_bsn(payments):
    ctx, store = payments
    allocation = AllocationPublished("0193", 300201, "999900006", PROVIDER, ProductRef("45", "45A01"),
                                     date(2026, 1, 1), None, None, None, "02", None, date(2026, 1, 2), time(10, 0),
                                     None, False, "issued")
    await consume(store, allocation_consumer(ctx), sent(allocation, "allocation-1"))
    message = settled(settled_line("A1", 60_000), settled_line("A2", 40_000, exempt=True))
    await consume(store, settlement_consumer(ctx), sent(message))

    version, book = await ctx.queries.books.book()
    assert version == 2 and {i.item_id: i.amount for i in book.items.values()} == {
        f"{PROVIDER}:A1": 60_000, f"{PROVIDER}:A2": 40_000}
    _, ceiling = await ctx.queries.books.ceiling("C1", 2026)
    assert (ceiling.used, ceiling.exempt) == (60_000, 40_000)
    [recorded] = await stored(store, ev.DeclarationEvidenceRecorded)
    lines = [{k: v for k, v in line.items() if k != "bsn"} for line in to_payload(message)["approved"]]
    for line in lines:  # the allocation named no referrer: the one payments knows for it is kept
        line["evidence"]["allocation"]["referrer_type"] = "02"
    assert [dict(line) for line in recorded.lines] == lines
    assert "999900006" not in str(recorded.lines)
    assert recorded.checks == to_payload(message)["checks"]
    assert list(recorded.rejected) == list(to_payload(message)["rejected"])
    assert (recorded.answered_on, recorded.answer_id) == (date(2026, 4, 1), "answer-1")


async def test_a_settled_declaration_delivered_twice_in_one_poll_books_and_records_once(payments):
    ctx, store = payments
    message = sent(settled(settled_line("A1", 60_000)))
    await consume(store, settlement_consumer(ctx), message, message)
    assert (await ctx.queries.books.book())[0] == 1
    assert len(await stored(store, ev.DeclarationEvidenceRecorded)) == 1
    assert len(await stored(store, ev.CeilingUsageRecorded)) == 1


async def test_lines_held_before_they_carried_their_product_still_count_as_held(payments):
    """LinesHeld before 2026-12-06: reference, first day and amount only."""
    ctx, store = payments
    old = Envelope.of("declaration-D-2", 1, NewEvent(xi.LinesHeld.TYPE, 1, {
        "declaration_id": "D-2", "declaration_number": "D2", "provider": PROVIDER, "municipality": "0193",
        "held": [{"reference": "H1", "period_begin": "2026-03-01", "amount": 5_000}]}, T0))
    await consume(store, settlement_consumer(ctx), old)
    _, ceiling = await ctx.queries.books.ceiling("C1", 2026)
    assert (ceiling.held, dict(ceiling.usage)) == (5_000, {f"{PROVIDER}:H1": (HELD, 5_000)})
    assert await ctx.queries.reference.line_statuses([f"{PROVIDER}:H1"]) == {}  # no product: not a budget line


async def test_lines_decided_before_the_answer_count_as_approved_and_release_the_rejected(payments):
    ctx, store = payments
    held = xi.LinesHeld("D-3", "D3", PROVIDER, "0193", (
        xi.HeldLine("H1", date(2026, 3, 1), 5_000, 300201, "45", "45A01", "04", False, 1),
        xi.HeldLine("H2", date(2026, 3, 1), 7_000, 300201, "45", "45A01", "04", False, 1)))
    decided = xi.LinesDecided("D-3", "D3", PROVIDER, "0193", (
        xi.DecidedLine("H1", None, date(2026, 3, 1), date(2026, 3, 28), 5_000, False, 300201, "45", "45A01", "04", 1),),
        (xi.DecidedRejection("H2", date(2026, 3, 1)),))
    await consume(store, settlement_consumer(ctx), sent(held, "declaration-D-3"))
    await consume(store, settlement_consumer(ctx), sent(decided, "declaration-D-3"))
    _, ceiling = await ctx.queries.books.ceiling("C1", 2026)
    assert (ceiling.approved, ceiling.held) == (5_000, 0)
    assert (await ctx.queries.reference.line_statuses([f"{PROVIDER}:H1"])) == {f"{PROVIDER}:H1": APPROVED}


async def test_a_contract_the_register_publishes_sets_its_ceilings_once(payments):
    ctx, store = payments
    contract = ContractPublished("C2", PROVIDER, ("0193",), 30, None, {"2026": 500_000, "2027": 600_000})
    await consume(store, allocation_consumer(ctx), sent(contract, "register-regio"))
    await consume(store, allocation_consumer(ctx), sent(contract, "register-regio"))  # the same terms again
    assert [(c.year, c.amount, c.warn_at) for c in await stored(store, ev.CeilingSet)] == [
        (2026, 500_000, (70, 95)), (2027, 600_000, (70, 95))]
    _, ceiling = await ctx.queries.books.ceiling("C2", 2027)
    assert ceiling.amount == 600_000


async def test_starts_and_stops_of_care_are_kept_through_the_port_bundle(payments):
    ctx, store = payments
    apply = delivery_consumer(ctx)

    def reported(kind: str, end: date | None = None) -> Envelope:
        return sent(DeliveryReported("0193", 7, "999900006", PROVIDER, ProductRef("43", "43A01"), date(2026, 1, 5),
                                     kind, end, "01" if end else None, False), "delivery-7")

    await consume(store, apply, reported("started"), reported("started"))
    await consume(store, apply, reported("stopped", date(2026, 3, 1)))
    assert await ctx.financing.spells.of_provider(PROVIDER, ["0193"]) == [
        CareSpell("0193", 7, "999900006", PROVIDER, "43A01", date(2026, 1, 5), date(2026, 3, 1), "01")]
    await consume(store, apply, reported("start_withdrawn"))
    assert await ctx.financing.spells.of_provider(PROVIDER, ["0193"]) == []
