"""The invoicing handlers on its in-memory adapters: a routed JW323 matched, held, decided by
finance and answered, with what they tell the others — without SQLite or migrations."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from services.invoicing.bootstrap import build_in_memory
from services.invoicing.config import InvoicingSettings
from services.invoicing.domain.allocation import AllocationVersion, Extent, Frequency
from services.invoicing.domain.contract import Tariff
from services.invoicing.domain.declaration import Unit
from services.invoicing.handlers import intake, queue
from services.invoicing.handlers.intake import intake_consumer
from services.invoicing.ports import DeclarationSearch, QueueFilter
from shared.audit import Origin
from shared.auth.principal import Role, StaffPrincipal
from shared.clock import FixedClock
from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry
from shared.exchange import contract
from shared.exchange.audit import AUDIT_TOPIC
from shared.exchange import invoicing as xi
from shared.persistence.ports import ConcurrencyError

ROOT = Path(__file__).resolve().parents[3]
JW323 = (ROOT / "examples" / "demo" / "JW323.xml").read_bytes()
T0 = datetime(2026, 5, 6, 9, 0, tzinfo=UTC)
FINANCE = StaffPrincipal("u-1", "financien", frozenset({Role.FINANCE}), frozenset({"0193"}))
PUBLISHED = EventRegistry.of((*xi.CLASSES, *contract.CLASSES))
ALLOCATION = AllocationVersion(date(2026, 3, 20), time(10, 0), "45", "45A01", date(2026, 4, 1), date(2026, 12, 31),
                               extent=Extent(8, Unit.HOUR, Frequency.PER_MONTH))


@pytest.fixture
async def memory_invoicing():  # type: ignore[no-untyped-def]
    inv, store = build_in_memory(InvoicingSettings(), FixedClock(T0))
    async with store.unit_of_work() as work:
        await work.ports.master.record_tariff("98000001", "45", Tariff("45A01", Unit.HOUR, 7850, date(2026, 1, 1)))
        await work.commit()
    return inv, store


async def allocate(store) -> None:  # type: ignore[no-untyped-def]
    async with store.unit_of_work() as work:
        await work.ports.master.record_allocation_version("0193", 300201, "98000001", "999900006", ALLOCATION)
        await work.commit()


async def receive(inv, store, message_id: str = "M1") -> None:  # type: ignore[no-untyped-def]
    routed = contract.MessageRouted.of(message_id, "323", "98000001", "0193", "98000001",
                                       "2026-05-06T11:00:00+02:00", JW323)
    async with store.unit_of_work() as work:
        await intake_consumer(inv)(work, Envelope.of("message-1", 1, NewEvent.of(routed, T0)))
        await work.commit()


async def published(store) -> list:  # type: ignore[no-untyped-def]
    rows = [row for row in await store.db.pending_outbox(1000) if row.topic == "happyflow.invoicing.events"]
    return [PUBLISHED.decode(Envelope.from_json(row.value)) for row in rows]


async def test_a_declaration_that_fits_is_answered_and_settled_at_once(memory_invoicing):
    inv, store = memory_invoicing
    await allocate(store)
    await receive(inv, store)
    sent = await published(store)
    [settled] = [e for e in sent if isinstance(e, xi.DeclarationSettled)]
    assert (settled.granted, [a.reference for a in settled.approved]) == (62800, ["R100"])
    assert settled.approved[0].evidence.approval == "matched"
    assert [e.message_code for e in sent if isinstance(e, contract.MessageIssued)] == ["325"]
    found, total = await inv.queries.reads.search(DeclarationSearch(frozenset({"0193"})), 10, 0)
    assert total == 1 and found[0].status == "answered" and found[0].granted == 62800


async def test_a_declaration_written_in_chunks_is_one_stream_in_order_and_answered_the_same(memory_invoicing,
                                                                                          monkeypatch):
    inv, store = memory_invoicing
    monkeypatch.setattr(intake, "RECEIPT_CHUNK", 1)  # the demo's one line: every event its own chunk
    await allocate(store)
    await receive(inv, store)
    stream = [e for e in await store.db.read_all(limit=1000) if e.stream_id == "declaration-M1"]
    assert [(e.type, e.stream_version) for e in stream] == [
        ("invoicing.DeclarationReceived", 1), ("invoicing.LineApproved", 2), ("invoicing.DeclarationAnswered", 3)]
    [settled] = [e for e in await published(store) if isinstance(e, xi.DeclarationSettled)]
    assert (settled.granted, [a.reference for a in settled.approved]) == (62800, ["R100"])


async def test_a_held_line_waits_in_the_queue_until_finance_approves_it_and_the_answer_follows(memory_invoicing):
    inv, store = memory_invoicing
    await receive(inv, store)
    assert [type(e) for e in await published(store)] == [contract.MessageStatus, xi.LinesHeld]
    [held] = await inv.queries.queue.page(QueueFilter(frozenset({"0193"})), "due", None, 0)
    assert held.status == "held" and held.codes
    assert await inv.queries.queue.page(QueueFilter(frozenset({"0150"})), "due", None, 0) == []
    decision = queue.Decision("M1", held.reference, FINANCE, "toewijzing telefonisch bevestigd", Origin())
    assert await queue.approve(inv, decision) is True
    [settled] = [e for e in await published(store) if isinstance(e, xi.DeclarationSettled)]
    assert settled.approved[0].evidence.approval == "override"
    assert settled.approved[0].evidence.override.by == "financien"
    assert await inv.queries.queue.count(QueueFilter(frozenset({"0193"}))) == 0


async def test_a_redelivered_declaration_changes_nothing(memory_invoicing):
    inv, store = memory_invoicing
    await allocate(store)
    await receive(inv, store)
    before = len(await published(store))
    with pytest.raises(ConcurrencyError):  # the stream's version refuses it (the inbox row, before it)
        await receive(inv, store)
    assert len(await published(store)) == before


async def test_a_decision_another_municipalitys_clerk_asks_for_finds_no_line(memory_invoicing):
    inv, store = memory_invoicing
    await receive(inv, store)
    stranger = StaffPrincipal("u-2", "deventer", frozenset({Role.FINANCE}), frozenset({"0150"}))
    [held] = await inv.queries.queue.page(QueueFilter(frozenset({"0193"})), "due", None, 0)
    assert await queue.approve(inv, queue.Decision("M1", held.reference, stranger, "ok", Origin())) is False


async def events_of(store, declaration_id: str = "M1") -> list[str]:  # type: ignore[no-untyped-def]
    return [e.type for e in await store.db.read_all(limit=1000) if e.stream_id == f"declaration-{declaration_id}"]


async def audited(store) -> list[str]:  # type: ignore[no-untyped-def]
    rows = [row for row in await store.db.pending_outbox(1000) if row.topic == AUDIT_TOPIC]
    return [Envelope.from_json(row.value).payload["action"] for row in rows]


async def test_a_claimed_line_is_the_claimers_until_released_and_claiming_twice_records_nothing_new(
        memory_invoicing):
    inv, store = memory_invoicing
    await receive(inv, store)
    [held] = await inv.queries.queue.page(QueueFilter(frozenset({"0193"})), "due", None, 0)
    mine = queue.Decision("M1", held.reference, FINANCE, "", Origin())
    colleague = StaffPrincipal("u-3", "collega", frozenset({Role.FINANCE}), frozenset({"0193"}))
    assert await queue.claim(inv, mine, take=True) and await queue.claim(inv, mine, take=True)
    with pytest.raises(queue.QueueError) as refused:
        await queue.claim(inv, queue.Decision("M1", held.reference, colleague, "", Origin()), take=True)
    assert refused.value.rule == "HF-CLAIMED" and refused.value.claimed_by == "financien"
    assert (await events_of(store)).count("invoicing.HeldLineClaimed") == 1
    assert await queue.claim(inv, mine, take=False)
    assert (await inv.queries.declarations.held_line("M1", held.reference, FINANCE.municipalities)).claimed_by is None
    assert await audited(store) == ["queue.claim", "queue.claim", "queue.release"]


async def test_a_comment_is_kept_with_its_line_and_a_line_not_there_is_not_found(memory_invoicing):
    inv, store = memory_invoicing
    await receive(inv, store)
    [held] = await inv.queries.queue.page(QueueFilter(frozenset({"0193"})), "due", None, 0)
    assert await queue.comment(inv, queue.Decision("M1", held.reference, FINANCE, "gebeld", Origin()))
    assert not await queue.comment(inv, queue.Decision("M1", "R999", FINANCE, "gebeld", Origin()))
    [shown] = await inv.queries.queue.page(QueueFilter(frozenset({"0193"})), "due", None, 0)
    assert [(c["by"], c["text"]) for c in shown.comments] == [("financien", "gebeld")]
    assert await audited(store) == ["queue.comment"]


async def outbox_envelopes(store) -> list[Envelope]:  # type: ignore[no-untyped-def]
    return [Envelope.from_json(row.value) for row in await store.db.pending_outbox(1000)
            if row.topic == "happyflow.invoicing.events"]


async def test_the_jw323_received_and_the_jw325_sent_are_kept_and_the_kept_jw325_is_the_one_issued(
        memory_invoicing):
    inv, store = memory_invoicing
    await allocate(store)
    await receive(inv, store)
    [issued] = [e for e in await published(store) if isinstance(e, contract.MessageIssued)]
    assert await inv.queries.reads.body("jw323", "M1") == JW323
    assert await inv.queries.reads.body("jw325", "M1") == issued.xml.encode("utf-8")
    sent = await outbox_envelopes(store)
    assert [(e.type, e.stream_id, e.stream_version) for e in sent] == [
        ("exchange.MessageStatus", "declaration-M1", 1), ("exchange.MessageIssued", "declaration-M1", 3),
        ("invoicing.DeclarationSettled", "declaration-M1", 3)]


async def test_a_held_declaration_announces_its_lines_at_the_receipts_version_and_answers_later_at_the_streams(
        memory_invoicing):
    inv, store = memory_invoicing
    await receive(inv, store)
    assert [(e.type, e.stream_version) for e in await outbox_envelopes(store)] == [
        ("exchange.MessageStatus", 1), ("invoicing.LinesHeld", 1)]
    [held] = await inv.queries.queue.page(QueueFilter(frozenset({"0193"})), "due", None, 0)
    await queue.approve(inv, queue.Decision("M1", held.reference, FINANCE, "toewijzing bevestigd", Origin()))
    version = len(await events_of(store))
    assert [(e.type, e.stream_version) for e in (await outbox_envelopes(store))[2:]] == [
        ("invoicing.LinesDecided", 0), ("exchange.MessageIssued", version),
        ("invoicing.DeclarationSettled", version)]
