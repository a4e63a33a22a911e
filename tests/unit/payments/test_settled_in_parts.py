"""A big declaration's settlement travels in parts (shared/exchange/invoicing.py `in_parts`):
payments books, counts, releases and records the evidence of the parts exactly as of the whole
declaration, and a part delivered again changes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.payments.domain import events as ev
from services.payments.domain.evidence_lines import joined
from services.payments.handlers.settlements import settlement_consumer
from shared.events.envelope import Envelope, NewEvent
from shared.exchange import invoicing as xi
from tests.unit.payments.in_memory import PROVIDER, T0, consume, payments_in_memory
from tests.unit.payments.test_consumers_in_memory import evidence, sent, settled_line

REGISTRY = ev.registry()
HELD = ("X1", "X2", "X3")


def declaration() -> xi.DeclarationSettled:
    debit = xi.SettledLine("A5", None, "999900006", 300201, "45", "45A01", date(2026, 3, 1), date(2026, 3, 28), 2,
                           "04", -10_000, False, evidence(None))
    lines = (settled_line("A1", 60_000), settled_line("A2", 40_000, exempt=True), settled_line("A3", 20_000),
             settled_line("A4", 10_000), debit)
    rejected = tuple(xi.SettledRejection(r, date(2026, 3, 1), ("0200",), 4_000) for r in HELD)
    return xi.DeclarationSettled("D-1", "D1", PROVIDER, "0193", date(2026, 3, 31), date(2026, 4, 1), 142_000,
                                 120_000, lines, rejected, "answer-1",
                                 xi.Checks((xi.Check("0201", "tariff"),), (xi.Check("8001", "credit"),)))


async def prepared() -> tuple[Any, Any]:
    """Payments with the allocation known and the rejected lines counted as held."""
    ctx, store = await payments_in_memory()
    held = xi.LinesHeld("D-1", "D1", PROVIDER, "0193", tuple(
        xi.HeldLine(r, date(2026, 3, 1), 4_000, 300201, "45", "45A01", "04", False, 1) for r in HELD))
    await consume(store, settlement_consumer(ctx), sent(held))
    return ctx, store


async def outcome(ctx: Any, store: Any) -> tuple[Any, ...]:
    """What payments keeps of a settled declaration: the book, the ceiling, the lines' rows and the
    evidence as the lawfulness statement reads it."""
    version, book = await ctx.queries.books.book()
    _, ceiling = await ctx.queries.books.ceiling("C1", 2026)
    ids = [f"{PROVIDER}:{r}" for r in ("A1", "A2", "A3", "A4", "A5", *HELD)]
    recorded = [REGISTRY.decode(e) for e in await store.read_all() if e.type == ev.DeclarationEvidenceRecorded.TYPE]
    return (version, book.items, (ceiling.used, ceiling.exempt, ceiling.held, dict(ceiling.usage)),
            await ctx.queries.reference.line_statuses(ids), joined(recorded))


async def test_a_declaration_settled_in_parts_is_booked_counted_released_and_evidenced_as_the_whole():
    whole, parts = declaration(), xi.in_parts(declaration(), 2)
    assert [(p.part, p.parts, len(p.approved), len(p.rejected)) for p in parts] == [
        (1, 3, 2, 2), (2, 3, 2, 1), (3, 3, 1, 0)]
    at_once = await prepared()
    await consume(at_once[1], settlement_consumer(at_once[0]), sent(whole))
    one_by_one = await prepared()
    for part in parts:
        await consume(one_by_one[1], settlement_consumer(one_by_one[0]), sent(part))
    in_one_poll = await prepared()
    await consume(in_one_poll[1], settlement_consumer(in_one_poll[0]), *map(sent, parts))

    expected = await outcome(*at_once)
    assert expected[0] == 5 and expected[2][2] == 0  # five lines booked, nothing held any more
    assert await outcome(*one_by_one) == expected
    assert await outcome(*in_one_poll) == expected


async def test_a_part_delivered_again_changes_nothing():
    ctx, store = await prepared()
    first, second, third = (sent(part) for part in xi.in_parts(declaration(), 2))
    for message in (first, second, third):
        await consume(store, settlement_consumer(ctx), message)
    before, events = await outcome(ctx, store), len(await store.read_all())
    await consume(store, settlement_consumer(ctx), second, first)
    assert (await outcome(ctx, store), len(await store.read_all())) == (before, events)


async def test_a_part_sent_anew_records_no_second_evidence_and_books_nothing_twice():
    """The same part under a new event id (the inbox does not know it): the evidence of that part
    is recorded, and each line booked, once."""
    ctx, store = await prepared()
    parts = xi.in_parts(declaration(), 2)
    for part in parts:
        await consume(store, settlement_consumer(ctx), sent(part))
    before = await outcome(ctx, store)
    await consume(store, settlement_consumer(ctx), sent(parts[1]))
    assert await outcome(ctx, store) == before


async def test_a_settled_declaration_of_version_1_is_the_whole_declaration():
    whole = declaration()
    payload = Envelope.of("declaration-D-1", 1, NewEvent.of(whole, T0)).payload
    old = {k: v for k, v in payload.items() if k not in ("part", "parts")}
    ctx, store = await prepared()
    await consume(store, settlement_consumer(ctx), Envelope.of("declaration-D-1", 1, NewEvent(
        xi.DECLARATION_SETTLED, 1, old, T0)))
    expected = await prepared()
    await consume(expected[1], settlement_consumer(expected[0]), sent(whole))
    assert await outcome(ctx, store) == await outcome(*expected)
