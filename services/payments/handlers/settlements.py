"""A settled declaration's approved lines become payable items (design.md §6) and count under
their contract's ceiling, and its rejected lines stop counting as held — in the consumer's one
transaction. Before the JW325, lines held at receipt count as held (usage = approved + held; the
budget's in behandeling) and lines final already (LinesDecided) as approved, in the budget as
realised. Lines under a lump-sum schedule are information: booked as such, and counted neither
under a ceiling nor in the budget, which count the lump sum instead (lump_sums.py). Redelivery
changes nothing: the inbox refuses it, the book books a line id only once, and a line's decision
is never undone.

Each message is decoded into its typed class (shared/exchange/invoicing.py) and run as one
command through the kernel's handler, inside the consumer's unit of work (`within`): the book and
the ceilings it touches are read folded (`context`), one pure decision appends to all of them and
to the declaration's evidence, and the lines' rows are written beside (`record`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.payments.adapters.financing_terms import lump_sum_of
from services.payments.adapters.region_terms import ContractTerms, contracts_of
from services.payments.adapters.settlement import (LumpSumOf, Told, ToldLine, booking_commands,
                                                   decided_usage_commands, exempt_lines, held_usage_commands,
                                                   line_rows, paid, rejected_line_ids, released_usage_commands,
                                                   usage_commands)
from services.payments.context import Payments, PaymentsWork
from services.payments.domain.book import Book
from services.payments.domain.budget import APPROVED, HELD
from services.payments.domain.commands import BookApprovedLine, RecordCeilingUsage
from services.payments.domain.payables import decide_book_approved_lines
from services.payments.handlers.book import Ceilings, book_appends, ceiling_appends, ceilings_of
from services.payments.handlers.evidence import EvidenceContext, evidence_appends, evidence_context
from services.payments.ports import PaymentsPorts
from shared.commands import Command, Decision
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.exchange import invoicing
from shared.exchange.invoicing import DeclarationSettled, LinesDecided, LinesHeld
from shared.persistence.inbox import Apply

INVOICING = EventRegistry.of(invoicing.CLASSES, invoicing.UPCASTERS)
"""What payments reads of the invoicing service's topic, typed (shared/exchange/invoicing.py). A
big declaration's settlement comes in parts, each its own message: every line is booked,
counted and released by the part that carries it, and the declaration's evidence is recorded
part by part (handlers/evidence.py)."""


def settlement_consumer(ctx: Payments) -> Apply:
    command = on_lines(ctx.default_payment_term_days, ctx.book_stream)

    async def apply(uow: PaymentsWork, envelope: Envelope) -> None:
        if envelope.type in INVOICING:
            await ctx.commands.within(uow, command, INVOICING.decode(envelope))

    return apply  # type: ignore[return-value]


CHUNK = 5_000
"""A settled declaration's events are written and projected, and its lines' rows made and written,
this many at a time in the one transaction: a large declaration never holds every event's stored
form, nor every line's row, at once (at 20,000 lines 10 MB and 9 MB at the settlement's peak,
tracemalloc)."""


@dataclass(frozen=True)
class Lines:
    """A message's lines whose rows the budget keeps (adapters/settlement.py `line_rows`, made as
    they are written: `rows`) and the line ids it rejected: records no event carries."""

    told: Told
    lines: Sequence[ToldLine]
    status: str
    lump_sum_of: LumpSumOf
    rejected: Sequence[str] = ()

    def rows(self) -> Iterator[list[dict[str, Any]]]:
        for start in range(0, len(self.lines), CHUNK):
            yield line_rows(self.told, self.lines[start:start + CHUNK], self.status, self.lump_sum_of)


@dataclass(frozen=True)
class Known:
    """What the decision on one message reads: the terms, the book and the ceilings its lines
    count under, and the evidence recorded."""

    contracts: tuple[ContractTerms, ...]
    lump_sum_of: LumpSumOf
    book: tuple[int, Book]
    ceilings: Ceilings
    evidence: EvidenceContext | None
    usages: Sequence[RecordCeilingUsage]
    """What the message counts under the ceilings. Of a settled declaration: its approved lines'
    (each counts only if the book takes it, see `_settled`); the released lines are `released`."""
    bookings: Sequence[BookApprovedLine] = ()
    released: Sequence[RecordCeilingUsage] = ()


async def _context(default_term_days: int, ports: PaymentsPorts, told: Told) -> Known:
    sections = {name: await ports.reference.section(name, []) for name in ("lump_sums", "contracts", "products")}
    contracts = contracts_of(sections["contracts"])
    of = lump_sum_of(sections, told)
    if isinstance(told, DeclarationSettled):
        bookings = booking_commands(told, contracts, default_term_days, of)
        counted = usage_commands([b for b in bookings if not b.lump_sum], contracts, exempt_lines(told))
        released = released_usage_commands(told, contracts)
        return Known(contracts, of, await ports.books.book(), await _ceilings(ports, [*counted, *released]),
                     await evidence_context(ports, told), counted, bookings, released)
    usages = _usages(told, contracts, of)
    return Known(contracts, of, (0, Book()), await _ceilings(ports, usages), None, usages)


async def _ceilings(ports: PaymentsPorts, usages: Sequence[RecordCeilingUsage]) -> Ceilings:
    return await ceilings_of(ports, ((u.contract_id, u.year) for u in usages))


def _usages(told: LinesHeld | LinesDecided, contracts: tuple[ContractTerms, ...],
            of: LumpSumOf) -> list[RecordCeilingUsage]:
    if isinstance(told, LinesHeld):
        return held_usage_commands(told, paid(told.held, of), contracts)
    return decided_usage_commands(told, paid(told.approved, of), contracts)


def decide(book_stream: str, told: Told, known: Known, now: datetime) -> Decision[None]:
    if isinstance(told, DeclarationSettled):
        return _settled(book_stream, told, known, now)
    lines = (Lines(told, told.held, HELD, known.lump_sum_of) if isinstance(told, LinesHeld) else
             Lines(told, told.approved, APPROVED, known.lump_sum_of, rejected_line_ids(told)))
    return Decision(None, appends=ceiling_appends(known.usages, known.ceilings, now), records=[lines])


def _settled(book_stream: str, told: DeclarationSettled, known: Known, now: datetime) -> Decision[None]:
    """The approved lines booked (each line id once), those booked counted under their ceiling
    unless a lump sum pays them, the rejected released, and the declaration's evidence kept."""
    assert known.evidence is not None  # read for every settled declaration (_context)
    version, book = known.book
    booked = decide_book_approved_lines(known.bookings, book, now)
    ids = {e.line_id for e in booked}
    usages = [*(u for u in known.usages if u.line_id in ids), *known.released]
    lines = Lines(told, told.approved, APPROVED, known.lump_sum_of, rejected_line_ids(told))
    return Decision(None, appends=[*book_appends(book_stream, version, booked, CHUNK),
                                   *ceiling_appends(usages, known.ceilings, now, CHUNK),
                                   *evidence_appends(told, known.evidence)],
                    records=[lines])


async def _record(ports: PaymentsPorts, told: Told, decision: Decision[None]) -> None:
    for lines in decision.records:
        for rows in lines.rows():
            await ports.reference.record_lines(rows)
        if lines.rejected:
            await ports.reference.record_rejected(lines.rejected)


def on_lines(default_term_days: int, book_stream: str) -> Command:
    """One message of invoicing as one command: the book and the ceilings are single streams
    folded, not replayed per message (`streams` is empty; adapters/book_store.py)."""
    async def context(ports: PaymentsPorts, told: Told) -> Known:
        return await _context(default_term_days, ports, told)

    def decided(told: Told, _: Any, known: Known, now: datetime) -> Decision[None]:
        return decide(book_stream, told, known, now)

    return Command(lambda _: [], decided, context, _record)
