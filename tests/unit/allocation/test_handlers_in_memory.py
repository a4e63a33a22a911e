"""The allocation handlers on the in-memory adapters (bootstrap.build_in_memory): staff issuing and
deleting, a provider's JW315, JW305 and JW302 and a municipality's own JW301 routed to the
service — each through the command handler, what it records, publishes and answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from services.allocation.bootstrap import build_in_memory
from services.allocation.config import AllocationSettings
from services.allocation.domain import events as ev
from services.allocation.domain.allocation_commands import DeleteAllocation, IssueAllocation
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.values import Extent, Product
from services.allocation.handlers import allocations, request_answers
from services.allocation.handlers.audit import Actor
from services.allocation.handlers.declarations import apply_settled
from services.allocation.handlers.region import region_consumer
from services.allocation.handlers.routed import routed_consumer
from shared.auth.principal import Role, StaffPrincipal
from shared.clock import FixedClock
from shared.events.envelope import Envelope, NewEvent
from shared.exchange import allocation as published
from shared.exchange.audit import AUDIT_TOPIC
from shared.exchange.contract import MessageIssued, MessageRouted, MessageStatus, SectionPublished
from shared.exchange.invoicing import DeclarationSettled, SettledLine
from shared.ijw import decode, encode
from shared.ijw.model import basis as jw
from shared.ijw.model.allocation import Allocation, AllocationClient, Contact, Jw301, Jw302
from shared.ijw.model.delivery import Jw305, StartClient, StartedProduct
from shared.ijw.model.request import Jw315, Referrer, RequestClient, RequestedProduct

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
TODAY = T0.date()
ZWOLLE, PROVIDER, CLIENT = "0193", "98000001", "999900006"
PRODUCTS = [{"category": "45", "code": "45A01", "unit": "04", "variant": "inspanning", "name": "Ambulant",
             "budget_line": "ambulant"}]
CONTRACTS = [{"id": "C-1", "provider": PROVIDER, "payment_term_days": 30, "municipalities": [ZWOLLE],
              "tariffs": [{"product": "45A01", "from": "2026-01-01", "cents": 7850}]}]
ACCESS = Actor(StaffPrincipal("u-1", "toegang", frozenset({Role.ACCESS}), frozenset({ZWOLLE})))
DETAILS = {"birth_date": "2014-03-12", "gender": "2", "surname": "Jansen", "prefix": "de", "initials": "E"}
XSD = jw.XsdVersion("1.0.0", "1.0.0")


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


@pytest.fixture
async def service():  # type: ignore[no-untyped-def]
    ctx, store = build_in_memory(AllocationSettings(), FixedClock(T0))
    for name, content in (("products", PRODUCTS), ("contracts", CONTRACTS)):
        async with store.unit_of_work() as work:
            event = NewEvent.of(SectionPublished(name, f"sha-{name}", content), T0)
            await region_consumer(ctx)(work, Envelope.of(f"section-{name}", 1, event))
            await work.commit()
    return ctx, store


def issue_command(number: int) -> IssueAllocation:
    return IssueAllocation(ZWOLLE, number, CLIENT, PROVIDER, Product("45", "45A01"), days(-10), days(40),
                           Extent(2, "04", "2"), referrer_type="01")


async def stored_types(store, after: int = 0) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.type for e in await store.db.read_all(after)]


async def outbox(store, topic: str | None = None) -> list[Envelope]:  # type: ignore[no-untyped-def]
    rows = await store.db.pending_outbox(1000)
    return [Envelope.from_json(row.value) for row in rows if topic is None or row.topic == topic]


async def sent(store, code: str) -> list[object]:  # type: ignore[no-untyped-def]
    """The iJw messages of one kind the service handed to the gateway, decoded."""
    issued = [e.payload for e in await outbox(store) if e.type == MessageIssued.TYPE]
    return [decode(p["xml"].encode("utf-8")) for p in issued if p["message_code"] == code]


async def route(ctx, store, code: str, message: object, message_id: str) -> None:  # type: ignore[no-untyped-def]
    routed = MessageRouted.of(message_id, code, PROVIDER, ZWOLLE, PROVIDER, T0.isoformat(), encode(message))
    async with store.unit_of_work() as work:
        await routed_consumer(ctx)(work, Envelope.of(f"message-{message_id}", 1, NewEvent.of(routed, T0)))
        await work.commit()


def provider_header(identification: str) -> jw.Header:
    return jw.Header(PROVIDER, ZWOLLE, jw.MessageId(identification, TODAY), XSD)


def person() -> jw.Person:
    return jw.Person(CLIENT, jw.BirthDate(date(2014, 3, 12)), "2",
                     jw.ShortName(jw.Surname("Jansen", "de"), initials="E"))


async def test_issuing_records_the_version_publishes_it_audits_it_and_sends_the_provider_a_jw301(service):
    ctx, store = service
    before = len(await store.db.read_all())
    version = await allocations.issue(ctx, issue_command, None, ZWOLLE, DETAILS, ACCESS)
    assert await stored_types(store, before) == [ev.CLIENT_DETAILS_RECORDED, ev.ALLOCATION_ISSUED,
                                                  ev.ALLOCATION_MESSAGE_SENT]
    row = await ctx.queries.allocations.row(ZWOLLE, version.number)
    assert row is not None and row.version == version
    [announced] = [e for e in await outbox(store) if e.type == published.ALLOCATION_PUBLISHED]
    assert (announced.stream_id, announced.payload["change"]) == (f"allocation-{ZWOLLE}-{version.number}", "issued")
    [jw301] = await sent(store, "301")
    assert [a.number for a in jw301.client.allocations] == [version.number]
    [audited] = await outbox(store, AUDIT_TOPIC)
    assert audited.payload["action"] == "allocation.issue"


async def test_a_deletion_waits_until_the_approved_lines_are_credited(service):
    ctx, store = service
    version = await allocations.issue(ctx, issue_command, None, ZWOLLE, DETAILS, ACCESS)
    await settle(store, version.number, 7850)
    before = len(await store.db.read_all())
    with pytest.raises(RuleViolation) as refused:
        await allocations.change(ctx, DeleteAllocation(ZWOLLE, version.number), ACCESS)
    assert refused.value.rule == "TR385" and len(await store.db.read_all()) == before
    await settle(store, version.number, -7850)
    deleted = await allocations.change(ctx, DeleteAllocation(ZWOLLE, version.number), ACCESS)
    assert deleted.deleted and await stored_types(store, before) == [ev.ALLOCATION_DELETED,
                                                                     ev.ALLOCATION_MESSAGE_SENT]
    assert len(await sent(store, "301")) == 2  # the deletion is announced to the provider too (OP087)


async def settle(store, number: int, amount: int) -> None:  # type: ignore[no-untyped-def]
    line = SettledLine("R1", None, CLIENT, number, "45", "45A01", days(-30), days(-1), 1, "04", amount)
    settled = DeclarationSettled("d-1", "D1", PROVIDER, ZWOLLE, TODAY, TODAY, amount, amount, (line,))
    async with store.unit_of_work() as work:
        await apply_settled(work, Envelope.of("declaration-d-1", 1, NewEvent.of(settled, T0)))
        await work.commit()


async def test_a_jw315_is_recorded_answered_and_honoured_with_an_allocation_carrying_its_reference(service):
    ctx, store = service
    asked = RequestedProduct("VOT-1", days(3), Referrer("02", "Huisarts Zwolle"), product=jw.Product("45", "45A01"),
                             end=days(90), extent=jw.Extent(2, "04", "2"))
    await route(ctx, store, "315", Jw315(provider_header("315-1"), RequestClient(person(), (asked,))), "m-315")
    [jw316] = await sent(store, "316")
    assert jw316.client is None  # accepted: a header-only receipt
    assert [e.type for e in await outbox(store) if e.stream_id.startswith("request-")] == [
        published.REFERRAL_RECORDED]
    request = await request_answers.honour(ctx, PROVIDER, "VOT-1", (), ACCESS)
    assert request.status == "honoured" and len(request.allocation_numbers) == 1
    [jw301] = await sent(store, "301")
    assert [(a.number, a.provider_reference) for a in jw301.client.allocations] == [
        (request.allocation_numbers[0], "VOT-1")]
    assert (await ctx.queries.requests.row(PROVIDER, "VOT-1")).status == "honoured"


async def test_a_jw305_naming_an_unknown_allocation_records_nothing_and_codes_every_product(service):
    ctx, store = service
    version = await allocations.issue(ctx, issue_command, None, ZWOLLE, DETAILS, ACCESS)
    products = tuple(StartedProduct(days(-5), "1", number, jw.Product("45", "45A01"), days(-10))
                     for number in (version.number, 4242))
    before = len(await store.db.read_all())
    await route(ctx, store, "305", Jw305(provider_header("305-1"), StartClient(person(), products)), "m-305")
    [jw306] = await sent(store, "306")
    assert [p.codes for p in jw306.client.products] == [("0200",), ("9019",)]
    assert await stored_types(store, before) == []
    await route(ctx, store, "305", Jw305(provider_header("305-2"), StartClient(person(), products[:1])), "m-305b")
    assert await stored_types(store, before) == [ev.DELIVERY_STARTED]
    assert published.DELIVERY_REPORTED in [e.type for e in await outbox(store)]


async def test_a_municipal_jw301_is_recorded_not_sent_again_and_its_jw302_marks_the_allocation(service):
    ctx, store = service
    allocation = Allocation(700001, TODAY, time(9, 30), days(-3), days(40), product=jw.Product("45", "45A01"),
                            extent=jw.Extent(3, "04", "2"))
    client = AllocationClient(CLIENT, jw.BirthDate(days(-4000)), "1", jw.FullName(jw.Surname("Visser"), "1"),
                              (Contact("01"),), (allocation,))
    message = Jw301(jw.Header(ZWOLLE, PROVIDER, jw.MessageId("GM-301-1", TODAY), XSD), client)
    await route(ctx, store, "301", message, "m-301")
    row = await ctx.queries.allocations.row(ZWOLLE, 700001)
    assert row is not None and row.version.extent == Extent(3, "04", "2") and await sent(store, "301") == []
    await route(ctx, store, "302", Jw302(jw.ReturnHeader(message.header, "R302-1", TODAY, XSD)), "m-302")
    row = await ctx.queries.allocations.row(ZWOLLE, 700001)
    assert row is not None and (row.receipt, row.receipt_codes) == ("accepted", ())


async def test_a_message_sent_is_caused_by_the_event_of_the_decision_that_sent_it(service):
    """A JW316 is part of receiving the JW315, the JW301 part of issuing the allocation that honours
    it: the outbox names the decision's first event as the cause; a status decides nothing else."""
    ctx, store = service
    asked = RequestedProduct("VOT-2", days(3), Referrer("02", "Huisarts Zwolle"), product=jw.Product("45", "45A01"),
                             end=days(90), extent=jw.Extent(2, "04", "2"))
    await route(ctx, store, "315", Jw315(provider_header("315-2"), RequestClient(person(), (asked,))), "m-315")
    await request_answers.honour(ctx, PROVIDER, "VOT-2", (), ACCESS)
    stored = {e.type: e.event_id for e in await store.db.read_all()}
    causes = {e.payload["message_code"]: e.causation_id for e in await outbox(store) if e.type == MessageIssued.TYPE}
    assert causes == {"301": stored[ev.ALLOCATION_ISSUED], "316": stored[ev.ALLOCATION_REQUESTED]}
    [status] = [e for e in await outbox(store) if e.type == MessageStatus.TYPE]
    assert (status.stream_id, status.payload["status"], status.causation_id) == ("message-m-315", "processing", None)
